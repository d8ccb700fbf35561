"""The archive: a run's letters into the output folder and the store, and what it remembers.

The letters are the seed letter and bad files as the real pipeline processes them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from models import Failure
from pipeline.process import Outcome, process_file
from pipeline.run.archive import TRY_AGAIN_CODES, Archive
from pipeline.run.catchup import reindex
from pipeline.store import run_query


@pytest.fixture(scope="session")
def seed_outcome(seed_pdf) -> Outcome:
    outcome = process_file(seed_pdf)
    assert outcome.record is not None, outcome.failure
    return outcome


@pytest.fixture
def failed(bad_files) -> dict[str, Outcome]:
    """Each bad file's outcome, keyed by its failure code."""
    outcomes = {code: process_file(path) for code, path in bad_files.items()}
    assert {code: outcome.failure.error for code, outcome in outcomes.items()} == {
        code: code for code in outcomes}
    return outcomes


def rows(out: Path, sql: str, *parameters) -> list[tuple]:
    return run_query(out, sql, parameters).rows


def failed_with(outcome: Outcome, code: str, sha256: str | None) -> Outcome:
    """The outcome as if the file had failed with ``code``, its hash known or not."""
    failure = outcome.failure.model_copy(update={"error": code, "sha256": sha256})
    return Outcome(path=outcome.path, failure=Failure.model_validate(failure.model_dump()))


def test_each_outcome_goes_into_the_folder_and_is_committed_to_the_store_at_once(
        tmp_path, seed_outcome, failed):
    record = seed_outcome.record
    with Archive(tmp_path) as archive:
        archive.write(seed_outcome)
        # a second connection sees the letter before the run ends
        assert rows(tmp_path, "SELECT doc_id, filename FROM letters") == [
            (record.doc_id, record.source.filename)]
        archive.write(failed["empty"])
        assert rows(tmp_path, "SELECT error FROM failures") == [("empty",)]
        assert archive.has_record(record.doc_id)
    saved = json.loads((tmp_path / "records" / f"{record.doc_id}.json").read_text())
    assert saved["source"]["sha256"] == record.source.sha256
    assert [json.loads(line)["doc_id"] for line in
            (tmp_path / "records.jsonl").read_text().splitlines()] == [record.doc_id]
    assert [json.loads(line)["error"] for line in
            (tmp_path / "failures.jsonl").read_text().splitlines()] == ["empty"]


def test_content_with_a_remembered_record_is_processed_before_in_the_next_run(
        tmp_path, seed_outcome):
    sha256 = seed_outcome.record.source.sha256
    with Archive(tmp_path) as archive:
        assert not archive.processed_before(sha256)
        archive.write(seed_outcome)
        archive.remember("inbox", seed_outcome)
        assert archive.processed_before(sha256)  # the set read once is kept in step
    with Archive(tmp_path) as archive:
        assert archive.processed_before(sha256)
        assert not archive.has_record("0" * 16)
    assert rows(tmp_path, "SELECT source, outcome FROM processed_hashes") == [("inbox", "record")]


def test_a_record_written_by_an_earlier_run_counts_as_processed_without_remember(
        tmp_path, seed_outcome):
    with Archive(tmp_path) as archive:
        archive.write(seed_outcome)
    with Archive(tmp_path) as archive:
        assert archive.processed_before(seed_outcome.record.source.sha256)


def test_processed_content_whose_record_is_gone_is_processed_again(tmp_path, seed_outcome):
    record = seed_outcome.record
    with Archive(tmp_path) as archive:
        archive.write(seed_outcome)
        archive.remember("oda", seed_outcome)
    (tmp_path / "records" / f"{record.doc_id}.json").unlink()
    with Archive(tmp_path) as archive:
        assert not archive.processed_before(record.source.sha256)


def test_failures_from_the_content_are_remembered_and_those_worth_another_try_are_not(
        tmp_path, failed):
    empty_sha256 = failed["empty"].failure.sha256  # the file's own, from reading it
    tried = {code: f"{index:x}" * 64 for index, code in enumerate(sorted(TRY_AGAIN_CODES), 1)}
    with Archive(tmp_path) as archive:
        for outcome in [failed["empty"], *(failed_with(failed["not_pdf"], code, sha256)
                                           for code, sha256 in tried.items())]:
            archive.write(outcome)
            archive.remember("inbox", outcome)
        # a failure that could not say its hash: the run that hashed the file says it
        archive.remember("inbox", failed_with(failed["not_pdf"], "not_pdf", None), "f" * 64)
        archive.remember("inbox", failed_with(failed["damaged"], "damaged", None))
        processed = archive.store.processed_hashes()
    assert rows(tmp_path, "SELECT sha256, outcome FROM processed_hashes ORDER BY 2") == [
        (empty_sha256, "empty"), ("f" * 64, "not_pdf")]
    assert processed == {empty_sha256, "f" * 64}
    with Archive(tmp_path) as archive:  # a failure has no record to skip the file for
        assert not archive.processed_before(empty_sha256)


def test_a_watermark_is_kept_across_runs_and_a_rebuild(tmp_path, seed_outcome):
    with Archive(tmp_path) as archive:
        assert archive.watermark("oda") is None
        archive.write(seed_outcome)
        archive.set_watermark("oda", "2024-05-01T10:00:00")
    reindex(tmp_path)
    with Archive(tmp_path) as archive:
        assert archive.watermark("oda") == "2024-05-01T10:00:00"
        assert archive.store.letter_count() == 1


def test_a_run_that_breaks_keeps_what_it_wrote_and_closes_folder_and_store(
        tmp_path, seed_outcome):
    with pytest.raises(RuntimeError), Archive(tmp_path) as archive:
        archive.write(seed_outcome)
        raise RuntimeError("the run broke here")
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        archive.store.letter_count()
    assert rows(tmp_path, "SELECT count(*) FROM letters") == [(1,)]
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_archive_opens_on_a_folder_that_is_not_there_yet(tmp_path):
    with Archive(str(tmp_path / "new" / "out")) as archive:
        assert archive.store.letter_count() == 0
        assert archive.folder.records_dir.is_dir()
    assert rows(tmp_path / "new" / "out", "SELECT count(*) FROM failures") == [(0,)]
