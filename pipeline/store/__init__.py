"""The SQLite store: ``DIR/letters.sqlite``, the records made answerable with SQL.

    >>> with LetterStore.open(Path("outputs")) as store:  # doctest: +SKIP
    ...     store.put_record(record)
    >>> run_query(Path("outputs"), "select ministry, count(*) as n from letters group by 1")
    ... # doctest: +SKIP
    QueryResult(columns=['ministry', 'n'], rows=[('Udlændinge- og Integrationsministeriet', 1)])

The JSON records stay the canonical output; this store is derived from them and
can be rebuilt from ``records.jsonl`` alone (``pipeline.run.catchup.reindex``).
A run reaches it through ``pipeline.run.archive.Archive``, which keeps it in step
with the output folder. Its rooms:

- ``schema``: the tables and their columns (``TABLES``), indexes, the amounts view,
  full-text search, and the DDL made from them;
- ``rows``: a record as the rows of each table;
- ``writing``: ``LetterStore``, one transaction per letter, a rebuild, and scheduled
  runs' own state (processed hashes and watermarks);
- ``query``: ``run_query`` on a read-only connection whose authorizer refuses
  anything but reading;
- ``fulltext``: ``search``, ranked by bm25, with the hit marked in a snippet;
- ``export``: every table as CSV, Parquet or JSONL (``WRITERS``).
"""

from pipeline.store.export import EXPORT_FORMATS, WRITERS, export_tables, write_csv_rows
from pipeline.store.fulltext import (
    HIT_END,
    HIT_START,
    InvalidSearch,
    SearchHit,
    fts_query,
    search,
)
from pipeline.store.query import QueryRefused, QueryResult, StoreError, run_query
from pipeline.store.schema import (
    FACT_TABLES,
    FAILURES,
    LETTERS,
    STORE_NAME,
    STORE_VERSION,
    TABLES,
    Column,
    TableSpec,
    store_path,
)
from pipeline.store.writing import JSONL_WATERMARK, RUN_STATE_TABLES, LetterStore

__all__ = [
    "EXPORT_FORMATS", "FACT_TABLES", "FAILURES", "HIT_END", "HIT_START", "JSONL_WATERMARK",
    "LETTERS", "RUN_STATE_TABLES", "STORE_NAME", "STORE_VERSION", "TABLES", "WRITERS",
    "Column", "InvalidSearch", "LetterStore", "QueryRefused", "QueryResult", "SearchHit",
    "StoreError", "TableSpec", "export_tables", "fts_query", "run_query", "search", "store_path",
    "write_csv_rows",
]
