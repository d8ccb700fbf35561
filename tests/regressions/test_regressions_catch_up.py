"""Bugs once fixed in keeping the store up with ``records.jsonl``
(``pipeline.run.catchup``)."""

from __future__ import annotations

from pipeline.output import OutputFolder
from tests import test_catch_up
from tests.test_catch_up import letters_in_store, run_writing
from tests.test_output import record

reads = test_catch_up.reads  # a fixture of that module, which pytest offers only in it


def test_a_line_written_without_the_store_is_still_added(tmp_path, reads):
    """A run killed between its line in records.jsonl and its commit in the store.

    The store notes how far it holds records.jsonl, so that the next run need not read
    the file through; a line the store never heard of must still be read and added."""
    run_writing(tmp_path, record())
    with OutputFolder(tmp_path) as folder:
        folder.write_record(record("fedcba9876543210"))
    reads.clear()
    assert letters_in_store(tmp_path) == 2
    assert "records.jsonl" in reads
