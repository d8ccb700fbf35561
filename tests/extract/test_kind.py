"""The kind of letter, by the contract's order of judgement."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("body", "kind"), [
    ("Hermed sendes svar på Finansudvalgets spørgsmål nr. 12 (Alm. del) af 3. marts 2021.",
     "svar_paa_spoergsmaal"),
    ("Hermed oversendes rapporten om ventetider til udvalgets orientering.", "oversendelse"),
    ("Vedlagt fremsendes statusrapporten for 2023.", "oversendelse"),
    ("Jeg vil gerne orientere udvalget om, at der er gennemført en evaluering.", "orientering"),
    ("Der er nu gennemført en evaluering, som jeg hermed sender til udvalgets orientering.",
     "orientering"),
    ("Der er nu gennemført en evaluering af handlingsplanen, som jeg hermed sender til "
     "udvalgets orientering.", "orientering"),  # the plan is the topic, not the paper sent
    ("Ministeriet anmoder hermed om Finansudvalgets tilslutning til at afholde udgiften.",
     "other"),
    ("Udvalget inviteres til et møde om sagen.", "other"),
    ("Finansministeriet forelægger sagen til Finansudvalgets godkendelse.", "other"),
    ("Til underretning for Folketingets Europaudvalg vedlægges notatet om forlængelse af "
     "godkendelse af aktivstoffer.", "oversendelse"),  # approval as a topic
    ("Jeg vil følge udviklingen tæt. En oversigt over medlemstallet er vedlagt.", "orientering"),
    # an enclosure named as such: what the letter is for, after the request it answers
    ("Udvalget anmodede ved spm. 170 om, at de kvartalsvise opgørelser fremover oversendes "
     "til udvalget.\n\nOpgørelsen pr. 3. kvartal 2023 er vedlagt som bilag 1.", "oversendelse"),
    ("Rettelse til svar på spørgsmål nr. 12 (Alm. del).", "other"),
    # correction as a topic of the answer
    ("Udvalget har stillet følgende spørgsmål nr. 287 (alm. del), som hermed besvares.\n\n"
     "Tallene omfatter udligning og korrektion vedrørende overudligning.",
     "svar_paa_spoergsmaal"),
    # the ways a cover letter says it forwards
    *[(body, "oversendelse") for body in [
        "Justitsministeriet fremsender hermed til udvalgets orientering en rapport om tolke.",
        "Udvalget modtager hermed til orientering ministeriets redegørelse om Arktis.",
        "Hermed videresendes henvendelse fra Dansk Erhverv om afgifterne.",
        "Jeg videresender hermed et brev fra Kommunernes Landsforening.",
        "Jeg tillader mig hermed at fremsende rapporten om ventetider.",
        "Til udvalgets orientering sender jeg hermed kopi af mit svar til borgeren.",
        "Statsministeriet sender hermed kopi af kongelig resolution af 27. juni 2019.",
        "Som lovet på samrådet sender jeg hermed udvalget en oversigt over sagerne.",
        "Jeg skal hermed sende udvalget det lovede notat om sagen.",
        "Jeg har den 3. maj 2019 modtaget rapporten, som jeg hermed sender til udvalget.",
        # without "hermed": the passive with what it is sent for or what is sent
        "Som lovet under samrådet fremsendes til orientering notat om politiets indsats.",
        "Vedlagte notat om politiets indsats oversendes til udvalgets orientering.",
        "I forlængelse af samrådet den 3. maj oversendes notat om sagen.",
        "Ministeriet sender til orientering udvalget en kopi af svaret til borgeren.",
        "Jeg tillader mig at sende udvalget vedlagte redegørelse om ventetiderne.",
        "Jeg har hermed fornøjelsen af at sende udvalget den nye publikation.",
        "Udvalget modtager vedlagt kopi af mit brev til Rigsrevisionen.",
        "Til udvalgets orientering følger vedlagt kopi af kongelig resolution.",
        "Hermed en kopi af mit brev til borgmesteren i Aarhus Kommune.",
        "Vedlagt er en kopi af mit brev til borgmesteren i Aarhus Kommune.",
        "Udvalget vil hermed få tilsendt rapporten om ventetider.",
        "Kopi af kongelig resolution af 28. juni 2019 er vedlagt.",  # opening with it
        # a request answered or told of is none of the letter's own
        "Til udvalgets orientering sender jeg hermed betænkning nr. 1543/2017 om forkyndelse.",
        "Som aftalt på udvalgsmødet den 31. januar 2019 sendes notatet om anbringelserne.",
        "Udvalget får hermed tilsendt Ankestyrelsens undersøgelse af sagsbehandlingen.",
        "Til orientering er vedlagt kopi af kongelig resolution af 28. juni 2019.",
        "I forlængelse af udvalgets anmodning om en redegørelse fremsendes hermed notat om sagen.",
        "Hermed fremsendes kopi af mit brev til Kommunernes Landsforening, hvor jeg anmoder om "
        "en redegørelse.",
    ]],
    ("Anmodning om tilslutning til merudgifter til drift af MitID.", "other"),
    # requests, invitations and corrections in more words
    *[(body, "other") for body in [
        "Jeg skal hermed anmode Finansudvalget om at tiltræde, at ministeriet afholder udgiften.",
        "Med henblik på udvalgets tiltrædelse forelægges hermed sagen om overførslen.",
        "Ministeriet afholder den 5. juni 2017 et informationsmøde om politireformen, og "
        "udvalgets medlemmer er velkomne til at deltage.",
        "Ministeriet er blevet opmærksom på, at besvarelsen af spørgsmål nr. 45 indeholdt en "
        "ukorrekt oplysning.",
        "Skatteministeriet er blevet opmærksom på, at der i svaret på spørgsmål nr. 45 er anført "
        "et forkert tal.",
        "Vedlagt fremsendes en korrigeret version af svaret på spørgsmål nr. 45.",
        "Hermed fremsendes revideret besvarelse af spørgsmål nr. 45.",
        # a heading left in the text, short as a salutation
        "Rettelse til svar på spørgsmål nr. 45\n\nHermed fremsendes et notat med de rette tal.",
    ]],
    # the question set out without quotes asks about an error; the letter answers it
    ("Udvalget har stillet følgende spørgsmål nr. 178, som hermed besvares: Vil ministeren "
     "redegøre for, hvorfor der var en fejl i ministeriets svar på spørgsmål nr. 150?\n\n"
     "Ministeriet har undersøgt sagen.", "svar_paa_spoergsmaal"),
    ("Jeg anmoder hermed udvalget om at udsætte behandlingen af lovforslaget.", "other"),
    # a paper promised for later leaves the letter informing
    ("Regeringen har besluttet at styrke indsatsen. Rapporten oversendes til udvalget, når "
     "den foreligger.", "orientering"),
    # what is sent is told in the letter's own words: a status, a report's figures
    ("Jeg sender hermed årets status til udvalgets orientering. Studietiden er faldet.",
     "orientering"),
    ("Som led i orienteringen sender jeg hermed udvalget den 13. statusredegørelse om "
     "inddrivelsen. Gældsstyrelsen har inddrevet 7,6 mia. kr.", "orientering"),
    ("Jeg modtager hermed gerne udvalgets bemærkninger til planen.", "orientering"),
    # invitations and corrections in other words
    *[(body, "other") for body in [
        "Udvalget indbydes hermed til et besøg på Forsvarets Hovedkvarter den 3. maj.",
        "Jeg vil gerne invitere udvalget til et møde om den nye strategi.",
        "Korrigeret svar på spørgsmål nr. 12 (Alm. del).",
        "Der var desværre en fejl i besvarelsen af spørgsmål nr. 12, som hermed rettes.",
        "Jeg skal beklage, at der i mit svar af 3. maj på spørgsmål nr. 12 var en fejl.",
    ]],
    # the question quoted asks about errors; the answer corrects nothing
    ("Udvalget har stillet følgende spørgsmål nr. 1304 (Alm. del), som hermed besvares.\n\n"
     "Spørgsmål nr. 1304:\n”Vil ministeren redegøre for, om der er fejl i det nye IT-system?”"
     "\n\nSvar:\nDer er ikke fundet fejl.", "svar_paa_spoergsmaal"),
    ("Spørgsmål nr. 57:\n”Hvordan vil ministeren rette op på fejlen i den nye ordning?”\n\n"
     "Svar:\nMinisteriet vil rette henvendelse til kommunerne.", "svar_paa_spoergsmaal"),
    ("Udvalget har stillet følgende spørgsmål nr. 12, som hermed besvares. Jeg må beklage, at "
     "der er sket fejl i ministeriets sagsbehandling af sagen.", "svar_paa_spoergsmaal"),
    # a preliminary answer says it will answer later
    ("Sundheds- og Ældreudvalget har den 3. juni 2021 stillet spørgsmål nr. 909 (Alm. del). "
     "Spørgsmålet kræver oplysninger fra regionerne. Ministeriet forventer at kunne besvare "
     "spørgsmålet inden den 1. juli 2021.", "svar_paa_spoergsmaal"),
    ("Udvalget har stillet spørgsmål nr. 155 (Alm. del). Jeg kan oplyse, at ministeriet har brug "
     "for yderligere tid, idet der skal indhentes bidrag fra Statens Serum Institut. Jeg "
     "forventer at kunne sende et endeligt svar i uge 48.", "svar_paa_spoergsmaal"),
    # an answer about errors corrects nothing
    ("Udvalget har stillet følgende spørgsmål nr. 4, som hermed besvares. Svar: Der er ikke "
     "fundet fejl i besvarelsen af ansøgningerne.", "svar_paa_spoergsmaal"),
    ("Udvalget har stillet følgende spørgsmål nr. 4, som hermed besvares. Svar: Som oplyst i "
     "mit svar på spørgsmål nr. 3 er der ikke en fejl i beregningen.", "svar_paa_spoergsmaal"),
])
def test_kind_of_letter(analyse_text, body, kind):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == kind


@pytest.mark.parametrize("body", [
    # the opening says it answers, across "(TRU alm. del)"
    "Trafikudvalget har i brev af 3. november 2009 stillet mig følgende spørgsmål144 (TRU alm. "
    "del), som jeg hermed skal besvare.",
    # no question reference read, but a question and its answer under headings
    "Udvalget har bedt om min besvarelse af fø lgende spørg smål: Spørgsmål 31: ”Er det "
    "korrekt?” Svar: Nej.",
    "Statsminister Anders Fogh Rasmussens svar (endeligt) på spørgsmål nr. S 2748.",
    # headings glued to the text around them, their line breaks lost
    "Udvalgets spørgsmål 92af 2. juni 2013 til skriftligbesvarelse (alm. del)5. juni "
    "2013Spørgsmål 92 fra udvalget til ministeren:Vil ministeren redegøre for besøget?Svar:"
    "Ministeriet har haft en dialog med ambassaden.",
    # the heading names the question's series first, in small letters
    "I brev af 25. februar 2021 har udvalget stillet mig følgende spørgsmål:\n\n"
    "Alm. del spørgsmål 113\nVil ministeren kommentere henvendelsen? Svar\n"
    "Jeg har svaret borgeren direkte, og jeg vedlægger svaret til udvalgets orientering.",
    "Spørgsmål fra Udenrigsudvalget til udenrigsministeren af 9. marts 2016.\n\n"
    "URU alm. del spørgsmål 151:\nVil ministeren redegøre for spareplanen?\n\nSvar:\n"
    "Det har længe været klart, at der var behov for tilpasninger.",
    # the question announced, its heading's number lost, then the answer's heading
    "I brev af 23. november 2023 har udvalget stillet mig følgende spørgsmål:\n"
    "Aktstykke spørgsmål\nVil ministeren redegøre for, hvem der bruger klip?\nSvar\n"
    "Modtagere på universitetsuddannelser gør i højere grad brug af klip.",
    # the question quoted at the start, the answer after it with no heading
    "|\n\"Ministeren bedes redegøre for økonomien i delingsaftalerne for kommunerne.\"\n"
    "Danmarks Statistik oplyser, at amternes regnskaber offentliggøres den 16. maj 2007.",
    # ... after what the question starts from
    "|\n”Det fremgår af lovforslagets bemærkninger, at ministeren har nedsat en arbejdsgruppe. "
    "Kan ministeren mere præcist sige, hvornår arbejdsgruppen afgiver sin rapport?”\n"
    "Arbejdsgruppen forventes at afgive rapport inden årets udgang.",
])
def test_an_answer_by_its_own_words_or_headings(analyse_text, body):
    assert analyse_text(body)._.letter_kind == "svar_paa_spoergsmaal"


def test_a_quotation_that_asks_the_minister_nothing_is_no_question(analyse_text):
    body = ("”Det fremgår af rapporten, at ventetiden er faldet, og at det kan ministeren "
            "være tilfreds med.”\n\nJeg kan oplyse, at rapporten offentliggøres i dag.")
    assert analyse_text(body)._.letter_kind == "orientering"


def test_answering_questions_as_a_topic_is_no_answer(analyse_text):
    body = ("Kære Karina\n\nRetsudvalget har ved brev af 26. februar 2015 peget på forskellige "
            "problemstillinger i forhold til besvarelse af spørgsmål fra udvalget og anmodninger "
            "om teknisk bistand.\n\nVi har tidligere mødtes for at drøfte samarbejdet.")
    assert analyse_text(body)._.letter_kind == "orientering"


@pytest.mark.parametrize("body", [
    "Vedlagt følger i 5 eksemplarer høringsbrev med udkast til forslag til lov om sagen.",
    "Til udvalgets orientering vedlægges høringsskema samt de modtagne høringssvar.",
    "Til udvalgets orientering sendes hermed forslag til lov om epidemier m.v.",
    "Til udvalgets orientering vedlægger jeg hermed udkast til bekendtgørelse.",
    "Til orientering sendes vedlagt redegørelse af 2. december 2013 fra chefen for PET.",
    "Til udvalgets orientering fremsendes vedlagte ministerredegørelse om beretningen.",
    "Til udvalgets orientering fremsendes høringsnotat, høringssvar og høringsoversigt.",
    "Vedlagt sender jeg den bekendtgørelse, som jeg netop har underskrevet, om møder.",
    "Jeg sender vedlagt udvalget den aftalte oversigt over sagerne.",
    "Vedhæftet fremsendes ministeriets notat om sagen.",
    "Som lovet på samrådet skal jeg hermed fremsende et notat om sagen.",
])
def test_forwarding_a_document_for_information(analyse_text, body):
    assert analyse_text(body)._.letter_kind == "oversendelse"


def test_a_forwarding_below_letterhead_lines_left_in_the_text(analyse_text):
    body = ("Folketingets Energipolitiske Udvalg\n\nChristiansborg\n\nDato 3. august 2007\n\n"
            "Orientering om forslag til ny bekendtgørelse\n\n"
            "./. Til udvalgets orientering vedlægger jeg hermed udkast til bekendtgørelse.")
    assert analyse_text(body)._.letter_kind == "oversendelse"


def test_a_letter_ft_dk_files_as_an_answer_is_an_answer(letter):
    body = "Kære udvalg\n\nHermed fremsendes ministeriets notat om sagen."
    answer = ["Socialudvalget 2023-24\nSOU Alm.del - endeligt svar på spørgsmål 39\nOffentligt"]
    case_only = ["Socialudvalget 2023-24\nSOU Alm.del\nOffentligt"]
    assert letter(body, stamp=answer)._.letter_kind == "svar_paa_spoergsmaal"
    assert letter(body, stamp=case_only)._.letter_kind == "oversendelse"
    # The letter's own words go first: a request stays a request.
    request = "Kære udvalg\n\nMinisteriet anmoder hermed om udvalgets tilslutning."
    assert letter(request, stamp=answer)._.letter_kind == "other"


def test_a_forwarding_that_cites_an_earlier_answer_stays_a_forwarding(analyse_text):
    body = ("Til orientering for udvalget vedlægges 4 eksemplarer af årets redegørelse om "
            "affaldstransporter.\n\nDer henvises til den daværende miljøministers besvarelse af "
            "9. maj 1996 af spørgsmål nr. S 512 om en årlig redegørelse.")
    assert analyse_text(body)._.letter_kind == "oversendelse"


def test_a_report_in_the_letters_own_words_that_cites_an_earlier_answer_informs(analyse_text):
    body = ("Opgørelse over antallet af sager om nyt personnummer\n\n"
            "I forbindelse med den daværende økonomi- og indenrigsministers besvarelse af "
            "spørgsmål 2 til lovforslaget blev det tilkendegivet, at ministeriet ville udarbejde "
            "en årlig opgørelse over antallet af sager.\n\nI 2017 blev der behandlet 40 sager.")
    assert analyse_text(body)._.letter_kind == "orientering"


def test_an_answer_that_points_to_an_earlier_answer_is_an_answer(analyse_text):
    body = ("”Vil ministeren redegøre for færgetaksterne?”\n\n"
            "Jeg henviser til min besvarelse af spm. 40 alm. del stillet af udvalget.")
    assert analyse_text(body)._.letter_kind == "svar_paa_spoergsmaal"


@pytest.mark.parametrize("body", [
    # the speech answers the hearing's questions
    "Til orientering fremsendes hermed mit talepapir fra samrådet i udvalget tirsdag den 10. "
    "oktober 2006.\n\nMed venlig hilsen\n\nAnne Bech\n\nIndhold:\n1. Indledning\n"
    "2. Svar på spørgsmål A vedr. placeringen\n3. Svar på spørgsmål B vedr. økonomien",
    # the speech owns up to an error, with no signature between it and the cover sentence: its
    # header ends the letter
    "Til udvalgets orientering fremsendes hermed mit talepapir i forbindelse med samrådet den "
    "8. februar 2006.\nDET TALTE ORD GÆLDER\nTaleudkast af\n7. februar 2006\nIndledning\n"
    "Lad mig straks slå fast, at der var en fejl i svaret på udvalgets spørgsmål 7, som jeg "
    "oversendte til Folketinget.",
])
def test_a_forwarded_speech_is_a_forwarding(analyse_text, body):
    assert analyse_text(body)._.letter_kind == "oversendelse"


def test_a_cover_letter_that_forwards_an_answer_is_an_answer(analyse_text):
    body = ("Hermed fremsendes svar på spørgsmål nr. 12 (Alm. del) fra udvalget.\n\n"
            "Spørgsmål 12:\nHvad koster det?\n\nSvar:\nDet koster 5 mio. kr.")
    assert analyse_text(body)._.letter_kind == "svar_paa_spoergsmaal"


@pytest.mark.parametrize("body", [
    "Til Trafikudvalgets orientering kan jeg oplyse, at der er godkendt nye takster for "
    "lufthavnen.Det er sket efter en aftale. Jeg vedlægger pressemeddelelsen om godkendelsen.",
    "Til udvalgets orientering skal jeg oplyse, at styrelsen har beklaget fejlen over for "
    "foreningen. Til udvalgets orientering vedlægges foreningens høringssvar.",
])
def test_a_letter_that_opens_by_informing_informs_whatever_it_encloses(analyse_text, body):
    assert analyse_text(body)._.letter_kind == "orientering"


def test_a_letter_that_informs_that_it_forwards_is_a_forwarding(analyse_text):
    body = "Til udvalgets orientering kan jeg oplyse, at jeg vedlægger årets rapport."
    assert analyse_text(body)._.letter_kind == "oversendelse"


@pytest.mark.parametrize("body", [
    "Udvalget har i brev af 24. juni 2015 anmodet om en redegørelse for forsvarets opgaver i "
    "Grønland. Jeg sender hermed den ønskede redegørelse.",
    "Jeg skal hermed sende udvalget den lovede redegørelse om sagen.",
])
def test_a_report_of_the_ministers_sent_is_a_forwarding(analyse_text, body):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == "oversendelse"


@pytest.mark.parametrize(("body", "kind"), [
    ("Under samrådet den 10. juni 2009 lovede jeg at sende udvalget en redegørelse for antallet "
     "af sager om vold mod politiet. Redegørelsen er vedlagt.", "oversendelse"),
    ("Jeg lovede på samrådet at sende udvalget et notat om sagen.\n\nNotatet er vedlagt.",
     "oversendelse"),
    # the paper promised is not there yet
    ("Under samrådet lovede jeg at sende udvalget et notat om sagen. Notatet er desværre "
     "forsinket.", "orientering"),
])
def test_a_paper_promised_and_enclosed_next_is_a_forwarding(analyse_text, body, kind):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == kind


@pytest.mark.parametrize(("body", "kind"), [
    ("Jeg har i dag sendt et brev til Danmarks Naturfredningsforening om fredningen. Jeg sender "
     "kopi af brevet til udvalgets orientering.", "oversendelse"),
    ("Til udvalgets orientering sender jeg kopi af mit brev til borgmesteren.", "oversendelse"),
    # a letter sent to others, told of
    ("Ministeriet sender et brev til alle kommuner om de nye regler. Jeg vil orientere udvalget "
     "om svarene.", "orientering"),
])
def test_a_copy_sent_for_information_without_hermed_is_a_forwarding(analyse_text, body, kind):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == kind


@pytest.mark.parametrize("body", [
    "Ved en fejl blev der i mit svar på spørgsmål nr. 233 (Alm. del) angivet, at udledningen "
    "var 50.000 tons. Det korrekte tal er 55.000 tons.",
    "I svaret på spørgsmål nr. 584 (Alm. del) er det ved en fejl anført, at provenuet er 20 "
    "mio. kr.",
    # the error named by where it stands in the earlier answer
    "Der er desværre fejl i tabel 2 i mit svar af 25. april 2007 om antallet af nystartede "
    "virksomheder. En rettet tabel er vedlagt.",
])
def test_an_error_in_an_earlier_answer_told_is_a_correction(analyse_text, body):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == "other"


def test_an_answer_that_tells_of_an_error_answers(analyse_text):
    body = ("Udvalget har stillet spørgsmål nr. 12, som hermed besvares. Brevet blev ved en fejl "
            "sendt til en forkert adresse.")
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == "svar_paa_spoergsmaal"


@pytest.mark.parametrize(("body", "kind"), [
    ("Justitsministeriet vil gerne tilbyde udvalget en teknisk gennemgang af lovforslaget.",
     "other"),
    ("Ministeriet afholder den 1. april 2014 en teknisk gennemgang af reformen for udvalgets "
     "medlemmer. Gennemgangen finder sted i ministeriet kl. 14.00.", "other"),
    # an offer after what the letter does
    ("Hermed fremsendes lovforslaget. Ministeriet tilbyder udvalget en teknisk gennemgang.",
     "oversendelse"),
    ("Regeringen har i dag indgået en aftale om sagen. Jeg vil gerne tilbyde udvalget en "
     "teknisk gennemgang af aftalen.", "orientering"),
])
def test_a_letter_that_opens_by_offering_a_briefing_is_other(analyse_text, body, kind):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == kind


def test_a_letter_received_that_the_minister_hereby_passes_on_is_a_forwarding(analyse_text):
    body = ("Jeg har den 2. marts 2009 modtaget vedlagte henvendelse fra Advokatrådet om "
            "retshjælp, som jeg hermed videresender til udvalget.")
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == "oversendelse"


PUT = ("Sundheds- og Ældreudvalget har den 1. marts 2015 stillet følgende spørgsmål nr. 155 "
       "(Alm. del) til sundheds- og ældreministeren.\n\n")


@pytest.mark.parametrize("promise", [
    "Spørgsmålet vil blive besvaret hurtigst muligt.",
    "Jeg forventer at kunne sende udvalget et svar inden udgangen af april 2015.",
    "Det er ikke muligt at overholde fristen. Svaret vil blive fremsendt hurtigst muligt.",
    "Udvalget vil modtage et svar snarest muligt.",
    "Ministeriet må derfor anmode om udsættelse af fristen.",
])
def test_a_preliminary_answer_that_only_promises_the_answer_is_an_answer(analyse_text, promise):
    assert analyse_text(PUT + promise)._.letter_kind == "svar_paa_spoergsmaal"


def test_an_answer_promised_to_no_question_is_no_answer(analyse_text):
    body = "Jeg kan oplyse, at undersøgelsen er i gang. Udvalget vil modtage et svar snarest."
    assert analyse_text(body)._.letter_kind == "orientering"


@pytest.mark.parametrize(("body", "kind"), [
    # answers in words other than "svar på"
    ("Udvalget har i spørgsmål nr. 321 (Alm. del) bedt mig kommentere henvendelsen fra "
     "Danmarks Naturfredningsforening.\n\nJeg har forståelse for foreningens bekymring.",
     "svar_paa_spoergsmaal"),
    ("B 23 - spørgsmål 2\n\nUdvalget har bedt mig om at kommentere henvendelsen fra Danske "
     "Regioner.\n\nJeg er enig med Danske Regioner.", "svar_paa_spoergsmaal"),
    ("Udvalget har stillet forsvarsministeren spørgsmål nr. 55 (Alm. del). Hermed sendes "
     "udenrigsministerens svar.", "svar_paa_spoergsmaal"),
    # the question named as what the letter refers to, then the answer
    ("Jeg henviser til udvalgets spørgsmål nr. 67 (Alm. del).\n\nJeg kan oplyse, at "
     "entréindtægterne var 61,4 mio. kr.", "svar_paa_spoergsmaal"),
    ("Med henvisning til udvalgets spørgsmål 22 (Alm. del) skal jeg oplyse følgende:\n\nDer "
     "blev givet 87 påbud.", "svar_paa_spoergsmaal"),
    # the question named in brackets after what the committee asked for
    ("Udvalget har bedt om en redegørelse for Danmarks holdning til forhandlingerne "
     "(spørgsmål 14, Alm. del).\n\nDanmark støtter, at forhandlingerne indledes.",
     "svar_paa_spoergsmaal"),
    # ... and without a question, a paper asked for and sent
    ("Udvalget har bedt om en redegørelse for sagsbehandlingstiderne. Hermed sendes "
     "redegørelsen til udvalgets orientering.", "oversendelse"),
    # the question quoted under its heading, the answer below with no heading of its own
    ("Spørgsmål nr. 103 (Alm. del)\n\n”Hvor mange arbejdsulykker er der registreret?”\n\n"
     "Arbejdstilsynet har oplyst, at der i 2007 blev anmeldt 447.", "svar_paa_spoergsmaal"),
    ("Spørgsmål nr. S 2291\n\nSpørgsmålet har følgende ordlyd: ”Hvad er "
     "sagsbehandlingstiden?”\n\nSagsbehandlingstiden var 7,1 måneder.", "svar_paa_spoergsmaal"),
    # preliminary answers in other words
    ("Jeg skal beklage, at det trækker ud med at svare på udvalgets spørgsmål nr. 14. Jeg "
     "regner med at kunne vende tilbage i næste uge.", "svar_paa_spoergsmaal"),
    ("Spørgsmål nr. 201 (Alm. del)\n\nJeg må bede udvalget om at forlænge fristen til den 15. "
     "juni 2023.", "svar_paa_spoergsmaal"),
    # an earlier answer cited by what it promised or showed
    ("Som lovet i besvarelsen af spørgsmål 14 sender jeg hermed udvalget rapporten.",
     "oversendelse"),
    ("Som det fremgår af mit svar på spørgsmål nr. 118, er der nedsat en arbejdsgruppe.\n\n"
     "Arbejdsgruppen har nu afsluttet sit arbejde.", "orientering"),
    ("Hermed sender jeg udkast til lovforslag.", "oversendelse"),  # a draft is a paper
    # invitations, requests and corrections in other words
    ("Udvalgets medlemmer er velkomne til at besøge kasernen den 12. maj.", "other"),
    ("Udvalget er velkommen til at besøge kasernen.", "other"),
    ("Jeg skal bede Finansudvalget om at tiltræde, at fonden kan påtage sig yderligere "
     "garantier.", "other"),
    ("De tal, der blev oplyst i besvarelsen af spørgsmål 97, var ikke retvisende.", "other"),
])
def test_kinds_in_the_other_words_ministries_use(analyse_text, body, kind):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == kind


def test_a_question_quoted_below_its_heading_in_the_head_is_answered(analyse_text):
    body = "”Hvor mange borgere omfattes af ordningen?”\n\nDet skønnes, at ca. 4.800 omfattes."
    doc = analyse_text(body, head=[["L 45 - spørgsmål 7"]])
    assert doc._.letter_kind == "svar_paa_spoergsmaal"


@pytest.mark.parametrize(("body", "kind"), [
    # the sender's own answer sent, to a lettered samrådsspørgsmål
    ("Vedlagt følger min besvarelse af samrådsspørgsmål A.", "svar_paa_spoergsmaal"),
    ("Hermed følger mit svar på samrådsspørgsmål B fra Retsudvalget.", "svar_paa_spoergsmaal"),
    # what the committee asked, the question named in brackets
    ("Udvalget har spurgt, hvor mange der er omfattet af reglen (L 45 - spørgsmål 7).\n\n"
     "Der er omfattet ca. 400 personer.", "svar_paa_spoergsmaal"),
    # ... not what it asked before, told of in an information
    ("Udvalget har tidligere spurgt til reglerne, jf. spørgsmål 7. Jeg kan nu orientere om, at "
     "reglerne ændres.", "orientering"),
    # a § 20 question under a long heading, its answer without "Svar:"
    ("Spørgsmål nr. S 1234 stillet af Frank Aaen (EL) den 11. december 2012:\n”Hvor mange "
     "virksomheder har fået henstand?”\n\nSKAT har oplyst, at 1.146 selskaber har fået henstand.",
     "svar_paa_spoergsmaal"),
    # an earlier answer cited in what the letter tells
    ("Jeg skal orientere udvalget om, at signalprojektet forsinkes. Som jeg oplyste i mit svar "
     "på spørgsmål 302, var tidsplanen usikker.", "orientering"),
    ("Jeg vil hermed orientere udvalget om et udbrud af svinepest. Som jeg oplyste i svaret på "
     "spørgsmål 612, er risikoen størst ved ulovlig indførsel.", "orientering"),
    # corrections that state the right figure
    ("I mit svar af 20. januar 2015 på spørgsmål nr. 12 (alm. del) oplyste jeg fejlagtigt, at "
     "1.814 patienter var udredt. Det korrekte tal er 1.418.", "other"),
    ("I tabel 2 i besvarelsen af spørgsmål 187 skal tallet for 2019 rettelig være 231,4 mia. "
     "kr.", "other"),
    ("I mit svar på spørgsmål nr. 12 anførte jeg, at der var 40 sager. Det korrekte antal er "
     "45.", "other"),
    ("Tabel 1 i bilaget til besvarelsen af spørgsmål nr. 87 indeholder en regnefejl.", "other"),
    # papers sent by more names: a talepapir, an opgørelse, a fortegnelse
    ("I forlængelse af samrådet den 3. maj om samrådsspørgsmål A sender jeg hermed talepapiret.",
     "oversendelse"),
    ("Som lovet i min besvarelse af spørgsmål nr. 45 sender jeg hermed udvalget en opgørelse "
     "over sagsbehandlingstiderne.", "oversendelse"),
    # consent asked of a committee named in the genitive; consent told of asks nothing
    ("Justitsministeriet skal hermed anmode om Folketingets Finansudvalgs tilslutning til at "
     "afholde udgifter til nye patruljevogne.", "other"),
    ("Jeg har modtaget Finansudvalgets godkendelse af aktstykket og kan oplyse, at arbejdet "
     "går i gang.", "orientering"),
    # an answer that refers to a correction sent in another letter
    ("Udvalget har stillet følgende spørgsmål nr. 4, som hermed besvares. Støjberegningen er "
     "igangsat. Jeg henviser i øvrigt til den beklagelse og korrektion af svar på udvalgets "
     "spørgsmål nr. 194, som blev fremsendt den 1. december 2017.", "svar_paa_spoergsmaal"),
    # an invitation of others, after what the letter tells, leaves it an information
    ("Jeg skal hermed orientere udvalget om, at der ikke er modtaget bud i udbuddet. Jeg vil "
     "invitere Folketingets partier til drøftelser herom.", "orientering"),
    # thanks for a visit or an invitation, a samråd's time and place
    ("Tak for udvalgets besøg på Flyvestation Skrydstrup den 26. januar 2010.", "other"),
    ("Tak for invitationen til udvalgets temadag om dyrevelfærd.", "other"),
    ("Jeg har modtaget udvalgets indkaldelse til samråd om samrådsspørgsmål K. Jeg kan deltage "
     "som foreslået.", "other"),
    ("Udvalget har indkaldt mig til samråd den 14. marts. Da jeg er i Bruxelles, skal jeg anmode "
     "om, at samrådet udskydes.", "other"),
])
def test_kinds_of_answers_corrections_and_practical_letters(analyse_text, body, kind):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == kind


def test_the_senders_own_answer_sent_is_the_question_answered(analyse_text):
    doc = analyse_text("Vedlagt følger min besvarelse af spørgsmål nr. 12 (Alm. del).")
    assert [(ref.number, ref.answered) for ref in doc._.question_refs] == [(12, True)]


def test_a_paper_sent_for_a_question_answered_in_another_letter_is_a_forwarding(analyse_text):
    doc = analyse_text("Hermed fremsendes ministeriets kvartalsvise opgørelse over udgifterne til "
                       "konsulenter.\n\nOpgørelsen indgår i grundlaget for besvarelsen af FIU alm. "
                       "del spørgsmål 112 om konsulentforbruget, som jeg vil besvare særskilt.")
    assert doc._.letter_kind == "oversendelse"
    assert [(ref.number, ref.answered) for ref in doc._.question_refs] == [(112, False)]


@pytest.mark.parametrize(("body", "kind"), [
    ("Jeg sender hermed til udvalgets orientering Vejdirektoratets rapport om støjskærme.",
     "oversendelse"),
    ("Jeg sender hermed ekspertgruppens anbefalinger om fremtidens udskoling.", "oversendelse"),
    ("Regeringen vil indlede forhandlinger om havvind. Forud for forhandlingerne vil jeg gerne "
     "invitere jer til et orienteringsmøde.", "other"),
    ("Den 18. maj oversendte jeg et notat om reformen. Det korrekte antal er 72.000 personer og "
     "ikke 78.000 som anført.", "other"),
    ("Jeg er blevet spurgt om, hvordan jeg vil sikre undervisningen i tysk (spørgsmål nr. "
     "45).\n\nSkolerne har fået en vejledning.", "svar_paa_spoergsmaal"),
])
def test_forwardings_invitations_corrections_and_answers_in_more_words(analyse_text, body, kind):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == kind


@pytest.mark.parametrize(("body", "kind"), [
    ("Jeg har modtaget vedlagte brev fra borgmesteren. Da brevet også er stilet til udvalgets "
     "medlemmer, sender jeg det hermed til udvalget.", "oversendelse"),
    ("Ved brev af 6. april sendte jeg udvalget et notat om hvidvask. Der er efterfølgende "
     "konstateret en regnefejl i notatets tabel 2. Et korrigeret notat er vedlagt.", "other"),
    ("Det aftalte møde mellem udvalget og mig onsdag den 3. juni kl. 13.00 må desværre "
     "flyttes.", "other"),
])
def test_a_letter_passed_on_a_note_corrected_and_a_meeting_moved(analyse_text, body, kind):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == kind


@pytest.mark.parametrize("body", [
    # the published text cut before the answer: the question's heading opens the text
    "Spørgsmål nr. 12:\nVil ministeren redegøre for, hvordan reglerne administreres, herunder "
    "hvor mange sager der er behandlet i 2019 og 2020, og hvad den",
    "Udvalget har stillet følgende spørgsmål:\n\nSpørgsmål 12:\nKan ministeren oplyse, hvor",
])
def test_a_text_cut_after_the_question_it_sets_out_is_an_answer(analyse_text, body):
    assert analyse_text(body)._.letter_kind == "svar_paa_spoergsmaal"


def test_a_paper_named_with_an_apostrophe_and_a_hyphen_is_forwarded(analyse_text):
    doc = analyse_text("Jeg sender hermed DR's public service-redegørelse for 2012, som jeg har "
                       "modtaget fra DR's bestyrelse.")
    assert doc._.letter_kind == "oversendelse"


def test_an_evaluation_sent_hermed_is_a_paper_forwarded(analyse_text):
    doc = analyse_text("Hermed sender jeg til udvalgets orientering den internationale "
                       "evaluering af universitetsloven.")
    assert doc._.letter_kind == "oversendelse"


def test_a_note_that_follows_up_on_an_answer_cites_the_question(analyse_text):
    doc = analyse_text("Ministeriet oversender hermed til udvalgets orientering et notat om "
                       "status for loven.\n\nNotatet følger op på ministeriets besvarelse af "
                       "spørgsmål nr. 214 (Alm. del).")
    assert doc._.letter_kind == "oversendelse"
    assert [(ref.number, ref.answered) for ref in doc._.question_refs] == [(214, False)]


@pytest.mark.parametrize(("body", "kind"), [
    # a copy of the letter itself, sent to the committee for information, forwards no paper
    ("Under samrådet lovede jeg at vende tilbage med oplysninger om randzonerne. "
     "Styrelsen har modtaget 3.912 ansøgninger. Jeg sender en kopi af dette brev til "
     "Udvalget for Fødevarer, Landbrug og Fiskeri til orientering.", "orientering"),
    ("Styrelsen har modtaget 3.912 ansøgninger. Kopi af nærværende brev er sendt til "
     "udvalget til orientering.", "orientering"),
    # ... while a copy of another letter sent is a forwarding
    ("Jeg sender kopi af mit brev til styrelsen til udvalgets orientering.", "oversendelse"),
])
def test_a_copy_of_the_letter_itself_sent_to_the_committee(analyse_text, body, kind):
    assert analyse_text(body)._.letter_kind == kind


@pytest.mark.parametrize(("body", "kind"), [
    # a paper named by its maker, four words after "hermed"
    ("Som bekendt blev vaccinationen påbegyndt den 27. december 2020. Jeg sender hermed udvalget "
     "Statens Serum Instituts undersøgelse af effekten af vaccinen.", "oversendelse"),
    # a heading that names the letter a forwarding
    ("Oversendelse af Statens Serum Instituts undersøgelse af vaccineeffekt\n\nSom bekendt blev "
     "vaccinationen påbegyndt den 27. december 2020.", "oversendelse"),
    # thanks for a visit in the minister's own words
    ("Jeg vil gerne takke udvalget for et godt og udbytterigt besøg i Haderslev Stift den 18. "
     "april 2016.", "other"),
])
def test_forwardings_and_thanks_in_the_words_of_bilag_letters(analyse_text, body, kind):
    assert analyse_text(body)._.letter_kind == kind


@pytest.mark.parametrize(("body", "kind"), [
    # informing after a sentence of background; the report enclosed at the end adds to it
    ("Under samrådet i Retsudvalget den 27. maj 2010 tilkendegav jeg, at jeg ville vende tilbage "
     "til udvalget. Jeg skal hermed oplyse, at Rigsadvokaten nu har gennemgået samtlige "
     "beslutninger. Rigsadvokatens redegørelse vedlægges til udvalgets orientering.",
     "orientering"),
    # the committee "receives" the paper
    ("Udvalget vil hermed modtage regeringens udenrigs- og sikkerhedspolitiske strategi "
     "2019-2020, som regeringen har offentliggjort i dag.", "oversendelse"),
    # ... while a paper promised for later is no forwarding
    ("Udvalget vil modtage strategien, når den foreligger. Arbejdet er i gang.", "orientering"),
])
def test_informing_after_background_and_a_paper_the_committee_receives(analyse_text, body, kind):
    assert analyse_text(body)._.letter_kind == kind


@pytest.mark.parametrize(("body", "kind"), [
    # a paper sent by its name (an abbreviation) for the committee's information
    ("Energistyrelsen har i dag offentliggjort Klima- og energifremskrivning 2020 (KF20), og jeg "
     "sender hermed KF20 til udvalgets orientering.", "oversendelse"),
    # ... while a status told in the letter's own words informs
    ("Jeg sender hermed årets status til udvalgets orientering. Studietiden er faldet.",
     "orientering"),
])
def test_a_paper_sent_by_its_name_for_information(analyse_text, body, kind):
    assert analyse_text(body)._.letter_kind == kind


def test_a_letter_that_informs_and_names_the_answer_a_paper_will_go_into_informs(analyse_text):
    body = ("Jeg skal hermed orientere udvalget om, at styrelsen har konstateret fejl i tre "
            "universiteters indberetninger. Jeg forventer at kunne give udvalget en redegørelse "
            "primo oktober 2009. Redegørelsen vil også indgå i besvarelsen af udvalgets spørgsmål "
            "nr. 205 (UVT alm. del).")
    assert analyse_text(body)._.letter_kind == "orientering"


def test_a_reply_that_the_minister_can_attend_a_samraad_is_about_its_time_and_place(analyse_text):
    body = ("Udvalget har i brev af 2. april 2008 anmodet mig om at deltage i et åbent samråd om "
            "samrådsspørgsmål N, O og P vedrørende forholdene på asylcentrene. Jeg kan oplyse, at "
            "jeg kan deltage i samrådet torsdag den 24. april 2008 kl. 10.00.")
    assert analyse_text(body)._.letter_kind == "other"


@pytest.mark.parametrize("heading", ["INVITATION", "Invitation til temadag om dyrevelfærd"])
def test_a_letter_headed_as_an_invitation_invites(analyse_text, heading):
    body = ("Desværre blev arrangementet i efteråret aflyst, og derfor er jeg nu glad for at kunne "
            "byde udvalget på den årlige udflugt onsdag den 21. april 2010.")
    doc = analyse_text("Kære udvalg\n\n" + body, head=[["Folketingets Fødevareudvalg"], [heading]])
    assert doc._.letterhead.subject == heading
    assert doc._.letter_kind == "other"
