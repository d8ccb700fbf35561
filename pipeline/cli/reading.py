"""Reading one letter's record as a person reads it: ``ministerbrev show DOC_ID``.

    $ ministerbrev show 9bd7a55f            # a unique prefix of the doc_id is enough
    $ ministerbrev show 9bd7a55f --json     # the record itself

The record is found in ``OUT/records/<doc_id>.json`` or, failing that, in
``OUT/records.jsonl``: the files ``process`` writes, not the store, so a record shows
even where the store was never built.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, NamedTuple

import typer
from pydantic import ValidationError

from models import LetterRecord
from pipeline.cli.common import OutFolder, command, fail
from pipeline.output import keyed_lines

CONTEXT_CHARS = 160  # at most this much text either side of a fact, where no sentence ends
# A sentence ends at . ! ? before a capital or a quote ("3. marts" and "nr. 12" go on), or
# at a blank line.
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅ\"«(])|\n\s*\n")
FACT_TITLES = {"amounts": "Amounts", "dates": "Dates", "periods": "Periods",
               "counts": "Counts", "recommendations": "Recommendations"}


class NotFound(Exception):
    """No record, or more than one, answers to the id given."""


@command
def show(
    doc_id: Annotated[str, typer.Argument(help="The letter's doc_id, or a unique prefix of it")],
    out: OutFolder = Path("outputs"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the record's JSON")] = False,
) -> None:
    """Print one letter's record: its fields, then each fact in its sentence with its page.

    Example: ministerbrev show 9bd7a55f
    """
    try:
        text = find_record(out, doc_id)
    except NotFound as error:
        raise fail(str(error), 1) from None
    if as_json:
        print(json.dumps(json.loads(text), indent=2, ensure_ascii=False))
        return
    try:
        record = LetterRecord.model_validate_json(text)
    except ValidationError as error:
        count = error.error_count()
        raise fail(f"The record of {doc_id!r} breaks the contract ({count} "
                   f"error{'s' if count > 1 else ''}); --json prints it as it is", 1) from None
    print("\n".join(record_lines(record)))


# -- finding the record ---------------------------------------------------------------------


def find_record(out: Path, prefix: str) -> str:
    """The JSON text of the one record whose doc_id starts with ``prefix``.

    Raises ``NotFound`` with a message for no match or more than one.
    """
    prefix = prefix.strip().lower()
    files = {path.stem: path for path in (out / "records").glob("*.json")}
    lines = {key: line for key, line in keyed_lines(out / "records.jsonl", "doc_id")}
    matching = sorted(key for key in files.keys() | lines.keys() if key.startswith(prefix))
    if not prefix or not matching:
        raise NotFound(f"No letter with a doc_id starting {prefix!r} in {out}")
    if len(matching) > 1:
        raise NotFound(f"{prefix!r} is the start of {len(matching)} doc_ids in {out}: "
                       + ", ".join(matching[:5]) + ("…" if len(matching) > 5 else ""))
    found = matching[0]
    return files[found].read_text(encoding="utf-8") if found in files else lines[found]


# -- the record as lines of text ------------------------------------------------------------


def record_lines(record: LetterRecord) -> list[str]:
    """The letter's fields, then one section per kind of fact that it has."""
    lines = [f"Letter {record.doc_id}", *field_lines(record)]
    for family, title in FACT_TITLES.items():
        facts = getattr(record, family)
        if facts:
            lines += ["", f"{title} ({len(facts)})"]
            lines += [f"  {fact_line(record.body_text, fact)}" for fact in facts]
    return lines


def field_lines(record: LetterRecord) -> list[str]:
    """One line per field that has a value, label first."""
    letter, sender, source = record.letter, record.letter.sender, record.source
    fields = [
        ("date", letter.date), ("kind", letter.kind), ("subject", letter.subject),
        ("sender", sender.ministry), ("minister", sender.minister),
        ("recipients", "; ".join(r.name for r in letter.recipients)),
        ("case numbers", "; ".join(f"{c.kind} {c.value}" for c in letter.case_numbers)),
        ("questions", "; ".join(question_text(q) for q in letter.question_refs)),
        ("source", f"{source.path} ({source.pages} pages, {source.text_layer} text)"),
        ("file", source.absolute_path),
        *oda_fields(record),
        ("warnings", "; ".join(record.warnings)),
    ]
    width = max(len(label) for label, _value in fields)
    return [f"  {label.ljust(width)}  {value}" for label, value in fields if value]


def question_text(question) -> str:
    """``spørgsmål nr. 12 (Alm. del), Finansudvalget, answered``."""
    parts = [question.raw, question.committee, "answered" if question.answered else None]
    return ", ".join(part for part in parts if part)


def oda_fields(record: LetterRecord) -> list[tuple[str, str | None]]:
    """Where a letter from Folketinget's open data came from, and its address on ft.dk."""
    oda = record.source.oda
    if oda is None:
        return []
    return [("ODA", f"document {oda.dokument_id}" + (f": {oda.title}" if oda.title else "")),
            ("ft.dk", oda.page_url or oda.file_url),
            ("pdf", oda.file_url if oda.page_url else None)]


def fact_line(body_text: str, fact) -> str:
    """``p. 2: … til formålet afsættes **73,4 mio. kr.** årligt. (73400000 DKK per år)``."""
    evidence = fact.evidence
    quoted = in_context(body_text, evidence.start, evidence.end, getattr(fact, "sentence", None))
    value = fact_value(fact)
    return f"p. {evidence.page}: {quoted}" + (f"  ({value})" if value else "")


def fact_value(fact) -> str | None:
    """What the fact means, where that is more than its words."""
    if hasattr(fact, "currency"):
        upper = f"–{number(fact.range_to)}" if fact.range_to is not None else ""
        per = f" per {fact.per}" if fact.per else ""
        return f"{number(fact.value)}{upper} {fact.currency}{per}{table_cell(fact)}"
    if hasattr(fact, "lemma"):
        return f"{fact.value} × {fact.lemma}"
    if hasattr(fact, "start"):
        return f"{fact.start} to {fact.end}"
    return getattr(fact, "value", None)


def table_cell(amount) -> str:
    """Where in its table a cell stands: ``; table: I alt, 2019, total``; empty in text."""
    if getattr(amount, "origin", "text") != "table":
        return ""
    parts = [amount.table_row, amount.table_column, "total" if amount.total else None]
    return "; table: " + ", ".join(part for part in parts if part)


def number(value: int | float) -> str:
    """A whole number without its ``.0``: ``number(73400000.0)`` -> ``'73400000'``."""
    return str(int(value)) if float(value).is_integer() else str(value)


def in_context(body_text: str, start: int, end: int, sentence: str | None = None) -> str:
    """The fact's words in bold (``**…**``) in its sentence, on one line; ``…`` where the
    sentence is cut short.

        >>> in_context("Det koster. Vi afsætter 5 mio. kr.: i år. Slut.", 24, 34)
        'Vi afsætter **5 mio. kr.**: i år.'
    """
    span = sentence_span(body_text, start, end, sentence)
    before, fact = body_text[span.first:start], body_text[start:end]
    text = f"{one_line(before)}**{one_line(fact)}**{one_line(body_text[end:span.last])}"
    return ("… " if span.cut_before else "") + text.strip() + (" …" if span.cut_after else "")


class Span(NamedTuple):
    """Where a fact's sentence begins and ends, and whether either end was cut short."""

    first: int
    last: int
    cut_before: bool = False
    cut_after: bool = False


def sentence_span(body_text: str, start: int, end: int, sentence: str | None) -> Span:
    """The sentence around ``start:end`` in ``body_text``: the fact's own ``sentence`` where
    it stands there around the fact, else from the sentence end before to the one after,
    no further than ``CONTEXT_CHARS`` either side (cut at a space)."""
    if sentence:
        at = body_text.find(sentence, max(0, end - len(sentence)))
        if 0 <= at <= start and end <= at + len(sentence):
            return Span(at, at + len(sentence))
    window_start = max(0, start - CONTEXT_CHARS)
    ends_before = [m.end() for m in SENTENCE_END.finditer(body_text, window_start, start)]
    if ends_before:
        first, cut_before = ends_before[-1], False
    else:  # begin at a word, not inside one
        first = body_text.find(" ", window_start, start) + 1 if window_start else 0
        cut_before = first > 0
    window_end = min(len(body_text), end + CONTEXT_CHARS)
    after = SENTENCE_END.search(body_text, end, window_end)
    if after:
        return Span(first, after.start() + 1, cut_before)
    last = body_text.rfind(" ", end, window_end) if window_end < len(body_text) else -1
    return Span(first, last if last > 0 else window_end, cut_before, window_end < len(body_text))


def one_line(text: str) -> str:
    """Runs of white space (line breaks too) as one space, kept at either end."""
    return re.sub(r"\s+", " ", text)
