"""A mistake in what was asked, or something outside that cannot be reached, is one line on
the screen and a non-zero exit: 2 for a mistake in what was asked, 1 for something outside
that failed. Never a traceback: details go to OUT/ministerbrev.log where there is one.

A bad file is no operator mistake: it is a failure line of its own and the batch goes on.
Every mistake here is made through the real command, in a process of its own.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess

CLI = Path(sys.executable).with_name("ministerbrev")
ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "corpus" / "letters" / "bm-2014-03-27-jobrotation.pdf"


def run_cli(*args: str, cwd: Path | None = None,
            env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "120", **(env_extra or {})}
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


def one_line(result: subprocess.CompletedProcess, exit_code: int) -> str:
    """The one line the command printed on stderr, after checking there was nothing else."""
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    assert result.returncode == exit_code, result.stderr
    return lines[0]


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: bound, noted, let go."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_missing_letter_is_named(tmp_path):
    result = run_cli("process", str(tmp_path / "nosuch.pdf"), "--out", str(tmp_path / "out"))
    assert one_line(result, exit_code=2) == f"No such file or folder: {tmp_path / 'nosuch.pdf'}"
    assert not (tmp_path / "out").exists()


# -- the inbox folder ------------------------------------------------------------------------


def test_a_missing_inbox_is_named_and_not_made(tmp_path):
    line = one_line(run_cli("inbox", str(tmp_path / "nosuch"), "--out", str(tmp_path / "out")),
                    exit_code=2)
    assert line == f"No such inbox folder: {tmp_path / 'nosuch'} (--create makes it)"
    assert not (tmp_path / "nosuch").exists()
    assert not (tmp_path / "out").exists()


def test_an_inbox_that_is_a_file_is_named(tmp_path):
    (tmp_path / "inbox").write_text("not a folder")
    line = one_line(run_cli("inbox", str(tmp_path / "inbox"), "--out", str(tmp_path / "out")),
                    exit_code=2)
    assert "is a file, not a folder" in line and str(tmp_path / "inbox") in line


@pytest.mark.prefect
def test_create_makes_the_inbox_and_runs(tmp_path):
    inbox = tmp_path / "new" / "inbox"
    result = run_cli("inbox", str(inbox), "--create", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert inbox.is_dir()
    assert "letters processed" in result.stderr


# -- --out names a file -----------------------------------------------------------------------

OUT_COMMANDS = {
    "process": ["process", str(LETTER)],
    "inbox": ["inbox", "."],
    "oda": ["oda"],
    "evaluate": ["evaluate"],
    "query": ["query", "select 1"],
    "search": ["search", "word"],
    "export": ["export", "--format", "csv", "--to", "exported"],
    "reindex": ["reindex"],
    "show": ["show", "abc"],
    "browse": ["browse"],
}


@pytest.mark.parametrize("name", OUT_COMMANDS)
def test_out_naming_a_file_stops_before_any_work(tmp_path, name):
    (tmp_path / "afile").write_text("mine")
    result = run_cli(*OUT_COMMANDS[name], "--out", "afile", cwd=tmp_path)
    assert one_line(result, exit_code=2) == "--out afile is a file, not a folder"
    assert (tmp_path / "afile").read_text() == "mine"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["afile"]


def test_out_below_a_file_names_the_file(tmp_path):
    (tmp_path / "afile").write_text("mine")
    result = run_cli("process", str(LETTER), "--out", "afile/records", cwd=tmp_path)
    assert one_line(result, exit_code=2) == "--out afile/records is not a folder: afile is a file"


# -- something outside that cannot be reached -------------------------------------------------


def test_an_unreachable_dask_scheduler_is_named(tmp_path):
    pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = run_cli("process", str(LETTER), "--out", str(tmp_path / "out"),
                     "--dask-address", address)
    line = one_line(result, exit_code=1)
    assert line.startswith(f"Dask: could not reach the scheduler at {address}: ")


def test_evaluate_names_an_unreachable_dask_scheduler_from_the_environment(tmp_path):
    pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = run_cli("evaluate", "--out", str(tmp_path / "out"),
                     env_extra={"MINISTERBREV_DASK_ADDRESS": address})
    line = one_line(result, exit_code=1)
    assert line.startswith(f"Dask: could not reach the scheduler at {address}: ")


@pytest.mark.prefect
def test_an_unreachable_oda_is_one_line_and_the_details_go_to_the_log(tmp_path):
    base_url = f"http://127.0.0.1:{free_port()}/api/"
    out = tmp_path / "out"
    result = run_cli("oda", "--out", str(out), "--base-url", base_url, "--retries", "0",
                     "--allow-loopback-http", "--allow-host", "127.0.0.1")
    line = one_line(result, exit_code=1)
    assert line.startswith(f"ODA: could not reach {base_url}")
    assert "Connection refused" in line
    log = (out / "ministerbrev.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "could not reach" in log


def test_an_oda_address_the_rules_refuse_starts_nothing(tmp_path):
    base_url = f"http://127.0.0.1:{free_port()}/api/"
    result = run_cli("oda", "--out", str(tmp_path / "out"), "--base-url", base_url,
                     "--allow-loopback-http")
    line = one_line(result, exit_code=1)
    assert line.startswith(f"ODA: refused {base_url}: 127.0.0.1 is not an allowed host")
    assert not (tmp_path / "out").exists()


def test_browse_on_a_port_in_use_names_the_port(tmp_path):
    pytest.importorskip("datasette", reason="the [browse] extra is not installed")
    from pipeline.run.archive import Archive

    with Archive(tmp_path / "out"):  # an empty output folder, its store made
        pass
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("browse", "--out", str(tmp_path / "out"), "--port", str(port))
    assert one_line(result, exit_code=1) == (
        f"Port {port} on 127.0.0.1 is in use (--port chooses another)")


# -- a bad file is no operator mistake ---------------------------------------------------------


@pytest.mark.prefect
def test_a_wrong_password_is_a_failure_line_for_that_file(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(LETTER))
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    (tmp_path / "locked.pdf").write_bytes(buffer.getvalue())
    result = run_cli("process", str(tmp_path / "locked.pdf"), "--out", str(tmp_path / "out"),
                     "--password", "forkert")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert failed == [f"failed: {tmp_path / 'locked.pdf'}: the PDF is encrypted and the "
                      "password given (--password) does not open it"]
