"""Tables set one cell to a line, as letters converted to text print them."""

from __future__ import annotations

from pipeline.extract.tables import cell_per_line_tables

TABLE = "Branche\nSager\nKlager\nRengøring\n412\n61\nI alt\n634\n64\n"


def cells_of(text: str) -> list[list[str]]:
    return [[text[slice(*cell)] for row in table.rows for cell in row.cells]
            for table in cell_per_line_tables(text)]


def test_a_table_is_read_from_its_column_labels():
    assert cells_of("Opgørelsen viser følgende.\n" + TABLE + "Kilde: Arbejdstilsynet.") == [
        ["412", "61", "634", "64"]]


def test_a_table_below_a_long_run_of_short_lines_is_read_from_its_own_labels():
    # every short line reads as a label; only the last few can be the table's
    short_lines = "".join(f"Punkt {number} på listen\n" for number in range(500))
    assert cells_of(short_lines + TABLE) == [["412", "61", "634", "64"]]


def test_short_lines_with_no_numbers_after_them_hold_no_table():
    assert cells_of("".join(f"Punkt {number} på listen\n" for number in range(50))) == []


def test_two_tables_apart_are_both_read():
    text = TABLE + "Note til tabellen.\n" + TABLE
    assert cells_of(text) == [["412", "61", "634", "64"]] * 2


def test_a_columns_label_printed_after_the_first_rows_year_labels_the_column():
    text = ("2018\nAnsøgninger\n2.748\n2019\n2.061\n2023*\n522\nI alt\n5.331\n")
    table = cell_per_line_tables(text)[0]
    assert [text[slice(*column)] for column in table.columns] == ["Ansøgninger"]
    assert [text[slice(*row.label)] for row in table.rows] == ["2018", "2019", "2023*", "I alt"]


def test_one_column_under_the_label_of_what_it_counts_lists_its_rows_labels_first():
    text = "Antal udskrivninger\nMandag\nTirsdag\nOnsdag\n9.483\n7.577\n8.114\nI alt\n25.174\n"
    table = cell_per_line_tables(text)[0]
    assert [text[slice(*column)] for column in table.columns] == ["Antal udskrivninger"]
    assert [(text[slice(*row.label)], text[slice(*row.cells[0])]) for row in table.rows] == [
        ("Mandag", "9.483"), ("Tirsdag", "7.577"), ("Onsdag", "8.114"), ("I alt", "25.174")]
