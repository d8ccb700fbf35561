"""OCR for pages without a text layer: Tesseract's words, placed on the page in PDF points.

The page is rendered at 300 dpi (pdfplumber's ``to_image``, which draws with
pypdfium2), Tesseract reads it in Danish, and each word comes back as the
same kind of word dict pdfplumber gives (``text``, ``x0``, ``x1``, ``top``,
``bottom``, ``size``, ``fontname``), so ``pdf.lines_of_words`` and the layout
stage treat a scan as they treat a PDF's own text.

    >>> unavailable()  # doctest: +SKIP
    None
    >>> page_words(pdf.pages[0])[:1]  # doctest: +SKIP
    [{'text': 'Ministeren', 'x0': 71.5, 'x1': 111.6, 'top': 34.6, 'bottom': 45.6, ...}]

Tesseract comes from Debian (``tesseract-ocr`` and ``tesseract-ocr-dan``);
``MINISTERBREV_TESSERACT`` names another binary.
"""

from __future__ import annotations

import os
import statistics
from collections import defaultdict
from functools import lru_cache

import pdfplumber
import pytesseract

RESOLUTION = 300
LANGUAGE = "dan"
# A page larger than this many pixels at 300 dpi (a poster, a bogus page size) is
# rendered at a lower resolution; A4 at 300 dpi is 8.7 million.
MAX_PIXELS = 40_000_000
# Tesseract's words below this confidence are mostly specks and image edges.
MIN_CONFIDENCE = 30
# A line's height from the tops of its tall letters to the bottoms of its descenders,
# as a share of the font size; gives OCR lines the sizes PDF lines have.
LINE_HEIGHT_PER_SIZE = 0.92


def tesseract_command() -> str:
    return os.environ.get("MINISTERBREV_TESSERACT", "tesseract")


def unavailable() -> str | None:
    """Why OCR cannot run here, or None when Tesseract and its Danish data are installed.

    >>> unavailable()  # doctest: +SKIP
    'Tesseract is not installed (Debian: tesseract-ocr, tesseract-ocr-dan)'
    """
    return unavailable_with(tesseract_command())


@lru_cache(maxsize=4)
def unavailable_with(command: str) -> str | None:
    pytesseract.pytesseract.tesseract_cmd = command
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return "Tesseract is not installed (Debian: tesseract-ocr, tesseract-ocr-dan)"
    if LANGUAGE not in languages:
        return "Tesseract has no Danish data (Debian: tesseract-ocr-dan)"
    return None


def page_words(page: pdfplumber.page.Page) -> list[dict]:
    """The words Tesseract reads on a rendered page, in PDF points from the top-left."""
    resolution = resolution_for(float(page.width), float(page.height))
    image = page.to_image(resolution=resolution).original.convert("L")
    # Tesseract's threads fight the other workers for the same cores; one each is faster.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pytesseract.pytesseract.tesseract_cmd = tesseract_command()
    data = pytesseract.image_to_data(image, lang=LANGUAGE, output_type=pytesseract.Output.DICT)
    return words_from_data(data, points_per_pixel=72 / resolution)


def resolution_for(width: float, height: float) -> int:
    """300 dpi, or less for a page so large that 300 dpi would not fit in memory."""
    pixels = width * height * (RESOLUTION / 72) ** 2
    if pixels <= MAX_PIXELS:
        return RESOLUTION
    return max(int(RESOLUTION * (MAX_PIXELS / pixels) ** 0.5), 36)


def words_from_data(data: dict[str, list], points_per_pixel: float) -> list[dict]:
    """Tesseract's word rows as pdfplumber words: each word gets its line's top and
    bottom (so a line's words share a row) and its paragraph's font size.

    >>> data = {"level": [5], "block_num": [1], "par_num": [1], "line_num": [1],
    ...         "left": [300], "top": [900], "width": [100], "height": [40],
    ...         "conf": [96], "text": ["Kære"]}
    >>> words_from_data(data, points_per_pixel=72 / 300)[0]["text"]
    'Kære'
    """
    lines: dict[tuple, list[int]] = defaultdict(list)
    for index, text in enumerate(data["text"]):
        if data["level"][index] == 5 and text.strip() and float(data["conf"][index]) >= (
            MIN_CONFIDENCE
        ):
            key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
            lines[key].append(index)
    sizes = paragraph_sizes(data, lines, points_per_pixel)
    return [
        word_at(data, index, line, sizes[key[:2]], points_per_pixel)
        for key, line in lines.items()
        for index in line
    ]


def paragraph_sizes(data: dict, lines: dict[tuple, list[int]],
                    points_per_pixel: float) -> dict[tuple, float]:
    """The font size of each paragraph, from the usual height of its lines: a single
    line without descenders would read too small on its own."""
    heights: dict[tuple, list[float]] = defaultdict(list)
    for key, line in lines.items():
        top, bottom = line_extent(data, line)
        heights[key[:2]].append((bottom - top) * points_per_pixel)
    return {key: round(statistics.median(values) / LINE_HEIGHT_PER_SIZE, 1)
            for key, values in heights.items()}


def line_extent(data: dict, line: list[int]) -> tuple[int, int]:
    top = min(data["top"][index] for index in line)
    bottom = max(data["top"][index] + data["height"][index] for index in line)
    return top, bottom


def word_at(data: dict, index: int, line: list[int], size: float,
            points_per_pixel: float) -> dict:
    top, bottom = line_extent(data, line)
    left = data["left"][index]
    return {
        "text": data["text"][index].strip(),
        "x0": left * points_per_pixel,
        "x1": (left + data["width"][index]) * points_per_pixel,
        "top": top * points_per_pixel,
        "bottom": bottom * points_per_pixel,
        "size": size,
        "fontname": "",  # OCR does not tell bold from regular
    }
