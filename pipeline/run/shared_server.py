"""One Prefect server for the runs on this machine: the first run that needs it starts it,
the runs after use it, and it stops itself after some minutes without a request.

Prefect records every flow run and task run through a server. A run that starts a
temporary server of its own waits seconds for it (a process that imports Prefect's server
and opens its database) before its first letter, which is most of a one-letter run. Like a
build tool's daemon, the shared server pays that once: a run finds it through a small file
in Prefect's home, and the server keeps that file while it answers.

    >>> use_shared_server()  # doctest: +SKIP
    'http://127.0.0.1:40963/api'

What decides which server a run talks to, first match wins:

- ``PREFECT_API_URL`` set by the user: that server (a ``prefect server start`` of one's own,
  with its UI); nothing is started.
- ``MINISTERBREV_SERVER_IDLE_MINUTES=0``: a temporary server per run, stopped at its end.
- otherwise the shared server, started if none answers, stopping after that many idle
  minutes (15 when unset). ``ministerbrev server status`` shows it and ``ministerbrev
  server stop`` stops it.

The server runs as Prefect's temporary server does (no UI, the same services), over the
same database, so the history of runs is one whichever way they ran. Runs finding or
starting it take a lock on the home's ``ministerbrev-server.lock``, and so does the server
when it decides it has been idle long enough: a run never picks a server that is stopping.

This module imports neither Prefect nor uvicorn: a run calls it before it imports Prefect,
which reads ``PREFECT_API_URL`` once, at import. Run as ``python -m
pipeline.run.shared_server SECONDS``, it is the server itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.output import write_atomically
from pipeline.state import PROJECT_ROOT, non_negative_setting

IDLE_ENV, DEFAULT_IDLE_MINUTES = "MINISTERBREV_SERVER_IDLE_MINUTES", 15.0
# Set by a run that uses the shared server, to its address: the run then looks after the
# server's history as it does a temporary server's (``pipeline.run.history``).
SHARED_URL_ENV = "MINISTERBREV_SHARED_SERVER"
RECORD_NAME, LOCK_NAME, LOG_NAME = ("ministerbrev-server.json", "ministerbrev-server.lock",
                                    "ministerbrev-server.log")
STARTUP_ENV, DEFAULT_STARTUP_SECONDS = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", 300
# What Prefect gives its temporary server: no UI, and the services of a temporary server.
SERVER_ENVIRONMENT = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1"}


class SharedServerError(RuntimeError):
    """The shared server could not be started; the message says why and names its log."""


@dataclass(frozen=True)
class SharedServer:
    """The running server, as its record file in Prefect's home describes it."""

    pid: int
    url: str  # the API's address, as PREFECT_API_URL takes it
    started: str  # UTC, ISO 8601
    idle_minutes: float

    def describe(self) -> str:
        return (f"{self.url} (process {self.pid}, started {self.started}, stops after "
                f"{self.idle_minutes:g} idle minutes)")


def idle_minutes() -> float:
    """``MINISTERBREV_SERVER_IDLE_MINUTES``, or 15; 0 means no shared server. A
    ``ValueError`` names the variable when it is not a number of minutes.

        >>> idle_minutes() >= 0
        True
    """
    return non_negative_setting(IDLE_ENV, DEFAULT_IDLE_MINUTES, "minutes")


def prefect_home() -> Path:
    """Prefect's home, as ``pipeline.run.settings.apply_run_settings`` set it."""
    from pipeline.run.settings import apply_run_settings

    apply_run_settings()
    return Path(os.environ["PREFECT_HOME"]).expanduser()


def use_shared_server(on_start: Callable[[], None] | None = None) -> str | None:
    """Point this process (and what it starts) at the shared server, started first if none
    answers (``on_start`` is called then, to say so); its API address. None, and nothing
    changed, where the user set ``PREFECT_API_URL`` or the idle minutes are 0."""
    if os.environ.get("PREFECT_API_URL") or (minutes := idle_minutes()) == 0:
        return None
    home = prefect_home()
    with locked(home):
        server = answering_server(home)
        if server is None:
            if on_start is not None:
                on_start()
            server = start_server(home, minutes)
    os.environ["PREFECT_API_URL"] = os.environ[SHARED_URL_ENV] = server.url
    return server.url


def answering_server(home: Path) -> SharedServer | None:
    """The server the record names, if it is still there and answers."""
    server = read_record(home)
    if server is None or not process_exists(server.pid) or not answers(server.url):
        return None
    return server


def start_server(home: Path, minutes: float) -> SharedServer:
    """Start a server in a session of its own (no terminal's Ctrl-C, no run's end stops
    it), and wait until it answers. A server of ours that stopped answering is ended."""
    if (stale := read_record(home)) is not None and is_shared_server(stale.pid):
        end_process(stale.pid)
    (home / RECORD_NAME).unlink(missing_ok=True)
    log_path = home / LOG_NAME
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.run.shared_server", str(minutes * 60)],
            cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            start_new_session=True, env={**os.environ, **SERVER_ENVIRONMENT})
    deadline = time.monotonic() + float(os.environ.get(STARTUP_ENV) or DEFAULT_STARTUP_SECONDS)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SharedServerError(f"Prefect's server stopped as it started (exit "
                                    f"{process.returncode}); its log: {log_path}")
        server = read_record(home)
        if server is not None and server.pid == process.pid and answers(server.url):
            return server
        time.sleep(0.1)
    end_process(process.pid)
    raise SharedServerError(f"Prefect's server did not answer within {STARTUP_ENV}; "
                            f"its log: {log_path}")


def stop_shared_server(wait_seconds: float = 15.0) -> SharedServer | None:
    """Stop the shared server of this Prefect home, waiting until it has gone; the server
    stopped, or None where none was running."""
    home = prefect_home()
    with locked(home):
        server = read_record(home)
        if server is None or not process_exists(server.pid):
            (home / RECORD_NAME).unlink(missing_ok=True)
            return None
        end_process(server.pid, wait_seconds)
        (home / RECORD_NAME).unlink(missing_ok=True)
    return server


def running_shared_server() -> SharedServer | None:
    """The shared server of this Prefect home, if one answers."""
    return answering_server(prefect_home())


# -- small parts ------------------------------------------------------------------------------


@contextlib.contextmanager
def locked(home: Path, blocking: bool = True) -> Iterator[bool]:
    """The home's server lock, held for the block; with ``blocking=False`` the block gets
    False at once when another process holds it."""
    home.mkdir(parents=True, exist_ok=True)
    with (home / LOCK_NAME).open("a") as lock:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def read_record(home: Path) -> SharedServer | None:
    try:
        return SharedServer(**json.loads((home / RECORD_NAME).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def answers(url: str, timeout: float = 2.0) -> bool:
    """Whether Prefect's API at ``url`` says it is healthy."""
    try:  # straight to 127.0.0.1, whatever proxy the environment names
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"{url}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):
        return False


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process now has the number
        return False
    return True


def is_shared_server(pid: int) -> bool:
    """Whether ``pid`` is a shared server (and not a process that got its number since)."""
    try:
        return b"pipeline.run.shared_server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return process_exists(pid) and not Path("/proc").is_dir()


def end_process(pid: int, wait_seconds: float = 15.0) -> None:
    """SIGTERM (the server finishes the requests it has), SIGKILL if it outstays."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait_seconds
    while not has_ended(pid):
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            break
        time.sleep(0.05)


def has_ended(pid: int) -> bool:
    """Gone, or ended and not yet reaped by its parent (the run that started it, or the
    process that adopted it)."""
    if not process_exists(pid):
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


# -- the server itself ------------------------------------------------------------------------


# A run that found or started the server imports Prefect and loads its models before its
# first request: until a request other than a health check comes, the server waits this
# long at least, so that a short idle limit never stops it under a run that is starting.
FIRST_RUN_GRACE_SECONDS = 120.0


class ActivityWatch:
    """An ASGI wrapper that notes when the app last had a request or an open connection
    (a run's event stream is one long websocket: an open one is never idle)."""

    def __init__(self, app) -> None:
        self.app = app
        self.open = 0
        self.started = self.last = time.monotonic()
        self.used = False

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):  # the lifespan: start-up and shut-down
            return await self.app(scope, receive, send)
        self.used = self.used or not scope.get("path", "").endswith("/health")
        self.open += 1
        self.last = time.monotonic()
        try:
            return await self.app(scope, receive, send)
        finally:
            self.open -= 1
            self.last = time.monotonic()

    def idle_seconds(self) -> float:
        now = time.monotonic()
        if self.open or (not self.used and now - self.started < FIRST_RUN_GRACE_SECONDS):
            return 0.0
        return now - self.last


def serve_until_idle(idle_seconds: float) -> None:
    """Serve Prefect's API on a free port of 127.0.0.1 until ``idle_seconds`` pass without
    a request, or until SIGTERM or SIGINT; keep the record while serving."""
    import uvicorn
    from prefect.server.api.server import create_app

    home = prefect_home()
    watch = ActivityWatch(create_app(ephemeral=True))
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(watch, log_level="error", lifespan="on"))
    record = SharedServer(pid=os.getpid(), url=f"http://127.0.0.1:{port}/api",
                          started=datetime.now(UTC).isoformat(timespec="seconds"),
                          idle_minutes=idle_seconds / 60)
    threading.Thread(target=keep_record, args=(server, watch, home, record, idle_seconds),
                     daemon=True).start()
    try:
        server.run(sockets=[listening])
    finally:
        if read_record(home) == record:
            (home / RECORD_NAME).unlink(missing_ok=True)


def keep_record(server, watch: ActivityWatch, home: Path, record: SharedServer,
                idle_seconds: float) -> None:
    """Write the record once the server answers; stop the server once it has been idle.

    The record goes under the lock, so a run that finds the server answering has just made
    a request: the server is not idle then, and it cannot stop under that run."""
    while not server.started and not server.should_exit:
        time.sleep(0.05)
    write_atomically(home / RECORD_NAME, json.dumps(asdict(record)))
    poll = max(0.2, min(5.0, idle_seconds / 10))
    while not server.should_exit:
        time.sleep(poll)
        if watch.idle_seconds() < idle_seconds:
            continue
        with locked(home, blocking=False) as held:
            if held and watch.idle_seconds() >= idle_seconds:
                if read_record(home) == record:
                    (home / RECORD_NAME).unlink(missing_ok=True)
                server.should_exit = True


if __name__ == "__main__":
    serve_until_idle(float(sys.argv[1]))
