"""Where a run works around Prefect: its temporary server shared with worker processes
and ended with the run's process, the links to task results it would keep, results read
without a round trip, the server's module imported early, a flow run's heartbeats that
stop when it ends, and a wait until the server has recorded every task run.

Left as Prefect does them, each would cost CPU or memory on every letter, seconds at a
run's start, or a traceback on the screen; the figures are in ``docs/benchmarks.md``
("Where the figures behind the design come from").
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import os
import socket
import subprocess
import threading
import time
import types
from contextlib import contextmanager

from prefect.context import FlowRunContext
from prefect.futures import PrefectConcurrentFuture, PrefectFuture
from prefect.results import ResultRecord

from pipeline.limits import die_with_parent

# How long a run waits for Prefect's server to record its task runs, and how often it asks.
RECORD_WAIT_SECONDS, RECORD_POLL_SECONDS = 30.0, 0.1

log = logging.getLogger("ministerbrev")


@contextmanager
def workers_share_api_server():
    """Point worker processes started meanwhile at the temporary Prefect server this run
    already uses. Without an API address each worker would start a server of its own,
    which takes seconds of CPU per worker. With a server of one's own (``PREFECT_API_URL``)
    there is nothing to do, and Prefect's server module (seconds to import) stays out."""
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    if not server.running:  # none started yet
        yield
        return
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


class ServerProcess(subprocess.Popen):
    """Prefect's temporary server, started so that it ends with the run's process.

    Prefect stops its server at the interpreter's exit. A run killed (SIGKILL) or
    stopped by a signal it does not handle (SIGTERM) never gets there, and its server
    would run on, with its share of memory, for good. Started from the main thread, the
    server is asked to get SIGKILL from the kernel when that thread ends, which it does
    only with the process. From another thread nothing is asked: the signal would come
    when that thread ended, which may be long before the run does.
    """

    def __init__(self, args, **kwargs):
        if threading.current_thread() is threading.main_thread():
            kwargs.setdefault("preexec_fn", functools.partial(die_with_parent, os.getpid()))
        held = None
        if isinstance(args, list | tuple):
            args, held = listen_on_held_socket(list(args))
        if held is not None:
            kwargs["pass_fds"] = (*kwargs.get("pass_fds", ()), held.fileno())
        try:
            super().__init__(args, **kwargs)
        finally:
            if held is not None:  # the server has its own copy now
                held.close()


# Ports handed out by ``held_free_port``, each with the socket that keeps it taken until
# the server that is to listen on it has started.
HELD_SOCKETS: dict[int, socket.socket] = {}
HELD_SOCKETS_LOCK = threading.Lock()


def held_free_port(_server=None) -> int:
    """A free port of 127.0.0.1, bound by a socket this process keeps until the temporary
    server starts on it (Prefect's ``find_available_port``, without its race).

    Prefect picks a random port from 8000-8999 that nothing is bound to at that moment,
    then starts the server, which binds it seconds later. Two runs starting at once could
    pick the same port: the second run's health check is then answered by the first
    run's server, and its flow runs go to a database that knows nothing of its flows. A
    port bound from the moment it is picked cannot be picked twice.

        >>> port = held_free_port()
        >>> socket.socket().bind(("127.0.0.1", port))
        Traceback (most recent call last):
        OSError: [Errno 98] Address already in use
        >>> HELD_SOCKETS.pop(port).close()  # a port no server took is let go
    """
    held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    held.bind(("127.0.0.1", 0))  # the system's choice, free by definition
    port = held.getsockname()[1]
    with HELD_SOCKETS_LOCK:
        HELD_SOCKETS[port] = held
    return port


def listen_on_held_socket(args: list[str]) -> tuple[list[str], socket.socket | None]:
    """Uvicorn's command line ``args`` with ``--port N`` replaced by the file descriptor of
    the socket that holds port N, and that socket; ``args`` as they are, and None, when no
    held socket has that port (a server started some other way)."""
    if "--port" not in args[:-1]:
        return args, None
    at = args.index("--port")
    with HELD_SOCKETS_LOCK:
        held = HELD_SOCKETS.pop(int(args[at + 1]), None) if args[at + 1].isdigit() else None
    if held is None:
        return args, None
    return [*args[:at], "--fd", str(held.fileno()), *args[at + 2:]], held


def temporary_server_ends_with_run() -> None:
    """Have the temporary server Prefect starts for a run end with the run's process
    (``ServerProcess``). Called before a flow starts; a run with a server of its own
    (``PREFECT_API_URL``) starts none, and is left as it is. Safe to call more than once.

    Prefect starts the server with ``subprocess.Popen`` from its server module; that
    module alone is handed one whose ``Popen`` is ``ServerProcess``.
    """
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():
        return
    from prefect.server.api import server

    if server.subprocess is subprocess:
        names = {name: getattr(subprocess, name) for name in subprocess.__all__}
        server.subprocess = types.SimpleNamespace(**{**names, "Popen": ServerProcess})
        server.SubprocessASGIServer.find_available_port = held_free_port


def import_temporary_server() -> None:
    """Import the module Prefect starts its temporary server from, unless a server of one's
    own is set: done before the model starts loading in its thread, not beside it, the two
    do not take turns on the interpreter lock, and the server's process starts that much
    sooner; the import alone takes much CPU (see this module's figures)."""
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        import prefect.server.api.server  # noqa: F401  (imported for its cost, now)


def heartbeats_stop_at_once() -> None:
    """Have a flow run's heartbeats stop the moment the flow ends. Safe to call more than once.

    Prefect sends a heartbeat from a thread of its own every few minutes, so that its
    server can tell a flow run that died from one still going. Between heartbeats that
    thread sleeps a second at a time, and the flow's end waits for it: up to a second on
    every run, 0.6 s of a one-letter run's 4.5 (``docs/benchmarks.md``). Here it waits on
    an event instead, set when the flow ends. A Prefect without the engine parts this
    needs keeps its own heartbeats.
    """
    from prefect import flow_engine

    engine = flow_engine.FlowRunEngine
    if hasattr(flow_engine, "_send_heartbeats") and all(
            hasattr(engine, name) for name in ("_build_heartbeat_event_template",
                                               "_emit_flow_run_heartbeat", "heartbeat_seconds")):
        flow_engine._send_heartbeats = heartbeats_until_stopped


@contextmanager
def heartbeats_until_stopped(engine, join_on_exit: bool = True):
    """Send ``engine``'s flow run a heartbeat now and every ``engine.heartbeat_seconds``
    until the block ends or the run is in a final state (Prefect's ``_send_heartbeats``,
    stopping at once)."""
    seconds = engine.heartbeat_seconds
    if seconds is None:  # heartbeats turned off in Prefect's settings
        yield
        return
    resource, related = engine._build_heartbeat_event_template()
    stopped = threading.Event()

    def run_ended() -> bool:
        state = engine.flow_run.state if engine.flow_run else None
        return stopped.is_set() or bool(state and state.is_final())

    def beat() -> None:
        while not run_ended():
            with contextlib.suppress(Exception):  # a heartbeat lost is no reason to stop
                engine._emit_flow_run_heartbeat(resource, related)
            stopped.wait(seconds)

    # In the caller's context, so that the thread sees the run's Prefect settings.
    thread = threading.Thread(target=contextvars.copy_context().run, args=(beat,),
                              name="flow-run-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stopped.set()
        if join_on_exit:
            thread.join(timeout=2)  # at once, unless a heartbeat is being sent just now


def forget_result_links() -> None:
    """Drop the links from task results to their task runs that Prefect keeps in the flow
    run's context.

    Prefect links each object a task returns, and each of its fields, to the task's
    state, to tell which task a result came from when it is passed to another task. It
    keeps the links for the whole flow run: four a letter, which grew a flow's memory
    with every letter of a long batch. No task of ours takes another's result, so the
    links of the windows done are of no use.
    """
    context = FlowRunContext.get()
    if context is not None:
        context.run_results.clear()


def result_of(future: PrefectFuture) -> object:
    """What a finished task returned.

    A task of a thread or process pool hands its final state back to this process, with
    its return value in it. ``future.result()`` fetches that value through a round trip to
    Prefect's event-loop thread, CPU spent for every letter on the cores the letters
    need, so it is read where it lies. Anything else (a task that failed, a Dask future)
    goes through ``future.result()``, which raises what the task raised.
    """
    if isinstance(future, PrefectConcurrentFuture):
        future.wait()  # keeps the final state: ``future.state`` asks no server
        state = future.state
        if state.is_completed() and isinstance(state.data, ResultRecord):
            return state.data.result
    return future.result()


def wait_until_recorded(task_runs: int, timeout: float = RECORD_WAIT_SECONDS) -> None:
    """Wait until Prefect's server holds this flow run's ``task_runs`` task runs, ended.

    The server records task runs from the tasks' events, in batches
    (``pipeline.run.settings``). A temporary server stops with the run; a batch still in
    its queue then would be lost, with a traceback on the screen. The wait is about a
    second, once per run; a server that does not catch up within ``timeout`` is noted in
    the log, not the run. A server that outlives the run (the shared one, or one's own:
    ``PREFECT_API_URL``) records them all the same, after the run has ended: no wait then.
    """
    from prefect.settings import PREFECT_API_URL

    if not task_runs or PREFECT_API_URL.value():
        return
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    try:
        with get_client(sync_client=True) as client:
            while recorded_task_runs(client) < task_runs:
                if time.monotonic() > deadline:
                    log.warning("Prefect's server had not recorded all %d task runs after %g s",
                                task_runs, timeout)
                    return
                time.sleep(RECORD_POLL_SECONDS)
    except Exception:  # the records are Prefect's; the letters are written either way
        log.exception("could not ask Prefect's server")


def recorded_task_runs(client) -> int:
    """How many task runs of this flow run the server holds as ended."""
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterId,
        TaskRunFilter,
        TaskRunFilterState,
        TaskRunFilterStateType,
    )
    from prefect.context import get_run_context

    ended = TaskRunFilterStateType(any_=["COMPLETED", "FAILED", "CRASHED", "CANCELLED"])
    body = {
        "flow_runs": FlowRunFilter(id=FlowRunFilterId(any_=[get_run_context().flow_run.id]))
        .model_dump(mode="json", exclude_unset=True),
        "task_runs": TaskRunFilter(state=TaskRunFilterState(type=ended))
        .model_dump(mode="json", exclude_unset=True),
    }
    return client.request("POST", "/task_runs/count", json=body).json()
