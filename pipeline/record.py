"""Document + analysed Doc -> ``models.LetterRecord``, validated.

    >>> record = assemble(source, document, doc)  # doctest: +SKIP
    >>> record.letter.date  # doctest: +SKIP
    '2020-11-04'

What a person should look at goes into ``warnings``: a missing date, sender or
recipient is a sign that the layout was read wrongly.
"""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.tokens import Doc

from models import Letter, LetterRecord, Source
from pipeline.extract.letterhead import Letterhead
from pipeline.reading import Document
from pipeline.sources.files import SourceFile


def assemble(source: SourceFile, document: Document, doc: Doc, text_layer: str = "native"):
    """The record for one letter. Raises ``pydantic.ValidationError`` if it breaks the contract."""
    head: Letterhead = doc._.letterhead
    letter = Letter(
        date=head.date,
        subject=head.subject,
        kind=doc._.letter_kind,
        sender=head.sender,
        recipients=head.recipients,
        salutation=head.salutation,
        case_numbers=doc._.case_numbers,
        question_refs=doc._.question_refs,
    )
    return LetterRecord(
        doc_id=source.doc_id,
        source=source_part(source, document, text_layer),
        letter=letter,
        amounts=doc._.amounts,
        dates=doc._.dates,
        periods=doc._.periods,
        counts=doc._.counts,
        recommendations=doc._.recommendations,
        body_text=document.body_text,
        warnings=warnings_for(letter, document),
    )


def source_part(source: SourceFile, document: Document, text_layer: str) -> Source:
    """The record's ``source``: the path as given, and the absolute one to find the file by
    from anywhere (a run given ``corpus/`` records ``corpus/...`` as ``path``)."""
    return Source(
        path=str(source.path),
        absolute_path=str(source.path.resolve()),
        filename=source.path.name,
        sha256=source.sha256,
        bytes=len(source.data),
        pages=document.pages,
        media_type="application/pdf",
        text_layer=text_layer,
        processed_at=datetime.now(UTC),
    )


def warnings_for(letter: Letter, document: Document) -> list[str]:
    checks = [
        (letter.date is None, "no letter date found"),
        (letter.sender.ministry is None, "no sending ministry found"),
        (not letter.recipients, "no recipient committee found"),
        (not document.body_text.strip(), "no running text found"),
    ]
    # What the reading noticed (OCR, a truncated file) comes first: it explains the rest.
    return [*document.warnings, *(message for failed, message in checks if failed)]
