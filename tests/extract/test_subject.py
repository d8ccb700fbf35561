"""The subject: a heading below the address, never the address itself, an enclosure mark
or the letter's text run into one line."""

from __future__ import annotations

from pipeline.extract.letterhead.recipients import find_recipient_block
from pipeline.extract.letterhead.subject import subject_of
from pipeline.reading import Block, Document


def head_document(*blocks: list[str]) -> Document:
    return Document(pages=1, body_text="Tekst.", page_starts=[(0, 1)],
                    blocks=[Block(region="head", page=1, lines=lines) for lines in blocks])


def subject(document: Document) -> str | None:
    return subject_of(document, find_recipient_block(document))


def test_a_heading_below_the_address_is_the_subject():
    document = head_document(["Folketingets Skatteudvalg", "Christiansborg"],
                             ["Svar på spørgsmål nr. 7 (Alm. del)"])
    assert subject(document) == "Svar på spørgsmål nr. 7 (Alm. del)"


def test_a_headings_rest_set_apart_after_its_open_end_goes_on_with_it():
    # a narrow page wrapped the heading's line, and its next line was read as a block apart
    document = head_document(["Testudvalget", "Christiansborg"],
                             ["Berigtigelse af svar på spørgsmål nr. 7 (alm. del) fra "
                              "Folketingets Udlændinge- og"], ["Integrationsudvalg"])
    assert subject(document) == ("Berigtigelse af svar på spørgsmål nr. 7 (alm. del) fra "
                                 "Folketingets Udlændinge- og Integrationsudvalg")


def test_the_lovsekretariats_address_is_no_subject():
    document = head_document(["Folketingets Lovsekretariat", "Christiansborg"])
    assert subject(document) is None


def test_an_enclosure_mark_is_no_subject():
    assert subject(head_document(["Folketingets Miljøudvalg", "Christiansborg"], [". / ."])) is None


def test_a_letter_run_into_one_line_is_no_subject():
    run_on = ("Svar på spørgsmål nr. 3 (Alm. del):I brev af 2. maj har udvalget stillet mig "
              "følgende spørgsmål, som jeg hermed besvarer. " * 4)
    assert subject(head_document(["Folketingets Kirkeudvalg"], [run_on])) is None


def test_a_member_addressed_is_no_subject():
    document = head_document(["Folketingets Beskæftigelsesudvalg"], ["Anne Bech Holm (EL)"])
    assert subject(document) is None


def test_folketingets_address_run_into_one_line_is_no_subject():
    document = head_document(["Dato: 16. december 2004", "J.nr.: 2004/4011-125"],
                             ["Folketingets Udvalg for Test - og Prøvepolitik Folketinget "
                              "Christiansborg 1240"])
    assert subject(document) is None


def test_a_short_heading_below_the_date_of_a_printed_letter_is_the_subject():
    from pipeline.reading import read_document
    from pipeline.typeset import flow_pdf

    text = ("Miljøministeriet\nFolketingets Miljø- og Planlægningsudvalg\nChristiansborg\n"
            "1240 København K\n5. marts 2009\n\n{heading}\n\nKære udvalg\n\n"
            "Som lovet på samrådet sendes hermed et notat om sagen.\n\nMed venlig hilsen\n")
    for heading in ("Notat om jordforurening i Aalborg", "Stedfortrædere for ministrene"):
        document = read_document(flow_pdf(text.format(heading=heading)))
        assert subject(document) == heading
    # an office's name below the date is no heading
    document = read_document(flow_pdf(text.format(heading="Lovafdelingen")))
    assert subject(document) is None


def test_a_heading_of_two_words_or_of_names_and_a_year_is_the_subject():
    from pipeline.reading import read_document
    from pipeline.typeset import flow_pdf

    text = ("Statsministeriet\nPrins Jørgens Gård 11\n1218 København K\n\n"
            "Folketingets Udvalg for Forretningsordenen\nChristiansborg\n1240 København K\n\n"
            "9. marts 2010\n\n{heading}\n\nHermed sendes en oversigt over ministrenes "
            "stedfortrædere efter regeringsomdannelsen den 23. februar 2010.\n\n"
            "Med venlig hilsen\n\nLars Løkke Rasmussen\n")
    for heading in ("Ministrenes stedfortrædere",
                    "Årsrapport 2016 for Politiets Efterretningstjeneste"):
        document = read_document(flow_pdf(text.format(heading=heading)))
        assert subject(document) == heading
    # words that name someone, or say how the letter goes, are no heading
    for name in ("Lovafdelingen", "Anders Hansen", "Til orientering", "Sendt pr. e-mail",
                 "Fortroligt indtil fremsættelse", "Embargo til i morgen kl. 10",
                 "Deres reference", "Jens Hansen, fuldmægtig", "Kontor for skattepolitik"):
        document = read_document(flow_pdf(text.format(heading=name)))
        assert subject(document) is None


def test_a_heading_that_names_an_agency_is_no_sender_line():
    from pipeline.reading import read_document
    from pipeline.typeset import flow_pdf

    text = ("Folketingets Fødevareudvalg\nChristiansborg\n1240 København K\n\n"
            "Ministeriet for Fødevarer, Landbrug og Fiskeri\nHolbergsgade 2\n1057 København K\n\n"
            "12. maj 2006\n\nÅrsrapport 2005 for Fødevarestyrelsen\n\n"
            "Til udvalgets orientering sender jeg hermed Fødevarestyrelsens årsrapport for "
            "2005.\n\nMed venlig hilsen\n\nHans Christian Schmidt\n")
    document = read_document(flow_pdf(text))
    assert subject(document) == "Årsrapport 2005 for Fødevarestyrelsen"


def test_an_address_blocks_line_below_the_first_is_no_subject():
    document = head_document(["Folketingets Europaudvalg", "Christiansborg"],
                             ["Medlemmerne af Folketingets Europaudvalg og deres stedfortrædere"])
    assert subject(document) is None


def test_a_committees_question_restated_under_its_heading_is_no_subject():
    from pipeline.reading import read_document
    from pipeline.typeset import flow_pdf

    text = ("Folketingets Retsudvalg\nChristiansborg\n1240 København K\n\nJustitsministeriet\n"
            "Dato: 4. maj 2020\n\n{heading}\n\"Vil ministeren oplyse, hvor mange sager der "
            "er verserende?\"\n\nSvar:\nDer er 12 verserende sager.\n\nMed venlig hilsen\n")
    document = read_document(flow_pdf(text.format(heading="Retsudvalgets spørgsmål nr. 54 "
                                                          "(Alm. del):")))
    assert subject(document) is None


def test_a_heading_that_ends_with_a_committees_name_is_no_address():
    heading = "Ny tidsplan for afrapportering fra det midlertidige AMO-udvalg"
    document = head_document(["Folketingets Beskæftigelsesudvalg", "Christiansborg"], [heading])
    assert subject(document) == heading


def test_a_date_broken_from_its_day_is_no_heading():
    document = head_document(["Finansudvalget", "Folketinget", "Christiansborg"],
                             ["Dato", ". september 2006"])
    assert subject(document) is None
    assert subject(head_document(["Finansudvalget"], ["Dato . september 2006"])) is None


def flow_subject(text: str) -> str | None:
    from pipeline.reading import read_document
    from pipeline.typeset import flow_pdf

    return subject(read_document(flow_pdf(text)))


LONG_HEADING = ("Oversendelse af redegørelse om Danmarks deltagelse i FN's "
                "Menneskerettighedsråd 2019")


def test_a_heading_that_fills_the_column_ends_before_the_committee_named_below_it():
    text = (f"Udenrigsministeriet\nAsiatisk Plads 2\n1448 København K\n{LONG_HEADING}\n"
            "Folketingets Udenrigsudvalg\nChristiansborg\n1240 København K\nDato: 18. maj 2020\n"
            "Hermed oversendes til udvalgets orientering ministeriets redegørelse.\n"
            "Med venlig hilsen\nJeppe Kofod\n")
    assert flow_subject(text) == LONG_HEADING


def test_a_named_subject_above_the_letterhead_ends_before_the_name_in_capitals():
    heading = ("Besvarelse af spørgsmål nr. 512 (TRU alm. del) om støjskærme langs Køge "
               "Bugt-motorvejen")
    text = (f"{heading}\nTRANSPORTMINISTERIET\nFrederiksholms Kanal 27\n1220 København K\n"
            "Folketingets Trafikudvalg\nChristiansborg\n1240 København K\nDato: 16. juni 2008\n"
            "Trafikudvalget har stillet mig følgende spørgsmål, som jeg hermed skal besvare.\n"
            "Med venlig hilsen\nCarina Christensen\n")
    assert flow_subject(text) == heading


def test_a_labelled_heading_that_fills_the_column_ends_before_the_date_line():
    text = ("Miljøministeriet\nHøjbro Plads 4\n1200 København K\n"
            "Folketingets Miljø- og Planlægningsudvalg\nChristiansborg\n1240 København K\n"
            "Vedr.: Henvendelse fra Danmarks Naturfredningsforening om råstofindvinding i Hjelm "
            "Bugt\nDen 30. maj 2007\nJ.nr. 001-02471\nUdvalget har oversendt en henvendelse og "
            "anmodet om min kommentar.\nMed venlig hilsen\nConnie Hedegaard\n")
    assert flow_subject(text) == ("Henvendelse fra Danmarks Naturfredningsforening om "
                                  "råstofindvinding i Hjelm Bugt")


def test_a_comment_heading_before_the_committees_own_request_is_the_subject():
    heading = "Kommentar til henvendelse fra Danske Patienter om adgang til nye lægemidler"
    text = ("Holbergsgade 6\nDK-1057 København K\nFolketingets Sundheds- og Ældreudvalg\n"
            f"Dato: 05-05-2017\nSagsnr.: 1702233\n{heading}\nFolketingets Sundheds- og "
            "Ældreudvalg har bedt om min kommentar til henvendelsen af 18. april 2017 fra Danske "
            "Patienter om adgangen til nye lægemidler på sygehusene.\nMed venlig hilsen\n"
            "Ellen Trane Nørby\n")
    assert flow_subject(text) == heading


def test_thanks_that_open_the_text_are_no_subject():
    text = ("Folketingets Digitaliseringsudvalg\nChristiansborg\n1240 København K\n"
            "Dato: 6. marts 2024\nTak for udvalgets spørgsmål\nDigitaliseringsudvalget har "
            "stillet mig følgende spørgsmål nr. 88 (Alm. del), som hermed besvares.\n"
            "Med venlig hilsen\nMarie Bjerre\n")
    assert flow_subject(text) is None


def test_headings_that_name_an_answer_a_correction_or_a_draft_are_subjects():
    for heading in ("Skriftlig besvarelse af samrådsspørgsmål AE",
                    "Berigtigelse af besvarelse af spørgsmål nr. 233 (Alm. del)",
                    "Udkast til bekendtgørelse om hold af slagtekyllinger"):
        text = ("Folketingets Retsudvalg\nChristiansborg\n1240 København K\n"
                f"{heading}\nDato: 22. marts 2018\nJeg kan oplyse, at sagen er afsluttet.\n"
                "Med venlig hilsen\nSøren Pape Poulsen\n")
        assert flow_subject(text) == heading


def test_a_subject_labelled_vedr_without_a_colon_is_read_without_its_label():
    text = ("Folketingets Energiudvalg\nChristiansborg\n1240 København K\n\n"
            "Vedr. Energistyrelsens energistatistik for 2009\n\nDato: 3. maj 2010\n\n"
            "Hermed sendes statistikken.\n\nMed venlig hilsen\n")
    assert flow_subject(text) == "Energistyrelsens energistatistik for 2009"


def test_a_subject_goes_on_with_the_day_its_question_was_asked():
    for rest in ("(V)\nden 24. april 2020", "(V) den 24. april\n2020"):
        text = ("Folketingets Lovsekretariat\nChristiansborg\n1240 København K\n"
                f"Svar på spørgsmål S 1874 stillet af Kristian Pihl Lorentzen {rest}\n"
                "Dato 5. maj 2020\nSpørgsmål:\nHvornår åbner vejen?\nSvar:\nI 2021.\n")
        assert flow_subject(text) == ("Svar på spørgsmål S 1874 stillet af Kristian Pihl "
                                      "Lorentzen (V) den 24. april 2020")


def test_an_enclosures_mark_after_the_heading_starts_the_text():
    text = ("Folketingets Fødevareudvalg\nChristiansborg\n1240 København K\nDato: 22. marts 2005\n"
            "Oversendelse af Fødevarestyrelsens årsrapport om fødevarekontrollen 2004\n"
            "./. Til udvalgets orientering vedlægger jeg hermed Fødevarestyrelsens års-\n"
            "rapport om fødevarekontrollen i 2004.\n")
    assert flow_subject(text) == ("Oversendelse af Fødevarestyrelsens årsrapport om "
                                  "fødevarekontrollen 2004")


def test_the_stamps_title_of_a_bills_answer_is_no_part_of_the_head():
    heading = "Besvarelse af spørgsmål nr. 6 vedrørende L 41 fra Folketingets Retsudvalg"
    text = ("Retsudvalget 2022-23 (2. samling)\nL 41 - endeligt svar på spørgsmål 6\nOffentligt\n"
            "Folketinget\nRetsudvalget\nChristiansborg\n1240 København K\nDato: 2. marts 2023\n"
            f"{heading}\nHermed sendes besvarelse af spørgsmål nr. 6 vedrørende L 41.\n")
    assert flow_subject(text) == heading


def test_a_publications_title_and_month_is_a_subject_and_a_name_with_a_title_is_none(
        analyse_text):
    body = "Jeg vedlægger til udvalgets orientering redegørelsen, som er offentliggjort i dag."
    doc = analyse_text(body, head=[["Folketingets Finansudvalg", "Christiansborg"],
                                   ["Økonomisk Redegørelse, august 2019"]])
    assert doc._.letterhead.subject == "Økonomisk Redegørelse, august 2019"
    doc = analyse_text(body, head=[["Folketingets Finansudvalg", "Christiansborg"],
                                   ["Jens Hansen, fuldmægtig"]])
    assert doc._.letterhead.subject is None


TEXT_BELOW = ("Til underretning for Folketingets Europaudvalg vedlægges ministeriets notat om "
              "Kommissionens forslag, som sættes til skriftlig afstemning den 26. november.\n"
              "Med venlig hilsen\nJens Hansen\n")
HEAD = ("Medlemmerne af Folketingets Europaudvalg\nAsiatisk Plads 2\n1448 København K\n"
        "Sagsnummer: 2018-4\n16. november 2018\n")


def test_a_word_in_capitals_over_a_heading_set_right_above_the_text_goes_with_it():
    text = HEAD + "KOMITÉSAG\nForlængelse af en række aktivstoffer i AIR III\n" + TEXT_BELOW
    assert flow_subject(text) == "KOMITÉSAG Forlængelse af en række aktivstoffer i AIR III"


def test_a_word_in_capitals_right_above_the_text_is_a_heading_of_one_word():
    assert flow_subject(HEAD + "INVITATION\n" + TEXT_BELOW) == "INVITATION"


def test_a_heading_whose_topic_follows_an_abbreviation_is_a_heading():
    text = HEAD + "Supplerende VVM-redegørelse af Metrocityringen\n" + TEXT_BELOW
    assert flow_subject(text) == "Supplerende VVM-redegørelse af Metrocityringen"


def test_a_ministrys_name_in_capitals_right_above_the_text_is_no_heading():
    assert flow_subject(HEAD + "UDENRIGSMINISTERIET\n" + TEXT_BELOW) is None


def test_a_subject_after_its_series_and_a_dash_on_its_own_line():
    text = ("Folketingets Udenrigsudvalg\nDato\n16-09-2025\nSag/ID Nr.\n25/02709\n"
            "URU alm. del – svar på spørgsmål 148 fra Jens Hansen (ALT) stillet\n"
            "den 27. august 2025 til udenrigsministeren\nSpørgsmål\n"
            "Vil ministeren redegøre for, hvilke skridt regeringen vil tage over for USA?\nSvar\n"
            "Vi kan konstatere, at der løbende er udenlandske aktører, som viser interesse.\n")
    assert flow_subject(text) == ("URU alm. del – svar på spørgsmål 148 fra Jens Hansen (ALT) "
                                  "stillet den 27. august 2025 til udenrigsministeren")


def test_a_bold_heading_goes_on_in_the_bold_block_its_last_word_leaves_open():
    heading = ["Berigtigelse af svar på spørgsmål nr. 7 (alm. del) fra Folketingets Udlændinge- og"]
    document = Document(pages=1, body_text="Tekst.", page_starts=[(0, 1)], blocks=[
        Block(region="head", page=1, lines=["Udlændinge- og Integrationsudvalget", "Folketinget"]),
        Block(region="head", page=1, lines=heading, bold=True),
        Block(region="head", page=1, lines=["Integrationsudvalg"], bold=True),
        Block(region="head", page=1, lines=["Kontoret for udsendelse"])])
    assert subject(document) == f"{heading[0]} Integrationsudvalg"


def test_a_bold_heading_goes_on_in_the_bold_block_that_starts_in_small_letters():
    document = Document(pages=1, body_text="Tekst.", page_starts=[(0, 1)], blocks=[
        Block(region="head", page=1, lines=["L 47 om afgift til test - manglende"], bold=True),
        Block(region="head", page=1, lines=["oversendelse af høringssvar fra Testforeningen"],
              bold=True)])
    assert subject(document) == ("L 47 om afgift til test - manglende oversendelse af "
                                 "høringssvar fra Testforeningen")
