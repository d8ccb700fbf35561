"""The commands that run letters through the pipeline: ``process``, ``inbox``, ``oda``, ``serve``.

Each applies the run's settings before it imports the run package, which imports Prefect:
Prefect reads its settings once, when first imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from pipeline.cli.common import (
    check_out,
    command,
    console,
    fail,
    reach_dask,
    shown,
    use_prefect_server,
)
from pipeline.limits import Limits
from pipeline.run.settings import apply_run_settings

Workers = Annotated[int, typer.Option(
    min=1, help="Letters processed at once: each worker is a thread with a forked child "
    "process for its letters (one per core)")]
Out = Annotated[Path, typer.Option("--out", callback=check_out, help="Output folder")]
MaxPages = Annotated[int, typer.Option(
    min=0, help="Fail documents with more pages (0: no limit)")]
MaxSeconds = Annotated[float, typer.Option(
    min=0, help="Stop reading a document after this long (0: no limit)")]
MaxMemoryMb = Annotated[int, typer.Option(
    min=0, help="Memory reading one document may take, MiB (0: no limit)")]
MaxFileMb = Annotated[int, typer.Option(
    min=0, help="Fail files larger than this, MiB, before reading them (0: no limit)")]
BaseUrl = Annotated[str, typer.Option(help="ODA's address")]
AllowHosts = Annotated[list[str] | None, typer.Option(
    "--allow-host", help="A host downloads may go to (default oda.ft.dk and www.ft.dk); "
    "repeatable")]
AllowLoopbackHttp = Annotated[bool, typer.Option(
    help="Tests and development only: allow plain http to 127.0.0.1/localhost")]
MaxDownloadMb = Annotated[int, typer.Option(min=1, help="Largest file to download, MiB")]
Timeout = Annotated[float, typer.Option(min=1, help="Seconds a request may wait")]
Retries = Annotated[int, typer.Option(min=0, help="Tries again after a 5xx or a timeout")]
LettersPerTask = Annotated[int, typer.Option(
    min=0, help="Letters per Prefect task: 1 shows every letter as a task run of its own; "
    "16 or so spares Prefect's cost per task run, which counts on a machine with few cores; "
    "0 (the default): 1 for a batch of up to 100 letters, 16 beyond (fewer in the last "
    "tasks, so that the workers end together)")]


@command
def process(
    paths: Annotated[list[Path], typer.Argument(help="PDFs or folders (searched recursively)")],
    out: Out = Path("outputs"),
    workers: Workers = 1,
    force: Annotated[bool, typer.Option(help="Process files that already have a record")] = False,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs")] = None,
    max_pages: MaxPages = Limits.max_pages,
    max_seconds: MaxSeconds = Limits.seconds,
    max_memory_mb: MaxMemoryMb = Limits.memory_mb,
    max_file_mb: MaxFileMb = Limits.file_mb,
    dask_address: Annotated[str | None, typer.Option(
        envvar="MINISTERBREV_DASK_ADDRESS", help="Run the documents on the Dask cluster whose "
        "scheduler is here (tcp://host:8786) instead of local processes")] = None,
    letters_per_task: LettersPerTask = 0,
) -> None:
    """Turn letters into records: OUT/records/<doc_id>.json, records.jsonl, failures.jsonl."""
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise fail(f"No such file or folder: {', '.join(missing)}", 2)
    apply_run_settings()  # before Prefect is imported (by pipeline.run.flows): it reads them
    from pipeline.run.batch import summary_if_all_unchanged

    if not force and (unchanged := without_prefect(summary_if_all_unchanged,
                                                   [str(path) for path in paths], out)):
        print_summary(unchanged)
        return
    say_starting(out)
    use_prefect_server()  # before Prefect is imported
    from pipeline.run.flows import run_batch  # Prefect loads only for runs that need it

    reach_dask(dask_address)
    summary = run_batch([str(p) for p in paths], out=str(out), workers=workers, force=force,
                        password=password, show_progress=console.is_terminal,
                        limits=Limits(max_pages=max_pages, seconds=max_seconds,
                                      memory_mb=max_memory_mb, file_mb=max_file_mb),
                        dask_address=dask_address, letters_per_task=letters_per_task,
                        unchanged_checked=not force)
    print_summary(summary)


def say_starting(out: Path) -> None:
    """On a terminal, a line at once: the seconds before the progress bar (Prefect's start,
    the model's load) are not silent. Elsewhere (a log, a pipe) nothing: the summary says
    what was done."""
    if console.is_terminal:
        console.print(Text(f"Starting a run into {shown(out)}: Prefect and the Danish model "
                           "load, then the progress bar shows the letters"), highlight=False)


def without_prefect(check, source: list[str] | str, out: Path):
    """A run with nothing to do, answered before Prefect (two seconds of imports) and the
    model load: ``check`` (from ``pipeline.run.batch``, which imports neither) hashes the
    files and asks the output folder, with the run's log set up first. None when there is
    work: the flow starts then, and finds the hashes taken here."""
    from pipeline.run.logs import configure_logging

    configure_logging(out)
    return check(source, str(out))


def print_summary(summary) -> None:
    """The run's counts, then a line per failure. Paths are shown as text, never as Rich
    markup, and with their control characters escaped (``shown``)."""
    table = Table(title=Text(f"ministerbrev: {shown(summary.out)}"), show_header=False)
    table.add_row("letters processed", str(summary.processed))
    table.add_row("unchanged (skipped)", str(summary.skipped))
    table.add_row("failed", str(summary.failed))
    for family, number in sorted(summary.facts.items()):
        table.add_row(f"  {family.replace('_', ' ')}", str(number))
    console.print(table)
    for message in summary.failures:
        console.print(Text.assemble(("failed: ", "yellow"), shown(message)), highlight=False)
    if summary.failures:
        console.print(Text(f"Details: {shown(Path(summary.out) / 'failures.jsonl')}"),
                      highlight=False)


# -- scheduled runs: an inbox folder, Folketinget's open data (ODA), and their deployments ----

TypeOption = Annotated[list[str] | None, typer.Option(
    "--type", help="Follow this ODA document type (Dokumenttype, e.g. Brev); repeatable")]
CommitteeOption = Annotated[list[str] | None, typer.Option(
    "--committee", help="Follow documents linked to this committee (name or short name, "
    "e.g. Finansudvalget or FIU); repeatable")]
MinistryOption = Annotated[list[str] | None, typer.Option(
    "--ministry", help="Follow documents linked to this ministry (e.g. Finansministeriet); "
    "repeatable")]


@command
def inbox(
    folder: Annotated[Path, typer.Argument(help="The inbox folder (searched recursively)")] = Path(
        "inbox"),
    out: Out = Path("outputs"),
    workers: Workers = 1,
    letters_per_task: LettersPerTask = 0,
    create: Annotated[bool, typer.Option(
        help="Make the inbox folder if it does not exist")] = False,
) -> None:
    """Process the PDFs in an inbox folder whose content no earlier run has seen.

    Example: ministerbrev inbox inbox/ --out outputs
    """
    if not folder.exists():
        if not create:
            raise fail(f"No such inbox folder: {folder} (--create makes it)", 2)
        try:
            folder.mkdir(parents=True)
        except OSError as error:
            raise fail(f"Could not make the inbox folder {folder}: {error.strerror}", 2) from None
    if not folder.is_dir():
        raise fail(f"The inbox {folder} is a file, not a folder", 2)
    apply_run_settings()
    from pipeline.run.batch import inbox_summary_if_nothing_new

    if nothing_new := without_prefect(inbox_summary_if_nothing_new, str(folder), out):
        print_summary(nothing_new)
        return
    say_starting(out)
    use_prefect_server()  # before Prefect is imported
    from pipeline.run.flows import run_inbox

    summary = run_inbox(str(folder), out=str(out), workers=workers, unchanged_checked=True,
                        letters_per_task=letters_per_task, show_progress=console.is_terminal)
    print_summary(summary)


@command
def oda(
    out: Out = Path("outputs"),
    types: TypeOption = None,
    committees: CommitteeOption = None,
    ministries: MinistryOption = None,
    since: Annotated[str | None, typer.Option(
        help="Start after this ODA update time (Danish local time, e.g. 2026-10-04T10:05:00) "
        "instead of the store's watermark")] = None,
    workers: Workers = 1,
    base_url: BaseUrl = "https://oda.ft.dk/api/",
    allow_hosts: AllowHosts = None,
    allow_loopback_http: AllowLoopbackHttp = False,
    max_download_mb: MaxDownloadMb = 100,
    timeout: Timeout = 60.0,
    retries: Retries = 3,
    letters_per_task: LettersPerTask = 0,
) -> None:
    """Fetch and process new letters from Folketinget's open data API (ODA).

    Example: ministerbrev oda --type Brev --committee Finansudvalget
    """
    apply_run_settings()
    settings = oda_settings(base_url, allow_hosts, allow_loopback_http, max_download_mb,
                            timeout, retries)
    say_starting(out)
    use_prefect_server()  # before Prefect is imported
    from pipeline.run.flows import run_oda
    from pipeline.sources.oda import OdaError, Refused, UnknownName

    try:
        summary = run_oda(out=str(out), workers=workers, types=types, committees=committees,
                          ministries=ministries, since=since, settings=settings,
                          letters_per_task=letters_per_task, show_progress=console.is_terminal)
    except Refused as error:  # a link ODA gave that the download rules refuse
        raise fail(f"ODA: {error.message}", 1) from None
    except UnknownName as error:  # a name to follow that ODA does not have: the user's to fix
        raise fail(f"ODA: {error}", 2) from None
    except OdaError as error:
        raise fail(f"ODA: {error}", 1) from None
    print_summary(summary)


def oda_settings(base_url: str, allow_hosts: list[str] | None, allow_loopback_http: bool,
                 max_download_mb: int, timeout: float, retries: int):
    """The ODA options as ``OdaSettings``; an address the download rules refuse is one line
    and exit 1 here, before any flow starts."""
    from pipeline.sources.oda import DEFAULT_HOSTS, OdaSettings, Refused
    from pipeline.sources.oda.client import check_url

    settings = OdaSettings(base_url=base_url, allowed_hosts=tuple(allow_hosts or DEFAULT_HOSTS),
                           allow_loopback_http=allow_loopback_http, timeout=timeout,
                           max_bytes=max_download_mb * 2**20, retries=retries)
    try:
        check_url(base_url, settings)
    except Refused as error:
        raise fail(f"ODA: {error.message}", 1) from None
    return settings


@command
def serve(
    cron: Annotated[str, typer.Option(help="When to run, as a cron line")] = "0 6 * * *",
    inbox_folder: Annotated[Path, typer.Option("--inbox", help="The inbox folder")] = Path(
        "inbox"),
    out: Out = Path("outputs"),
    types: TypeOption = None,
    committees: CommitteeOption = None,
    ministries: MinistryOption = None,
    workers: Workers = 1,
    letters_per_task: LettersPerTask = 0,
    max_pages: MaxPages = Limits.max_pages,
    max_seconds: MaxSeconds = Limits.seconds,
    max_memory_mb: MaxMemoryMb = Limits.memory_mb,
    max_file_mb: MaxFileMb = Limits.file_mb,
    base_url: BaseUrl = "https://oda.ft.dk/api/",
    allow_hosts: AllowHosts = None,
    allow_loopback_http: AllowLoopbackHttp = False,
    max_download_mb: MaxDownloadMb = 100,
    timeout: Timeout = 60.0,
    retries: Retries = 3,
    dry_run: Annotated[bool, typer.Option(
        help="Print the deployments and stop, instead of serving them")] = False,
) -> None:
    """Register the inbox and ODA flows as deployments on a schedule and run them (blocks).

    Each scheduled run uses the workers, limits and ODA options given here. Ctrl-C or
    SIGTERM stops it within seconds; a run in progress is cancelled, the letters it
    finished are kept. To keep it running, run it as a service (the README has a systemd
    unit). Example: ministerbrev serve --cron "0 6 * * *" --type Brev --max-pages 200
    """
    apply_run_settings()
    if not dry_run:
        # A server in a session of its own: a terminal's Ctrl-C reaches serve alone, which
        # then still has the server to cancel its runs and pause its schedules with.
        use_prefect_server()  # before Prefect is imported
    from pipeline.run.schedules import deployments, describe_deployments, serve_deployments

    follow = {key: value for key, value in (("types", types), ("committees", committees),
                                            ("ministries", ministries)) if value}
    settings = oda_settings(base_url, allow_hosts, allow_loopback_http, max_download_mb,
                            timeout, retries)
    scheduled = deployments(
        cron, inbox=str(inbox_folder), out=str(out), oda_parameters=follow,
        letters_per_task=letters_per_task, oda_settings=settings,
        limits=Limits(max_pages=max_pages, seconds=max_seconds, memory_mb=max_memory_mb,
                      file_mb=max_file_mb))
    print(describe_deployments(scheduled))
    print(f"each scheduled run: {workers} worker(s), output in {out.resolve()}")
    if dry_run:
        return
    serve_deployments(scheduled, workers=workers, log=out / "ministerbrev.log")
    console.print(Text(f"Stopped serving: letters the runs finished are in {shown(out)}; "
                       "a run cut short goes on where it stopped at its next time"),
                  highlight=False)
