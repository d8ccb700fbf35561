"""Reading the store: any SQL an analyst pastes, on a connection that can only read.

    >>> run_query(Path("outputs"), "select ministry, count(*) as n from letters group by 1")
    ... # doctest: +SKIP
    QueryResult(columns=['ministry', 'n'], rows=[('Udlændinge- og Integrationsministeriet', 1)])

``run_query`` opens the file read-only and an authorizer refuses anything but
reading, so analysts can paste any SQL without risk. ``open_query`` hands the rows on as
SQLite finds them, for output of any size; a ``QueryGuard`` stops a query that works
past its time limit, or that Ctrl-C asked to stop.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.schema import BUSY_TIMEOUT_MS, STORE_NAME, store_path
from pipeline.store.writing import is_damage


class StoreError(Exception):
    """The store is missing, or a query could not run; the message says why in words."""


class QueryRefused(StoreError):
    """A query tried to do more than read."""


class QueryStopped(Exception):
    """A query its ``QueryGuard`` stopped before its end; not a ``StoreError``, since the
    query itself may be sound, so a caller that says why a query failed passes it on."""


class QueryTimedOut(QueryStopped):
    """A query ran past its time limit, and SQLite stopped it."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the query ran past its time limit of {seconds:g} s and was stopped")
        self.seconds = seconds


class QueryInterrupted(QueryStopped):
    """A query stopped because Ctrl-C asked it to."""

    def __init__(self) -> None:
        super().__init__("the query was interrupted")


# SQLite calls the guard every this many steps of its virtual machine (some 0.1 ms).
PROGRESS_STEPS = 1000


@dataclass
class QueryGuard:
    """What may stop a query while it runs: a time limit and Ctrl-C.

    The time runs from ``start`` (the query is opened) to its last row, the rows' writing
    included; ``seconds`` of ``None`` or 0 is no limit. SQLite asks ``progress`` every
    ``PROGRESS_STEPS`` steps, so a query stops within a fraction of a millisecond of its
    limit, or of a SIGINT handler setting ``interrupted``.
    """

    seconds: float | None = None
    interrupted: bool = False
    timed_out: bool = False
    deadline: float | None = None

    def start(self) -> None:
        if self.seconds:
            self.deadline = time.monotonic() + self.seconds

    def progress(self) -> int:
        """SQLite's progress handler: non-zero stops the statement ("interrupted")."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.timed_out = True
        return int(self.interrupted or self.timed_out)


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of one query."""

    columns: list[str]
    rows: list[tuple]

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}
# Pragmas that only report; any pragma given a value (``= x``) is refused unless listed here
# as taking an argument (a table or index name).
PRAGMAS_WITH_ARGUMENT = {"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
                         "foreign_key_list", "foreign_key_check", "integrity_check",
                         "quick_check"}
PRAGMAS_TO_READ = PRAGMAS_WITH_ARGUMENT | {
    "database_list", "table_list", "compile_options", "function_list", "module_list",
    "pragma_list", "collation_list", "user_version", "schema_version", "data_version",
    "page_count", "page_size", "freelist_count", "encoding", "journal_mode", "foreign_keys"}
ACTION_NAMES = {getattr(sqlite3, f"SQLITE_{name}"): name.replace("_", " ") for name in (
    "INSERT", "UPDATE", "DELETE", "CREATE_TABLE", "CREATE_INDEX", "CREATE_VIEW",
    "CREATE_TRIGGER", "CREATE_TEMP_TABLE", "CREATE_TEMP_INDEX", "CREATE_TEMP_VIEW",
    "CREATE_TEMP_TRIGGER", "CREATE_VTABLE", "DROP_TABLE", "DROP_INDEX", "DROP_VIEW",
    "DROP_TRIGGER", "DROP_TEMP_TABLE", "DROP_TEMP_INDEX", "DROP_TEMP_VIEW", "DROP_TEMP_TRIGGER",
    "DROP_VTABLE", "ALTER_TABLE", "ANALYZE", "REINDEX", "TRANSACTION", "SAVEPOINT", "DETACH")}
ONLY_READS = "the store is read-only here: `process` and `reindex` are what change it"


def refusal(action: int, arg1: str | None, arg2: str | None) -> str | None:
    """Why an authorizer request is refused, or ``None`` to allow it (only reading is)."""
    if action in READ_ACTIONS:
        return None
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master":
        # FTS5 asks this when it opens its table for a search. SQLite itself refuses a
        # user's UPDATE of sqlite_master ("may not be modified"), and mode=ro any write.
        return None
    if action == sqlite3.SQLITE_FUNCTION:
        return function_refusal(arg2)
    if action == sqlite3.SQLITE_PRAGMA:
        return pragma_refusal((arg1 or "").lower(), arg2)
    if action == sqlite3.SQLITE_ATTACH:
        # VACUUM attaches a database too: an empty name, or the file of VACUUM INTO.
        return f"ATTACH and VACUUM are refused: queries read {STORE_NAME} and nothing else"
    if arg1 in ("sqlite_master", "sqlite_temp_master"):
        return f"changing the schema (CREATE, DROP, ALTER) is refused: {ONLY_READS}"
    if action == sqlite3.SQLITE_TRANSACTION:
        return f"{arg1} is refused: each query runs on its own, read-only"
    what = ACTION_NAMES.get(action, f"action {action}")
    target = f" on {arg1}" if arg1 else ""
    return f"{what}{target} is refused: {ONLY_READS}"


# SQL functions that reach past the data: loading code, or tokenizers' addresses in memory
# (fts3_tokenizer(name) tells one; given a second argument it installs any address).
REFUSED_FUNCTIONS = {
    "load_extension": "load_extension() is refused: extensions cannot be loaded here",
    "fts3_tokenizer": "fts3_tokenizer() is refused: it reads and sets addresses in memory",
}


def function_refusal(name: str | None) -> str | None:
    """Why a call of SQL function ``name`` is refused, or ``None`` to allow it.

        >>> function_refusal("FTS3_TOKENIZER"), function_refusal("count")
        ('fts3_tokenizer() is refused: it reads and sets addresses in memory', None)
    """
    return REFUSED_FUNCTIONS.get((name or "").lower())


def refuse_functions(connection: sqlite3.Connection) -> None:
    """Give ``connection`` an authorizer that refuses the calls ``REFUSED_FUNCTIONS`` lists
    and allows everything else, for connections that other code (Datasette) runs."""

    def authorize(action, _arg1, arg2, _database, _trigger):
        if action == sqlite3.SQLITE_FUNCTION and function_refusal(arg2):
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    connection.set_authorizer(authorize)


def pragma_refusal(name: str, value: str | None) -> str | None:
    if name in PRAGMAS_WITH_ARGUMENT or (name in PRAGMAS_TO_READ and value is None):
        return None
    setting = f"PRAGMA {name} = {value}" if value is not None else f"PRAGMA {name}"
    return f"{setting} is refused: only pragmas that report are allowed ({ONLY_READS})"


def connect_read_only(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """Open ``path`` read-only (``mode=ro``) with an authorizer that allows only reading.

    Returns the connection and a list the authorizer appends each refusal to, so the
    caller can say why a statement was refused instead of SQLite's "not authorized".

        >>> connection, refusals = connect_read_only(store_path(Path("outputs")))
        ... # doctest: +SKIP
    """
    if not path.exists():
        raise StoreError(f"no store at {path}: run `ministerbrev process` or "
                         "`ministerbrev reindex` first")
    # A store on read-only media, or in a folder this user may not write, cannot have the
    # shared-memory file WAL mode reads through made beside it: SQLite reads it as a file
    # nobody changes (``immutable``) instead.
    writable = os.access(path.parent, os.W_OK)
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro{'' if writable else '&immutable=1'}", uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000)
    refusals: list[str] = []

    def authorize(action, arg1, arg2, _database, _trigger):
        reason = refusal(action, arg1, arg2)
        if reason is None:
            return sqlite3.SQLITE_OK
        refusals.append(reason)
        return sqlite3.SQLITE_DENY

    connection.set_authorizer(authorize)
    return connection, refusals


@dataclass
class QueryFailures:
    """Turns SQLite's errors on one connection into an exception that says why in words."""

    refusals: list[str]
    guard: QueryGuard
    out_dir: Path

    @contextmanager
    def translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise self.failure(error) from error
        except sqlite3.Warning as error:  # e.g. more than one statement
            raise StoreError(f"the query failed: {error}") from error

    def failure(self, error: sqlite3.Error) -> Exception:
        if self.guard.interrupted:
            return QueryInterrupted()
        if self.guard.timed_out:
            return QueryTimedOut(self.guard.seconds or 0)
        if self.refusals:
            return QueryRefused(self.refusals[0])
        if isinstance(error, sqlite3.DatabaseError) and is_damage(error):
            return StoreError(f"{store_path(self.out_dir)} is damaged ({error}): "
                              f"`ministerbrev reindex --out {self.out_dir}` rebuilds it from "
                              "records.jsonl")
        return StoreError(missing_parameter(error) or f"the query failed: {error}")


class RowStream:
    """The rows of one query, each fetched from SQLite as it is read, so a reader can write
    a row out before SQLite finds the next, and memory holds one row at a time."""

    def __init__(self, cursor: sqlite3.Cursor, failures: QueryFailures) -> None:
        self.cursor, self.failures = cursor, failures
        self.columns = [column[0] for column in cursor.description or ()]

    def __iter__(self) -> Iterator[tuple]:
        with self.failures.translated():
            yield from self.cursor


@contextmanager
def open_query(out_dir: Path, sql: str, parameters: dict | tuple = (),
               guard: QueryGuard | None = None) -> Iterator[RowStream]:
    """Run one SQL statement on a read-only connection to ``DIR/letters.sqlite``; the rows
    come as they are read, so output of any size takes little memory.

        >>> with open_query(Path("outputs"), "select doc_id from letters") as rows:
        ...     for (doc_id,) in rows: print(doc_id)  # doctest: +SKIP

    Raises what ``run_query`` raises, on opening or while the rows are read.
    """
    if is_empty(sql):
        raise StoreError("the query is empty: give one SQL statement, e.g. "
                         '"select count(*) from letters"')
    guard = guard or QueryGuard()
    connection, refusals = connect_read_only(store_path(out_dir))
    connection.set_progress_handler(guard.progress, PROGRESS_STEPS)
    failures = QueryFailures(refusals, guard, out_dir)
    guard.start()
    try:
        with failures.translated():
            cursor = connection.execute(sql, parameters)
        yield RowStream(cursor, failures)
    finally:
        connection.close()


def run_query(out_dir: Path, sql: str, parameters: dict | tuple = (),
              guard: QueryGuard | None = None) -> QueryResult:
    """Run one SQL statement on a read-only connection to ``DIR/letters.sqlite``.

        >>> run_query(Path("outputs"), "select count(*) as n from letters")  # doctest: +SKIP
        QueryResult(columns=['n'], rows=[(1,)])

    Raises ``QueryRefused`` for a statement that would write, attach a database,
    set a pragma or load an extension, ``QueryTimedOut`` or ``QueryInterrupted`` when
    ``guard`` stopped it, and ``StoreError`` for any other SQL error.
    """
    with open_query(out_dir, sql, parameters, guard) as rows:
        return QueryResult(rows.columns, list(rows))


# Comments, and the semicolons that end statements, which alone make no statement.
NOT_A_STATEMENT = re.compile(r"--[^\n]*|/\*.*?(?:\*/|$)|[\s;]+", re.DOTALL)


def is_empty(sql: str) -> bool:
    r"""Whether ``sql`` holds no statement, only space, comments or semicolons.

        >>> is_empty("  -- nothing here\n /* nor here */ ;"), is_empty("select 1 -- one")
        (True, False)
    """
    return not NOT_A_STATEMENT.sub("", sql)


def missing_parameter(error: sqlite3.Error) -> str | None:
    """Which named parameter the query wants but was not given, as advice; else ``None``.

        >>> missing_parameter(sqlite3.ProgrammingError(
        ...     "You did not supply a value for binding parameter :year."))
        'the query names :year but no value was given for it (-p year VALUE)'
    """
    found = re.search(r"binding parameter :(\w+)", str(error))
    if found is None:
        return None
    name = found.group(1)
    return f"the query names :{name} but no value was given for it (-p {name} VALUE)"
