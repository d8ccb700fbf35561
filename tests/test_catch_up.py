"""The store keeps up with ``records.jsonl``: a run that wrote its letters into both lets
the next one skip reading an archive's file through; anything written otherwise is still
found and added."""

from __future__ import annotations

import pytest

import pipeline.run.catchup as catchup
from pipeline.process import Outcome
from pipeline.run.archive import Archive
from pipeline.run.catchup import reindex
from tests.test_output import record


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The names of the .jsonl files the catch-up reads line by line from here on."""
    names: list[str] = []
    for name in ("iter_jsonl", "read_jsonl"):
        reader = getattr(catchup, name)

        def noted(path, key, reader=reader):
            names.append(path.name)
            return reader(path, key)

        monkeypatch.setattr(catchup, name, noted)
    return names


def run_writing(out, *records) -> None:
    with Archive(out) as archive:
        for letter in records:
            archive.write(Outcome(path=letter.source.path, record=letter))


def letters_in_store(out) -> int:
    """Open the archive as the next run does, and count the store's letters."""
    with Archive(out) as archive:
        return archive.store.letter_count()


def test_after_a_run_the_store_opens_without_reading_the_records_again(tmp_path, reads):
    run_writing(tmp_path, record(), record("fedcba9876543210"))
    reads.clear()
    assert letters_in_store(tmp_path) == 2
    assert reads == []


def test_a_run_that_failed_leaves_the_next_one_to_read_the_records(tmp_path, reads):
    with pytest.raises(RuntimeError), Archive(tmp_path) as archive:
        archive.folder.write_record(record())  # its line is written, the store never hears of it
        raise RuntimeError("the run broke here")
    reads.clear()
    assert letters_in_store(tmp_path) == 1
    assert "records.jsonl" in reads


def test_a_letter_written_twice_is_read_through_once_more(tmp_path, reads):
    run_writing(tmp_path, record(body="first"), record(body="second"))
    reads.clear()
    assert letters_in_store(tmp_path) == 1
    assert "records.jsonl" in reads
    reads.clear()
    assert letters_in_store(tmp_path) == 1
    assert reads == []  # the read through noted how far the store holds the file


def test_a_rebuilt_store_reads_the_records_through_once_more(tmp_path, reads):
    run_writing(tmp_path, record())
    reindex(tmp_path)
    reads.clear()
    assert letters_in_store(tmp_path) == 1
    assert "records.jsonl" in reads


def test_a_store_of_another_version_is_rebuilt_from_the_folder_on_opening(tmp_path, reads):
    run_writing(tmp_path, record())
    with Archive(tmp_path) as archive:
        archive.store.connection.execute("PRAGMA user_version = 1")
        archive.store.connection.execute("DELETE FROM letters")
    reads.clear()
    assert letters_in_store(tmp_path) == 1
    assert reads == ["records.jsonl", "failures.jsonl"]  # read once, by the rebuild
    reads.clear()
    assert letters_in_store(tmp_path) == 1
    assert reads == []
