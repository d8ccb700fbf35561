"""The Prefect flows: ``process_letters`` over PDFs a user names, ``process_inbox`` over an
inbox folder, ``process_oda`` over Folketinget's open data; and the calls that start them.

    >>> summary = run_batch(["corpus"], out="outputs")  # doctest: +SKIP
    >>> summary.processed, summary.failed  # doctest: +SKIP
    (1, 0)

A flow reads no letter itself: each task runs one file (or ``letters_per_task`` files)
through the pipeline (``pipeline.process``) and returns a record or a failure, and the
flow writes each into the archive as it arrives, so a batch that stops keeps everything
finished before. Whoever starts a flow applies the run's settings first
(``pipeline.run.settings``).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from prefect import flow
from prefect.artifacts import create_table_artifact
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline.limits import Limits
from pipeline.process import Outcome, shared_nlp
from pipeline.run.archive import Archive
from pipeline.run.batch import (
    KNOWN_HASHES,
    RunSummary,
    inbox_summary_if_nothing_new,
    plan_batch,
    summary_if_all_unchanged,
)
from pipeline.run.history import forget_old_runs
from pipeline.run.logs import configure_logging
from pipeline.run.prefect_fixes import (
    heartbeats_stop_at_once,
    import_temporary_server,
    temporary_server_ends_with_run,
    wait_until_recorded,
)
from pipeline.run.tasks import AUTO, RunOptions, completed, task_runner
from pipeline.sources.inbox import scan_inbox
from pipeline.sources.oda import Follow, OdaClient, OdaSettings, ResultPage, page_watermark
from pipeline.sources.oda.steps import download_page, first_oda_since, with_provenance

DASK_ADDRESS_ENV = "MINISTERBREV_DASK_ADDRESS"  # e.g. tcp://scheduler:8786
# Worker threads of a scheduled run. A served run loads this module anew, in a process of
# its own that inherits the environment of ``serve``, which sets it (``serve --workers``).
SERVED_WORKERS_ENV = "MINISTERBREV_SERVED_WORKERS"


def served_workers() -> int:
    """The worker threads a scheduled run gets: ``SERVED_WORKERS_ENV``, or 1.

        >>> served_workers()  # doctest: +SKIP
        1
    """
    value = os.environ.get(SERVED_WORKERS_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else 1
PROCESS_ARTIFACT, INBOX_ARTIFACT, ODA_ARTIFACT = "process-run", "inbox-run", "oda-run"
ODA_RUN_RETRIES, ODA_RETRY_DELAY_SECONDS = 2, 300  # scheduled runs; the command fails at once


def run_options(out: str, limits: Limits | None, letters_per_task: int, show_progress: bool,
                password: str | None = None) -> RunOptions:
    """What a flow's letters are processed with, from the flow's parameters."""
    return RunOptions(out=out, limits=limits or Limits(), password=password,
                      letters_per_task=letters_per_task, show_progress=show_progress)


@flow(name="process-letters", log_prints=False)
def process_letters(
    paths: list[str],
    out: str = "outputs",
    force: bool = False,
    password: str | None = None,
    show_progress: bool = True,
    limits: Limits | None = None,
    letters_per_task: int = AUTO,
) -> RunSummary:
    """Process every PDF under ``paths`` into ``out``; unchanged files already there are skipped.

    Each document is held to ``limits`` (``Limits()``'s defaults when none are given).
    Each is a Prefect task of its own, or ``letters_per_task`` of them share one; the
    run's table artifact lists every letter all the same.
    """
    options = run_options(out, limits, letters_per_task, show_progress, password)
    summary, rows = RunSummary(out=out), []
    forget_old_runs()
    with Archive(out) as archive:
        started = time.perf_counter()
        batch = plan_batch(paths, archive, force)
        summary.skipped = batch.skipped
        summary.stage_seconds["finding"] += time.perf_counter() - started
        working_since = time.perf_counter()
        for outcome in completed(batch.todo, summary, options):
            started = time.perf_counter()
            archive.write(outcome)
            summary.stage_seconds["writing"] += time.perf_counter() - started
            summary.count(outcome)
            rows.append(artifact_row(outcome))
        summary.working_seconds = time.perf_counter() - working_since
    wait_until_recorded(summary.task_runs)
    publish_table(PROCESS_ARTIFACT, rows, f"Letters into {out}: {summary.processed} "
                  f"processed, {summary.skipped} unchanged, {summary.failed} failed")
    return summary


@flow(name="process-inbox", task_runner=ThreadPoolTaskRunner(max_workers=served_workers()))
def process_inbox(
    inbox: str = "inbox",
    out: str = "outputs",
    show_progress: bool = False,
    limits: Limits | None = None,
    letters_per_task: int = AUTO,
) -> RunSummary:
    """Process the PDFs in ``inbox`` whose content the store has not seen; skip the rest.

        >>> process_inbox("inbox", out="outputs").processed  # doctest: +SKIP
        2
    """
    options = run_options(out, limits, letters_per_task, show_progress)
    summary, rows = RunSummary(out=out), []
    forget_old_runs()
    with Archive(out) as archive:
        scan = scan_inbox(Path(inbox), archive.store.processed_hashes(), KNOWN_HASHES.sha256)
        summary.skipped = len(scan.skipped)
        todo = {str(path): sha256 for path, sha256 in scan.new}
        for outcome in completed(todo, summary, options):
            archive.write(outcome)
            archive.remember("inbox", outcome, todo.get(outcome.path))
            summary.count(outcome)
            rows.append(artifact_row(outcome))
    wait_until_recorded(summary.task_runs)
    publish_table(INBOX_ARTIFACT, rows, f"Inbox {inbox}: {summary.processed} processed, "
                  f"{summary.skipped} unchanged, {summary.failed} failed")
    return summary


# A scheduled run that fails (ODA down) is tried again: the watermark makes that safe.
@flow(name="process-oda", task_runner=ThreadPoolTaskRunner(max_workers=served_workers()),
      retries=ODA_RUN_RETRIES, retry_delay_seconds=ODA_RETRY_DELAY_SECONDS)
def process_oda(
    out: str = "outputs",
    types: list[str] | None = None,
    committees: list[str] | None = None,
    ministries: list[str] | None = None,
    since: str | None = None,
    settings: OdaSettings | None = None,
    show_progress: bool = False,
    limits: Limits | None = None,
    letters_per_task: int = AUTO,
) -> RunSummary:
    """Letters published on ODA since the store's watermark (or ``since``), page by page.

    Only documents of ``types`` linked to ``committees`` and ``ministries`` are followed
    (an empty choice follows all). The watermark moves after each page's records are
    committed, so a run that dies is simply run again.

        >>> process_oda(out="outputs", types=["Brev"], committees=["Finansudvalget"])
        ... # doctest: +SKIP
    """
    # Each page has its own tasks: no one progress bar.
    options = run_options(out, limits, letters_per_task, show_progress=False)
    summary, rows = RunSummary(out=out), []
    forget_old_runs()
    follow = Follow(tuple(types or ()), tuple(committees or ()), tuple(ministries or ()))
    with OdaClient(settings) as client, Archive(out) as archive:
        follow = follow.resolve(client.lookups())
        start, previous = since or archive.watermark("oda") or first_oda_since(), []
        for page in client.document_pages(start, follow.type_ids):
            for outcome in process_oda_page(client, page, follow, archive, options, summary):
                summary.count(outcome)
                rows.append(artifact_row(outcome))
            # Every record of the page is committed by now. An empty last page completes
            # the page before it.
            watermark = page_watermark(page.rows or previous, page.last)
            if watermark:
                archive.set_watermark("oda", watermark)
            previous = page.rows
    wait_until_recorded(summary.task_runs)
    publish_table(ODA_ARTIFACT, rows, f"ODA since {start}: {summary.processed} processed, "
                  f"{summary.skipped} seen before, {summary.failed} failed")
    return summary


def process_oda_page(client: OdaClient, page: ResultPage, follow: Follow, archive: Archive,
                     options: RunOptions, summary: RunSummary) -> Iterator[Outcome]:
    """Download the followed PDFs of one page, then process and commit each; yields outcomes."""
    downloads = download_page(client, page, follow, archive.folder.root,
                              archive.processed_before)
    summary.skipped += downloads.seen_before
    for outcome in downloads.failures:
        archive.write(outcome)
        yield outcome
    for outcome in completed(downloads.todo, summary, options):
        outcome = with_provenance(outcome, downloads.provenance[outcome.path])
        archive.write(outcome)
        archive.remember("oda", outcome)
        yield outcome


def artifact_row(outcome: Outcome) -> dict:
    """One line of a run's table artifact."""
    if outcome.failure:
        return {"file": outcome.path, "doc_id": "", "outcome": outcome.failure.error,
                "date": "", "ministry": "", "oda_dokument": "", "message": outcome.failure.message}
    record = outcome.record
    oda = record.source.oda
    return {"file": outcome.path, "doc_id": record.doc_id, "outcome": "record",
            "date": record.letter.date or "", "ministry": record.letter.sender.ministry or "",
            "oda_dokument": oda.dokument_id if oda else "", "message": ""}


def publish_table(key: str, rows: list[dict], description: str) -> None:
    """Leave what the run processed as a table artifact in Prefect's UI."""
    table = rows or [{"file": "", "outcome": "nothing new"}]
    create_table_artifact(table=table, key=key, description=description)


# -- starting a flow: what the CLI and ``python flows.py`` call --------------------------------


def run_batch(paths: list[str], out: str = "outputs", workers: int = 1,
              dask_address: str | None = None, unchanged_checked: bool = False,
              **options) -> RunSummary:
    """Run ``process_letters`` with ``workers`` worker threads, each with its child process.

    With ``dask_address`` (or ``MINISTERBREV_DASK_ADDRESS``) the documents run on that
    Dask cluster instead, whose workers must see the same paths. A batch whose files all
    have their records already starts no flow (and no Prefect server) at all; a caller
    that asked ``summary_if_all_unchanged`` itself, before it imported Prefect, says so
    with ``unchanged_checked``.
    """
    configure_logging(Path(out))
    try:
        unchanged = None if options.get("force") or unchanged_checked else \
            summary_if_all_unchanged(paths, out)
        if unchanged:
            return unchanged
        dask_address = dask_address or os.environ.get(DASK_ADDRESS_ENV) or None
        temporary_server_ends_with_run()
        heartbeats_stop_at_once()
        if not dask_address and hasattr(os, "fork"):  # the letters' children come from here
            import_temporary_server()
            load_model_meanwhile()
        return process_letters.with_options(task_runner=task_runner(workers, dask_address))(
            paths=paths, out=out, **options)
    finally:
        KNOWN_HASHES.clear()  # they served this run's plan


def run_inbox(inbox: str, out: str = "outputs", workers: int = 1,
              unchanged_checked: bool = False, **options) -> RunSummary:
    """The inbox flow with ``workers`` worker threads; what ``ministerbrev inbox`` calls.

    The folder must exist (``ministerbrev inbox --create`` makes it). An inbox with nothing
    new starts no flow (``inbox_summary_if_nothing_new``; ``unchanged_checked`` as for
    ``run_batch``).
    """
    configure_logging(Path(out))
    try:
        if not unchanged_checked and (nothing_new := inbox_summary_if_nothing_new(inbox, out)):
            return nothing_new
        temporary_server_ends_with_run()
        heartbeats_stop_at_once()
        return process_inbox.with_options(task_runner=task_runner(workers))(
            inbox=inbox, out=out, **options)
    finally:
        KNOWN_HASHES.clear()  # they served this run's scan


def run_oda(out: str = "outputs", workers: int = 1, **options) -> RunSummary:
    """The ODA flow with ``workers`` worker threads; what ``ministerbrev oda`` calls.

    A user at the command line hears of a failure at once: no flow retries here.
    """
    configure_logging(Path(out))
    temporary_server_ends_with_run()
    heartbeats_stop_at_once()
    return process_oda.with_options(task_runner=task_runner(workers), retries=0)(
        out=out, **options)


def load_model_meanwhile() -> None:
    """Load the Danish model in a thread while the flow starts Prefect's server, seconds in
    which this process only waits. The letters' tasks find it loaded, or wait for it under
    its lock; if it fails, they meet the error themselves and report it per letter."""

    def load() -> None:
        with contextlib.suppress(Exception):
            shared_nlp()

    threading.Thread(target=load, name="model-load", daemon=True).start()
