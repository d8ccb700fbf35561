"""Bugs once fixed in keeping Prefect's history (``pipeline.run.history``) and its setting."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.run.history import process_is_gone, this_machine
from pipeline.state import HISTORY_DAYS_ENV


@pytest.fixture
def ended_pid() -> int:
    """The number of a process of this machine that has ended."""
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    return ended.pid


def test_the_command_says_so_before_it_starts(monkeypatch, tmp_path):
    """Once, a history setting that was no number of days made a run end in a traceback.
    The command must name the setting and exit 2 before it starts on any letter, without
    a traceback and without making the output folder."""
    monkeypatch.setenv(HISTORY_DAYS_ENV, "a week")
    result = CliRunner().invoke(app, ["process", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert HISTORY_DAYS_ENV in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.subprocess
def test_a_container_sharing_this_hosts_name_is_another_machine(ended_pid):
    """Its processes are numbered apart (a pid namespace of its own): a number that has
    ended here may be a process going there.

    Once, a flow run's process was known by host name and pid alone, so a run in a
    container with the host's name, whose pid had ended on the host, was taken for a
    killed run and marked Crashed while it ran. A machine must be known by its pid
    namespace too."""
    if not Path("/proc/self/ns/pid").exists():
        pytest.skip("no pid namespaces here")
    namespace = os.readlink("/proc/self/ns/pid").removeprefix("pid:[").removesuffix("]")
    now = datetime.now(UTC)
    assert process_is_gone(f"{this_machine()}:{ended_pid}", now)
    container = this_machine().replace(namespace, str(int(namespace) + 1))
    assert not process_is_gone(f"{container}:{ended_pid}", now)
