"""What a Prefect task run costs by itself: CPU per task in this process and in the server.

    $ .venv/bin/python benchmarks/prefect_cost.py            # 1,000 tasks that do nothing
    $ .venv/bin/python benchmarks/prefect_cost.py --tasks 300

A flow submits tasks that do nothing through the same kind of task runner as
``--workers 2`` (``ThreadPoolTaskRunner``), with the project's Prefect settings
(``pipeline.state``), against the temporary server a run starts. It prints the
CPU milliseconds per task spent in this process (Prefect's task engine and its
events client) and in the server (taking the events in and recording the task
runs), after a warm-up, so that start-up is not counted. The server's database is
a fresh one in a temporary folder (set ``MINISTERBREV_STATE_DIR`` to measure
another). This is what ``--letters-per-task`` spares: with one task per letter,
every letter pays it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, not an install

# A fresh Prefect database, unless MINISTERBREV_STATE_DIR names one: the server's cost per
# task grows with the task runs its database holds (pipeline.run.history.forget_old_runs).
FRESH_STATE = tempfile.mkdtemp(prefix="ministerbrev-prefect-cost-")
os.environ.setdefault("MINISTERBREV_STATE_DIR", FRESH_STATE)

# Prefect gets the project's settings before it is imported, as in a real run.
from pipeline.run.settings import apply_run_settings  # noqa: E402, I001

apply_run_settings()

import psutil  # noqa: E402
from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from pipeline.run.prefect_fixes import wait_until_recorded  # noqa: E402

WARM_UP_TASKS = 20


@task(cache_policy=NO_CACHE)
def nothing(number: int) -> int:
    return number


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def children_cpu_seconds() -> float:
    """CPU seconds of this process's children: Prefect's temporary server."""
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


@flow(name="prefect-cost", task_runner=ThreadPoolTaskRunner(max_workers=2))
def many_tasks(count: int) -> tuple[float, float, float]:
    """CPU seconds in this process and in the server, and wall seconds, for ``count`` tasks."""
    [future.result() for future in [nothing.submit(n) for n in range(WARM_UP_TASKS)]]
    wait_until_recorded(WARM_UP_TASKS)
    own, server, started = own_cpu_seconds(), children_cpu_seconds(), time.perf_counter()
    [future.result() for future in [nothing.submit(n) for n in range(count)]]
    wait_until_recorded(WARM_UP_TASKS + count)  # the server's share is done by then
    return (own_cpu_seconds() - own, children_cpu_seconds() - server,
            time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=1000, help="tasks to time (default 1000)")
    count = parser.parse_args().tasks
    try:
        own, server, wall = many_tasks(count)
    finally:
        shutil.rmtree(FRESH_STATE, ignore_errors=True)
    print(f"{count} task runs that do nothing, 2 task threads:")
    for label, cpu in [("this process (task engine, events client)", own),
                       ("Prefect's server (events, task-run records)", server),
                       ("together", own + server)]:
        print(f"  {label:45} {1000 * cpu / count:5.1f} ms of CPU a task")
    print(f"  {'wall, two task threads':45} {1000 * wall / count:5.1f} ms a task")


if __name__ == "__main__":
    main()
