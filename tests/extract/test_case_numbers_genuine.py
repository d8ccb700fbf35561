"""Case numbers as genuine letters print them: label rows with their values after them,
values glued to the next label or to a date, and the genre's other labels."""

from __future__ import annotations

import pytest

from pipeline.extract.case_numbers import case_numbers_in


def numbers(text: str) -> list[tuple[str, str]]:
    return [(number.kind, number.value) for number in case_numbers_in(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Dato:Kontor:Sagsnr.:Dok.:\n11. april 2011Statsretskontoret2011-792-1658THK40546 Hermed",
     [("sagsnummer", "2011-792-1658"), ("dokumentnummer", "THK40546")]),
    ("Dato:Kontor:Sagsbeh:Sagsnr.:Dok.:\n5. maj 2014Asyl- og VisumkontoretThomas "
     "Højgaard2014-0032-12211122785",
     [("sagsnummer", "2014-0032-1221"), ("dokumentnummer", "1122785")]),
    ("DatoJ. nr.\n4. april 20132013-992", [("journalnummer", "2013-992")]),
    # the row glued to the sender's title in capitals before it
    ("FolketingetMINISTERENDatoJ. nr.14. november 20132013 - 4323",
     [("journalnummer", "2013-4323")]),
    ("Dato\nJ. nr.\n22. december 2017\n2017-6632", [("journalnummer", "2017-6632")]),
    ("Dato:\nKontor:\nSagsbeh:\nSagsnr.:\nDok.:\n6. maj 2025\nKontoret for Organiseret\n"
     "Kriminalitet\nChristina Husted Lundø\n2025-04335\n3685580",
     [("sagsnummer", "2025-04335"), ("dokumentnummer", "3685580")]),
    # a name broken at a hyphen takes one value's place
    ("Dato:\nKontor:\nSagsbeh:\nSagsnr.:\nDok.:\n31. august 2018\nStrafferetskontoret\n"
     "Julie Christine Gade Mi-\nkkelsen\n2018-0030-1420\n820501",
     [("sagsnummer", "2018-0030-1420"), ("dokumentnummer", "820501")]),
    ("Tel.\nMail\nWeb\nCVR-nr.\nSags nr.\nAkt-id\n6198 4000\nwww.uim.dk\n36977191\n"
     "2017 - 18289\n348827", [("sagsnummer", "2017-18289"), ("akt-id", "348827")]),
    ("Bilag Journalnummer Kontor 1 400.C.2-0 EUK 7. januar 2005",
     [("journalnummer", "400.C.2-0")]),
    # one capital after a group's digits
    ("Dato: 24. oktober 2008 Sags nr.: 081.17A.541", [("sagsnummer", "081.17A.541")]),
    ("Sagsnr.: 2011-792-1658THK40546 Kære", [("sagsnummer", "2011-792-1658")]),
    # an empty "Bilag" column: the digits that start the journal number count no enclosures
    ("Medlemmerne af Folketingets Europaudvalg og deres stedfortrædere Bilag Journalnummer\n"
     "400.C.2-0\nTil underretning vedlægges notatet.", [("journalnummer", "400.C.2-0")]),
    # ... also where a date comes after it: no enclosures counted from the day
    ("Bilag\nJournalnummer\nKontor\n400.C.2-0\nEUK\n26. oktober 2006",
     [("journalnummer", "400.C.2-0")]),
    # a column of values that prints the number's dash on a line of its own
    ("Dato\nJ.nr.\n:\n:\n28. november 2005\n004\n-\n322\nMiljø- og Planlægningsudvalget "
     "har i brev af 17. november 2005 stillet mig", [("journalnummer", "004-322")]),
    ("Dato J.nr. : : 3. maj 2005 Det Energipolitiske Udvalg har i brev af 21. april 2005", []),
    # the values stand elsewhere; the opening after the labels holds none
    ("Bilag Journalnummer Under henvisning til Europaudvalgets skrivelse af 13. december 2004",
     []),
])
def test_a_row_of_labels_pairs_with_its_row_of_values(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Dato: 10. februar 2010Sags nr.: 1001071Sagsbeh.: SUMHM/Center forsundhed og "
     "psykiatriDok nr.: 182000", [("sagsnummer", "1001071"), ("dokumentnummer", "182000")]),
    ("Sagsnr.: 2012-0030-0867Dok.:516880",
     [("sagsnummer", "2012-0030-0867"), ("dokumentnummer", "516880")]),
    ("J.nr. 2009-458114. juni 2009", [("journalnummer", "2009-4581")]),
    ("J.nr. NST-401-00157Den 23. maj 2011", [("journalnummer", "NST-401-00157")]),
    # the agency's letters in small type
    ("J.nr. mst-406-00001Den 14. oktober 2010", [("journalnummer", "mst-406-00001")]),
    ("København, den 10. juni 2009Sagsnr.: 16191", [("sagsnummer", "16191")]),
    ("Dokument nr.: 121702/13Dette dokumentnr. bedes oplyst", [("dokumentnummer", "121702/13")]),
    ("J.nr. 5162/ljen Udvalget har", [("journalnummer", "5162/ljen")]),
])
def test_values_glued_to_the_next_label_or_a_date(text, expected):
    assert numbers(text) == expected


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Vores sag\n04-201-52/101-0012", "sagsnummer", "04-201-52/101-0012"),
    ("Sag/ID Nr.: 2019-1234", "sagsnummer", "2019-1234"),
    ("Ref.-nr.: 20/00412-3", "reference", "20/00412-3"),
    ("Eksp.nr. 123456", "reference", "123456"),
    ("Dok.id 927053", "dokumentnummer", "927053"),
    ("J.nr. M 3034-0036\nDen 9. november 2005", "journalnummer", "M 3034-0036"),  # one capital
])
def test_the_genres_other_labels(text, kind, value):
    assert numbers(text) == [(kind, value)]


def test_a_label_alone_in_its_block_takes_the_value_in_the_next(letter):
    # Blank lines between a label and its value set each apart in a block of its own.
    doc = letter("Svar:\nJa.", sidebar=["Dato:", "2. januar 2007", "J.nr.:", "2006/4011-189"])
    assert [(c.kind, c.value) for c in doc._.case_numbers] == [("journalnummer", "2006/4011-189")]
    doc = letter("Svar:\nJa.", sidebar=["J.nr.", "1240 København K"])
    assert doc._.case_numbers == []  # an empty label over Folketinget's postcode


def test_a_year_is_no_case_number_its_serial_on_the_next_line_goes_with_it(letter):
    # The published text lost the dash of "J.nr. 2024 - 5156" and broke the line there.
    assert numbers("CVR 10172748\nJ.nr. 2024\n5156\n21. november 2024") == [
        ("journalnummer", "2024-5156")]
    assert numbers("J.nr. 2024\n21. november 2024") == []
    # ... also where the reading set the two lines in blocks of their own
    doc = letter("Svar:\nJa.", sidebar=["www.test.dk\nJ.nr. 2024", "5156", "21. november 2024"])
    assert [(c.kind, c.value) for c in doc._.case_numbers] == [("journalnummer", "2024-5156")]


def test_a_case_number_broken_after_its_dash_joins_its_serial(letter):
    assert numbers("Sagsnr.: 2021-\n12345") == [("sagsnummer", "2021-12345")]
    assert numbers("J.nr. 2009/\n4581") == [("journalnummer", "2009/4581")]
    doc = letter("Svar:\nJa.", sidebar=["Dato: 3. maj 2021\nSagsnr.: 2021-", "12345"])
    assert [(c.kind, c.value) for c in doc._.case_numbers] == [("sagsnummer", "2021-12345")]


def test_a_label_ending_the_head_takes_its_value_from_the_texts_start(letter):
    # A letter run into one line, cut where its text starts, the number wrapped apart.
    doc = letter("2034-0005 Den 7. oktober 2005 Til udvalgets orientering fremsendes vedlagt "
                 "vejledningen.", head=["Folketingets Testudvalg Christiansborg 1240 "
                                        "København K J.nr. M"])
    assert [(c.kind, c.value) for c in doc._.case_numbers] == [("journalnummer", "M 2034-0005")]
    # a text that starts with no value leaves the label without one
    doc = letter("Til udvalgets orientering fremsendes vedlagt vejledningen af 2005.",
                 head=["Folketingets Testudvalg Christiansborg 1240 København K J.nr."])
    assert doc._.case_numbers == []


def test_a_row_of_labels_ending_a_line_takes_its_values_from_the_next_block(letter):
    # A letter run into one line: the recipient, the row of labels, then the values on the
    # next line, which the reading set in a block of its own.
    doc = letter("Under henvisning til udvalgets skrivelse vedlægges besvarelsen.",
                 head=["Medlemmerne af Folketingets Europaudvalg   Bilag Journalnummer"],
                 sidebar=["Kontor 1 400.C.2-0 EUK 7. januar 2005"])
    assert [(c.kind, c.value) for c in doc._.case_numbers] == [("journalnummer", "400.C.2-0")]
    # labels in the middle of a line wait for no values in the next block
    doc = letter("Svar:\nJa.", head=["Bilag Journalnummer Kontor til Folketingets Europaudvalg"],
                 sidebar=["2005-4711"])
    assert doc._.case_numbers == []

