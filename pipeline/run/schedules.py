"""The scheduled runs: the inbox and ODA flows as deployments on a cron line, in Danish
time, and serving them.

    >>> print(describe_deployments(deployments("0 6 * * *")))  # doctest: +SKIP
    process-inbox/inbox cron=0 6 * * * (Europe/Copenhagen) parameters={...}
    process-oda/oda cron=0 6 * * * (Europe/Copenhagen) parameters={...}
"""

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import psutil
from prefect.runner import Runner
from prefect.schedules import Cron

from pipeline.limits import Limits
from pipeline.run.flows import SERVED_WORKERS_ENV, process_inbox, process_oda
from pipeline.run.tasks import AUTO
from pipeline.sources.oda import OdaSettings

DEFAULT_CRON = "0 6 * * *"  # every morning at six
# How long serving may take to stop after SIGINT or SIGTERM (cancelling a run in progress,
# pausing the schedules) before it is ended outright.
STOP_WITHIN_SECONDS = 5.0
SCHEDULE_TIMEZONE = "Europe/Copenhagen"
# What Prefect's UI says of each deployment (by default it would show the flow's docstring,
# examples and all).
INBOX_DESCRIPTION = ("Processes the PDFs in the inbox folder whose content no earlier run "
                     "has seen, and writes their records into the output folder.")
ODA_DESCRIPTION = ("Fetches the letters published on Folketinget's open data (ODA) since "
                   "the last run and writes their records into the output folder.")


def deployments(cron: str = DEFAULT_CRON, inbox: str = "inbox", out: str = "outputs",
                oda_parameters: dict | None = None, letters_per_task: int = AUTO,
                limits: Limits | None = None, oda_settings: OdaSettings | None = None) -> list:
    """The scheduled deployments: the inbox and ODA flows, each on ``cron``; only what
    differs from the flows' defaults is a parameter. (A served run loads its flow anew, so
    it runs with the flow's own task runner, whose workers ``serve_deployments`` sets.)

        >>> [d.name for d in deployments("0 6 * * *")]  # doctest: +SKIP
        ['inbox', 'oda']
    """
    out = str(Path(out).resolve())
    runs = run_parameters(letters_per_task, limits)
    if oda_settings and oda_settings != OdaSettings():
        oda_parameters = {**(oda_parameters or {}), "settings": asdict(oda_settings)}
    return [
        process_inbox.to_deployment(
            name="inbox", schedule=danish_cron(cron), description=INBOX_DESCRIPTION,
            parameters={"inbox": str(Path(inbox).resolve()), "out": out, **runs}),
        process_oda.to_deployment(
            name="oda", schedule=danish_cron(cron), description=ODA_DESCRIPTION,
            parameters={"out": out, **(oda_parameters or {}), **runs}),
    ]


def run_parameters(letters_per_task: int, limits: Limits | None) -> dict:
    """The flows' parameters for letters per task and limits, where not their defaults
    (JSON, as a deployment keeps them; the flow reads them back into ``Limits``)."""
    parameters: dict = {}
    if letters_per_task != AUTO:
        parameters["letters_per_task"] = letters_per_task
    if limits and limits != Limits():
        parameters["limits"] = asdict(limits)
    return parameters


def danish_cron(cron: str) -> Cron:
    """``cron`` read in Danish time, where the letters' readers are (Prefect's default is UTC)."""
    return Cron(cron, timezone=SCHEDULE_TIMEZONE)


def describe_deployments(found: list) -> str:
    """One line per deployment: its flow, name, schedule and parameters (``serve --dry-run``)."""
    lines = []
    for deployment in found:
        crons = [f"{getattr(s.schedule, 'cron', '?')} ({getattr(s.schedule, 'timezone', '')})"
                 for s in deployment.schedules or ()]
        lines.append(f"{deployment.flow_name}/{deployment.name} cron={','.join(crons)} "
                     f"parameters={json.dumps(deployment.parameters, ensure_ascii=False)}")
    return "\n".join(lines)


def serve_deployments(found: list, workers: int = 1, log: Path | None = None) -> None:
    """Register the deployments with Prefect and run them on schedule, each run with
    ``workers`` worker threads; blocks until stopped.

    Ctrl-C (SIGINT) and SIGTERM stop it the same way, Prefect's way for SIGTERM: a run in
    progress is cancelled (the letters it finished are in the output folder; the next run
    goes on from there), the schedules are paused, and this returns. Should that take more
    than ``STOP_WITHIN_SECONDS``, the process is ended outright (``stop_deadline``), its
    threads' stacks written to ``log``."""
    os.environ[SERVED_WORKERS_ENV] = str(workers)  # the runs' processes inherit it
    runner = ServingRunner(pause_on_shutdown=True, deadline_log=log)
    for deployment in found:
        runner.add_deployment(deployment)
    # Set before the line that says it serves, and before the runner starts (which sets
    # SIGTERM's again, to the same).
    previous = {number: signal.signal(number, runner.handle_sigterm)
                for number in (signal.SIGINT, signal.SIGTERM)}
    print("The deployments are being served, each on its schedule (Ctrl-C or SIGTERM stops "
          "serving); a run now: .venv/bin/prefect deployment run "
          f"{found[0].flow_name}/{found[0].name}", flush=True)
    try:
        asyncio.run(runner.start())
    except SystemExit:  # Prefect's own exit on a signal, as a start ends
        pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class ServingRunner(Runner):
    """Prefect's runner, stopped by a signal at any moment, and ended outright if it has not
    stopped ``STOP_WITHIN_SECONDS`` after the first.

    Prefect's own handler stops a started runner but calls ``sys.exit`` in one still
    starting, and Python's Ctrl-C cancels the runner's task from outside: either way a
    signal that came as it started could leave it serving on (seen in the test suite).
    Here both signals go through Prefect's stop, and one that comes during the start stops
    the runner as soon as it has started."""

    def __init__(self, *args, deadline_log: Path | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.deadline_log = deadline_log
        self.stop_requested = False

    def handle_sigterm(self, *args, **kwargs) -> None:
        if self.stop_requested:  # a second signal: the deadline is at most seconds away
            return
        self.stop_requested = True
        stop_deadline(STOP_WITHIN_SECONDS, self.deadline_log, lambda: self._loop)
        if self.started:
            self.schedule_stop()

    async def __aenter__(self) -> ServingRunner:
        await super().__aenter__()
        if self.stop_requested:  # signalled while starting: stop once the loops run
            self.schedule_stop()
        return self

    def schedule_stop(self) -> None:
        """Prefect's stop (cancel the runs in progress, then the polling loops), run on the
        runner's event loop: from a signal handler, the loop may be in the middle of a step."""
        if not self.stopping:  # Prefect's flag, cleared as the start begins
            self.stopping = True
            self.execute_in_background(self.astop)


def stop_deadline(seconds: float, log: Path | None,
                  loop: Callable[[], asyncio.AbstractEventLoop | None] = lambda: None
                  ) -> threading.Thread:
    """End this process ``seconds`` from now, unless it has ended by then: its threads'
    stacks, and what the tasks of the event loop ``loop()`` gives await, go to ``log``
    (the why, for a report), the processes it started in its session are stopped, and it
    exits 1 with one line. Records are written whole or not at all, so ending here loses
    nothing a run finished; a run cut short goes on at its next time."""

    def end_if_still_running() -> None:
        time.sleep(seconds)
        why = f"serve did not stop within {seconds:g} s of the signal"
        stacks_in = ""
        try:  # the report is best effort; the end is not
            with contextlib.suppress(Exception):  # a log that cannot be written, say
                if log:
                    write_stacks(log, why, loop())
                    stacks_in = f" (its threads' stacks are in {log})"
            stop_own_children()
        finally:
            print(f"{why} and was ended{stacks_in}", file=sys.stderr, flush=True)
            os._exit(1)

    watchdog = threading.Thread(target=end_if_still_running, name="serve-stop-deadline",
                                daemon=True)
    watchdog.start()
    return watchdog


def write_stacks(log: Path, why: str, loop: asyncio.AbstractEventLoop | None = None) -> None:
    """Append ``why``, every thread's stack and what each task of ``loop`` awaits to
    ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as stacks:
        stacks.write(f"{why}; its threads:\n")
        stacks.flush()
        faulthandler.dump_traceback(stacks, all_threads=True)
        for task in asyncio.all_tasks(loop) if loop else ():
            stacks.write(f"{task.get_name()} awaits:\n")
            stacks.writelines(f"  {where}\n" for where in awaited_by(task.get_coro()))


def awaited_by(coroutine) -> list[str]:
    """Where a task's coroutine is, and what it awaits, down to the innermost await."""
    places = []
    while coroutine is not None:
        frame = getattr(coroutine, "cr_frame", None) or getattr(coroutine, "ag_frame", None) \
            or getattr(coroutine, "gi_frame", None)
        if frame is not None:
            places.append(f"{frame.f_code.co_filename}:{frame.f_lineno} {frame.f_code.co_name}")
        coroutine = getattr(coroutine, "cr_await", None) or getattr(coroutine, "ag_await", None) \
            or getattr(coroutine, "gi_yieldfrom", None)
    return places


def stop_own_children(wait: float = 2.0) -> None:
    """Terminate, then kill, the processes this one started in its own session (a
    temporary Prefect server, a run's processes); a shared server, in a session of its
    own, is left to serve other runs."""
    session = os.getsid(0)
    children = []
    for child in psutil.Process().children(recursive=True):
        try:
            if os.getsid(child.pid) == session:
                children.append(child)
        except (ProcessLookupError, psutil.Error):
            continue
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _gone, alive = psutil.wait_procs(children, timeout=wait)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()

