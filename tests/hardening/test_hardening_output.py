"""What the output folder keeps when a run is killed, and the modes its files get.

A failure line is appended to ``failures.jsonl`` the moment the file fails, as a record's
line is to ``records.jsonl``: a run killed with SIGKILL keeps every line written before.
Files written whole (a record's JSON, a rewritten ``.jsonl``) get the mode the user's
umask gives, as the files of any program do.
"""

from __future__ import annotations

import json
import os
import signal
import stat

import pytest

from models import Failure
from pipeline.output import OutputFolder
from tests.test_output import record


def failure(name: str) -> Failure:
    return Failure(path=f"/letters/{name}", sha256=None, error="not_pdf",
                   message=f"/letters/{name}: the file is not a PDF (no %PDF- header)")


def failed_paths(folder) -> list[str]:
    lines = (folder / "failures.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["path"] for line in lines]


@pytest.mark.subprocess
def test_failure_lines_written_before_a_sigkill_are_kept(tmp_path):
    pid = os.fork()
    if pid == 0:  # a run that fails two files, then is killed before its folder closes
        out = OutputFolder(tmp_path)
        out.open()
        out.write_failure(failure("a.pdf"))
        out.write_failure(failure("b.pdf"))
        os.kill(os.getpid(), signal.SIGKILL)
    _pid, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert failed_paths(tmp_path) == ["/letters/a.pdf", "/letters/b.pdf"]
    with OutputFolder(tmp_path):  # the next run keeps them, and the lock is free again
        pass
    assert failed_paths(tmp_path) == ["/letters/a.pdf", "/letters/b.pdf"]


def test_a_file_failing_twice_keeps_its_last_line(tmp_path):
    with OutputFolder(tmp_path) as out:
        out.write_failure(failure("a.pdf"))
        out.write_failure(failure("a.pdf").model_copy(update={"error": "damaged"}))
        assert len(failed_paths(tmp_path)) == 2  # appended as they come
    assert failed_paths(tmp_path) == ["/letters/a.pdf"]
    line = json.loads((tmp_path / "failures.jsonl").read_text(encoding="utf-8"))
    assert line["error"] == "damaged"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_written_whole_get_the_mode_the_umask_gives(tmp_path, umask, mode):
    previous = os.umask(umask)
    try:
        with OutputFolder(tmp_path) as out:
            out.write_record(record())
            out.write_record(record(body="again"))  # records.jsonl is rewritten on closing
    finally:
        os.umask(previous)
    written = [tmp_path / "records.jsonl", *(tmp_path / "records").glob("*.json")]
    assert len(written) == 2
    assert {stat.S_IMODE(path.stat().st_mode) for path in written} == {mode}
