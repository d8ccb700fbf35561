"""The commands that read the store: ``query``, ``search``, ``export``, ``reindex``, ``browse``.

    $ ministerbrev query "select ministry, count(*) from letters group by 1"
    $ ministerbrev query "select * from letters where year = :year" -p year 2021 --csv
    $ ministerbrev search '"øget fokus" OR jobrotation' --nl
"""

from __future__ import annotations

import csv as csv_module
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.core import TyperCommand

from pipeline.cli.common import OutFolder, app, command, console, fail
from pipeline.store import EXPORT_FORMATS


class OutputFormat(StrEnum):
    """How ``query`` and ``search`` print rows; each also has a flag of its own (``--csv``)."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    nl = "nl"


# The store's export writers are the one list of formats.
ExportFormat = StrEnum("ExportFormat", {name: name for name in EXPORT_FORMATS})

FormatOption = Annotated[OutputFormat | None, typer.Option(
    "--format", help="How to print (or one of the flags below)")]
TableFlag = Annotated[bool, typer.Option("--table", help="A table (the default)")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="CSV with a header row")]
TsvFlag = Annotated[bool, typer.Option("--tsv", help="Tab-separated, with a header row")]
JsonFlag = Annotated[bool, typer.Option("--json", help="A JSON list of objects")]
NlFlag = Annotated[bool, typer.Option("--nl", help="Newline-delimited JSON: one object a line")]


def chosen_format(format_option: OutputFormat | None, **flags: bool) -> OutputFormat:
    """The one output format asked for, ``table`` if none; two at once is an error (exit 2).

        >>> chosen_format(None, csv=True, tsv=False)
        <OutputFormat.csv: 'csv'>
    """
    chosen = {f"--{name}": OutputFormat(name) for name, given in flags.items() if given}
    if format_option is not None:
        chosen[f"--format {format_option.value}"] = format_option
    if len(chosen) > 1:
        console.print(f"[red]Choose one output format:[/red] {' and '.join(chosen)} were "
                      "given together", highlight=False)
        raise typer.Exit(2)
    return next(iter(chosen.values()), OutputFormat.table)


class NamedParameters(TyperCommand):
    """A command whose ``--param`` takes two values, ``-p NAME VALUE``, as often as needed.

    Typer has no option of two values given many times; click has, so the option is
    made one here, after Typer has built it.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.name == "parameters":
                param.type, param.nargs = click.Tuple([str, str]), 2


@app.command(cls=NamedParameters)
def query(
    sql: Annotated[str, typer.Argument(help="One SQL statement; it may only read")],
    out: OutFolder = Path("outputs"),
    # parser=tuple: Typer hands each pair on as it is, not turned into a string.
    parameters: Annotated[list[tuple] | None, typer.Option(
        "-p", "--param", parser=tuple, metavar="NAME VALUE",
        help="A value for :NAME in the SQL, as a string; repeat for more")] = None,
    output_format: FormatOption = None,
    table: TableFlag = False, csv: CsvFlag = False, tsv: TsvFlag = False,
    as_json: JsonFlag = False, nl: NlFlag = False,
) -> None:
    """Run one read-only SQL statement on OUT/letters.sqlite and print the rows.

    Example: ministerbrev query "select * from letters where year = :year" -p year 2021 --csv
    """
    from pipeline.store import StoreError, run_query

    how = chosen_format(output_format, table=table, csv=csv, tsv=tsv, json=as_json, nl=nl)
    try:
        result = run_query(out, sql, dict(parameters or ()))
    except StoreError as error:
        console.print(f"[red]Refused or failed:[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(1) from None
    print_rows(result.columns, result.rows, how)
    if how is OutputFormat.table:
        console.print(f"{len(result.rows)} row(s)")


def print_rows(columns: list[str], rows: list[tuple], how: OutputFormat) -> None:
    """Rows on stdout: a table, CSV or TSV with a header row, JSON or one JSON object a line.

    No value is cut short: a table that goes to a file or a pipe is as wide as its values.
    """
    if how in (OutputFormat.csv, OutputFormat.tsv):
        writer = csv_module.writer(sys.stdout, lineterminator="\n",
                                   delimiter="\t" if how is OutputFormat.tsv else ",")
        writer.writerow(columns)
        writer.writerows(rows)
    elif how is OutputFormat.json:
        objects = [dict(zip(columns, row, strict=True)) for row in rows]
        print(json.dumps(objects, indent=2, ensure_ascii=False, default=str))
    elif how is OutputFormat.nl:
        for row in rows:
            print(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False,
                             default=str))
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*(Text("" if value is None else str(value)) for value in row))
        print_table(table)


def print_table(table: Table) -> None:
    """A rich table on stdout: fitted to a terminal, in full anywhere else.

    Rich wraps or cuts cells to fit a width; a file or a pipe has none, so there the
    table is made as wide as its longest values, each cell on its own lines unwrapped.
    """
    stdout = Console()
    if stdout.is_terminal:
        stdout.print(table)
        return
    for column in table.columns:
        column.no_wrap, column.overflow, column.max_width, column.ratio = (
            True, "ignore", None, None)
    width = Console(width=1_000_000).measure(table).maximum
    Console(width=max(width, 20), highlight=False).print(table)


@command
def search(
    words: Annotated[str, typer.Argument(
        help='FTS5 query: words that must all occur, "a phrase", OR, NOT, NEAR(a b, 5), '
        "prefix*, subject: word (columns: subject, body_text, recommendations, refs)")],
    out: OutFolder = Path("outputs"),
    limit: Annotated[int, typer.Option(min=1, help="At most this many letters")] = 20,
    output_format: FormatOption = None,
    table: TableFlag = False, csv: CsvFlag = False, tsv: TsvFlag = False,
    as_json: JsonFlag = False, nl: NlFlag = False,
) -> None:
    """Full-text search over the letters' subject, text, recommendations, case numbers and
    questions, best match first (bm25).

    Example: ministerbrev search '"øget fokus" OR jobrotation'
    """
    from pipeline.store import InvalidSearch, StoreError
    from pipeline.store import search as search_store

    how = chosen_format(output_format, table=table, csv=csv, tsv=tsv, json=as_json, nl=nl)
    try:
        hits = search_store(out, words, limit=limit)
    except InvalidSearch as error:
        console.print(f"[red]Invalid search:[/red] {error}", highlight=False)
        raise typer.Exit(2) from None
    except StoreError as error:
        console.print(f"[red]Search failed:[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    if how is OutputFormat.table:
        print_hits(hits)
        console.print(f"{len(hits)} letter(s) match {words!r}")
        return
    columns = ["doc_id", "date", "ministry", "subject", "snippet", "score"]
    print_rows(columns, [(hit.doc_id, hit.date, hit.ministry, hit.subject, hit.highlighted(),
                          hit.score) for hit in hits], how)


def print_hits(hits: list) -> None:
    """The hits as a table: date, ministry, doc_id, subject and the snippet, hits marked."""
    plain = not Console().is_terminal
    table = Table(show_lines=True)
    table.add_column("date", no_wrap=True)
    table.add_column("ministry", max_width=24)
    table.add_column("doc_id", no_wrap=True)
    table.add_column("subject", max_width=30)
    table.add_column("snippet", ratio=1)  # the rest of the width
    for hit in hits:
        table.add_row(hit.date or "", Text(hit.ministry or ""), hit.doc_id,
                      Text(hit.subject or ""), snippet_text(hit, plain=plain))
    print_table(table)


def snippet_text(hit, plain: bool):
    """The snippet with hits in bold on a terminal, between ** where styles cannot show.

    Line breaks (between paragraphs, or between recommendations) become " · ", so a
    snippet stays one short block in its cell.
    """
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
    check_can_listen(host, port)
    console.print(f"Serving {store_path(out)} at http://{host}:{port}/ (Ctrl-C stops)")
    serve_datasette(out, host=host, port=port)


def check_can_listen(host: str, port: int) -> None:
    """Bind ``host:port`` as the server will, and let go: a port in use (or an address this
    machine does not have) is one line and exit 1 before the server starts."""
    import errno
    import socket

    try:
        family, kind, _proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, kind) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind(address)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise fail(f"Port {port} on {host} is in use (--port chooses another)", 1) from None
        reason = error.strerror or str(error)
        raise fail(f"Cannot listen on {host} port {port}: {reason}", 1) from None
