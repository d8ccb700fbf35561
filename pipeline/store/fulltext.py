"""Full-text search over the letters' subject, text, recommendations and references (FTS5).

    >>> [hit.doc_id for hit in search(Path("outputs"), "familiebehandling")]  # doctest: +SKIP
    ['3f1c0a9d2b7e4c55']

A search is FTS5's own query syntax: words that must all occur, ``"a phrase"``, ``OR``,
``NOT``, ``NEAR(a b, 5)``, ``prefix*`` and column filters (``subject: word``). A word
FTS5 could not read bare, such as the case number ``2020-6967`` or ``mio.``, is searched
for as the phrase it spells.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.query import QueryGuard, StoreError, run_query
from pipeline.store.schema import FTS_COLUMNS

HIT_START, HIT_END = "\x02", "\x03"  # marks the hit in a snippet; never in a letter's text


class InvalidSearch(StoreError):
    """A search that is not FTS5 query syntax, or has nothing to search for."""


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


# A quoted string, or a run of characters that are not FTS5 syntax (space, quote, *, :,
# parentheses, braces, +, ^ and the comma of NEAR).
QUERY_PARTS = re.compile(r'"[^"]*(?:""[^"]*)*"?|[^\s"*:(){}+^,]+')
# What FTS5 reads bare: letters, digits, _ and any character beyond ASCII (unicode61 then
# splits the rest); a leading "-" excludes the column filter it stands before.
BAREWORD = re.compile(r"-?(?:\w|[^\x00-\x7f])+")


def fts_query(words: str) -> str:
    """The search as FTS5 reads it: its syntax kept, a word FTS5 cannot read bare quoted.

        >>> fts_query('familiebehandling "akut hjælp" OR initiativ* NOT subject: 2020-6967')
        'familiebehandling "akut hjælp" OR initiativ* NOT subject: "2020-6967"'
        >>> fts_query("mio. kr. -")
        '"mio." "kr."'

    Raises ``InvalidSearch`` when nothing is left to search for.
    """
    query = QUERY_PARTS.sub(quoted_if_needed, words)
    if not any(character.isalnum() for character in query):
        raise InvalidSearch(f"nothing to search for in {words!r}")
    return re.sub(r"\s+", " ", query).strip()


def quoted_if_needed(match: re.Match) -> str:
    """One part of a search: kept if FTS5 reads it, a phrase if not, dropped if only
    punctuation (which the tokenizer would drop anyway)."""
    part = match.group()
    if part.startswith('"') or BAREWORD.fullmatch(part):
        return part
    if not any(character.isalnum() for character in part):
        return ""
    return '"' + part + '"'


SEARCH_SQL = f"""
SELECT l.doc_id, l.date, l.ministry, l.subject,
       snippet(letters_fts, -1, '{HIT_START}', '{HIT_END}', '…', 16) AS snippet,
       bm25(letters_fts, 3.0, 1.0, 2.0, 2.0) AS score
FROM letters_fts JOIN letters l ON l.rowid = letters_fts.rowid
WHERE letters_fts MATCH ?
ORDER BY score LIMIT ?
"""


def search(out_dir: Path, words: str, limit: int = 20,
           guard: QueryGuard | None = None) -> list[SearchHit]:
    """Letters that match an FTS5 query in their subject, text, recommendations or
    references (case numbers, questions), ranked by bm25.

        >>> [hit.doc_id for hit in search(Path("outputs"), "familiebehandling")]  # doctest: +SKIP
        ['3f1c0a9d2b7e4c55']

    A match in the subject counts three times, in a recommendation or reference twice,
    in the text once. Raises ``InvalidSearch`` for a query FTS5 cannot read; ``guard``
    may stop it (``QueryStopped``).
    """
    try:
        result = run_query(out_dir, SEARCH_SQL, (fts_query(words), limit), guard)
    except StoreError as error:
        reason = syntax_error(error.__cause__)
        if reason is None:
            raise
        raise InvalidSearch(reason) from error
    return [SearchHit(*row) for row in result.rows]


def syntax_error(error: BaseException | None) -> str | None:
    """FTS5's complaint about a query, in plain words; ``None`` for any other error.

        >>> syntax_error(sqlite3.OperationalError('fts5: syntax error near "AND"'))
        'FTS5 cannot read it at "AND" (AND, OR, NOT and NEAR join words: quote one to find it)'
    """
    if not isinstance(error, sqlite3.OperationalError):
        return None
    message = str(error)
    if message == "unterminated string":
        return 'a quote (") is opened but not closed'
    if message.startswith("no such column: "):
        column = message.removeprefix("no such column: ")
        return (f'there is no column "{column}" to search in (columns: '
                f"{', '.join(FTS_COLUMNS)}; quote a word with a colon to find it)")
    if message == 'fts5: syntax error near ""':
        return "it ends too early (an operator, parenthesis or column filter lacks what follows)"
    if message.startswith("fts5: syntax error near "):
        near = message.removeprefix("fts5: syntax error near ")
        return (f"FTS5 cannot read it at {near} (AND, OR, NOT and NEAR join words: "
                "quote one to find it)")
    if message.startswith("expected integer"):
        return f"NEAR's distance must be a whole number ({message})"
    return None
