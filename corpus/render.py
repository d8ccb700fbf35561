"""Render letter sources (TOML) into PDFs that look like real ministerial letters.

    python corpus/render.py              # every corpus/sources/*.toml -> corpus/letters/*.pdf
    python corpus/render.py FILE...      # only these sources (same output folder)

A source describes the parts of a letter; a layout (one function below, picked
by the source's `layout` key) decides where they go on the page. Example:

    layout = "right_sidebar"
    top_left = ["Ministeren"]
    letterhead = ["Udlændinge- og Integrationsministeriet"]
    recipient = ["Udlændinge- og Integrationsudvalget", "Folketinget"]
    date = "4. november 2020"
    sidebar = ["Slotsholmsgade 10", "1216 København K", "", "Tel. 6198 4000"]
    salutation = "Kære ordførere"
    body = [
        "A paragraph.",
        { items = ["1) First point", "2) Second point"] },
        { page_break = true },
        "A paragraph on the next page.",
    ]
    closing = "Med venlig hilsen"
    signature = ["Mattias Tesfaye"]

    [page]                      # all optional
    footer = "Side {page} af {pages}"
    justify = true              # justified body, long words hyphenated at line ends

Every key is optional except `layout` and `body`; see corpus/README.md for all
of them. PDFs are written with reportlab's invariant mode, so the same source
always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import sys
import tomllib
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

CORPUS = Path(__file__).resolve().parent
PAGE_WIDTH, PAGE_HEIGHT = A4
FONT, BOLD = "Helvetica", "Helvetica-Bold"
SOFT_HYPHEN = "\u00ad"

# Defaults for [page]; a source may override any of them.
PAGE_DEFAULTS = {
    "font_size": 11,
    "leading": 13,
    "margin_left_mm": 25,
    "margin_top_mm": 15,
    "margin_bottom_mm": 20,
    "header": "",
    "footer": "",
    "header_footer_from_page": 1,
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


def body_flowables(source: dict, page: dict) -> list:
    """The body as flowables: strings are paragraphs, {items=[...]} a list,
    {page_break=true} a forced page break."""
    style, items = body_style(page), item_style(page)
    flowables = []
    for part in source["body"]:
        if isinstance(part, str):
            flowables.append(paragraph(part, style))
        elif "items" in part:
            flowables += [list_item(text, items) for text in part["items"]]
            flowables.append(Spacer(1, page["leading"]))
        elif part.get("page_break"):
            flowables.append(PageBreak())
        else:
            raise ValueError(f"unknown body part: {part!r}")
    return flowables


def opening_flowables(source: dict, page: dict) -> list:
    """Subject (bold) and salutation, each followed by a blank line."""
    style = body_style(page)
    flowables = []
    if source.get("subject"):
        subject_style = ParagraphStyle("subject", parent=style, fontName=BOLD, alignment=TA_LEFT)
        flowables.append(paragraph(source["subject"], subject_style))
    if source.get("salutation"):
        flowables.append(paragraph(source["salutation"], style))
    return flowables


def closing_flowables(source: dict, page: dict) -> list:
    """'Med venlig hilsen', room for a signature, then the signer's name(s)."""
    style = ParagraphStyle("closing", parent=body_style(page), alignment=TA_LEFT, spaceAfter=0)
    parts = [paragraph(source.get("closing", "Med venlig hilsen"), style)]
    parts.append(Spacer(1, 2 * page["leading"]))
    parts += [paragraph(name, style) for name in source.get("signature", [])]
    return [KeepTogether(parts)]


# ------------------------------------------------------------ canvas drawing


def draw_lines(canvas, lines, x, y, size, font=FONT, right_edge=None) -> None:
    """Draw lines top-down from baseline y, left-aligned at x (or right-aligned
    at right_edge when given); an empty line is a gap of one line."""
    canvas.setFont(font, size)
    for line in lines:
        if line and right_edge:
            canvas.drawRightString(right_edge, y, line)
        elif line:
            canvas.drawString(x, y, line)
        y -= size * 1.3


def draw_header_footer(canvas, doc, page: dict) -> None:
    number = canvas.getPageNumber()
    if number < page["header_footer_from_page"]:
        return
    fill = {"page": number, "pages": doc.total_pages or "?"}
    x = page["margin_left_mm"] * mm
    canvas.setFont(FONT, 8)
    if page["header"]:
        canvas.drawString(x, PAGE_HEIGHT - 12 * mm, page["header"].format(**fill))
    if page["footer"]:
        canvas.drawString(x, 12 * mm, page["footer"].format(**fill))


# ------------------------------------------------------------------- layouts


def right_sidebar(source: dict, page: dict) -> tuple[list[PageTemplate], list]:
    """Body in a left column; on page 1 a sidebar in a right-hand column holds the
    date, the ministry's address and contact lines and the case numbers.
    "Ministeren" (top_left) stands at the top left, the letterhead at the top right,
    the recipient block at the top of the body column."""
    left = page["margin_left_mm"] * mm
    body_width = 110 * mm
    sidebar_x = 150 * mm
    right_edge = PAGE_WIDTH - 15 * mm
    top = PAGE_HEIGHT - page["margin_top_mm"] * mm
    bottom = page["margin_bottom_mm"] * mm
    first_top = top - 20 * mm
    address_gap = 3 * page["leading"]
    # the sidebar's first line (the date) stands level with the body's first line
    opening_lines = 2 * len(opening_flowables(source, page))
    lines_above_body = len(source.get("recipient", [])) + 3 + opening_lines
    sidebar_top = first_top - page["font_size"] - lines_above_body * page["leading"]

    def first_page(canvas, doc):
        draw_lines(canvas, source.get("top_left", []), left, top, 9)
        draw_lines(canvas, source.get("letterhead", []), sidebar_x, top, 10, BOLD, right_edge)
        sidebar = [source["date"], ""] if source.get("date") else []
        draw_lines(canvas, sidebar + source.get("sidebar", []), sidebar_x, sidebar_top, 8)
        draw_header_footer(canvas, doc, page)

    def later_page(canvas, doc):
        draw_header_footer(canvas, doc, page)

    templates = [
        PageTemplate("first", [Frame(left, bottom, body_width, first_top - bottom, 0, 0, 0, 0)],
                     onPage=first_page),
        PageTemplate("later", [Frame(left, bottom, body_width, top - bottom, 0, 0, 0, 0)],
                     onPage=later_page),
    ]
    address_style = ParagraphStyle("address", parent=body_style(page), alignment=TA_LEFT,
                                   spaceAfter=address_gap)
    story = [NextPageTemplate("later")]
    if source.get("recipient"):
        story.append(lines_block(source["recipient"], address_style))
    story += opening_flowables(source, page) + body_flowables(source, page)
    story += closing_flowables(source, page)
    return templates, story


LAYOUTS = {"right_sidebar": right_sidebar}


# ------------------------------------------------------------------ building


def build_pdf(source: dict, total_pages: int | None = None) -> tuple[bytes, int]:
    """Lay the letter out once; returns the PDF bytes and its page count."""
    page = PAGE_DEFAULTS | source.get("page", {})
    templates, story = LAYOUTS[source["layout"]](source, page)
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4, pageTemplates=templates, invariant=1,
                          title=source.get("subject") or "", author="", creator="",
                          producer="")
    doc.total_pages = total_pages
    doc.build(story)
    return out.getvalue(), doc.page


def render_source(source: dict) -> bytes:
    """The letter as PDF bytes; "Side {page} af {pages}" needs a second pass."""
    pdf, pages = build_pdf(source)
    return build_pdf(source, total_pages=pages)[0]


def render_file(source_path: Path, out_dir: Path = CORPUS / "letters") -> Path:
    source = tomllib.loads(Path(source_path).read_text(encoding="utf-8"))
    out_path = out_dir / (Path(source_path).stem + ".pdf")
    out_dir.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(render_source(source))
    return out_path


def main(argv: list[str]) -> None:
    sources = [Path(arg) for arg in argv] or sorted((CORPUS / "sources").glob("*.toml"))
    for source_path in sources:
        print(render_file(source_path))


if __name__ == "__main__":
    main(sys.argv[1:])
