"""Nothing keeps running after a run ends, however it ends: a ``process`` run killed with
SIGKILL, or stopped with SIGTERM, midway leaves no process behind, neither Prefect's
temporary server nor the children that read its letters.

Only the run's own process gets the signal, as from ``kill PID``; its process group is
left alone, so that whatever survives is found. The run is started in a session of its
own: its process group then holds the run and everything it started, and no process may
be left in it afterwards.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from pipeline.limits import LimitedChild, Limits

CLI = Path(sys.executable).with_name("ministerbrev")
CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus" / "letters"
LETTERS = 60
WORKERS = 2
# Generous bounds: that the run got to work, and that what it left ended, not how fast.
START_SECONDS, END_SECONDS = 300, 60


class Running(NamedTuple):
    """A process as /proc shows it: enough to tell it from a later one with its pid."""

    pid: int
    started: int  # clock ticks after boot
    command: str


def proc_stat(pid: int) -> tuple[str, int, int, int] | None:
    """(state, parent pid, process group, start time) of ``pid``; None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # the command name may hold spaces
    return fields[0], int(fields[1]), int(fields[2]), int(fields[19])


def command_of(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:160]
    return "?"


def all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def descendants(root: int) -> list[Running]:
    """Every living process below ``root``, found by walking /proc's parent links."""
    parents = {}
    for pid in all_pids():
        stat = proc_stat(pid)
        if stat and stat[0] != "Z":
            parents[pid] = (stat[1], stat[3])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, started) in parents.items():
            if ppid == parent:
                found.append(Running(pid, started, command_of(pid)))
                frontier.append(pid)
    return found


def alive(process: Running) -> bool:
    stat = proc_stat(process.pid)
    return stat is not None and stat[0] != "Z" and stat[3] == process.started


def in_group(group: int) -> list[Running]:
    """The living processes of process group ``group``."""
    living = []
    for pid in all_pids():
        stat = proc_stat(pid)
        if stat and stat[0] != "Z" and stat[2] == group:
            living.append(Running(pid, stat[3], command_of(pid)))
    return living


def still_running(processes: list[Running], group: int) -> list[Running]:
    """Those of ``processes``, and of the group, still alive after ``END_SECONDS`` at most."""
    deadline = time.monotonic() + END_SECONDS
    while True:
        left = sorted({process for process in processes if alive(process)} | set(in_group(group)))
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


@pytest.fixture(scope="module")
def letters(tmp_path_factory) -> Path:
    """``LETTERS`` distinct letters (each copy has its own hash), enough to keep a run busy."""
    folder = tmp_path_factory.mktemp("letters")
    originals = sorted(CORPUS.glob("*.pdf"))
    for number in range(LETTERS):
        original = originals[number % len(originals)]
        data = original.read_bytes() + b"\n%copy " + str(number).encode() + b"\n"
        (folder / f"{number:03d}-{original.name}").write_bytes(data)
    return folder


def start_run(letters: Path, out: Path) -> subprocess.Popen:
    log = (out.parent / f"{out.name}.log").open("w")
    with log:
        return subprocess.Popen(
            [str(CLI), "process", str(letters), "--out", str(out), "--workers", str(WORKERS)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "COLUMNS": "200"})


def working(run: subprocess.Popen, records: Path) -> list[Running]:
    """Wait until the run is at work (its server and a child per worker up, a record
    written); what runs below it then."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and run.poll() is None:
        below = descendants(run.pid)
        servers = [process for process in below if "uvicorn" in process.command]
        children = [process for process in below if process not in servers]
        written = records.exists() and any(records.glob("*.json"))
        if servers and len(children) >= WORKERS and written:
            return below
        time.sleep(0.1)
    raise AssertionError(f"the run did not get to work (exit status {run.poll()})")


def stopped_midway(letters: Path, out: Path, signal_number: int) -> tuple[list[Running], list]:
    """Start a run, signal its process alone once it works; what ran below it, and what of
    that (or of its process group) is still running afterwards."""
    run = start_run(letters, out)
    try:
        below = working(run, out / "records")
        os.kill(run.pid, signal_number)
        run.wait(timeout=END_SECONDS)
        return below, still_running(below, run.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)  # whatever was left, so no test leaves it
        with contextlib.suppress(subprocess.TimeoutExpired):
            run.wait(timeout=10)


@pytest.mark.prefect
@pytest.mark.subprocess
@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM],
                         ids=["SIGKILL", "SIGTERM"])
def test_a_run_stopped_midway_leaves_no_process_behind(letters, tmp_path, signal_number):
    below, left = stopped_midway(letters, tmp_path / "out", signal_number)
    assert any("uvicorn" in process.command for process in below)  # the server was there
    assert len(below) > WORKERS  # and the letters' children
    assert left == [], "left running after the run ended:\n" + "\n".join(
        f"{process.pid} {process.command}" for process in left)


@pytest.mark.prefect
@pytest.mark.subprocess
def test_a_run_that_ends_leaves_no_process_behind(tmp_path):
    """The ordinary end, for comparison: everything the run started ends with it."""
    letters = tmp_path / "letters"
    letters.mkdir()
    for original in sorted(CORPUS.glob("*.pdf"))[:3]:
        (letters / original.name).write_bytes(original.read_bytes())
    run = start_run(letters, tmp_path / "out")
    assert run.wait(timeout=START_SECONDS) == 0, (tmp_path / "out.log").read_text()[-2000:]
    assert still_running([], run.pid) == []
    assert len(list((tmp_path / "out" / "records").glob("*.json"))) == 3


# -- the letters' children on their own ------------------------------------------------------


def pipe_inodes(pid: int) -> set[int]:
    """The pipes process ``pid`` holds an end of, by inode."""
    inodes = set()
    for link in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(link)
            if target.startswith("pipe:["):
                inodes.add(int(target[6:-1]))
    return inodes


def test_a_child_holds_no_end_of_another_childs_pipes():
    """A child that held another's pipes open would keep that one waiting for requests
    after the worker was gone, for good; so each child closes what it inherited of them."""
    with LimitedChild(os.getpid, Limits()) as first, LimitedChild(os.getpid, Limits()) as second:
        pids = [first.call(), second.call()]
        first_pipes = {os.fstat(end).st_ino for end in (first.requests, first.answers)}
        second_pipes = {os.fstat(end).st_ino for end in (second.requests, second.answers)}
        assert first_pipes <= pipe_inodes(pids[0])  # the inodes are what a child holds
        assert pipe_inodes(pids[1]) & first_pipes == set()
        assert pipe_inodes(pids[0]) & second_pipes == set()


# A worker whose thread forks a child that is busy for ten minutes; the worker then dies.
BUSY_CHILD_THEN_DIE = textwrap.dedent("""
    import os, signal, threading, time
    from pipeline.limits import LimitedChild, Limits
    child = LimitedChild(time.sleep, Limits(seconds=0))
    threading.Thread(target=child.call, args=(600,), daemon=True).start()
    while child.pid is None:
        time.sleep(0.01)
    print(child.pid, flush=True)
    time.sleep(0.5)  # the child is at its work
    os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.mark.subprocess
def test_a_busy_child_ends_when_its_worker_is_killed():
    """No pipe tells a child at work that its worker is gone: the kernel does."""
    worker = subprocess.Popen([sys.executable, "-c", BUSY_CHILD_THEN_DIE], text=True,
                              stdout=subprocess.PIPE, start_new_session=True,
                              cwd=Path(__file__).resolve().parent.parent.parent)
    try:
        child_pid = int(worker.stdout.readline())
        child = Running(child_pid, proc_stat(child_pid)[3], command_of(child_pid))
        assert worker.wait(timeout=END_SECONDS) == -signal.SIGKILL
        assert still_running([child], worker.pid) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)


def test_a_child_ends_with_the_thread_that_forked_it():
    """The kernel's signal comes when the forking thread ends: a worker thread's child
    serves it letter after letter, and goes with it even if nothing else ends it."""
    served = []

    def serve_three() -> None:
        child = LimitedChild(os.getpid, Limits())
        served.extend(child.call() for _letter in range(3))
        child.ending.detach()  # no finalizer: only the kernel can end it now
        served.append(child)

    thread = threading.Thread(target=serve_three)
    thread.start()
    thread.join()
    *pids, child = served
    assert len(set(pids)) == 1
    try:
        deadline = time.monotonic() + END_SECONDS
        while (ended := os.waitpid(pids[0], os.WNOHANG)) == (0, 0):
            assert time.monotonic() < deadline, "the child outlived its thread"
            time.sleep(0.05)
        assert os.WIFSIGNALED(ended[1]) and os.WTERMSIG(ended[1]) == signal.SIGKILL
    finally:
        for end in (child.requests, child.answers):
            os.close(end)
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pids[0], signal.SIGKILL)
            os.waitpid(pids[0], 0)
