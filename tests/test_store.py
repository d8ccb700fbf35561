"""The SQLite store and its commands: real records in, SQL, search and files out.

The letters are the seed letter as the real pipeline reads it, plus copies of it
made through the pydantic model with another doc_id, date, sender and recipient
(and, where a test needs it, another amount), and one letter built from the
model with its own text, so the store holds several ministries, years and
currencies. Every record is validated again before it is stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from typer.testing import CliRunner

from models import Amount, Evidence, Failure, LetterRecord, Recipient
from models.failure import FailureCode
from models.record import FACT_FAMILIES
from pipeline.cli import app
from pipeline.output import OutputFolder
from pipeline.process import Outcome
from pipeline.run.archive import Archive
from pipeline.run.catchup import lines_behind, reindex
from pipeline.store import (
    EXPORT_FORMATS,
    FACT_TABLES,
    FAILURES,
    STORE_VERSION,
    TABLES,
    LetterStore,
    QueryRefused,
    StoreError,
    export_tables,
    run_query,
    search,
    store_path,
)

ROOT = Path(__file__).resolve().parent.parent
ANSWER_TEXT = (
    "Som svar på spørgsmål nr. 12 (Alm. del) fra Retsudvalget oplyses det, at der i "
    "2021 er afsat 5 mio. euro til kriminalpræventive indsatser i kommunerne.\n\n"
    "Ministeriet anbefaler, at indsatsen følges tæt i de kommende år."
)


# -- letters ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def seed_record(seed_pdf) -> LetterRecord:
    """The seed letter through the whole real pipeline: pdfplumber, Danish model, extractors."""
    from pipeline.process import process_file

    outcome = process_file(seed_pdf)
    assert outcome.record is not None, outcome.failure
    return outcome.record


def revalidated(record: LetterRecord) -> LetterRecord:
    """``model_copy`` does not validate; this does, so every stored record keeps the contract."""
    return LetterRecord.model_validate(record.model_dump())


def new_source(record: LetterRecord, name: str):
    sha256 = hashlib.sha256(f"{record.source.sha256}:{name}".encode()).hexdigest()
    return record.source.model_copy(update={
        "sha256": sha256, "path": f"corpus/letters/{name}.pdf", "filename": f"{name}.pdf"})


def copy_of(record: LetterRecord, name: str, date: str, ministry: str, committee: str,
            amount: tuple[str, float, str] | None = None) -> LetterRecord:
    """The record as if another ministry had sent it to ``committee`` on ``date``.

    ``amount`` (raw, value, currency) adds a sentence with that amount to the text.
    """
    source = new_source(record, name)
    letter = record.letter.model_copy(update={
        "date": date,
        "sender": record.letter.sender.model_copy(update={"ministry": ministry}),
        "recipients": [Recipient(name=committee, organisation="Folketinget")],
    })
    body, amounts = record.body_text, list(record.amounts)
    if amount:
        raw, value, currency = amount
        sentence = f"Til formålet afsættes {raw} årligt."
        start = len(body) + 2 + sentence.index(raw)
        body = f"{body}\n\n{sentence}"
        evidence = Evidence(page=record.source.pages, start=start, end=start + len(raw))
        amounts.append(Amount(value=value, currency=currency, raw=raw, per="år",
                              sentence=sentence, evidence=evidence))
    return revalidated(record.model_copy(update={
        "doc_id": source.sha256[:16], "source": source, "letter": letter,
        "body_text": body, "amounts": amounts}))


def answer_letter(record: LetterRecord) -> LetterRecord:
    """A letter of its own: Justitsministeriet answers a question; an amount in euro."""

    def evidence(raw: str) -> dict:
        start = ANSWER_TEXT.index(raw)
        return {"page": 1, "start": start, "end": start + len(raw)}

    source = new_source(record, "jm-2021-06-01-svar")
    return LetterRecord.model_validate({
        "doc_id": source.sha256[:16],
        "source": source.model_dump(),
        "letter": {
            "date": "2021-06-01", "kind": "svar_paa_spoergsmaal", "subject": "Svar på spørgsmål 12",
            "sender": {"ministry": "Justitsministeriet", "minister": "Nick Hækkerup"},
            "recipients": [{"name": "Retsudvalget", "organisation": "Folketinget"}],
            "question_refs": [{"number": 12, "series": "Alm. del", "committee": "Retsudvalget",
                               "raw": "spørgsmål nr. 12 (Alm. del)"}],
        },
        "amounts": [{"value": 5_000_000, "currency": "EUR", "raw": "5 mio. euro",
                     "sentence": ANSWER_TEXT.split("\n")[0], "evidence": evidence("5 mio. euro")}],
        "recommendations": [{"text": "indsatsen følges tæt i de kommende år",
                             "sentence": ANSWER_TEXT.split("\n")[-1],
                             "evidence": evidence("indsatsen følges tæt i de kommende år")}],
        "body_text": ANSWER_TEXT,
    })


def three_letters(seed_record: LetterRecord) -> list[LetterRecord]:
    """The seed letter (2020), a copy sent to Finansudvalget (2021), and an answer (2021)."""
    to_finance = copy_of(seed_record, "fm-2021-03-15", "2021-03-15", "Finansministeriet",
                         "Finansudvalget", amount=("120 mio. kr.", 120_000_000, "DKK"))
    return [seed_record, to_finance, answer_letter(seed_record)]


def output_folder(folder: Path, letters: list[LetterRecord]) -> Path:
    """An output folder as ``process`` leaves it: records, one failure, and the store."""
    failure = Failure(path="corpus/letters/cut.pdf", sha256=None, error="damaged",
                      message="corpus/letters/cut.pdf: the PDF is damaged")
    with Archive(folder) as archive:
        for record in letters:
            archive.write(Outcome(path=record.source.path, record=record))
        archive.write(Outcome(path=failure.path, failure=failure))
    return folder


@pytest.fixture(scope="session")
def letters(seed_record) -> list[LetterRecord]:
    return three_letters(seed_record)


@pytest.fixture
def out(tmp_path, letters) -> Path:
    return output_folder(tmp_path / "out", letters)


def rows(out: Path, sql: str, *parameters) -> list[tuple]:
    return run_query(out, sql, parameters).rows


def dump(out: Path) -> dict[str, list[tuple]]:
    """Every table's rows in primary-key order, to compare two stores."""
    return {spec.name: rows(out, f"SELECT * FROM {spec.name} ORDER BY "
                                 + ", ".join(spec.primary_key)) for spec in TABLES}


def invoke(*args: str):
    """Run the real ``ministerbrev`` command in-process; wide columns so tables do not wrap."""
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


# -- the tables ---------------------------------------------------------------------------------


def test_each_letter_is_one_row_and_each_fact_one_row_with_its_doc_id(out, letters):
    assert rows(out, "SELECT count(*) FROM letters") == [(3,)]
    for record in letters:
        expected = {
            "recipients": len(record.letter.recipients),
            "case_numbers": len(record.letter.case_numbers),
            "question_refs": len(record.letter.question_refs),
            "amounts": len(record.amounts), "dates": len(record.dates),
            "periods": len(record.periods), "counts": len(record.counts),
            "recommendations": len(record.recommendations),
        }
        stored = {spec.name: rows(out, f"SELECT count(*) FROM {spec.name} WHERE doc_id = ?",
                                  record.doc_id)[0][0] for spec in FACT_TABLES}
        assert stored == expected


def test_the_seed_letter_holds_the_contracts_facts(out, seed_record):
    doc_id = seed_record.doc_id
    assert rows(out, "SELECT value, currency FROM amounts WHERE doc_id = ?", doc_id)[:1] == [
        (73_400_000, "DKK")]
    assert ("2017", "2020") in rows(out, "SELECT start, end FROM periods WHERE doc_id = ?", doc_id)
    recommendations = [text for (text,) in rows(
        out, "SELECT text FROM recommendations WHERE doc_id = ? ORDER BY position", doc_id)]
    assert "øget fokus på familiebehandling" in recommendations


def test_every_facts_evidence_quotes_the_letters_body_text(out):
    for table in ("amounts", "dates", "periods", "counts"):
        mismatches = rows(out, f"""
            SELECT f.raw, substr(l.body_text, f.char_start + 1, f.char_end - f.char_start)
            FROM {table} f JOIN letters l USING (doc_id)
            WHERE f.raw != substr(l.body_text, f.char_start + 1, f.char_end - f.char_start)""")
        assert mismatches == [], table
    assert rows(out, "SELECT count(*) FROM amounts WHERE page IS NULL OR page < 1") == [(0,)]


def test_the_evidence_columns_have_the_names_of_the_json_evidences_offsets(out):
    """An analyst who reads ``evidence.char_start`` in records.jsonl finds ``char_start``
    in every fact table, with the same value."""
    json_offsets = {"page", "char_start", "char_end"}
    assert json_offsets <= set(Evidence.model_fields)
    for table in FACT_TABLES:
        if table.name in FACT_FAMILIES:  # the facts with evidence
            assert json_offsets <= set(table.column_names), table.name
    record = next(record for record in map(LetterRecord.model_validate_json, (
        out / "records.jsonl").read_text(encoding="utf-8").splitlines()) if record.amounts)
    first = record.amounts[0].evidence
    assert rows(out, "SELECT page, char_start, char_end FROM amounts WHERE doc_id = ? "
                "ORDER BY position LIMIT 1", record.doc_id) == [
        (first.page, first.char_start, first.char_end)]


def test_letters_have_the_derived_columns_analysts_filter_by(out, seed_record):
    [row] = rows(out, "SELECT year, ministry, minister, recipient FROM letters WHERE doc_id = ?",
                 seed_record.doc_id)
    assert row == (2020, "Udlændinge- og Integrationsministeriet", "Mattias Tesfaye",
                   "Udlændinge- og Integrationsudvalget")
    assert rows(out, """SELECT l.ministry, a.value FROM amounts a JOIN letters l USING (doc_id)
                        WHERE a.currency = 'DKK' AND a.value > 50000000 AND l.year = 2021
                        AND l.recipient = 'Finansudvalget' ORDER BY a.value DESC""") == [
        ("Finansministeriet", 120_000_000), ("Finansministeriet", 73_400_000)]


def test_the_failures_table_names_every_failure_code():
    (error,) = [column for column in FAILURES.columns if column.name == "error"]
    assert error.description.endswith(", ".join(get_args(FailureCode)))


def test_facts_cannot_point_at_a_letter_that_is_not_there(out):
    with sqlite3.connect(store_path(out)) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("INSERT INTO dates (doc_id, position, value, raw) "
                               "VALUES ('0000000000000000', 0, '2021-01-01', 'x')")


def test_the_store_is_in_wal_mode_with_indexes_on_what_people_filter_by(out):
    assert rows(out, "PRAGMA journal_mode") == [("wal",)]
    indexed = {(table, column) for table, column in rows(out, """
        SELECT m.name, i.name FROM sqlite_master m, pragma_index_list(m.name) l,
               pragma_index_info(l.name) i WHERE m.type = 'table'""")}
    for wanted in [("letters", "date"), ("letters", "ministry"), ("amounts", "currency"),
                   ("amounts", "value"), ("dates", "value"), ("recipients", "name")]:
        assert wanted in indexed


# -- writing again ------------------------------------------------------------------------------


def test_processing_a_letter_again_replaces_its_rows_without_duplicates(out, seed_record):
    before = dump(out)
    changed = seed_record.model_copy(update={
        "letter": seed_record.letter.model_copy(update={"kind": "other"})})
    with LetterStore.open(out) as store:
        store.put_record(seed_record)
        store.put_record(seed_record)
        assert dump(out) == before
        store.put_record(revalidated(changed))
    assert rows(out, "SELECT kind FROM letters WHERE doc_id = ?", seed_record.doc_id) == [
        ("other",)]
    after = dump(out)
    for spec in FACT_TABLES:
        assert after[spec.name] == before[spec.name]
    hits = search(out, "familiebehandling")
    assert len(hits) == len({hit.doc_id for hit in hits}) == 2


def test_a_failure_is_logged_once_per_path_and_goes_when_the_file_gets_a_record(out, letters):
    path = letters[0].source.path
    with LetterStore.open(out) as store:
        for message in ("first try", "second try"):
            store.put_failure(Failure(path=path, sha256=None, error="internal", message=message))
        assert rows(out, "SELECT message FROM failures WHERE path = ?", path) == [("second try",)]
        store.put_record(letters[0])
    assert rows(out, "SELECT path, error FROM failures") == [("corpus/letters/cut.pdf", "damaged")]


def test_a_letter_that_fails_to_store_leaves_its_earlier_rows_whole(out, seed_record):
    before = dump(out)
    broken = seed_record.model_copy(update={"body_text": None})  # NOT NULL refuses it
    with LetterStore.open(out) as store, pytest.raises(sqlite3.IntegrityError):
        store.put_record(broken)
    assert dump(out) == before


# -- rebuilding ---------------------------------------------------------------------------------


def test_reindex_rebuilds_the_same_store_from_records_jsonl_alone(out):
    before = dump(out)
    for path in out.glob("letters.sqlite*"):
        path.unlink()
    (out / "failures.jsonl").unlink()
    contents = reindex(out)
    assert len(contents.records) == 3 and contents.invalid == 0
    after = dump(out)
    assert after["failures"] == []
    assert {name: table for name, table in after.items() if name != "failures"} == {
        name: table for name, table in before.items() if name != "failures"}
    assert len(search(out, "æresrelaterede")) == 2


def test_reindex_command_replaces_a_store_that_was_changed_behind_its_back(out):
    before = dump(out)
    with sqlite3.connect(store_path(out)) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM letters WHERE year = 2021")
    assert len(dump(out)["letters"]) == 1
    result = invoke("reindex", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "3 letter(s) and 1 failure(s)" in result.stderr
    assert dump(out) == before


def test_a_record_line_that_no_longer_validates_is_counted_and_left_out(out):
    with (out / "records.jsonl").open("a") as jsonl:
        jsonl.write(json.dumps({"doc_id": "ffffffffffffffff", "schema_version": "0"}) + "\n")
    contents = reindex(out)
    assert contents.invalid == 1
    assert rows(out, "SELECT count(*) FROM letters") == [(3,)]


def test_opening_a_folder_without_a_store_fills_it_from_the_records(out):
    expected = dump(out)
    for path in out.glob("letters.sqlite*"):
        path.unlink()
    with Archive(out) as archive:
        assert archive.store.letter_count() == 3
    assert dump(out) == expected


def test_opening_the_store_adds_records_a_killed_run_wrote_but_did_not_store(out, letters):
    """A run killed between the record file and the store's commit: the next run catches up."""
    later = letters[2].source.model_copy(update={
        "processed_at": letters[2].source.processed_at.replace(year=2030)})
    newer = revalidated(letters[2].model_copy(update={"source": later}))
    unstored = copy_of(letters[0], "killed", "2022-01-05", "Skatteministeriet", "Skatteudvalget")
    with OutputFolder(out) as output:
        output.write_record(newer)
        output.write_record(unstored)
    with Archive(out) as archive:  # opening it catches up: nothing is left behind
        assert lines_behind(archive.store, out / "records.jsonl") == []
    assert rows(out, "SELECT doc_id FROM letters WHERE year = 2022") == [(unstored.doc_id,)]
    assert rows(out, "SELECT processed_at FROM letters WHERE doc_id = ?", newer.doc_id) == [
        (newer.source.processed_at.isoformat(),)]
    assert rows(out, "SELECT count(*) FROM letters") == [(4,)]


# -- two writers at once ------------------------------------------------------------------------

WRITER = """
import sys
from pathlib import Path
from models import LetterRecord
from pipeline.run.catchup import bring_in_step
from pipeline.store import LetterStore
out, records, rounds = Path(sys.argv[1]), Path(sys.argv[2]).read_text().splitlines(), 4
with LetterStore.open(out) as store:
    bring_in_step(store, out)  # as an Archive opens it: both find a new store to fill
    for round in range(rounds):
        for line in (records if round % 2 else reversed(records)):
            store.put_record(LetterRecord.model_validate_json(line))
"""


@pytest.mark.subprocess
def test_two_processes_writing_at_once_neither_fail_nor_corrupt_the_store(tmp_path, seed_record):
    """Both start on a store that does not exist yet and write the same 12 letters 4 times."""
    copies = [copy_of(seed_record, f"copy-{n}", f"2021-01-{n + 1:02d}", "Finansministeriet",
                      "Finansudvalget") for n in range(12)]
    records = tmp_path / "records.txt"
    records.write_text("".join(record.model_dump_json() + "\n" for record in copies))
    out = tmp_path / "out"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(out), str(records)],
                                cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [writer.communicate(timeout=300)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], errors
    assert rows(out, "SELECT count(*) FROM letters") == [(12,)]
    assert rows(out, "SELECT count(*) FROM counts") == [(12 * len(seed_record.counts),)]
    with sqlite3.connect(store_path(out)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        connection.execute("INSERT INTO letters_fts(letters_fts) VALUES ('integrity-check')")
    assert len(search(out, "familiebehandling", limit=50)) == 12


# -- query --------------------------------------------------------------------------------------


def test_query_prints_a_table_by_default(out):
    result = invoke("query", "--out", str(out),
                    "SELECT ministry, year FROM letters ORDER BY date")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any("ministry" in line and "year" in line for line in lines)
    assert [line for line in lines if "Justitsministeriet" in line][0].count("2021") == 1
    assert "3 row(s)" in result.stderr


def test_query_prints_csv_with_a_header_row(out):
    result = invoke("query", "--out", str(out), "--format", "csv",
                    "SELECT year, count(*) AS letters FROM letters GROUP BY year ORDER BY year")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["year,letters", "2020,1", "2021,2"]


def test_query_prints_json_as_a_list_of_objects(out):
    result = invoke("query", "--out", str(out), "--format", "json",
                    "SELECT currency, count(*) AS n FROM amounts WHERE currency = 'EUR' "
                    "GROUP BY currency")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"currency": "EUR", "n": 1}]


@pytest.mark.parametrize(("sql", "reason"), [
    ("INSERT INTO failures VALUES ('x.pdf', NULL, 'empty', 'x')", "INSERT on failures"),
    ("UPDATE letters SET kind = 'other'", "UPDATE on letters"),
    ("DELETE FROM amounts", "DELETE on amounts"),
    ("DROP TABLE letters", "changing the schema"),
    ("CREATE TABLE notes (x)", "changing the schema"),
    ("ATTACH DATABASE 'other.sqlite' AS other", "ATTACH"),
    ("VACUUM", "VACUUM"),
    ("PRAGMA journal_mode = DELETE", "PRAGMA journal_mode = DELETE"),
    ("PRAGMA user_version = 7", "PRAGMA user_version = 7"),
    ("PRAGMA writable_schema = 1", "PRAGMA writable_schema"),
    ("SELECT load_extension('mod_spatialite')", "load_extension"),
])
def test_query_refuses_anything_but_reading_with_a_clear_error(out, sql, reason):
    before = dump(out)
    with pytest.raises(QueryRefused, match="refused") as refused:
        run_query(out, sql)
    assert reason.lower() in str(refused.value).lower()
    result = invoke("query", "--out", str(out), sql)
    assert result.exit_code == 1
    assert "refused" in result.stderr and "Traceback" not in result.output
    assert dump(out) == before
    assert rows(out, "PRAGMA journal_mode") == [("wal",)]


def test_query_allows_pragmas_that_only_report(out):
    columns = [row[1] for row in rows(out, "PRAGMA table_info(letters)")]
    assert {"doc_id", "year", "ministry", "recipient"} <= set(columns)
    assert rows(out, "PRAGMA user_version") == [(STORE_VERSION,)]


def test_query_reports_bad_sql_and_a_missing_store_in_words(out, tmp_path):
    with pytest.raises(StoreError, match="no such table: nope"):
        run_query(out, "SELECT * FROM nope")
    with pytest.raises(StoreError, match="one statement"):
        run_query(out, "SELECT 1; SELECT 2")
    result = invoke("query", "--out", str(tmp_path / "empty"), "SELECT 1")
    assert result.exit_code == 1 and "no store at" in result.stderr
    assert not (tmp_path / "empty" / "letters.sqlite").exists()


# -- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize("words", ["familiebehandling", "æresrelaterede", "ÆRESRELATEREDE",
                                   "familiebehandl*", "øget fokus"])
def test_search_finds_danish_words_in_the_seed_letter_and_its_copy(out, letters, words):
    hits = search(out, words)
    assert {hit.doc_id for hit in hits} == {letters[0].doc_id, letters[1].doc_id}


def test_search_keeps_ae_oe_aa_apart_from_a_o_and_does_not_stem(out, letters):
    assert search(out, "aeresrelaterede") == []
    assert search(out, "familiebehandlinger") == []  # no stemmer: another word form
    assert [hit.doc_id for hit in search(out, "år")] == [letters[2].doc_id]
    assert search(out, "ar") == []


def test_search_ranks_by_bm25_and_marks_the_hit_in_the_snippet(out, letters):
    [best, *_rest] = hits = search(out, "kriminalpræventive")
    assert len(hits) == 1 and best.doc_id == letters[2].doc_id
    assert "**kriminalpræventive**" in best.highlighted()
    assert best.date == "2021-06-01" and best.ministry == "Justitsministeriet"
    ranked = search(out, "afsættes")  # only in the sentence added to the Finansudvalget copy
    assert [hit.doc_id for hit in ranked] == [letters[1].doc_id]
    scores = [hit.score for hit in search(out, "kommuner*")]
    assert scores == sorted(scores)


def test_search_command_shows_date_ministry_doc_id_and_the_highlighted_hit(out, letters):
    result = invoke("search", "--out", str(out), "familiebehandling")
    assert result.exit_code == 0, result.output
    assert "**familiebehandling**" in result.stdout
    for record in letters[:2]:
        assert record.doc_id in result.stdout and record.letter.date in result.stdout
    assert "Finansministeriet" in result.stdout
    assert "2 letter(s) match" in result.stderr


def test_search_with_nothing_to_search_for_says_so(out):
    result = invoke("search", "--out", str(out), "? *")
    assert result.exit_code == 2 and "nothing to search for" in result.stderr


# -- export -------------------------------------------------------------------------------------


def test_export_writes_every_table_as_parquet_with_typed_columns(out, tmp_path):
    import pyarrow.parquet as pq

    from pipeline.store.export import parquet_fields

    result = invoke("export", "--out", str(out), "--format", "parquet", "--to",
                    str(tmp_path / "export"))
    assert result.exit_code == 0, result.output
    for spec in TABLES:
        table = pq.read_table(tmp_path / "export" / f"{spec.name}.parquet")
        # Each date column is followed by its text and precision (tests/test_export_types.py).
        assert table.column_names == [name for name, _type in parquet_fields(spec)]
        assert table.num_rows == rows(out, f"SELECT count(*) FROM {spec.name}")[0][0]
    amounts = pq.read_table(tmp_path / "export" / "amounts.parquet").to_pylist()
    assert {(a["value"], a["currency"]) for a in amounts} >= {(120e6, "DKK"), (5e6, "EUR")}
    empty = pq.read_table(tmp_path / "export" / "dates.parquet")
    assert "value" in empty.column_names  # an empty table still has its columns


def test_export_writes_csv_and_jsonl_that_read_back_as_the_store(out, tmp_path):
    import csv

    for fmt in ("csv", "jsonl"):
        written = export_tables(out, fmt, tmp_path / fmt)
        assert sorted(path.name for path in written) == sorted(
            f"{spec.name}.{fmt}" for spec in TABLES)
    with (tmp_path / "csv" / "letters.csv").open(encoding="utf-8", newline="") as handle:
        letters_csv = list(csv.DictReader(handle))
    assert {row["ministry"] for row in letters_csv} == {
        "Udlændinge- og Integrationsministeriet", "Finansministeriet", "Justitsministeriet"}
    recipients = [json.loads(line) for line in
                  (tmp_path / "jsonl" / "recipients.jsonl").read_text().splitlines()]
    assert {row["name"] for row in recipients} >= {"Finansudvalget", "Retsudvalget"}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_the_export_command_offers_every_format_the_store_writes(out, tmp_path, fmt):
    result = invoke("export", "--out", str(out), "--format", fmt, "--to", str(tmp_path / fmt))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / fmt).iterdir()) == sorted(
        f"{spec.name}.{fmt}" for spec in TABLES)


def test_export_refuses_an_unknown_format(out, tmp_path):
    result = invoke("export", "--out", str(out), "--format", "xlsx", "--to", str(tmp_path))
    assert result.exit_code == 2


# -- process keeps the store in step --------------------------------------------------------------


@pytest.mark.subprocess
def test_the_process_command_keeps_the_store_in_step_with_the_records(tmp_path, seed_pdf):
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / seed_pdf.name).write_bytes(seed_pdf.read_bytes())
    (letters / "notes.pdf").write_text("<html>not a pdf</html>", encoding="utf-8")
    out = tmp_path / "out"
    cli = Path(sys.executable).with_name("ministerbrev")
    for extra in ([], ["--force"]):
        done = subprocess.run([str(cli), "process", str(letters), "--out", str(out), *extra],
                              capture_output=True, text=True, timeout=600,
                              env={**os.environ, "COLUMNS": "120"})
        assert done.returncode == 0, done.stderr
    record = LetterRecord.model_validate_json((out / "records.jsonl").read_text())
    assert rows(out, "SELECT doc_id, date FROM letters") == [(record.doc_id, record.letter.date)]
    assert rows(out, "SELECT count(*) FROM counts") == [(len(record.counts),)]
    assert rows(out, "SELECT error FROM failures") == [("not_pdf",)]
