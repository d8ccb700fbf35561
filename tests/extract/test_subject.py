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
