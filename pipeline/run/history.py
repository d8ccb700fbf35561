"""The history in the state folder's Prefect database: what a run keeps of earlier runs,
and what it forgets.

A run without a Prefect server of its own uses the shared server
(``pipeline.run.shared_server``) or starts a temporary one, both over the database in the
state folder (``pipeline.run.settings``), and every run adds a flow run and its task
runs to it. At its start, each flow calls ``forget_old_runs``: it labels its own flow run with
its process, ends the flow runs whose process was killed, and deletes the runs that ended
longer ago than the history keeps.

    >>> forget_old_runs()  # doctest: +SKIP
    0
"""

from __future__ import annotations

import logging
import os
import socket
import time
from datetime import datetime, timedelta

from pipeline.run.shared_server import SHARED_URL_ENV
from pipeline.state import history_days

# How long a run spends at most deleting Prefect's old runs before it starts on its letters.
FORGET_SECONDS = 10.0


def forget_old_runs(budget: float = FORGET_SECONDS) -> int:
    """Delete the flow runs, with their task runs, of the temporary or shared Prefect server
    (``pipeline.run.shared_server``) that ended more than ``MINISTERBREV_PREFECT_HISTORY_DAYS``
    days ago (7; 0 keeps only runs still going), oldest first; return how many. A Prefect
    server of your own (``PREFECT_API_URL``) keeps its history: that is yours to manage.

    First the flow run this is called from is labelled with its process, and the runs
    whose process was killed are ended (``end_runs_whose_process_is_gone``): otherwise
    they would stay Running, with no end time to be forgotten by.

    Why: for each batch of events, the server's task-run recorder looks up the task runs
    it is about to record with a query that SQLite answers by reading the whole task-run
    table. A letter's Prefect cost therefore grows with every task run kept.

    Deleting is mostly waiting on the disk, so a run stops after ``budget`` seconds and
    leaves the rest to the runs after it. The figures: ``docs/benchmarks.md``, "Where the
    figures behind the design come from".
    """
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value() and PREFECT_API_URL.value() != os.environ.get(SHARED_URL_ENV):
        return 0
    cutoff = datetime.now().astimezone() - timedelta(days=history_days())
    deadline = time.monotonic() + budget
    log = logging.getLogger("ministerbrev")
    try:
        with get_client(sync_client=True) as client:
            label_with_this_process(client)
            if ended := end_runs_whose_process_is_gone(client):
                log.info("marked %d Prefect flow runs crashed: their process was killed", ended)
            deleted = delete_flow_runs_ended_before(client, cutoff, deadline)
    except Exception:  # Prefect's history is Prefect's; the letters are processed either way
        log.exception("could not forget Prefect's old runs")
        return 0
    if deleted:
        log.info("deleted %d Prefect flow runs that ended before %s%s", deleted,
                 cutoff.isoformat(timespec="seconds"),
                 " (time was up: the next run goes on)" if time.monotonic() >= deadline else "")
    return deleted


# The label on a flow run that names the process running it ("machine:pid"), so that a
# later run can tell a run whose process was killed from one still going beside it.
PROCESS_LABEL = "ministerbrev.process"


def this_machine() -> str:
    """This host and, on Linux, its pid namespace: two containers may share a host name and
    a state folder, but not their process numbers. ``myhost/4026531836``, or ``myhost``."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")  # "pid:[4026531836]"
    except OSError:
        return socket.gethostname()
    return f"{socket.gethostname()}/{namespace.removeprefix('pid:[').removesuffix(']')}"


def this_process() -> str:
    return f"{this_machine()}:{os.getpid()}"


def label_with_this_process(client) -> None:
    """Label the flow run this is called from (if any) with this process."""
    from prefect.context import FlowRunContext

    if context := FlowRunContext.get():
        client.update_flow_run_labels(context.flow_run.id, {PROCESS_LABEL: this_process()})


def end_runs_whose_process_is_gone(client) -> int:
    """Mark Crashed the flow runs still Running whose process has ended; return how many.

    A process that ends in any other way than being killed ends its flow run itself.
    Crashed is a final state: the server gives the run its end time, and the history
    forgets it with the others. Runs without the label (from before it, or labelled a
    moment from now) are left as they are.
    """
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.states import Crashed

    running = FlowRunFilter(state=FlowRunFilterState(
        type=FlowRunFilterStateType(any_=[StateType.RUNNING])))
    ended = 0
    for flow_run in client.read_flow_runs(flow_run_filter=running):
        if process_is_gone(flow_run.labels.get(PROCESS_LABEL), flow_run.start_time):
            client.set_flow_run_state(flow_run.id, Crashed(
                message="its process ended without ending it (killed)"), force=True)
            ended += 1
    return ended


def process_is_gone(process: str | None, since: datetime | None) -> bool:
    """Whether the process named ``machine:pid``, running since ``since``, has ended.

    A process on another machine (``this_machine``), or one not named, is taken to be
    going. A pid now held by a process that started later was given again: the process
    named is gone.

        >>> process_is_gone(this_process(), datetime.now().astimezone())
        False
    """
    import psutil

    machine, _, pid = (process or "").rpartition(":")
    if machine != this_machine() or not pid.isdigit() or since is None:
        return False
    try:
        started = psutil.Process(int(pid)).create_time()
    except psutil.NoSuchProcess:
        return True
    return started > since.timestamp()


def delete_flow_runs_ended_before(client, cutoff: datetime, deadline: float,
                                  page: int = 50) -> int:
    """Delete the flow runs that ended before ``cutoff``, oldest first, until there are
    none left or ``deadline`` (``time.monotonic``) has passed; the server deletes their
    task runs and states with them."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterEndTime
    from prefect.client.schemas.sorting import FlowRunSort

    ended_before = FlowRunFilter(end_time=FlowRunFilterEndTime(before_=cutoff))
    deleted = 0
    while time.monotonic() < deadline and (old := client.read_flow_runs(
            flow_run_filter=ended_before, sort=FlowRunSort.EXPECTED_START_TIME_ASC,
            limit=page)):
        for flow_run in old:
            if time.monotonic() >= deadline:
                break
            client.delete_flow_run(flow_run.id)
            deleted += 1
    return deleted
