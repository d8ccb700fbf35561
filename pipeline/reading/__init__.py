"""Reading: PDF bytes -> ``Document`` (running text in reading order + blocks beside it).

    >>> document = read_document(open("letter.pdf", "rb").read())  # doctest: +SKIP
    >>> document.region("sidebar")[0].lines  # doctest: +SKIP
    ['4. november 2020']
    >>> document.text_layer, document.warnings  # a scan  # doctest: +SKIP
    ('ocr', ['text read by OCR (pages 1, 2): check it against the PDF'])
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.errors import ReadError
from pipeline.reading.document import Block, Document
from pipeline.reading.layout import build_document
from pipeline.reading.pdf import read_pdf_text

__all__ = ["Block", "Document", "ReadError", "read_document"]


def read_document(data: bytes, password: str | None = None,
                  max_pages: int | None = None) -> Document:
    """Read a PDF into a Document; raises ``ReadError`` with a stable code when it cannot."""
    pdf_text = read_pdf_text(data, password=password, max_pages=max_pages)
    if not any(page.lines for page in pdf_text.pages):
        raise ReadError("no_text", "no text found on any page: no text layer, and nothing "
                        "for OCR to read (blank pages?)")
    document = build_document(pdf_text.pages)
    return replace(document, text_layer=pdf_text.text_layer, warnings=pdf_text.warnings,
                   ocr_seconds=pdf_text.ocr_seconds)
