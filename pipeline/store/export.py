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


def write_parquet(spec: TableSpec, result: QueryResult, target: Path) -> None:
    """Typed columns from the table's declared types, so an empty table keeps its schema."""
    # pyarrow takes a while to import, and only this format needs it.
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"INTEGER": pa.int64(), "NUMERIC": pa.float64(), "TEXT": pa.string()}
    schema = pa.schema([(c.name, types[c.type.split()[0]]) for c in spec.columns])
    table = pa.Table.from_pylist(result.as_dicts(), schema=schema)
    pq.write_table(table, target)


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
