"""The letters' Prefect tasks, and how a flow hands them out and takes their outcomes back.

    >>> for outcome in completed({"corpus/letters/a.pdf": None}, summary, options):
    ... # doctest: +SKIP
    ...     archive.write(outcome)

Each letter is a task (``process_letter``), or ``letters_per_task`` letters share one
(``process_letter_group``), which spares Prefect's cost per task run. A task never
raises for a bad file: each letter comes back as an ``Outcome``, record or failure.
"""

from __future__ import annotations

import asyncio
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.limits import Limits
from pipeline.process import Outcome, process_file
from pipeline.run.batch import RunSummary, Todo
from pipeline.run.logs import configure_logging
from pipeline.run.prefect_fixes import forget_result_links, result_of, workers_share_api_server

# How long a run waits to reach a Dask scheduler before it gives up, in seconds.
SCHEDULER_TIMEOUT = 5
# Letters submitted at a time. Prefect keeps every future of a submission, with the record it
# returned, until all of them are done: submitting in windows, two at a time (``completed``),
# keeps the flow's memory flat however long the batch, and the workers busy.
SUBMIT_WINDOW = 128
# ``letters_per_task`` of 0: one task per letter for a batch of up to ``ONE_TASK_EACH_UP_TO``
# letters, where Prefect's cost per task run (about 7 ms of CPU beside a letter's 52) adds
# up to little and its UI shows each letter; groups of ``GROUP_SIZE`` beyond, where that
# cost would take a tenth of a large batch's time from the letters (docs/benchmarks.md).
AUTO, ONE_TASK_EACH_UP_TO, GROUP_SIZE = 0, 100, 16
# With ``AUTO``, the groups at a batch's end shrink to a ``TAPER``-th of the letters left:
# whichever worker ends first would otherwise wait, idle, for the other's last full group
# (about half a group's time, 0.4 s at 16 letters), and the last tasks are then a letter or
# two each.
TAPER = 4


@dataclass(frozen=True)
class RunOptions:
    """What every letter of a run is processed with, built once at the flow's start.

        >>> RunOptions(out="outputs", limits=Limits(max_pages=50)).limits.max_pages
        50
    """

    out: str
    limits: Limits = Limits()
    password: str | None = None
    letters_per_task: int = AUTO
    show_progress: bool = False


@task(name="process-letter", cache_policy=NO_CACHE, task_run_name="{path}")
def process_letter(path: str, password: str | None = None, limits: Limits | None = None,
                   out: str | None = None, sha256: str | None = None) -> Outcome:
    """One PDF through every stage; never raises for a bad file. ``sha256`` is the file's
    hash when the flow already took it."""
    if out:  # a worker process logs to the run's log file too
        configure_logging(Path(out))
    return process_file(Path(path), password=password, limits=limits, sha256=sha256)


def group_run_name(parameters: dict) -> str:
    """How Prefect names a task run of several letters: how many, the first and the last
    (one letter's is its path, as ``process_letter``'s).

        >>> group_run_name({"paths": ["in/a.pdf", "in/b.pdf"]})
        '2 letters: a.pdf … b.pdf'
    """
    paths = parameters["paths"]
    if len(paths) == 1:
        return paths[0]
    return f"{len(paths)} letters: {Path(paths[0]).name} … {Path(paths[-1]).name}"


@task(name="process-letter-group", cache_policy=NO_CACHE, task_run_name=group_run_name)
def process_letter_group(paths: list[str], password: str | None = None,
                         limits: Limits | None = None, out: str | None = None,
                         hashes: list[str | None] | None = None) -> list[Outcome]:
    """Several PDFs, one after the other, in one task (``--letters-per-task``); never raises
    for a bad file: each letter has its own outcome, as in ``process_letter``."""
    if out:
        configure_logging(Path(out))
    hashes = hashes or [None] * len(paths)
    return [process_file(Path(path), password=password, limits=limits, sha256=sha256)
            for path, sha256 in zip(paths, hashes, strict=True)]


def completed(todo: Todo, summary: RunSummary, options: RunOptions) -> Iterator[Outcome]:
    """Run every file of ``todo`` through the flow's task runner and yield the outcomes as
    tasks end; ``summary`` counts the task runs.

    Tasks are submitted ``SUBMIT_WINDOW`` letters at a time, and the next window goes in
    before the flow waits on the one before it: a worker that ends the last task of a
    window finds the next queued, and only two windows' futures and records are held.
    """
    per_task = letters_per_task_for(len(todo), options.letters_per_task)
    groups = task_groups(list(todo.items()), per_task,
                         tapered=options.letters_per_task == AUTO and per_task > 1)
    submissions = windows(groups, max(1, SUBMIT_WINDOW // per_task))
    with progress_bar(options.show_progress) as progress:
        bar = progress.add_task("letters", total=len(todo))

        def finished(futures: list[PrefectFuture]) -> Iterator[Outcome]:
            for future in as_completed(futures):
                summary.task_runs += 1
                for outcome in outcomes_of(future):
                    yield outcome
                    progress.advance(bar)
            forget_result_links()

        in_flight: deque[list[PrefectFuture]] = deque()
        for window in submissions:
            with workers_share_api_server():
                in_flight.append([submit(group, options, shared=per_task > 1)
                                  for group in window])
            if len(in_flight) == 2:
                yield from finished(in_flight.popleft())
        while in_flight:
            yield from finished(in_flight.popleft())


def letters_per_task_for(letters: int, asked: int) -> int:
    """The letters each task gets in a batch of ``letters``: ``asked``, or with ``AUTO``
    one each for a small batch and ``GROUP_SIZE`` for a large one.

        >>> letters_per_task_for(40, AUTO), letters_per_task_for(1000, AUTO)
        (1, 16)
        >>> letters_per_task_for(1000, 1)
        1
    """
    if asked >= 1:
        return asked
    return 1 if letters <= ONE_TASK_EACH_UP_TO else GROUP_SIZE


def submit(group: list[tuple[str, str | None]], options: RunOptions,
           shared: bool) -> PrefectFuture:
    """One task for the (path, hash) pairs of ``group``: a letter's own, or, if ``shared``,
    one for all of them."""
    paths = [path for path, _sha256 in group]
    hashes = [sha256 for _path, sha256 in group]
    arguments = (options.password, options.limits, options.out)
    if not shared:
        return process_letter.submit(paths[0], *arguments, sha256=hashes[0])
    return process_letter_group.submit(paths, *arguments, hashes=hashes)


def outcomes_of(future: PrefectFuture) -> list[Outcome]:
    """The outcomes a task returned: one letter's, or each of its letters'."""
    result = result_of(future)
    return result if isinstance(result, list) else [result]


def task_groups(items: list, size: int, tapered: bool) -> list[list]:
    """``items`` in groups of ``size``, one task each; if ``tapered``, the groups near the
    end hold at most a ``TAPER``-th of what is left, so that the workers end together.

        >>> [len(group) for group in task_groups(list(range(40)), 8, tapered=False)]
        [8, 8, 8, 8, 8]
        >>> [len(group) for group in task_groups(list(range(40)), 8, tapered=True)]
        [8, 8, 6, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1]
    """
    if not tapered:
        return windows(items, size)
    groups, start = [], 0
    while start < len(items):
        left = len(items) - start
        end = start + max(1, min(size, left // TAPER))
        groups.append(items[start:end])
        start = end
    return groups


def windows(items: list, size: int) -> list[list]:
    """``items`` in consecutive slices of at most ``size``.

        >>> windows([1, 2, 3], 2)
        [[1, 2], [3]]
    """
    return [items[start:start + size] for start in range(0, len(items), size)]


def progress_bar(visible: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
        disable=not visible,
    )


def task_runner(workers: int, dask_address: str | None = None):
    """Where the letters' tasks run: threads of this process locally, or the Dask cluster
    whose scheduler is at ``dask_address`` (``tcp://host:8786``).

    Threads are enough locally because no letter is worked on in them: each thread hands
    its letters to a child process of its own (``pipeline.limits.child_for``), forked with
    the model loaded, so ``workers`` letters are read and analysed at once in as many
    processes (pdfplumber is not thread-safe; it never runs in two threads of a process).
    A pool of worker processes would pay Prefect's set-up of every task again in each one.
    Where processes cannot fork, the work runs in the task itself: a process pool then.
    """
    if dask_address:
        from prefect_dask import DaskTaskRunner  # the [dask] extra; only where it is used

        return DaskTaskRunner(address=dask_address)
    if workers > 1 and not hasattr(os, "fork"):
        return ProcessPoolTaskRunner(max_workers=workers)
    return ThreadPoolTaskRunner(max_workers=workers)


class SchedulerUnreachable(Exception):
    """The Dask scheduler of ``--dask-address`` could not be reached (or Dask is missing)."""


def reach_scheduler(address: str, timeout: float = SCHEDULER_TIMEOUT) -> None:
    """Connect to the Dask scheduler at ``address`` and let go again, before a flow starts,
    so that an address nobody answers at is one line, not a failed flow.

    Raises ``SchedulerUnreachable`` saying why.
    """
    try:
        from distributed.comm import connect  # the [dask] extra
    except ImportError:
        raise SchedulerUnreachable("--dask-address needs Dask: pip install -e '.[dask]'") from None

    async def knock() -> None:
        comm = await connect(address, timeout=timeout)
        await comm.close()

    try:
        asyncio.run(knock())
    except (OSError, ValueError, TypeError) as error:
        raise SchedulerUnreachable(
            f"Dask: could not reach the scheduler at {address}: {error}") from None
