"""Where each amount stands, on real letters of the corpus: written in the text, or a cell of
a table with its row, its column and whether it is a total; and sums in the store that count
each sum of money once.

The expected cells and sums were read off the PDFs by hand (``pdftotext -layout``):
fm-2022-08-30-udgiftslofter-status.pdf has "Tabel 1. Udgiftslofter og skønnede udgifter
2022 (mio. kr.)" with columns Udgiftsloft, Skøn and Difference and an "I alt" row, and
eight amounts written in its text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models import LetterRecord
from pipeline.cli import app
from pipeline.process import Outcome, process_file
from pipeline.run.archive import Archive
from pipeline.store import STORE_VERSION, run_query
from tests.conftest import CORPUS

BUDGET_2022 = CORPUS / "fm-2022-08-30-udgiftslofter-status.pdf"
CARRY_OVER_2021 = CORPUS / "fm-2021-03-24-spm12-videreforsel.pdf"
RESERVE_2019 = CORPUS / "fm-2019-03-12-reserve-tilslutning.pdf"

# The amounts each letter writes in its running text, as printed there.
TEXT_AMOUNTS_2022 = ["185,2 mia. kr.", "3,1 mia. kr.", "350 mio. kr.", "80 mio. kr.",
                     "296,35 mia. kr.", "1,25 mia. kr.", "2,1 mia. kr.", "0,4 mia. kr."]
# Their sums in kroner, added by hand: 185,2 + 3,1 + 296,35 + 1,25 + 2,1 + 0,4 mia.
# + 350 + 80 mio. = 488,83 mia.; 18,6 + 4 + 11,2 mia. = 33,8 mia.; 120 + 2 + 41,5 + 0,5
# mio. + 566,9 mia. = 567,064 mia.
TEXT_SUMS = {2019: 567_064_000_000, 2021: 33_800_000_000, 2022: 488_830_000_000}


@pytest.fixture(scope="module")
def budget_2022() -> LetterRecord:
    record = process_file(BUDGET_2022).record
    assert record is not None
    return record


@pytest.fixture(scope="module")
def finance_store(tmp_path_factory) -> Path:
    """Finansministeriet's three letters of the corpus through the real pipeline and store."""
    folder = tmp_path_factory.mktemp("finance")
    with Archive(folder) as archive:
        for pdf in (RESERVE_2019, CARRY_OVER_2021, BUDGET_2022):
            outcome = process_file(pdf)
            assert outcome.record is not None, pdf
            archive.write(Outcome(path=outcome.path, record=outcome.record))
    return folder


def table_cell(record: LetterRecord, row: str, column: str):
    [cell] = [a for a in record.amounts if (a.table_row, a.table_column) == (row, column)]
    return cell


def query_json(folder: Path, sql: str) -> list[dict]:
    """The real ``ministerbrev query`` command's answer, as JSON."""
    result = CliRunner().invoke(app, ["query", "--out", str(folder), "--format", "json", sql])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_table_cell_has_its_row_and_column_from_the_pdf(budget_2022):
    # "Statslige driftsudgifter   188.300   185.200   -3.100" under "Udgiftsloft Skøn Difference"
    cell = table_cell(budget_2022, "Statslige driftsudgifter", "Skøn")
    assert (cell.raw, cell.value, cell.origin, cell.total) == (
        "185.200", 185_200_000_000, "table", False)
    difference = table_cell(budget_2022, "Regionerne", "Difference")
    assert (difference.raw, difference.value) == ("-80", -80_000_000)


def test_the_cells_of_the_total_row_are_totals_and_no_other_cell_is(budget_2022):
    cells = [a for a in budget_2022.amounts if a.origin == "table"]
    assert len(cells) == 15  # five rows of three columns
    totals = {(a.table_column, a.raw) for a in cells if a.total}
    assert totals == {("Udgiftsloft", "909.850"), ("Skøn", "905.770"), ("Difference", "-4.080")}
    assert all(a.table_row == "I alt" for a in cells if a.total)
    assert {a.table_row for a in cells if not a.total} == {
        "Statslige driftsudgifter", "Indkomstoverførsler", "Kommunerne", "Regionerne"}


def test_amounts_written_in_the_text_are_text_and_in_no_table(budget_2022):
    text = [a for a in budget_2022.amounts if a.origin == "text"]
    assert [a.raw for a in text] == TEXT_AMOUNTS_2022
    assert all((a.table_row, a.table_column, a.total) == (None, None, False) for a in text)


def test_a_record_of_schema_version_2_still_reads_its_amounts_as_text(budget_2022):
    line = budget_2022.model_dump(mode="json")
    line["schema_version"] = "2"
    for amount in line["amounts"]:
        for key in ("origin", "table_row", "table_column", "total"):
            del amount[key]
    old = LetterRecord.model_validate(line)
    assert {(a.origin, a.total) for a in old.amounts} == {("text", False)}


def test_the_readmes_sum_adds_text_amounts_once_per_year(finance_store):
    sums = query_json(finance_store, """SELECT year, count(*) AS amounts,
        sum(value) AS text_sum_dkk FROM letter_amounts
        WHERE ministry = 'Finansministeriet' AND currency = 'DKK' AND origin = 'text'
        GROUP BY year ORDER BY year""")
    assert {row["year"]: row["text_sum_dkk"] for row in sums} == TEXT_SUMS
    assert [row["amounts"] for row in sums] == [5, 3, 8]


def test_table_totals_are_read_on_their_own_column_by_column(finance_store):
    totals = query_json(finance_store, """SELECT year, table_row, table_column, value
        FROM letter_amounts WHERE ministry = 'Finansministeriet' AND total = 1
        ORDER BY year, table_column""")
    assert [(row["year"], row["table_column"], row["value"]) for row in totals] == [
        (2021, "2019", 17_199_500_000), (2021, "2020", 18_600_000_000),
        (2022, "Difference", -4_080_000_000), (2022, "Skøn", 905_770_000_000),
        (2022, "Udgiftsloft", 909_850_000_000)]


def test_the_canned_sum_per_ministry_and_year_adds_text_amounts_only(finance_store):
    from pipeline.browse import CANNED_QUERIES

    sql = CANNED_QUERIES["amounts_per_ministry_and_year"]["sql"]
    found = {row["year"]: row for row in query_json(finance_store, sql)}
    assert {year: row["text_sum_dkk"] for year, row in found.items()} == TEXT_SUMS
    assert (found[2022]["table_cells"], found[2022]["table_totals"]) == (15, 3)


def test_a_store_of_the_previous_version_is_rebuilt_with_each_amounts_place(finance_store):
    with Archive(finance_store) as archive:
        archive.store.connection.execute("UPDATE amounts SET origin = 'text', total = 0")
        archive.store.connection.execute(f"PRAGMA user_version = {STORE_VERSION - 1}")
    with Archive(finance_store):
        pass  # opening it rebuilds it from records.jsonl
    assert run_query(finance_store, "PRAGMA user_version").rows == [(STORE_VERSION,)]
    counted = run_query(finance_store, "SELECT origin, sum(total), count(*) FROM amounts "
                                       "GROUP BY origin ORDER BY origin").rows
    assert counted == [("table", 5, 25), ("text", 0, 16)]
