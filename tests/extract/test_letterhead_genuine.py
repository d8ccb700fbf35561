"""The letter's own fields as genuine letters print them: facts glued where a line break was
lost, letterhead lines anywhere in the text stream, label rows, signatures of every form."""

from __future__ import annotations

import pytest

from pipeline.extract.letterhead.contact import address_of, cvr_of, phone_of, web_of
from pipeline.extract.letterhead.letter_date import latest_date_in, letter_date
from pipeline.extract.letterhead.lines import segments_of
from pipeline.extract.letterhead.recipients import recipients_of
from pipeline.extract.letterhead.signature import signing_minister_in
from pipeline.reading import Block, Document


def document(body: str, **regions: list[list[str]]) -> Document:
    blocks = [Block(region=region, page=1, lines=lines)
              for region, groups in regions.items() for lines in groups]
    return Document(pages=1, body_text=body, blocks=blocks, page_starts=[(0, 1)])


# -- date ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    ("Dato:Kontor:Sagsnr.:Dok.:\n11. april 2011Statsretskontoret2011-792-1658THK40546",
     "2011-04-11"),
    ("DatoJ. nr.\n4. april 20132013-992", "2013-04-04"),
    ("Dato J.nr. : : 3. maj 2005 Det Energipolitiske Udvalg har i brev af 21. april 2005",
     "2005-05-03"),
    ("J.nr. NST-401-00157Den 23. maj 2011", "2011-05-23"),
    ("J.nr. 2024 - 5254 Den 27. maj 2024", "2024-05-27"),
    ("FORSVARSMINISTEREN2. juli 2013Folketingets Forsvarsudvalg har den 12. juni 2013 stillet",
     "2013-07-02"),
    ("J.nr. 2009-458114. juni 2009", "2009-06-14"),
    ("24. april 2012J.nr. 2012-0005712/2012-4252", "2012-04-24"),
    ("København, den 10. juni 2009Sagsnr.: 16191", "2009-06-10"),
    ("Den 7. juli 2023", "2023-07-07"),
    ("Den 10. februar 2009.", "2009-02-10"),  # a full stop after it
    ("København den 3. maj 2021", "2021-05-03"),  # the town's comma left out
    ("Mandag den 3. maj 2021", "2021-05-03"),
    ("Dato: 28-11-2019", "2019-11-28"),
    ("d. 12/3 2013", "2013-03-12"),
    ("Dato: 2019-11-28", "2019-11-28"),
    ("4. nov. 2020", "2020-11-04"),
    ("Dato: 28. NOVEMBER 2019", "2019-11-28"),
    ("Kontor 1 400.C.2-0 EUK 7. januar 2005 Under henvisning til udvalgets skrivelse",
     "2005-01-07"),
    ("J.nr.Den 14. juni 2010", "2010-06-14"),  # a label with no value, the date glued to it
    # a line of its own glued at both ends
    ("spørgsmål 92af 2. juni 2013 (alm. del)5. juni 2013Spørgsmål 92", "2013-06-05"),
    ("Ministeren2. oktober 2009\nMed venlig hilsen", "2009-10-02"),  # glued to the title
    ("DatoDok.idJ. nr.\n12 . maj 2009004-U18-1021", "2009-05-12"),  # a space before the stop
    # a letter run into one line: the date after the letterhead's case number
    ("ØKONOMI- OG ERHVERVSMINISTEREN Eksp.nr. 192498 26. maj 2005 Besvarelse af spørgsmål 8",
     "2005-05-26"),
    ("Folketinget Christiansborg 1240 København K 13. oktober 2005 På UNESCO's konference",
     "2005-10-13"),
    ("MILJØMINISTERIET DEPARTEMENTET J.nr. D 044/B05-0017 Den  2 maj 2005 Miljøministerens",
     "2005-05-02"),  # the day's full stop lost after "Den"
    ("Ministeren Frederiksholms Kanal 21 Tlf. 3392 5000 Fax 3392 5547 29. september 2005 "
     "Folketingets Finansudvalg", "2005-09-29"),
    # a date stamp, in capitals without the day's full stop; read from a scan, with letters lost
    ("STATSMINISTERIET\n- 3 DEC. 2019\nStatsministeren har", "2019-12-03"),
    ("0 3 C. 2019\nFolketingets Udvalg for Forretningsordenen", "2019-12-03"),
    ("FORSVARSMINISTEREN\n03 JULI 2018\nFolketingets Forsvarsudvalg har", "2018-07-03"),
    ("Dato: 26.03.10\nJ.nr. 2010-123-4", "2010-03-26"),  # a two-digit year
    ("28. sepetmber 2021\nFolketingets Retsudvalg", "2021-09-28"),  # a month mistyped
    ("Dato: 14, november 2023", "2023-11-14"),  # a comma typed for the day's full stop
    # a dateline glued to the end of the sentence before it
    ("Hermed fremsendes svar på spørgsmål nr. 57 stillet den 4. februar 2010.10. marts 2010",
     "2010-03-10"),
    ("Efter aftale ses vi til et møde med udvalget.\n19-10-15\nMed venlig hilsen",
     "2015-10-19"),  # a dateline with a two-digit year
])
def test_the_letters_own_date_in_the_forms_the_text_stream_gives(body, expected):
    assert letter_date(document("Udvalget for Forretningsordenen 2010-11\n" + body)) == expected


@pytest.mark.parametrize("body", [
    "Udvalget har i brev af 27. april 2011 stillet følgende spørgsmål.",  # a date in prose
    "Maj 2005\nVores sag",  # a month is no letter date
    "Sagsnr. 2005-12 blev oprettet den 3. maj 2005.",  # a date in prose after a number
    "i alt 1240 borgere 13. oktober 2005",  # a number and a word are no postcode and town
    # a date on a line of its own that goes on with its sentence
    "hvor mange der siden indførelsen af reglen pr.\n1. januar 2004\nmed henvisning til kravet",
    "REU, Alm.del - 2024-25 - Endeligt svar på spørgsmål 858: artiklen, Berlingske, den 30. "
    "marts 2025",  # ft.dk's stamp
    # a heading's rest: a committee's name, the day its question was put
    "Besvarelse af spørgsmål 115 alm. del stillet af Det Energipolitiske\nUdvalg den 29. "
    "november 2004.",
    "3 N. 2019",  # a stamp's month lost where two months end so (JAN, JUN)
    "Der er 3 EU. 2019",  # prose, no stamp's line
    "Se afsnit 12.03.10.4\nfor reglerne",  # a section's number
    "Sagsnr.: 19-10-15",  # a labelled number
    "Tabellen viser tal fra bilag 2, november 2023 og senere.",  # a number before a month
    "I 2009.12. marts 2010 blev reglen ændret for alle.",  # prose goes on after the date
    "Reglen trådte i kraft den\n1. januar 2004.",  # a sentence's end on a line of its own
])
def test_what_is_not_the_letters_date(body):
    assert letter_date(document(body)) is None


def test_a_date_in_the_sidebar_comes_before_one_in_the_text():
    doc = document("14. februar 2006", sidebar=[["J.nr. 2019 - 6346", "21. november 2019"]])
    assert letter_date(doc) == "2019-11-21"


def test_an_undated_letters_latest_date_may_have_its_month_broken_over_a_line():
    texts = ["Hermed sendes svar på spørgsmål nr. 32 af 1. no- vember 2005. (Alm. del).",
             "ejendomsværdiskatten, hvis man har ejet et hus fra før 1. juli 1998"]
    assert latest_date_in(texts) == "2005-11-01"


# -- recipients -----------------------------------------------------------------------------------


def test_lost_line_breaks_are_put_back_between_the_address_lines():
    assert segments_of("FolketingetUdvalget for ForretningsordenenChristiansborg1240 København K") \
        == ["Folketinget", "Udvalget for Forretningsordenen", "Christiansborg", "1240 København K"]


def names(doc: Document) -> list[tuple[str, str, str | None]]:
    return [(r.name, r.organisation, r.address) for r in recipients_of(doc, "2011-04-11")]


@pytest.mark.parametrize(("body", "expected"), [
    ("FolketingetUdvalget for ForretningsordenenChristiansborg1240 København K Lovafdelingen",
     [("Udvalget for Forretningsordenen", "Folketinget", "Christiansborg, 1240 København K")]),
    ("Folketingets Finansudvalg\nChristiansborg\n\nSvar på spørgsmål",
     [("Finansudvalget", "Folketinget", "Christiansborg")]),
    ("Til Folketinget\nSkatteudvalget\n\nTil udvalgets orientering vedlægges notatet.",
     [("Skatteudvalget", "Folketinget", None)]),
    ("TransportudvalgetFolketinget", [("Transportudvalget", "Folketinget", None)]),
    ("Morten Messerschmidt (DF)\nChristiansborg\n1240 København K",
     [("Morten Messerschmidt", "Folketinget", "Christiansborg, 1240 København K")]),
    ("Folketingets LovsekretariatChristiansborg1240 København K",
     [("Folketingets Lovsekretariat", "Folketinget", "Christiansborg, 1240 København K")]),
    ("Medlemmerne af Folketingets Europaudvalg og deres stedfortrædere Bilag Journalnummer",
     [("Europaudvalget", "Folketinget", None)]),
    ("Folketingets Energipolitiske Udvalg Christiansborg 1240 København K Dato J.nr. : : 3. maj",
     [("Det Energipolitiske Udvalg", "Folketinget", "Christiansborg, 1240 København K")]),
    ("Medlem af Folketinget, Britt Bager (KF)\nFrederiksholms Kanal 21\n1220 København K",
     [("Britt Bager", "Folketinget", None)]),  # a member by the line's own words
    ("Folketingets Europaudvalg\n(også sendt til Folketingets Beskæftigelsesudvalg)\n"
     "Beskæftigelsesministeren", [("Europaudvalget", "Folketinget", None),
                                  ("Beskæftigelsesudvalget", "Folketinget", None)]),
    ("TilFolketinget - Skatteudvalget\nL 195 - Forslag til Lov om ændring af personskatteloven",
     [("Skatteudvalget", "Folketinget", None)]),  # glued "Til", the committee after a dash
    ("Folketingets Miljø - og Planlægningsudvalg\nChristiansborg\n1240 København K",
     [("Miljø- og Planlægningsudvalget", "Folketinget", "Christiansborg, 1240 København K")]),
    # a stray space inside a word of the name, as older converted letters print one
    ("Folketingets Miljø - og Planlægningsu dvalg\nChristiansborg\n1240 København K",
     [("Miljø- og Planlægningsudvalget", "Folketinget", "Christiansborg, 1240 København K")]),
    # a member by "MF" (medlem af Folketinget) before or after the name
    ("Til Karin Liltorp, MF\nChristiansborg\n1240 København K",
     [("Karin Liltorp", "Folketinget", "Christiansborg, 1240 København K")]),
    ("MF Karin Liltorp\nChristiansborg\n1240 København K",
     [("Karin Liltorp", "Folketinget", "Christiansborg, 1240 København K")]),
    ("Kære Karin Liltorp, MF\nTak for dit brev.", []),  # a greeting
    # a member after the committee, each with an e-mail address
    ("Folketingets Retsudvalg\n[email protected]\nVictoria Velasquez (EL)\n[email protected]\n"
     "Justitsministeriet", [("Retsudvalget", "Folketinget", None),
                            ("Victoria Velasquez", "Folketinget", None)]),
    # ... also named without party
    ("Folketingets Testudvalg\n[email protected]\nHans Hansen\n[email protected]\n"
     "Testministeriet", [("Testudvalget", "Folketinget", None),
                         ("Hans Hansen", "Folketinget", None)]),
    # ... or with no e-mail address, the sender's letterhead after the name
    ("Folketingets Testudvalg\nAnne Honoré Hansen\nBeskæftigelsesministeriet\nHolmens Kanal 20",
     [("Testudvalget", "Folketinget", None), ("Anne Honoré Hansen", "Folketinget", None)]),
    ("Folketingets Testudvalg\nAsiatisk Plads\nUdenrigsministeriet",  # no name
     [("Testudvalget", "Folketinget", None)]),
    # a member named without party above Folketinget's address
    ("Dennis Flydtkjær\nChristiansborg\n1240 København K",
     [("Dennis Flydtkjær", "Folketinget", "Christiansborg, 1240 København K")]),
    ("Skatteministeriet\nNicolai Eigtveds Gade 28\n1402 København K", []),  # the sender's own
    # a Danish letter the conversion lost
    ("Folketingets Milj- og Planlgningsudvalg\nChristiansborg\n1240 København K",
     [("Miljø- og Planlægningsudvalget", "Folketinget", "Christiansborg, 1240 København K")]),
    # a glued line cut apart after the postcode ("...Christiansborg1240" / "København K")
    ("Folketinget\nUdvalget for Forretningsordenen\nChristiansborg\n1240\nKøbenhavn K",
     [("Udvalget for Forretningsordenen", "Folketinget", "Christiansborg, 1240 København K")]),
])
def test_recipients_in_every_form(body, expected):
    assert names(document(body)) == expected


def test_a_committee_named_over_two_lines_of_a_block_is_its_address_and_no_subject(letter):
    doc = letter("Udvalget har stillet følgende spørgsmål nr. 7, som hermed besvares.",
                 head=["Folketingets Udvalg for\nFødevarer, Landbrug og Fiskeri"],
                 sidebar=["Dato: 10. juni 2009"])
    assert doc._.letterhead.subject is None
    assert [r.name for r in doc._.letterhead.recipients] == [
        "Udvalget for Fødevarer, Landbrug og Fiskeri"]


def test_an_addressee_formula_with_a_label_run_on_after_it_is_no_subject(letter):
    doc = letter("Under henvisning til udvalgets skrivelse vedlægges besvarelsen af spørgsmål 10.",
                 head=["Medlemmerne af Folketingets Europaudvalg og deres stedfortrædere Bilag"])
    assert doc._.letterhead.subject is None


def test_an_addressee_formula_glued_to_the_committee_names_it_and_is_no_subject(letter):
    # the line break before "og deres stedfortrædere" lost
    doc = letter("Under henvisning til udvalgets skrivelse vedlægges besvarelsen af spørgsmål 10.",
                 head=["Medlemmerne af Folketingets Europaudvalgog deres stedfortrædere"])
    assert [r.name for r in doc._.letterhead.recipients] == ["Europaudvalget"]
    assert doc._.letterhead.subject is None


def test_the_stamp_names_no_recipient():
    body = "Udvalget for Forretningsordenen 2010-11 (1. samling)\nUFO Alm.del\nOffentligt\n\n" \
           "Hermed sendes svaret på spørgsmålet, som udvalget har stillet."
    assert names(document(body)) == []


def test_committees_in_a_row_share_folketingets_address():
    doc = document("Tekst.", head=[["Grønlandsudvalget", "Færøudvalget", "Folketinget",
                                    "Christiansborg", "1240 København K"]])
    assert [(name, address) for name, _, address in names(doc)] == [
        ("Grønlandsudvalget", "Christiansborg, 1240 København K"),
        ("Færøudvalget", "Christiansborg, 1240 København K"),
    ]


def test_a_committee_named_in_prose_is_no_recipient():
    doc = document("Folketingets Miljø- og Planlægningsudvalg har i brev af 27. april 2011 "
                   "stillet følgende spørgsmål, som hermed besvares.")
    assert names(doc) == []


@pytest.mark.parametrize("body", [
    # a heading whose committee is broken over two lines: no address, nor half a name
    "Besvarelse af spørgsmål nr. 12 (Alm. del) fra Skatte-, Told- og\nAfgiftsudvalget",
    "Ministerens svar på spørgsmål nr. 4 stillet\naf Folketingets Miljø- og Planlægningsudvalg.",
])
def test_a_committee_named_in_a_heading_is_no_recipient(body):
    assert names(document(body)) == []


# -- sender -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("heads", "address"), [
    (["Slotsholmsgade 101216 København K.Telefon 7226 8400Telefax 3393 3510"],
     "Slotsholmsgade 10, 1216 København K"),
    (["BeskæftigelsesministerietVed Stranden 81061 København KT 72 20 50 00E"],
     "Ved Stranden 8, 1061 København K"),
    (["Frederiksholms Kanal 27 F1220 København KTelefon33 92 33 55"],
     "Frederiksholms Kanal 27 F, 1220 København K"),
    (["Miljøministeriet • Højbro Plads 4 • 1200 København KTlf. 72 54 60 00"],
     "Højbro Plads 4, 1200 København K"),
    (["Slotsholmsgade 10-12DK-1216 København KTlf. +45 7226 9000"],
     "Slotsholmsgade 10-12, DK-1216 København K"),
    (["ØKONOMI- OG ERHVERVSMINISTERIETSlotsholmsgade 10-12 1216 København K"],
     "Slotsholmsgade 10-12, 1216 København K"),
    (["Frederiksholms Kanal 21 Postboks 2123 1015 København K"],
     "Frederiksholms Kanal 21, Postboks 2123, 1015 København K"),
    (["Ministeriet for Kultur, Kunst og Sprog Nybrogade 7 1203 København K"],
     "Nybrogade 7, 1203 København K"),  # a ministry's name in words before the street
    (["Social- og", "boligministeren Holmens Kanal 22 1060 København K"],
     "Holmens Kanal 22, 1060 København K"),
    (["Folketingets Finansudvalg Christiansborg 1240 København K"], None),
    (["Folketinget", "Retsudvalget", "Christiansborg Slot 1", "1218 København K"], None),
    (["Christiansborg Slotsplads 1 1218 København K"],  # a ministry's, not Folketinget's
     "Christiansborg Slotsplads 1, 1218 København K"),
    (["J.nr. 001-12041 Den 26. november 2014"], None),  # a case number's digits, a date
    (["Kirkeministeriet Telefon 3392 3390 Dokument nr. 366647 Dato: 22. april 2008"], None),
    (["Sags nr. 2017 - 9302 Akt-id 249228 Ud fra et hensyn til"], None),  # a labelled number
    # the postcode ends a line, its town starts the next
    (["og Fødevareministeriet • Slotsholmsgade 12 • 1216", "København K"],
     "Slotsholmsgade 12, 1216 København K"),
    # the signer's name glued before the street
    (["Morten Bødskov/Jens Hansen Slotsholmsgade 10", "1216 København K."],
     "Slotsholmsgade 10, 1216 København K"),
    # a label alone on its line between the street and the postcode
    (["Slotsholmsgade 10", "Post", "Postboks 2135", "1015 København K", "Tel."],
     "Slotsholmsgade 10, Postboks 2135, 1015 København K"),
    # the postal district wrapped to the next line in a narrow column
    (["Holmens Kanal 22 1060 København", "K", "Tlf. 3392 9300"],
     "Holmens Kanal 22, 1060 København K"),
    (["Holbergsgade 6", "1057 København", "K · Tlf. 3392 3380"],
     "Holbergsgade 6, 1057 København K"),
    (["Asiatisk Plads 2", "1448 København", "DK Danmark"], "Asiatisk Plads 2, 1448 København"),
])
def test_the_senders_address_from_glued_letterhead_lines(heads, address):
    assert address_of(heads) == address


@pytest.mark.parametrize(("heads", "phone"), [
    (["Slotsholmsgade 101216 København K.Telefon 7226 8400Telefax 3393 3510"], "7226 8400"),
    (["T +45 7226 9000", "F +45 7226 9001"], "+45 7226 9000"),
    (["København KT 72 20 50 00E [email protected]"], "72 20 50 00"),
    (["TELEFAX: 33 32 06 55"], None),  # a fax is no phone
    (["1402 København K", "Tlf. + 45 33 92 33 92"], "33 92 33 92"),  # the country code apart
    (["Tlf.nr. 33 92 33 70"], "33 92 33 70"),
    (["Direkte tlf.: 7226 8512", "Telefon 7226 8400"], "7226 8400"),  # a case officer's line
    # labels and colons glued in a run, then the phone glued to the fax
    (["Nybrogade 21203 København KTlf.FaxE-mailWeb::::33 92 33 7033 91 33 88www.kum.dk"],
     "33 92 33 70"),
    (["Nybrogade 21203 København KTlfFaxE-mailWeb::::33 92 33 7033 91 33 88www.kum.dk"],
     "33 92 33 70"),
    (["1260 København KTelefonTelefax3392 97003332 3501www.vtu.dk1680 5408"], "3392 9700"),
    (["Tlf.FaxCVR-nr", "33 92 33 5033 12 37 7810 09 24 85"], "33 92 33 50"),  # on the next line
    # the same run as the reading sets its glued labels apart
    (["1203 København KTlf Fax E-mail: Web::::33 92 33 7033 91 33 88 www.kum.dk"],
     "33 92 33 70"),
    (["Tlf.: 728 10000", "Fax: 728 10300", "CVR: 25 77 56 35"], "728 10000"),  # three, five
])
def test_the_senders_phone(heads, phone):
    assert phone_of(heads, "") == phone


def test_the_cvr_number_in_a_glued_run_of_labels():
    assert cvr_of(["Tlf.FaxCVR-nr", "33 92 33 5033 12 37 7810 09 24 85"], "") == "10092485"


def test_a_phone_and_cvr_in_a_row_of_labels_and_values():
    row = ("Tel.\nMail\nWeb\nCVR-nr.\nSags nr.\nAkt-id\n6198 4000\nwww.uim.dk\n36977191\n"
           "2017 - 18289")
    assert phone_of([], row) == "6198 4000"
    assert cvr_of([], row) == "36977191"


@pytest.mark.parametrize(("heads", "web"), [
    (["3510www.justitsministeriet.dk[email protected]"], "www.justitsministeriet.dk"),
    (["WEB: www.FMN.DKCVR: 25-77-56-35"], "www.FMN.DK"),
    (["M [email protected]", "W sum.dk"], "sum.dk"),
    (["Slotsholmsgade 10-12", "https://em.dk"], "https://em.dk"),  # a line that is only a domain
    # its scheme too, as printed; not a closing slash
    (["Telefax +45 32 54 05 33", "http://www.um.dk"], "http://www.um.dk"),
    (["Internet: http://www.jm.dk/"], "http://www.jm.dk"),
    (["Telefax +45 32 54 05 33 http://", "www.um.dk"], "http://www.um.dk"),  # wrapped
])
def test_the_senders_web_address_as_printed(heads, web):
    assert web_of(heads) == web


def test_a_domain_named_in_a_line_of_text_is_no_web_address():
    assert web_of(["”Vandet skal renses”, dr.dk, den 2. marts 2024"]) is None


def test_a_link_to_a_page_in_the_text_is_no_web_address():
    assert web_of(["Telefon 41 71 27 00",
                   "link:http://www.hoeringsportalen.dk/Hearing/Details/28688"]) is None


@pytest.mark.parametrize(("heads", "cvr"), [
    (["WEB: www.FMN.DKCVR: 25-77-56-35EAN: 5798000201200"], "25775635"),
    (["CVR-nr. 1680 5408"], "16805408"),
    (["• CVR\n12854358"], "12854358"),
])
def test_cvr_as_digits(heads, cvr):
    assert cvr_of(heads, "") == cvr


def test_a_hidden_email_address_is_none(analyse_text):
    sidebar = [["Holbergsgade 6", "DK-1057 København K", "T +45 7226 9000",
                "M [email protected]", "W sum.dk"]]
    sender = analyse_text("Tekst.", sidebar=sidebar)._.letterhead.sender
    assert sender.email is None
    assert sender.address == "Holbergsgade 6, DK-1057 København K"


BLIS = "Ministeriet for Børn, Ligestilling, Integration og Sociale Forhold"


@pytest.mark.parametrize(("sidebar", "ministry"), [
    ([["FORSVARSMINISTEREN"], ["Dato: 2. juli 2013"]], "Forsvarsministeriet"),
    ([["Udlændinge- og", "Integrationsministeriet"], ["10. januar 2018"]],
     "Udlændinge- og Integrationsministeriet"),
    ([["ØKONOMI- OG ERHVERVSMINISTERENØKONOMI- OG ERHVERVSMINISTERIET"], ["20. december 2004"]],
     "Økonomi- og Erhvervsministeriet"),
    ([["Indenrigs- og Socialministeriet"], ["Dato: 6. november 2009"]],
     "Indenrigs- og Socialministeriet"),
    ([["ERHVERVS- OGVÆKSTMINISTEREN"], ["11. marts 2014"]], "Erhvervs- og Vækstministeriet"),
    ([[BLIS], ["Dato: 3. oktober 2014"]], BLIS),  # eight words
])
def test_the_ministry_by_name_or_title_in_the_letterhead(analyse_text, sidebar, ministry):
    doc = analyse_text("Tekst.", sidebar=sidebar)
    assert doc._.letterhead.sender.ministry == ministry


def test_a_ministry_named_in_prose_or_a_table_is_not_the_sender(analyse_text):
    body = ("Tekst.\n\nUndervisningsministeriet og Udlændinge- og Integrationsministeriet "
            "offentliggjorde rapporten.\nTransportministeriet\t2.105,3\t2.344,8")
    sidebar = [["Finansministeriet"], ["Dato: 24-03-2021"]]
    assert analyse_text(body, sidebar=sidebar)._.letterhead.sender.ministry == "Finansministeriet"


# -- minister -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "minister"), [
    ("Tekst.\nMedvenlighilsen\nHenrik Dam Kristensen", "Henrik Dam Kristensen"),
    ("Tekst.\nMed\nvenlig\nhilsen\nBenny Engelbrecht", "Benny Engelbrecht"),
    ("Tekst.\nVenlig hilsen\nMette Frederiksen", "Mette Frederiksen"),
    ("Hermed sendes besvarelse.\nLars Barfoed/Ole Hasselgaard\nSlotsholmsgade 10", "Lars Barfoed"),
    ("Tekst.\nKaren Ellemann / Helle Pilsgaard\nMiljøministeriet", "Karen Ellemann"),
    ("Tekst.\nMagnus Heunicke\n/\nRikke Slot Benyahia", "Magnus Heunicke"),
    ("Tekst.\nEva Kjer Hansen\n/Kim Holm Boesen", "Eva Kjer Hansen"),
    ("regeringen herom. Med venlig hilsen Flemming Hansen", "Flemming Hansen"),
    ("ministerieområder.Med venlig hilsenIda Auken\n11.10.2012", "Ida Auken"),
    ("laboratori e- chefen. Lars Barfoed /Lars Jensen", "Lars Barfoed"),
    ("se www.eksempel.dk/side12.asp Ida Auken\n/Ole Bo", "Ida Auken"),  # glued to the text
    ("Tekst.\n    Ida Auken       |\n/ |\n     Ole Bo |", "Ida Auken"),  # in a table's cells
    ("høring den 10. januar 2007. Ida Auken\t|\n/ |\nOle Bo |", "Ida Auken"),
    ("oversendes til Folketingets Europaudvalg af Udenrigsministeren.\n   Ida Auken     /   Ole Bo",
     "Ida Auken"),  # the name is no longer than its line
    ("Tekst.\nMed venlig hilsen\nIda\nAuken" + "_" * 40, "Ida Auken"),  # wrapped
    # the name after a sentence that ends the line before the official's
    ("Notaterne er oversendt parallelt til Folketingets Europaudvalg. Ida Auken\n/\nOle Bo",
     "Ida Auken"),
    # the letterhead's words run on after the name, also the title in capitals
    ("Med venlig hilsen Ida Auken ØKONOMI- OG ERHVERVSMINISTEREN 8. marts 2005", "Ida Auken"),
    ("i 2012.Med venlig hilsenIda Auken Finansministeriet • Christiansborg Slotsplads 1",
     "Ida Auken"),
    # glued to the rule under it and the letterhead after that
    ("Tekst.\nMed venlig hilsen\nIda Auken" + "_" * 40 + "HOLMENS KANAL 421060 KØBENHAVN K",
     "Ida Auken"),
])
def test_the_signing_minister_in_every_form(text, minister):
    assert signing_minister_in(text)[0] == minister


def test_the_title_under_the_name_is_read():
    text = "Med venlig hilsen\n\nPernille Rosenkrantz-Theil\nSocial- og boligminister"
    assert signing_minister_in(text) == ("Pernille Rosenkrantz-Theil", "Social- og boligminister")


def test_a_name_over_a_ministers_title_signs_without_a_closing_formula():
    text = "sendt i høring med frist den 2. november.\nAnne Bech\nFg. skatteminister\n/ Ole Bo"
    assert signing_minister_in(text) == ("Anne Bech", "skatteminister")


def test_an_acting_ministers_title_in_brackets_after_the_name_signs():
    text = ("stillet efter ønske fra Søren Espersen (DF).\n"
            "Charlotte Sahl-Madsen(fung. kulturminister)\nDok. nr. 701834\nSide 2")
    assert signing_minister_in(text) == ("Charlotte Sahl-Madsen", "kulturminister")


def test_a_ministers_name_after_the_last_sentence_on_its_line_signs():
    text = "Svar:\nJeg kan henvise til min besvarelse af spørgsmål 69. Mette Bock"
    assert signing_minister_in(text, on="2018-03-02") == ("Mette Bock", None)


def test_a_ministers_name_after_a_sentence_signs_above_the_letterheads_lines():
    text = "Jeg orienterede udvalget i høring.\tConnie Hedegaard\n\nwww.mim.d ./."
    assert signing_minister_in(text, on="2005-10-07") == ("Connie Hedegaard", None)


@pytest.mark.parametrize("text", [
    "i høring.     Connie Hedegaard /Karsten Skov Miljøministeriet Departementet Højbro Plads 4",
    "svar på spørgsmål nr. 48.(Alm. del).Connie Hedegaard/Karsten Skov\nSide 2 Spørgsmål:",
])
def test_a_ministers_name_before_an_officials_inside_a_line_signs(text):
    assert signing_minister_in(text, on="2005-10-07") == ("Connie Hedegaard", None)


def test_a_sentences_last_words_glued_before_a_ministers_name_and_a_slash_are_no_part_of_it():
    text = ("Jeg henviser til mit vedlagte svar til Landsforeningen Levende Hav. Hans Chr. "
            "Schmidt /Kenn Skau Fogtmann")
    assert signing_minister_in(text, on="2005-09-23") == ("Hans Chr. Schmidt", None)


def test_an_acting_ministers_name_glued_to_the_title_before_an_officials_signs():
    text = ("stillet efter ønske fra Tom Behnke (KF).\n"
            "Henrik Dam Kristensenfg. justitsminister/John Vestergaard")
    assert signing_minister_in(text, on="2013-07-05") == ("Henrik Dam Kristensen", None)


def test_names_around_a_slash_sign_only_where_the_first_is_a_minister():
    text = "jf. aftalen mellem Region Hovedstaden/Region Sjælland om akutberedskabet"
    assert signing_minister_in(text, on="2005-10-07") == (None, None)


def test_no_minister_where_an_official_signs_alone():
    assert signing_minister_in("Med venlig hilsen\n\nJens Jensen\nKontorchef") == (None, None)
    # no title, but no minister of that name, ever: the department's official
    text = "Med venlig hilsen\nJesper Wulff Pedersen\nDepartementet\nSlotsholmsgade 12"
    assert signing_minister_in(text, on="2017-01-12") == (None, None)
    text = "Med venlig hilsen\nMogens Jensen\nMinisteriet for Fødevarer"
    assert signing_minister_in(text, on="2021-01-12")[0] == "Mogens Jensen"


def test_a_label_and_its_date_split_between_a_block_and_the_text():
    doc = document("2005 Det Energipolitiske Udvalg har i brev af 21. april 2005 stillet mig",
                   head=[["Folketingets Energipolitiske Udvalg", "Christiansborg",
                          "1240 København K Dato J.nr. : : 3. maj"]])
    assert letter_date(doc) == "2005-05-03"


def test_a_committee_inside_a_run_of_letterhead_facts():
    body = ("Stormgade 2-6 1470 København K T 33 95 13 10 www.minff.dk [email protected] "
            "Udvalget for Fødevarer, Landbrug og Fiskeri MINISTEREN Dato: 13. juni 2005 "
            "Udvalget har ved skrivelse af 12. juni 2005 anmodet om min besvarelse")
    assert [r.name for r in recipients_of(document(body), "2005-06-13")] == [
        "Udvalget for Fødevarer, Landbrug og Fiskeri"]


def test_glued_web_phone_and_cvr_labels_after_a_domain():
    heads = ["Frederiksholms Kanal 211220 København Kwww.km.dkTelefon 3392 3390Telefax 3392 3913",
             "www.bm.dkCVR 10172748EAN 5798000398566"]
    assert address_of(heads) == "Frederiksholms Kanal 21, 1220 København K"
    assert phone_of(heads, "") == "3392 3390"
    assert cvr_of(heads, "") == "10172748"


def test_the_senders_address_over_lines_in_a_row():
    heads = ["Holbergsgade 6", "DK-1057 København K", "T +45 7226 9000"]
    assert address_of(heads) == "Holbergsgade 6, DK-1057 København K"


def test_christiansborg_after_the_committee_on_one_line():
    doc = document("Folketingets Politisk-Økonomiske Udvalg Christiansborg 1240 København K |")
    assert names(doc) == [("Det Politisk-Økonomiske Udvalg", "Folketinget",
                           "Christiansborg, 1240 København K")]


def test_the_minister_for_a_field_named_in_the_heading_names_the_sender(analyse_text):
    # No letterhead: the heading's "ministeren for ..." names the ministry of the day, and a
    # ministry the text calls "daværende" (of the past) is not the sender.
    head = [["Dato: 2. september 2008"],
            ["Besvarelse af spørgsmål nr. 12 (Alm. del), som udvalget har stillet til "
             "ministeren for sundhed og forebyggelse."]]
    body = "Svar:\nDet daværende Indenrigs- og Sundhedsministerium havde ingen rådgivere."
    doc = analyse_text(body, head=head)
    assert doc._.letterhead.sender.ministry == "Ministeriet for Sundhed og Forebyggelse"


def test_a_ministers_title_broken_by_a_hyphen_in_the_heading_names_the_sender(analyse_text):
    head = [["Spørgsmål fra Udenrigs-udvalget til udviklingsmini-steren af 5. september 2007."]]
    doc = analyse_text("Svar:\nRegeringen har valgt at give flere penge.", head=head)
    assert doc._.letterhead.sender.ministry == "Udenrigsministeriet"


def test_a_letter_run_into_one_line_names_its_ministry_at_its_start(analyse_text):
    body = ("UDENRIGSMINISTERIETSvar på spørgsmål nr. 140 af 4. maj 2010 fra Udenrigsudvalget "
            "tiludenrigsministerenSpørgsmål 140:”Vil ministeren oplyse det?”Svar:Ja.")
    doc = analyse_text(body)
    assert doc._.letterhead.sender.ministry == "Udenrigsministeriet"
    assert doc._.letter_kind == "svar_paa_spoergsmaal"


def test_the_minister_the_question_was_put_to_names_the_sender(analyse_text):
    body = ("Folketingets Socialudvalg har d. 5. oktober 2016 stillet følgende spørgsmål nr. 3 "
            "(alm. del) til social- og indenrigsministeren, som hermed besvares.\n\nSvar:\n"
            "Reglerne hører under Transport- og Bygningsministeriets ressort.")
    doc = analyse_text(body, sidebar=[["Dato: 18-11-2016"]])
    assert doc._.letterhead.sender.ministry == "Social- og Indenrigsministeriet"


def test_of_two_posts_held_at_once_the_signer_signs_for_the_one_the_text_names(analyse_text):
    body = ("Besvarelse af spørgsmål nr. 46 ad L 97 stillet til ministeren for flygtninge, "
            "indvandrere og integration den 7. december 2004.\n\nSvar:\nJa.\n\n"
            "Med venlig hilsen\n\nIda Auken")
    doc = analyse_text(body, sidebar=[["Dato: 16. december 2004"]])
    integration = "Ministeriet for Flygtninge, Indvandrere og Integration"
    assert doc._.letterhead.sender.ministry == integration


@pytest.mark.parametrize("opening", [
    "Hermed sendes besvarelse af spørgsmål nr. 134 (Alm. del), som Folketingets Retsudvalg "
    "har stillet til justitsministeren.",
    # no title, but the question's date, broken over two lines of the text
    "Hermed sendes besvarelse af spørgsmål nr. 134 (Alm. del), som Folketingets Retsudvalg "
    "har stillet den 20.\ndecember 2007.",
])
def test_an_undated_letters_signer_signs_for_the_post_of_its_time(analyse_text, opening):
    # Lene Espersen was justice minister to 2008 and foreign minister later.
    doc = analyse_text(opening + "\n\nLene Espersen\n/\nJohn Vestergaard\n\nSvar:\nJa.")
    assert doc._.letterhead.sender.ministry == "Justitsministeriet"


def test_a_ministry_quoted_as_a_source_is_not_the_sender(analyse_text):
    body = ("Besvarelse af Finansudvalgets spørgsmål 25.\n\nSvar:\nIndenrigs- og "
            "Sundhedsministeriet har oplyst følgende: ”Der er meddelt 7 dispensationer.”\n"
            "Jeg kan henholde mig hertil.")
    doc = analyse_text(body, sidebar=[["19. juni 2006"]])
    assert doc._.letterhead.sender.ministry is None  # the text names no other


def test_the_street_of_the_letterhead_names_the_one_ministry_that_sat_there(analyse_text):
    # No name, title, domain or signer: Holmens Kanal 22 housed one ministry in April 2021.
    sidebar = [["Holmens Kanal 22", "1060 København K", "Telefon 72 28 24 00"],
               ["Dato", "07-04-2021"]]
    doc = analyse_text("Svar:\nUdviklingen fremgår af tabel 1.", sidebar=sidebar)
    assert doc._.letterhead.sender.ministry == "Social- og Ældreministeriet"


def test_the_end_of_a_name_broken_over_lines_is_the_domains_longer_name(analyse_text):
    # "ØKONOMI- OG" was left on the line before: Erhvervsministeriet had no such name in 2005
    sidebar = [["ERHVERVSMINISTERIET", "Slotsholmsgade 10-12", "1216 København K",
                "www.oem.dk"], ["26. maj 2005"]]
    doc = analyse_text("Svar:\nDet kan jeg bekræfte.", sidebar=sidebar)
    assert doc._.letterhead.sender.ministry == "Økonomi- og Erhvervsministeriet"


def test_a_ministers_title_in_the_text_names_the_ministry_of_the_letters_day(analyse_text):
    body = ("Under henvisning til udvalgets brev af 26. september 2007 følger hermed "
            "socialministerens endelige svar på spørgsmål nr. 84.\n\nSvar:\nDet kan jeg oplyse.")
    doc = analyse_text(body, sidebar=[["Dato: 23. oktober 2007"]])
    assert doc._.letterhead.sender.ministry == "Socialministeriet"


@pytest.mark.parametrize("joint", ["\n", " "])  # a line break, or the lines read as one
def test_the_title_in_a_heading_broken_at_a_lines_end_names_the_ministry(letter, joint):
    doc = letter("Spørgsmål:\nHvilken forventning har ministeren?\nSvar:\nDet kan oplyses.",
                 head=["Besvarelse af spørgsmål nr. 4 stillet af Folketingets Indfødsretsudvalg "
                       f"til mini-{joint}steren for flygtninge, indvandrere og integration den "
                       "13. oktober 2009."])
    assert doc._.letterhead.sender.ministry == (
        "Ministeriet for Flygtninge, Indvandrere og Integration")


def test_the_web_domain_of_the_day_names_the_ministry(analyse_text):
    sidebar = [["Holmens Kanal 22", "1060 København K", "www.sm.dk"], ["Dato", "29-05-2017"]]
    doc = analyse_text("Svar:\nDet kan jeg oplyse.", sidebar=sidebar)
    assert doc._.letterhead.sender.ministry == "Børne- og Socialministeriet"


def test_a_ministry_named_only_in_a_tables_rows_is_not_the_sender(analyse_text):
    sidebar = [["Frederiksholms Kanal 21", "1220 København K", "www.uvm.dk"], ["30. juni 2023"]]
    body = ("Svar:\nDer er samlet afsat 149,6 mio. kr., jf. tabel 1.\n\nTabel 1\nMio. kr.\n"
            "Kulturministeriet\nBørne- og Undervisningsministeriet\nTotal\n129,7\n19,3\n149,0")
    doc = analyse_text(body, sidebar=sidebar)
    assert doc._.letterhead.sender.ministry == "Børne- og Undervisningsministeriet"


def test_a_web_address_kept_after_the_ministry_was_renamed_gives_way_to_the_signer(analyse_text):
    sidebar = [["Slotsholmsgade 10", "1216 København K", "www.uibm.dk"], ["5. januar 2017"]]
    body = "Svar:\nDet kan jeg oplyse.\n\nMed venlig hilsen\n\nInger Støjberg"
    doc = analyse_text(body, sidebar=sidebar)
    assert doc._.letterhead.sender.ministry == "Udlændinge- og Integrationsministeriet"


def test_a_ministers_answer_opening_the_text_names_the_sender(analyse_text):
    body = ("Miljøministerens besvarelse af spørgsmål nr. 5 til L 102, forslag til lov om ændring "
            "af lov om vandforsyning m.v., byggeloven og lov om produkter, stillet den 27. "
            "februar 2024.\nSpørgsmål nr. 5 til L 102\nVil ministeren redegøre for sagen?\n"
            "Svar:\nDet vil jeg gerne. Boligministeren er orienteret.")
    doc = analyse_text(body, sidebar=[["J.nr. 2024-1760", "Den 13. marts 2024"]])
    assert doc._.letterhead.sender.ministry == "Miljøministeriet"


def test_a_signer_with_a_shortened_middle_name_is_the_minister_on_the_list(analyse_text):
    body = "Svar:\nDet kan jeg bekræfte.\n\nMed venlig hilsen\n\nLars Chr. Lilleholt"
    doc = analyse_text(body, sidebar=[["17. september 2015"]])
    assert doc._.letterhead.sender.ministry == "Energi-, Forsynings- og Klimaministeriet"


@pytest.mark.parametrize("line", ["Lovsekretariatet", "Folketingets Lovsekretariat"])
def test_the_lovsekretariat_by_either_name_is_a_recipient(line):
    doc = document("Ministeriet berigtiger hermed besvarelsen.", head=[[line], ["Dato: 1-5-2024"]])
    assert names(doc) == [("Folketingets Lovsekretariat", "Folketinget", None)]


def test_a_minister_standing_in_signs_for_the_minister_the_question_was_put_to(analyse_text):
    # Henrik Dam Kristensen was transport minister in July 2013, standing in for the
    # justice minister; the letter has no letterhead.
    body = ("Hermed sendes svar på spørgsmål nr. 1001 (Alm. del), som Folketingets Retsudvalg "
            "har stillet til justitsministeren.\n\nMed venlig hilsen\n\nHenrik Dam Kristensen\n/\n"
            "John Vestergaard")
    doc = analyse_text(body, sidebar=[["Dato: 5. juli 2013"]])
    assert doc._.letterhead.sender.ministry == "Justitsministeriet"


def test_a_question_put_to_a_ministry_renamed_since_is_answered_for_the_new_one(analyse_text):
    # Velfærdsministeriet became Indenrigs- og Socialministeriet on 7 April 2009, with Karen
    # Ellemann as its minister; the question was put to the welfare minister in March.
    body = ("Hermed følger svar på spørgsmål nr. 412 (SOU Alm. del), som udvalget har stillet "
            "til velfærdsministeren.\n\nSvar:\nJa.\n\nKaren Ellemann\n/ Birgitte Dahl")
    doc = analyse_text(body, sidebar=[["Dato: 6. maj 2009"]])
    assert doc._.letterhead.sender.ministry == "Indenrigs- og Socialministeriet"


def test_folketingets_postcode_in_a_head_whose_two_columns_come_in_turns():
    from pipeline.reading import read_document
    from pipeline.typeset import flow_pdf

    text = ("Folketinget\nSlotsholmsgade 10\nRetsudvalget\n1216 København K.\nChristiansborg\n"
            "Telefon 7226 8400\n1240 København K\nwww.justitsministeriet.dk\n"
            "Dato: 12. marts 2015\nHermed besvares spørgsmål nr. 512 (Alm. del).\n")
    assert names(read_document(flow_pdf(text))) == [
        ("Retsudvalget", "Folketinget", "Christiansborg, 1240 København K")]


def test_the_senders_address_where_the_address_blocks_lines_come_between():
    heads = ["Folketinget", "Slotsholmsgade 10", "Retsudvalget", "1216 København K.",
             "Christiansborg", "Telefon 7226 8400", "1240 København K"]
    assert address_of(heads) == "Slotsholmsgade 10, 1216 København K"
    # ... also inside one block, a post box between
    assert address_of(["Folketingets Boligudvalg", "Holmens Kanal 22",
                       "Christiansborg\n1060 København K\n1240 København K"]) == (
        "Holmens Kanal 22, 1060 København K")
    assert address_of(["Børsgade 4", "Christiansborg", "Postboks 2135",
                       "1240 København K\n1015 København K"]) == (
        "Børsgade 4, Postboks 2135, 1015 København K")


def test_a_member_the_reading_sets_apart_from_the_committee_is_an_addressee_too():
    from pipeline.reading import read_document
    from pipeline.typeset import flow_pdf

    text = ("Folketingets Testudvalg\n[email protected]\nHans Hansen\n[email protected]\n"
            "Testministeriet\nVed Stranden 8\n1061 København K\nT +45 72 20 50 00\n"
            "Testudvalget har i brev af 25. juni 2018 stillet følgende spørgsmål nr. 478, som "
            "hermed besvares.\nSpørgsmål nr. 478:\nHvordan går det?\nSvar:\nGodt.")
    assert [r.name for r in recipients_of(read_document(flow_pdf(text)), "2018-07-01")] == [
        "Testudvalget", "Hans Hansen"]
