"""A damaged ``letters.sqlite`` is set aside and rebuilt from ``records.jsonl``; what scheduled
runs noted beside the letters (watermarks, failures remembered) comes back with it.

Once, a store cut to 4,096 bytes or with its header overwritten made every ``process`` and
``reindex`` into the folder exit 1 with a traceback, for good.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models import Failure
from pipeline.run.archive import Archive
from pipeline.store import LetterStore

CLI = Path(sys.executable).with_name("ministerbrev")
ROOT = Path(__file__).resolve().parents[2]
LETTERS = [ROOT / "corpus" / "letters" / name
           for name in ("bm-2014-03-27-jobrotation.pdf", "uim-2020-11-04-handlingsplan.pdf")]


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "COLUMNS": "200"})


def cut_short(store: Path) -> None:
    """The file ends after its first page, as a full disk or a copy that stopped leaves it."""
    for leftover in (f"{store}-wal", f"{store}-shm"):
        Path(leftover).unlink(missing_ok=True)
    with store.open("r+b") as file:
        file.truncate(4096)


def overwrite_header(store: Path) -> None:
    with store.open("r+b") as file:
        file.write(b"this is no longer SQLite format")


def letters_in(out: Path) -> int:
    with sqlite3.connect(out / "letters.sqlite") as store:
        return store.execute("SELECT count(*) FROM letters").fetchone()[0]


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    """An output folder with one letter, made once; each test damages a copy of it."""
    out = tmp_path_factory.mktemp("processed") / "out"
    result = run_cli("process", str(LETTERS[0]), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.subprocess
@pytest.mark.prefect
@pytest.mark.parametrize("damage", [cut_short, overwrite_header])
def test_a_run_into_a_folder_with_a_damaged_store_rebuilds_it(processed, tmp_path, damage):
    out = shutil.copytree(processed, tmp_path / "out")
    damage(out / "letters.sqlite")
    result = run_cli("process", *map(str, LETTERS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    set_aside = list(out.glob("letters.sqlite.damaged-*[0-9]Z"))
    assert len(set_aside) == 1
    assert f"set aside as {set_aside[0].name}" in result.stderr
    assert letters_in(out) == 2  # the letter of the earlier run, from records.jsonl, and the new


@pytest.mark.subprocess
@pytest.mark.parametrize("damage", [cut_short, overwrite_header])
def test_reindex_rebuilds_a_damaged_store(processed, tmp_path, damage):
    out = shutil.copytree(processed, tmp_path / "out")
    damage(out / "letters.sqlite")
    (out / "watermarks.json").write_text('{"oda": "2026-10-05T08:00:00"}\n')
    result = run_cli("reindex", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert letters_in(out) == 1
    [set_aside] = out.glob("letters.sqlite.damaged-*[0-9]Z")
    assert f"set aside as {set_aside.name}" in result.stderr
    with sqlite3.connect(out / "letters.sqlite") as store:  # the watermark came back
        assert store.execute("SELECT value FROM watermarks WHERE source = 'oda'").fetchall() \
            == [("2026-10-05T08:00:00",)]


@pytest.mark.subprocess
@pytest.mark.parametrize("command", [["query", "select count(*) from letters"],
                                     ["search", "jobrotation"], ["browse"]])
def test_reading_a_damaged_store_says_how_to_rebuild_it(processed, tmp_path, command):
    """The commands that only read the store leave it as it is, and say what to run."""
    out = shutil.copytree(processed, tmp_path / "out")
    overwrite_header(out / "letters.sqlite")
    result = run_cli(*command, "--out", str(out), timeout=120)  # browse would serve forever
    printed = result.stdout + result.stderr
    assert "Traceback" not in printed
    lines = [line for line in printed.splitlines() if line.strip()]
    assert len(lines) == 1, printed
    assert lines[0].endswith(f"{out / 'letters.sqlite'} is damaged (file is not a database): "
                             f"`ministerbrev reindex --out {out}` rebuilds it from records.jsonl")
    assert result.returncode == 1


def test_watermarks_and_remembered_failures_survive_a_damaged_store(tmp_path):
    scan = tmp_path / "scan.pdf"
    failure = Failure(path=str(scan), sha256="ab" * 32, error="no_text",
                      message=f"{scan}: no text")
    with Archive(tmp_path) as archive:
        archive.folder.write_failure(failure)
        archive.store.put_failure(failure)
        archive.store.mark_processed(failure.sha256, "inbox", failure.path, failure.error)
        archive.set_watermark("oda", "2024-05-01T10:00:00")
    overwrite_header(tmp_path / "letters.sqlite")

    with Archive(tmp_path) as archive:
        assert archive.store.set_aside is not None
        assert archive.watermark("oda") == "2024-05-01T10:00:00"
        assert failure.sha256 in archive.store.processed_hashes()


def test_a_healthy_store_is_opened_as_it_is(tmp_path):
    with LetterStore.open(tmp_path) as store:
        store.set_watermark("oda", "2024-05-01T10:00:00")
    with LetterStore.open(tmp_path) as store:
        assert store.set_aside is None
        assert store.watermark("oda") == "2024-05-01T10:00:00"
    assert not list(tmp_path.glob("*.damaged-*"))
