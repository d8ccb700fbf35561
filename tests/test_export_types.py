"""Typed exports: ``ministerbrev export --format parquet`` read back with pyarrow.

Dates are ``date32`` with their text and precision beside them, times are timestamps,
numbers are numbers; in the store, numeric columns hold numbers, not text. The letters
are the seed letter through the real pipeline, the letters ``tests/test_store.py`` makes
from it, and a copy that mentions a month ("marts 2021") rather than a day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from models import DateMention, Evidence, LetterRecord
from pipeline.store import TABLES, run_query
from pipeline.store.export import DATE_COLUMNS
from tests.test_store import invoke, new_source, output_folder, revalidated, three_letters

MONTH_SENTENCE = "Evalueringen blev afsluttet i marts 2021."


def with_a_month(record: LetterRecord) -> LetterRecord:
    """The record as another letter whose text ends with a date known only to the month."""
    source = new_source(record, "uim-2021-evaluering")
    body = f"{record.body_text}\n\n{MONTH_SENTENCE}"
    start = len(body) - len("marts 2021.")
    month = DateMention(value="2021-03", raw="marts 2021",
                        evidence=Evidence(page=record.source.pages, start=start,
                                          end=start + len("marts 2021")))
    return revalidated(record.model_copy(update={
        "doc_id": source.sha256[:16], "source": source, "body_text": body,
        "dates": [*record.dates, month]}))


@pytest.fixture(scope="module")
def seed_record(seed_pdf) -> LetterRecord:
    from pipeline.process import process_file

    record = process_file(seed_pdf).record
    assert record is not None
    return record


@pytest.fixture(scope="module")
def out(tmp_path_factory, seed_record) -> Path:
    letters = [*three_letters(seed_record), with_a_month(seed_record)]
    return output_folder(tmp_path_factory.mktemp("types") / "out", letters)


@pytest.fixture(scope="module")
def exported(out) -> dict[str, pa.Table]:
    target = out.parent / "export"
    result = invoke("export", "--out", str(out), "--format", "parquet", "--to", str(target))
    assert result.exit_code == 0, result.output
    return {spec.name: pq.read_table(target / f"{spec.name}.parquet") for spec in TABLES}


def test_the_letters_date_is_a_date32_with_its_text_and_precision(exported, seed_record):
    letters = exported["letters"]
    assert letters.schema.field("date").type == pa.date32()
    seed = next(row for row in letters.to_pylist() if row["doc_id"] == seed_record.doc_id)
    assert (seed["date"], seed["date_text"], seed["date_precision"]) == (
        date(2020, 11, 4), "2020-11-04", "day")
    assert letters.column_names.index("date_text") == letters.column_names.index("date") + 1


def test_a_date_known_to_the_month_keeps_its_text_and_says_so(exported):
    dates = exported["dates"]
    assert dates.schema.field("value").type == pa.date32()
    month = [row for row in dates.to_pylist() if row["raw"] == "marts 2021"]
    assert [(r["value"], r["value_text"], r["value_precision"]) for r in month] == [
        (None, "2021-03", "month")]


def test_periods_of_years_have_year_precision(exported, seed_record):
    periods = exported["periods"]
    assert periods.schema.field("start").type == pa.date32()
    assert periods.schema.field("end").type == pa.date32()
    seed = [row for row in periods.to_pylist() if row["doc_id"] == seed_record.doc_id]
    assert [(r["start_text"], r["start_precision"], r["end_text"], r["end_precision"],
             r["start"], r["end"]) for r in seed] == [("2017", "year", "2020", "year", None, None)]


def test_numbers_are_numbers_and_times_are_timestamps(exported, seed_record):
    for spec in TABLES:
        schema = exported[spec.name].schema
        for column in spec.columns:
            arrow_type = schema.field(column.name).type
            if column.type.startswith("INTEGER"):
                assert arrow_type == pa.int64(), (spec.name, column.name)
            elif column.type.startswith(("NUMERIC", "REAL")):
                assert arrow_type == pa.float64(), (spec.name, column.name)
    amounts = exported["amounts"].to_pylist()
    assert {a["value"] for a in amounts} >= {73_400_000.0, 120_000_000.0, 5_000_000.0}
    letters = exported["letters"]
    assert letters.schema.field("processed_at").type == pa.timestamp("us", tz="UTC")
    seed = next(row for row in letters.to_pylist() if row["doc_id"] == seed_record.doc_id)
    assert seed["processed_at"] == seed_record.source.processed_at.astimezone(UTC)
    assert isinstance(seed["processed_at"], datetime) and seed["year"] == 2020


def test_every_column_that_holds_iso_dates_is_exported_as_a_date():
    """A new column described as holding "YYYY-…" text must be listed in DATE_COLUMNS."""
    described = {(spec.name, column.name) for spec in TABLES for column in spec.columns
                 if "YYYY" in column.description or column.name == "start"
                 or column.name == "end"}
    listed = {(table, name) for table, names in DATE_COLUMNS.items() for name in names}
    assert described == listed


def test_the_stores_numeric_columns_hold_numbers(out):
    numeric = {(spec.name, column.name) for spec in TABLES for column in spec.columns
               if column.type.startswith(("INTEGER", "NUMERIC", "REAL"))}
    for table, name in sorted(numeric):
        kinds = {row[0] for row in run_query(
            out, f'SELECT DISTINCT typeof("{name}") FROM {table}').rows}
        assert kinds <= {"integer", "real", "null"}, (table, name, kinds)
    assert run_query(out, "SELECT typeof(year), typeof(pages) FROM letters LIMIT 1").rows == [
        ("integer", "integer")]
