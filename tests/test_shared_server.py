"""The Prefect server runs share (``pipeline.run.shared_server``): the first run starts it,
the next finds it, ``ministerbrev server`` shows and stops it, and it stops by itself once
idle. Each test has a state folder, and so a Prefect home and a server, of its own.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.run.shared_server import (
    IDLE_ENV,
    RECORD_NAME,
    SHARED_URL_ENV,
    answers,
    has_ended,
    process_exists,
    read_record,
    use_shared_server,
)

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).with_name("ministerbrev")
LETTERS = sorted((ROOT / "corpus" / "letters").glob("*.pdf"))


def environment(state: Path, idle_minutes: str) -> dict[str, str]:
    """A user's shell with a state folder of its own (this process set PREFECT_HOME for the
    tests' shared one, and no shared server for the other tests' runs)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PREFECT_")}
    return {**env, "MINISTERBREV_STATE_DIR": str(state), IDLE_ENV: idle_minutes,
            "COLUMNS": "200"}


def ministerbrev(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *arguments], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def completed_flow_runs(home: Path) -> list[tuple[str, int]]:
    """The flow runs the server recorded as completed, each with its task runs."""
    with sqlite3.connect(f"file:{home / 'prefect.db'}?mode=ro", uri=True) as database:
        return database.execute(
            "SELECT f.name, (SELECT count(*) FROM task_run t WHERE t.flow_run_id = f.id "
            "AND t.state_type = 'COMPLETED') FROM flow_run f "
            "WHERE f.state_type = 'COMPLETED'").fetchall()


def test_a_users_own_server_or_zero_idle_minutes_start_none(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    monkeypatch.setenv(IDLE_ENV, "15")
    assert use_shared_server() is None
    assert os.environ["PREFECT_API_URL"] == "http://127.0.0.1:4200/api"
    monkeypatch.delenv("PREFECT_API_URL")
    monkeypatch.setenv(IDLE_ENV, "0")
    assert use_shared_server() is None
    assert "PREFECT_API_URL" not in os.environ and SHARED_URL_ENV not in os.environ


def test_idle_minutes_that_are_not_a_number_are_one_line_and_exit_2(monkeypatch, tmp_path):
    monkeypatch.setenv(IDLE_ENV, "soon")
    result = CliRunner().invoke(app, ["process", str(LETTERS[0]), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"{IDLE_ENV} must be a number of minutes, 0 or more, " \
        "not 'soon'"


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """Two one-letter runs, one after the other, as a user in a shell makes them; the
    server record after each. The server is stopped at the end whatever happened."""
    root = tmp_path_factory.mktemp("shared")
    env = environment(root / "state", "5")
    home = root / "state" / "prefect"
    first = ministerbrev(env, "process", str(LETTERS[0]), "--out", str(root / "out"))
    after_first = read_record(home)
    second = ministerbrev(env, "process", str(LETTERS[1]), "--out", str(root / "out"))
    after_second = read_record(home)
    yield env, home, (first, after_first), (second, after_second)
    ministerbrev(env, "server", "stop")
    if after_first is not None and process_exists(after_first.pid):
        os.kill(after_first.pid, signal.SIGKILL)


@pytest.mark.prefect
@pytest.mark.subprocess
def test_the_first_run_starts_the_server_and_the_next_run_uses_it(two_runs):
    _env, home, (first, started), (second, found) = two_runs
    assert first.returncode == 0, first.stderr[-2000:]
    assert second.returncode == 0, second.stderr[-2000:]
    assert started is not None, "the first run left no server record"
    assert found == started  # the same process, address and start
    assert not has_ended(started.pid) and answers(started.url)  # it outlived both runs
    # Both runs are in the one history, each with its letter's task run (the server records
    # task runs from the runs' events, a moment after they arrive).
    assert until(lambda: sorted(count for _name, count in completed_flow_runs(home)) == [1, 1],
                 30), completed_flow_runs(home)


@pytest.mark.prefect
@pytest.mark.subprocess
def test_server_status_shows_it_and_server_stop_stops_it(two_runs):
    env, home, (_first, started), _second = two_runs
    status = ministerbrev(env, "server", "status")
    assert status.returncode == 0, status.stderr
    assert started.url in status.stdout and f"process {started.pid}" in status.stdout
    assert "5 idle minutes" in status.stdout

    stopped = ministerbrev(env, "server", "stop")
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout.strip() == f"Stopped the shared Prefect server (process {started.pid})"
    assert has_ended(started.pid)
    assert not (home / RECORD_NAME).exists()

    none = ministerbrev(env, "server", "status")
    assert none.returncode == 1
    assert none.stderr.strip() == "No shared Prefect server is running: the next run starts one"
    again = ministerbrev(env, "server", "stop")
    assert (again.returncode, again.stderr.strip()) == (0, "No shared Prefect server was running")


@pytest.mark.prefect
@pytest.mark.subprocess
def test_a_server_stops_by_itself_once_idle_but_never_under_a_run(tmp_path):
    """Three idle seconds are its limit here: the run takes longer, and is not cut short,
    since it keeps a connection open or makes a request all along."""
    env = environment(tmp_path / "state", "0.05")
    home = tmp_path / "state" / "prefect"
    run = ministerbrev(env, "process", str(LETTERS[2]), "--out", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr[-2000:]
    server = read_record(home)
    try:
        assert until(lambda: server is None or has_ended(server.pid), 60)
        assert not (home / RECORD_NAME).exists()
        assert len((tmp_path / "out" / "records.jsonl").read_text().splitlines()) == 1
    finally:
        if server is not None and process_exists(server.pid):
            os.kill(server.pid, signal.SIGKILL)
