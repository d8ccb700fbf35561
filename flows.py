"""Prefect flows. ``process_letters`` turns a batch of PDFs into records, one task per file.

    $ python flows.py                 # every letter in corpus/ into outputs/
    >>> summary = process_letters(["corpus"], out="outputs")  # doctest: +SKIP
    >>> summary.processed, summary.failed  # doctest: +SKIP
    (1, 0)

The flow reads nothing itself: each task runs one file through the pipeline
(``pipeline.process``) and returns a record or a failure, and the flow writes
them as they arrive, so a batch that stops keeps everything finished before.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Importing pipeline first points Prefect at the project's state folder.
import pipeline  # noqa: F401

# isort: split
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.limits import Limits
from pipeline.output import OutputFolder
from pipeline.process import Outcome, process_file
from pipeline.sources.files import find_pdfs, read_source
from pipeline.state import state_dir
from pipeline.store import LetterStore

FACT_FAMILIES = ("amounts", "dates", "periods", "counts", "recommendations")


@dataclass
class RunSummary:
    """What a batch did, for the summary the CLI prints."""

    out: str
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    facts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        if outcome.failure:
            self.failed += 1
            self.failures.append(outcome.failure.message)
            return
        self.processed += 1
        record = outcome.record
        for family in FACT_FAMILIES:
            self.facts[family] += len(getattr(record, family))
        self.facts["case_numbers"] += len(record.letter.case_numbers)
        self.facts["question_refs"] += len(record.letter.question_refs)
        self.facts["recipients"] += len(record.letter.recipients)


@task(name="process-letter", cache_policy=NO_CACHE, task_run_name="{path}")
def process_letter(path: str, password: str | None = None, limits: Limits | None = None,
                   out: str | None = None) -> Outcome:
    """One PDF through every stage; never raises for a bad file."""
    if out:  # a worker process logs to the run's log file too
        configure_logging(Path(out))
    return process_file(Path(path), password=password, limits=limits)


@flow(name="process-letters", log_prints=False)
def process_letters(
    paths: list[str],
    out: str = "outputs",
    force: bool = False,
    password: str | None = None,
    show_progress: bool = True,
    max_pages: int = Limits.max_pages,
    max_seconds: float = Limits.seconds,
    max_memory_mb: int = Limits.memory_mb,
) -> RunSummary:
    """Process every PDF under ``paths`` into ``out``; unchanged files already there are skipped.

    Each document is held to ``max_pages``, ``max_seconds`` and ``max_memory_mb`` (0: no limit).
    """
    summary = RunSummary(out=out)
    limits = Limits(max_pages=max_pages, seconds=max_seconds, memory_mb=max_memory_mb)
    with OutputFolder(Path(out)) as folder, LetterStore.open(Path(out)) as store:
        todo = files_to_process(find_pdfs(map(Path, paths)), folder, force, summary)
        with progress_bar(show_progress) as progress:
            bar = progress.add_task("letters", total=len(todo))
            futures = [process_letter.submit(str(path), password, limits, out) for path in todo]
            for future in as_completed(futures):
                outcome = future.result()
                write_outcome(folder, outcome, store)
                summary.count(outcome)
                progress.advance(bar)
    return summary


def files_to_process(pdfs: list[Path], folder: OutputFolder, force: bool, summary: RunSummary):
    """Skip files whose content already has a record, before any parsing."""
    if force:
        return pdfs
    todo = []
    for path in pdfs:
        try:
            unchanged = folder.has_record(read_source(path).doc_id)
        except OSError:
            unchanged = False  # the task will report why it cannot be read
        if unchanged:
            summary.skipped += 1
        else:
            todo.append(path)
    return todo


def write_outcome(folder: OutputFolder, outcome: Outcome, store: LetterStore | None = None) -> None:
    """Write one letter's record or failure; the store, if given, commits it at once."""
    if outcome.record:
        folder.write_record(outcome.record)
        if store:
            store.put_record(outcome.record)
    else:
        folder.write_failure(outcome.failure)
        if store:
            store.put_failure(outcome.failure)


def progress_bar(visible: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
        disable=not visible,
    )


def task_runner(workers: int):
    """Threads cannot share pdfplumber, so parallel work runs in processes."""
    if workers > 1:
        return ProcessPoolTaskRunner(max_workers=workers)
    return ThreadPoolTaskRunner(max_workers=1)


def run_batch(paths: list[str], out: str = "outputs", workers: int = 1, **options) -> RunSummary:
    """Run the flow with ``workers`` processes; what the CLI and ``python flows.py`` call."""
    configure_logging(Path(out))
    return process_letters.with_options(task_runner=task_runner(workers))(
        paths=paths, out=out, **options
    )


def configure_logging(out: Path) -> None:
    """Tracebacks go to a log file, never to the user's screen."""
    out.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger("ministerbrev")
    if not logger.handlers:
        handler = logging.FileHandler(out / "ministerbrev.log", encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    state_dir().mkdir(parents=True, exist_ok=True)


if __name__ == "__main__":
    result = run_batch(sys.argv[1:] or ["corpus"], out="outputs")
    print(f"{result.processed} processed, {result.skipped} unchanged, {result.failed} failed")
