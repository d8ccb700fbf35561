"""The commands that read the store: ``query``, ``search``, ``export``, ``reindex``, ``browse``.

    $ ministerbrev query "select ministry, count(*) from letters group by 1"
    $ ministerbrev search "familiebehandling"
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.common import OutFolder, command, console
from pipeline.store import EXPORT_FORMATS


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


# The store's export writers are the one list of formats.
ExportFormat = StrEnum("ExportFormat", {name: name for name in EXPORT_FORMATS})


@command
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


@command
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


@command
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


@command
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


@command
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
