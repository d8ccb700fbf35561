"""Exporting the store: every table as a file, for pandas, R or DuckDB.

    >>> export_tables(Path("outputs"), "parquet", Path("export"))  # doctest: +SKIP
    [PosixPath('export/letters.parquet'), PosixPath('export/recipients.parquet'), ...]

``WRITERS`` is the one list of formats: ``EXPORT_FORMATS`` and the command's
``--format`` choices are made from it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from pipeline.store.query import QueryResult, StoreError, run_query
from pipeline.store.schema import TABLES, TableSpec


def write_csv(_spec: TableSpec, result: QueryResult, target: Path) -> None:
    with target.open("w", encoding="utf-8", newline="") as handle:
        write_csv_rows(handle, result)


def write_csv_rows(handle: TextIO, result: QueryResult) -> None:
    """A header row, then the rows; ``None`` becomes an empty field."""
    writer = csv.writer(handle)
    writer.writerow(result.columns)
    writer.writerows(result.rows)


def write_jsonl(_spec: TableSpec, result: QueryResult, target: Path) -> None:
    with target.open("w", encoding="utf-8") as handle:
        for row in result.as_dicts():
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


# Columns that hold ISO dates: "YYYY-MM-DD", or "YYYY-MM" / "YYYY" where the letter gives
# only the month or the year. SQLite has no date type; Parquet has, so they become dates.
DATE_COLUMNS = {"letters": ("date",), "dates": ("value",), "periods": ("start", "end")}
TIMESTAMP_COLUMNS = {"letters": ("processed_at",)}
PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}


def write_parquet(spec: TableSpec, result: QueryResult, target: Path) -> None:
    """Typed columns from the table's declared types, so an empty table keeps its schema.

    A date column is a Parquet ``date32``, with ``<column>_text`` (the ISO text) and
    ``<column>_precision`` (day, month or year) beside it: a date known only to the month
    or year has no day to stand on, so its date is empty and its text says what is known.
    """
    # pyarrow takes a while to import, and only this format needs it.
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(parquet_fields(spec))
    rows = [typed_row(spec.name, row) for row in result.as_dicts()]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), target)


def parquet_fields(spec: TableSpec) -> list:
    """The Parquet schema of a table: numbers as int64/float64, dates as date32."""
    import pyarrow as pa

    types = {"INTEGER": pa.int64(), "NUMERIC": pa.float64(), "REAL": pa.float64(),
             "TEXT": pa.string()}
    fields = []
    for column in spec.columns:
        if column.name in DATE_COLUMNS.get(spec.name, ()):
            fields += [(column.name, pa.date32()), (f"{column.name}_text", pa.string()),
                       (f"{column.name}_precision", pa.string())]
        elif column.name in TIMESTAMP_COLUMNS.get(spec.name, ()):
            fields.append((column.name, pa.timestamp("us", tz="UTC")))
        else:
            fields.append((column.name, types[column.type.split()[0]]))
    return fields


def typed_row(table: str, row: dict) -> dict:
    """A row of the store with its dates and times as Python values, for pyarrow."""
    typed = dict(row)
    for name in DATE_COLUMNS.get(table, ()):
        text = row[name]
        typed.update({name: day_of(text), f"{name}_text": text,
                      f"{name}_precision": PRECISION_BY_LENGTH.get(len(text or ""))})
    for name in TIMESTAMP_COLUMNS.get(table, ()):
        typed[name] = datetime.fromisoformat(row[name]) if row[name] else None
    return typed


def day_of(text: str | None) -> date | None:
    """The calendar day an ISO date names; None for a month, a year or no date.

        >>> day_of("2021-03-24"), day_of("2021-03"), day_of("2021"), day_of(None)
        (datetime.date(2021, 3, 24), None, None, None)
    """
    if not text or len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # a day that no calendar has, as printed in a letter (30 February)
        return None


# A format's name is the files' extension too; the order is the order the choices are shown.
WRITERS: dict[str, Callable[[TableSpec, QueryResult, Path], None]] = {
    "csv": write_csv, "parquet": write_parquet, "jsonl": write_jsonl}
EXPORT_FORMATS = tuple(WRITERS)


def export_tables(out_dir: Path, fmt: str, to: Path) -> list[Path]:
    """Write every table of the store to ``to/<table>.<fmt>``; returns the files written.

        >>> export_tables(Path("outputs"), "csv", Path("export"))[0]  # doctest: +SKIP
        PosixPath('export/letters.csv')
    """
    if fmt not in WRITERS:
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
