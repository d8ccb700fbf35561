"""What the screen shows when the disk, the folder or a file name is hostile: one line, never a
traceback; a file name exactly as it is, never as Rich markup or raw control characters.

Once, a path holding ``[/bold]`` crashed the summary after a finished batch (exit 1), and a
full disk or a read-only output folder printed 66 to 270 lines of traceback.

The full disk and the read-only folder are real file systems: a tmpfs of 64 KiB, and one
remounted read-only, mounted in a mount namespace of the test's own (``unshare``), so no
root is needed where user namespaces are allowed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess

CLI = Path(sys.executable).with_name("ministerbrev")
ROOT = Path(__file__).resolve().parents[2]
LETTERS = [ROOT / "corpus" / "letters" / name
           for name in ("bm-2014-03-27-jobrotation.pdf", "uim-2020-11-04-handlingsplan.pdf")]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "200"})


def one_line(result: subprocess.CompletedProcess, exit_code: int) -> str:
    printed = result.stdout + result.stderr
    assert "Traceback" not in printed
    lines = [line for line in printed.splitlines() if line.strip()]
    assert len(lines) == 1, printed
    assert result.returncode == exit_code, printed
    return lines[0]


@pytest.mark.prefect
def test_a_path_that_reads_as_markup_is_shown_as_it_is(tmp_path):
    folder = tmp_path / "x[" / "bold]"  # the path holds "x[/bold]"
    folder.mkdir(parents=True)
    (folder / "bad[red].pdf").write_text("not a pdf")
    out = tmp_path / "out[" / "bold]"
    result = run_cli("process", str(tmp_path / "x[/bold]"), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"failed: {folder / 'bad[red].pdf'}: the file is not a PDF" in result.stderr
    assert f"ministerbrev: {out}" in result.stderr


@pytest.mark.prefect
def test_control_characters_in_a_file_name_are_escaped(tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "bad\x1b[2J\x07.pdf").write_text("not a pdf")
    result = run_cli("process", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    printed = result.stdout + result.stderr
    assert "\x1b" not in printed and "\x07" not in printed
    assert "bad\\x1b[2J\\x07.pdf" in printed


# -- a full disk and a read-only folder, in a mount namespace of the test's own -------------


def in_own_mount_namespace(script: str) -> subprocess.CompletedProcess:
    """Run a shell script as root of a new user and mount namespace (``unshare -rm``)."""
    return subprocess.run(["unshare", "-rm", "sh", "-ec", script], capture_output=True,
                          text=True, timeout=600, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture
def mount_point(tmp_path) -> Path:
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed")
    point = tmp_path / "disk"
    point.mkdir()
    probe = in_own_mount_namespace(f"mount -t tmpfs -o size=64k tmpfs {point}")
    if probe.returncode != 0:
        pytest.skip(f"no mount namespace for this user here: {probe.stderr.strip()}")
    return point


def cli_line(*args: str | Path) -> str:
    return " ".join(shlex.quote(str(arg)) for arg in (CLI, *args))


@pytest.mark.prefect
def test_a_full_disk_is_one_line_and_exit_1(mount_point):
    out = mount_point / "out"
    result = in_own_mount_namespace(
        f"mount -t tmpfs -o size=64k tmpfs {mount_point}\n"
        + cli_line("process", *LETTERS, "--out", out))
    line = one_line(result, exit_code=1)
    assert line.startswith(f"No space left on the disk: could not write {out}")


@pytest.mark.prefect
def test_a_read_only_output_folder_is_one_line_and_exit_1(mount_point):
    out = mount_point / "out"
    result = in_own_mount_namespace(
        f"mount -t tmpfs -o size=16m tmpfs {mount_point}\n"
        + cli_line("process", LETTERS[0], "--out", out) + " >/dev/null 2>&1\n"
        f"mount -o remount,ro {mount_point}\n"
        + cli_line("process", LETTERS[1], "--out", out))
    line = one_line(result, exit_code=1)
    assert line.startswith(f"Could not write {out}")
    assert "Read-only file system" in line


@pytest.mark.prefect
def test_a_store_on_a_read_only_file_system_can_still_be_queried(mount_point):
    """An archive on read-only media: SQLite cannot make the file WAL mode reads through, so
    the store is read as a file nobody changes."""
    out = mount_point / "out"
    result = in_own_mount_namespace(
        f"mount -t tmpfs -o size=16m tmpfs {mount_point}\n"
        + cli_line("process", LETTERS[0], "--out", out) + " >/dev/null 2>&1\n"
        f"mount -o remount,ro {mount_point}\n"
        + cli_line("query", "select count(*) as letters from letters", "--csv", "--out", out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["letters", "1"]


# -- an error no command expects: one line on the screen, the traceback in the log ---------------


def raised(error: Exception) -> Exception:
    try:
        raise error
    except Exception as caught:
        return caught


def test_an_unexpected_error_is_one_line_and_its_traceback_goes_to_the_log(tmp_path):
    from pipeline.cli.common import log_traceback, what_went_wrong

    error = raised(KeyError("Dokumenttype"))
    assert what_went_wrong(error, tmp_path) == (
        "ministerbrev stopped on an error: KeyError: 'Dokumenttype'")
    log = log_traceback(error, tmp_path / "out")
    assert log == tmp_path / "out" / "ministerbrev.log"
    text = log.read_text(encoding="utf-8")
    assert text.startswith("Traceback") and "KeyError: 'Dokumenttype'" in text


def test_an_output_folder_that_cannot_hold_the_log_sends_it_to_the_state_folder(
        tmp_path, monkeypatch):
    from pipeline.cli.common import log_traceback

    monkeypatch.setenv("MINISTERBREV_STATE_DIR", str(tmp_path / "state"))
    (tmp_path / "a file").write_text("")
    log = log_traceback(raised(RuntimeError("boom")), tmp_path / "a file" / "out")
    assert log == tmp_path / "state" / "ministerbrev.log"
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
