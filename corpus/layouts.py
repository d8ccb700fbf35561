"""Layouts: where the parts of a letter go on the page.

Each layout is a function `layout(source, page) -> (page_templates, story)`: the
page templates draw what stands outside the running text (letterhead, sidebar,
header block, running headers and footers), the story is the running text.
Every template "first" is followed by "later" for pages 2 and on.
"""

from __future__ import annotations

from parts import (
    BOLD,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    body_flowables,
    closing_flowables,
    draw_first_page_footer,
    draw_header_footer,
    draw_lines,
    lines_block,
    opening_flowables,
    paragraph,
    plain_style,
    recipient_flowables,
)
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Frame, NextPageTemplate, PageTemplate, Spacer, Table, TableStyle

RIGHT_EDGE = PAGE_WIDTH - 15 * mm


def frame(x: float, bottom: float, width: float, top: float) -> Frame:
    return Frame(x, bottom, width, top - bottom, 0, 0, 0, 0)


def templates(source, page, first_frame, later_frame, draw_first) -> list[PageTemplate]:
    """The "first" and "later" page templates; both draw the running header and
    footer, page 1 also what draw_first draws and the first-page footer."""

    def first_page(canvas, doc):
        draw_first(canvas)
        draw_first_page_footer(canvas, source, page)
        draw_header_footer(canvas, doc, page)

    def later_page(canvas, doc):
        draw_header_footer(canvas, doc, page)

    return [PageTemplate("first", [first_frame], onPage=first_page),
            PageTemplate("later", [later_frame], onPage=later_page)]


def letter_story(source, page, width, head=()) -> list:
    """Recipient block, what the layout puts before the subject, opening, body, closing."""
    story = [NextPageTemplate("later")] + recipient_flowables(source, page) + list(head)
    story += opening_flowables(source, page) + body_flowables(source, page, width)
    return story + closing_flowables(source, page)


def box(page) -> tuple[float, float, float]:
    """left margin, top and bottom of the text area."""
    return (page["margin_left_mm"] * mm, PAGE_HEIGHT - page["margin_top_mm"] * mm,
            page["margin_bottom_mm"] * mm)


def level_with_body(source, page, first_top) -> float:
    """The baseline of the body's first line on page 1, below the recipient block,
    subject and salutation (for a sidebar that starts level with the body)."""
    opening_lines = 2 * len(opening_flowables(source, page))
    lines_above_body = len(source.get("recipient", [])) + 3 + opening_lines
    return first_top - page["font_size"] - lines_above_body * page["leading"]


# ------------------------------------------------------------------- layouts


def right_sidebar(source: dict, page: dict):
    """Body in a left column; on page 1 a sidebar in a right-hand column holds the
    date, the ministry's address and contact lines and the case numbers.
    "Ministeren" (top_left) stands at the top left, the letterhead at the top right,
    the recipient block at the top of the body column."""
    left, top, _ = box(page)
    sidebar_x = 150 * mm

    def draw_head(canvas):
        draw_lines(canvas, source.get("top_left", []), left, top, 9)
        draw_lines(canvas, source.get("letterhead", []), sidebar_x, top, 10, BOLD, RIGHT_EDGE)

    return with_sidebar(source, page, draw_head, sidebar_x, left, 110 * mm, top - 20 * mm)


def left_sidebar(source: dict, page: dict):
    """The mirror image: a narrow left-hand column on page 1 holds the date, then
    the `sidebar` lines (unit, address, contact lines, case numbers), starting level
    with the body's first line; the body and the recipient block stand in a wider
    column to its right, on every page. The letterhead is at the top left, above
    the sidebar; `top_left` lines stand at the top of the body column."""
    _, top, _ = box(page)
    sidebar_x, body_x = 15 * mm, 62 * mm

    def draw_head(canvas):
        draw_lines(canvas, source.get("letterhead", []), sidebar_x, top, 11, BOLD)
        draw_lines(canvas, source.get("top_left", []), body_x, top, 9)

    return with_sidebar(source, page, draw_head, sidebar_x, body_x,
                        PAGE_WIDTH - 20 * mm - body_x, top - 22 * mm)


def with_sidebar(source: dict, page: dict, draw_head, sidebar_x: float, body_x: float,
                 width: float, first_top: float):
    """A body column at ``body_x`` and, on page 1, the head drawn by ``draw_head`` and a
    sidebar at ``sidebar_x`` (the date, then the `sidebar` lines) level with the body."""
    _, top, bottom = box(page)
    sidebar_top = level_with_body(source, page, first_top)

    def draw(canvas):
        draw_head(canvas)
        sidebar = [source["date"], ""] if source.get("date") else []
        draw_lines(canvas, sidebar + source.get("sidebar", []), sidebar_x, sidebar_top, 8)

    return (templates(source, page, frame(body_x, bottom, width, first_top),
                      frame(body_x, bottom, width, top), draw),
            letter_story(source, page, width))


def header_block(source: dict, page: dict):
    """The letterhead (bold) and `top_left` lines at the top left; at the top right
    a block of labelled lines as the source writes them ("Dato: 21-05-2025",
    "J.nr.: 2019-5467", "Sagsbehandler: ...", "Dok. nr. 612677"); below both the
    recipient block and the body across the full width. Contact lines usually go in
    `first_page_footer`."""
    left, top, bottom = box(page)
    width = PAGE_WIDTH - 20 * mm - left
    block = source.get("header_block", [])
    head_lines = len(source.get("letterhead", [])) + len(source.get("top_left", []))
    first_top = top - max(head_lines * 13, len(block) * 9 * 1.3) - 14 * mm

    def draw(canvas):
        y = draw_lines(canvas, source.get("letterhead", []), left, top, 12, BOLD)
        draw_lines(canvas, source.get("top_left", []), left, y, 9)
        draw_lines(canvas, block, 128 * mm, top, 9)

    return (templates(source, page, frame(left, bottom, width, first_top),
                      frame(left, bottom, width, top), draw),
            letter_story(source, page, width))


def label_columns(source: dict, page: dict):
    """Beside the recipient block, at the right, a block of `labels` ("Dato",
    "J.nr.", "Sagsbehandler", "Telefon") with their `values` in a second column
    to the right. Labels and values are drawn as two separate columns with a wide
    gap between them, so that text extraction that reads column by column gives
    all the labels, then all the values. The letterhead stands at the top right,
    `top_left` at the top left; the body runs across the full width below."""
    left, top, bottom = box(page)
    width = PAGE_WIDTH - 20 * mm - left
    labels, values = source.get("labels", []), source.get("values", [])
    recipient = source.get("recipient", [])
    letterhead_height = 12 * 1.3 * len(source.get("letterhead", [])) + 10 * mm
    block_top = top - letterhead_height
    block_height = max(len(recipient) * page["leading"], len(labels) * 9 * 1.3)
    first_top = block_top - block_height - 12 * mm

    def draw(canvas):
        draw_lines(canvas, source.get("top_left", []), left, top, 9)
        draw_lines(canvas, source.get("letterhead", []), 0, top, 12, BOLD, RIGHT_EDGE)
        canvas.setFont("Helvetica", page["font_size"])
        y = block_top
        for line in recipient:
            canvas.drawString(left, y, line)
            y -= page["leading"]
        draw_lines(canvas, labels, 118 * mm, block_top, 9)
        draw_lines(canvas, values, 152 * mm, block_top, 9)

    story = [NextPageTemplate("later")] + opening_flowables(source, page)
    story += body_flowables(source, page, width) + closing_flowables(source, page)
    return (templates(source, page, frame(left, bottom, width, first_top),
                      frame(left, bottom, width, top), draw),
            story)


def memo(source: dict, page: dict):
    """A memo: the letterhead and `top_left` at the top left, a title ("Notat"),
    then a grid of labelled rows (`memo = [["Til:", "..."], ["Fra:", "..."],
    ["Dato:", "..."], ["Emne:", "..."]]`) ruled off from the body below. No
    recipient block: the grid names the recipient."""
    left, top, bottom = box(page)
    width = PAGE_WIDTH - 20 * mm - left
    head_lines = len(source.get("letterhead", [])) + len(source.get("top_left", []))
    first_top = top - head_lines * 13 - 8 * mm

    def draw(canvas):
        y = draw_lines(canvas, source.get("letterhead", []), left, top, 12, BOLD)
        draw_lines(canvas, source.get("top_left", []), left, y, 9)

    title = plain_style(page, "title", fontName=BOLD, fontSize=16, leading=20,
                        spaceAfter=page["leading"])
    label, value = plain_style(page, "label", fontName=BOLD, spaceAfter=0), \
        plain_style(page, "value", spaceAfter=0)
    grid = Table([[paragraph(a, label), paragraph(b, value)] for a, b in source.get("memo", [])],
                 colWidths=[28 * mm, width - 28 * mm], hAlign="LEFT")
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                              ("LINEBELOW", (0, -1), (-1, -1), 0.8, "black")]))
    story = [NextPageTemplate("later"), paragraph(source.get("memo_title", "Notat"), title),
             grid, Spacer(1, 2 * page["leading"])]
    story += opening_flowables(source, page) + body_flowables(source, page, width)
    story += closing_flowables(source, page)
    return (templates(source, page, frame(left, bottom, width, first_top),
                      frame(left, bottom, width, top), draw),
            story)


def centred_letterhead(source: dict, page: dict):
    """The letterhead centred at the top (bold), `letterhead_lines` (address and
    contact lines) centred in small type under it; then the recipient block, the
    `date` as a right-aligned dateline as the source writes it ("København, den
    12. marts 2019"), `references` (case numbers) at the left, and the letter
    across the full width."""
    left, top, bottom = box(page)
    width = PAGE_WIDTH - 20 * mm - left
    centre = left + width / 2
    lines = source.get("letterhead_lines", [])
    first_top = top - 14 * 1.3 * len(source.get("letterhead", [])) - 8 * 1.3 * len(lines) \
        - 12 * mm

    def draw(canvas):
        y = draw_lines(canvas, source.get("letterhead", []), 0, top, 14, BOLD, centre=centre)
        draw_lines(canvas, lines, 0, y - 2, 8, centre=centre)

    head = []
    if source.get("date"):
        head.append(paragraph(source["date"], plain_style(page, "dateline", alignment=TA_RIGHT)))
    if source.get("references"):
        head.append(lines_block(source["references"],
                                plain_style(page, "refs", fontSize=9, leading=11,
                                            spaceAfter=page["leading"])))
    return (templates(source, page, frame(left, bottom, width, first_top),
                      frame(left, bottom, width, top), draw),
            letter_story(source, page, width, head))


LAYOUTS = {
    "right_sidebar": right_sidebar,
    "left_sidebar": left_sidebar,
    "header_block": header_block,
    "label_columns": label_columns,
    "memo": memo,
    "centred_letterhead": centred_letterhead,
}
