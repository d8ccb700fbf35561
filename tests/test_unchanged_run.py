"""A run in which every file already has its record is answered by hashing alone: no flow
run, no Prefect server. A file that changed still goes through the flow."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from pipeline.output import OutputFolder
from pipeline.process import process_file
from pipeline.run import batch, flows
from pipeline.run.archive import Archive
from pipeline.sources.files import read_source
from pipeline.sources.inbox import file_sha256
from pipeline.store import store_path


class FlowCalls:
    """Stands in for the Prefect flow and notes each run of it."""

    def __init__(self):
        self.runs: list[dict] = []

    def with_options(self, **_options):
        return self

    def __call__(self, **arguments):
        self.runs.append(arguments)
        return batch.RunSummary(out=arguments["out"], processed=1)


@pytest.fixture
def recorded(tmp_path, seed_pdf) -> tuple[Path, Path]:
    """A folder holding the seed letter, and an output folder that has its record."""
    letters = tmp_path / "letters"
    letters.mkdir()
    shutil.copy(seed_pdf, letters / seed_pdf.name)
    out = tmp_path / "out"
    record = process_file(letters / seed_pdf.name).record
    with OutputFolder(out) as folder:
        folder.write_record(record)
    return letters, out


def test_a_run_over_unchanged_files_starts_no_flow(recorded, monkeypatch):
    letters, out = recorded
    calls = FlowCalls()
    monkeypatch.setattr(flows, "process_letters", calls)
    summary = flows.run_batch([str(letters)], out=str(out))
    assert (summary.skipped, summary.processed, calls.runs) == (1, 0, [])


def test_the_store_catches_up_though_no_flow_runs(recorded, monkeypatch):
    letters, out = recorded  # the record is in records.jsonl, not yet in the store
    monkeypatch.setattr(flows, "process_letters", FlowCalls())
    assert letters_in_store(out) == 0
    flows.run_batch([str(letters)], out=str(out))
    assert letters_in_store(out) == 1


def letters_in_store(out: Path) -> int:
    """The store's letters as the file holds them: ``LetterStore.open`` would catch up first."""
    if not store_path(out).exists():
        return 0
    with closing(sqlite3.connect(store_path(out))) as connection:
        return connection.execute("SELECT count(*) FROM letters").fetchone()[0]


@pytest.mark.subprocess  # importing Prefect's server module, as a run does, runs `file`
@pytest.mark.parametrize("force", [False, True])
def test_a_changed_file_or_force_goes_through_the_flow(recorded, monkeypatch, force):
    letters, out = recorded
    changed = letters / "changed.pdf"
    changed.write_bytes(next(letters.glob("*.pdf")).read_bytes() + b"\n% changed\n")
    if force:
        changed.unlink()
    calls = FlowCalls()
    monkeypatch.setattr(flows, "process_letters", calls)
    flows.run_batch([str(letters)], out=str(out), force=force)
    assert len(calls.runs) == 1


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    """The names of the files hashed from here on; no hash is remembered from before."""
    names: list[str] = []

    def hash_and_note(path):
        names.append(path.name)
        return file_sha256(path)

    monkeypatch.setattr(batch, "file_sha256", hash_and_note)
    batch.KNOWN_HASHES.clear()
    yield names
    batch.KNOWN_HASHES.clear()


def test_the_check_stops_at_the_first_file_that_needs_processing(recorded, monkeypatch,
                                                                 hashed):
    letters, out = recorded
    first = letters / "0-changed.pdf"  # found before the recorded letter
    first.write_bytes(next(letters.glob("*.pdf")).read_bytes() + b"\n% changed\n")
    monkeypatch.setattr(flows, "process_letters", FlowCalls())
    flows.run_batch([str(letters)], out=str(out))
    assert hashed == [first.name]


def test_each_file_is_hashed_once_by_the_check_and_the_flows_plan(recorded, hashed):
    """The flow's plan goes on where the check stopped, and hands each hash on to the
    letter's task."""
    letters, out = recorded
    first = letters / "0-changed.pdf"
    first.write_bytes(next(letters.glob("*.pdf")).read_bytes() + b"\n% changed\n")
    assert batch.summary_if_all_unchanged([str(letters)], str(out)) is None
    with Archive(out) as archive:
        plan = batch.plan_batch([str(letters)], archive)
    assert sorted(hashed) == sorted(path.name for path in letters.glob("*.pdf"))
    assert (plan.todo, plan.skipped) == ({str(first): file_sha256(first)}, 1)


def test_a_file_changed_since_it_was_hashed_is_hashed_again(tmp_path, hashed):
    letter = tmp_path / "a.pdf"
    letter.write_bytes(b"%PDF-1.4 first")
    batch.KNOWN_HASHES.sha256(letter)
    letter.write_bytes(b"%PDF-1.4 second, longer")
    assert batch.KNOWN_HASHES.sha256(letter) == file_sha256(letter)
    assert hashed == ["a.pdf", "a.pdf"]


def test_a_hash_handed_on_is_not_taken_again(seed_pdf):
    """The letter's task reads the file with the hash the plan took (kept, not checked)."""
    handed_on = "0" * 64
    assert read_source(seed_pdf, handed_on).sha256 == handed_on
    assert read_source(seed_pdf).sha256 == file_sha256(seed_pdf)


NOTHING_TO_DO = """
import sys
from pipeline.cli import app

try:
    app(sys.argv[1:])
except SystemExit as end:
    assert not end.code, end.code
print("prefect imported:", "prefect" in sys.modules)
"""


@pytest.mark.subprocess
@pytest.mark.parametrize("command", ["process", "inbox"])
def test_a_command_with_nothing_to_do_never_imports_prefect(recorded, command):
    """Prefect's import alone takes two seconds: a run with nothing to do answers without it,
    summary and all."""
    import subprocess
    import sys

    letters, out = recorded
    result = subprocess.run([sys.executable, "-c", NOTHING_TO_DO, command, str(letters),
                             "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "prefect imported: False"
    assert "unchanged (skipped) │ 1" in result.stderr
