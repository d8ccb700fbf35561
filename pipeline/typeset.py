"""Set a letter's text into a PDF, two ways, so both paths through reading are tried.

    >>> flow_pdf("Folketingets Finansudvalg\\nChristiansborg")[:5]
    b'%PDF-'
    >>> text = "Finansministeriet\\nFolketingets Finansudvalg\\nKære udvalg"
    >>> template_pdf(text, {1: "letterhead", 2: "recipient", 3: "body"})[:5]
    b'%PDF-'

- ``flow_pdf``: the text as published, one drawn line per line (long lines wrap
  at the page's width, as a PDF printed from the text gives it). Nothing but
  the words tells a letterhead from the body.
- ``template_pdf``: the same lines where a ministry's template puts them, from
  each line's role (``pipeline.genuine.ROLES``): ft.dk's stamp in the top
  margin, the letterhead and the date and case-number block in a sidebar on the
  right, the recipient's address top left, a bold subject, the body and the
  signature in the main column, page numbers at the foot.

The font is Bitstream Vera, which ships inside reportlab, so the same text gives
the same PDF on every machine.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

PAGE_WIDTH, PAGE_HEIGHT = A4
FONT, BOLD = "Vera", "VeraBd"

# The flow: one column across the page.
FLOW_LEFT, FLOW_RIGHT, FLOW_TOP, FLOW_BOTTOM = 60.0, PAGE_WIDTH - 60.0, 60.0, 60.0
FLOW_SIZE, FLOW_LEADING = 10.0, 12.5

# The template: a main column and a sidebar on the right. The body's size is chosen so that
# most of the published lines fit the column (a letter's lines were set for its own page).
MAIN_LEFT, MAIN_RIGHT = 60.0, 430.0
SIDE_LEFT, SIDE_RIGHT = 450.0, PAGE_WIDTH - 20.0
BODY_SIZE, BODY_LEADING = 10.0, 13.0
SMALLEST_BODY, LARGEST_BODY = 7.0, 10.5
SMALL_SIZE, SMALL_LEADING = 7.0, 9.0
TOP, BOTTOM = 70.0, 70.0
FOOTER_BASELINE = 36.0


def register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))


def wrapped(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` cut into lines no wider than ``width``: at spaces, and inside a word
    only where one word is wider than the line (glued text from a lost line break).
    Our fonts are registered first: measuring may come before any PDF is drawn."""
    register_fonts()
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if pdfmetrics.stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while pdfmetrics.stringWidth(word, font, size) > width:
            cut = longest_prefix(word, font, size, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


def longest_prefix(word: str, font: str, size: float, width: float) -> int:
    cut = len(word)
    while cut > 1 and pdfmetrics.stringWidth(word[:cut], font, size) > width:
        cut -= 1
    return cut


@dataclass
class Pen:
    """Where the next line goes on a canvas; starts a new page when the column is full."""

    canvas: Canvas
    top: float
    y: float = 0.0
    page: int = 1

    def __post_init__(self) -> None:
        self.y = self.top

    def line(self, text: str, x: float, size: float, leading: float, font: str = FONT) -> None:
        if self.y + leading > PAGE_HEIGHT - BOTTOM:
            self.new_page()
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, PAGE_HEIGHT - self.y - size, text)
        self.y += leading

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self.y = self.top

    def skip(self, height: float) -> None:
        self.y += height


def new_canvas(out: io.BytesIO) -> Canvas:
    register_fonts()
    return Canvas(out, pagesize=A4, invariant=1)


def flow_pdf(text: str, width: float = FLOW_RIGHT - FLOW_LEFT) -> bytes:
    """The text as one column, line by line: a blank line is a blank line. ``width``: the
    column's, in points (a narrower one wraps more lines, as a narrower page would)."""
    out = io.BytesIO()
    canvas = new_canvas(out)
    pen = Pen(canvas, top=FLOW_TOP)
    for line in text.split("\n"):
        if not line.strip():
            pen.skip(FLOW_LEADING)
            continue
        for part in wrapped(line.strip(), FONT, FLOW_SIZE, width):
            pen.line(part, FLOW_LEFT, FLOW_SIZE, FLOW_LEADING)
    canvas.save()
    return out.getvalue()


def template_pdf(text: str, roles: dict[int, str]) -> bytes:
    """The lines placed by role on a ministry's page (see the module's docstring)."""
    by_role = lines_by_role(text, roles)
    out = io.BytesIO()
    canvas = new_canvas(out)
    size = body_size(by_role["body"])
    stamp_end = draw_stamp(canvas, by_role["stamp"])
    # The letterhead starts below the stamp, however long ft.dk's stamp runs.
    side_y = draw_small(canvas, by_role["letterhead"], SIDE_LEFT, SIDE_RIGHT,
                        max(110.0, stamp_end + 2 * SMALL_LEADING))
    draw_small(canvas, by_role["dateblock"], SIDE_LEFT, SIDE_RIGHT, side_y + 2 * SMALL_LEADING)
    pen = Pen(canvas, top=TOP)
    pen.y = 120.0
    for line in by_role["recipient"]:
        for part in wrapped(line, FONT, BODY_SIZE, MAIN_RIGHT - MAIN_LEFT):
            pen.line(part, MAIN_LEFT, BODY_SIZE, BODY_LEADING)
    pen.y = max(pen.y, 200.0) + 2 * BODY_LEADING
    for line in by_role["subject"]:
        for part in wrapped(line, BOLD, BODY_SIZE, MAIN_RIGHT - MAIN_LEFT):
            pen.line(part, MAIN_LEFT, BODY_SIZE, BODY_LEADING, BOLD)
    if by_role["subject"]:
        pen.skip(BODY_LEADING)
    for line in paragraphs_of(text, roles, ("body",)):
        draw_paragraph(pen, line, size)
    pen.skip(BODY_LEADING)
    for line in paragraphs_of(text, roles, ("signature",)):
        draw_paragraph(pen, line, size)
    draw_footer(canvas, by_role["footer"])
    canvas.save()
    return out.getvalue()


def lines_by_role(text: str, roles: dict[int, str]) -> dict[str, list[str]]:
    by_role: dict[str, list[str]] = {role: [] for role in (
        "stamp", "letterhead", "recipient", "dateblock", "subject", "body", "signature",
        "footer")}
    for number, line in enumerate(text.split("\n"), start=1):
        role = roles.get(number)
        if line.strip() and role in by_role:
            by_role[role].append(line.strip())
    return by_role


def paragraphs_of(text: str, roles: dict[int, str], wanted: tuple[str, ...]) -> Iterator[str]:
    """The lines of the wanted roles, a blank line (``""``) where the text has one."""
    previous_blank = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            previous_blank = True
            continue
        if roles.get(number) in wanted:
            if previous_blank:
                yield ""
            yield line.strip()
        previous_blank = False


def body_size(lines: list[str]) -> float:
    """The size at which nine in ten body lines fit the main column on one line."""
    if not lines:
        return BODY_SIZE
    widths = sorted(pdfmetrics.stringWidth(line, FONT, 1.0) for line in lines)
    typical = widths[int(0.9 * (len(widths) - 1))]
    return max(SMALLEST_BODY, min(LARGEST_BODY, (MAIN_RIGHT - MAIN_LEFT) / max(typical, 1.0)))


def draw_paragraph(pen: Pen, line: str, size: float) -> None:
    leading = size * 1.3
    if not line:
        pen.skip(leading * 0.8)
        return
    for part in wrapped(line, FONT, size, MAIN_RIGHT - MAIN_LEFT):
        pen.line(part, MAIN_LEFT, size, leading)


def draw_small(canvas: Canvas, lines: list[str], left: float, right: float, y: float) -> float:
    """Small print in a column from ``y`` down; returns where it ended."""
    canvas.setFont(FONT, SMALL_SIZE)
    for line in lines:
        for part in wrapped(line, FONT, SMALL_SIZE, right - left):
            canvas.drawString(left, PAGE_HEIGHT - y - SMALL_SIZE, part)
            y += SMALL_LEADING
    return y


def draw_stamp(canvas: Canvas, lines: list[str]) -> float:
    """ft.dk's stamp, small in the top right margin; returns where it ended."""
    return draw_small(canvas, lines, SIDE_LEFT, SIDE_RIGHT, 18.0)


def draw_footer(canvas: Canvas, lines: list[str]) -> None:
    """Page numbers and the like, small and centred at the foot of the page, below the
    bottom margin the body keeps to."""
    canvas.setFont(FONT, SMALL_SIZE)
    # reportlab counts y up from the page's foot: the last line sits lowest.
    y = FOOTER_BASELINE + SMALL_LEADING * (len(lines) - 1)
    for line in lines:
        canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= SMALL_LEADING
