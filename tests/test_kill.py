"""Nothing lost: a batch killed with SIGKILL midway, then finished by two runs at once.

64 letters (the corpus letters, copied with a distinct comment after ``%%EOF``
so that each copy has its own hash) are split over two folders. The first run,
over both, is killed with its whole process group once about 20 records exist.
Then two runs start together into the same output folder: one over both
folders, one over the second folder alone. At the end every letter is there
exactly once in ``records/``, in ``records.jsonl`` and in the store, and every
file parses.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from models import LetterRecord
from pipeline.run.history import this_machine
from pipeline.store import store_path

pytestmark = [pytest.mark.prefect, pytest.mark.subprocess]

CLI = Path(sys.executable).with_name("ministerbrev")
CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "letters"
LETTERS = 64
KILL_AT = 20


def start_cli(*args: str, log: Path) -> subprocess.Popen:
    """The command in its own process group, so the group can be killed as a whole."""
    with log.open("w") as output:
        return subprocess.Popen([str(CLI), "process", *args], stdout=output,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """64 distinct letters in ``a/`` and ``b/``; their doc_ids by file name."""
    root = tmp_path_factory.mktemp("kill")
    originals = sorted(CORPUS.glob("*.pdf"))
    doc_ids = {}
    for number in range(LETTERS):
        original = originals[number % len(originals)]
        folder = root / "letters" / ("a" if number % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / f"{number:03d}-{original.name}"
        data = original.read_bytes() + b"\n%copy " + str(number).encode() + b"\n"
        copy.write_bytes(data)
        doc_ids[copy.name] = hashlib.sha256(data).hexdigest()[:16]
    return root, doc_ids


def kill_when_records_exist(process: subprocess.Popen, records: Path, count: int) -> int:
    """SIGKILL the run's process group once ``count`` records are written; how many were."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if records.exists() and len(list(records.glob("*.json"))) >= count:
            break
        time.sleep(0.1)
    assert process.poll() is None, "the batch ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return len(list(records.glob("*.json")))


class Finished(NamedTuple):
    out: Path
    written_before_kill: int
    killed_pid: int  # the killed run's process, which ran its flow


@pytest.fixture(scope="module")
def killed_and_finished(batch) -> Finished:
    root, _doc_ids = batch
    letters, out = root / "letters", root / "out"
    first = start_cli(str(letters), "--out", str(out), log=root / "first.log")
    written_before_kill = kill_when_records_exist(first, out / "records", KILL_AT)
    both = start_cli(str(letters), "--out", str(out), log=root / "both.log")
    second_only = start_cli(str(letters / "b"), "--out", str(out), log=root / "b.log")
    for process, log in ((both, "both.log"), (second_only, "b.log")):
        assert process.wait(timeout=600) == 0, (root / log).read_text()[-3000:]
    return Finished(out, written_before_kill, first.pid)


def test_the_first_run_was_killed_midway(killed_and_finished):
    written_before_kill = killed_and_finished.written_before_kill
    assert KILL_AT <= written_before_kill < LETTERS


def test_every_letter_has_one_whole_record_file(killed_and_finished, batch):
    out = killed_and_finished.out
    _root, doc_ids = batch
    files = sorted((out / "records").glob("*.json"))
    assert sorted(path.stem for path in files) == sorted(doc_ids.values())
    for path in files:
        record = LetterRecord.model_validate_json(path.read_text())
        assert record.doc_id == path.stem
        assert doc_ids[record.source.filename] == record.doc_id


def test_every_letter_has_one_line_in_records_jsonl(killed_and_finished, batch):
    out = killed_and_finished.out
    _root, doc_ids = batch
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["doc_id"] for line in lines) == sorted(doc_ids.values())
    assert (out / "failures.jsonl").read_text() == ""


def test_every_letter_is_in_the_store_once(killed_and_finished, batch):
    out = killed_and_finished.out
    _root, doc_ids = batch
    with sqlite3.connect(f"file:{store_path(out)}?mode=ro", uri=True) as store:
        stored = [doc_id for (doc_id,) in store.execute("select doc_id from letters")]
    assert sorted(stored) == sorted(doc_ids.values())


def test_the_runs_after_mark_the_killed_runs_flow_run_crashed(killed_and_finished):
    """Its process gone, the killed run's flow run would stay Running for good, with no end
    time for the history to forget it by (``pipeline.run.history``)."""
    process = f"{this_machine()}:{killed_and_finished.killed_pid}"
    database = Path(os.environ["PREFECT_HOME"]) / "prefect.db"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as prefect:
        states = [(state, end is not None) for state, end, labels in prefect.execute(
            "select state_type, end_time, labels from flow_run where labels like ?",
            (f"%{process}%",)) if json.loads(labels).get("ministerbrev.process") == process]
    assert states == [("CRASHED", True)]
