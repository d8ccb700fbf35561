"""Reading the store: any SQL an analyst pastes, on a connection that can only read.

    >>> run_query(Path("outputs"), "select ministry, count(*) as n from letters group by 1")
    ... # doctest: +SKIP
    QueryResult(columns=['ministry', 'n'], rows=[('Udlændinge- og Integrationsministeriet', 1)])

``run_query`` opens the file read-only and an authorizer refuses anything but
reading, so analysts can paste any SQL without risk.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.schema import BUSY_TIMEOUT_MS, STORE_NAME, store_path


class StoreError(Exception):
    """The store is missing, or a query could not run; the message says why in words."""


class QueryRefused(StoreError):
    """A query tried to do more than read."""


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
        if arg2 and arg2.lower() == "load_extension":
            return "load_extension() is refused: extensions cannot be loaded here"
        return None
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
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
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


def run_query(out_dir: Path, sql: str, parameters: dict | tuple = ()) -> QueryResult:
    """Run one SQL statement on a read-only connection to ``DIR/letters.sqlite``.

        >>> run_query(Path("outputs"), "select count(*) as n from letters")  # doctest: +SKIP
        QueryResult(columns=['n'], rows=[(1,)])

    Raises ``QueryRefused`` for a statement that would write, attach a database,
    set a pragma or load an extension, and ``StoreError`` for any other SQL error.
    """
    if is_empty(sql):
        raise StoreError("the query is empty: give one SQL statement, e.g. "
                         '"select count(*) from letters"')
    connection, refusals = connect_read_only(store_path(out_dir))
    try:
        cursor = connection.execute(sql, parameters)
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description or ()]
    except sqlite3.Error as error:
        if refusals:
            raise QueryRefused(refusals[0]) from error
        raise StoreError(missing_parameter(error) or f"the query failed: {error}") from error
    except sqlite3.Warning as error:  # e.g. more than one statement
        raise StoreError(f"the query failed: {error}") from error
    finally:
        connection.close()
    return QueryResult(columns, rows)


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
