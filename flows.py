"""Prefect flows. ``process_letters`` turns a batch of PDFs into records, one task per file.

    $ python flows.py                 # every letter in corpus/ into outputs/
    >>> summary = process_letters(["corpus"], out="outputs")  # doctest: +SKIP
    >>> summary.processed, summary.failed  # doctest: +SKIP
    (1, 0)

The flow reads nothing itself: each task runs one file through the pipeline
(``pipeline.process``) and returns a record or a failure, and the flow writes
them as they arrive, so a batch that stops keeps everything finished before.
With ``letters_per_task`` (``--letters-per-task``) a task runs several files,
one after the other, and returns each one's outcome.

``process_inbox`` and ``process_oda`` pick up new letters from an inbox folder and
from Folketinget's open data; ``python flows.py serve`` runs both on a schedule.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

# Importing pipeline first points Prefect at the project's state folder.
import pipeline  # noqa: F401

# isort: split
from prefect import flow, serve, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectConcurrentFuture, PrefectFuture, as_completed
from prefect.results import ResultRecord
from prefect.schedules import Cron
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from models import Failure
from models.record import OdaProvenance
from pipeline.limits import Limits
from pipeline.output import OutputFolder
from pipeline.prefect_history import forget_old_runs
from pipeline.process import Outcome, process_file, shared_nlp
from pipeline.sources.files import find_pdfs, read_source
from pipeline.sources.inbox import scan_inbox
from pipeline.sources.oda import (
    DANISH_TIME,
    FetchError,
    Follow,
    OdaClient,
    OdaDocument,
    OdaSettings,
    Page,
    PdfFile,
    format_time,
    matches,
    page_watermark,
)
from pipeline.store import LetterStore

# Letters submitted at a time. Prefect keeps every future of a submission, with the record it
# returned, until all of them are done: submitting in windows, two at a time (``completed``),
# keeps the flow's memory flat however long the batch, and the workers busy.
SUBMIT_WINDOW = 128

# How long a run waits for Prefect's server to record its task runs, and how often it asks.
RECORD_WAIT_SECONDS, RECORD_POLL_SECONDS = 30.0, 0.1

FACT_FAMILIES = ("amounts", "dates", "periods", "counts", "recommendations")
DASK_ADDRESS_ENV = "MINISTERBREV_DASK_ADDRESS"  # e.g. tcp://scheduler:8786


@dataclass
class RunSummary:
    """What a batch did, for the summary the CLI prints."""

    out: str
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    facts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    # Seconds per stage summed over every letter (``pipeline.timing``): workers' time, not wall.
    stage_seconds: Counter = field(default_factory=Counter)
    task_runs: int = 0  # Prefect task runs whose results the flow received
    # Wall seconds from the first letter handed to a worker to the last outcome written: the
    # run less its start-up (Prefect's server and flow run) and its end.
    working_seconds: float = 0.0

    def count(self, outcome: Outcome) -> None:
        self.stage_seconds.update(outcome.stage_seconds)
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


def group_run_name(parameters: dict) -> str:
    """How Prefect names a task run of several letters: how many, the first and the last
    (one letter's is its path, as ``process_letter``'s)."""
    paths = parameters["paths"]
    if len(paths) == 1:
        return paths[0]
    return f"{len(paths)} letters: {Path(paths[0]).name} … {Path(paths[-1]).name}"


@task(name="process-letter-group", cache_policy=NO_CACHE, task_run_name=group_run_name)
def process_letter_group(paths: list[str], password: str | None = None,
                         limits: Limits | None = None, out: str | None = None) -> list[Outcome]:
    """Several PDFs, one after the other, in one task (``--letters-per-task``); never raises
    for a bad file: each letter has its own outcome, as in ``process_letter``."""
    if out:
        configure_logging(Path(out))
    return [process_file(Path(path), password=password, limits=limits) for path in paths]


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
    letters_per_task: int = 1,
) -> RunSummary:
    """Process every PDF under ``paths`` into ``out``; unchanged files already there are skipped.

    Each document is held to ``max_pages``, ``max_seconds`` and ``max_memory_mb`` (0: no limit).
    Each is a Prefect task of its own, or ``letters_per_task`` of them share one.
    """
    summary = RunSummary(out=out)
    limits = Limits(max_pages=max_pages, seconds=max_seconds, memory_mb=max_memory_mb)
    forget_old_runs()
    with folder_and_store(out) as (folder, store):
        started = time.perf_counter()
        todo = files_to_process(find_pdfs(map(Path, paths)), folder, force, summary)
        summary.stage_seconds["finding"] += time.perf_counter() - started
        working_since = time.perf_counter()
        for outcome in completed([str(path) for path in todo], summary, limits, out,
                                 password, letters_per_task, show_progress):
            started = time.perf_counter()
            write_outcome(folder, outcome, store)
            summary.stage_seconds["writing"] += time.perf_counter() - started
            summary.count(outcome)
        summary.working_seconds = time.perf_counter() - working_since
    wait_until_recorded(summary.task_runs)
    return summary


def completed(paths: list[str], summary: RunSummary, limits: Limits, out: str,
              password: str | None = None, letters_per_task: int = 1,
              show_progress: bool = False) -> Iterator[Outcome]:
    """Run every path through the flow's task runner and yield the outcomes as tasks end;
    ``summary`` counts the task runs.

    Each letter is a Prefect task (``process_letter``), or ``letters_per_task`` letters
    share one (``process_letter_group``), which spares Prefect's cost per task run.
    Tasks are submitted ``SUBMIT_WINDOW`` letters at a time, and the next window goes in
    before the flow waits on the one before it: a worker that ends the last task of a
    window finds the next queued, and only two windows' futures and records are held.
    """
    per_task = max(1, letters_per_task)
    submissions = windows(windows(paths, per_task), max(1, SUBMIT_WINDOW // per_task))
    with progress_bar(show_progress) as progress:
        bar = progress.add_task("letters", total=len(paths))

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
                in_flight.append([submit(group, password, limits, out, shared=per_task > 1)
                                  for group in window])
            if len(in_flight) == 2:
                yield from finished(in_flight.popleft())
        while in_flight:
            yield from finished(in_flight.popleft())


def forget_result_links() -> None:
    """Drop the links from task results to their task runs that Prefect keeps in the flow
    run's context.

    Prefect links each object a task returns, and each of its fields, to the task's
    state, to tell which task a result came from when it is passed to another task. It
    keeps the links for the whole flow run: four a letter, which grew a flow's memory by
    about 9 KB a letter (+18 MiB from 1,000 to 3,000 letters). No task of ours takes
    another's result, so the links of the windows done are of no use.
    """
    context = FlowRunContext.get()
    if context is not None:
        context.run_results.clear()


def submit(paths: list[str], password: str | None, limits: Limits, out: str,
           shared: bool) -> PrefectFuture:
    """One task for ``paths``: a letter's own, or, if ``shared``, one for all of them."""
    if not shared:
        return process_letter.submit(paths[0], password, limits, out)
    return process_letter_group.submit(paths, password, limits, out)


def outcomes_of(future: PrefectFuture) -> list[Outcome]:
    """The outcomes a task returned: one letter's, or each of its letters'."""
    result = result_of(future)
    return result if isinstance(result, list) else [result]


def result_of(future: PrefectFuture) -> object:
    """What a finished task returned.

    A task of a thread or process pool hands its final state back to this process, with
    its return value in it. ``future.result()`` fetches that value through a round trip to
    Prefect's event-loop thread, 0.2-0.6 ms of CPU a letter on the cores the letters
    need, so it is read where it lies. Anything else (a task that failed, a Dask future)
    goes through ``future.result()``, which raises what the task raised.
    """
    if isinstance(future, PrefectConcurrentFuture):
        future.wait()  # keeps the final state: ``future.state`` asks no server
        state = future.state
        if state.is_completed() and isinstance(state.data, ResultRecord):
            return state.data.result
    return future.result()


def windows(items: list, size: int) -> list[list]:
    """``items`` in consecutive slices of at most ``size``."""
    return [items[start:start + size] for start in range(0, len(items), size)]


def wait_until_recorded(task_runs: int, timeout: float = RECORD_WAIT_SECONDS) -> None:
    """Wait until Prefect's server holds this flow run's ``task_runs`` task runs, ended.

    The server records task runs from the tasks' events, in batches (``pipeline.state``).
    A temporary server stops with the run; a batch still in its queue then would be
    lost, with a traceback on the screen. The wait is about a second, once per run; a
    server that does not catch up within ``timeout`` is noted in the log, not the run.
    """
    if not task_runs:
        return
    from prefect.client.orchestration import get_client
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
    deadline = time.monotonic() + timeout
    try:
        with get_client(sync_client=True) as client:
            while client.request("POST", "/task_runs/count", json=body).json() < task_runs:
                if time.monotonic() > deadline:
                    logging.getLogger("ministerbrev").warning(
                        "Prefect's server had not recorded all %d task runs after %g s",
                        task_runs, timeout)
                    return
                time.sleep(RECORD_POLL_SECONDS)
    except Exception:  # the records are Prefect's; the letters are written either way
        logging.getLogger("ministerbrev").exception("could not ask Prefect's server")


def files_to_process(pdfs: list[Path], folder: OutputFolder, force: bool, summary: RunSummary):
    """Skip files whose content already has a record, before any parsing."""
    if force:
        return pdfs
    todo = []
    for path in pdfs:
        if has_unchanged_record(folder, path):
            summary.skipped += 1
        else:
            todo.append(path)
    return todo


def has_unchanged_record(folder: OutputFolder, path: Path) -> bool:
    """Whether the file's content, found by its hash, already has its record in ``folder``."""
    try:
        return folder.has_record(read_source(path).doc_id)
    except OSError:
        return False  # the task will report why it cannot be read


@contextmanager
def folder_and_store(out: str) -> Iterator[tuple[OutputFolder, LetterStore]]:
    """The output folder and its store, as every flow writes its letters into both.

    When the flow ends without an error, the store notes how far it holds records.jsonl,
    if the file gained only this run's letters: the next run then need not read an
    archive's file through (1.6 s at 50,000 letters) to find what the store lacks.
    """
    with OutputFolder(Path(out)) as folder, LetterStore.open(Path(out)) as store:
        yield folder, store
        store.keep_up_with(folder.opened_as, folder.grown_by_new_letters_only())


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


@contextmanager
def workers_share_api_server():
    """Point worker processes started meanwhile at the temporary Prefect server this run
    already uses. Without an API address each worker would start a server of its own,
    which takes seconds of CPU per worker."""
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL

    server = SubprocessASGIServer()
    if PREFECT_API_URL.value() or not server.running:  # a configured server, or none yet
        yield
        return
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


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


def run_batch(paths: list[str], out: str = "outputs", workers: int = 1,
              dask_address: str | None = None, **options) -> RunSummary:
    """Run the flow with ``workers`` processes; what the CLI and ``python flows.py`` call.

    With ``dask_address`` (or ``MINISTERBREV_DASK_ADDRESS``) the documents run on that
    Dask cluster instead, whose workers must see the same paths.
    """
    configure_logging(Path(out))
    unchanged = None if options.get("force") else summary_if_all_unchanged(paths, out)
    if unchanged:
        return unchanged  # nothing to process: no flow run, no Prefect server to start
    dask_address = dask_address or os.environ.get(DASK_ADDRESS_ENV) or None
    if not dask_address and hasattr(os, "fork"):  # the letters' children come from here
        import_temporary_server()
        load_model_meanwhile()
    return process_letters.with_options(task_runner=task_runner(workers, dask_address))(
        paths=paths, out=out, **options
    )


def import_temporary_server() -> None:
    """Import the module Prefect starts its temporary server from (1.5 s of CPU), unless a
    server of one's own is set: done before the model starts loading in its thread, not
    beside it, the two do not take turns on the interpreter lock, and the server's process
    starts that much sooner."""
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        import prefect.server.api.server  # noqa: F401


def load_model_meanwhile() -> None:
    """Load the Danish model in a thread while the flow starts Prefect's server, seconds in
    which this process only waits. The letters' tasks find it loaded, or wait for it under
    its lock; if it fails, they meet the error themselves and report it per letter."""

    def load() -> None:
        with contextlib.suppress(Exception):
            shared_nlp()

    threading.Thread(target=load, name="model-load", daemon=True).start()


def summary_if_all_unchanged(paths: list[str], out: str) -> RunSummary | None:
    """The summary of a run in which every file already has its record, found by hashing
    alone; None as soon as a file needs processing, without hashing the rest (the flow
    hashes them again). The output folder and the store are opened as the flow opens them,
    so a store behind its records catches up all the same."""
    summary = RunSummary(out=out)
    started = time.perf_counter()
    with OutputFolder(Path(out)) as folder:
        for path in find_pdfs(map(Path, paths)):
            if not has_unchanged_record(folder, path):
                return None
            summary.skipped += 1
    with LetterStore.open(Path(out)):
        pass  # catching up is all a run with nothing to process asks of the store
    summary.stage_seconds["finding"] += time.perf_counter() - started
    return summary


LOG_SETUP = threading.Lock()


def configure_logging(out: Path) -> None:
    """Tracebacks go to ``out/ministerbrev.log``, never to the user's screen.

    Every letter's task calls it (a worker process must log there too), so it returns at
    once when the log already goes to that folder; a process that runs a batch into
    another folder after that moves its log there.
    """
    logger = logging.getLogger("ministerbrev")
    log_file = os.path.abspath(out / "ministerbrev.log")
    with LOG_SETUP:
        files = [handler for handler in logger.handlers if isinstance(handler, logging.FileHandler)]
        if [handler.baseFilename for handler in files] == [log_file]:
            return
        for handler in files:
            logger.removeHandler(handler)
            handler.close()
        out.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


# -- scheduled runs: an inbox folder and Folketinget's open data (ODA) --------------------------

INBOX_ARTIFACT, ODA_ARTIFACT = "inbox-run", "oda-run"
DEFAULT_CRON = "0 6 * * *"  # every morning at six
SCHEDULE_TIMEZONE = "Europe/Copenhagen"
FIRST_ODA_RUN_DAYS = 7  # with no watermark and no --since, ODA is read from a week back
ODA_RUN_RETRIES, ODA_RETRY_DELAY_SECONDS = 2, 300  # scheduled runs; the command fails at once
# A bug (internal), a file that could not be opened, or a reading that ran out of time may
# go through on a later run; other failures come from the content, and it has not changed.
TRY_AGAIN_CODES = frozenset({"internal", "unreadable", "timeout"})


@flow(name="process-inbox", task_runner=ThreadPoolTaskRunner(max_workers=1))
def process_inbox(
    inbox: str = "inbox",
    out: str = "outputs",
    show_progress: bool = False,
    max_pages: int = Limits.max_pages,
    max_seconds: float = Limits.seconds,
    max_memory_mb: int = Limits.memory_mb,
    letters_per_task: int = 1,
) -> RunSummary:
    """Process the PDFs in ``inbox`` whose content the store has not seen; skip the rest.

        >>> process_inbox("inbox", out="outputs").processed  # doctest: +SKIP
        2
    """
    summary, rows = RunSummary(out=out), []
    limits = Limits(max_pages=max_pages, seconds=max_seconds, memory_mb=max_memory_mb)
    forget_old_runs()
    with folder_and_store(out) as (folder, store):
        scan = scan_inbox(Path(inbox), store.processed_hashes())
        summary.skipped = len(scan.skipped)
        hashes = {str(path): sha256 for path, sha256 in scan.new}
        for outcome in completed(list(hashes), summary, limits, out,
                                 letters_per_task=letters_per_task, show_progress=show_progress):
            write_outcome(folder, outcome, store)
            mark_processed(store, "inbox", outcome, hashes.get(outcome.path))
            summary.count(outcome)
            rows.append(artifact_row(outcome))
    wait_until_recorded(summary.task_runs)
    publish_table(INBOX_ARTIFACT, rows, f"Inbox {inbox}: {summary.processed} processed, "
                  f"{summary.skipped} unchanged, {summary.failed} failed")
    return summary


# A scheduled run that fails (ODA down) is tried again: the watermark makes that safe.
@flow(name="process-oda", task_runner=ThreadPoolTaskRunner(max_workers=1),
      retries=ODA_RUN_RETRIES, retry_delay_seconds=ODA_RETRY_DELAY_SECONDS)
def process_oda(
    out: str = "outputs",
    types: list[str] | None = None,
    committees: list[str] | None = None,
    ministries: list[str] | None = None,
    since: str | None = None,
    settings: OdaSettings | None = None,
    show_progress: bool = False,
    max_pages: int = Limits.max_pages,
    max_seconds: float = Limits.seconds,
    max_memory_mb: int = Limits.memory_mb,
    letters_per_task: int = 1,
) -> RunSummary:
    """Letters published on ODA since the store's watermark (or ``since``), page by page.

    Only documents of ``types`` linked to ``committees`` and ``ministries`` are followed
    (an empty choice follows all). The watermark moves after each page's records are
    committed, so a run that dies is simply run again.

        >>> process_oda(out="outputs", types=["Brev"], committees=["Finansudvalget"])
        ... # doctest: +SKIP
    """
    summary, rows = RunSummary(out=out), []
    limits = Limits(max_pages=max_pages, seconds=max_seconds, memory_mb=max_memory_mb)
    forget_old_runs()
    follow = Follow(tuple(types or ()), tuple(committees or ()), tuple(ministries or ()))
    with OdaClient(settings) as client, folder_and_store(out) as (folder, store):
        follow = follow.resolve(client.lookups())
        start, previous = since or store.watermark("oda") or first_oda_since(), []
        for page in client.document_pages(start, follow.type_ids):
            for outcome in process_oda_page(client, page, follow, folder, store, limits, summary,
                                            letters_per_task):
                summary.count(outcome)
                rows.append(artifact_row(outcome))
            # Every record of the page is committed by now. An empty last page completes
            # the page before it.
            watermark = page_watermark(page.rows or previous, page.last)
            if watermark:
                store.set_watermark("oda", watermark)
            previous = page.rows
    wait_until_recorded(summary.task_runs)
    publish_table(ODA_ARTIFACT, rows, f"ODA since {start}: {summary.processed} processed, "
                  f"{summary.skipped} seen before, {summary.failed} failed")
    return summary


def process_oda_page(client: OdaClient, page: Page, follow: Follow, folder: OutputFolder,
                     store: LetterStore, limits: Limits, summary: RunSummary,
                     letters_per_task: int = 1):
    """Download the followed PDFs of one page, then process and commit each; yields outcomes."""
    provenance, failures, processed = {}, [], store.processed_hashes()
    for row in page.rows:
        document = followed_document(client, row, follow)
        for pdf in document.pdf_files if document else ():
            try:
                path = save_download(client, pdf, document, folder.root)
            except FetchError as error:
                failures.append(download_failure(pdf.url, error))
                continue
            if seen_before(path, folder, processed):
                summary.skipped += 1
            else:
                provenance[str(path)] = document.provenance(pdf)
    for outcome in failures:
        write_outcome(folder, outcome, store)
        yield outcome
    for outcome in completed(list(provenance), summary, limits, str(folder.root),
                             letters_per_task=letters_per_task):
        outcome = with_provenance(outcome, provenance[outcome.path])
        write_outcome(folder, outcome, store)
        mark_processed(store, "oda", outcome)
        yield outcome


def followed_document(client: OdaClient, row: dict, follow: Follow) -> OdaDocument | None:
    """The document, if it is of a followed type and has followed actors and a PDF."""
    document = client.document(row, follow.lookups, with_actors=False)
    if follow.types and not matches(follow.types, [document.type or ""]):
        return None
    if not document.pdf_files:
        return None
    document = client.document(row, follow.lookups)  # now with its committees and ministries
    return document if follow.wants_actors(document.committees, document.ministries) else None


def save_download(client: OdaClient, pdf: PdfFile, document: OdaDocument, root: Path) -> Path:
    """Download a PDF into ``OUT/oda/<dokument id>-<fil id>.pdf``, written atomically."""
    data = client.download_pdf(pdf.url)
    path = root / "oda" / f"{document.id}-{pdf.id}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return path


def seen_before(path: Path, folder: OutputFolder, processed: set[str]) -> bool:
    """True if this content was processed by an earlier run (a re-run after a crash)."""
    sha256 = read_source(path).sha256
    return sha256 in processed and folder.has_record(sha256[:16])


def download_failure(url: str, error: FetchError) -> Outcome:
    """A file ODA lists but that could not be had: a failure line, keyed by its URL."""
    message = error.message if url in error.message else f"{url}: {error.message}"
    return Outcome(path=url, failure=Failure(path=url, sha256=None, error=error.code,
                                             message=message))


def with_provenance(outcome: Outcome, provenance: OdaProvenance) -> Outcome:
    """The outcome with ``source.oda`` set on its record."""
    if not outcome.record:
        return outcome
    source = outcome.record.source.model_copy(update={"oda": provenance})
    return replace(outcome, record=outcome.record.model_copy(update={"source": source}))


def mark_processed(store: LetterStore, source: str, outcome: Outcome,
                   sha256: str | None = None) -> None:
    """Remember the content as done, record or failure, so the next run skips it.

    Failures that another run may not repeat (``TRY_AGAIN_CODES``) are not remembered.
    """
    if outcome.record:
        sha256 = outcome.record.source.sha256
    elif outcome.failure.error in TRY_AGAIN_CODES:
        return
    elif outcome.failure.sha256:
        sha256 = outcome.failure.sha256
    if sha256:
        code = "record" if outcome.record else outcome.failure.error
        store.mark_processed(sha256, source, outcome.path, code)


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


def first_oda_since() -> str:
    """Where a first ODA run starts: ``FIRST_ODA_RUN_DAYS`` back, Danish local time."""
    now = datetime.now(DANISH_TIME).replace(tzinfo=None, microsecond=0)
    return format_time(now - timedelta(days=FIRST_ODA_RUN_DAYS))


def run_inbox(inbox: str, out: str = "outputs", workers: int = 1, **options) -> RunSummary:
    """The inbox flow with ``workers`` processes; what ``ministerbrev inbox`` calls."""
    configure_logging(Path(out))
    Path(inbox).mkdir(parents=True, exist_ok=True)
    return process_inbox.with_options(task_runner=task_runner(workers))(
        inbox=inbox, out=out, **options)


def run_oda(out: str = "outputs", workers: int = 1, **options) -> RunSummary:
    """The ODA flow with ``workers`` processes; what ``ministerbrev oda`` calls.

    A user at the command line hears of a failure at once: no flow retries here.
    """
    configure_logging(Path(out))
    return process_oda.with_options(task_runner=task_runner(workers), retries=0)(
        out=out, **options)


def deployments(cron: str = DEFAULT_CRON, inbox: str = "inbox", out: str = "outputs",
                oda_parameters: dict | None = None) -> list:
    """The scheduled deployments: the inbox and ODA flows, each on ``cron``.

        >>> [d.name for d in deployments("0 6 * * *")]  # doctest: +SKIP
        ['inbox', 'oda']
    """
    return [
        process_inbox.to_deployment(name="inbox", schedule=danish_cron(cron),
                                    parameters={"inbox": str(Path(inbox).resolve()),
                                                "out": str(Path(out).resolve())}),
        process_oda.to_deployment(name="oda", schedule=danish_cron(cron),
                                  parameters={"out": str(Path(out).resolve()),
                                              **(oda_parameters or {})}),
    ]


def danish_cron(cron: str):
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


def serve_deployments(found: list) -> None:
    """Register the deployments with Prefect and run them on schedule; blocks until stopped."""
    serve(*found)


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:  # python flows.py serve [--dry-run]
        scheduled = deployments()
        if "--dry-run" in sys.argv:
            print(describe_deployments(scheduled))
        else:
            serve_deployments(scheduled)
        sys.exit(0)
    result = run_batch(sys.argv[1:] or ["corpus"], out="outputs")
    print(f"{result.processed} processed, {result.skipped} unchanged, {result.failed} failed")
