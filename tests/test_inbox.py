"""The inbox: real PDFs from the corpus dropped into a folder, the real flow run over it.

Each run processes what the store has not seen by content (SHA-256), records and
failures alike, and skips the rest; a run leaves a table artifact in Prefect.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import flows
from pipeline.cli import app
from pipeline.run.archive import Archive
from pipeline.run.flows import INBOX_ARTIFACT
from pipeline.sources.inbox import scan_inbox
from pipeline.store import LetterStore

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "corpus" / "letters"
FIRST = LETTERS / "kum-2024-08-27-berigtigelse-spm212.pdf"
SECOND = LETTERS / "sbm-2025-01-16-berigtigelse-boligstoette.pdf"
THIRD = LETTERS / "km-2021-11-04-medlemstal-orientering.pdf"


def record_names(out: Path) -> list[str]:
    lines = (out / "records.jsonl").read_text().splitlines()
    return sorted(json.loads(line)["source"]["filename"] for line in lines)


@pytest.fixture(scope="module")
def inbox_runs(tmp_path_factory):
    """Two letters and a bad file, then a run with nothing new: (first, second, inbox, out)."""
    root = tmp_path_factory.mktemp("inbox")
    inbox, out = root / "inbox", root / "out"
    (inbox / "week 1").mkdir(parents=True)
    shutil.copy(FIRST, inbox / "week 1" / FIRST.name)
    shutil.copy(SECOND, inbox / SECOND.name)
    (inbox / "notes.pdf").write_text("<html>not a pdf</html>", encoding="utf-8")
    first = flows.run_inbox(str(inbox), out=str(out))
    second = flows.run_inbox(str(inbox), out=str(out))
    return first, second, inbox, out


@pytest.mark.prefect
def test_new_letters_are_processed_and_bad_files_fail_once(inbox_runs):
    first, _second, _inbox, out = inbox_runs
    assert (first.processed, first.skipped, first.failed) == (2, 0, 1)
    assert record_names(out) == sorted([FIRST.name, SECOND.name])
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert [(Path(f["path"]).name, f["error"]) for f in failures] == [("notes.pdf", "not_pdf")]


@pytest.mark.prefect
def test_records_from_the_inbox_have_no_oda_provenance(inbox_runs):
    _first, _second, _inbox, out = inbox_runs
    for line in (out / "records.jsonl").read_text().splitlines():
        source = json.loads(line)["source"]
        assert "oda" in source and source["oda"] is None


@pytest.mark.prefect
def test_a_run_with_nothing_new_skips_everything(inbox_runs):
    _first, second, _inbox, out = inbox_runs
    assert (second.processed, second.skipped, second.failed) == (0, 3, 0)
    with LetterStore.open(out) as store:
        assert store.letter_count() == 2


@pytest.mark.prefect
def test_renamed_files_are_skipped_and_changed_or_new_ones_processed(inbox_runs):
    _first, _second, inbox, out = inbox_runs
    (inbox / SECOND.name).rename(inbox / "renamed.pdf")  # same content
    shutil.copy(THIRD, inbox / "week 1" / FIRST.name)  # same name, new content
    shutil.copy(THIRD, inbox / "copy-of-third.pdf")  # the same new content twice
    third = flows.run_inbox(str(inbox), out=str(out))
    assert (third.processed, third.failed) == (1, 0)
    assert third.skipped == 3  # renamed.pdf, notes.pdf, and the second copy of THIRD
    assert len(record_names(out)) == 3


@pytest.mark.prefect
def test_letters_processed_before_count_as_seen(inbox_runs, tmp_path):
    _first, _second, _inbox, out = inbox_runs
    with LetterStore.open(out) as store:
        processed = store.processed_hashes()
    (tmp_path / "a.pdf").write_bytes(FIRST.read_bytes())
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 a new letter")
    scan = scan_inbox(tmp_path, processed)
    assert [path.name for path, _sha256 in scan.new] == ["b.pdf"]
    assert [path.name for path in scan.skipped] == ["a.pdf"]


@pytest.mark.prefect
def test_each_run_leaves_a_table_artifact(inbox_runs):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    _first, _second, inbox, _out = inbox_runs
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[INBOX_ARTIFACT])),
            sort=ArtifactSort.CREATED_DESC, limit=20)
    ours = [a for a in artifacts if str(inbox) in (a.description or "")]
    assert ours and all(a.type == "table" for a in ours)
    tables = " ".join(str(a.data) for a in ours)
    assert FIRST.name in tables and "not_pdf" in tables


@pytest.mark.prefect
def test_inbox_command(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(FIRST, inbox / FIRST.name)
    result = CliRunner().invoke(app, ["inbox", str(inbox), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert record_names(tmp_path / "out") == [FIRST.name]


@pytest.mark.prefect
def test_letters_sharing_a_task_are_each_processed_and_remembered(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    for letter in (FIRST, SECOND):
        shutil.copy(letter, inbox / letter.name)
    (inbox / "notes.pdf").write_text("<html>not a pdf</html>", encoding="utf-8")
    result = CliRunner().invoke(app, ["inbox", str(inbox), "--out", str(out),
                                      "--letters-per-task", "2"])
    assert result.exit_code == 0, result.output
    assert record_names(out) == sorted([FIRST.name, SECOND.name])
    assert len((out / "failures.jsonl").read_text().splitlines()) == 1
    again = flows.run_inbox(str(inbox), out=str(out), letters_per_task=2)
    assert (again.processed, again.skipped, again.failed) == (0, 3, 0)


def test_failures_a_later_run_may_not_repeat_are_not_remembered(tmp_path):
    from models import Failure
    from pipeline.process import Outcome

    def failure(code: str, digit: str) -> Outcome:
        return Outcome(path=f"{code}.pdf", failure=Failure(
            path=f"{code}.pdf", sha256=digit * 64, error=code, message=f"{code}.pdf: {code}"))

    with Archive(tmp_path) as archive:
        archive.remember("inbox", failure("not_pdf", "a"))
        archive.remember("inbox", failure("timeout", "b"))
        archive.remember("inbox", failure("internal", "c"))
        assert archive.store.processed_hashes() == {"a" * 64}
