"""The SQLite store: ``DIR/letters.sqlite``, the records made answerable with SQL.

    >>> with LetterStore.open(Path("outputs")) as store:  # doctest: +SKIP
    ...     store.put_record(record)
    >>> run_query(Path("outputs"), "select ministry, count(*) as n from letters group by 1")
    ... # doctest: +SKIP
    QueryResult(columns=['ministry', 'n'], rows=[('Udlændinge- og Integrationsministeriet', 1)])

The JSON records stay the canonical output; this store is derived from them and
can be rebuilt from ``records.jsonl`` alone (``reindex``). One table mirrors
each part of the contract: ``letters`` has one row per record, and every fact
table (``amounts``, ``dates`` …) has one row per fact with its ``doc_id``, its
fields and its evidence (``page``, ``char_start``, ``char_end``: the evidence's
offsets into ``body_text``, named so they never clash with a period's
``start``/``end``).

Writing: each letter is replaced in one transaction, so a letter is never half
in the store. The database runs in WAL mode with a busy timeout and every write
transaction takes the write lock up front (``BEGIN IMMEDIATE``), so two runs
writing at once wait for each other instead of failing.

Reading: ``run_query`` opens the file read-only and an authorizer refuses
anything but reading, so analysts can paste any SQL without risk.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from models import Failure, LetterRecord

STORE_NAME = "letters.sqlite"
STORE_VERSION = 2  # kept in PRAGMA user_version; a store of another version is rebuilt
BUSY_TIMEOUT_MS = 60_000  # a second run waits this long for the write lock


@dataclass(frozen=True)
class Column:
    """One column: its SQL type and a plain-words description (shown in Datasette)."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class TableSpec:
    """One table of the store; the DDL and the browser's metadata are both made from it."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def _col(name: str, sql_type: str, description: str) -> Column:
    return Column(name, sql_type, description)


DOC_ID = _col("doc_id", "TEXT NOT NULL", "The letter (first 16 hex digits of its file's SHA-256)")
POSITION = _col("position", "INTEGER NOT NULL", "Order of the item within its letter, from 0")
EVIDENCE = (
    _col("page", "INTEGER", "Page of the PDF where it stands (from 1)"),
    _col("char_start", "INTEGER", "Where it starts in the letter's body_text (character offset)"),
    _col("char_end", "INTEGER", "Where it ends in the letter's body_text (character offset)"),
)

LETTERS = TableSpec(
    "letters", "One row per letter: its date, sender, recipients, source file and running text.",
    (
        _col("doc_id", "TEXT PRIMARY KEY",
             "The letter's id: the first 16 hex digits of its file's SHA-256"),
        _col("date", "TEXT", "The letter's own date, YYYY-MM-DD (empty if none was found)"),
        _col("year", "INTEGER", "Year of the letter's date"),
        _col("kind", "TEXT NOT NULL",
             "orientering, svar_paa_spoergsmaal (answers a question), oversendelse (forwards "
             "a report) or other"),
        _col("subject", "TEXT", "The letter's heading line"),
        _col("ministry", "TEXT", "The sending ministry, full name"),
        _col("minister", "TEXT", "The signing minister (empty where an official signs alone)"),
        _col("recipient", "TEXT", "The receiving committees' names, joined with '; '"),
        _col("salutation", "TEXT", "E.g. 'Kære ordførere'"),
        _col("sender_address", "TEXT", "The ministry's postal address"),
        _col("sender_phone", "TEXT", "The ministry's phone number"),
        _col("sender_email", "TEXT", "The ministry's email address"),
        _col("sender_web", "TEXT", "The ministry's web address"),
        _col("sender_cvr", "TEXT", "The ministry's CVR number"),
        _col("recommendations", "TEXT", "The letter's recommendations, one per line"),
        _col("warnings", "TEXT", "What a person should look at (JSON list of strings)"),
        _col("body_text", "TEXT NOT NULL", "The letter's running text in reading order"),
        _col("path", "TEXT NOT NULL", "Path of the PDF when it was processed"),
        _col("filename", "TEXT NOT NULL", "File name of the PDF"),
        _col("sha256", "TEXT NOT NULL", "SHA-256 of the PDF's bytes"),
        _col("bytes", "INTEGER", "Size of the PDF in bytes"),
        _col("pages", "INTEGER", "Number of pages"),
        _col("media_type", "TEXT", "Media type of the source file"),
        _col("text_layer", "TEXT", "native (text in the PDF), ocr, or none"),
        _col("processed_at", "TEXT", "When the letter was processed (ISO 8601, UTC)"),
        _col("schema_version", "TEXT", "Version of the record contract"),
    ),
    ("doc_id",),
)

FACT_TABLES = (
    TableSpec("recipients", "The committees a letter is addressed to.", (
        DOC_ID, POSITION,
        _col("name", "TEXT NOT NULL", "The committee's standard name, e.g. Finansudvalget"),
        _col("organisation", "TEXT", "Usually Folketinget"),
        _col("address", "TEXT", "The recipient's address as printed"),
    ), ("doc_id", "position")),
    TableSpec("case_numbers", "Case, journal and document numbers printed on a letter.", (
        DOC_ID, POSITION,
        _col("kind", "TEXT NOT NULL",
             "sagsnummer, journalnummer, akt-id, dokumentnummer or reference"),
        _col("value", "TEXT NOT NULL", "The number, normalised (no spaces around - or /)"),
        _col("raw", "TEXT NOT NULL", "The number as printed"),
    ), ("doc_id", "position")),
    TableSpec("question_refs", "Numbered parliamentary questions a letter refers to.", (
        DOC_ID, POSITION,
        _col("number", "INTEGER NOT NULL", "The question's number"),
        _col("series", "TEXT", "E.g. 'Alm. del'"),
        _col("committee", "TEXT", "The committee that asked"),
        _col("answered", "INTEGER", "1 for the question the letter answers, 0 for one it cites"),
        _col("raw", "TEXT NOT NULL", "The reference as printed"),
    ), ("doc_id", "position")),
    TableSpec("amounts", "Amounts of money in a letter's text, one row per place they stand.", (
        DOC_ID, POSITION,
        _col("value", "NUMERIC NOT NULL", "In whole units: '73,4 mio. kr.' is 73400000"),
        _col("currency", "TEXT NOT NULL", "ISO code, e.g. DKK"),
        _col("range_to", "NUMERIC", "Upper end of a range ('10-15 mio. kr.'), else empty"),
        _col("per", "TEXT", "'år' for a yearly amount, else empty"),
        _col("raw", "TEXT NOT NULL", "The amount as written"),
        _col("sentence", "TEXT", "The sentence it stands in"),
        *EVIDENCE,
    ), ("doc_id", "position")),
    TableSpec("dates", "Calendar dates mentioned in a letter's text.", (
        DOC_ID, POSITION,
        _col("value", "TEXT NOT NULL", "YYYY-MM-DD, or YYYY-MM for a month"),
        _col("raw", "TEXT NOT NULL", "The date as written"),
        *EVIDENCE,
    ), ("doc_id", "position")),
    TableSpec("periods", "Periods mentioned in a letter's text ('i perioden 2017-2020').", (
        DOC_ID, POSITION,
        _col("start", "TEXT NOT NULL", "First year, month or day of the period"),
        _col("end", "TEXT NOT NULL", "Last year, month or day of the period"),
        _col("raw", "TEXT NOT NULL", "The period as written"),
        *EVIDENCE,
    ), ("doc_id", "position")),
    TableSpec("counts", "Numbers of things in a letter's text ('22 initiativer').", (
        DOC_ID, POSITION,
        _col("value", "INTEGER NOT NULL", "How many"),
        _col("noun", "TEXT NOT NULL", "The thing counted, as written"),
        _col("lemma", "TEXT NOT NULL", "The thing counted, singular ('initiativ')"),
        _col("qualifier", "TEXT", "What the sentence says of them, e.g. 'gennemført som planlagt'"),
        _col("raw", "TEXT NOT NULL", "The count as written"),
        _col("sentence", "TEXT", "The sentence it stands in"),
        *EVIDENCE,
    ), ("doc_id", "position")),
    TableSpec("recommendations", "What a letter recommends, one row per recommendation.", (
        DOC_ID, POSITION,
        _col("text", "TEXT NOT NULL", "The recommendation, without its lead-in"),
        _col("sentence", "TEXT", "The sentence it stands in"),
        *EVIDENCE,
    ), ("doc_id", "position")),
)

FAILURES = TableSpec("failures", "Files that could not be processed, and why.", (
    _col("path", "TEXT PRIMARY KEY", "The file"),
    _col("sha256", "TEXT", "SHA-256 of its bytes, if it could be read"),
    _col("error", "TEXT NOT NULL",
         "Short code (models/failure.py): empty, not_pdf, encrypted, damaged, no_pages, "
         "needs_ocr, no_text, too_many_pages, timeout, too_large, unreadable, "
         "invalid_record, internal"),
    _col("message", "TEXT NOT NULL", "What went wrong, in words"),
), ("path",))

TABLES = (LETTERS, *FACT_TABLES, FAILURES)

# What analysts filter by; the fact tables' primary keys already index doc_id.
INDEXES = {
    "letters": ("date", "year", "ministry", "kind", "recipient"),
    "recipients": ("name",),
    "case_numbers": ("value",),
    "question_refs": ("number",),
    "amounts": ("currency, value", "value"),
    "dates": ("value",),
    "periods": ("start", "end"),
    "counts": ("lemma",),
}

LETTER_AMOUNTS_VIEW = """
CREATE VIEW IF NOT EXISTS letter_amounts AS
SELECT a.doc_id, l.date, l.year, l.ministry, l.recipient, l.subject,
       a.value, a.currency, a.range_to, a.per, a.raw, a.sentence, a.page
FROM amounts a JOIN letters l USING (doc_id)
"""

# unicode61 folds case for æ, ø and å too and treats them as letters. Diacritics
# are kept (remove_diacritics 0): removing them would fold å to a, so "år"
# (year) would match "ar" and "får" "far". There is no stemmer: FTS5's only one,
# porter, is English; Danish word forms are found with a prefix ("initiativ*").
FTS_TOKENIZER = "unicode61 remove_diacritics 0"
FTS_COLUMNS = ("subject", "body_text", "recommendations")
FTS_SCHEMA = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS letters_fts USING fts5(
    {", ".join(FTS_COLUMNS)}, content="letters", content_rowid="rowid",
    tokenize="{FTS_TOKENIZER}");
CREATE TRIGGER IF NOT EXISTS letters_fts_insert AFTER INSERT ON letters BEGIN
    INSERT INTO letters_fts(rowid, {", ".join(FTS_COLUMNS)})
    VALUES (new.rowid, {", ".join("new." + c for c in FTS_COLUMNS)});
END;
CREATE TRIGGER IF NOT EXISTS letters_fts_delete AFTER DELETE ON letters BEGIN
    INSERT INTO letters_fts(letters_fts, rowid, {", ".join(FTS_COLUMNS)})
    VALUES ('delete', old.rowid, {", ".join("old." + c for c in FTS_COLUMNS)});
END;
"""


def table_ddl(spec: TableSpec) -> str:
    """``CREATE TABLE`` for one spec; fact tables point at ``letters`` and go with it."""
    columns = [f'"{c.name}" {c.type}' for c in spec.columns]
    if len(spec.primary_key) > 1:
        columns.append(f"PRIMARY KEY ({', '.join(spec.primary_key)})")
    if spec in FACT_TABLES:
        columns.append("FOREIGN KEY (doc_id) REFERENCES letters(doc_id) ON DELETE CASCADE")
    return f"CREATE TABLE IF NOT EXISTS {spec.name} (\n  " + ",\n  ".join(columns) + "\n)"


def index_ddl() -> list[str]:
    statements = []
    for table, indexed in INDEXES.items():
        for columns in indexed:
            name = f"idx_{table}_" + "_".join(c.strip() for c in columns.split(","))
            quoted = ", ".join(f'"{c.strip()}"' for c in columns.split(","))
            statements.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({quoted})")
    return statements


def schema_script() -> str:
    """The whole schema as one script: tables, indexes, the amounts view and full-text search."""
    parts = [table_ddl(spec) + ";" for spec in TABLES]
    parts += [statement + ";" for statement in index_ddl()]
    parts += [LETTER_AMOUNTS_VIEW.strip() + ";", FTS_SCHEMA]
    return "\n".join(parts)


def store_path(out_dir: Path) -> Path:
    """Where the store of an output folder lives: ``store_path(Path("outputs"))``."""
    return Path(out_dir) / STORE_NAME


# -- rows from a record ------------------------------------------------------------------------


def letter_row(record: LetterRecord) -> dict:
    """The ``letters`` row of a record, with the derived columns analysts filter by."""
    letter, sender, source = record.letter, record.letter.sender, record.source
    return {
        "doc_id": record.doc_id, "date": letter.date,
        "year": int(letter.date[:4]) if letter.date else None,
        "kind": letter.kind, "subject": letter.subject,
        "ministry": sender.ministry, "minister": sender.minister,
        "recipient": "; ".join(r.name for r in letter.recipients) or None,
        "salutation": letter.salutation,
        "sender_address": sender.address, "sender_phone": sender.phone,
        "sender_email": sender.email, "sender_web": sender.web, "sender_cvr": sender.cvr,
        "recommendations": "\n".join(r.text for r in record.recommendations) or None,
        "warnings": json.dumps(record.warnings, ensure_ascii=False),
        "body_text": record.body_text,
        "path": source.path, "filename": source.filename, "sha256": source.sha256,
        "bytes": source.bytes, "pages": source.pages, "media_type": source.media_type,
        "text_layer": source.text_layer, "processed_at": source.processed_at.isoformat(),
        "schema_version": record.schema_version,
    }


def fact_rows(record: LetterRecord) -> dict[str, list[dict]]:
    """Rows for every fact table, keyed by table name: each item's fields and its evidence."""
    items = {
        "recipients": record.letter.recipients,
        "case_numbers": record.letter.case_numbers,
        "question_refs": record.letter.question_refs,
        "amounts": record.amounts, "dates": record.dates, "periods": record.periods,
        "counts": record.counts, "recommendations": record.recommendations,
    }
    return {table: [item_row(record.doc_id, position, item) for position, item in enumerate(found)]
            for table, found in items.items()}


def item_row(doc_id: str, position: int, item) -> dict:
    """One item's fields, with its evidence flattened into page/char_start/char_end."""
    row = {"doc_id": doc_id, "position": position, **item.model_dump(exclude={"evidence"})}
    evidence = getattr(item, "evidence", None)
    if evidence is not None:
        row.update(page=evidence.page, char_start=evidence.start, char_end=evidence.end)
    return row


def insert_sql(spec: TableSpec) -> str:
    names = ", ".join(f'"{name}"' for name in spec.column_names)
    values = ", ".join(f":{name}" for name in spec.column_names)
    return f"INSERT INTO {spec.name} ({names}) VALUES ({values})"


# -- writing ----------------------------------------------------------------------------------


class LetterStore:
    """A read-write connection to one store; each ``put_*`` is its own transaction.

        >>> with LetterStore.open(Path("outputs")) as store:  # doctest: +SKIP
        ...     store.put_record(record)      # replaces the letter if it is there
        ...     store.put_failure(failure)    # replaces the path's earlier failure
        ...     store.letter_count()
        1
    """

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self.connection = connection
        self.path = path
        # The ``file_state`` of records.jsonl this store is known to hold all of.
        self.caught_up_as: tuple | None = None

    @classmethod
    def open(cls, out_dir: Path) -> LetterStore:
        """Open (creating if needed) the store of ``out_dir``.

        A new or outdated store is filled from the folder's ``records.jsonl`` and
        ``failures.jsonl``, so it is in step with the records before any letter is added.
        """
        path = store_path(out_dir)
        store = cls(connect_writable(path), path)
        store.ensure_run_state()
        if store.version() != STORE_VERSION:
            store.bring_up_to_date(Path(out_dir))
        else:
            store.catch_up(Path(out_dir))
        return store

    def catch_up(self, out_dir: Path) -> int:
        """Add the records of ``records.jsonl`` that the store lacks or holds in an older version.

        A run killed between writing a record and committing it here leaves such a
        letter, and the next run skips its file because its record exists. Returns how
        many letters were added or replaced.
        """
        from pipeline.output import file_state, iter_jsonl

        jsonl = out_dir / "records.jsonl"
        before = file_state(jsonl)
        if self.watermark(JSONL_WATERMARK) == state_text(before):
            self.caught_up_as = before  # as the last run that wrote it left it: nothing new
            return 0
        stored = dict(self.connection.execute("SELECT doc_id, processed_at FROM letters"))
        behind: dict[str, str] = {}  # by doc_id; the file is read as it goes, not held
        for line in iter_jsonl(jsonl, key="doc_id"):
            if stored.get(line.key) != processed_at_of(line.fields):
                behind[line.key] = line.text
            else:  # the last line for a letter is the one that counts
                behind.pop(line.key, None)
        if behind:
            with self.transaction() as connection:
                for line in behind.values():
                    try:
                        write_record(connection, LetterRecord.model_validate_json(line))
                    except ValueError:
                        continue  # a line of an older contract: `reindex` reports it
        if file_state(jsonl) == before:  # no other run wrote to it while it was read
            self.mark_caught_up(before)
        return len(behind)

    def mark_caught_up(self, state: tuple) -> None:
        """Note that the store holds every letter of records.jsonl as it is in ``state``
        (``pipeline.output.file_state``), so that the next run need not read the file
        through to find out. A file in any other state is read as before."""
        self.set_watermark(JSONL_WATERMARK, state_text(state))
        self.caught_up_as = state

    def keep_up_with(self, since: tuple, now: tuple | None) -> None:
        """After a run: records.jsonl went from ``since`` to ``now`` with this run's letters
        only (``now`` None if not), each put here too. If the store held all of ``since``,
        it holds all of ``now``."""
        if now is not None and self.caught_up_as == since:
            self.mark_caught_up(now)

    def bring_up_to_date(self, out_dir: Path) -> None:
        """Rebuild from the folder's JSONL files unless another run did so meanwhile.

        The version is checked again under the write lock: two runs that start on a
        new store at once must not both rebuild, or the second would drop what the
        first has added since.
        """
        from pipeline.output import file_state

        before = file_state(out_dir / "records.jsonl")
        with self.transaction() as connection:
            if self.version() != STORE_VERSION:
                contents = read_folder(out_dir)
                fill(connection, contents.records, contents.failures)
                filled = True
            else:
                filled = False
        if filled and file_state(out_dir / "records.jsonl") == before:
            self.mark_caught_up(before)  # it read the file through, and nobody wrote meanwhile

    def __enter__(self) -> LetterStore:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def version(self) -> int:
        return self.connection.execute("PRAGMA user_version").fetchone()[0]

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

    def letter_count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM letters").fetchone()[0]

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


# Scheduled runs' own state. Not derived from the records, so a rebuild (``reindex``, a new
# store version) keeps it: a watermark lost there would fetch everything again.
RUN_STATE_TABLES = ("processed_hashes", "watermarks")
# The store's own watermark, which a rebuild drops: the state of records.jsonl the store is
# known to hold all of (``LetterStore.mark_caught_up``).
JSONL_WATERMARK = "records.jsonl"
RUN_STATE_SCHEMA = """
CREATE TABLE IF NOT EXISTS processed_hashes (
  sha256 TEXT PRIMARY KEY, source TEXT NOT NULL, path TEXT NOT NULL,
  outcome TEXT NOT NULL, processed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watermarks (
  source TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
"""


def state_text(state: tuple) -> str:
    """A ``file_state`` as the watermarks table keeps it."""
    return ":".join(map(str, state))


def processed_at_of(fields: dict) -> str | None:
    """A record's ``source.processed_at`` as the store writes it (``isoformat``)."""
    try:
        return datetime.fromisoformat(fields["source"]["processed_at"]).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


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
    # Rebuilt, the store is checked against records.jsonl line by line again.
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


@dataclass(frozen=True)
class FolderContents:
    """What an output folder's JSONL files hold, and how many lines did not validate."""

    records: list[LetterRecord]
    failures: list[Failure]
    invalid: int = 0


def read_folder(out_dir: Path) -> FolderContents:
    """The records of ``records.jsonl`` and failures of ``failures.jsonl`` (last line per key).

    A line that no longer validates (a record of an older contract) is counted and left out,
    so one bad line never keeps the other letters out of the store.
    """
    from pipeline.output import read_jsonl

    records, failures, invalid = [], [], 0
    for model, name, key, found in ((LetterRecord, "records.jsonl", "doc_id", records),
                                    (Failure, "failures.jsonl", "path", failures)):
        for line in read_jsonl(out_dir / name, key=key).values():
            try:
                found.append(model.model_validate_json(line))
            except ValueError:
                invalid += 1
    return FolderContents(records, failures, invalid)


def reindex(out_dir: Path) -> FolderContents:
    """Rebuild ``DIR/letters.sqlite`` from ``DIR/records.jsonl`` (and ``failures.jsonl``).

        >>> reindex(Path("outputs")).records[0].doc_id  # doctest: +SKIP
        '3f1c0a9d2b7e4c55'
    """
    contents = read_folder(Path(out_dir))
    with LetterStore(connect_writable(store_path(out_dir)), store_path(out_dir)) as store:
        store.rebuild(contents.records, contents.failures)
    return contents


# -- reading ----------------------------------------------------------------------------------


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
    connection, refusals = connect_read_only(store_path(out_dir))
    try:
        cursor = connection.execute(sql, parameters)
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description or ()]
    except sqlite3.Error as error:
        if refusals:
            raise QueryRefused(refusals[0]) from error
        raise StoreError(f"the query failed: {error}") from error
    except sqlite3.Warning as error:  # e.g. more than one statement
        raise StoreError(f"the query failed: {error}") from error
    finally:
        connection.close()
    return QueryResult(columns, rows)


# -- full-text search -------------------------------------------------------------------------

HIT_START, HIT_END = "\x02", "\x03"  # marks the hit in a snippet; never in a letter's text


@dataclass(frozen=True)
class SearchHit:
    """One letter that matches a search, best first; ``snippet`` marks hits with HIT_START/END."""

    doc_id: str
    date: str | None
    ministry: str | None
    subject: str | None
    snippet: str
    score: float

    def highlighted(self, before: str = "**", after: str = "**") -> str:
        """The snippet with each hit between ``before`` and ``after``.

            >>> hit.highlighted()  # doctest: +SKIP
            'øget fokus på **familiebehandling**, …'
        """
        return self.snippet.replace(HIT_START, before).replace(HIT_END, after)


def fts_query(words: str) -> str:
    """Plain words to an FTS5 query in which every word must occur; ``word*`` is a prefix.

        >>> fts_query("familiebehandling mio. initiativ* -")
        '"familiebehandling" "mio." "initiativ"*'
    """
    terms = []
    for word in words.split():
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if any(character.isalnum() for character in word):
            terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    if not terms:
        raise StoreError(f"nothing to search for in {words!r}")
    return " ".join(terms)


SEARCH_SQL = f"""
SELECT l.doc_id, l.date, l.ministry, l.subject,
       snippet(letters_fts, -1, '{HIT_START}', '{HIT_END}', '…', 16) AS snippet,
       bm25(letters_fts, 3.0, 1.0, 2.0) AS score
FROM letters_fts JOIN letters l ON l.rowid = letters_fts.rowid
WHERE letters_fts MATCH ?
ORDER BY score LIMIT ?
"""


def search(out_dir: Path, words: str, limit: int = 20) -> list[SearchHit]:
    """Letters whose subject, text or recommendations hold every word, ranked by bm25.

        >>> [hit.doc_id for hit in search(Path("outputs"), "familiebehandling")]  # doctest: +SKIP
        ['3f1c0a9d2b7e4c55']

    A match in the subject counts three times, in a recommendation twice, in the text once.
    """
    result = run_query(out_dir, SEARCH_SQL, (fts_query(words), limit))
    return [SearchHit(*row) for row in result.rows]


# -- export -----------------------------------------------------------------------------------

EXPORT_FORMATS = ("csv", "parquet", "jsonl")


def export_tables(out_dir: Path, fmt: str, to: Path) -> list[Path]:
    """Write every table of the store to ``to/<table>.<fmt>``; returns the files written.

        >>> export_tables(Path("outputs"), "parquet", Path("export"))  # doctest: +SKIP
        [PosixPath('export/letters.parquet'), PosixPath('export/recipients.parquet'), ...]
    """
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    to.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in TABLES:
        result = run_query(out_dir, f"SELECT * FROM {spec.name} ORDER BY "
                                    + ", ".join(spec.primary_key))
        target = to / f"{spec.name}.{fmt}"
        WRITERS[fmt](spec, result, target)
        written.append(target)
    return written


def write_csv(_spec: TableSpec, result: QueryResult, target: Path) -> None:
    with target.open("w", encoding="utf-8", newline="") as handle:
        write_csv_rows(handle, result)


def write_csv_rows(handle, result: QueryResult) -> None:
    """A header row, then the rows; ``None`` becomes an empty field."""
    writer = csv.writer(handle)
    writer.writerow(result.columns)
    writer.writerows(result.rows)


def write_jsonl(_spec: TableSpec, result: QueryResult, target: Path) -> None:
    with target.open("w", encoding="utf-8") as handle:
        for row in result.as_dicts():
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_parquet(spec: TableSpec, result: QueryResult, target: Path) -> None:
    """Typed columns from the table's declared types, so an empty table keeps its schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"INTEGER": pa.int64(), "NUMERIC": pa.float64(), "TEXT": pa.string()}
    schema = pa.schema([(c.name, types[c.type.split()[0]]) for c in spec.columns])
    table = pa.Table.from_pylist(result.as_dicts(), schema=schema)
    pq.write_table(table, target)


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}
