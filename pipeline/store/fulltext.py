"""Full-text search over the letters' subject, text and recommendations (FTS5, bm25).

    >>> [hit.doc_id for hit in search(Path("outputs"), "familiebehandling")]  # doctest: +SKIP
    ['3f1c0a9d2b7e4c55']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.store.query import StoreError, run_query

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

