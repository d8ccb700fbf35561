"""Counts of things, and the numbers that are not counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def counts(doc):
    return [(c.value, c.lemma) for c in doc._.counts]


@pytest.mark.parametrize(("text", "expected"), [
    ("Der er igangsat 22 initiativer.", [(22, "initiativ")]),
    ("Planen har fire indsatsområder.", [(4, "indsatsområde")]),
    ("I alt 93 kommuner deltog.", [(93, "kommune")]),
    ("Der blev ansat 12 nye medarbejdere.", [(12, "medarbejder")]),
])
def test_a_number_and_the_noun_it_counts(analyse_text, text, expected):
    assert counts(analyse_text(text)) == expected


@pytest.mark.parametrize("text", [
    "Der blev afsat 73,4 mio. kr. til indsatsen.",  # an amount
    "Handlingsplanen løb i perioden 2017-2020.",  # years
    "Loven trådte i kraft den 4. november 2020.",  # a date
    "Det gælder unge under 18 år.",  # an age
    "Anlægget leverer 3 GW.",  # a unit
    "Motoren yder 227 hestekræfter, og rammen er 90 centimeter bred.",
    "Opskriften bruger 2 dl fløde.",
    "Initiativet blev aflyst på grund af Covid-19.",  # a name with digits
    "Der var 12 Covid-19.",  # ... with no noun after it
    "Se spørgsmål nr. 12 og § 5, stk. 2.",  # references
    "Der er et initiativ og en plan.",  # the article
])
def test_numbers_that_are_not_counts(analyse_text, text):
    assert counts(analyse_text(text)) == []


def test_qualifier_is_what_the_clause_says_of_the_things(analyse_text):
    doc = analyse_text("Der er igangsat 22 initiativer, hvoraf 20 initiativer er gennemført "
                       "som planlagt.")
    assert [(c.value, c.qualifier) for c in doc._.counts] == [
        (22, None), (20, "gennemført som planlagt")]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_any_text_never_raises_and_evidence_quotes_raw(analyse_text, text):
    doc = analyse_text("Der er 5 kommuner. " + text)
    for count in doc._.counts:
        assert doc.text[count.evidence.start:count.evidence.end] == count.raw


@pytest.mark.parametrize(("text", "expected"), [
    ("Løsningen har 5,1 mio. brugere.", [(5100000, "bruger")]),
    ("Der er 3.400 frivillige.", [(3400, "frivillig")]),
    ("I alt 249.198 studerende modtog SU.", [(249198, "studerende")]),
    ("Der er ca. 1.270 ubesatte stillinger.", [(1270, "stilling")]),
])
def test_scaled_numbers_nominalised_adjectives_and_participles(analyse_text, text, expected):
    assert counts(analyse_text(text)) == expected


def test_a_name_with_a_digit_and_its_compound_are_one_noun(analyse_text):
    [count] = analyse_text("De otte regionale TV 2-virksomheder får tilskud.")._.counts
    assert (count.value, count.noun, count.lemma) == (8, "TV 2-virksomheder", "tv 2-virksomhed")


@pytest.mark.parametrize("text", [
    "Ministeriet\nHolbergsgade 6\nDK-1057 København K",  # a street number before a line break
    "Miljøministeriet • Højbro Plads 4 • 1200 København K",  # ... before a bullet
    "Frederiksholms Kanal 27 F1220 København K",  # ... glued to the postcode
    "T +45 7226 9000\nF +45 7226 9001",  # phone numbers in groups
    "Telefon 3392 3390 Dokument nr. 366647",  # ... with a noun after them
    "CVR-nr. 10092485\nEAN nr. 5798000",  # CVR and EAN
    "J.nr. 2024 - 5254\nDen 27. maj",  # a case number
    "Sagsnr.: 1805818\nDok. nr.: 669610\nFolketingets Sundhedsudvalg",
    "under henvisning til svaret på UUI alm. del -spørgsmål 272 oplyse, om",  # a question
    "stillet følgende§ 16 spørgsmål 1 til ministeren",  # a paragraph glued to its word
    "Se www.ft.dk/samling/2 sider om sagen.",  # a web address
    "besvarelse af spørgsmål 10. 2 UDENRIGSMINISTERIET OKO",  # a page number, capitals
    "at ”3 af 4 [børn af efterkommere] henter",  # a bracket is no noun
    "Der er brugt 3 af de 5 mio. kr. til formålet.",  # a part of an amount
    "Konsekvenserne beregnes under to alternati",  # a word cut off by the end of the text
    "side 1\n2\nDokumenterne er sendt.",  # a number alone on its line
    "Februar\n195\n254\nMarts\n2.392\n195\nApril\n179\n200",  # table cells, one to a line
    "som omtalt i kommissionens redegørelse bind 12 side 188",  # a volume and its page
    "Der var således knap fem gange så mange personer fra ledighed.",  # a factor
    "Udkastet blev fremlagt i Rådet og i art. 133 komiteen.",  # an article's number
    "Det drejer sig om tiltag 13 og 15.\nTiltag 13 udfaser fiksering af søer.",  # a label's
    "Mødet blev holdt den 2 maj i Bruxelles.",  # a date without its day's full stop
    "det var Kommissi o-Side 2 af 5 nens opfattelse",  # a page number run into the text
    "mellem Motorring 3 og Motorring 4 Spørgsmål 1: Ministeren bedes kommentere",  # a road
    "Afgiften stiger med 85 øre pr. liter.",  # a unit of money
    "En pakke med 160 gram tobak koster mere.",  # a unit of weight
    "når støjen overstiger 70 dB ved boligerne",  # a unit's abbreviation
    "Ansatte med under 8 løntimer\npr. uge er udeladt.",  # a unit as a compound's last part
    "Der pumpes knap 1,9 millioner kubikmeter sand op på stranden.",  # a unit of volume
    "Det kræver tre millionerkubikmeter at opretholde kystlinjen.",  # ... glued to its scale
    "Grunden er på 450 kvadratmeter.",
    "bekæmpelse af aviær influenza. KOM (2005) 171 Genoptryk af grundnotat",  # the EU's number
    "Kommissionens forslag KOM(2010) 372 endelige udgave",
    "ombygningen af Avedøreværkets blok 2 tilmulighed for kulfyring",  # a unit of a plant
    "Anlægget af etape 3 strækninger er udskudt.",
    "Gevinsten er næsten 7 gange højere end omkostningerne.",
    "Ændringen vil betyde, at 500 færre vil miste retten.",  # a comparative counts nothing
    "Der henvises til besvarelse af SUU alm. del. 409 del a.",  # a question, "nr." left out
    "analysen: “The hosts actively contributed to that outcome.”",  # English in a quotation
    "har stillet mig følgende spørg smål 44 alm. del, som jeg hermed skal besvare.",  # a question
    "hvor mange asylansøgere målt pr. 1000 indbyggere Danmark tog imod",  # a rate's denominator
    "Andelen er størst blandt landene per 100.000 indbyggere.",
    "Tabel 1 til 3 opgør antallet af personer på kontanthjælp.",  # a range of tables
    "Dok. nr.\nClick here to enter text.",  # a template's English left-over
    "havmiljøet indenfor 12 sømilegrænsen, samt om strukturreformen",  # part of a name
    # classes of size, not counts of people
    "De fleste virksomheder havde under 10 ansatte, mange havde mellem 10 og 49 ansatte. De "
    "øvrige havde 50 ansatte eller flere.",
    "Klasser med mindre end 10 elever og flere end 35 elever er frasorteret.",
    "klasser med henholdsvis 29, 30 og flere end 30 elever fordelt på kommuner",
    "Ordningen gælder i to tredjedele af kommunerne.",  # a share
    "Ordningen gælder for 25 årige.",  # an age
    "Der er modtaget flere tusinde henvendelser.",  # no number
    "meddelelse af tre nye\n\ngeotermitilladelser",  # a heading broken over a blank line
    "I 2019 blev der behandlet sager, og siden 2015 kommuner.",  # years
    "Heraf er 3 ud af 4 fortsat i job.",  # a part of a whole named before, an adverb after
    "Der er afsat 2 x 20 pladser til formålet.",  # a product, which the text does not write
    "Der er afsat 2 × 20 pladser til formålet.",
    "Svarene kom 12 hurtigt efter hinanden.",  # an adverb describing no word after it
    "Af de udsendte var kun 2 rask, da de kom hjem.",  # an adjective said of the things
    "Der er 14 nye tilbage.",  # an adverb after the adjective is no noun
])
def test_what_genuine_letters_hold_that_is_no_count(analyse_text, text):
    assert counts(analyse_text(text)) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Der er to helt centrale\nområder i aftalen.", [(2, "område")]),  # over a line break
    ("Ministeren skal mindst tre gange i året orientere.", [(3, "gang")]),  # repetitions
    ("et samarbejde mellem de to ministerier.", [(2, "ministerium")]),
    ("Der er ansat\n12 nye medarbejdere.", [(12, "medarbejder")]),  # at the start of a line
    # a line break after the noun (read over a line break, the tagger took it for a verb)
    ("resultater, der er høstet for hvert af de tre initiativer\nog herunder beskrive, hvilke",
     [(3, "initiativ")]),
    ("Ministeriet har modtaget i alt tre ansøg-ninger om tilskud.", [(3, "ansøgning")]),  # broken
    # a compound that starts with an abbreviation, no syllable of a broken word
    ("Der er oprettet 3 cpr-numre.", [(3, "cpr-nummer")]),
    ("Der er 3 cpr-numre og 3 ansøg-ninger.", [(3, "cpr-nummer"), (3, "ansøgning")]),
    # a participle the tagger takes for a noun
    ("I 2016 er der registreret 291 tilbagetrukne asylansøgninger.", [(291, "asylansøgning")]),
    # a participle before its noun over a line break
    ("Ifølge en af de 3 oversendte\nvideoer i forbindelse med optoget.", [(3, "video")]),
    ("der føres tilsyn med 6 andre skoler end Aalborg Tekniske Skole.", [(6, "skole")]),
    ("Jeg kan give to eksempler på det.", [(2, "eksempel")]),  # Danish "give", not English
    ("Vi har set på de to former for AI.", [(2, "form")]),  # Danish "former", not English
    # a plural noun in -e the tagger took for a verb
    ("Passagertallet i landets 14 havne med færgefart faldt.", [(14, "havn")]),
    ("DSB vil indsætte ti ekstra togafgange i myldretiden.", [(10, "togafgang")]),
    # ... not a verb in the past or the present
    ("Hvoraf 3 afviste tilbuddet, og 2 ønsker at flytte.", []),
    # numbers joined by "og" over a line break
    ("Der er gennemført henholdsvis 1.840 og\n2.210 kontroller.",
     [(1840, "kontrol"), (2210, "kontrol")]),
    # Latin neuters and "centre"
    ("Der er 94 jobcentre, 15 gymnasier og 3 kriterier.",
     [(94, "jobcenter"), (15, "gymnasium"), (3, "kriterium")]),
    ("Inden for 12 sømil lå 3 skibe.", [(3, "skib")]),  # a nautical mile is a unit
    ("Man får en tid inden for 5 hverdage.", []),  # a duration
    ("Uddannelsen er på 30 ECTS-point for 12 studerende.", [(12, "studerende")]),  # credits
    ("DSB har modtaget 77 IC4-togsæt.", [(77, "ic4-togsæt")]),  # a name with digits
    # a plural in -er tagged as a verb before a past participle; a noun tagged as an adverb
    # after a determiner
    ("Siden 2007 er 19 skadestuer lukket eller omdannet.", [(19, "skadestue")]),
    ("Hvor mange tilbud har de fem socialtilsyn godkendt?", [(5, "socialtilsyn")]),
    ("Det gjorde de tre også.", []),
    # a plural in -er tagged as a verb after a genitive: the things it owns
    ("Det er sket ved styrelsens 31 skibsinspektører, der rejser rundt.",
     [(31, "skibsinspektør")]),
    ("Danmark støtter i 2023 12 organisationer.", [(12, "organisation")]),  # after a year
    # a plural in -er tagged as a verb, where the number is an object; not a verb
    ("Der var i 2018 i alt 331.000 kørsler med udrykning.", [(331000, "kørsel")]),
    ("Hvoraf 2 arbejder i Aarhus.", []),
    # a table by years whose column's label the text prints after the first year
    ("Udlændingestyrelsen har modtaget følgende antal ansøgninger:\n2018\nAnsøgninger\n2.748\n"
     "2019\n2.061\nI alt\n4.809\n", [(2748, "ansøgning"), (2061, "ansøgning"),
                                      (4809, "ansøgning")]),
    # one column under the label of what it counts, its rows' labels listed first
    ("Tabel 1\nAntal udskrivninger\nMandag\nTirsdag\n9.483\n7.577\nI alt\n17.060\n",
     [(9483, "udskrivning"), (7577, "udskrivning"), (17060, "udskrivning")]),
    # a name's capitals between the number and the noun they describe
    ("Der er kendt finansiering af 206 EFSI projekter.", [(206, "projekt")]),
    # an English text quoted whole counts nothing: no "to", no "23 March"
    ("I have great pleasure in inviting you to the meeting of the European Council to be held "
     "on 22 and 23 March 2005.", []),
    ("Wednesday's working session will be devoted to adoption of the European Council "
     "conclusions.", []),
    ("I very much look forward to meeting you again shortly.", []),
    # a compound whose last part alone has the lemma: "klagesager" -> "klagesag"
    ("Der blev oprettet 6.003 nye klagesager og 12 byggesager.",
     [(6003, "klagesag"), (12, "byggesag")]),
    # ... also where the tagger reads it as an adjective
    ("Arktisk Råd har 12 observatørlande.", [(12, "observatørland")]),
    # a noun that only ends like a definite singular; cows, not queues
    ("Der er beslaglagt 31 skydevåben og 112 knive.", [(31, "skydevåben"), (112, "kniv")]),
    ("Der er 180.000 køer i landet.", [(180000, "ko")]),
    # a sentence the parser starts inside a name is no sentence whose first noun names a number
    ("Heraf befordrede hurtigfærgen Villum Clausen 612.000 passagerer på ruten.",
     [(612000, "passager")]),
    # a noun glued to the small word after it where a line break was lost
    ("Der blev meddelt 17.405 opholdstilladelserpå asylområdet og 856 søerog vandløb.",
     [(17405, "opholdstilladelse"), (856, "sø")]),
    ("Nævnet afgjorde 263 klagesagervedrørende husdyrbrug.", [(263, "klagesag")]),
    ("Der kom 3 ideer frem, og der er 412 behandlingssteder.",
     [(3, "ide"), (412, "behandlingssted")]),
    # a number just after a quotation mark; an adjective in brackets before the noun
    ("Pressemeddelelsen »18 strategiske partnerskaber« er vedlagt.", [(18, "partnerskab")]),
    ("Der blev underskrevet de to (vedlagte) fælleserklæringer.", [(2, "fælleserklæring")]),
    ("Der er to ting, vi skal nå.", [(2, "ting")]),
    # a part of a whole the whole's owner names
    ("I ti af landets 12 politikredse er der fundet fejl.",
     [(10, "politikreds"), (12, "politikreds")]),
    # ... and a whole after a definite adjective, which a hyphen may break over a line's end
    ("84 af de nu-\nværende 97 statsanerkendte museer modtog tilskud.",
     [(84, "museum"), (97, "museum")]),
    # a plural noun in the genitive, tagged an adverb, before the noun it owns
    ("Det er for fire medlemslandes vedkommende ikke modtaget oplysninger.",
     [(4, "medlemsland")]),
    # thousands set apart by spaces, as amounts are; not a phone number's groups
    ("Der er i alt 12 500 personer på listen, og 1 250 000 indbyggere er omfattet.",
     [(12500, "person"), (1250000, "indbygger")]),
    ("Ring på 33 92 33 00 eller skriv til os.", []),
    # a noun tagged as a verb in the past or present after a number that is an object; a verb
    # after a number that is its subject
    ("Banedanmark købte 4 tog i 2019, og der blev aflyst 14 tog i går.", [(4, "tog"), (14, "tog")]),
    ("Der er 5 cases, som afventer.", [(5, "case")]),
    ("Af de ti ansøgere tog 4 imod tilbuddet, og 3 tog imod senere.", [(10, "ansøger")]),
    ("Danmark er inddelt i 23 hovedvandoplande.", [(23, "hovedvandopland")]),  # an adjective
    ("Ring på 33 92 33 33.", []),  # a phone number's groups
    # an adjective the tagger took for a noun or an adverb, before the plural noun
    ("Der var ca. 3.400 praktiserende læger i Danmark.", [(3400, "læge")]),
    ("Der blev tildelt 312 sure smileyer.", [(312, "smiley")]),
    ("at de\ntre mest berørte kommuner har søgt.", [(3, "kommune")]),
    # a compound whose first part is one letter or an abbreviation
    ("Der er i alt 22 a-kasser og ca. 3.400 it-systemer.", [(22, "a-kasse"), (3400, "it-system")]),
    # the things a noun in the genitive owns
    ("Landets 94 jobcentre har afholdt møder.", [(94, "jobcenter")]),
    ("Hjemmeværnets 42 kompagnier gennemførte øvelser.", [(42, "kompagni")]),
    # a part of a group named in the definite, or by a participle after "de"
    ("Børnene kommer fra 14 lande, og 23 af børnene er under 6 år.",
     [(14, "land"), (23, "barn")]),
    ("Politiet har rejst 8 sigtelser, og 2 af de sigtede er fængslet.",
     [(8, "sigtelse"), (2, "sigtet")]),
    ("Seks af klinikkerne har åbent.", [(6, "klinik")]),
    ("Jeg har sagt, at 3 ud af 4 af forældrene gør det.", []),  # a share
    # a plural the tagger left unmarked, a participle tagged an adjective
    ("Styrelsen gennemførte i samme år\n1.126 kontroller.", [(1126, "kontrol")]),
    ("Heraf blev 38 indsatte efterfølgende tilbageført.", [(38, "indsat")]),
    ("udgifterne for de fire forskelli-ge linjeføringer, som undersøges.", [(4, "linjeføring")]),
    # past participles in the plural for the people they describe
    ("Fødevaresektoren har 140.000 ansatte, og i mange landkommuner er over 15 pct.",
     [(140000, "ansat")]),
    ("Politiet har 12 anholdte og 4 sigtede i sagen.", [(12, "anholdt"), (4, "sigtet")]),
    # digits a year could be, counting the plural noun after them
    ("Der er afvist 1944 personer ved grænsen.", [(1944, "person")]),
    ("Der er i alt 2017 sager, og ca. 2000 nye boliger er bygget.",
     [(2017, "sag"), (2000, "bolig")]),
    ("Der var i 2021 1.234 anmeldelser.", [(1234, "anmeldelse")]),  # after a year
    ("Der er ansat 25 yderligere medarbejdere.", [(25, "medarbejder")]),
    # an adjective's neuter as an adverb before the participle or adjective it describes
    ("Ved ulykken var der 12 alvorligt tilskadekomne.", [(12, "tilskadekommen")]),
    ("Stormen gav 3 hårdt ramte familier.", [(3, "familie")]),
    # ... and an adverb's superlative, which grades the participle after it
    ("De fem hårdest ramte kommuner får hjælp.", [(5, "kommune")]),
    ("Der er 8 bedst placerede kommuner i opgørelsen.", [(8, "kommune")]),
    # ... and a degree before an adjective: "næsten lige store"
    ("Landet deler sig i tre næsten lige store grupper.", [(3, "gruppe")]),
    ("Der kom 5 forholdsvis små ansøgninger.", [(5, "ansøgning")]),
    # a participle the tagger read as a verb, before an adjective and its noun
    ("To kendte russiske historikere deltog.", [(2, "historiker")]),
    # copies abbreviated, as cover letters write them
    ("Hermed sendes 175 eks. af betænkningen og 40 ekspl. af rapporten.",
     [(175, "eksemplar"), (40, "eksemplar")]),
    # a noun in quotation marks
    ('Der er igangsat tre såkaldte "fyrtårnsprojekter".', [(3, "fyrtårnsprojekt")]),
    ("Der er udpeget 12 »frikommuner« og 5 ”fyrtårne” i regionen.",
     [(12, "frikommune"), (5, "fyrtårn")]),
    # a noun whose plural is its singular, read by the tagger as an adjective
    ("Der er aflivet ca. 17 mio. mink.", [(17000000, "mink")]),
    ("Der blev slået 2.400 mink ned, og 14 mink er tilbage.", [(2400, "mink"), (14, "mink")]),
    # a noun the tagger leaves untagged (X)
    ("Indsatsen understøtter FN's 17 verdensmål og Agenda 2030.", [(17, "verdensmål")]),
    ("Der er modtaget to hundrede ansøgninger.", [(200, "ansøgning")]),
    # a number word and its digits in brackets: one count
    ("Der oprettes fem (5) nye stillinger i styrelsen.", [(5, "stilling")]),
    # a list's last item ends its paragraph
    ("Initiativerne er:\n- 40 nye pladser\n\nDet er godt.", [(40, "plads")]),
    # an upper bound on a count is no class of sizes
    ("motorveje med op til 95.000 køretøjer i døgnet", [(95000, "køretøj")]),
    # a compound whose first part holds digits, by its last part's lemma
    ("Der var i går 100 covid-19-patienter indlagt.", [(100, "covid-19-patient")]),
    ("Der var 320 covid-19-smittede på plejehjem.", [(320, "covid-19-smittet")]),
    # a name with digits between the number and its noun
    ("Der er oprettet 12 Covid-19 testcentre i landet.", [(12, "testcenter")]),
    ("Der er indkøbt 30 F-35 kampfly.", [(30, "kampfly")]),
    # a participle tagged as a noun, whatever its lemma
    ("Der var 45 smittede med covid-19 i uge 12.", [(45, "smittet")]),
    # a part of a whole counts the whole's things too
    ("Puljen er søgt af 17 ud af 98 kommuner.", [(17, "kommune"), (98, "kommune")]),
    ("Kun tre af de fem regioner har svaret.", [(3, "region"), (5, "region")]),
    ("Det gælder 12 af i alt 40 institutioner.", [(12, "institution"), (40, "institution")]),
    # a count that starts its paragraph
    ("Rapporten er vedlagt.\n\n5 kopier af dette brev vedlægges tillige med 50 kopier af "
     "rapporten.", [(5, "kopi"), (50, "kopi")]),
    # numbers joined by "og", the noun after the last
    ("Der blev gennemført henholdsvis 2.000 og 2.500 kontroller.",
     [(2000, "kontrol"), (2500, "kontrol")]),
    ("Kommunerne har behandlet 2 og 3 sager.", [(2, "sag"), (3, "sag")]),
    # ... not where the first has a noun of its own, or is a year
    ("Forløbet tog 2 år og gav 3 sager i alt.", [(3, "sag")]),
    ("I 2019 og 2020 blev der behandlet 40 sager.", [(40, "sag")]),
    # ... the whole's noun tagged as an adverb
    ("Fremover vil 10 ud af 14 prioritetslande være afrikanske.",
     [(10, "prioritetsland"), (14, "prioritetsland")]),
])
def test_counts_as_genuine_letters_write_them(analyse_text, text, expected):
    assert counts(analyse_text(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a word of approximation starting the sentence, which the tagger may call a noun
    ("Ca. 60.000 husstande er berørt.", [(60000, "husstand")]),
    ("Omkring 600 skoler deltog.", [(600, "skole")]),  # no street ("Motorring")
    ("Alle 98 kommuner har svaret.", [(98, "kommune")]),  # no street ("Vester Alle")
    ("Vester Alle 12\nDer er 3 nye skoler.", [(3, "skole")]),
])
def test_a_count_after_a_word_of_approximation_starting_its_sentence(analyse_text, text,
                                                                    expected):
    assert counts(analyse_text(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a plural whose lemma the lemmatizer leaves as it stands: a noun that is also a singular
    ("Ankestyrelsen modtog 1.245 klager i 2020.", [(1245, "klage")]),
    ("Styrelsen gennemførte 2.500 kontroller.", [(2500, "kontrol")]),
    # ... a past participle in the plural standing for people
    ("Der er 230 indsatte i fængslet.", [(230, "indsat")]),
    ("Der er 7 omkomne og 12 tilskadekomne.", [(7, "omkommen"), (12, "tilskadekommen")]),
    # ... tagged a noun that is its own lemma, in the singular or the plural
    ("Der var 80 fastansatte i alt.", [(80, "fastansat")]),
    ("Der er 80 deltidsansatte.", [(80, "deltidsansat")]),
    # a noun that is its own lemma in no participle's ending keeps it
    ("Der er 3 tiltag og 5 eksemplarer.", [(3, "tiltag"), (5, "eksemplar")]),
    # "søer" among pigs are sows, elsewhere lakes
    ("Der var i alt 163.037 søer og 1,2 mio. slagtesvin i besætningerne.",
     [(163037, "so"), (1200000, "slagtesvin")]),
    ("Der er 856 søer i kommunen, og de fleste er næringsrige.", [(856, "sø")]),
])
def test_the_lemma_of_a_counted_plural(analyse_text, text, expected):
    assert counts(analyse_text(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Der er 5 NGO'er involveret.", [(5, "ngo")]),  # an abbreviation's ending after "'"
    ("Der er 4 pc'er i kontoret.", [(4, "pc")]),
    # ... a curly apostrophe, which the tokenizer splits off with the ending
    ("Der er 5 NGO’er involveret.", [(5, "ngo")]),
    ("Der er 4 pc’er i kontoret.", [(4, "pc")]),
])
def test_a_noun_with_its_ending_after_an_apostrophe(analyse_text, text, expected):
    assert counts(analyse_text(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Der er ansat 6 ph.d.-studerende i år.", [(6, "ph.d.-studerende")]),
    ("Der blev ansat 14 cand.jur.-fuldmægtige.", [(14, "cand.jur.-fuldmægtig")]),
])
def test_a_compound_that_starts_with_an_abbreviation(analyse_text, text, expected):
    assert counts(analyse_text(text)) == expected


def test_a_number_glued_to_its_noun_is_a_count(analyse_text):
    doc = analyse_text("I 2008 modtog ministeriet 2.617førstegangsansøgninger om indfødsret.")
    assert [(count.value, count.lemma, count.raw) for count in doc._.counts] == [
        (2617, "førstegangsansøgning", "2.617førstegangsansøgninger")]


@pytest.mark.parametrize("text", [
    "Rapporten 2019redegørelsen kom sent.",  # a year glued to a word
    "Der henvises til nr. 12sager fra i går.",  # a reference
    "Mødet varede 5timer i alt.",  # a unit
    "Arealet er 12hektarer stort.",  # a unit by its lemma
    "Det skete den 2december i år.",  # a date's month
    "Se side 188note 4 og punkt 1nedenfor.",  # a footnote's mark, an adverb
])
def test_glued_numbers_that_are_no_count(analyse_text, text):
    assert counts(analyse_text(text)) == []


def test_every_noun_is_a_word(analyse_text):
    text = ("Slotsholmsgade 10\n1216 København K\nTel. 6198 4000\n2017 - 18289\nSide 1/3\n"
            "Der er 5 kommuner • 4 regioner · 3 styrelser\n7\n")
    for count in analyse_text(text)._.counts:
        assert count.noun.strip() and count.noun.replace("-", "").isalpha(), count


def test_a_column_headed_antal_whatever_the_tagger_calls_its_noun(analyse_text):
    doc = analyse_text("Region Antal læger\nHovedstaden 1.085\nSjælland 467\n")
    assert counts(doc) == [(1085, "læge"), (467, "læge")]


def test_rows_under_a_header_antal_with_its_columns_labels(analyse_text):
    doc = analyse_text("Antal personer 1. kvt. 2. kvt.\nOpbrugt dagpengeret 2.100 3.400\n"
                       "Heraf i beskæftigelse 700 1.200\nDet er mange.")
    assert counts(doc) == [(2100, "person"), (3400, "person"), (700, "person"),
                           (1200, "person")]


def test_a_header_antal_with_its_columns_years_counts_no_year(analyse_text):
    doc = analyse_text("Tabel 1\nAntal sager 2019 2020\nRegion Nord 12 14\n")
    assert counts(doc) == [(12, "sag"), (14, "sag")]


def test_a_row_named_antal_counts_its_noun_in_each_column(analyse_text):
    doc = analyse_text("Tabel 1: Anmeldelser\n2015 2016 2017\n"
                       "Antal anmeldelser 1.212 1.304 1.398\n")
    assert sorted(counts(doc)) == [(1212, "anmeldelse"), (1304, "anmeldelse"),
                                   (1398, "anmeldelse")]


def test_a_column_headed_antal_counts_its_noun_in_each_cell(analyse_text):
    doc = analyse_text("Udsendelsesdestination\nIran\nIrak\nAntal børn\n32\n14\n10. januar 2018")
    assert [(c.value, c.lemma, c.raw) for c in doc._.counts] == [(32, "barn", "32"),
                                                                 (14, "barn", "14")]


def test_a_column_headed_antal_with_a_note_skips_the_years_beside_it(analyse_text):
    doc = analyse_text("Antal indkvarterede (ultimo året)\n10.764\n17.145\n")
    assert counts(doc) == [(10764, "indkvarteret"), (17145, "indkvarteret")]
    doc = analyse_text("År\nAntal sager\n2019\n2020\n345\n412\nKilde: Ankestyrelsen.")
    assert counts(doc) == [(345, "sag"), (412, "sag")]


@pytest.mark.parametrize("table", [
    "Region Antal anholdte\nHovedstaden 1.245\nSjælland 312\n\nKilde: Rigspolitiet.",
    "Politikreds\nAntal anholdte\nKøbenhavns Politi\n1.245\nFyns Politi\n312\nKilde: "
    "Rigspolitiet.",
])
def test_a_column_headed_antal_with_its_rows_names(analyse_text, table):
    assert counts(analyse_text(table)) == [(1245, "anholdt"), (312, "anholdt")]


@pytest.mark.parametrize(("table", "expected"), [
    # rows named by their years
    ("År Antal sager\n2019 345\n2020 412\n\nKilde: Ankestyrelsen.", [(345, "sag"), (412, "sag")]),
    # a row's name with its number on one line, the next row's below it
    ("Region Antal personer\nRegion Hovedstaden 1.245\nRegion Sjælland 312\nRegion Syddanmark "
     "845\n\nKilde: DST.", [(1245, "person"), (312, "person"), (845, "person")]),
])
def test_a_column_headed_antal_row_by_row(analyse_text, table, expected):
    assert counts(analyse_text(table)) == expected


def test_a_word_cut_off_before_the_signature_is_no_noun(analyse_text):
    doc = analyse_text("beregnes under to alternati\n\nMorten Bødskov\n/ Peter Hansen")
    assert counts(doc) == []


def test_a_range_s_lower_bound_takes_no_noun_from_the_upper(analyse_text):
    doc = analyse_text("Der var mellem 10 og 15 sager om måneden.")
    assert 10 not in [count.value for count in doc._.counts]


def test_a_participle_counted_before_its_object(analyse_text):
    doc = analyse_text("Samlet set modtog 320.418 studerende SU i studieåret 2015/16.")
    assert counts(doc) == [(320418, "studerende")]


def test_an_adverb_in_ende_after_the_counted_adjective_is_no_noun(analyse_text):
    doc = analyse_text("Heraf har 1.218 værnepligtige efterfølgende søgt ansættelse.")
    assert counts(doc) == [(1218, "værnepligtig")]


def test_a_table_set_one_cell_to_a_line_counts_under_columns_that_name_things(analyse_text):
    # "Politikreds" heads the rows' labels and names no things counted
    doc = analyse_text("Tallene fordeler sig således:\nPolitikreds\nAnmeldelser\nOpklarede sager\n"
                       "Fyns Politi\n3.642\n344\nBornholms Politi\n588\n73\nKilde: Rigspolitiet.")
    assert [(c.value, c.lemma, c.raw) for c in doc._.counts] == [
        (3642, "anmeldelse", "3.642"), (344, "sag", "344"),
        (588, "anmeldelse", "588"), (73, "sag", "73")]


def test_a_column_labelled_by_antal_and_one_that_names_no_things(analyse_text):
    doc = analyse_text("Oversigt:\nBranche\nAntal virksomheder\nAndel\nRengøring\n412\n61\n"
                       "I alt\n634\n100\nSlut.")
    assert [(c.value, c.lemma) for c in doc._.counts] == [(412, "virksomhed"), (634, "virksomhed")]


def test_a_table_of_amounts_set_one_cell_to_a_line_counts_nothing(analyse_text):
    doc = analyse_text("Mio. kr.\nUdgifter\nIndtægter\nDrift\n412\n61\nAnlæg\n634\n64\nSlut.")
    assert doc._.counts == []


def test_rows_under_a_header_of_years_count_what_their_labels_name(analyse_text):
    doc = analyse_text("Opgørelsen fremgår af tabellen.\n2013 2014 2015\n"
                       "Asylansøgninger 7.557 14.792 21.316\nHeraf børnecentre 4 6 9\n"
                       "Antal nye stillinger uden for hovedstaden 312 418 506\n"
                       "Andel 12 14 16\nKilde: Udlændingestyrelsen.")
    assert [(c.value, c.lemma) for c in doc._.counts] == [
        (7557, "asylansøgning"), (14792, "asylansøgning"), (21316, "asylansøgning"),
        (4, "børnecenter"), (6, "børnecenter"), (9, "børnecenter"),
        (312, "stilling"), (418, "stilling"), (506, "stilling")]


def test_rows_under_years_with_a_unit_in_the_header_count_nothing(analyse_text):
    doc = analyse_text("Mio. kr. 2013 2014\nTilskud 12 14\nSlut.")
    assert doc._.counts == []


def test_a_table_one_cell_to_a_line_under_years_counts_what_its_rows_name(analyse_text):
    doc = analyse_text("Tabel 1. Elever i segregerede tilbud\nSkoleår\n2016/17\n2017/18\n"
                       "Antal elever i specialklasser\n10.845\n11.203\nAntal elever i alt\n"
                       "23.952\n24.594\nTallene er opgjort pr. 5. september.")
    assert [(c.value, c.lemma) for c in doc._.counts] == [
        (10845, "elev"), (11203, "elev"), (23952, "elev"), (24594, "elev")]


def test_a_table_of_one_column_after_its_rows_labels_counts_nothing_unnamed(analyse_text):
    doc = analyse_text("Fordelingen:\nRegion Hovedstaden\nRegion Sjælland\n27.845\n12.316\nSlut.")
    assert doc._.counts == []


def test_rows_under_a_header_of_words_count_what_each_columns_word_names(analyse_text):
    doc = analyse_text("Fordelingen fremgår af tabellen:\n"
                       "Politikreds Zoner Visitationer Sigtelser\n"
                       "Fyns Politi 5 611 38\nNordjyllands Politi 1 116 4\nKilde: Rigspolitiet.")
    assert [(c.value, c.lemma) for c in doc._.counts] == [
        (5, "zone"), (611, "visitation"), (38, "sigtelse"),
        (1, "zone"), (116, "visitation"), (4, "sigtelse")]


def test_a_header_of_words_whose_column_names_no_things_counts_nothing(analyse_text):
    doc = analyse_text("Tabellen:\nKommune Andel\nAarhus 12\nOdense 14\nSlut.")
    assert doc._.counts == []
