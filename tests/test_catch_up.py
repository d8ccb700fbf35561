"""The store keeps up with ``records.jsonl``: a run that wrote its letters into both lets
the next one skip reading an archive's file through; anything written otherwise is still
found and added."""

from __future__ import annotations

import pytest

import flows
import pipeline.output
from pipeline.output import OutputFolder
from pipeline.process import Outcome
from pipeline.store import LetterStore, reindex
from tests.test_output import record


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The names of the .jsonl files read line by line from here on."""
    names: list[str] = []
    iter_jsonl = pipeline.output.iter_jsonl

    def noted(path, key):
        names.append(path.name)
        return iter_jsonl(path, key)

    monkeypatch.setattr(pipeline.output, "iter_jsonl", noted)
    return names


def run_writing(out, *records) -> None:
    with flows.folder_and_store(str(out)) as (folder, store):
        for letter in records:
            flows.write_outcome(folder, Outcome(path=letter.source.path, record=letter), store)


def test_after_a_run_the_store_opens_without_reading_the_records_again(tmp_path, reads):
    run_writing(tmp_path, record(), record("fedcba9876543210"))
    reads.clear()
    with LetterStore.open(tmp_path) as store:
        assert store.letter_count() == 2
    assert reads == []


def test_a_line_written_without_the_store_is_still_added(tmp_path, reads):
    """A run killed between its line in records.jsonl and its commit in the store."""
    run_writing(tmp_path, record())
    with OutputFolder(tmp_path) as folder:
        folder.write_record(record("fedcba9876543210"))
    reads.clear()
    with LetterStore.open(tmp_path) as store:
        assert store.letter_count() == 2
    assert "records.jsonl" in reads


def test_a_run_that_failed_leaves_the_next_one_to_read_the_records(tmp_path, reads):
    with pytest.raises(RuntimeError), flows.folder_and_store(str(tmp_path)) as (folder, store):
        folder.write_record(record())  # its line is written, the store never hears of it
        raise RuntimeError("the run broke here")
    reads.clear()
    with LetterStore.open(tmp_path) as store:
        assert store.letter_count() == 1
    assert "records.jsonl" in reads


def test_a_letter_written_twice_is_read_through_once_more(tmp_path, reads):
    run_writing(tmp_path, record(body="first"), record(body="second"))
    reads.clear()
    with LetterStore.open(tmp_path) as store:
        assert store.letter_count() == 1
    assert "records.jsonl" in reads
    reads.clear()
    with LetterStore.open(tmp_path):
        pass
    assert reads == []  # the read through noted how far the store holds the file


def test_a_rebuilt_store_reads_the_records_through_once_more(tmp_path, reads):
    run_writing(tmp_path, record())
    reindex(tmp_path)
    reads.clear()
    with LetterStore.open(tmp_path) as store:
        assert store.letter_count() == 1
    assert "records.jsonl" in reads
