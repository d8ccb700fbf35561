"""PDF bytes -> pages of text lines with their positions, via pdfplumber.

A *line* here is a run of words on one baseline with no wide gap inside: a
body line and the sidebar line printed beside it are two lines, and so are a
label (``Dato:``) and the value in the column beside it. ``layout`` decides
what each line is.

    >>> pages = read_pdf(open("corpus/letters/some-letter.pdf", "rb").read())  # doctest: +SKIP
    >>> pages[0].lines[0].text  # doctest: +SKIP
    'Ministeren'

Files that cannot be read raise ``ReadError`` with a stable code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import ReadError

# A horizontal gap wider than this many font sizes separates columns, not words.
# Justified text stretches word gaps, but rarely past one em.
COLUMN_GAP_EMS = 1.5
# Words whose tops differ by less than this share a row.
ROW_TOLERANCE_EMS = 0.35


@dataclass(frozen=True)
class Line:
    """A run of words on one row of one page, in PDF points from the top-left."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]


def read_pdf(data: bytes, password: str | None = None) -> list[Page]:
    """Every page's lines, top to bottom and left to right."""
    check_header(data)
    try:
        with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
            if not pdf.pages:
                raise ReadError("no_pages", "the PDF has no pages")
            return [read_page(page) for page in pdf.pages]
    except PdfminerException as wrapped:
        raise read_error_for(wrapped.args[0] if wrapped.args else wrapped) from wrapped
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError, PSException) as error:
        raise read_error_for(error) from error


def read_error_for(error: BaseException) -> ReadError:
    """Name what went wrong in pdfminer's terms in our own stable codes."""
    if isinstance(error, PDFPasswordIncorrect | PDFEncryptionError):
        return ReadError("encrypted", "the PDF is encrypted: a password is needed (--password)")
    return ReadError("damaged", f"the PDF structure is damaged ({type(error).__name__}: {error})")


def check_header(data: bytes) -> None:
    if not data:
        raise ReadError("empty", "the file is empty (0 bytes)")
    # The PDF header may follow some junk, but must start within the first KiB.
    if b"%PDF-" not in data[:1024]:
        raise ReadError("not_pdf", "the file is not a PDF (no %PDF- header)")


def read_page(page: pdfplumber.page.Page) -> Page:
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
    lines = [line for row in rows_of(words) for line in split_at_gaps(row, page.page_number)]
    page.close()  # drop pdfplumber's per-page caches as we go
    return Page(number=page.page_number, width=float(page.width), height=float(page.height),
                lines=lines)


def rows_of(words: list[dict]) -> list[list[dict]]:
    """Group words into rows by their top edge."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        row = rows[-1] if rows else None
        if row and abs(word["top"] - row[0]["top"]) <= ROW_TOLERANCE_EMS * row[0]["size"]:
            row.append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def split_at_gaps(row: list[dict], page_number: int) -> list[Line]:
    """Cut a row wherever the gap between two words is wide enough to be a column gap."""
    runs: list[list[dict]] = [[row[0]]]
    for previous, word in zip(row, row[1:], strict=False):
        if word["x0"] - previous["x1"] > COLUMN_GAP_EMS * word["size"]:
            runs.append([word])
        else:
            runs[-1].append(word)
    return [line_of(run, page_number) for run in runs]


def line_of(words: list[dict], page_number: int) -> Line:
    sizes = [w["size"] for w in words]
    return Line(
        text=" ".join(w["text"] for w in words),
        page=page_number,
        x0=float(words[0]["x0"]),
        x1=float(words[-1]["x1"]),
        top=float(min(w["top"] for w in words)),
        bottom=float(max(w["bottom"] for w in words)),
        size=float(max(set(sizes), key=sizes.count)),
        bold=all("bold" in w["fontname"].lower() for w in words),
    )
