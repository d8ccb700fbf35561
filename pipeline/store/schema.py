"""What the store holds: its tables and columns, indexes, the amounts view and full-text search.

    >>> [spec.name for spec in TABLES][:3]
    ['letters', 'recipients', 'case_numbers']

One table mirrors each part of the record's contract: ``letters`` has one row per
record, and every fact table (``amounts``, ``dates`` …) has one row per fact with
its ``doc_id``, its fields and its evidence (``page``, ``char_start``,
``char_end``: the evidence's offsets into ``body_text``, under the same names as in the
JSON evidence; not ``start``/``end``, which ``periods`` has for the period's own ends).
The DDL and the browser's descriptions are both made from the ``TableSpec``s here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from models.failure import FailureCode

STORE_NAME = "letters.sqlite"
STORE_VERSION = 3  # kept in PRAGMA user_version; a store of another version is rebuilt
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
        _col("source_path", "TEXT", "Absolute path of the PDF on the machine that processed it"),
        _col("oda_id", "INTEGER",
             "The document's id in Folketinget's open data (ODA); empty for other letters"),
        _col("oda_title", "TEXT", "The document's title in ODA"),
        _col("ft_url", "TEXT", "The letter on ft.dk: the document's page where one is known, "
             "else the PDF's address (a link)"),
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
    TableSpec("amounts", "Amounts of money in a letter's text and tables, one row per place "
              "they stand. To sum money, add origin = 'text' rows, or table totals "
              "(total = 1), never both: a table's cells add up to its totals, and the text "
              "often repeats them.", (
        DOC_ID, POSITION,
        _col("value", "NUMERIC NOT NULL", "In whole units: '73,4 mio. kr.' is 73400000"),
        _col("currency", "TEXT NOT NULL", "ISO code, e.g. DKK"),
        _col("range_to", "NUMERIC", "Upper end of a range ('10-15 mio. kr.'), else empty"),
        _col("per", "TEXT", "'år' for a yearly amount, else empty"),
        _col("raw", "TEXT NOT NULL", "The amount as written"),
        _col("sentence", "TEXT", "The sentence it stands in (a table cell: its row)"),
        _col("origin", "TEXT NOT NULL",
             "'text' (written in the running text) or 'table' (a bare number in a table "
             "cell, in the unit its header gives)"),
        _col("table_row", "TEXT", "A table cell's row label, e.g. 'Driftsudgifter' or "
             "'I alt'; empty for text amounts"),
        _col("table_column", "TEXT", "A table cell's column header, e.g. '2021'; empty for "
             "text amounts or where the header cannot be told"),
        _col("total", "INTEGER NOT NULL", "1 for a table cell in a total row or column "
             "('I alt', 'Total', 'Samlet'), else 0 (always 0 for text amounts)"),
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
         "Short code (models/failure.py): " + ", ".join(get_args(FailureCode))),
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
       a.value, a.currency, a.range_to, a.per, a.raw, a.sentence, a.page,
       a.origin, a.table_row, a.table_column, a.total
FROM amounts a JOIN letters l USING (doc_id)
"""

# unicode61 folds case for æ, ø and å too and treats them as letters. Diacritics
# are kept (remove_diacritics 0): removing them would fold å to a, so "år"
# (year) would match "ar" and "får" "far". There is no stemmer: FTS5's only one,
# porter, is English; Danish word forms are found with a prefix ("initiativ*").
FTS_TOKENIZER = "unicode61 remove_diacritics 0"
# ``refs`` holds the letter's case numbers and the questions it refers to, so a search
# finds "2020-6967" or "spørgsmål 12" also where they stand beside the text, not in it.
FTS_COLUMNS = ("subject", "body_text", "recommendations", "refs")
LETTER_ROWID = "(SELECT rowid FROM letters WHERE doc_id = new.doc_id)"
# What ``refs`` gets for each fact: a case number as "sagsnummer 2023-4471 Sagsnr.: 2023 -
# 4471", a question as "spørgsmål 12 spørgsmål nr. 12 spm. 12 Alm. del Finansudvalget", so
# the phrases "spørgsmål 12", "spørgsmål nr. 12" and "spm. 12" all match.
CASE_NUMBER_REFS = "new.kind || ' ' || new.value || ' ' || new.raw"
QUESTION_REFS = ("'spørgsmål ' || new.number || ' spørgsmål nr. ' || new.number || ' spm. ' "
                 "|| new.number || ' ' || coalesce(new.series, '') || ' ' "
                 "|| coalesce(new.committee, '')")


def fts_refs_trigger(table: str, text: str) -> str:
    """A trigger adding each new row of ``table`` to its letter's ``refs``, as ``text``."""
    return f"""CREATE TRIGGER IF NOT EXISTS letters_fts_{table} AFTER INSERT ON {table} BEGIN
    UPDATE letters_fts SET refs = ltrim(refs || ' · ' || {text}, ' ·')
    WHERE rowid = {LETTER_ROWID};
END;"""


# The search table keeps its own copy of the text (not content="letters"): ``refs`` is
# no column of ``letters``. A letter's row goes in with the letter and out with it; its
# facts, written after it in the same transaction, add themselves to ``refs``.
FTS_SCHEMA = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS letters_fts USING fts5(
    {", ".join(FTS_COLUMNS)}, tokenize="{FTS_TOKENIZER}");
CREATE TRIGGER IF NOT EXISTS letters_fts_insert AFTER INSERT ON letters BEGIN
    INSERT INTO letters_fts(rowid, {", ".join(FTS_COLUMNS)})
    VALUES (new.rowid, new.subject, new.body_text, new.recommendations, '');
END;
CREATE TRIGGER IF NOT EXISTS letters_fts_delete AFTER DELETE ON letters BEGIN
    DELETE FROM letters_fts WHERE rowid = old.rowid;
END;
{fts_refs_trigger("case_numbers", CASE_NUMBER_REFS)}
{fts_refs_trigger("question_refs", QUESTION_REFS)}
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

