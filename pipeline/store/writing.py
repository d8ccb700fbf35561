"""Writing the store: ``LetterStore``, a letter replaced per transaction, and run state.

    >>> with LetterStore.open(Path("outputs")) as store:  # doctest: +SKIP
    ...     store.put_record(record)

Each letter is replaced in one transaction, so a letter is never half in the
store. The database runs in WAL mode with a busy timeout and every write
transaction takes the write lock up front (``BEGIN IMMEDIATE``), so two runs
writing at once wait for each other instead of failing.

The store knows nothing of the output folder's files: ``pipeline.run.archive``
keeps it in step with ``records.jsonl``, and ``pipeline.run.catchup.reindex``
rebuilds it from them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from models import Failure, LetterRecord
from pipeline.store.rows import fact_rows, insert_sql, letter_row
from pipeline.store.schema import (
    BUSY_TIMEOUT_MS,
    FACT_TABLES,
    FAILURES,
    LETTERS,
    STORE_VERSION,
    schema_script,
    store_path,
)

# Scheduled runs' own state. Not derived from the records, so a rebuild (``reindex``, a new
# store version) keeps it: a watermark lost there would fetch everything again.
RUN_STATE_TABLES = ("processed_hashes", "watermarks")
# The one watermark a rebuild drops: how much of records.jsonl the store is known to hold
# (``pipeline.run.catchup``). Rebuilt, the store is checked against the file line by line.
JSONL_WATERMARK = "records.jsonl"
RUN_STATE_SCHEMA = """
CREATE TABLE IF NOT EXISTS processed_hashes (
  sha256 TEXT PRIMARY KEY, source TEXT NOT NULL, path TEXT NOT NULL,
  outcome TEXT NOT NULL, processed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watermarks (
  source TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
"""


class LetterStore:
    """A read-write connection to one store; each ``put_*`` is its own transaction.

        >>> with LetterStore.open(Path("outputs")) as store:  # doctest: +SKIP
        ...     store.put_record(record)      # replaces the letter if it is there
        ...     store.put_failure(failure)    # replaces the path's earlier failure
        ...     store.letter_count()
        1
    """

    def __init__(self, connection: sqlite3.Connection, path: Path,
                 set_aside: DamagedStore | None = None):
        self.connection = connection
        self.path = path
        self.set_aside = set_aside  # the damaged file this store replaced on opening, if any

    @classmethod
    def open(cls, out_dir: Path) -> LetterStore:
        """Open (creating if needed) the store of ``out_dir``, as it is.

        A new store, or one of another version (``is_current``), has its tables made and
        filled from the folder's records by ``pipeline.run.catchup.bring_in_step``, as
        opening an ``Archive`` does. A damaged file (cut short, overwritten, failing SQLite's
        ``quick_check``) is moved aside and a new store takes its place, to be filled the
        same way: the store is derived from the records, so nothing is lost but the run
        state, which ``pipeline.run.catchup.restore_run_state`` brings back.
        """
        path = store_path(out_dir)
        found = file_identity(path)
        try:
            return cls(connect_checked(path), path)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            damaged = set_damaged_store_aside(path, found, reason=str(error))
        return cls(connect_checked(path), path, set_aside=damaged)

    def __enter__(self) -> LetterStore:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def version(self) -> int:
        return self.connection.execute("PRAGMA user_version").fetchone()[0]

    def is_current(self) -> bool:
        """Whether the store has this code's schema; one of another version is rebuilt."""
        return self.version() == STORE_VERSION

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Take the write lock up front, so a second writer waits (busy timeout) for it."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def put_record(self, record: LetterRecord) -> None:
        """Put one letter in the store, replacing its earlier rows, in one transaction."""
        with self.transaction() as connection:
            write_record(connection, record)

    def put_records(self, records: Iterable[LetterRecord]) -> None:
        """Put letters in the store, replacing their earlier rows, all in one transaction."""
        with self.transaction() as connection:
            for record in records:
                write_record(connection, record)

    def put_failure(self, failure: Failure) -> None:
        """Log a file that could not be processed (one row per path)."""
        with self.transaction() as connection:
            write_failure(connection, failure)

    def rebuild(self, records: Iterable[LetterRecord], failures: Iterable[Failure] = ()) -> int:
        """Drop everything and fill the store from ``records``, in one transaction.

        Readers see the old store until the new one is committed. Returns the number of letters.
        """
        with self.transaction() as connection:
            return fill(connection, records, failures)

    def rebuild_unless_current(
            self, contents: Callable[[], tuple[Iterable[LetterRecord], Iterable[Failure]]],
    ) -> bool:
        """Rebuild from ``contents()`` (records, failures) unless the store is current;
        True if it rebuilt.

        The version is checked under the write lock: two runs that start on a new store
        at once must not both rebuild, or the second would drop what the first has added
        since.
        """
        with self.transaction() as connection:
            if self.is_current():
                return False
            fill(connection, *contents())
            return True

    def letter_count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM letters").fetchone()[0]

    def processed_at_by_doc_id(self) -> dict[str, str]:
        """Each stored letter's ``processed_at``: which version of its record the store holds."""
        return dict(self.connection.execute("SELECT doc_id, processed_at FROM letters"))

    # -- run state: what scheduled runs have seen (``RUN_STATE_SCHEMA``) ----------------------

    def ensure_run_state(self) -> None:
        """Create the run-state tables if this store has none yet."""
        present = self.connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
            f"({', '.join('?' * len(RUN_STATE_TABLES))})", RUN_STATE_TABLES).fetchone()[0]
        if present < len(RUN_STATE_TABLES):
            with self.transaction() as connection:
                for statement in split_script(RUN_STATE_SCHEMA):
                    connection.execute(statement)

    def processed_hashes(self) -> set[str]:
        """SHA-256 of every file processed before: marked by a scheduled run, or in ``letters``.

            >>> "9bd7a55f42ce5f96..." in store.processed_hashes()  # doctest: +SKIP
            True
        """
        rows = self.connection.execute(
            "SELECT sha256 FROM processed_hashes UNION SELECT sha256 FROM letters")
        return {sha256 for (sha256,) in rows}

    def mark_processed(self, sha256: str, source: str, path: str, outcome: str) -> None:
        """Remember a file's content as done (``outcome``: 'record' or a failure code)."""
        with self.transaction() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO processed_hashes VALUES (?, ?, ?, ?, ?)",
                (sha256, source, path, outcome, datetime.now(UTC).isoformat()))

    def watermark(self, source: str) -> str | None:
        """The last update time of ``source`` fully processed, as the source wrote it."""
        row = self.connection.execute(
            "SELECT value FROM watermarks WHERE source = ?", (source,)).fetchone()
        return row[0] if row else None

    def set_watermark(self, source: str, value: str) -> None:
        """Move the watermark; callers do so only once everything up to ``value`` is committed."""
        with self.transaction() as connection:
            connection.execute("INSERT OR REPLACE INTO watermarks VALUES (?, ?, ?)",
                               (source, value, datetime.now(UTC).isoformat()))


@dataclass(frozen=True)
class DamagedStore:
    """A store file found damaged, and where it was moved."""

    moved_to: Path
    reason: str  # SQLite's words: "file is not a database", "database disk image is malformed"


def connect_checked(path: Path) -> sqlite3.Connection:
    """``connect_writable``, with the run state's tables made, after SQLite's ``quick_check``
    (which reads every page once, without checking indexes against their tables: a small
    part of a run's start) found nothing wrong; raises ``sqlite3.DatabaseError`` if it did."""
    connection = connect_writable(path)
    try:
        problems = connection.execute("PRAGMA quick_check(1)").fetchone()
        if problems != ("ok",):
            raise sqlite3.DatabaseError(f"quick_check: {problems[0]}")
        LetterStore(connection, path).ensure_run_state()
    except BaseException:
        connection.close()
        raise
    return connection


def is_damage(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file itself is damaged, not that it is busy, full or read-only.

    ``sqlite_errorname`` is the extended code's name ("SQLITE_CORRUPT_INDEX"); an error
    raised by ``connect_checked`` for what ``quick_check`` found has none.
    """
    name = getattr(error, "sqlite_errorname", None)
    if name is None:
        return str(error).startswith("quick_check")
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def set_damaged_store_aside(path: Path, found: tuple | None,
                            reason: str) -> DamagedStore | None:
    """Move a damaged store, with its WAL and shared-memory files, to a name with the time.

    ``found`` is the damaged file's ``file_identity``. Another run may have found the same
    damage and set the file aside first: then the file at ``path`` is its new store, and is
    left as it is (None).
    """
    if file_identity(path) != found:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    moved_to = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.rename(f"{path}{suffix}", f"{moved_to}{suffix}")
    return DamagedStore(moved_to=moved_to, reason=reason)


def file_identity(path: Path) -> tuple | None:
    """The file's device and inode: which file stands at ``path`` (None: none)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def connect_writable(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    use_wal(connection)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = NORMAL")  # safe in WAL mode; one fsync per checkpoint
    return connection


def use_wal(connection: sqlite3.Connection) -> None:
    """Switch the file to WAL. The switch needs the file to itself for a moment, and SQLite
    answers "locked" at once rather than waiting while another run holds it: retry."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def fill(connection: sqlite3.Connection, records: Iterable[LetterRecord],
         failures: Iterable[Failure]) -> int:
    """Inside a transaction: a fresh schema holding exactly ``records`` and ``failures``."""
    drop_everything(connection)
    # executescript() would commit first, so the schema goes statement by statement.
    for statement in split_script(schema_script() + RUN_STATE_SCHEMA):
        connection.execute(statement)
    connection.execute("DELETE FROM watermarks WHERE source = ?", (JSONL_WATERMARK,))
    written = 0
    for record in records:
        write_record(connection, record)
        written += 1
    for failure in failures:
        write_failure(connection, failure)
    connection.execute(f"PRAGMA user_version = {STORE_VERSION}")
    return written


def write_record(connection: sqlite3.Connection, record: LetterRecord) -> None:
    """Replace a letter's rows; the fact rows and search entries go with the letter row."""
    connection.execute("DELETE FROM letters WHERE doc_id = ?", (record.doc_id,))
    connection.execute(insert_sql(LETTERS), letter_row(record))
    rows = fact_rows(record)
    for spec in FACT_TABLES:
        connection.executemany(insert_sql(spec), rows[spec.name])
    # A file that now has a record has no failure any more, as in failures.jsonl.
    connection.execute("DELETE FROM failures WHERE path = ?", (record.source.path,))


def write_failure(connection: sqlite3.Connection, failure: Failure) -> None:
    connection.execute("DELETE FROM failures WHERE path = ?", (failure.path,))
    connection.execute(insert_sql(FAILURES), failure.model_dump())


def drop_everything(connection: sqlite3.Connection) -> None:
    """Drop every view and table of the store but the run state (``RUN_STATE_TABLES``).

    Order matters: the search table before the tables it shadows and indexes (its
    own shadow tables go with it), fact tables before ``letters`` which they point at.
    """
    objects = connection.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') "
        "AND name NOT LIKE 'sqlite~_%' ESCAPE '~' "
        f"AND name NOT IN {RUN_STATE_TABLES!r} "
        "ORDER BY type = 'table', sql NOT LIKE 'CREATE VIRTUAL%', name = 'letters'").fetchall()
    for kind, name in objects:
        connection.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')


def split_script(script: str) -> list[str]:
    """Statements of a script, for running them inside a transaction one at a time."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [statement for statement in statements if statement]


