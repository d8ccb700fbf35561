"""Page furniture: the lines in a page's top and bottom margin that are no running text,
page numbers, lines printed on other pages too, and small print.

    >>> shape(Line("Side 2 af 3", page=2, x0=0, x1=50, top=800, bottom=810, size=9, bold=False))
    'side # af #'
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.reading.pdf import Line, Page

# Where running headers and footers may stand, as a share of the page height.
MARGIN_SHARE = 0.1

PAGE_NUMBER = re.compile(
    r"^(side\s+)?\d{1,3}(\s*(af|/|of)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$", re.IGNORECASE
)


def running_lines(pages: list[Page]) -> set[Line]:
    """Lines in the top or bottom margin that are not running text: page numbers, lines
    printed on other pages too (a ministry name repeated from page 2), and small print,
    unless that small print runs on below the margin (a sidebar that starts in it)."""
    every_line = [line for page in pages for line in page.lines]
    # repeated in the margin of another page: "Spørgsmål nr. 85:" atop page 2 is no repeat of
    # "Spørgsmål nr. 84:" in page 1's text
    in_margins = [line for page in pages for line in page.lines if in_margin_zone(line, page)]
    pages_per_shape = Counter(text for text, _page in {(shape(ln), ln.page) for ln in in_margins})
    body_size = usual_size(every_line)
    running: set[Line] = set()
    small_print: set[Line] = set()
    for page in pages:
        for line in page.lines:
            if not in_margin_zone(line, page):
                continue
            if not numbers_its_page(line):
                continue  # "279" atop page 2: a table's cell, no page number
            if PAGE_NUMBER.match(line.text.strip()) or pages_per_shape[shape(line)] > 1:
                running.add(line)
            elif line.size < body_size - 1:
                small_print.add(line)
    return running | (small_print - running_on(small_print, pages))


# How far a bare page number may stand from its page's place in the file (a letter may count
# a cover page, or go on from an earlier one).
PAGE_NUMBER_SLACK = 3


def numbers_its_page(line: Line) -> bool:
    """A line that is a number and nothing else is a page number only near its page's own
    number; any other line may be page furniture.

    >>> numbers_its_page(Line("2", page=2, x0=0, x1=5, top=40, bottom=50, size=9, bold=False))
    True
    >>> numbers_its_page(Line("279", page=2, x0=0, x1=15, top=40, bottom=50, size=9, bold=False))
    False
    """
    text = line.text.strip()
    return not text.isdigit() or abs(int(text) - line.page) <= PAGE_NUMBER_SLACK


def running_on(small_print: set[Line], pages: list[Page]) -> set[Line]:
    """The margin's small print that a column below the margin goes on from: each line
    with a line of its column right below it that is not in the margin, or goes on so."""
    released: set[Line] = set()
    for page in pages:
        column_lines = sorted(page.lines, key=lambda line: -line.top)  # from the bottom up
        for line in column_lines:
            if line in small_print and any(
                    (other not in small_print or other in released) and continues(line, other)
                    for other in column_lines):
                released.add(line)
    return released


def continues(line: Line, below: Line) -> bool:
    """``below`` is the next line of ``line``'s column: same left edge, next row."""
    return abs(below.x0 - line.x0) < 2 and 0 <= below.top - line.bottom <= 0.8 * line.size


def usual_size(lines: list[Line]) -> float:
    """The font size most of the text is set in."""
    sizes = Counter()
    for line in lines:
        sizes[round(line.size)] += len(line.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 0.0


def in_margin_zone(line: Line, page: Page) -> bool:
    return line.bottom < page.height * MARGIN_SHARE or line.top > page.height * (1 - MARGIN_SHARE)


def shape(line: Line) -> str:
    """A line's text with digits masked, so "Side 1 af 3" and "Side 2 af 3" match."""
    return re.sub(r"\d+", "#", line.text.strip().lower())


def is_top(line: Line, pages: list[Page]) -> bool:
    return line.top < pages[line.page - 1].height / 2

