"""The pieces every layout is built from: paragraph styles, the body's parts
(paragraphs, lists, quotes, headings, tables of amounts), the opening and the
closing of a letter, and what is drawn straight onto the canvas (lines of
small text, running headers and footers).

A layout (corpus/layouts.py) decides where the pieces go on the page.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

PAGE_WIDTH, PAGE_HEIGHT = A4
FONT, BOLD, ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
SOFT_HYPHEN = "\u00ad"

# Defaults for [page]; a source may override any of them.
PAGE_DEFAULTS = {
    "font_size": 11,
    "leading": 13,
    "margin_left_mm": 25,
    "margin_top_mm": 15,
    "margin_bottom_mm": 20,
    "header": "",  # running header, left; {page} and {pages} are filled in
    "header_right": "",  # running header, right-aligned
    "footer": "",  # running footer, left
    "footer_right": "",  # running footer, right-aligned
    "header_footer_from_page": 1,
    "header_from_page": None,  # None: header_footer_from_page
    "footer_from_page": None,
    "justify": False,
}


# ---------------------------------------------------------------- text pieces


def hyphenate(text: str, min_word: int = 9) -> str:
    """Mark break points in long words with soft hyphens (a simple Danish-ish rule:
    break before a consonant that is followed by a vowel, keeping 3 letters each side)."""

    def mark(match: re.Match) -> str:
        word = match.group(0)
        pieces, start = [], 0
        for i in range(3, len(word) - 3):
            if not is_vowel(word[i]) and is_vowel(word[i + 1]):
                pieces.append(word[start:i])
                start = i
        return SOFT_HYPHEN.join(pieces + [word[start:]])

    return re.sub(rf"[^\W\d_]{{{min_word},}}", mark, text)


def is_vowel(char: str) -> bool:
    return char.lower() in "aeiouyæøå"


def body_style(page: dict) -> ParagraphStyle:
    return ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=page["font_size"],
        leading=page["leading"],
        spaceAfter=page["leading"],
        alignment=TA_JUSTIFY if page["justify"] else TA_LEFT,
        embeddedHyphenation=1 if page["justify"] else 0,
    )


def item_style(page: dict) -> ParagraphStyle:
    return ParagraphStyle(
        "item", parent=body_style(page), spaceAfter=0, leftIndent=32, firstLineIndent=-16
    )


def plain_style(page: dict, name: str = "plain", **overrides) -> ParagraphStyle:
    """Left-aligned, never hyphenated: for address blocks, headings, datelines."""
    base = dict(alignment=TA_LEFT, embeddedHyphenation=0)
    return ParagraphStyle(name, parent=body_style(page), **(base | overrides))


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    markup = escape(text)
    if style.embeddedHyphenation:
        markup = hyphenate(markup)
    return Paragraph(markup, style)


def list_item(text: str, style: ParagraphStyle) -> Paragraph:
    """'1) Text', indented, its wrapped lines aligned under the first word."""
    return Paragraph(escape(text), style)


def lines_block(lines: list[str], style: ParagraphStyle) -> Paragraph:
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


# ------------------------------------------------------------------ the body


def body_flowables(source: dict, page: dict, width: float) -> list:
    """The body as flowables. A part is a string (a paragraph) or a table with one of:
    items=[...] (a list, markers as written), quote="..." (indented, italic: a question
    being answered), heading="..." (bold), table=[[...], ...] (see amounts_table),
    page_break=true (a forced page break)."""
    style, items = body_style(page), item_style(page)
    flowables = []
    for part in source["body"]:
        if isinstance(part, str):
            flowables.append(paragraph(part, style))
        elif "items" in part:
            flowables += [list_item(text, items) for text in part["items"]]
            flowables.append(Spacer(1, page["leading"]))
        elif "quote" in part:
            quote = plain_style(page, "quote", fontName=ITALIC, leftIndent=16, rightIndent=16)
            flowables.append(paragraph(part["quote"], quote))
        elif "heading" in part:
            heading = plain_style(page, "heading", fontName=BOLD, spaceAfter=page["leading"] / 2)
            flowables.append(paragraph(part["heading"], heading))
        elif "table" in part:
            flowables += amounts_table(part, page, width)
        elif part.get("page_break"):
            flowables.append(PageBreak())
        else:
            raise ValueError(f"unknown body part: {part!r}")
    return flowables


def amounts_table(part: dict, page: dict, width: float) -> list:
    """{ table = [[header...], [row...], ...], caption = "Tabel 1. ...", total = true,
    note = "Anm.: ..." }: the first row is the header (bold; it may carry the unit,
    "(mio. kr.)"), the first column is left-aligned text, the others right-aligned
    numbers as written; total=true rules off the last row and sets it in bold."""
    rows = part["table"]
    size = page["font_size"] - 1.5
    cell = plain_style(page, "cell", fontSize=size, leading=size + 2, spaceAfter=0)
    number = ParagraphStyle("number", parent=cell, alignment=TA_RIGHT)
    bold, bold_number = (ParagraphStyle(f"b{s.name}", parent=s, fontName=BOLD)
                         for s in (cell, number))
    data = []
    for r, row in enumerate(rows):
        emphasis = r == 0 or (part.get("total") and r == len(rows) - 1)
        data.append([Paragraph(escape(text), (bold if emphasis else cell) if c == 0
                               else (bold_number if emphasis else number))
                     for c, text in enumerate(row)])
    first = width * part.get("first_column", 0.4)
    others = (width - first) / max(1, len(rows[0]) - 1)
    table = Table(data, colWidths=[first] + [others] * (len(rows[0]) - 1), hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if part.get("total"):
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black))
    table.setStyle(TableStyle(commands))
    flowables = []
    if part.get("caption"):
        caption = plain_style(page, "caption", fontName=BOLD, fontSize=size, spaceAfter=4)
        flowables.append(paragraph(part["caption"], caption))
    flowables.append(table)
    if part.get("note"):
        note = plain_style(page, "note", fontSize=size - 1, leading=size + 1, spaceBefore=3,
                           spaceAfter=0)
        flowables.append(paragraph(part["note"], note))
    flowables.append(Spacer(1, page["leading"]))
    return [KeepTogether(flowables)]


# ------------------------------------------------------ opening and closing


def recipient_flowables(source: dict, page: dict, gap_lines: int = 3) -> list:
    """The recipient block, then a gap."""
    if not source.get("recipient"):
        return []
    style = plain_style(page, "address", spaceAfter=gap_lines * page["leading"])
    return [lines_block(source["recipient"], style)]


def opening_flowables(source: dict, page: dict) -> list:
    """Subject (bold) and salutation, each followed by a blank line."""
    flowables = []
    if source.get("subject"):
        flowables.append(paragraph(source["subject"], plain_style(page, "subject", fontName=BOLD)))
    if source.get("salutation"):
        flowables.append(paragraph(source["salutation"], body_style(page)))
    return flowables


def closing_flowables(source: dict, page: dict) -> list:
    """'Med venlig hilsen', room for a signature, then the signer's name(s)."""
    style = plain_style(page, "closing", spaceAfter=0)
    parts = [paragraph(source.get("closing", "Med venlig hilsen"), style)]
    parts.append(Spacer(1, 2 * page["leading"]))
    parts += [paragraph(name, style) for name in source.get("signature", [])]
    return [KeepTogether(parts)]


# ------------------------------------------------------------ canvas drawing


def draw_lines(canvas, lines, x, y, size, font=FONT, right_edge=None, centre=None) -> float:
    """Draw lines top-down from baseline y, left-aligned at x (right-aligned at
    right_edge, or centred on centre, when given); an empty line is a gap of one
    line. Returns the baseline below the last line."""
    canvas.setFont(font, size)
    for line in lines:
        if line and centre:
            canvas.drawCentredString(centre, y, line)
        elif line and right_edge:
            canvas.drawRightString(right_edge, y, line)
        elif line:
            canvas.drawString(x, y, line)
        y -= size * 1.3
    return y


def draw_header_footer(canvas, doc, page: dict) -> None:
    """Running header and footer, each from its own first page on."""
    number = canvas.getPageNumber()
    fill = {"page": number, "pages": doc.total_pages or "?"}
    left = page["margin_left_mm"] * mm
    right = PAGE_WIDTH - 15 * mm
    canvas.setFont(FONT, 8)
    for key, y, from_key in (("header", PAGE_HEIGHT - 10 * mm, "header_from_page"),
                             ("footer", 10 * mm, "footer_from_page")):
        first = page[from_key] or page["header_footer_from_page"]
        if number < first:
            continue
        if page[key]:
            canvas.drawString(left, y, page[key].format(**fill))
        if page[f"{key}_right"]:
            canvas.drawRightString(right, y, page[f"{key}_right"].format(**fill))


def draw_first_page_footer(canvas, source: dict, page: dict) -> None:
    """`first_page_footer`: contact lines centred at the foot of page 1, above
    the running footer (give the page a margin_bottom_mm of 25 or more)."""
    lines = source.get("first_page_footer", [])
    if canvas.getPageNumber() != 1 or not lines:
        return
    y = 15 * mm if page["footer"] or page["footer_right"] else 10 * mm
    for line in reversed(lines):
        canvas.setFont(FONT, 7.5)
        canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
        y += 7.5 * 1.3
