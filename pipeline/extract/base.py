"""What every extractor shares: the Doc extensions they write, and evidence.

Each extractor is a spaCy component registered by name that owns one field
family and writes it to one ``Doc._`` attribute::

    >>> nlp = build_nlp()  # doctest: +SKIP
    >>> doc = analyse(nlp, document)  # doctest: +SKIP
    >>> doc._.amounts[0].value  # doctest: +SKIP
    73400000

The layout (``Document``: blocks beside the text, page of each offset) rides
along in ``doc._.document``. A Doc made from plain text gets a one-page
Document, so every component also works on a bare string.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from models import FACT_FAMILIES, Evidence
from pipeline.reading import Document

# Doc._ attribute per field family, written by the component of that name.
FAMILIES = (
    *FACT_FAMILIES,
    "case_numbers",
    "question_refs",
    "letterhead",
    "letter_kind",
)

for _family in ("document", *FAMILIES):
    if not Doc.has_extension(_family):
        Doc.set_extension(_family, default=None)


# Where a line break was lost between words: a small letter or a run of capitals glued to
# a capitalised word ("ministerenSpørgsmål 140", "UDENRIGSMINISTERIETSvar").
GLUE = re.compile(r"(?<=[a-zæøå])(?=[A-ZÆØÅ][a-zæøå])|(?<=[A-ZÆØÅ]{3})(?=[A-ZÆØÅ][a-zæøå]{2})")


def unglued(text: str) -> str:
    """ "UDENRIGSMINISTERIETSvar på" -> "UDENRIGSMINISTERIET Svar på"."""
    return GLUE.sub(" ", text)


def document_of(doc: Doc) -> Document:
    """The layout a Doc was made from, or a one-page stand-in for plain text."""
    if doc._.document is None:
        doc._.document = Document(pages=1, body_text=doc.text, blocks=[], page_starts=[(0, 1)])
    return doc._.document


def evidence(doc: Doc, start: int, end: int) -> Evidence:
    """Where ``doc.text[start:end]`` stands: its page and offsets."""
    return Evidence(page=document_of(doc).page_at(start), start=start, end=end)


def located(doc: Doc, start: int, end: int) -> dict[str, str | Evidence]:
    """What every fact says of the characters ``start:end`` it was read from: ``raw``, the
    text as printed, and ``evidence``, where it stands.

    >>> import spacy
    >>> located(spacy.blank("da")("Rammen er 5 mio. kr."), 10, 20)["raw"]
    '5 mio. kr.'
    """
    return {"raw": doc.text[start:end], "evidence": evidence(doc, start, end)}


def sentence_at(doc: Doc, start: int, end: int) -> str:
    """The text of the sentence holding the characters ``start:end``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("SENT_START"):
        return doc.text[start:end]
    return span[0].sent.text.strip()
