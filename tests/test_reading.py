"""Reading: a real PDF in, the running text in reading order and the blocks beside it out."""

from __future__ import annotations

import pytest

from pipeline.errors import ReadError
from pipeline.extract.case_numbers import case_numbers_in
from pipeline.reading import read_document


@pytest.fixture(scope="module")
def seed_document(seed_pdf):
    return read_document(seed_pdf.read_bytes())


def test_sidebar_is_not_in_the_running_text(seed_document):
    for sidebar_word in ("Slotsholmsgade", "CVR-nr.", "Akt-id", "Tel.", "uim@uim.dk"):
        assert sidebar_word not in seed_document.body_text


def test_sentence_cut_by_the_page_break_is_joined(seed_document):
    assert "under handlingsplanen har skabt adgang til nogle ellers lukkede lokalområder" in (
        seed_document.body_text
    )


def test_sidebar_lines_are_kept_as_blocks(seed_document):
    sidebar = [line for block in seed_document.region("sidebar") for line in block.lines]
    assert "CVR-nr. 36977191" in sidebar
    assert "Sags nr. 2020 - 6967" in sidebar


def test_recipient_block_stands_in_the_head(seed_document):
    head_lines = [block.lines for block in seed_document.region("head")]
    assert ["Udlændinge- og Integrationsudvalget", "Folketinget", "Christiansborg",
            "1240 København K"] in head_lines


def test_running_text_starts_at_the_salutation_and_keeps_paragraphs(seed_document):
    assert seed_document.body_text.startswith("Kære ordførere\n\n")
    assert seed_document.body_text.count("\n\n") >= 6


def test_every_offset_maps_to_its_page(seed_document):
    text = seed_document.body_text
    assert seed_document.page_at(text.index("Kære")) == 1
    assert seed_document.page_at(text.index("har skabt adgang")) == 2
    assert seed_document.page_at(len(text) - 1) == 2


def test_list_items_stand_on_their_own_lines(seed_document):
    items = [line for line in seed_document.body_text.splitlines() if line[:2] in {"1)", "2)"}]
    assert len(items) == 2


@pytest.mark.parametrize("code", ["empty", "not_pdf", "damaged"])
def test_unreadable_files_raise_a_coded_error(bad_files, code):
    with pytest.raises(ReadError) as raised:
        read_document(bad_files[code].read_bytes())
    assert raised.value.code == code
    assert raised.value.message


# -- a letter printed as one column: what a line is, from its words ----------------------------

from pipeline.reading.lineroles import role_of  # noqa: E402
from pipeline.reading.margins import running_lines  # noqa: E402
from pipeline.reading.mending import pair_labels, split_glued, tidy_lines  # noqa: E402
from pipeline.reading.pdf import Line, Page, clean_text  # noqa: E402
from pipeline.typeset import flow_pdf  # noqa: E402

# A made-up letter in the shape genuine ones come in when their text is printed as one
# column: ft.dk's stamp, the letterhead and date block glued where line breaks were lost,
# the recipient, a subject over two lines, the body, a signature, letterhead after it.
FLOW_LETTER = "\n".join([
    "Testudvalget 2023-24",
    "TSU Alm.del",
    "Offentligt",
    "1234567_0001.png",
    "FolketingetTestudvalgetChristiansborg1240 København K",
    "Dato:Kontor:Sagsnr.:Dok.:",
    "4. maj 2024Lovkontoret2024-123-4567ABC12345",
    "Svar på Testudvalgets spørgsmål nr. 12 (Alm. del) af 20.",
    "april 2024",
    "Spørgsmål nr. 12:",
    "Vil ministeren oplyse, hvor mange sager der blev behandlet i 2023?",
    "Svar:",
    "Der blev behandlet 412 sager i 2023, og tallet ventes at stige i løbet af",
    "august 2024.",
    "Med venlig hilsen",
    "Hans Hansen",
    "Nygade 101234 Byby K.Telefon 1234 5678Telefax 1234 5679www.testministeriet.dk",
    "[email protected]",
    "Side 1 af 2",
])


@pytest.fixture(scope="module")
def flow_document():
    return read_document(flow_pdf(FLOW_LETTER))


def lines_of(document, region):
    return [line for block in document.region(region) for line in block.lines]


def test_flow_body_holds_no_stamp_letterhead_or_date_block(flow_document):
    body = flow_document.body_text
    for line in ("Offentligt", "TSU Alm.del", "png", "Nygade", "Telefon", "www.", "protected",
                 "Side 1 af 2", "Dato:", "Lovkontoret", "Christiansborg", "Svar på Testudvalgets"):
        assert line not in body
    assert body.startswith("Spørgsmål nr. 12:")
    assert "Med venlig hilsen\nHans Hansen" in body


def test_flow_stamp_is_a_block_of_its_own(flow_document):
    assert lines_of(flow_document, "stamp") == [
        "Testudvalget 2023-24", "TSU Alm.del", "Offentligt", "1234567_0001.png"]


def test_flow_glued_recipient_is_cut_into_the_head(flow_document):
    assert ["Folketinget", "Testudvalget", "Christiansborg", "1240 København K"] in [
        block.lines for block in flow_document.region("head")]


def test_flow_label_run_is_paired_with_its_values(flow_document):
    assert ["Dato: 4. maj 2024", "Kontor: Lovkontoret", "Sagsnr.: 2024-123-4567",
            "Dok.: ABC12345"] in [block.lines for block in flow_document.region("sidebar")]


def test_flow_subject_cut_after_the_day_goes_on_in_one_head_block(flow_document):
    assert ["Svar på Testudvalgets spørgsmål nr. 12 (Alm. del) af 20. april 2024"] in [
        block.lines for block in flow_document.region("head")]


def test_flow_glued_letterhead_after_the_signature_is_set_apart_in_parts(flow_document):
    sidebar = lines_of(flow_document, "sidebar")
    for part in ("Nygade 10", "1234 Byby K.", "Telefon 1234 5678", "Telefax 1234 5679",
                 "www.testministeriet.dk", "[email protected]"):
        assert part in sidebar
    assert lines_of(flow_document, "footer") == ["Side 1 af 2"]


def test_a_date_ending_a_sentence_stays_in_the_running_text(flow_document):
    assert "i løbet af august 2024." in flow_document.body_text


def test_a_street_of_any_name_with_its_postcode_is_letterhead():
    document = read_document(flow_pdf("\n".join([
        "Kære udvalg", "Hermed sendes svar på spørgsmål nr. 3 fra udvalget, som ønsket.",
        "Med venlig hilsen", "Hans Hansen", "Landgreven 4", "1301 København K"])))
    assert "Landgreven" not in document.body_text
    assert ["Landgreven 4", "1301 København K"] in [b.lines for b in document.region("sidebar")]


def test_a_name_amid_the_letterhead_below_the_text_stays_in_the_signature():
    document = read_document(flow_pdf("\n".join([
        "Kære udvalg", "Hermed sendes svar på spørgsmål nr. 3 fra udvalget, som ønsket.",
        "4. maj 2024", "Hans Hansen", "Nygade 4", "1234 Byby K"])))
    assert "Hans Hansen" in document.body_text


def test_table_numbers_are_no_page_numbers():
    document = read_document(flow_pdf("\n".join([
        "Kære udvalg", "Antal sager pr. år fordelt på kontor og område, som vist nedenfor:",
        "2021", "12", "14", "2022", "17"])))
    assert "\n12\n14\n" in document.body_text
    assert not document.region("footer")


def test_a_heading_that_starts_with_the_asking_committee_goes_on_over_its_lines():
    text = ("TESTMINISTERIET\nDen 27. august 2014\nSpørgsmål fra Testudvalget\n"
            "til testministeren af 26. au-\ngust 2014. TSU spørgs-\nmål 12 stillet af Hans "
            "Hansen (XY)\nTSU spørgsmål 12:\nVil ministeren redegøre for sagen, og hvad "
            "ministeren agter at gøre ved den?\nSvar:\nJa.")
    heads = [" ".join(block.lines) for block in read_document(flow_pdf(text)).region("head")]
    assert ("Spørgsmål fra Testudvalget til testministeren af 26. au- gust 2014. TSU spørgs- "
            "mål 12 stillet af Hans Hansen (XY)") in heads


def test_a_heading_ends_with_the_member_the_question_was_asked_for():
    heading = ["Spørgsmål fra Folketingets Testudvalg", "til testministeren af 8. marts 2016.",
               "TSU alm. del – spørgsmål 47.", "Spørgsmålet er stillet efter ønske fra",
               "Hans Hansen (XY)."]
    text = "\n".join(["TESTMINISTERIET", "1. april 2016", *heading, "TSU alm. del spørgsmål 47:",
                      "Betyder planen, at man fra dansk side fremadrettet i højere grad ønsker "
                      "at gøre brug af tjenesten?", "Svar:", "Nej."])
    heads = [" ".join(block.lines) for block in read_document(flow_pdf(text)).region("head")]
    assert heads[-1] == " ".join(heading)


def test_a_sentence_wrapped_after_the_date_is_no_heading():
    text = "\n".join([
        "27. september 2006",
        "Folketingets Finansudvalg godkendte med Akt 41 16/11-2005 en forhøjelse af "
        "statsgarantirammen vedrørende DR-Byen i Ørestaden fra 2,3 mia.kr. til 2,66 mia.kr. "
        "(1999-niv.). Forhøjelsen var bl.a. begrundet i en forøgelse af byggesummen for DR-Byen "
        "med 300 mio.kr. – fra 3.000 mio.kr. til 3.300 mio.kr. (i 1999-niv. og excl. de i "
        "aktstykket nævnte 68 mio.kr. til eksternt finansieret ekstraordinært kvalitetsløft af "
        "koncertsalen).",
        "Med breve af 20. januar 2006 fremsendte jeg til Finansudvalget og Kulturudvalget DR's "
        "brev af 19. januar 2006."])
    document = read_document(flow_pdf(text))
    assert document.body_text.startswith("Folketingets Finansudvalg godkendte")
    assert document.region("head") == []


def test_a_questions_heading_with_no_heading_above_it_starts_the_letter():
    text = "\n".join(["UDENRIGSMINISTERIET", "1. april 2016", "TSU alm. del spørgsmål 47:",
                      "Betyder sparerunden i den danske udenrigstjeneste, at man fra dansk side "
                      "fremadrettet i højere", "grad ønsker at gøre brug af EU's fælles "
                      "udenrigstjeneste for at kompensere for nedskæringerne?", "Svar:", "Nej."])
    document = read_document(flow_pdf(text))
    assert document.body_text.startswith("TSU alm. del spørgsmål 47:")
    assert not any("spørgsmål 47" in " ".join(block.lines) for block in document.region("head"))


@pytest.mark.parametrize("width", [475, 340])  # on a narrow page the text's first line wraps
def test_a_heading_between_the_letterhead_and_the_date_block_is_the_head(width):
    text = "\n".join(["Testministeriet", "Juridisk Tjeneste, Testkontoret", "Testvej 2",
                      "1234 Testby", "Liste over verserende sager af dansk interesse",
                      "TJK j.nr. 2015 - 30240", "13. april 2018",
                      "Til orientering fremsendes nedenstående liste over Domstolens aktiviteter "
                      "i de kommende tre uger", "i retssager, som har regeringens interesse."])
    document = read_document(flow_pdf(text, width=width))
    heads = [" ".join(block.lines) for block in document.region("head")]
    assert heads == ["Liste over verserende sager af dansk interesse"]
    assert document.body_text.startswith("Til orientering fremsendes")


def test_a_heading_that_breaks_before_the_committee_it_names_goes_on_with_it():
    heading = ["Berigtigelse af besvarelse af spørgsmål nr. 382 (Alm. del) fra",
               "Folketingets Testudvalg"]
    text = "\n".join(["Lovsekretariatet", "Dato: 01-05-2024", "Sagsnr.: 2024 - 5416", *heading,
                      "Det fremgår af besvarelsen af 9. april 2024, at ministeriet ikke ligger "
                      "inde med data om den geografiske fordeling af speciallæger.",
                      "Med venlig hilsen", "Hans Hansen"])
    heads = [" ".join(block.lines) for block in read_document(flow_pdf(text)).region("head")]
    assert " ".join(heading) in heads


def test_the_cells_of_a_head_table_whose_rules_the_text_kept_stay_in_the_head():
    heading = ("Besvarelse af spørgsmål nr. 74 ad L 93 stillet af Folketingets Testudvalg til "
               "testministeren den 20. marts 2007.")
    text = ("|\n|\nDato: |\n||\nTestlovskontoret/Økonomi- og Analysekontoret |\n||\n"
            f"2006/4000-78 |\n||\n|\n{heading}\nSpørgsmål:\n”Ministeren bedes oplyse, hvor "
            "mange der modtager ydelsen i dag.”\nSvar:\nI december 2006 modtog i alt 2.045 "
            "personer ydelsen.")
    document = read_document(flow_pdf(text))
    assert document.body_text.startswith("Spørgsmål:")
    assert heading in [" ".join(block.lines) for block in document.region("head")]


def test_salutation_naming_the_committee_is_no_recipient():
    document = read_document(flow_pdf("Testudvalget\nChristiansborg\nKære udvalg\n"
                                      "Hermed sendes svar på spørgsmål nr. 3 fra udvalget."))
    assert document.body_text.startswith("Kære udvalg")
    assert [b.lines for b in document.region("head")] == [["Testudvalget", "Christiansborg"]]


@pytest.mark.parametrize(("text", "role"), [
    ("Testudvalget 2019-20 (1. samling)", "stamp"),
    ("ABC Alm.del", "stamp"),
    ("L 12 Bilag 3", "stamp"),
    ("9876543_0002.png", "stamp"),
    ("-- AKT 1234567 -- BILAG 2 -- [ 1. Svar på TSU 12 ] --", "stamp"),
    ("Testudvalget 2012-13, Testudvalget 2012-13, Testudvalget 2012-13", "stamp"),
    ("Udvalget for Test, Prøver og Eksamen 2009-10, Udvalget for Test, Prøver og Eksamen 2009-10",
     "stamp"),
    ("L 200 , L 200 A , L 200 B", "stamp"),
    # a second stamp's lines run into one
    ("Testudvalget 2011-12TSU alm. del , endeligt svar på spørgsmål 315Offentligt", "stamp"),
    ("Side 2 af 3", "page"),
    ("Nygade 12", "contact"),
    ("Frederiksholms Kanal 27 F", "contact"),
    ("T +45 1234 5678", "contact"),
    ("Telefon 12 34 56 78 - Telefax 12 34 56 79", "contact"),  # the fax after the phone
    ("W xm.dk", "contact"),
    ("CVR-nr. 12345678", "contact"),
    ("M [email protected]", "contact"),
    ("Dato: 28-11-2019", "dateblock"),
    ("København, den 3. maj 2019", "dateblock"),
    ("J.nr. 2022 - 13539", "dateblock"),
    ("TJK j.nr. 2015 - 30240", "dateblock"),  # after an office's letters
    ("EU Sag om konkurrence", None),
    ("Sagsnr.", "label"),
    ("Folketingets Testudvalg", "recipient"),
    ("Til Folketinget", "recipient"),
    ("Hans Hansen (XY)", "recipient"),
    ("Christiansborg", "place"),
    ("Christiansborg, 1240 København K", "place"),  # Folketinget's address on one line
    ("Testministeriet", "sender"),
    ("TESTMINISTERIETDato: 15. april 2009", "sender"),
    ("Ministeren for test, prøver og eksamen", "sender"),
    ("Test-, Prøve- og Eksamensministeriet", "sender"),  # a name that coordinates three words
    ("Hermed sendes besvarelse af spørgsmål nr. 15 (Alm. del).", None),
    ("Folketingets Testudvalg har den 3. maj stillet følgende spørgsmål", None),
    ("Spørgsmål nr. 15:", None),
    ("Spørgsmål 346", None),
    ("Landgreven 4", "sender"),
    ("København, 3. maj 2019", "dateblock"),
    ("Det Udenrigspolitiske Nævn", "recipient"),
    ("Spørgsmål fra Testudvalget", None),  # a heading that ends in a committee's name
    ("Besvarelse af spørgsmål fra Testudvalget", None),
])
def test_role_of_a_line(text, role):
    assert role_of(text) == role


@pytest.mark.parametrize(("text", "parts"), [
    ("Testministeriet • Nygade 4 • 1200 Byby KTlf. 12 34 56 78 • CVR 12345678 • www.xm.dk",
     ["Testministeriet", "Nygade 4", "1200 Byby K", "Tlf. 12 34 56 78", "CVR 12345678",
      "www.xm.dk"]),
    ("TestministerietVed Stranden 81061 Byby KT 12 34 56 78E [email protected]",
     ["Testministeriet", "Ved Stranden 8", "1061 Byby K", "T 12 34 56 78", "E [email protected]"]),
    ("24. april 2012J.nr. 2012-0005712", ["24. april 2012", "J.nr. 2012-0005712"]),
    ("J.nr. 2009-458114. juni 2009", ["J.nr. 2009-4581", "14. juni 2009"]),
    ("Sag/ID Nr.:18-0123456Dato:12. april 2018",
     ["Sag/ID Nr.:18-0123456", "Dato:12. april 2018"]),
    ("Dato: 4. maj 2020Sags nr.: 1001071Sagsbeh.: ABCDok nr.: 182000",
     ["Dato: 4. maj 2020", "Sags nr.: 1001071", "Sagsbeh.: ABC", "Dok nr.: 182000"]),
    ("TESTMINISTERIETDato: 15. april 2009", ["TESTMINISTERIET", "Dato: 15. april 2009"]),
    ("Telefax 1234 5678www.testministeriet.dkxm@xm.dk",
     ["Telefax 1234 5678", "www.testministeriet.dk", "xm@xm.dk"]),
    ("F +45 1234 5678Mxm@xm.dkWxm.dk", ["F +45 1234 5678", "M", "xm@xm.dk", "Wxm.dk"]),
    ("Folketingets TestudvalgChristiansborg1240 København K",
     ["Folketingets Testudvalg", "Christiansborg", "1240 København K"]),
    ("Udvalget for Test og TeknikFolketingetChristiansborg1240 København K",
     ["Udvalget for Test og Teknik", "Folketinget", "Christiansborg", "1240 København K"]),
])
def test_glued_lines_are_cut_into_parts(text, parts):
    assert split_glued(text) == parts


def test_labels_on_lines_of_their_own_take_values_by_shape():
    # "Mail" has no value below it (a hidden address): the values after it still meet
    # the labels their shapes fit.
    paired = pair_labels(["Tel.", "Mail", "Web", "Sags nr."],
                         ["1234 5678", "www.xm.dk", "2020 - 6967"])
    assert paired.lines == ["Tel.: 1234 5678", "Mail", "Web: www.xm.dk", "Sags nr.: 2020 - 6967"]
    assert paired.consumed == 3


def test_a_date_under_a_document_number_label_is_the_dates():
    # the document number is missing: the date goes to the label waiting for a date
    paired = pair_labels(["Sagsnr.", "Doknr.", "Dato"], ["2021-2533", "25-03-2021"])
    assert paired.lines == ["Sagsnr.: 2021-2533", "Doknr.", "Dato: 25-03-2021"]


def test_a_day_typed_with_a_comma_is_a_dates_value():
    assert tidy_lines(["Dato:", "Kontor:", "Sagsnr.:", "Dok.:", "14, november 2023",
                       "Testkontoret", "2023-09110", "3053791"]) == [
        "Dato: 14, november 2023", "Kontor: Testkontoret", "Sagsnr.: 2023-09110",
        "Dok.: 3053791"]


def test_a_free_text_value_wrapped_over_lines_is_joined():
    assert tidy_lines(["Dato:", "Kontor:", "Sagsnr.:", "4. maj 2024", "Kontoret for",
                       "Særlige Sager", "2024-0001"]) == [
        "Dato: 4. maj 2024", "Kontor: Kontoret for Særlige Sager", "Sagsnr.: 2024-0001"]


def test_the_last_free_text_value_stops_where_the_letterhead_starts():
    assert tidy_lines(["Dato:", "Enhed:", "Sagsnr.:", "Bilag:", "28. august 2023", "ABC",
                       "2023/006048", "Ingen", "Testministeriet", "Nygade 9",
                       "1060 København K"]) == [
        "Dato: 28. august 2023", "Enhed: ABC", "Sagsnr.: 2023/006048", "Bilag: Ingen",
        "Testministeriet", "Nygade 9", "1060 København K"]


def test_a_subjects_first_line_is_no_labels_value():
    # Labels left without values (theirs stand above them), then a subject wrapped short.
    assert tidy_lines(["Dato:", "Kontor:", "Besvarelse af spørgsmål nr. 1184 (Alm. del) fra"]
                      ) == ["Dato:", "Kontor:", "Besvarelse af spørgsmål nr. 1184 (Alm. del) fra"]


def test_the_last_free_text_value_stops_at_the_letters_date():
    document = read_document(flow_pdf("\n".join([
        "Medlemmerne af Folketingets Testudvalg", "og deres stedfortrædere", "Bilag", "1",
        "Journalnummer", "400.C.2-0", "Kontor", "EU-sekr.", "8. januar 2003",
        "Til underretning for Folketingets Testudvalg vedlægges ministeriets redegørelse for "
        "rådsmødet", "(landbrug og fiskeri) den 16. - 20. december 2002."])))
    assert any("Kontor: EU-sekr." in block.lines for block in document.blocks)
    assert document.body_text.startswith("Til underretning for Folketingets Testudvalg")


def test_bilag_heading_a_column_of_labels_takes_the_number_of_enclosures():
    # Udenrigsministeriet's date block: "Bilag" without its colon, then the other labels; the
    # number of enclosures is no page number, and where it is left out "Bilag" says nothing.
    labels = ["Bilag", "Sag/ID Nr.", "Enhed", "Dato"]
    assert tidy_lines([*labels, "1", "2015 - 2977", "ANA", "1. juli 2015"]) == [
        "Bilag: 1", "Sag/ID Nr.: 2015 - 2977", "Enhed: ANA", "Dato: 1. juli 2015"]
    assert tidy_lines([*labels, "2021 - 439", "EKN", "7. april 2021"]) == [
        "Sag/ID Nr.: 2021 - 439", "Enhed: EKN", "Dato: 7. april 2021"]
    document = read_document(flow_pdf("\n".join([
        "Udenrigsministeriet", "Folketingets Testudvalg", "Asiatisk Plads 2",
        "DK-1448 København K", "http://www.um.dk", *labels, "1", "2015 - 2977", "ANA",
        "1. juli 2015", "Jeg henviser til min besvarelse af spørgsmål 105 af 23. juni 2015."])))
    assert any("Sag/ID Nr.: 2015 - 2977" in block.lines for block in document.blocks)
    assert document.body_text.startswith("Jeg henviser")


def test_a_journal_number_glued_to_the_document_number_before_it_is_cut_off():
    assert tidy_lines(["DatoDok.idJ. nr.", "15. juni 2009927053004-u18-1346"]) == [
        "Dato: 15. juni 2009", "Dok.id: 927053", "J. nr.: 004-u18-1346"]


def test_labels_alternating_with_values_are_paired():
    assert tidy_lines(["Sagsnr.", "2023 - 8669", "Dato", "12-12-2023"]) == [
        "Sagsnr.: 2023 - 8669", "Dato: 12-12-2023"]


def test_mojibake_is_repaired_where_lines_are_read():
    assert clean_text("â€SpørgsmÃ¥l 12") == "”Spørgsmål 12"
    assert clean_text("Ã†ndringer pÃ¥ Ã˜resund") == "Ændringer på Øresund"
    assert clean_text("Helt almindelig tekst på dansk") == "Helt almindelig tekst på dansk"


def test_a_no_break_space_left_as_a_stray_byte_is_a_space():
    # "Â" and a plain space: a no-break space's two bytes read one by one, its second lost
    assert clean_text("Dato:Â Â Â Kontor:Â Â Regional sundhed J.nr.:Â Â Â 2006-1200-131") == (
        "Dato: Kontor: Regional sundhed J.nr.: 2006-1200-131")
    assert clean_text("J. nr.          400-12  Â") == "J. nr. 400-12"
    assert clean_text("ÂRHUS Ângstrøm") == "ÂRHUS Ângstrøm"  # a letter of a word stays


# -- a letter in a template: a sidebar beside the text, the recipient top left ---------------


TEMPLATE_LETTER = "\n".join([
    "Testudvalget 2023-24", "TSU Alm.del", "Offentligt",
    "TSU, Alm.del - 2023-24 - Endeligt svar på spørgsmål 12: Spm. om antallet af sager og om "
    "sagsbehandlingstiden, til ministeren",
    "FolketingetUdvalget for Forretningsordenen og Andre SagerChristiansborg1240 København K",
    "Nygade 101234 Byby K.Telefon 1234 5678 www.testministeriet.dk",
    "Dato:Kontor:", "4. maj 2024Lovkontoret",
    "Hermed sendes svar på spørgsmål nr. 12 (Alm. del), som Folketingets Testudvalg",
    "har stillet til ministeren den 20. april 2024. Spørgsmålet er stillet efter",
    "ønske fra Hans Hansen (XY). Svaret følger nedenfor i sin helhed, som ønsket.",
])
TEMPLATE_ROLES = {1: "stamp", 2: "stamp", 3: "stamp", 4: "stamp", 5: "recipient",
                  6: "letterhead", 7: "dateblock", 8: "dateblock", 9: "body", 10: "body",
                  11: "body"}


def template_pdf_bytes() -> bytes:
    """The letter laid out as a ministry's template does: the stamp in the top margin,
    the letterhead and date block in a sidebar (where long lines wrap at its edge), the
    recipient top left (one glued line, wrapped at the column's edge), the body."""
    from pipeline.typeset import template_pdf

    return template_pdf(TEMPLATE_LETTER, TEMPLATE_ROLES)


@pytest.fixture(scope="module")
def template_document():
    return read_document(template_pdf_bytes())


def test_template_recipient_top_left_is_a_head_block(template_document):
    assert ["Folketinget", "Udvalget for Forretningsordenen og Andre Sager", "Christiansborg",
            "1240 København K"] in [block.lines for block in template_document.region("head")]
    assert template_document.body_text.startswith("Hermed sendes svar")
    assert "København K" not in template_document.body_text


def test_template_sidebar_wrapped_at_its_edge_is_joined_and_cut_into_parts(template_document):
    sidebar = lines_of(template_document, "sidebar")
    assert sidebar == ["Nygade 10", "1234 Byby K.", "Telefon 1234 5678", "www.testministeriet.dk",
                       "Dato: 4. maj 2024", "Kontor: Lovkontoret"]
    # The stamp starts in the top margin and runs on below it: one block, its long title
    # line joined where the sidebar's width wrapped it.
    assert [block.lines for block in template_document.region("stamp")] == [[
        "Testudvalget 2023-24", "TSU Alm.del", "Offentligt",
        "TSU, Alm.del - 2023-24 - Endeligt svar på spørgsmål 12: Spm. om antallet af sager og om "
        "sagsbehandlingstiden, til ministeren"]]
    assert not template_document.region("header")


def test_a_letter_run_into_one_line_after_its_heading_words_is_running_text():
    # The published text lost the letter's line breaks: "Svar på ...:" starts a paragraph
    # of some hundred words; the heading up to its colon is the subject, the rest the letter.
    run_on = ("Svar på spørgsmål nr. 9 (Alm. del):I brev af 2. marts har udvalget efter ønske "
              "fra et medlem bedt mig om at besvare et spørgsmål om ordningen. "
              + "Ministeriet har undersøgt sagen grundigt og kan oplyse, at ordningen virker "
              "efter hensigten. " * 6)
    document = read_document(flow_pdf("Folketingets Kirkeudvalg\nChristiansborg\n" + run_on))
    assert document.body_text.startswith("I brev af 2. marts har udvalget")
    assert [b.lines for b in document.region("head")] == [
        ["Folketingets Kirkeudvalg", "Christiansborg"], ["Svar på spørgsmål nr. 9 (Alm. del):"]]


def test_a_day_with_a_space_before_its_full_stop_is_paired_with_its_label():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg", "DatoJ. nr.", "12 . maj 20092009-4711",
        "Kære udvalg", "Hermed sendes svar på spørgsmål nr. 3 fra udvalget, som ønsket."])))
    lines = [line for block in document.region("sidebar") for line in block.lines]
    assert "Dato: 12 . maj 2009" in lines


def test_a_letter_run_into_one_line_after_its_letterhead_is_running_text():
    # The published text lost every line break: letterhead facts, then the letter itself.
    run_on = ("Nygade 4 1234 Byby K T 33 11 22 33 www.xm.dk [email protected] Dato: 4. maj 2005 "
              "J.nr. 4711/abc Udvalget har ved skrivelse af 2. maj 2005 anmodet om min "
              "besvarelse af følgende spørgsmål: Spørgsmål 7: ”Vil ministeren oplyse, hvor "
              "mange sager der er?” Svar: Der er behandlet i alt 12 sager i perioden, og "
              "ministeriet følger udviklingen nøje. Hans Hansen /Jens Jensen")
    document = read_document(flow_pdf(run_on))
    assert document.body_text.startswith("Udvalget har ved skrivelse af 2. maj 2005")
    sidebar = " ".join(line for block in document.region("sidebar") for line in block.lines)
    assert "Nygade 4" in sidebar and "J.nr. 4711/abc" in sidebar
    assert "Udvalget har" not in sidebar


def test_a_letter_run_into_one_line_after_its_committee_is_running_text_from_its_opening():
    # (the double space after the dash, as published, makes the row break after "svar på")
    run_on = ("Folketingets Socialudvalg Dato: 27. april 2005 Under henvisning til Folketingets "
              "Socialudvalgs brev af 16. marts 2005 følger hermed –  i 5 eksemplarer – "
              "socialministerens svar på spørgsmål nr. 19 ad L 38. Spørgsmål nr. 19: ”Ministeren "
              "bedes oplyse, hvilke kriterier der vil blive benyttet?” Svar: " + "Der er allerede "
              "i dag afgrænset et antal institutioner efter objektive kriterier. " * 4
              + "Eva Kjer Hansen /Aksel Meyer")
    document = read_document(flow_pdf(run_on))
    assert not document.region("head")  # no heading: the letter's text
    assert "Under henvisning til Folketingets Socialudvalgs brev" in document.body_text


@pytest.mark.parametrize(("glued", "item"), [
    ("www.mbbl.dkSvar på By- og Boligudvalgets spørgsmål nr. 88 (Alm. del)", "www.mbbl.dk"),
    ("Dato: 16. maj 2008Svar på spørgsmål nr. 212 (SOU alm. del)", "Dato: 16. maj 2008"),
])
def test_a_heading_glued_to_the_letterhead_or_date_is_cut_from_it(glued, item):
    text = ("Folketingets Socialudvalg\nChristiansborg\n1240 København K\nNygade 4\n"
            f"1234 Byby K\n{glued}\nSpørgsmål nr. 88:\n”Vil ministeren oplyse antallet?”\n"
            "Svar:\nDer blev givet tilsagn om 4.115 almene boliger i 2011.")
    document = read_document(flow_pdf(text))
    heading = glued[len(item):]
    assert [heading] in [block.lines for block in document.region("head")]
    assert item in " ".join(line for block in document.blocks for line in block.lines
                            if block.region != "head")
    assert document.body_text.startswith("Spørgsmål nr. 88:")


def test_an_opening_sentence_that_names_the_committee_first_is_not_cut_after_its_first_word():
    # The opening's lines fill the column, so they read as one wrapped row that starts with
    # the committee; the sentence is the committee's, not a letterhead run on into it.
    text = ("Svar på spørgsmål nr. 7 til L 45 fra Folketingets Boligudvalg\n"
            "Folketingets Boligudvalg har d. 12. november 2024 stillet følgende spørgsmål nr. 7 "
            "til L 45\n(Forslag til lov om ændring af lov om almene boliger m.v. – styrket "
            "adgang til fleksibel ud-\nlejning) til social- og boligministeren, som hermed "
            "besvares. Spørgsmålet er stillet efter ønske\nfra Søren Egge Rasmussen (EL).\n"
            "Svar:\nDer blev i 2023 genudlejet i alt 61.480 almene familieboliger.")
    document = read_document(flow_pdf(text))
    assert [block.lines for block in document.region("head")] == [
        ["Svar på spørgsmål nr. 7 til L 45 fra Folketingets Boligudvalg"]]
    assert document.body_text.startswith("Folketingets Boligudvalg har d. 12. november 2024")


@pytest.mark.parametrize("committee", ["Trafikudvalg", "Miljø - og Planlægningsudvalg"])
def test_a_letter_run_into_one_line_after_its_committee_keeps_its_date_block_together(committee):
    # No opening formula: the text starts at its first sentence; the labels and their
    # values, wrapped apart, stay together before it.
    run_on = (f"Folketingets {committee} Christiansborg 1240 København K Dato J.nr. : : 19. "
              "november 2004 432-81 Trafikudvalget har i brev af 29. oktober 2004 stillet mig "
              "følgende spørgsmål 58 (Alm. del), som jeg hermed skal besvare. " + "Der er ikke "
              "nødspor på den ca. 10 km lange strækning på motorvejen. " * 5 + "Flemming Hansen")
    document = read_document(flow_pdf(run_on))
    assert [block.lines for block in document.region("head")] == [
        [f"Folketingets {committee}", "Christiansborg", "1240 København K"]]
    assert [(c.kind, c.value) for c in case_numbers_in(document.body_text)] == [
        ("journalnummer", "432-81")]


def test_an_opening_glued_to_the_date_block_is_running_text():
    document = read_document(flow_pdf(
        "Medlemmerne af Folketingets Europaudvalg\nKontor 1 400.C.2-0 EUK 7. januar 2005 Under "
        "henvisning til udvalgets skrivelse af 13. december 2004 vedlægges ministeriets "
        "besvarelse af spørgsmål 10.\nMed venlig hilsen\nHans Hansen"))
    assert "Under henvisning til udvalgets skrivelse af 13. december 2004" in document.body_text
    sidebars = [block.lines for block in document.region("sidebar")]
    assert ["Kontor 1 400.C.2-0 EUK 7. januar 2005"] in sidebars


def test_a_row_of_labels_ending_the_recipient_line_goes_with_its_values():
    # The published text lost its line breaks but one: the recipient and a row of labels,
    # then their values and the letter's text.
    document = read_document(flow_pdf(
        "Medlemmerne af Folketingets Europaudvalg og deres stedfortrædere Bilag Journalnummer\n"
        "Kontor 1 400.C.2-0 EUK 7. januar 2005 Under henvisning til udvalgets skrivelse af 13. "
        "december 2004 vedlægges ministeriets besvarelse af spørgsmål 10.\nMed venlig hilsen\n"
        "Hans Hansen"))
    assert document.body_text.startswith("Under henvisning til udvalgets skrivelse")
    heads = [line for block in document.region("head") for line in block.lines]
    assert any(line.endswith("stedfortrædere   Bilag Journalnummer") for line in heads)


def test_a_heading_under_the_rests_of_a_tables_rules_is_the_subject():
    # Converted letters may print a table's rules as lines of "|" above the heading.
    document = read_document(flow_pdf("\n".join([
        "|", "|", "|", "L 47 om afgift til grundvandsbeskyttelse - manglende høringssvar",
        "Til udvalgets orientering skal jeg oplyse, at styrelsens direktion i dag har sendt "
        "vedlagte brev til foreningen. I brevet beklager styrelsen, at foreningens høringssvar "
        "ikke har indgået i styrelsens høringsnotat.", "Med venlig hilsen", "Hans Hansen"])))
    assert [block.lines for block in document.region("head")] == [
        ["L 47 om afgift til grundvandsbeskyttelse - manglende høringssvar"]]
    assert document.body_text.startswith("Til udvalgets orientering skal jeg oplyse")


def test_the_opening_after_a_letterhead_line_that_fills_the_column_is_running_text():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg",
        "Frederiksholms Kanal 27 F 1220 København K T 41 71 27 00 F 33 12 38 93 www.xm.dk",
        "Testudvalget har i brev af 8. marts 2013 stillet mig følgende spørgsmål, som jeg hermed "
        "skal besvare.", "Med venlig hilsen", "Hans Hansen"])))
    assert document.body_text.startswith("Testudvalget har i brev af 8. marts 2013")


def test_a_date_ending_a_wrapped_sentence_stays_in_it():
    # The sentence wraps after "den": its rest "17. august 2018" reads like a dateline.
    document = read_document(flow_pdf("\n".join([
        "Kære udvalg", "Kan ministeren bekræfte oplysningerne i det telegram, som blev bragt af "
        "nyhedsbureauet den 17. august 2018", "Svar:", "Ja."])))
    assert "nyhedsbureauet den\n17. august 2018" in document.body_text or (
        "nyhedsbureauet den 17. august 2018" in document.body_text)


def test_a_glued_letterhead_line_wrapped_before_its_first_fact_is_letterhead():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg",
        "Beskæftigelsesministeriet Ligestillingsafdelingen Kontoret for Familie og Børn Ved "
        "Stranden 81061 København KT 72 26 97 80E [email protected]www.lige.dk",
        "Testudvalget har i brev af 4. juni 2009 stillet følgende spørgsmål, som hermed besvares.",
    ])))
    assert "Stranden" not in document.body_text


def test_a_subject_wrapped_after_its_preposition_goes_on():
    document = read_document(flow_pdf("\n".join([
        "STATSMINISTERIET", "Dato: 20. februar 2007",
        "Statsminister Anders Fogh Rasmussens svar (endeligt) på spørgsmål nr. S 2748 stillet "
        "af et medlem af Folketinget, der ønsker svar på det hurtigst muligt.",
        "Spørgsmål:", "»Hvor mange råd er der?«", "Svar:", "Der er tre råd."])))
    [subject] = [b for b in document.region("head") if b.lines[0].startswith("Statsminister")]
    assert "spørgsmål nr. S 2748" in subject.lines[0]


def test_an_answers_heading_after_a_full_line_stands_on_its_own():
    question = ("Vil ministeren oplyse, hvordan borgeren, som har sendt henvendelsen, skal "
                "komme igennem sit studie, og hvad ministeriet vil gøre ved det?")
    document = read_document(flow_pdf("\n".join([
        "Alm. del spørgsmål 113", question, "Svar", "Henvendelsen omhandler en personsag."]),
        width=len(question) * 4.6))
    assert "det?\nSvar\nHenvendelsen" in document.body_text


def test_a_suspended_compound_broken_before_its_conjunction_keeps_the_space():
    document = read_document(flow_pdf("\n".join([
        "Der henvises til styrelsens bidrag til besvarelsen af spørgsmål 271 fra Udlændinge-",
        "og Integrationsudvalget, som jeg hermed har besvaret."])))
    assert "fra Udlændinge- og Integrationsudvalget" in document.body_text


def test_a_line_ending_in_a_rule_is_not_glued_to_the_next():
    document = read_document(flow_pdf("\n".join([
        "-- AKT 1234567 -- BILAG 2 -- [ 1. Svar på TSU 12 ] --", "Folketingets Testudvalg",
        "Testudvalget har i brev af 7. juni 2021 stillet følgende spørgsmål nr. 12.",
        "Svar:", "Ministeriet har ikke oplysninger herom."])))
    assert "--Folketingets" not in document.body_text
    assert "AKT" not in document.body_text


def test_a_subject_ends_before_the_question_heading_and_goes_on_to_its_committee():
    document = read_document(flow_pdf("\n".join([
        "UDENRIGSMINISTERIET", "Den 5. november 2015",
        "Spørgsmål fra Udenrigsudvalget til", "udenrigsministeren af 9. oktober 2015.",
        "URU alm. del – spørgsmål 3.", "URU alm. del spørgsmål 3:",
        "Hvad er ministerens holdning til henvendelsen?", "Svar:", "Den er god."])))
    subjects = [" ".join(b.lines) for b in document.region("head") if b.lines[0].startswith("Sp")]
    assert subjects == ["Spørgsmål fra Udenrigsudvalget til udenrigsministeren af 9. oktober "
                        "2015. URU alm. del – spørgsmål 3."]
    document = read_document(flow_pdf("\n".join([
        "Folketinget", "Grønlandsudvalget", "Christiansborg", "1240 København K",
        "Besvarelse af spørgsmål nr. 64 (Alm. del) fra Folketingets", "Grønlandsudvalg",
        "Hermed sendes besvarelse af spørgsmål nr. 64 (Alm. del)."])))
    subjects = [" ".join(b.lines) for b in document.region("head") if b.lines[0].startswith("Be")]
    assert subjects == ["Besvarelse af spørgsmål nr. 64 (Alm. del) fra Folketingets "
                        "Grønlandsudvalg"]


def test_a_subject_broken_before_the_day_of_its_question_goes_on():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg", "5. maj 2021",
        "Svar på Testudvalgets spørgsmål nr. 2 (Aktstykke nr. 227) af", "27. april 2021",
        "Spørgsmål", "Vil ministeren redegøre for sagen?", "Svar", "Det vil jeg gerne."])))
    subjects = [" ".join(b.lines) for b in document.region("head") if b.lines[0].startswith("S")]
    assert subjects == ["Svar på Testudvalgets spørgsmål nr. 2 (Aktstykke nr. 227) af "
                        "27. april 2021"]


def test_a_subject_broken_after_den_goes_on_with_the_day_and_its_full_stop():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Lovsekretariat", "TESTMINISTEREN", "5. marts 2025",
        "Besvarelse af spørgsmål nr. S 733 stillet af Anne Hansen (DD) den", "25. februar 2025.",
        "Spørgsmål:", "Vil ministeren redegøre for sagen?", "Svar:",
        # a line wider than the heading's: the heading's first line did not fill the column
        "Det vil jeg gerne, og jeg kan i den forbindelse oplyse, at sagen er under behandling."])))
    subjects = [" ".join(b.lines) for b in document.region("head") if b.lines[0].startswith("B")]
    assert subjects == ["Besvarelse af spørgsmål nr. S 733 stillet af Anne Hansen (DD) den "
                        "25. februar 2025."]


@pytest.mark.parametrize(("lines", "subject"), [
    (["Svar på spørgsmål 40 (Alm. del):I brev af 26. oktober 2009 har udvalget stillet mig "
      "følgende spørgsmål efter ønske fra Anne Hansen (S). Jeg kan oplyse, at sagen er under "
      "behandling i ministeriet, og at jeg vil vende tilbage til udvalget, når den er afsluttet."],
     "Svar på spørgsmål 40 (Alm. del):"),  # its colon glued to the letter's first sentence
    (["Miljø- og testministerens besvarelse af spørgsmål nr. 601 (TSU alm. del)",
      "Spørgsmål nr. 601:", "Vil ministeren oplyse tallene?"],
     "Miljø- og testministerens besvarelse af spørgsmål nr. 601 (TSU alm. del)"),
    (["Ministeren for test, prøver og eksamens besvarelse af spørgsmål nr. 117",
      "Spørgsmål nr. 117:", "Vil ministeren oplyse tallene?"],
     "Ministeren for test, prøver og eksamens besvarelse af spørgsmål nr. 117"),
    (["Fremsendelse af notat om gods på jernbanen", "",
      "Som lovet på samrådet fremsender jeg hermed et notat om sagen."],
     "Fremsendelse af notat om gods på jernbanen"),
    (["Testministerens besvarelse af spørgsmål nr. 117", "",
      "(alm. del). Spørgsmålet er stillet efter ønske fra Anne Hansen (S)", "",
      "Spørgsmål nr. 117:", "Vil ministeren oplyse tallene?"],
     "Testministerens besvarelse af spørgsmål nr. 117 (alm. del). Spørgsmålet er stillet efter "
     "ønske fra Anne Hansen (S)"),  # its series in brackets after a blank line
    (["Testministerens foreløbige svar på spørgsmål nr. 333 (alm. del) stillet", "",
      "af Folketingets Testudvalg.", "", "Spørgsmål nr. 333:", "Hvad er tallene?"],
     "Testministerens foreløbige svar på spørgsmål nr. 333 (alm. del) stillet af Folketingets "
     "Testudvalg."),  # its words in small letters after a blank line
    (["Besvarelse af § 8 spørgsmål 6 til aktstykke 122 stillet af udvalget den",
      "27. marts 2020 efter ønske fra Anne Hansen (V).", "ERHVERVSMINISTERIET",
      "Slotsholmsgade 10-12", "1216 København K", "Spørgsmål:", "Hvad er tallene?"],
     "Besvarelse af § 8 spørgsmål 6 til aktstykke 122 stillet af udvalget den 27. marts 2020 "
     "efter ønske fra Anne Hansen (V)."),  # the ministry's long name after it is no wrap
    (["Testministerens besvarelse af spørgsmål nr. 9 fra Folketingets Testudvalg (Alm. del).",
      "", "Text Box: December 2006", "", "Vores sag", "06-21-0019", "", "Spørgsmål nr. 9:",
      "Hvad er tallene?"],
     "Testministerens besvarelse af spørgsmål nr. 9 fra Folketingets Testudvalg (Alm. del)."),
    (["Svar på Finansudvalgets spørgsmål nr. 66 (L 206 - § 7.",
      "Finansministeriet) af 4. september 2020 stillet efter ønske fra", "Anne Hansen (V)",
      "Spørgsmål", "Vil ministeren redegøre for, hvor stor en del af merudgifterne til styrelsen",
      "på 25,7 mio. kr. ift. 2020 der skyldes merudgifter i forbindelse med, at styrelsen"],
     "Svar på Finansudvalgets spørgsmål nr. 66 (L 206 - § 7. Finansministeriet) af 4. september "
     "2020 stillet efter ønske fra Anne Hansen (V)"),  # a ministry in the heading's bracket
])
def test_subjects_as_genuine_letters_print_them(lines, subject):
    document = read_document(flow_pdf("\n".join(["Folketingets Testudvalg", "Christiansborg",
                                                  *lines, "Svar:", "Ja."])))
    assert [" ".join(b.lines) for b in document.region("head")][-1] == subject


def test_a_subject_wrapped_after_a_line_that_reads_like_a_ministers_title():
    first = "Ministeren for flygtninge, indvandrere og"
    subject = f"{first} integrations besvarelse af spørgsmål nr. 117"
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg", subject, "Spørgsmål nr. 117:",
        "Hvad er tallene?", "Svar:", "Ja."]), width=len(first) * 4.8))
    heads = [" ".join(b.lines) for b in document.region("head")]
    assert heads[-1] == subject


def test_the_converters_banner_filling_the_column_takes_no_heading_after_it():
    document = read_document(flow_pdf("\n".join([
        "Testudvalget 2013-14", "TSU Alm.del", "Offentligt", "1381090_0001.png",
        "PDF to HTML - Convert PDF files to HTML files",
        "Spørgsmål nr. 12 (Alm. del) fra Folketingets Testudvalg:",
        "”Finder ministeren det tilfredsstillende, at uskyldigt dømte skal",
        "vente mere end et halvt år på en ny retssag?”", "Svar:", "Ja."]), width=260))
    assert document.body_text.startswith("Spørgsmål nr. 12")


def test_an_address_line_wrapped_after_its_conjunction_stays_with_the_address():
    document = read_document(flow_pdf("\n".join([
        "Klima-, Test- og Teknikudvalget 2011-12", "KTU Alm.del Bilag 67", "Offentligt",
        "1040218_0001.png", "Klima-, Test- og TeknikudvalgetFolketingetChristiansborg1240 "
        "København K", "14. november 2011J.nr. 2011-5377Ref.", "Side 1/1", "",
        "Vedlagt følger en status for sagen, som udvalget har bedt om."]), width=260))
    [address] = [b for b in document.region("head") if "Christiansborg" in b.lines]
    assert address.lines[0] == "Klima-, Test- og Teknikudvalget"


def test_a_signature_that_fills_the_column_takes_no_letterhead_after_it():
    document = read_document(flow_pdf("\n".join([
        "Hermed sendes besvarelse af spørgsmål nr. 861 (Alm. del), som Folketingets "
        "Testudvalg har stillet til ministeren den 7. april 2014.",
        "Karen Hansen/Anne Berg Mansfeld-Giese",
        "Slotsholmsgade 101216 København K.Telefon 7226 8400Telefax 3393 3510www.xm.dk",
        "", "Spørgsmål nr. 861:", "Hvad er tallene?"]), width=260))
    assert "Karen Hansen/Anne Berg Mansfeld-Giese" in document.body_text


def test_a_date_alone_after_a_sentence_that_fills_the_column_is_a_line_of_its_own():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg",
        "Udvalget har i brev af 28. oktober 2016 stillet følgende spørgsmål:",
        "Spørgsmål 15:", "Vil ministeren kommentere sagen?", "Svar:",
        "Der henvises til mit svar på spørgsmål 5.", "10-11-2016", "Med venlig hilsen",
        "Anne Hansen"]), width=260))
    assert "spørgsmål 5.\n10-11-2016" in document.body_text


def test_a_subject_glued_to_the_date_after_its_bracket_ends_there():
    document = read_document(flow_pdf("\n".join([
        "TESTMINISTERIET",
        "Testudvalgets spørgsmål 922af 12. juni 2013 til skriftligbesvarelse (alm. del)25. juni "
        "2013Spørgsmål 922 fra Testudvalget til ministeren:Vil ministeren redegøre for om "
        "ministeriet forud for besøget fik en henvendelse vedrørende krav til pressedækningen? "
        "Vil ministeren i givet fald oplyse, hvilke medier der ikke var ønsket til stede?"])))
    heads = [" ".join(b.lines) for b in document.region("head")]
    assert heads[-1] == ("Testudvalgets spørgsmål 922af 12. juni 2013 til skriftligbesvarelse "
                         "(alm. del)")
    assert document.body_text.startswith("25. juni 2013Spørgsmål 922")


def test_a_subject_glued_to_the_question_heading_after_it_ends_there():
    document = read_document(flow_pdf("\n".join([
        "TESTMINISTERIETDato: 15. april 2009",
        "Testministerens svar på spørgsmål nr. 4 (L 128) stillet af Testudvalget. Spørgsmålene "
        "er stillet efter ønske fra Anne Hansen (DF).Spørgsmål 4:Mener regeringen, at "
        "forslaget tjener sit formål?Svar:Det er regeringens ønske at bevare ordningen i en "
        "moderniseret og fornyet form, og regeringen anerkender samtidig princippet bag den."])))
    heads = [" ".join(b.lines) for b in document.region("head")]
    assert heads[-1].endswith("efter ønske fra Anne Hansen (DF).")
    assert document.body_text.startswith("Spørgsmål 4:Mener regeringen")


def test_a_stamp_of_several_committees_wrapped_over_three_lines_is_one_stamp():
    stamp = ", ".join(["Udvalget for Test, Prøver og Eksamen 2009-10"] * 3)
    document = read_document(flow_pdf("\n".join([
        stamp, "L 85 , L 85 A , L 85 B", "Offentligt", "805727_0001.png",
        "Folketingets Udvalg for Test, Prøver og Eksamen", "København, den 26. februar 2010",
        "Udvalget har stillet følgende spørgsmål nr. 7, som hermed besvares."]), width=300))
    assert document.region("stamp")[0].lines[0] == stamp
    assert document.body_text.startswith("Udvalget har stillet")


def test_a_stamp_wrapped_after_an_og_is_no_sentence():
    """Committees' names hold many an "og": three of them cut at the column's edge read as
    running text alone, and the head ended before the address below them."""
    stamp = ", ".join(["Social- og Indenrigsudvalget 2019-20"] * 3)
    document = read_document(flow_pdf("\n".join([
        stamp, "L 68 , L 68 A , L 68 B", "Offentligt", "2121378_0001.png",
        "Folketingets Social- og Indenrigsudvalg", "Holmens Kanal 22", "1060 København K",
        "Dato", "18-02-2020",
        "Udvalget har stillet følgende spørgsmål nr. 1, som hermed besvares."])))
    assert document.region("stamp")[0].lines[0] == stamp
    assert ["Folketingets Social- og Indenrigsudvalg"] in [
        block.lines for block in document.region("head")]
    assert document.body_text.startswith("Udvalget har stillet")


def test_a_word_wrapped_before_a_long_glued_one_goes_with_it():
    document = read_document(flow_pdf("\n".join([
        "Testudvalget 2009-10", "S 800", "Offentligt", "788703_0001.png",
        "Folketingets LovsekretariatFolketingetChristiansborg1240 København K",
        "Hermed fremsendes svar på spørgsmål nr. S 800 stillet af folketingsmedlem Anne Hansen."]),
        width=260))
    [address] = [b for b in document.region("head") if "Christiansborg" in b.lines]
    assert address.lines[0] == "Folketingets Lovsekretariat"


def test_an_opening_that_names_the_committee_and_wraps_is_no_address():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Udvalg for Fødevarer,Landbrug og Fiskeri",
        "København, den 26. februar 2010",
        "Folketingets Udvalg for Fødevarer, Landbrug og Fiskeri har i brev af 8. februar 2010 "
        "stillet følgende spørgsmål nr. 7, som hermed besvares."]), width=260))
    assert document.body_text.startswith("Folketingets Udvalg for Fødevarer, Landbrug og "
                                         "Fiskeri har")


def test_a_committees_question_named_as_a_heading_is_the_subject():
    document = read_document(flow_pdf("\n".join([
        "TESTMINISTERIET", "Testudvalgets spørgsmål 28 ad TSU alm. del af den 7. marts 2007",
        "Spørgsmål:", "Hvem sidder i arbejdsgruppen?", "Svar:", "Det er medlemsstaterne."])))
    subjects = [" ".join(b.lines) for b in document.region("head") if b.lines[0].startswith("T")]
    assert subjects == ["Testudvalgets spørgsmål 28 ad TSU alm. del af den 7. marts 2007"]
    assert document.body_text.startswith("Spørgsmål:")


def test_a_copy_to_a_second_committee_belongs_to_the_address():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Europaudvalg", "(også sendt til Folketingets Beskæftigelsesudvalg)",
        "Beskæftigelsesministeren", "Ved Stranden 8", "1061 København K",
        "Orientering om Europa-Kommissionens arbejdsprogram for 2018",
        "Det kan til udvalgets orientering oplyses, at arbejdsprogrammet er lagt frem."])))
    head = [line for block in document.region("head") for line in block.lines]
    assert "(også sendt til Folketingets Beskæftigelsesudvalg)" in head
    assert document.body_text.startswith("Det kan til udvalgets orientering")


def test_a_subject_broken_before_its_question_goes_on():
    document = read_document(flow_pdf("\n".join([
        "Ministeren", "Børne- og Undervisningsudvalget", "Christiansborg",
        "Svar på alm. del", "spørgsmål 159",
        "I brev af 12. februar 2024 har udvalget stillet mig følgende spørgsmål:",
        "Alm. del", "spørgsmål 159:", "Vil ministeren redegøre for sagen?", "Svar:", "Nej."])))
    subjects = [" ".join(b.lines) for b in document.region("head") if b.lines[0].startswith("Svar")]
    assert subjects == ["Svar på alm. del spørgsmål 159"]
    assert document.body_text.startswith("I brev af 12. februar 2024")


def test_lines_that_show_their_role_only_with_their_wrapped_rest():
    # A narrow column wraps the stamp's committee line and a glued address block.
    document = read_document(flow_pdf("\n".join([
        "Udlændinge- og Integrationsudvalget 2018-19 (1. samling)", "UUI Alm.del", "Offentligt",
        "Folketingets Miljø- og PlanlægningsudvalgChristiansborg1240 København K",
        "Udvalget har i brev af 27. april 2011 stillet følgende spørgsmål, som hermed besvares.",
    ]), width=270))
    stamp = [line for block in document.region("stamp") for line in block.lines]
    head = [line for block in document.region("head") for line in block.lines]
    assert "samling)" in " ".join(stamp)
    assert head[0] == "Folketingets Miljø- og Planlægningsudvalg"
    assert document.body_text.startswith("Udvalget har i brev af 27. april 2011")


def test_a_row_of_values_wrapped_stays_with_its_labels():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg", "Dato:Kontor:Sagsbeh:Sagsnr.:Dok.:",
        "5. maj 2014Asyl- og VisumkontoretThomas Højgaard2014-0032-12211122785",
        "Hermed sendes besvarelse af spørgsmål nr. 423 (Alm. del), som udvalget har stillet."]),
        width=270))
    assert "2014-0032" not in document.body_text


def test_a_value_broken_at_a_hyphen_takes_one_labels_place():
    document = read_document(flow_pdf("\n".join([
        "Dato:", "Kontor:", "Sagsbeh:", "Sagsnr.:", "Dok.:", "31. august 2018",
        "Strafferetskontoret", "Julie Christine Gade Mi-", "kkelsen", "2018-0030-1420", "820501",
        "Hermed sendes besvarelse af spørgsmål nr. 998 (Alm. del), som udvalget har stillet."])))
    labelled = [line for block in document.region("sidebar") for line in block.lines]
    assert "Sagsbeh: Julie Christine Gade Mikkelsen" in labelled
    assert "Sagsnr.: 2018-0030-1420" in labelled


def test_labels_with_their_colons_in_a_column_pair_with_the_values_below():
    document = read_document(flow_pdf("\n".join([
        "Dato", "J.nr.", ":", ":", "28. november 2005", "004", "-", "322",
        "Det Energipolitiske Udvalg har i brev af 21. november 2005 stillet mig følgende "
        "spørgsmål."])))
    labelled = [line for block in document.region("sidebar") for line in block.lines]
    assert labelled == ["Dato: 28. november 2005", "J.nr.: 004 - 322"]
    assert document.body_text.startswith("Det Energipolitiske Udvalg")


def test_a_date_broken_before_its_year_is_one_date_line():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "3. maj", "2021", "",
        "Testudvalget har stillet følgende spørgsmål nr. 7, som hermed besvares."])))
    dated = [block.text for block in document.blocks if block.region != "stamp"]
    assert "3. maj\n2021" in dated
    assert document.body_text.startswith("Testudvalget")


def test_a_short_opening_sentence_is_the_letters_text_not_a_heading():
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg", "1240 København K", "",
        "Jeg kan oplyse følgende:", "",
        "Regeringen har i dag indgået en aftale om politiets økonomi med et flertal i "
        "Folketinget."])))
    assert document.body_text.startswith("Jeg kan oplyse følgende:")


def test_a_heading_as_wide_as_a_short_letter_does_not_run_on_into_its_text():
    # the heading is the widest line, so every line after it looks wrapped at its edge
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg", "1240 København K", "Dato: 3. maj 2017",
        "Svar på spørgsmål nr. 45 (Alm. del)", "Jeg henviser til vedlagte notat.",
        "Med venlig hilsen", "Hans Hansen"])))
    head = [line for block in document.region("head") for line in block.lines]
    assert "Svar på spørgsmål nr. 45 (Alm. del)" in head
    assert document.body_text.startswith("Jeg henviser til vedlagte notat.")
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg", "1240 København K", "Dato: 3. maj 2017",
        "Foreløbigt svar på spørgsmål nr. 415 (Alm. del)", "Ministeriet har behov for mere tid.",
        "Med venlig hilsen", "Hans Hansen"])))
    assert document.body_text.startswith("Ministeriet har behov")


def test_a_heading_after_the_series_it_answers_in_is_the_subject():
    document = read_document(flow_pdf("\n".join([
        "GRU alm. del", "–", "svar på spørgsmål 111 fra Anne Hansen",
        "stillet den 10. juni 2022 til udenrigsministeren.", "Spørgsmål",
        "Vil ministeren oplyse, om han er bekendt med planerne?", "Svar",
        "Jeg henviser til min besvarelse af spørgsmål 105."])))
    assert head_lines(document) == ["GRU alm. del – svar på spørgsmål 111 fra Anne Hansen "
                                     "stillet den 10. juni 2022 til udenrigsministeren."]
    assert document.body_text.startswith("Spørgsmål")


def test_a_heading_wrapped_after_the_date_blocks_last_line_is_the_subject():
    heading = ("Testministeriets foreløbige svar på spørgsmål nr. 22 (Alm. del), som Folketingets "
               "Testudvalg har stillet den 3. oktober 2012.")
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Christiansborg", "1240 København K",
        "Dato: 15. november 2012", "Sagsnr.: 2012-3051-0033", heading, "Spørgsmål nr. 22:",
        "”Hvad er baggrunden for sagen?”", "Svar:", "Ministeriet har anmodet om en udtalelse."]),
        width=220))
    assert heading in head_lines(document)


def test_a_ministrys_longest_name_is_a_letterhead_line():
    document = read_document(flow_pdf("\n".join([
        "Ministeriet for Børn, Ligestilling, Integration og Sociale Forhold",
        "Folketingets Socialudvalg", "Dato: 3. oktober 2014", "Svar:",
        "Jeg henviser til mit svar på spørgsmål nr. 12 om kommunernes indsats."])))
    assert "Ministeriet for Børn" not in document.body_text
    assert "Folketingets Socialudvalg" in head_lines(document)


def test_a_ministrys_name_coordinating_three_words_is_a_letterhead_line():
    document = read_document(flow_pdf("\n".join([
        "Test-, Prøve- og Eksamensministeriet", "Folketingets Udvalg for Test og Prøver",
        "Christiansborg", "1240 København K", "Dato: 15. januar 2016", "Svar:",
        "Jeg henviser til mit svar på spørgsmål nr. 12 om kommunernes indsats."]), width=240))
    assert "Eksamensministeriet" not in document.body_text
    assert ["Folketingets Udvalg for Test og Prøver", "Christiansborg", "1240 København K"] in [
        block.lines for block in document.region("head")]


def test_folketingets_address_after_the_signature_stays_with_the_addressee():
    document = read_document(flow_pdf("\n".join([
        "Hermed sendes besvarelse af spørgsmål nr. 3.", "Peter Hansen",
        "Testudvalget", "Christiansborg", "1240 København K", "Dato: 13. april 2023"])))
    assert "Christiansborg\n1240 København K" in document.body_text


def test_a_stamp_title_cut_where_its_question_starts_goes_on_to_the_letters_heading():
    title = ("REU, Alm.del - 2024-25 - Endeligt svar på spørgsmål 858: Spm. om redegørelse for "
             "indholdet af den rapport, der omtales i artiklen De skyder rivaler, banker kvinder "
             "og undergraver staten. Mørklagt politirapport afslører, hvordan kriminelle klaner "
             "opererer, Berlingske, den 30. marts 2025")
    document = read_document(flow_pdf("\n".join([
        "Retsudvalget 2024-25", "REU Alm.del", "Offentligt", "", "Folketinget", "Retsudvalget",
        "Christiansborg", "1240 København K", "", "Hermed sendes besvarelse af spørgsmål nr. 858.",
        "", "Peter Hansen", "", title, "Spørgsmål nr. 858:", "”Vil ministeren redegøre?”", "",
        "Svar:", "Nej."]), width=260))
    assert "30. marts" not in document.body_text
    assert "Spørgsmål nr. 858:" in document.body_text


def test_a_line_that_ends_with_room_to_spare_ends_there():
    # The paragraph's last line is long, but the name after it would have fitted on it.
    document = read_document(flow_pdf("\n".join([
        "Kære udvalg", "Ministeriet har undersøgt sagen grundigt og har i den forbindelse "
        "indhentet bidrag fra de berørte styrelser og fra kommunerne. Det kan oplyses, at "
        "ordningen virker.", "Hans Hansen"])))
    assert document.body_text.endswith("ordningen virker.\nHans Hansen")


def line_at(text: str, page: int, top: float) -> Line:
    return Line(text=text, page=page, x0=70, x1=70 + 6 * len(text), top=top, bottom=top + 11,
                size=11, bold=False)


def test_a_margin_line_is_running_only_if_another_pages_margin_repeats_it():
    first = [line_at("TESTMINISTERIET", 1, 40), line_at("Spørgsmål nr. 84:", 1, 400)]
    second = [line_at("TESTMINISTERIET", 2, 40), line_at("Spørgsmål nr. 85:", 2, 60),
              line_at("Hvad er tallene?", 2, 400)]
    pages = [Page(number=1, width=595, height=842, lines=first),
             Page(number=2, width=595, height=842, lines=second)]
    assert {line.text for line in running_lines(pages)} == {"TESTMINISTERIET"}


def test_a_number_far_from_its_pages_own_is_a_tables_cell_not_a_page_number():
    # a table set one cell to a line, broken over the page: "279" stands atop page 2, and
    # page 1's foot ends with "Side 1 af 2"; "2" atop page 2 is its number
    first = [line_at("Fyns Politi", 1, 400), line_at("Side 1 af 2", 1, 800)]
    second = [line_at("279", 2, 40), line_at("2", 2, 60), line_at("Bornholms Politi", 2, 400)]
    pages = [Page(number=1, width=595, height=842, lines=first),
             Page(number=2, width=595, height=842, lines=second)]
    assert {line.text for line in running_lines(pages)} == {"Side 1 af 2", "2"}


PLAIN_HEAD = ["Folketingets Trafikudvalg", "Christiansborg", "1240 København K",
              "Dato 20. december 2007", "J. nr. 514-20"]


def head_lines(document) -> list[str]:
    return [" ".join(block.lines) for block in document.region("head")]


def test_a_heading_in_plain_words_above_the_text_is_in_the_head():
    document = read_document(flow_pdf("\n".join([
        *PLAIN_HEAD,
        "Delrapport om indledende linjeføringsovervejelser for en fast for-",
        "bindelse over Kattegat",
        "Som første led i forundersøgelsen af en fast forbindelse over Kattegat har Vejdirek-",
        "toratet gennemført et arbejde med indledende linjeføringsovervejelser."])))
    assert "Delrapport" not in document.body_text
    assert document.body_text.startswith("Som første led")
    assert any(line.startswith("Delrapport om") and line.endswith("Kattegat")
               for line in head_lines(document))


def test_a_plain_heading_broken_after_a_small_word_goes_on_in_small_letters():
    document = read_document(flow_pdf("\n".join([
        *PLAIN_HEAD,
        "Opgørelse over antallet af sager om nyt personnummer i særlige tilfælde i",
        "forbindelse med identitetsmisbrug",
        "Efter § 3, stk. 7, i CPR-loven kan ministeriet efter skriftlig anmodning herom i "
        "særlige tilfælde tildele nyt personnummer til en person."])))
    assert ("Opgørelse over antallet af sager om nyt personnummer i særlige tilfælde i "
            "forbindelse med identitetsmisbrug") in head_lines(document)
    assert document.body_text.startswith("Efter § 3")


@pytest.mark.parametrize("heading", [
    "Forslag til lov om ændring af straffeloven (Skærpet straf for vold)",  # a bracket's words
    "Forslag til lov om ændring af lov om epidemier m.v.",  # an abbreviation's full stop
])
def test_a_plain_heading_may_end_in_a_bracket_or_an_abbreviation(heading):
    document = read_document(flow_pdf("\n".join([
        *PLAIN_HEAD, heading,
        "Hermed fremsendes til udvalgets orientering et notat om lovforslaget, som ministeriet "
        "har udarbejdet."])))
    assert heading in head_lines(document)


def test_an_offices_name_above_the_subject_leaves_it_in_the_head():
    document = read_document(flow_pdf("\n".join([
        "Dato: 17. januar 2022", "Asylkontoret",
        "Endeligt svar på spørgsmål nr. 311 (Alm. del) fra Udlændinge- og Integrationsudvalget",
        "Svar:", "Udlændingestyrelsen har oplyst, at sagen er under behandling."])))
    assert ("Endeligt svar på spørgsmål nr. 311 (Alm. del) fra Udlændinge- og "
            "Integrationsudvalget") in head_lines(document)


@pytest.mark.parametrize("first_line", [
    "Trafikudvalget har den 25. marts 2020 stillet følgende",  # a sentence's start
    "Center for Sundhedsøkonomi og Politik",  # an office: no word of a topic
    "J.nr. mst-406-00001 Den 14. oktober 2010",  # a labelled number
    "Status for anlægsprojekterne i første halvår.",  # a sentence of its own
    "Koncernøkonomi og styring",  # an office named by two fields
])
def test_a_line_that_is_no_heading_stays_out_of_the_head(first_line):
    document = read_document(flow_pdf("\n".join([
        *PLAIN_HEAD, first_line,
        "Spørgsmålet drejer sig om de anlægsprojekter, som Vejdirektoratet har sat i gang."])))
    assert first_line not in " ".join(head_lines(document))


def column_for(line: str) -> float:
    """A flow column just wide enough for ``line``: the next word wraps."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from pipeline.typeset import FLOW_SIZE, FONT, register_fonts

    register_fonts()
    return stringWidth(line, FONT, FLOW_SIZE) + 4


def test_folketinget_after_a_name_that_fills_the_column_is_a_line_of_the_address():
    name = "Test- og Prøveudvalget"
    document = read_document(flow_pdf("\n".join([
        "Ministeren", name, "Folketinget", "Christiansborg", "1240 København K",
        "Test- og Prøveudvalget har den 3. maj 2022 stillet følgende spørgsmål nr. 5, som "
        "hermed besvares."]), width=column_for(name)))
    [address] = [block for block in document.region("head") if name in block.lines]
    assert address.lines[address.lines.index(name) + 1] == "Folketinget"


def test_an_opening_that_breaks_after_the_committees_whole_name_is_no_address():
    name = "Folketingets Test- og Prøveudvalg"
    document = read_document(flow_pdf("\n".join([
        "København, den 26. februar 2010",
        f"{name} har i brev af 8. februar 2010 stillet følgende spørgsmål nr. 7, som hermed "
        "besvares."]), width=column_for(name)))
    assert document.body_text.startswith(f"{name} har i brev af")


def test_a_stamp_left_open_after_its_conjunction_goes_on_on_the_next_line():
    first = "Udvalget for Test, Prøver og"
    document = read_document(flow_pdf("\n".join([
        f"{first} Eksamen 2008-09", "TPE Alm.del", "Offentligt", "Folketingets Testudvalg",
        "Testudvalget har stillet følgende spørgsmål nr. 7, som hermed besvares."]),
        width=column_for(first)))
    assert document.region("stamp")[0].lines[0] == f"{first} Eksamen 2008-09"


def test_a_case_number_wrapped_after_its_label_glued_to_the_date_stays_in_the_date_block():
    first = "København, den 10. juni 2009Sagsnr.:"
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", f"{first} 16191",
        "Testudvalget har stillet følgende spørgsmål nr. 7, som hermed besvares."]),
        width=column_for(first)))
    assert "16191" not in document.body_text
    assert any("16191" in line for block in document.region("sidebar") for line in block.lines)


def test_an_address_ends_with_its_town_a_members_name_with_the_party():
    from pipeline.reading.columnroles import is_wrapped
    from pipeline.reading.pdf import Line

    def line(text: str, top: float) -> Line:
        return Line(text=text, page=1, x0=60, x1=60 + 6 * len(text), top=top,
                    bottom=top + 10, size=10, bold=False)

    town, following = line("1240 København K", 100), line("UndervisningsministerietVed", 112.5)
    assert not is_wrapped(town, following, right_edge=200)
    # a line of prose with as little room left does wrap into the next
    assert is_wrapped(line("som udvalget har stillet", 100), following, right_edge=200)
    # a member's name ends with the party
    member = line("Victoria Velasquez (EL)", 100)
    assert not is_wrapped(member, line("Beskæftigelsesministeriet", 112.5), member.x1 + 5)


def test_a_line_wrapped_before_a_wide_word_is_wrapped_by_the_words_printed_width():
    from pipeline.reading.columnroles import is_wrapped
    from pipeline.reading.pdf import read_pdf

    # narrow characters ("(jf. 1-2)") make the line's average too small for "ordningen"
    sentence = ("Det fremgår af svaret, at i alt 1.2 mio. af de 3,4 pct. (jf. bilag 1-2) viser, "
                "hvordan ordningen virker i praksis, når man måler den.")
    lines = read_pdf(flow_pdf(sentence, width=234))[0].lines
    index = next(index for index, line in enumerate(lines) if line.text.startswith("ordningen"))
    before, after = lines[index - 1], lines[index]
    assert is_wrapped(before, after, right_edge=max(line.x1 for line in lines))


def test_a_sentence_wrapped_into_the_letterhead_keeps_its_role():
    # the letterhead glued onto one line after the text's last sentence, at a narrow page
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "",
        "Testudvalget har stillet følgende spørgsmål nr. 1, som hermed besvares. Svar: Der vil "
        "blive orienteret om beslutningen bl.a. pårelevante hjemmesider. Der vil ikke være "
        "omkostninger forbundet hermed.",
        "Testgade 10-12DK-1216 København KTlf. +45 7226 9000Fax. +45 7226 9001"]), width=220))
    assert "Der vil ikke" in document.body_text


def test_a_glued_letterhead_line_after_a_paragraph_that_fills_the_column_stays_letterhead():
    last = ("Jeg kan oplyse, at jeg snarest muligt vil oversende mit forslag til et fremtidigt "
            "arbejde med området til udvalget.")
    document = read_document(flow_pdf("\n".join([
        "Testudvalget har stillet følgende spørgsmål nr. 15, som hermed besvares.", "", "Svar:",
        last, "Testgade 211220 København Kwww.test.dkTelefon 3392 3390Telefax 3392 3913"]),
        width=column_for(last)))
    assert "www.test.dk" not in document.body_text
    assert document.body_text.rstrip().endswith("til udvalget.")


def test_a_ministrys_name_glued_to_its_contact_facts_wraps_as_a_letterhead_line():
    first = "TestministerietVed Stranden 81061 København KT 72 20 50 00www.test.dkCVR"
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", f"{first} 10172748EAN 5798000398566",
        "Folketingsmedlem Anne Hansen (V) har den 18. april 2012 stillet følgende spørgsmål "
        "nr. S 2993, som hermed besvares."]), width=column_for(first)))
    assert "10172748" not in document.body_text


def test_the_opening_after_a_wrapped_letterhead_line_is_text_though_numbers_break_its_words():
    from pipeline.reading.columnroles import goes_on_wrapped
    from pipeline.reading.lineroles import CONTACT

    letterhead = "[email protected]www.test.dkCVR 10172748EAN 5798000398566"
    opening = "Folketingsmedlem Anne Hansen (V) har den 18. april 2012 stillet"
    assert not goes_on_wrapped(CONTACT, opening, letterhead)
    assert goes_on_wrapped(CONTACT, "10172748EAN 5798000398566", letterhead)


def test_the_stamps_title_goes_on_over_a_page_break():
    from pipeline.reading.columnroles import MainRoles
    from pipeline.reading.lineroles import STAMP

    title = "SOU, Alm.del - 2020-21 - Endeligt svar på spørgsmål 430:"
    rest = ["Spm. om ministeren vil redegøre for det samlede",
            "serviceudgiftsniveau for årene 2017, 2018, 2019 og 2020",
            "og budget for 2021 for alle 98 kommuner, til"]
    lines = [line_at("kommunernes regnskaber for 2020.", 1, 700), line_at(title, 1, 760),
             *(line_at(text, 2, 60 + 12 * row) for row, text in enumerate(rest))]
    roles = MainRoles(lines, head_count=0, right_edge=70 + 6 * len(title)).roles
    assert roles[1:] == [STAMP] * 4


def test_a_date_blocks_rest_with_its_labels_glued_is_no_plain_heading():
    from pipeline.reading.columnroles import plain_heading_end

    text = "Til orientering sendes vedlagt redegørelse af 2. december 2013 fra chefen for PET."
    rest = "Anne Berg Mansfeld-GieseSagsnr.: 2013-19000-0216Dok.:991673+ bilag"
    heading = "Redegørelse om udvalgets besøg på Christiania"
    assert plain_heading_end([rest, text], [None, None], 0, 2, [False, False]) == 0
    assert plain_heading_end([heading, text], [None, None], 0, 2, [False, False]) == 1


def test_a_headings_wrapped_rest_that_reads_as_a_name_stays_with_it():
    # The rest "AMO-udvalg" reads as a committee's name; among the date block's lines it
    # would have gone with them.
    first = "Ny tidsplan for afrapportering fra det midlertidige"
    document = read_document(flow_pdf("\n".join([
        "Folketingets Testudvalg", "Testministeriet", "Nygade 20", "1060 København K",
        "www.test.dk", f"{first} AMO-udvalg", "J.nr. 20205000009", "31. august 2021",
        "Kære udvalg", "Jeg orienterede jer i januar 2021 om, at drøftelserne i det "
        "midlertidige udvalg blev sat i bero."]), width=column_for(first)))
    assert any(line.endswith("AMO-udvalg") for block in document.region("head")
               for line in block.lines if line.startswith("Ny tidsplan"))
    assert not any("AMO-udvalg" in line for block in document.region("sidebar")
                   for line in block.lines)


def head_lines_over_a_notice(line: str) -> list[list[str]]:
    """The head blocks' lines of a notice whose one line ``line`` stands under its date."""
    text = ("Folketingets Udvalg for Forretningsordenen\nChristiansborg\n1240 København K\n"
            f"8. maj 2009\n{line}\nStatsministeriet skal herved meddele, at økonomi- og "
            "erhvervsministeren vil være fraværende fra den 18. maj 2009.\nMed venlig hilsen")
    return [block.lines for block in read_document(flow_pdf(text)).region("head")]


@pytest.mark.parametrize("heading", ["Fravær", "Ressortændringer", "Berigtigelse"])
def test_a_heading_of_one_word_over_the_text_is_the_subject(heading):
    assert head_lines_over_a_notice(heading)[-1] == [heading]


@pytest.mark.parametrize("line", ["Departementet", "Kontorchef", "Spørgsmål"])
def test_a_word_alone_that_names_an_office_a_post_or_a_heading_is_no_subject(line):
    assert [line] not in head_lines_over_a_notice(line)


@pytest.mark.parametrize("heading", ["Samråd den 7. november 2013",
                                     "Statusrapport for hjemløsestrategien, marts 2012",
                                     "Økonomisk Redegørelse, august 2019"])
def test_a_heading_that_ends_with_its_date_is_the_subject(heading):
    text = ("Folketingets Skatteudvalg\nChristiansborg\n1240 København K\n4. november 2013\n"
            f"{heading}\nJeg må desværre meddele udvalget, at jeg ikke kan deltage i samrådet, "
            "da jeg skal deltage i et rådsmøde.\nMed venlig hilsen")
    document = read_document(flow_pdf(text))
    assert [block.lines for block in document.region("head")][-1] == [heading]
    assert heading not in document.body_text


def test_a_journal_number_with_groups_set_apart_by_dots_is_one_value():
    assert tidy_lines(["Journalnummer Kontor", "400.C.2-0 EUK 2. marts 2006"])[0] == (
        "Journalnummer: 400.C.2-0")


def test_a_sentence_wrapped_before_a_mail_address_and_phone_stays_running_text():
    # the published line is wider than the page, so the PDF wraps it after "til"; its rest
    # holds a mail address and a phone number, but is the sentence's, not a letterhead's
    sentence = ("Af hensyn til adgangskontrollen bedes tilmelding ske senest mandag den 13. marts "
                "2006 til EU-koordinationssekretariatet på [email protected] eller tlf. "
                "33 92 03 43.")
    text = ("Medlemmerne af Folketingets Europaudvalg\nInvitation til orientering om direktivet\n"
            "Udenrigsministeriet har hermed fornøjelsen at invitere udvalgets medlemmer.\n"
            f"{sentence}\nMed venlig hilsen\nHenrik Nielsen")
    document = read_document(flow_pdf(text))
    assert "tlf. 33 92 03 43." in document.body_text


@pytest.mark.parametrize("stamp", ["0 3 DEC. 2019", "03 DEC. 2019", "- 3 DEC. 2019"])
def test_a_date_stamps_line_is_the_date_blocks_not_the_text(stamp):
    text = ("FORSVARSMINISTEREN\nFolketingets Forsvarsudvalg\nChristiansborg\n1240 København K\n"
            f"{stamp}\nFolketingets Forsvarsudvalg har den 12. november 2019 stillet følgende "
            "spørgsmål nr. 41 (Alm. del), som hermed besvares.\nSvar:\nJa.")
    document = read_document(flow_pdf(text))
    assert stamp not in document.body_text


def test_a_date_blocks_line_after_a_sentence_that_fills_the_column_keeps_its_role():
    opening = ("Folketingets Beskæftigelsesudvalg har den 3. maj 2012 stillet følgende spørgsmål "
               "nr. 301 (alm.del), som hermed besvares. Spørgsmålet er stillet efter ønske fra "
               "Bent Bøgsted (DF).")
    text = (f"Folketingets Beskæftigelsesudvalg\nChristiansborg\n1240 København K\n{opening}\n"
            "21. maj 2012J.nr. 2012-0006331\nSpørgsmål nr. 301:\nHvor mange?\nSvar:\nTre.")
    document = read_document(flow_pdf(text))
    assert "21. maj 2012" not in document.body_text
    assert document.body_text.startswith("Folketingets Beskæftigelsesudvalg har den 3. maj")


def test_a_page_label_among_the_date_blocks_labels_keeps_the_run_together():
    text = ("Transportudvalget 2019-20\nTRU Alm.del\nOffentligt\nMINISTEREN\nTransportudvalget\n"
            "Folketinget\nDato\nJ. nr.\nSide\n20. maj 2020\n2020-1984\n1/2\n"
            "Transportudvalget har den 5. maj 2020 stillet mig følgende spørgsmål nr. 487, som "
            "jeg hermed besvarer.\nSvar:\nJa.")
    document = read_document(flow_pdf(text))
    assert "Side" not in [line for block in document.region("footer") for line in block.lines]
    dateblock = [block.lines for block in document.blocks if "J. nr." in block.lines]
    assert dateblock and "2020-1984" in dateblock[0]


def test_a_bold_subject_wrapped_before_its_dates_month_and_year_is_read_whole():
    from pipeline.typeset import template_pdf

    heading = "Besvarelse af spørgsmål 1 alm. del stillet af udvalget den 15. december"
    letter = "\n".join(["Folketingets Testudvalg", "TESTMINISTEREN", "19. januar 2021", heading,
                        "2020", "Spørgsmål:", "Ministeren bedes kommentere henvendelsen.",
                        "Svar:", "Henvendelsen giver ikke anledning til bemærkninger."])
    roles = {1: "recipient", 2: "letterhead", 3: "dateblock", 4: "subject", 5: "subject",
             6: "body", 7: "body", 8: "body", 9: "body"}
    document = read_document(template_pdf(letter, roles))
    assert [heading + " 2020"] in [[" ".join(block.lines)] for block in document.region("head")]
