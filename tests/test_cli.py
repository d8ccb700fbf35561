"""The command line, end to end: real PDFs through the real Prefect flow and Danish pipeline.

One batch runs once per module (a Prefect start and a model load are the slow
part), over the seed letter and one file for each way a PDF can be bad; the
tests then read what it wrote, as a user would.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.test_state import own_state

pytestmark = [pytest.mark.prefect, pytest.mark.subprocess]

CLI = Path(sys.executable).with_name("ministerbrev")


def run_cli(*args: str, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**(os.environ if env is None else env), "COLUMNS": "120"}
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=600)


@pytest.fixture(scope="module")
def batch(tmp_path_factory, seed_pdf):
    """A folder holding the seed letter and three bad files, processed once."""
    root = tmp_path_factory.mktemp("batch")
    letters = root / "letters" / "nested"
    letters.mkdir(parents=True)
    shutil.copy(seed_pdf, letters / seed_pdf.name)
    (letters / "empty.pdf").write_bytes(b"")
    (letters / "notes.pdf").write_text("<html>not a pdf</html>", encoding="utf-8")
    (letters / "cut.pdf").write_bytes(seed_pdf.read_bytes()[:300])
    out = root / "out"
    result = run_cli("process", str(root / "letters"), "--out", str(out))
    return result, out


@pytest.fixture(scope="module")
def seed_record(batch, seed_pdf):
    _result, out = batch
    records = [json.loads(p.read_text()) for p in (out / "records").glob("*.json")]
    [record] = [r for r in records if r["source"]["filename"] == seed_pdf.name]
    return record


def test_a_batch_with_bad_files_runs_to_its_end(batch):
    result, out = batch
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert len(list((out / "records").glob("*.json"))) == 1


def test_each_bad_file_gets_one_failure_line_naming_it(batch):
    _result, out = batch
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    codes = {Path(f["path"]).name: f["error"] for f in failures}
    assert codes == {"empty.pdf": "empty", "notes.pdf": "not_pdf", "cut.pdf": "damaged"}
    for failure in failures:
        assert Path(failure["path"]).name in failure["message"]
        assert set(failure) == {"path", "sha256", "error", "message"}


def test_summary_counts_letters_failures_and_facts(batch):
    result, _out = batch
    summary = result.stderr
    assert "letters processed" in summary and "failed" in summary
    assert "amounts" in summary and "counts" in summary


def test_records_validate_against_the_printed_schema(batch):
    _result, out = batch
    schema = json.loads(run_cli("schema").stdout)
    lines = (out / "records.jsonl").read_text().splitlines()
    assert len(lines) == 1
    for line in lines:
        jsonschema.validate(json.loads(line), schema)
    for path in (out / "records").glob("*.json"):
        jsonschema.validate(json.loads(path.read_text()), schema)


def test_evidence_quotes_the_body_text(seed_record):
    text = seed_record["body_text"]
    for family in ("amounts", "dates", "periods", "counts"):
        for fact in seed_record[family]:
            assert text[fact["evidence"]["start"]:fact["evidence"]["end"]] == fact["raw"]


def test_a_second_run_skips_unchanged_letters(batch, tmp_path):
    _result, out = batch
    before = (out / "records.jsonl").read_text()
    again = run_cli("process", str(next((out.parent / "letters").rglob("*.pdf")).parent),
                    "--out", str(out))
    assert again.returncode == 0
    assert "unchanged" in again.stderr
    assert (out / "records.jsonl").read_text() == before


def test_a_path_that_does_not_exist_stops_the_run(tmp_path):
    result = run_cli("process", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "nowhere" in result.stderr


# -- the seed letter in corpus/, field by field, as its record must hold it --------------------


def test_seed_letter_date_and_sender(seed_record):
    letter = seed_record["letter"]
    assert letter["date"] == "2020-11-04"
    assert letter["sender"] == {
        "ministry": "Udlændinge- og Integrationsministeriet",
        "minister": "Mattias Tesfaye",
        "address": "Slotsholmsgade 10, 1216 København K",
        "phone": "6198 4000",
        "email": "uim@uim.dk",
        "web": "www.uim.dk",
        "cvr": "36977191",
    }


def test_seed_recipient_and_salutation(seed_record):
    letter = seed_record["letter"]
    assert letter["recipients"] == [{
        "name": "Udlændinge- og Integrationsudvalget",
        "organisation": "Folketinget",
        "address": "Christiansborg, 1240 København K",
    }]
    assert letter["salutation"] == "Kære ordførere"


def test_seed_case_numbers(seed_record):
    found = {(c["kind"], c["value"]) for c in seed_record["letter"]["case_numbers"]}
    assert {("sagsnummer", "2020-6967"), ("akt-id", "1430903")} <= found


def test_seed_amount_and_period(seed_record):
    assert [(a["value"], a["currency"], a["raw"]) for a in seed_record["amounts"]] == [
        (73400000, "DKK", "73,4 mio. kr.")
    ]
    assert ("2017", "2020") in {(p["start"], p["end"]) for p in seed_record["periods"]}


def test_seed_counts(seed_record):
    counts = {(c["value"], c["lemma"]) for c in seed_record["counts"]}
    expected = {(4, "indsatsområde"), (22, "initiativ"), (20, "initiativ"), (93, "kommune"),
                (44, "kommune"), (12, "kommune")}
    assert expected <= counts
    [twenty] = [c for c in seed_record["counts"] if c["value"] == 20]
    assert twenty["qualifier"] == "gennemført som planlagt"


def test_seed_recommendations(seed_record):
    assert [r["text"] for r in seed_record["recommendations"]] == [
        "behov for mere akuthjælp",
        "øget fokus på familiebehandling",
        "psykologstøtte til personer, der stiller sig frem",
        "øget viden",
    ]


def test_seed_body_text_has_no_sidebar_and_the_cut_sentence_joined(seed_record):
    text = seed_record["body_text"]
    for sidebar_text in ("Slotsholmsgade", "CVR-nr.", "Akt-id"):
        assert sidebar_text not in text
    assert ("de mobiliserende initiativer under handlingsplanen har skabt adgang til nogle "
            "ellers lukkede lokalområder") in text


def comparable(folder: Path) -> list[dict]:
    """The records a run wrote, in a fixed order, without the time each was made."""
    records = [json.loads(line) for line in (folder / "records.jsonl").read_text().splitlines()]
    for record in records:
        record["source"].pop("processed_at")
    return sorted(records, key=lambda r: r["doc_id"])


def prefect_task_runs(state: Path, task: str) -> list[tuple[str, str]]:
    """(name, state) of every run of ``task`` that Prefect's database under ``state`` holds."""
    with sqlite3.connect(state / "prefect" / "prefect.db") as prefect_db:
        return prefect_db.execute(
            "SELECT name, state_type FROM task_run WHERE task_key LIKE ?", (f"{task}-%",)
        ).fetchall()


def test_two_workers_give_the_same_records_as_one(batch, tmp_path):
    _result, out = batch
    result = run_cli("process", str(out.parent / "letters"), "--out", str(tmp_path / "out"),
                     "--workers", "2", env=own_state(tmp_path / "state"))
    assert result.returncode == 0, result.stderr
    assert comparable(tmp_path / "out") == comparable(out)
    assert len((tmp_path / "out" / "failures.jsonl").read_text().splitlines()) == 3
    # Prefect recorded one completed task per file, the failed files' included, though
    # its server writes task runs in batches and stopped when the run ended.
    files = {str(path) for path in (out.parent / "letters").rglob("*.pdf")}
    assert sorted(prefect_task_runs(tmp_path / "state", "process_letter")) == sorted(
        (name, "COMPLETED") for name in files)


def test_letters_per_task_shares_task_runs_and_keeps_every_letters_outcome(batch, tmp_path):
    _result, out = batch
    result = run_cli("process", str(out.parent / "letters"), "--out", str(tmp_path / "out"),
                     "--workers", "2", "--letters-per-task", "3",
                     env=own_state(tmp_path / "state"))
    assert result.returncode == 0, result.stderr
    assert comparable(tmp_path / "out") == comparable(out)
    failures = [json.loads(line)
                for line in (tmp_path / "out" / "failures.jsonl").read_text().splitlines()]
    assert sorted(Path(failure["path"]).name for failure in failures) == [
        "cut.pdf", "empty.pdf", "notes.pdf"]
    # Four files, three to a task: two task runs, one named for its three letters and one
    # for its single file.
    task_runs = prefect_task_runs(tmp_path / "state", "process_letter_group")
    assert sorted(state for _name, state in task_runs) == ["COMPLETED", "COMPLETED"]
    files = {str(path) for path in (out.parent / "letters").rglob("*.pdf")}
    names = sorted(name for name, _state in task_runs)
    assert names[0] in files and names[1].startswith("3 letters: ")
    assert prefect_task_runs(tmp_path / "state", "process_letter") == []
