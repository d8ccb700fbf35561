"""The ``ministerbrev`` command. Thin: it parses arguments and calls a flow.

    $ ministerbrev process corpus --out outputs
    $ ministerbrev schema > letter-record.schema.json
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from models import LetterRecord
from pipeline.limits import Limits
from pipeline.run.settings import apply_run_settings
from pipeline.state import history_days
from pipeline.store import EXPORT_FORMATS

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Danish ministerial letters (PDF) to validated JSON records.")
# soft_wrap: a message naming a file keeps its path on one line, whatever the width.
console = Console(stderr=True, soft_wrap=True)


@app.callback()
def check_environment() -> None:
    # Settings read from the environment are checked before any command starts on letters.
    try:
        history_days()
    except ValueError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None


Workers = Annotated[int, typer.Option(
    min=1, help="Letters processed at once: each worker is a thread with a forked child "
    "process for its letters (one per core)")]
LettersPerTask = Annotated[int, typer.Option(
    min=1, help="Letters per Prefect task: 1 shows every letter as a task run of its own; "
    "16 or so spares Prefect's cost per task run, which counts on a machine with few cores")]


@app.command()
def process(
    paths: Annotated[list[Path], typer.Argument(help="PDFs or folders (searched recursively)")],
    out: Annotated[Path, typer.Option("--out", help="Output folder")] = Path("outputs"),
    workers: Workers = 1,
    force: Annotated[bool, typer.Option(help="Process files that already have a record")] = False,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs")] = None,
    max_pages: Annotated[int, typer.Option(min=0, help="Fail documents with more pages "
                                           "(0: no limit)")] = Limits.max_pages,
    max_seconds: Annotated[float, typer.Option(min=0, help="Stop reading a document after "
                                               "this long (0: no limit)")] = Limits.seconds,
    max_memory_mb: Annotated[int, typer.Option(min=0, help="Memory reading one document may "
                                               "take, MiB (0: no limit)")] = Limits.memory_mb,
    dask_address: Annotated[str | None, typer.Option(
        envvar="MINISTERBREV_DASK_ADDRESS", help="Run the documents on the Dask cluster whose "
        "scheduler is here (tcp://host:8786) instead of local processes")] = None,
    letters_per_task: LettersPerTask = 1,
) -> None:
    """Turn letters into records: OUT/records/<doc_id>.json, records.jsonl, failures.jsonl."""
    apply_run_settings()  # before Prefect is imported (by pipeline.run.flows): it reads them
    from pipeline.run.flows import run_batch  # Prefect loads only for commands that need it

    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        console.print(f"[red]No such file or folder:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    summary = run_batch([str(p) for p in paths], out=str(out), workers=workers, force=force,
                        password=password, show_progress=console.is_terminal,
                        limits=Limits(max_pages=max_pages, seconds=max_seconds,
                                      memory_mb=max_memory_mb),
                        dask_address=dask_address, letters_per_task=letters_per_task)
    print_summary(summary)


def print_summary(summary) -> None:
    table = Table(title=f"ministerbrev: {summary.out}", show_header=False)
    table.add_row("letters processed", str(summary.processed))
    table.add_row("unchanged (skipped)", str(summary.skipped))
    table.add_row("failed", str(summary.failed))
    for family, number in sorted(summary.facts.items()):
        table.add_row(f"  {family.replace('_', ' ')}", str(number))
    console.print(table)
    for message in summary.failures:
        console.print(f"[yellow]failed:[/yellow] {message}")
    if summary.failures:
        console.print(f"Details: {Path(summary.out) / 'failures.jsonl'}")


@app.command()
def evaluate(
    corpus: Annotated[Path, typer.Option(help="Folder with letters/ and gold/")] = Path("corpus"),
    out: Annotated[Path, typer.Option("--out", help="Output folder for the records")] = Path(
        "outputs"
    ),
    real: Annotated[Path | None, typer.Option(
        help="Score the genuine letters in this folder (their .txt files, e.g. "
        "../shared/data/real-letters) against corpus/real/gold instead, each set into a "
        "PDF as the text flow and in a ministry's template")] = None,
    mismatches: Annotated[bool, typer.Option(
        help="List each letter's differences (of the genuine letters: the dev split's "
        "only, so the test split stays unread)")] = False,
    min_f1: Annotated[float, typer.Option(help="Exit 1 if a field scores below this")] = 0.0,
    markdown: Annotated[bool, typer.Option(
        help="With --real: print the scores as a Markdown table (docs/accuracy.md)")] = False,
) -> None:
    """Process letters and score the records against their gold, field by field."""
    apply_run_settings()  # both ways process letters through the flow
    if real is not None:
        evaluate_real(real, out, mismatches, min_f1, markdown)
        return
    from pipeline.evaluate import evaluate as score_records
    from pipeline.evaluate import micro_average
    from pipeline.run.flows import run_batch

    run_batch([str(corpus / "letters")], out=str(out), show_progress=console.is_terminal)
    scores, differences = score_records(corpus / "gold", out / "records.jsonl")
    table = Table(title=f"ministerbrev evaluate: {corpus}")
    for column in ("field", "gold", "found", "correct", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for field, score in [*scores.items(), ("all (micro)", micro_average(scores))]:
        table.add_row(field, str(score.gold), str(score.predicted), str(score.true_positives),
                      f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    Console().print(table)
    if mismatches:
        for difference in differences:
            Console().print(f"[bold]{difference.letter}[/bold] {difference.field}: "
                            f"missing {difference.missing} unexpected {difference.unexpected}")
    if any(score.f1 < min_f1 for score in scores.values()):
        raise typer.Exit(1)


def evaluate_real(letters_dir: Path, out: Path, mismatches: bool, min_f1: float,
                  markdown: bool = False) -> None:
    """The genuine letters: F1 per field for each split, each way of setting them, and both."""
    from pipeline.genuine import evaluate_genuine, load_genuine, score_table

    if not letters_dir.is_dir():
        console.print(f"[red]No such folder:[/red] {letters_dir}")
        raise typer.Exit(2)
    letters = load_genuine(letters_dir)
    if not letters:
        console.print(f"[red]No letter in {letters_dir} has gold in corpus/real/gold[/red]")
        raise typer.Exit(2)
    result = evaluate_genuine(letters, out / "genuine", show_progress=console.is_terminal)
    headers, rows = score_table(result)
    if markdown:
        print("| " + " | ".join(headers) + " |")
        print("|" + "|".join(" --- " for _ in headers) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        table = Table(title=f"ministerbrev evaluate: genuine letters in {letters_dir} (F1)")
        for index, header in enumerate(headers):
            table.add_column(header, justify="left" if index == 0 else "right")
        for row in rows:
            table.add_row(*row)
        # Wide enough for every column also when the output goes to a file.
        Console(width=None if console.is_terminal else 140).print(table)
    if mismatches:
        for (split, rendering), differences in result.mismatches.items():
            if split != "dev":
                continue
            for difference in differences:
                Console(width=None if console.is_terminal else 200).print(
                    f"[bold]{difference.letter}[/bold] ({rendering}) {difference.field}: "
                    f"missing {difference.missing} unexpected {difference.unexpected}")
    if result.lowest_f1() < min_f1:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the record's JSON Schema, generated from the pydantic models."""
    print(json.dumps(LetterRecord.model_json_schema(), indent=2, ensure_ascii=False))


# -- the store: letters.sqlite beside the records ---------------------------------------------

OutFolder = Annotated[Path, typer.Option("--out", help="Output folder holding letters.sqlite")]


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


# The store's export writers are the one list of formats.
ExportFormat = StrEnum("ExportFormat", {name: name for name in EXPORT_FORMATS})


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="One SQL statement; it may only read")],
    out: OutFolder = Path("outputs"),
    output_format: Annotated[QueryFormat, typer.Option("--format", help="How to print")] = (
        QueryFormat.table),
) -> None:
    """Run one read-only SQL statement on OUT/letters.sqlite and print the rows.

    Example: ministerbrev query "select ministry, count(*) from letters group by 1"
    """
    from pipeline.store import StoreError, run_query

    try:
        result = run_query(out, sql)
    except StoreError as error:
        console.print(f"[red]Refused or failed:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(1) from None
    print_query_result(result, output_format)


def print_query_result(result, output_format: QueryFormat) -> None:
    """``table`` through rich, ``csv`` with a header row, ``json`` as a list of objects."""
    import sys

    from pipeline.store import write_csv_rows

    if output_format is QueryFormat.csv:
        write_csv_rows(sys.stdout, result)
    elif output_format is QueryFormat.json:
        print(json.dumps(result.as_dicts(), indent=2, ensure_ascii=False))
    else:
        table = Table(*result.columns, show_lines=False)
        for row in result.rows:
            table.add_row(*("" if value is None else str(value) for value in row))
        Console().print(table)
        console.print(f"{len(result.rows)} row(s)")


@app.command()
def search(
    words: Annotated[str, typer.Argument(help="Words that must all occur; word* for a prefix")],
    out: OutFolder = Path("outputs"),
    limit: Annotated[int, typer.Option(min=1, help="At most this many letters")] = 20,
) -> None:
    """Full-text search over the letters' text and recommendations, best match first (bm25).

    Example: ministerbrev search "familiebehandling"
    """
    from pipeline.store import StoreError
    from pipeline.store import search as search_store

    try:
        hits = search_store(out, words, limit=limit)
    except StoreError as error:
        console.print(f"[red]Search failed:[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    stdout = Console()
    table = Table(show_lines=True)
    table.add_column("date", no_wrap=True)
    table.add_column("ministry", max_width=24)
    table.add_column("doc_id", no_wrap=True)
    table.add_column("snippet", ratio=1)  # the rest of the width
    for hit in hits:
        table.add_row(hit.date or "", hit.ministry or "", hit.doc_id,
                      snippet_text(hit, plain=not stdout.is_terminal))
    stdout.print(table)
    console.print(f"{len(hits)} letter(s) match {words!r}")


def snippet_text(hit, plain: bool):
    """The snippet with hits in bold on a terminal, between ** where styles cannot show.

    Line breaks (between paragraphs, or between recommendations) become " · ", so a
    snippet stays one short block in its cell.
    """
    from rich.text import Text

    from pipeline.store import HIT_END, HIT_START

    snippet = " · ".join(line.strip() for line in hit.snippet.splitlines() if line.strip())
    if plain:
        return Text(snippet.replace(HIT_START, "**").replace(HIT_END, "**"))
    text = Text()
    for index, part in enumerate(snippet.replace(HIT_END, HIT_START).split(HIT_START)):
        text.append(part, style="bold reverse" if index % 2 else "")
    return text


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", help="File format")],
    to: Annotated[Path, typer.Option("--to", help="Folder to write <table>.<format> into")],
    out: OutFolder = Path("outputs"),
) -> None:
    """Write every table of the store to a folder, for pandas, R or DuckDB.

    Example: ministerbrev export --format parquet --to export/
    """
    from pipeline.store import StoreError, export_tables

    try:
        written = export_tables(out, output_format.value, to)
    except StoreError as error:
        console.print(f"[red]Export failed:[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    for path in written:
        print(path)


@app.command()
def reindex(out: OutFolder = Path("outputs")) -> None:
    """Rebuild OUT/letters.sqlite from OUT/records.jsonl (and failures.jsonl), in one go."""
    from pipeline.run.catchup import reindex as rebuild_store
    from pipeline.store import store_path

    if not (out / "records.jsonl").exists():
        console.print(f"[red]No records to index:[/red] {out / 'records.jsonl'} does not exist")
        raise typer.Exit(1)
    contents = rebuild_store(out)
    console.print(f"{len(contents.records)} letter(s) and {len(contents.failures)} failure(s) "
                  f"indexed into {store_path(out)}")
    if contents.invalid:
        console.print(f"[yellow]{contents.invalid} line(s) did not validate and were left out[/]")


@app.command()
def browse(
    out: OutFolder = Path("outputs"),
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8001,
) -> None:
    """Explore the store in a browser (Datasette): tables, facets, search and canned queries."""
    import importlib.util

    from pipeline.browse import serve_datasette
    from pipeline.store import store_path

    if importlib.util.find_spec("datasette") is None:
        console.print("Datasette is not installed: pip install -e '.[browse]'")
        raise typer.Exit(1)
    if not store_path(out).exists():
        console.print(f"[red]No store at {store_path(out)}:[/red] run `ministerbrev process` first")
        raise typer.Exit(1)
    console.print(f"Serving {store_path(out)} at http://{host}:{port}/ (Ctrl-C stops)")
    serve_datasette(out, host=host, port=port)

# -- scheduled runs: an inbox folder, Folketinget's open data (ODA), and their deployments ----

TypeOption = Annotated[list[str] | None, typer.Option(
    "--type", help="Follow this ODA document type (Dokumenttype, e.g. Brev); repeatable")]
CommitteeOption = Annotated[list[str] | None, typer.Option(
    "--committee", help="Follow documents linked to this committee (name or short name, "
    "e.g. Finansudvalget or FIU); repeatable")]
MinistryOption = Annotated[list[str] | None, typer.Option(
    "--ministry", help="Follow documents linked to this ministry (e.g. Finansministeriet); "
    "repeatable")]


@app.command()
def inbox(
    folder: Annotated[Path, typer.Argument(help="The inbox folder (searched recursively)")] = Path(
        "inbox"),
    out: Annotated[Path, typer.Option("--out", help="Output folder")] = Path("outputs"),
    workers: Workers = 1,
    letters_per_task: LettersPerTask = 1,
) -> None:
    """Process the PDFs in an inbox folder whose content no earlier run has seen.

    Example: ministerbrev inbox inbox/ --out outputs
    """
    apply_run_settings()
    from pipeline.run.flows import run_inbox

    summary = run_inbox(str(folder), out=str(out), workers=workers,
                        letters_per_task=letters_per_task, show_progress=console.is_terminal)
    print_summary(summary)


@app.command()
def oda(
    out: Annotated[Path, typer.Option("--out", help="Output folder")] = Path("outputs"),
    types: TypeOption = None,
    committees: CommitteeOption = None,
    ministries: MinistryOption = None,
    since: Annotated[str | None, typer.Option(
        help="Start after this ODA update time (Danish local time, e.g. 2026-10-04T10:05:00) "
        "instead of the store's watermark")] = None,
    workers: Workers = 1,
    base_url: Annotated[str, typer.Option(help="ODA's address")] = "https://oda.ft.dk/api/",
    allow_hosts: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="A host downloads may go to (default oda.ft.dk and www.ft.dk); "
        "repeatable")] = None,
    allow_loopback_http: Annotated[bool, typer.Option(
        help="Tests and development only: allow plain http to 127.0.0.1/localhost")] = False,
    max_download_mb: Annotated[int, typer.Option(
        min=1, help="Largest file to download, MiB")] = 100,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds a request may wait")] = 60.0,
    retries: Annotated[int, typer.Option(min=0, help="Tries again after a 5xx or a timeout")] = 3,
    letters_per_task: LettersPerTask = 1,
) -> None:
    """Fetch and process new letters from Folketinget's open data API (ODA).

    Example: ministerbrev oda --type Brev --committee Finansudvalget
    """
    apply_run_settings()
    from pipeline.run.flows import run_oda
    from pipeline.sources.oda import DEFAULT_HOSTS, OdaError, OdaSettings

    settings = OdaSettings(base_url=base_url, allowed_hosts=tuple(allow_hosts or DEFAULT_HOSTS),
                           allow_loopback_http=allow_loopback_http, timeout=timeout,
                           max_bytes=max_download_mb * 2**20, retries=retries)
    try:
        summary = run_oda(out=str(out), workers=workers, types=types, committees=committees,
                          ministries=ministries, since=since, settings=settings,
                          letters_per_task=letters_per_task, show_progress=console.is_terminal)
    except OdaError as error:
        console.print(f"[red]ODA:[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    print_summary(summary)


@app.command()
def serve(
    cron: Annotated[str, typer.Option(help="When to run, as a cron line")] = "0 6 * * *",
    inbox_folder: Annotated[Path, typer.Option("--inbox", help="The inbox folder")] = Path(
        "inbox"),
    out: Annotated[Path, typer.Option("--out", help="Output folder")] = Path("outputs"),
    types: TypeOption = None,
    committees: CommitteeOption = None,
    ministries: MinistryOption = None,
    dry_run: Annotated[bool, typer.Option(
        help="Print the deployments and stop, instead of serving them")] = False,
) -> None:
    """Register the inbox and ODA flows as deployments on a schedule and run them (blocks).

    Example: ministerbrev serve --cron "0 6 * * *" --type Brev
    """
    apply_run_settings()
    from pipeline.run.schedules import deployments, describe_deployments, serve_deployments

    follow = {key: value for key, value in (("types", types), ("committees", committees),
                                            ("ministries", ministries)) if value}
    scheduled = deployments(cron, inbox=str(inbox_folder), out=str(out), oda_parameters=follow)
    print(describe_deployments(scheduled))
    if not dry_run:
        serve_deployments(scheduled)


if __name__ == "__main__":
    app()
