"""Amounts in tables: bare numbers under a header that names the unit."""

from __future__ import annotations

import pytest

TABLE = (
    "Udgifterne fordeler sig således:\n\n"
    "Tabel 1. Udgifter\n"
    "(mio. kr.)\t2022\t2023\n"
    "Drift\t12,5\t-3,0\n"
    "Anlæg\t1.250\t0\n"
    "I alt\t1.262,5\t-3,0\n\n"
    "Der er 4 projekter."
)


def test_each_cell_is_an_amount_in_the_headers_unit(analyse_text):
    doc = analyse_text(TABLE)
    values = [(a.value, a.raw) for a in doc._.amounts]
    assert values == [(12500000, "12,5"), (-3000000, "-3,0"), (1250000000, "1.250"),
                      (0, "0"), (1262500000, "1.262,5"), (-3000000, "-3,0")]
    for amount in doc._.amounts:
        assert doc.text[amount.evidence.start:amount.evidence.end] == amount.raw


def test_a_column_header_gives_its_own_unit(analyse_text):
    doc = analyse_text("Tabel 2\nOmråde\tAntal\tBeløb (kr.)\nNord\t12\t4.500\nSyd\t7\t3.000")
    assert [(a.value, a.currency) for a in doc._.amounts] == [(4500, "DKK"), (3000, "DKK")]


def test_a_table_without_a_unit_holds_no_amounts(analyse_text):
    doc = analyse_text("Tabel 3\nÅr\tSager\n2022\t140\n2023\t155")
    assert doc._.amounts == []


def test_an_amount_per_month(analyse_text):
    [amount] = analyse_text("Ydelsen udgør 19.562 kr. om måneden.")._.amounts
    assert (amount.value, amount.per) == (19562, "måned")


PRINTED = (
    "Udgifterne fordeler sig således:\n"
    "Mio. kr. 2020 2021 2022\n"
    "Drift 12,5 13,0 14,1\n"
    "Anlæg 1.250 -3,0 0\n"
    "I alt 1.262,5 10,0 14,1\n"
    "Kilde: Finansministeriet.\n"
    "Der er 5 projekter."
)


def test_a_table_printed_as_lines_of_numbers_is_read_in_the_headers_unit(analyse_text):
    doc = analyse_text(PRINTED)
    assert [(a.value, a.raw) for a in doc._.amounts] == [
        (12500000, "12,5"), (13000000, "13,0"), (14100000, "14,1"),
        (1250000000, "1.250"), (-3000000, "-3,0"), (0, "0"),
        (1262500000, "1.262,5"), (10000000, "10,0"), (14100000, "14,1")]
    for amount in doc._.amounts:
        assert doc.text[amount.evidence.start:amount.evidence.end] == amount.raw


def test_a_printed_table_with_labels_and_cells_on_lines_of_their_own(analyse_text):
    doc = analyse_text("Tabel 1\n(mia. kr.) 2021\nDrift\n12,5\nAnlæg\n3,0\nSlut på tabellen.")
    assert [(a.value, a.raw) for a in doc._.amounts] == [(12500000000, "12,5"),
                                                         (3000000000, "3,0")]


def test_a_header_naming_no_unit_makes_no_amounts(analyse_text):
    doc = analyse_text("Antal sager 2020 2021\nNord 12 14\nSyd 7 9")
    assert doc._.amounts == []


def test_a_sentence_with_an_amount_is_no_table_header(analyse_text):
    doc = analyse_text("Rammen er 12 mio. kr.\n2020 var et godt år.\nDer kom 4 sager.")
    assert [a.raw for a in doc._.amounts] == ["12 mio. kr."]


def test_a_line_of_prose_ending_in_a_currency_heads_no_table(analyse_text):
    doc = analyse_text("Det koster mange kr.\nDet samlede tal er 12,5\nog mere.")
    assert doc._.amounts == []


def test_years_under_the_unit_label_the_columns(analyse_text):
    doc = analyse_text("Mio. kr.\n2020 2021\nDrift 12,5 13,0\nSlut.")
    assert [(a.value, a.raw) for a in doc._.amounts] == [(12500000, "12,5"), (13000000, "13,0")]


def test_numbers_set_apart_by_spaces_after_a_rows_tab_are_its_columns(analyse_text):
    doc = analyse_text("Udbetalingerne var:\n(mio. kr.)\t2006 2007\nEUDP\t31,2 48,5\n"
                       "ForskEL\t55,0 58,2\nTallene er foreløbige.")
    assert [(a.value, a.table_row, a.table_column) for a in doc._.amounts] == [
        (31200000, "EUDP", "2006"), (48500000, "EUDP", "2007"),
        (55000000, "ForskEL", "2006"), (58200000, "ForskEL", "2007")]


def test_a_header_with_a_note_and_rows_whose_labels_hold_numbers(analyse_text):
    doc = analyse_text("Provenuet fremgår af tabel 1.\nMio. kr. (2017-niveau) 2018 2019\n"
                       "Forhøjelse med 10.000 kr. -330 -335\nForhøjelse med 25.000 kr. -810 -820\n"
                       "Anm.: Beregningen er usikker.")
    cells = [(a.value, a.table_row, a.table_column) for a in doc._.amounts if a.origin == "table"]
    assert cells == [(-330000000, "Forhøjelse med 10.000 kr.", "2018"),
                     (-335000000, "Forhøjelse med 10.000 kr.", "2019"),
                     (-810000000, "Forhøjelse med 25.000 kr.", "2018"),
                     (-820000000, "Forhøjelse med 25.000 kr.", "2019")]


def test_a_printed_tables_column_named_by_a_quarter(analyse_text):
    doc = analyse_text("Udbetalingerne fremgår af tabel 1.\nMio. kr. 2021 2022 1. kvt. 2023\n"
                       "Jordvarmeanlæg 41,7 95,2 18,8\nPuljen havde en ramme.")
    assert [(a.value, a.table_column) for a in doc._.amounts] == [
        (41700000, "2021"), (95200000, "2022"), (18800000, "1. kvt. 2023")]


def test_a_table_set_one_cell_to_a_line_under_its_header(analyse_text):
    # as converted letters print a table: the columns' labels, then each row's label and
    # its cells, every one on a line of its own; a note ends the table
    doc = analyse_text("Provenuet fremgår af tabel 1.\nMio. kr. (2011-niveau)\n2011\n2012\n"
                       "Varig virkning\nUmiddelbar virkning\n-2.380\n-2.420\n-2.450\n"
                       "Efter tilbageløb\n-1.890\n-1.920\n-1.940\n"
                       "Anm.: Det er forudsat, at ændringen har virkning fra 2011.")
    assert [(a.value, a.raw, a.table_row, a.table_column) for a in doc._.amounts] == [
        (-2380000000, "-2.380", "Umiddelbar virkning", "2011"),
        (-2420000000, "-2.420", "Umiddelbar virkning", "2012"),
        (-2450000000, "-2.450", "Umiddelbar virkning", "Varig virkning"),
        (-1890000000, "-1.890", "Efter tilbageløb", "2011"),
        (-1920000000, "-1.920", "Efter tilbageløb", "2012"),
        (-1940000000, "-1.940", "Efter tilbageløb", "Varig virkning")]


def test_a_table_one_cell_to_a_line_with_word_columns_and_a_total(analyse_text):
    doc = analyse_text("Mia. kr. (2006-pl)\nAftale\nBudget\nServiceudgifter\n150,5\n151,3\n"
                       "I alt\n164,3\n166,2\nKilde: Danmarks Statistik.")
    assert [(a.value, a.table_row, a.table_column, a.total) for a in doc._.amounts] == [
        (150500000000, "Serviceudgifter", "Aftale", False),
        (151300000000, "Serviceudgifter", "Budget", False),
        (164300000000, "I alt", "Aftale", True), (166200000000, "I alt", "Budget", True)]


def test_a_row_with_more_numbers_than_columns_ends_a_table_one_cell_to_a_line(analyse_text):
    doc = analyse_text("Mio. kr.\nAftale\nBudget\nDrift\n12,5\n13,0\n14,0\n15,0\nSlut.")
    assert doc._.amounts == []


def test_a_table_of_one_column_that_lists_its_rows_labels_before_its_cells(analyse_text):
    doc = analyse_text("Tabel 1. Bloktilskud fordelt på regioner, 2018\nMio. kr.\n"
                       "Region Hovedstaden\nRegion Sjælland\nI alt\n27.845\n12.316\n40.161\n"
                       "Anm.: Bloktilskuddet fordeles efter udgiftsbehovet.")
    assert [(a.value, a.table_row, a.total) for a in doc._.amounts] == [
        (27845000000, "Region Hovedstaden", False), (12316000000, "Region Sjælland", False),
        (40161000000, "I alt", True)]


@pytest.mark.parametrize("caption", [
    "Tabel 1. Virkning af ændringerne i udligningen, 2007 (mio. kr.)\nKommune",
    # a caption that fills the page, the first label read onto its line
    "Tabel 1. Virkning af ændringerne i udligningen, 2007 (mio. kr.) Kommune",
    # the unit after a comma
    "Virkning af ændringerne i udligningen, mio. kr.\nKommune",
])
def test_a_caption_with_its_unit_in_brackets_over_a_table_one_cell_to_a_line(analyse_text,
                                                                              caption):
    doc = analyse_text(f"Virkningen fremgår af tabel 1.\n{caption}\nVirkning\nAalborg\n42,1\n"
                       "Thisted\n-3,4\nAnm.: Positive tal angiver en gevinst.")
    assert [(a.value, a.table_row, a.table_column) for a in doc._.amounts] == [
        (42100000, "Aalborg", "Virkning"), (-3400000, "Thisted", "Virkning")]
