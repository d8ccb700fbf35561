"""The commands that read the store: ``query``, ``search``, ``export``, ``reindex``, ``browse``.

    $ ministerbrev query "select ministry, count(*) from letters group by 1"
    $ ministerbrev query "select * from letters where year = :year" -p year 2021 --csv
    $ ministerbrev search '"øget fokus" OR jobrotation' --nl
"""

from __future__ import annotations

import csv as csv_module
import json
import os
import signal
import stat
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.core import TyperCommand

from pipeline.cli.common import OutFolder, app, command, console, fail, shown
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
TimeoutOption = Annotated[float, typer.Option(
    "--timeout", min=0, metavar="SECONDS",
    help="Seconds it may run, its output included, before it is stopped (0: no limit)")]

DEFAULT_TIMEOUT = 30.0
# A table is laid out once all its rows are in, so it shows at most this many; the other
# formats are written row by row and have no limit.
TABLE_ROWS = 10_000
# Rows written are handed to the reader at least this often (seconds), and at once when
# SQLite was slow to find the next.
FLUSH_EVERY = 0.2
# One encoder for every row (``json.dumps`` with options makes one per call); a value JSON
# has no type for (a blob) is written as its ``str``.
JSON_ROW = json.JSONEncoder(ensure_ascii=False, default=str)
JSON_ITEM = json.JSONEncoder(ensure_ascii=False, default=str, indent=2)


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
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
) -> None:
    """Run one read-only SQL statement on OUT/letters.sqlite and print the rows.

    Example: ministerbrev query "select * from letters where year = :year" -p year 2021 --csv
    """
    from pipeline.store import StoreError
    from pipeline.store.query import QueryGuard, open_query

    how = chosen_format(output_format, table=table, csv=csv, tsv=tsv, json=as_json, nl=nl)
    guard = QueryGuard(seconds=timeout or None)
    with stopped_in_one_line(guard, "query"):
        try:
            with open_query(out, sql, dict(parameters or ()), guard) as rows:
                printed = print_rows(rows.columns, rows, how)
        except StoreError as error:
            flush_quietly()
            raise fail(f"Refused or failed: {error}", 1) from None
    if how is OutputFormat.table:
        console.print(f"{printed.rows} row(s)")
        if printed.cut:
            console.print(f"[yellow]Only the first {TABLE_ROWS} rows are shown as a table: "
                          "--csv, --tsv, --json or --nl print them all[/]")


@contextmanager
def stopped_in_one_line(guard, what: str) -> Iterator[None]:
    """Run a query inside, guarded by ``guard``, so that Ctrl-C, its time limit, and a reader
    that closed the pipe each end the command at once, with one line (none for the pipe).

    Ctrl-C marks the guard, which stops SQLite's work, and raises ``KeyboardInterrupt``,
    which stops Python's (a write to a pipe nobody reads). Exit codes: 130 for Ctrl-C
    (128 + SIGINT, as a shell reports it), 1 for the time limit (like any query that
    failed; what was asked may be sound, but it costs more than the limit allows), 141
    for a closed pipe (128 + SIGPIPE, as ``cat`` or ``git`` end under ``| head``).
    """
    from pipeline.store.query import QueryInterrupted, QueryTimedOut

    def on_ctrl_c(_signum, _frame) -> None:
        guard.interrupted = True
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        yield
    except (KeyboardInterrupt, QueryInterrupted):
        if stdout_is_a_pipe():
            # The reader may have stopped reading (Ctrl-C reaches it too): rows held for it
            # would keep the command waiting, so they are dropped.
            drop_stdout()
        else:
            flush_quietly()
        raise fail(f"Interrupted (Ctrl-C): the {what} was stopped", 130) from None
    except QueryTimedOut as error:
        flush_quietly()
        raise fail(f"Stopped: the {what} ran past its time limit of {error.seconds:g} s "
                   "(--timeout SECONDS gives it longer, --timeout 0 no limit)", 1) from None
    except BrokenPipeError:
        drop_stdout()  # nobody reads it any more
        raise typer.Exit(141) from None
    finally:
        signal.signal(signal.SIGINT, previous)


def stdout_is_a_pipe() -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(sys.stdout.fileno()).st_mode)
    except (OSError, ValueError):
        return False


def drop_stdout() -> None:
    """Send what Python still holds for stdout, and anything after, nowhere."""
    with suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def flush_quietly() -> None:
    """Hand the rows written so far on before the line that says why no more follow."""
    with suppress(BrokenPipeError, ValueError):
        sys.stdout.flush()


@dataclass(frozen=True)
class Printed:
    """How many rows were printed, and whether a table left rows out (``TABLE_ROWS``)."""

    rows: int
    cut: bool = False


class Flushing:
    """Counts the rows written to stdout, and hands them to the reader as they come: at once
    for the first row and after a pause, else every ``FLUSH_EVERY`` seconds (a flush per
    row would cost a system call per row)."""

    def __init__(self) -> None:
        self.rows, self.last = 0, 0.0

    def wrote(self) -> None:
        self.rows += 1
        now = time.monotonic()
        if now - self.last >= FLUSH_EVERY:
            sys.stdout.flush()
            self.last = now


def print_rows(columns: list[str], rows: Iterable[tuple], how: OutputFormat) -> Printed:
    """Rows on stdout: a table, CSV or TSV with a header row, JSON or one JSON object a line.

    Every format but the table writes each row as it comes, so output of any size takes
    little memory and starts at once. No value is cut short: a table that goes to a file
    or a pipe is as wide as its values.
    """
    if how in (OutputFormat.csv, OutputFormat.tsv):
        return print_delimited(columns, rows, "\t" if how is OutputFormat.tsv else ",")
    if how is OutputFormat.json:
        return print_json(columns, rows)
    if how is OutputFormat.nl:
        return print_json_lines(columns, rows)
    shown = list(islice(rows, TABLE_ROWS + 1))
    table = Table(*columns)
    for row in shown[:TABLE_ROWS]:
        table.add_row(*(Text("" if value is None else str(value)) for value in row))
    print_table(table)
    return Printed(min(len(shown), TABLE_ROWS), cut=len(shown) > TABLE_ROWS)


def print_delimited(columns: list[str], rows: Iterable[tuple], delimiter: str) -> Printed:
    writer = csv_module.writer(sys.stdout, lineterminator="\n", delimiter=delimiter)
    writer.writerow(columns)
    flushing = Flushing()
    for row in rows:
        writer.writerow(row)
        flushing.wrote()
    return Printed(flushing.rows)


def print_json(columns: list[str], rows: Iterable[tuple]) -> Printed:
    """A JSON list of objects, written one object at a time, as ``json.dumps(indent=2)``
    writes the whole list."""
    flushing = Flushing()
    for row in rows:
        item = JSON_ITEM.encode(dict(zip(columns, row, strict=True)))
        sys.stdout.write((",\n" if flushing.rows else "[\n") + textwrap.indent(item, "  "))
        flushing.wrote()
    sys.stdout.write("\n]\n" if flushing.rows else "[]\n")
    return Printed(flushing.rows)


def print_json_lines(columns: list[str], rows: Iterable[tuple]) -> Printed:
    flushing = Flushing()
    for row in rows:
        print(JSON_ROW.encode(dict(zip(columns, row, strict=True))))
        flushing.wrote()
    return Printed(flushing.rows)


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
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
) -> None:
    """Full-text search over the letters' subject, text, recommendations, case numbers and
    questions, best match first (bm25).

    Example: ministerbrev search '"øget fokus" OR jobrotation'
    """
    from pipeline.store import InvalidSearch, StoreError
    from pipeline.store import search as search_store
    from pipeline.store.query import QueryGuard

    how = chosen_format(output_format, table=table, csv=csv, tsv=tsv, json=as_json, nl=nl)
    guard = QueryGuard(seconds=timeout or None)
    with stopped_in_one_line(guard, "search"):
        try:
            hits = search_store(out, words, limit=limit, guard=guard)
        except InvalidSearch as error:
            raise fail(f"Invalid search: {error}", 2) from None
        except StoreError as error:
            raise fail(f"Search failed: {error}", 1) from None
        if how is OutputFormat.table:
            print_hits(hits)
            console.print(Text(f"{len(hits)} letter(s) match {shown(repr(words))}"))
            return
        columns = ["doc_id", "date", "ministry", "subject", "snippet", "score"]
        print_rows(columns, [(hit.doc_id, hit.date, hit.ministry, hit.subject,
                              hit.highlighted(), hit.score) for hit in hits], how)


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
        raise fail(f"Export failed: {error}", 1) from None
    for path in written:
        print(shown(path))


@command
def reindex(out: OutFolder = Path("outputs")) -> None:
    """Rebuild OUT/letters.sqlite from OUT/records.jsonl (and failures.jsonl), in one go."""
    from pipeline.run.catchup import reindex as rebuild_store
    from pipeline.store import store_path

    if not (out / "records.jsonl").exists():
        raise fail(f"No records to index: {out / 'records.jsonl'} does not exist", 1)
    contents = rebuild_store(out)
    if contents.set_aside:
        console.print(Text(f"{shown(store_path(out))} was damaged ({contents.set_aside.reason}): "
                           f"set aside as {shown(contents.set_aside.moved_to.name)}; the new "
                           "store has the watermarks and remembered failures back"),
                      highlight=False)
    console.print(Text(f"{len(contents.records)} letter(s) and {len(contents.failures)} "
                       f"failure(s) indexed into {shown(store_path(out))}"), highlight=False)
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
    from pipeline.store import StoreError, run_query, store_path

    if importlib.util.find_spec("datasette") is None:
        console.print("Datasette is not installed: pip install -e '.[browse]'")
        raise typer.Exit(1)
    if not store_path(out).exists():
        raise fail(f"No store at {store_path(out)}: run `ministerbrev process` first", 1)
    try:  # a damaged store is said here in one line, not on every page Datasette serves
        run_query(out, "SELECT count(*) FROM letters")
    except StoreError as error:
        raise fail(str(error), 1) from None
    check_can_listen(host, port)
    console.print(Text(f"Serving {shown(store_path(out))} at http://{host}:{port}/ "
                       "(Ctrl-C stops)"), highlight=False)
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
