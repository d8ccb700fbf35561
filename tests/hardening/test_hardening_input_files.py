"""Files a run is pointed at that are no letter to read: one too large to read at all, a
FIFO, a link that leads nowhere or to a device, a file that vanished after it was found.
Each gets one failure line naming it, with its code; nothing blocks, nothing is read
that should not be, and the batch goes on to the letter beside them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

CLI = Path(sys.executable).with_name("ministerbrev")
ROOT = Path(__file__).resolve().parent.parent.parent
LETTER = ROOT / "corpus" / "letters" / "bm-2014-03-27-jobrotation.pdf"
GIB = 2**30
# A bound that shows a run did not hang (a FIFO opened for reading waits for good).
RUN_SECONDS = 300

needs_a_process = pytest.mark.subprocess


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200"}, timeout=RUN_SECONDS)


def failures_in(out: Path) -> dict[str, dict]:
    """failures.jsonl by file name."""
    lines = (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()
    return {Path(failure["path"]).name: failure for failure in map(json.loads, lines)}


def records_in(out: Path) -> list[str]:
    return sorted(json.loads(line)["source"]["filename"] for line in
                  (out / "records.jsonl").read_text(encoding="utf-8").splitlines())


def sparse_pdf(path: Path, size: int) -> Path:
    """A file that starts as a PDF and is ``size`` bytes long, made without writing them."""
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(size)
    return path


def padded_letter(path: Path, size: int) -> Path:
    """The letter, still a valid PDF, grown to ``size`` bytes by a comment after its end."""
    data = LETTER.read_bytes() + b"\n%"
    path.write_bytes(data + b"x" * (size - len(data) - 1) + b"\n")
    return path


@pytest.fixture(scope="module")
def odd_folder(tmp_path_factory) -> Path:
    """A folder of a letter and every kind of ``*.pdf`` that is no letter to read."""
    folder = tmp_path_factory.mktemp("odd") / "in"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(LETTER.read_bytes())
    sparse_pdf(folder / "huge.pdf", GIB)
    os.mkfifo(folder / "pipe.pdf")
    (folder / "dangling.pdf").symlink_to(folder / "gone.pdf")
    (folder / "zero.pdf").symlink_to("/dev/zero")
    return folder


@pytest.fixture(scope="module")
def odd_run(odd_folder) -> tuple[subprocess.CompletedProcess, Path]:
    out = odd_folder.parent / "out"
    again = odd_folder.parent / ".." / odd_folder.parent.name / "in"  # the folder, twice
    return run_cli("process", str(odd_folder), str(again), "--out", str(out)), out


def summary_count(printed: str, row: str) -> int:
    """A count from the run's summary table (on stderr, with the progress)."""
    return int(re.search(rf"{row}\W+(\d+)", printed).group(1))


@pytest.mark.prefect
@pytest.mark.subprocess
def test_the_run_ends_with_the_letter_and_a_line_for_each_odd_file(odd_run):
    result, out = odd_run
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    assert records_in(out) == ["good.pdf"]
    assert sorted(failures_in(out)) == ["dangling.pdf", "huge.pdf", "pipe.pdf", "zero.pdf"]
    # The folder was named twice: each file counts once.
    assert summary_count(result.stderr, "letters processed") == 1
    assert summary_count(result.stderr, "failed") == 4


@pytest.mark.prefect
@pytest.mark.subprocess
def test_a_file_over_the_size_limit_is_too_large_and_never_read(odd_run, odd_folder):
    _result, out = odd_run
    failure = failures_in(out)["huge.pdf"]
    assert failure["error"] == "too_large"
    assert failure["message"] == (
        f"{odd_folder / 'huge.pdf'}: the file has 1,073,741,824 bytes (1,024.0 MiB), "
        "more than the limit of 256 MiB (--max-file-mb)")


@pytest.mark.prefect
@pytest.mark.subprocess
@pytest.mark.parametrize(("name", "reason"), [
    ("pipe.pdf", "a FIFO (named pipe), not a regular file: not read"),
    ("zero.pdf", "a character device, not a regular file: not read"),
    ("dangling.pdf", "a link to {folder}/gone.pdf, which does not exist"),
])
def test_what_is_no_regular_file_is_unreadable_and_named(odd_run, odd_folder, name, reason):
    _result, out = odd_run
    failure = failures_in(out)[name]
    assert failure["error"] == "unreadable"
    assert failure["sha256"] is None
    assert failure["message"] == f"{odd_folder / name}: {reason.format(folder=odd_folder)}"


@pytest.mark.prefect
@pytest.mark.subprocess
def test_max_file_mb_sets_the_limit_and_0_lifts_it(tmp_path):
    """The limit is the option's: a 2 MiB letter is too large under ``--max-file-mb 1``
    and read under ``0``; a FIFO named on the command line is refused, not waited on."""
    big = padded_letter(tmp_path / "big.pdf", 2 * 2**20)
    small = tmp_path / "small.pdf"
    small.write_bytes(LETTER.read_bytes() + b"\n%small\n")
    fifo = tmp_path / "named.pdf"
    os.mkfifo(fifo)
    limited = run_cli("process", str(big), str(small), str(fifo), "--max-file-mb", "1",
                      "--out", str(tmp_path / "limited"))
    assert limited.returncode == 0, limited.stderr[-3000:]
    failures = failures_in(tmp_path / "limited")
    assert failures["big.pdf"]["error"] == "too_large"
    assert failures["big.pdf"]["message"].endswith(
        "(2.0 MiB), more than the limit of 1 MiB (--max-file-mb)")
    assert failures["named.pdf"]["error"] == "unreadable"
    assert records_in(tmp_path / "limited") == ["small.pdf"]
    unlimited = run_cli("process", str(big), "--max-file-mb", "0",
                        "--out", str(tmp_path / "unlimited"))
    assert unlimited.returncode == 0, unlimited.stderr[-3000:]
    assert records_in(tmp_path / "unlimited") == ["big.pdf"]


@needs_a_process  # building a deployment runs `file` on the interpreter
def test_serve_gives_its_scheduled_runs_the_file_limit(tmp_path):
    from pipeline.cli import app

    result = CliRunner().invoke(app, ["serve", "--dry-run", "--out", str(tmp_path),
                                      "--max-file-mb", "64"])
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines()[:2]:
        parameters = json.loads(line.split("parameters=", 1)[1])
        assert parameters["limits"]["file_mb"] == 64


# -- in this process: finding and checking files ------------------------------------------------


def test_a_file_that_vanished_after_it_was_found_is_unreadable_and_named(tmp_path):
    from pipeline.process import process_file
    from pipeline.sources.files import find_pdfs

    letter = tmp_path / "brief.pdf"
    letter.write_bytes(LETTER.read_bytes())
    assert find_pdfs([tmp_path]) == [letter]
    letter.unlink()
    outcome = process_file(letter)
    assert outcome.failure.error == "unreadable"
    assert outcome.failure.message == (
        f"{letter}: cannot open the file (No such file or directory)")


def test_every_pdf_entry_but_a_folder_is_found(tmp_path):
    """What cannot be read is found, to be named in a failure line; a folder named
    ``*.pdf`` is searched, not taken for a letter."""
    from pipeline.sources.files import find_pdfs

    os.mkfifo(tmp_path / "pipe.pdf")
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    (tmp_path / "folder.pdf").mkdir()
    (tmp_path / "folder.pdf" / "inside.pdf").write_bytes(b"%PDF-1.4\n")
    found = [path.relative_to(tmp_path).as_posix() for path in find_pdfs([tmp_path])]
    assert found == ["dangling.pdf", "folder.pdf/inside.pdf", "pipe.pdf"]


def test_a_folder_named_twice_lists_each_letter_once(tmp_path, monkeypatch):
    """By the same name, another spelling of it, or with a folder inside it: each file is
    one letter of the batch, under the first name it was reached by."""
    from pipeline.sources.files import find_pdfs

    (tmp_path / "inside").mkdir()
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "inside" / "b.pdf").write_bytes(b"%PDF-1.4\n")
    monkeypatch.chdir(tmp_path)
    found = find_pdfs([Path("."), tmp_path, Path("./inside/../inside"), Path("a.pdf")])
    assert [path.as_posix() for path in found] == ["a.pdf", "inside/b.pdf"]


def test_an_inbox_with_a_fifo_is_scanned_without_waiting(tmp_path):
    """The inbox hashes what it finds: a FIFO is refused, never opened for reading."""
    from pipeline.sources.inbox import scan_inbox

    os.mkfifo(tmp_path / "pipe.pdf")
    (tmp_path / "good.pdf").write_bytes(LETTER.read_bytes())
    scans = []
    scanner = threading.Thread(target=lambda: scans.append(scan_inbox(tmp_path, set())),
                               daemon=True)
    scanner.start()
    scanner.join(timeout=60)
    if scanner.is_alive():  # let the stuck open go, so the test ends
        with open(tmp_path / "pipe.pdf", "wb"):
            pass
        pytest.fail("scanning the inbox waited on the FIFO")
    [scan] = scans
    assert [(path.name, sha256 is None) for path, sha256 in scan.new] == [
        ("good.pdf", False), ("pipe.pdf", True)]
