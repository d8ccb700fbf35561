"""Reading: PDF bytes -> ``Document`` (running text in reading order + blocks beside it).

    >>> document = read_document(open("letter.pdf", "rb").read())  # doctest: +SKIP
    >>> document.region("sidebar")[0].lines  # doctest: +SKIP
    ['4. november 2020']
"""

from __future__ import annotations

from pipeline.errors import ReadError
from pipeline.reading.layout import Block, Document, build_document
from pipeline.reading.pdf import read_pdf

__all__ = ["Block", "Document", "ReadError", "read_document"]


def read_document(data: bytes, password: str | None = None) -> Document:
    """Read a PDF into a Document; raises ``ReadError`` with a stable code when it cannot."""
    pages = read_pdf(data, password=password)
    if not any(page.lines for page in pages):
        raise ReadError("needs_ocr", "no page has a text layer (a scan?): the text needs OCR")
    return build_document(pages)
