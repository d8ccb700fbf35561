"""PDF bytes -> pages of text lines with their positions, via pdfplumber.

A *line* here is a run of words on one baseline with no wide gap inside: a
body line and the sidebar line printed beside it are two lines, and so are a
label (``Dato:``) and the value in the column beside it. ``layout`` decides
what each line is.

    >>> pages = read_pdf(open("corpus/letters/some-letter.pdf", "rb").read())  # doctest: +SKIP
    >>> pages[0].lines[0].text  # doctest: +SKIP
    'Ministeren'

Pages without a text layer (scans) are read by OCR (``ocr``), into the same
lines. A page turned by /Rotate, or drawn turned, is read along its text
(``rotation``). A file cut short, or with a cross-reference table gone astray, is
mended as far as it goes (``repair``): the pages that survive are read, and the
reading says what was lost. Files that cannot be read raise ``ReadError`` with a
stable code.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import ftfy
import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTItem
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils.text import WordExtractor

from pipeline.errors import ReadError, out_of_memory
from pipeline.reading import ocr
from pipeline.reading.repair import (
    MALFORMED,
    Mending,
    declared_page_count,
    discard,
    open_mended,
    read_error_for,
    refuse_reference_cycles,
)
from pipeline.reading.rotation import Turn, UnreadableText, turn_for

# pdfminer warns on stderr about every oddity it meets in a damaged file; what
# matters reaches the record as a warning instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# A horizontal gap wider than this many font sizes separates columns, not words.
# Justified text stretches word gaps, but rarely past one em.
COLUMN_GAP_EMS = 1.5
# Words whose tops differ by less than this share a row.
ROW_TOLERANCE_EMS = 0.35

# How pdfplumber groups a page's characters into words: a change of font or size starts a
# new word, and spaces are dropped.
WORD_OPTIONS = {"extra_attrs": ["size", "fontname"], "keep_blank_chars": False}

TextLayer = Literal["native", "ocr", "none"]

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
    # The rest of a row cut where the letter's text starts (``runon``): it wraps on into the
    # next line as the whole row did.
    row_rest: bool = False
    # Where the first word ends, as printed: whether it would have fitted at the end of the
    # line before tells a line wrapped at the column's edge from one ended by choice.
    first_word_x1: float | None = None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def first_word_width(self) -> float:
        """The first word's width: as printed, else told from the line's own (a space is
        about half as wide as a letter)."""
        if self.first_word_x1 is not None:
            return self.first_word_x1 - self.x0
        text = self.text.strip()
        letters = len(text) - text.count(" ") / 2
        return self.width * len(text.split(" ", 1)[0]) / max(letters, 1)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    # Where the lines came from: the PDF's text, OCR, or nowhere (no text found).
    text_layer: TextLayer = "native"
    # No text layer, but an image or drawing on the page: a scan, for OCR.
    is_scan: bool = False


@dataclass(frozen=True)
class PdfText:
    """Every page's lines, and what a person should know about how they were read."""

    pages: list[Page]
    warnings: list[str] = field(default_factory=list)
    # Seconds spent on OCR, reported apart from reading: it is the slow path.
    ocr_seconds: float = field(default=0.0, compare=False)

    @property
    def text_layer(self) -> TextLayer:
        """"ocr" if any page was read by OCR, "none" if no page has text."""
        layers = {page.text_layer for page in self.pages if page.lines}
        return "ocr" if "ocr" in layers else "native" if layers else "none"


def read_pdf(data: bytes, password: str | None = None) -> list[Page]:
    """Every page's lines, top to bottom and left to right."""
    return read_pdf_text(data, password).pages


def read_pdf_text(data: bytes, password: str | None = None,
                  max_pages: int | None = None) -> PdfText:
    """Every page's lines, OCR where a page has no text layer, and warnings.

    >>> read_pdf_text(scan_bytes).warnings  # doctest: +SKIP
    ['text read by OCR (pages 1, 2)']
    """
    check_header(data)
    warnings: list[str] = []
    opened, mending = open_mended(data, password)
    refuse_before_making_pages(opened, max_pages)
    try:
        with opened as pdf:
            check_page_count(pdf, max_pages)
            pages = [read_page_safely(page, warnings) for page in pdf.pages]
            if warnings and not any(page.lines or page.is_scan for page in pages):
                raise ReadError("damaged", f"no page could be read: {'; '.join(warnings)}")
            ocr_started = time.perf_counter()
            pages = ocr_pages_without_text(pdf, pages, warnings)
            ocr_seconds = time.perf_counter() - ocr_started
    except MALFORMED as error:  # the page tree itself is broken
        raise read_error_for(error) from error
    if mending != "as_is":
        warnings.insert(0, mending_warning(mending, pages))
    return PdfText(pages=pages, warnings=warnings, ocr_seconds=ocr_seconds)


def mending_warning(mending: Mending, pages: list[Page]) -> str:
    """What a person should know about a file read only once it was mended."""
    if mending == "xref_rebuilt":
        return ("the file's cross-reference table is wrong (it points past the end of the "
                "file or to no pages): its objects were found by scanning the file")
    return truncation_warning(pages)


def truncation_warning(pages: list[Page]) -> str:
    lost = [page.number for page in pages if not page.lines]
    if len(lost) == len(pages):
        raise ReadError("damaged", "the file ends early (a truncated download?) and no page "
                        "of it could be read")
    return ("the file ends early (a truncated download?): read as far as it goes"
            + (f"; no text on pages {numbers(lost)}" if lost else ""))


def check_header(data: bytes) -> None:
    if not data:
        raise ReadError("empty", "the file is empty (0 bytes)")
    # The PDF header may follow some junk, but must start within the first KiB.
    if b"%PDF-" not in data[:1024]:
        raise ReadError("not_pdf", "the file is not a PDF (no %PDF- header)")


def refuse_before_making_pages(pdf: pdfplumber.PDF, max_pages: int | None) -> None:
    """Refuse a PDF whose page tree declares more pages than the limit (cheap to read), or
    whose objects refer to each other in a cycle (making the pages would follow it for
    ever), before pdfplumber makes its pages."""
    try:
        declared = declared_page_count(pdf.doc)
        if max_pages and declared and declared > max_pages:
            raise ReadError("too_many_pages", f"the PDF has {declared} pages, more than the "
                            f"limit of {max_pages} (--max-pages)")
        refuse_reference_cycles(pdf.doc)
    except ReadError:
        discard(pdf)
        raise
    except MALFORMED as error:
        discard(pdf)
        raise read_error_for(error) from error


def check_page_count(pdf: pdfplumber.PDF, max_pages: int | None) -> None:
    """Refuse a PDF with no pages, or more than the limit, before reading any of them: the
    pages list is what we trust, where the page tree declares no count."""
    if not pdf.pages:
        raise ReadError("no_pages", "the PDF has no pages")
    if max_pages and len(pdf.pages) > max_pages:
        raise ReadError("too_many_pages", f"the PDF has {len(pdf.pages)} pages, more than the "
                        f"limit of {max_pages} (--max-pages)")


# -- pages ----------------------------------------------------------------------------------


def read_page_safely(page: pdfplumber.page.Page, warnings: list[str]) -> Page:
    """A page's lines; a page that breaks pdfminer, or whose text cannot be read upright,
    is kept empty, with a warning."""
    try:
        return read_page(page)
    except MALFORMED as error:
        if out_of_memory(error):
            raise MemoryError(str(error)) from error  # a limit, not damage: the file fails
        why = str(error) if isinstance(error, UnreadableText) else type(error).__name__
        warnings.append(f"page {page.page_number} could not be read ({why})")
        return Page(number=page.page_number, width=float(page.width),
                    height=float(page.height), lines=[], text_layer="none")


def read_page(page: pdfplumber.page.Page) -> Page:
    """A page's lines, read along its text's own direction (``rotation``): a page turned
    by /Rotate, or drawn turned, reads as it does upright."""
    turn = turn_for(layout_chars(page.layout), float(page.width), float(page.height))
    words = WordExtractor(**WORD_OPTIONS).extract_words(lean_chars(page, turn))
    lines = lines_of_words(words, page.page_number)
    # A blank page needs no OCR; one showing an image or drawn shapes may be a scan.
    is_scan = not lines and bool(page.images or page.curves)
    page.close()  # drop pdfplumber's per-page caches as we go
    return Page(number=page.page_number, width=turn.width, height=turn.height,
                lines=lines, text_layer="native" if lines else "none", is_scan=is_scan)


def lean_chars(page: pdfplumber.page.Page, turn: Turn | None = None) -> list[dict]:
    """The page's characters as ``page.chars`` gives them, with only the keys word grouping
    reads. ``page.chars`` resolves every character's colours, colour space, graphic state
    and marked content too, which costs more than parsing the page does.

    With a ``turn`` of some quarters, the characters are placed on the page turned so
    that its text reads upright."""
    norm = page.pdf.unicode_norm
    chars = []
    for item in layout_chars(page.layout):
        text = item.get_text()
        fontname = item.fontname
        chars.append({
            "text": unicodedata.normalize(norm, text) if norm else text,
            "fontname": fix_fontname_bytes(fontname) if isinstance(fontname, bytes) else fontname,
            **(placed_turned(item, turn, page.initial_doctop) if turn and turn.quarters
               else placed(item, page)),
        })
    return chars


def placed(item: LTChar, page: pdfplumber.page.Page) -> dict:
    """A character's place as pdfplumber gives it."""
    x_shift, y_shift = page.mediabox[0], page.mediabox[1]  # pdfminer works from the MediaBox
    top = page.height - item.y1 + y_shift
    return {"size": item.size, "upright": item.upright,
            "x0": item.x0 + x_shift, "x1": item.x1 + x_shift,
            "top": top, "bottom": page.height - item.y0 + y_shift,
            "doctop": page.initial_doctop + top}


def placed_turned(item: LTChar, turn: Turn, initial_doctop: float) -> dict:
    """A character's place on its page turned so that the page's text reads upright."""
    box = turn.box(item)
    return {"size": box.size, "upright": box.upright, "x0": box.x0, "x1": box.x1,
            "top": box.top, "bottom": box.bottom, "doctop": initial_doctop + box.top}


def layout_chars(item: LTItem):
    """Every character under a layout item, in the order pdfplumber lists them."""
    if isinstance(item, LTChar):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from layout_chars(child)


def ocr_pages_without_text(pdf: pdfplumber.PDF, pages: list[Page],
                           warnings: list[str]) -> list[Page]:
    """Pages with no text layer but something drawn on them (a scan), read by OCR."""
    scans = [page.number for page in pages if page.is_scan]
    if not scans:
        return pages
    missing = ocr.unavailable()
    if missing:
        if not any(page.lines for page in pages):
            raise ReadError("needs_ocr", f"no page has a text layer (a scan?) and OCR is not "
                            f"possible: {missing}")
        warnings.append(f"pages {numbers(scans)} have no text layer and were not read: "
                        f"{missing}")
        return pages
    for number in scans:
        lines = lines_of_words(ocr.page_words(pdf.pages[number - 1]), number)
        pages[number - 1] = Page(number=number, width=pages[number - 1].width,
                                 height=pages[number - 1].height, lines=lines,
                                 text_layer="ocr" if lines else "none")
    warnings.append(f"text read by OCR (pages {numbers(scans)}): check it against the PDF")
    return pages


def numbers(pages: list[int]) -> str:
    return ", ".join(str(number) for number in pages)


# -- words into lines -----------------------------------------------------------------------


def lines_of_words(words: list[dict], page_number: int) -> list[Line]:
    """pdfplumber-style words (``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size``,
    ``fontname``) into lines; OCR words come this way too."""
    return [line for row in rows_of(words) for line in split_at_gaps(row, page_number)]


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
    return [line for run in runs if (line := line_of(run, page_number)).text]


def line_of(words: list[dict], page_number: int) -> Line:
    sizes = [w["size"] for w in words]
    return Line(
        text=clean_text(" ".join(w["text"] for w in words)),
        page=page_number,
        x0=float(words[0]["x0"]),
        x1=float(words[-1]["x1"]),
        top=float(min(w["top"] for w in words)),
        bottom=float(max(w["bottom"] for w in words)),
        size=float(max(set(sizes), key=sizes.count)),
        bold=all("bold" in w["fontname"].lower() for w in words),
        first_word_x1=float(words[0]["x1"]),
    )


# -- odd characters -------------------------------------------------------------------------

SOFT_HYPHEN = "\u00ad"
# Spelled out; and the bullet symbol fonts put in the private use area.
REPLACEMENTS = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
                "\uf0b7": "•"}
# Zero-width characters and other invisible format marks: nothing a reader sees.
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e"}
SPACES = re.compile(r"\s+")
# The caption Word's HTML export puts before a text box's words ("Text Box: Juli 2006"):
# the converter's, not the letter's.
TEXT_BOX = re.compile(r"^(?:Text Box:\s*)+")


def clean_text(text: str) -> str:
    """A line's text as a reader sees it, so extractors and offsets work on plain text.

    Mojibake is repaired ("pÃ¥" -> "på"), ligatures are spelled out, letters composed
    (NFC: "a" + ring -> "å"), spaces of every width become one space, invisible marks
    go, a soft hyphen ending the line becomes a hyphen, so the layout joins the word
    it breaks, and a text box's caption from a Word conversion ("Text Box: ") goes.

    >>> clean_text("ﬁnansiering\\u00a0af 73,4\\u200b mio. kr. udmønt\\u00ad")
    'finansiering af 73,4 mio. kr. udmønt-'
    """
    text = TEXT_BOX.sub("", tidied(repaired(text.strip())))
    # Tidying can bring mojibake together ("Â" and a control character that became a
    # space read as "Â " of a no-break space): repair until nothing changes, so that
    # cleaning clean text leaves it as it is.
    for _ in range(3):
        if not MOJIBAKE_HINT.search(text) or (again := tidied(repaired(text))) == text:
            break
        text = again
    return text


def tidied(text: str) -> str:
    """Soft hyphen, ligatures, invisible marks and spaces dealt with, letters composed."""
    if text.endswith(SOFT_HYPHEN):
        text = text.rstrip(SOFT_HYPHEN) + "-"
    text = "".join(REPLACEMENTS.get(char, char) for char in text)
    text = "".join(char for char in text if visible(char))
    return SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


# Characters whose cp1252 byte is a UTF-8 continuation byte (0x80-0xBF): the second
# character of "Ã¥" ("å" read as cp1252), the third of "â€™" ("’").
CONTINUATION = "".join(
    char for byte in range(0x80, 0xC0)
    if (char := bytes([byte]).decode("cp1252", errors="ignore"))
)
# A letter or quote of UTF-8 read as cp1252. "â€" alone lost its third byte (0x9D, which
# cp1252 leaves undefined): a closing quote.
MOJIBAKE = re.compile(rf"[ÂÃ][{re.escape(CONTINUATION)}]|â€[{re.escape(CONTINUATION)}]?")
MOJIBAKE_HINT = re.compile(r"[ÂÃâ]")
LOST_QUOTE = "\u201d"
# "Â" standing alone, next to no letter: the first byte of a no-break space whose second
# became a plain space ("J.nr.:Â Â Â 2006-1200-131"); no Danish word has it.
STRAY_LEAD_BYTE = re.compile(r"(?<![^\W\d_])Â(?![^\W\d_])")


def repaired(text: str) -> str:
    """Text with mojibake undone: by ftfy where the line gives it enough to go on, and
    pair by pair where a line mixes repaired and broken letters ("SpørgsmÃ¥l").

    >>> repaired("â€SpørgsmÃ¥l 12"), repaired("pÃ¥ 15 pct."), repaired("J.nr.:Â Â 2006-1")
    ('”Spørgsmål 12', 'på 15 pct.', 'J.nr.:    2006-1')
    """
    if not MOJIBAKE_HINT.search(text):
        return text  # the common case, checked cheaply
    return STRAY_LEAD_BYTE.sub(" ", MOJIBAKE.sub(decoded, ftfy.fix_encoding(text)))


def decoded(match: re.Match[str]) -> str:
    try:
        return match.group(0).encode("cp1252").decode("utf-8")
    except UnicodeError:
        return LOST_QUOTE if match.group(0) == "â€" else match.group(0)


def visible(char: str) -> bool:
    """False for soft hyphens, zero-width marks, control and other format characters."""
    if char.isspace():
        return True  # every kind of space is kept, then made one plain space
    return char not in INVISIBLE and unicodedata.category(char) not in {"Cc", "Cf", "Cs"}
