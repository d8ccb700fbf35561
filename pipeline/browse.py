"""The store in a browser: Datasette over ``DIR/letters.sqlite``, with plain-words metadata.

    $ ministerbrev browse --out outputs          # then open http://127.0.0.1:8001
    >>> metadata()["databases"]["letters"]["tables"]["letters"]["facets"]
    ['ministry', 'kind', 'year']

Datasette is an optional extra (``pip install 'ministerbrev[browse]'``). The
table and column descriptions come from the store's own table specs
(``pipeline.store.TABLES``), so the browser describes exactly the columns the
store has. Canned queries answer the analysts' usual questions; those that take
parameters show a form.

Any SQL a visitor types runs under Datasette's own limits (``sql_time_limit_ms``, one
second by default, and ``max_returned_rows``); a plugin made here gives each of its
connections an authorizer that refuses the SQL functions ``query`` refuses too
(``fts3_tokenizer``, which reads and sets addresses in memory, and ``load_extension``).
"""

from __future__ import annotations

import asyncio
import sqlite3
import types
from pathlib import Path

from pipeline.store import TABLES, store_path
from pipeline.store.query import refuse_functions

DATABASE = "letters"  # Datasette names a database after its file's stem
PLUGIN = "ministerbrev_refused_functions"  # the name Datasette lists it under (/-/plugins)

FACETS = {
    "letters": ["ministry", "kind", "year"],
    "amounts": ["currency"],
    "letter_amounts": ["currency", "ministry", "year"],
    "recipients": ["name"],
    "case_numbers": ["kind"],
    "counts": ["lemma"],
    "failures": ["error"],
}

LETTER_AMOUNTS = {
    "description": "Every amount with its letter's date, year, ministry, recipients and "
                   "subject. To sum money, add origin = 'text' rows, or table totals "
                   "(total = 1), never both.",
    "columns": {"value": "In whole units of the currency", "currency": "ISO code, e.g. DKK",
                "recipient": "The receiving committees' names, joined with '; '",
                "origin": "'text' (written in the running text) or 'table' (a table cell)",
                "total": "1 for a table cell in a total row or column, else 0"},
}

CANNED_QUERIES = {
    "letters_per_ministry_and_year": {
        "title": "How many letters per ministry and year",
        "sql": "SELECT ministry, year, count(*) AS letters FROM letters "
               "GROUP BY ministry, year ORDER BY year, ministry",
    },
    "amounts_above": {
        "title": "Amounts above a limit (DKK) sent to a committee in a year",
        "description": "E.g. limit 50000000, committee Finansudvalget, year 2021.",
        "sql": """SELECT l.date, l.ministry, a.raw, a.value, a.currency, a.origin, a.table_row,
       a.table_column, a.total, a.sentence, l.doc_id
FROM amounts a JOIN letters l USING (doc_id) JOIN recipients r USING (doc_id)
WHERE a.currency = 'DKK' AND a.value > CAST(:limit AS REAL)
  AND r.name = :committee AND l.year = CAST(:year AS INTEGER)
ORDER BY a.value DESC""",
    },
    "recommendations_about": {
        "title": "Letters that recommend something about a word",
        "description": "E.g. familiebehandling; the word may begin a longer word.",
        "sql": """SELECT l.date, l.ministry, l.doc_id,
       highlight(letters_fts, 2, '»', '«') AS recommendations
FROM letters_fts JOIN letters l ON l.rowid = letters_fts.rowid
WHERE letters_fts MATCH 'recommendations : "' || replace(:word, '"', '""') || '"*'
ORDER BY bm25(letters_fts)""",
    },
    "amounts_per_ministry_and_year": {
        "title": "Amounts (DKK) written in the text, per ministry and year: how many and their sum",
        # Table cells are counted beside the sum, never added to it: a table's cells add up
        # to its totals, and the text often repeats a total, so one sum of money would count
        # two or three times.
        "description": "amounts and text_sum_dkk count and add the amounts written in the "
                       "running text only; table_cells and table_totals count a table's cells "
                       "and its total cells, which are not added.",
        "sql": """SELECT ministry, year, sum(origin = 'text') AS amounts,
       sum(CASE WHEN origin = 'text' THEN value END) AS text_sum_dkk,
       sum(origin = 'table') AS table_cells, sum(total) AS table_totals
FROM letter_amounts WHERE currency = 'DKK'
GROUP BY ministry, year ORDER BY year, text_sum_dkk DESC""",
    },
    "counts_of": {
        "title": "What the letters count of one thing",
        "description": "The thing in its singular form, e.g. initiativ or kommune.",
        "sql": """SELECT l.date, l.ministry, c.value, c.noun, c.qualifier, c.sentence, l.doc_id
FROM counts c JOIN letters l USING (doc_id)
WHERE c.lemma = :lemma ORDER BY l.date, c.position""",
    },
    "amounts_in_other_currencies": {
        "title": "Amounts in another currency than kroner",
        "sql": """SELECT l.date, l.ministry, a.raw, a.value, a.currency, l.doc_id
FROM amounts a JOIN letters l USING (doc_id) WHERE a.currency != 'DKK' ORDER BY l.date""",
    },
    "answers_to_questions": {
        "title": "Letters that answer numbered questions",
        "sql": """SELECT l.date, l.ministry, q.committee, q.series, q.number, l.subject, l.doc_id
FROM question_refs q JOIN letters l USING (doc_id)
WHERE l.kind = 'svar_paa_spoergsmaal' ORDER BY l.date, q.number""",
    },
}


def table_metadata(spec) -> dict:
    """Description, column descriptions and facets of one table, for Datasette."""
    entry = {
        "description": spec.description,
        "columns": {column.name: column.description for column in spec.columns},
    }
    if spec.name in FACETS:
        entry["facets"] = FACETS[spec.name]
    return entry


def metadata() -> dict:
    """Datasette's metadata: what each table and column holds, facets and canned queries."""
    tables = {spec.name: table_metadata(spec) for spec in TABLES}
    tables["letters"].update(sort_desc="date", label_column="subject",
                             fts_table="letters_fts", fts_pk="rowid")
    tables["letter_amounts"] = {**LETTER_AMOUNTS, "facets": FACETS["letter_amounts"]}
    return {
        "title": "ministerbrev: letters from the ministries to Folketinget's committees",
        "description": "Every letter, and every amount, date, period, count and "
                       "recommendation read from it, each with the page it stands on.",
        "databases": {DATABASE: {"tables": tables, "queries": CANNED_QUERIES}},
    }


def datasette_app(out_dir: Path):
    """A Datasette instance over the store of ``out_dir`` (needs the browse extra).

        >>> instance = datasette_app(Path("outputs"))  # doctest: +SKIP
        >>> asyncio.run(instance.invoke_startup())  # doctest: +SKIP

    Its startup hooks must run (``invoke_startup``) before it serves a request.
    """
    from datasette.app import Datasette

    path = store_path(out_dir)
    if not path.exists():
        raise FileNotFoundError(f"no store at {path}: run `ministerbrev process` first")
    register_refused_functions()
    return Datasette([str(path)], metadata=metadata(),
                     settings={"default_page_size": 50, "facet_time_limit_ms": 1000})


def register_refused_functions() -> None:
    """Register, once per process, the plugin whose ``prepare_connection`` hook refuses
    ``REFUSED_FUNCTIONS`` on every connection Datasette opens, ``_memory`` included.

    Datasette's plugins are modules; this one is made here, so nothing needs installing.
    """
    from datasette import hookimpl
    from datasette.plugins import pm

    if pm.get_plugin(PLUGIN) is not None:
        return

    def prepare_connection(conn: sqlite3.Connection) -> None:
        refuse_functions(conn)

    plugin = types.ModuleType(PLUGIN, "Refuses fts3_tokenizer() and load_extension().")
    plugin.prepare_connection = hookimpl(prepare_connection)
    pm.register(plugin, name=PLUGIN)


def serve_datasette(out_dir: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the store until interrupted: ``serve_datasette(Path("outputs"))``."""
    import uvicorn

    instance = datasette_app(out_dir)
    asyncio.run(instance.invoke_startup())
    uvicorn.run(instance.app(), host=host, port=port, log_level="warning", lifespan="on",
                workers=1)
