"""Lines with positions -> a ``Document``: the running text in reading order,
and the blocks around it (letterhead, recipient block, sidebar, headers, footers).

The steps, each a short function below:

1. running headers and footers (page numbers, lines repeated on every page) are set apart;
2. the body column is found from where the long lines stand; lines wholly
   beside it (a sidebar left or right) are set apart;
3. on page 1, what stands above the salutation or first paragraph is the head
   (letterhead, recipient block, subject, dateline, label blocks), and so is what
   only its words show to be one (``columnroles``: a letter printed in one column);
4. the rest of the main column is the body: lines joined into paragraphs,
   words hyphenated across line ends joined, paragraphs continued across pages;
   the stamp, page numbers, letterhead and date block lines are set apart from it
   wherever they stand, into blocks by what they are (``lineroles``);
5. in the head and the sidebar, a label and the value printed beside it on the
   same row are paired by position into one line ("Dato: 13. oktober 2023"); lines
   wrapped at a column's edge are joined, labels on lines of their own paired with
   the values below them, glued lines cut apart (``mending``), and ft.dk's stamp
   put in a "stamp" block, which no later stage reads as sender or recipient.

    >>> document = build_document(read_pdf(data))  # doctest: +SKIP
    >>> document.body_text[:14]  # doctest: +SKIP
    'Kære ordførere'
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Literal

from pipeline.reading import columnroles, lineroles
from pipeline.reading.columnroles import MainRoles
from pipeline.reading.lineroles import REGION_OF, ROLE_FAMILY
from pipeline.reading.mending import tidy_lines
from pipeline.reading.pdf import Line, Page

# "stamp": ft.dk's stamp and page-image markers, which no stage reads as sender or recipient.
Region = Literal["head", "sidebar", "header", "footer", "stamp"]

# Where running headers and footers may stand, as a share of the page height.
MARGIN_SHARE = 0.1
# A vertical gap this many times the usual line pitch starts a new paragraph or block.
PARAGRAPH_GAP = 1.45
# White space this many font sizes high, across a whole region, separates bands of blocks.
BAND_GAP_EMS = 0.9
# A column of labels ("Dato", "Sagsnr.:", "Telefon") holds short lines only.
LABEL_MAX_CHARS = 22
# Labels letters print without a colon.
LABEL_WORDS = {
    "dato", "kontor", "enhed", "afdeling", "telefon", "tlf", "direkte", "mobil", "e-mail",
    "e-post", "mail", "web", "sagsnr", "sagsnummer", "journalnr", "j.nr", "akt-id", "dok.nr",
    "doknr", "sagsbehandler", "reference", "ref", "vores ref", "deres ref", "cvr", "cvr-nr",
    "til", "fra", "emne", "vedr", "kopi", "bilag", "initialer",
}  # fmt: skip
# A paragraph's first line may be indented this far (points); a memo's values stand further in.
MAX_INDENT = 36
# A line this share of the column width or more is full: its paragraph goes on.
FULL_LINE_SHARE = 0.85
# A line at least this share of the column width reads as running text.
PARAGRAPH_LINE_SHARE = 0.6

# Between unrelated columns of one row in a block: wide enough to read as a separator.
COLUMN_GAP = "   "

PAGE_NUMBER = re.compile(
    r"^(side\s+)?\d{1,3}(\s*(af|/|of)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$", re.IGNORECASE
)
SALUTATION = re.compile(
    r"^(kære|hej|høje|ærede|til\s+(udvalgets\s+medlemmer|udvalget)\b)[^:]{0,60}$",
    re.IGNORECASE,
)
LIST_MARKER = re.compile(r"^([-–•▪◦·*]|\d{1,2}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))\s")
# Words that follow a suspended hyphen ("beredskabs- eller handleplan"): keep the hyphen.
SUSPENDED_HYPHEN_NEXT = {"og", "eller", "samt", "til", "som", "end", "og/eller"}


@dataclass(frozen=True)
class Block:
    """Lines outside the running text that belong together, in reading order."""

    region: Region
    page: int
    lines: list[str]
    bold: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Document:
    """A letter read in order: ``body_text`` plus the blocks set apart from it."""

    pages: int
    body_text: str
    blocks: list[Block]
    # (offset in body_text, page) where each page's text starts, in order.
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    # Where the text came from: "native" (the PDF's text layer) or "ocr" (some pages OCR'd).
    text_layer: str = "native"
    # What the reading could not do well, for the record's warnings ("text read by OCR ...").
    warnings: list[str] = field(default_factory=list)
    # Seconds reading spent on OCR, for the run's time per stage; no part of what was read.
    ocr_seconds: float = field(default=0.0, compare=False)

    def page_at(self, offset: int) -> int:
        """The 1-based page on which the character at ``offset`` of body_text stands."""
        page = self.page_starts[0][1] if self.page_starts else 1
        for start, number in self.page_starts:
            if start > offset:
                break
            page = number
        return page

    def region(self, *regions: Region) -> list[Block]:
        return [block for block in self.blocks if block.region in regions]


def build_document(pages: list[Page]) -> Document:
    margins = running_lines(pages)
    body_lines = [line for page in pages for line in page.lines if line not in margins]
    left, right = body_column(body_lines)
    main = [line for line in body_lines if left - 1 <= line.x1 and line.x0 < right - 1]
    main_set = set(main)
    beside = [line for line in body_lines if line not in main_set]
    head, _running = split_head(main, left, right)
    roles = MainRoles(main, len(head), right)
    running = [line for index, line in enumerate(main) if roles.in_running_text(index)]
    body_text, page_starts = running_text(running, right - left)
    blocks = (
        role_blocks(main, roles, right, len(head))
        + blocks_of(beside, "sidebar", page_widths={page.number: page.width for page in pages})
        + blocks_of([line for line in margins if is_top(line, pages)], "header")
        + blocks_of([line for line in margins if not is_top(line, pages)], "footer")
    )
    return Document(pages=len(pages), body_text=body_text, blocks=blocks, page_starts=page_starts)


def role_blocks(main: list[Line], roles: MainRoles, right_edge: float,
                head_count: int) -> list[Block]:
    """The main column's lines that are not running text, in blocks by what they are: the
    head's recipient and subject, the letterhead, the date block, the stamp, page numbers.
    A head laid out in columns side by side (the recipient left, the date block right) is
    cut into blocks by position, as the page shows them."""
    in_columns = head_count if has_columns(main[:head_count]) else 0
    blocks = blocks_of(main[:in_columns], "head")
    for family, lines in role_groups(main, roles, in_columns):
        blocks += family_blocks(family, lines, right_edge)
    return blocks


def role_groups(main: list[Line], roles: MainRoles, start: int) -> list[tuple[str, list[Line]]]:
    """From ``start`` on, the lines set apart from the running text, grouped: lines of one
    family ("letterhead", "dateblock", ...) that follow each other make one group."""
    groups: list[tuple[str, list[Line]]] = []
    previous = -2
    for index in range(start, len(main)):
        if roles.in_running_text(index):
            continue
        family = ROLE_FAMILY.get(roles.role(index), "head")
        if groups and groups[-1][0] == family and index == previous + 1:
            groups[-1][1].append(main[index])
        else:
            groups.append((family, [main[index]]))
        previous = index
    return groups


def family_blocks(family: str, lines: list[Line], right_edge: float) -> list[Block]:
    """The blocks of one group, laid out by position as any other. A subject is one line
    of text, as the letter means it; a group that goes on over a page break ("Tel." ... on
    page 1, the values on page 2) is one block, so that labels meet their values."""
    region = REGION_OF.get(family, "head")
    if family == "subject":
        return [Block(region=region, page=lines[0].page,
                      lines=[" ".join(line.text.strip() for line in lines)],
                      bold=all(line.bold for line in lines))]
    if lines[0].page == lines[-1].page:
        return blocks_of(lines, region, right_edge)
    parts = blocks_of(lines, region, right_edge, tidy=False)
    return tidied(Block(region=region, page=parts[0].page,
                        lines=[line for part in parts for line in part.lines],
                        bold=all(part.bold for part in parts)))


def has_columns(lines: list[Line]) -> bool:
    """Whether two of the lines stand side by side on one row."""
    return any(overlaps_vertically(a, b) for a, b in zip(lines, lines[1:], strict=False)
               if a.page == b.page)


# -- 1. running headers and footers ---------------------------------------------------


def running_lines(pages: list[Page]) -> set[Line]:
    """Lines in the top or bottom margin that are not running text: page numbers, lines
    printed on other pages too (a ministry name repeated from page 2), and small print,
    unless that small print runs on below the margin (a sidebar that starts in it)."""
    every_line = [line for page in pages for line in page.lines]
    pages_per_shape = Counter(text for text, _page in {(shape(ln), ln.page) for ln in every_line})
    body_size = usual_size(every_line)
    running: set[Line] = set()
    small_print: set[Line] = set()
    for page in pages:
        for line in page.lines:
            if not in_margin_zone(line, page):
                continue
            if PAGE_NUMBER.match(line.text.strip()) or pages_per_shape[shape(line)] > 1:
                running.add(line)
            elif line.size < body_size - 1:
                small_print.add(line)
    return running | (small_print - running_on(small_print, pages))


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


# -- 2. the body column ------------------------------------------------------------------


def body_column(lines: list[Line]) -> tuple[float, float]:
    """Left and right edge of the column that holds most of the running text."""
    if not lines:
        return 0.0, 0.0
    long_lines = [line for line in lines if len(line.text) >= 40] or lines
    weights = Counter()
    for line in long_lines:
        weights[round(line.x0)] += len(line.text)
    left = float(weights.most_common(1)[0][0])
    rights = sorted(line.x1 for line in long_lines if abs(line.x0 - left) < 3)
    right = rights[int(0.95 * (len(rights) - 1))]
    return left, right


# -- 3. the head on page 1 ---------------------------------------------------------------


def split_head(main: list[Line], left: float, right: float) -> tuple[list[Line], list[Line]]:
    """Cut page 1's main column where the letter proper starts."""
    first_page = main[0].page if main else 1
    page_one = [line for line in main if line.page == first_page]
    start = body_start(page_one, left, right)
    head = page_one[:start]
    head_set = set(head)
    return head, [line for line in main if line not in head_set]


def body_start(lines: list[Line], left: float, right: float) -> int:
    """Index of the salutation, else of the first line of running text: a long line at the
    column's left edge with nothing beside it (a memo's "Fra:" value is not running text)."""
    for index, line in enumerate(lines):
        if SALUTATION.match(line.text.strip()) and not line.bold:
            return index
    column_width = max(right - left, 1.0)
    for index, line in enumerate(lines):
        long_enough = line.width >= PARAGRAPH_LINE_SHARE * column_width
        at_left_edge = line.x0 <= left + MAX_INDENT
        if long_enough and at_left_edge and not line.bold and alone_in_row(line, lines):
            return paragraph_start(lines, index)
    return 0


def alone_in_row(line: Line, lines: list[Line]) -> bool:
    return not any(other is not line and overlaps_vertically(other, line) for other in lines)


def paragraph_start(lines: list[Line], index: int) -> int:
    """Step back from a long line to the first line of its paragraph."""
    pitch = typical_pitch(lines)
    while index > 0 and lines[index].top - lines[index - 1].bottom < 0.6 * pitch:
        if lines[index - 1].bold:
            break
        index -= 1
    return index


def typical_pitch(lines: list[Line]) -> float:
    """The most common distance from one line to the next: single line spacing."""
    gaps = [round(b.top - a.top) for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    return float(statistics.mode(gaps)) if gaps else 14.0


def smallest_pitch(lines: list[Line]) -> float:
    """Single spacing in a block of few lines, where gaps may be as common as lines."""
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    return min(gaps) if gaps else 14.0


# -- 4. the running text -------------------------------------------------------------------


def running_text(lines: list[Line], column_width: float) -> tuple[str, list[tuple[int, int]]]:
    """Join body lines into paragraphs; remember where each page starts."""
    pitch = typical_pitch(lines)
    text = ""
    page_starts: list[tuple[int, int]] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None:
            text = joined(text, previous, line, pitch, column_width)
        if not page_starts or page_starts[-1][1] != line.page:
            page_starts.append((len(text), line.page))
        text += line.text.strip()
        previous = line
    return text, page_starts


def joined(text: str, previous: Line, line: Line, pitch: float, column_width: float) -> str:
    """``text`` with what goes before the next line: a break, a space, or nothing."""
    current = line.text.strip()
    if line.page == previous.page and overlaps_vertically(previous, line):
        return text + "\t"  # the next cell of a table row
    if starts_new_paragraph(previous, line, text, pitch, column_width):
        return text + "\n\n"
    if LIST_MARKER.match(current):
        return text + "\n"
    if ends_in_line_break_hyphen(text, current):
        return text[:-1]  # "udmønt-" + "ning" -> "udmøntning"
    if text.endswith("-"):
        return text  # "Covid-" + "19", "EU-" + "landene": a real hyphen, no space
    if previous.width < PARAGRAPH_LINE_SHARE * column_width:
        return text + "\n"  # a short line that is not a paragraph's last: a signature, an address
    return text + " "


def starts_new_paragraph(
    previous: Line, line: Line, text: str, pitch: float, column_width: float
) -> bool:
    if line.page != previous.page:
        # A paragraph goes on over the page break unless the page ended on a
        # short line closing a sentence, as a paragraph's last line does.
        ends_sentence = text.rstrip()[-1:] in ".:!?"
        return ends_sentence and previous.width < FULL_LINE_SHARE * column_width
    return line.top - previous.top > PARAGRAPH_GAP * pitch


def ends_in_line_break_hyphen(text: str, next_line: str) -> bool:
    """True for "udmønt-" + "ning": a word broken at the line end, not a compound."""
    if not re.search(r"[a-zæøå]-$", text):
        return False
    next_word = next_line.split(" ", 1)[0].lower().strip(",.;:")
    return next_line[:1].islower() and next_word not in SUSPENDED_HYPHEN_NEXT


# -- 5. blocks beside the text ---------------------------------------------------------------


def blocks_of(lines: list[Line], region: Region, right_edge: float | None = None,
              tidy: bool = True, page_widths: dict[int, float] | None = None) -> list[Block]:
    """Per page and column, rows paired by position, cut into blocks at wide vertical gaps;
    each block's text tidied (glued parts cut apart, labels paired with their values) and
    ft.dk's stamp set apart wherever it stands.

    ``right_edge``: where the lines' column ends, if known; else the page's lines show it
    where two or more of them reach it, or where one runs into the page's right margin
    (``page_widths``), and lines wrapped there are joined again."""
    blocks: list[Block] = []
    for page in sorted({line.page for line in lines}):
        on_page = [line for line in lines if line.page == page]
        width = (page_widths or {}).get(page)
        edge = right_edge if right_edge is not None else hard_right_edge(on_page, width)
        for band in bands_of(on_page):
            for column in columns_of(band):
                blocks.extend(vertical_blocks(paired_rows(column), region, edge))
    return [part for block in blocks for part in tidied(block)] if tidy else blocks


def hard_right_edge(lines: list[Line], page_width: float | None = None) -> float | None:
    """The right edge of a column of small print, where two or more lines end at it, or
    where a line runs into the page's right margin: the width lines were wrapped at.
    None where the lines show no such edge."""
    if not lines:
        return None
    edge = max(line.x1 for line in lines)
    reaching = [line for line in lines if line.x1 >= edge - 2 * columnroles.char_width(line)]
    if len(lines) >= 3 and len(reaching) >= 2:
        return edge
    return edge if page_width and edge >= (1 - MARGIN_SHARE) * page_width else None


def tidied(block: Block) -> list[Block]:
    """The block with its text tidied; a block of stamp lines is a stamp block, and stamp
    lines among others go to a stamp block of their own. The sender's name above the
    letterhead's address is a block of its own, so that it is not read as the street's."""
    lines = tidy_lines(block.lines)
    if not lines:
        return []
    stamp = [line for line in lines if lineroles.stamp_role(line)]
    if stamp and block.region != "stamp":
        if lineroles.is_stamp_block(lines):
            return [replace(block, region="stamp", lines=lines)]
        rest = [line for line in lines if not lineroles.stamp_role(line)]
        return [replace(block, region="stamp", lines=stamp), *tidied(replace(block, lines=rest))]
    names = lineroles.leading_names(lines)
    if block.region != "head" and 0 < names < len(lines):
        return [replace(block, lines=lines[:names]), replace(block, lines=lines[names:])]
    return [replace(block, lines=lines)]


def bands_of(lines: list[Line]) -> list[list[Line]]:
    """Cut a page's lines where white space runs across all of them, so that a wide
    heading does not join the columns above it into one."""
    bands: list[list[Line]] = []
    bottom = float("-inf")
    for line in sorted(lines, key=lambda item: item.top):
        if line.top - bottom > BAND_GAP_EMS * line.size:
            bands.append([])
        bands[-1].append(line)
        bottom = max(bottom, line.bottom)
    return bands


def vertical_blocks(rows: list[list[Line]], region: Region,
                    right_edge: float | None = None) -> list[Block]:
    pitch = smallest_pitch([row[0] for row in rows])
    groups: list[list[list[Line]]] = []
    for previous, row in zip([None, *rows], rows, strict=False):
        if previous is None or row[0].top - previous[0].top > PARAGRAPH_GAP * pitch:
            groups.append([])
        groups[-1].append(row)
    return [block_of(unwrapped(group, right_edge), region) for group in groups]


def columns_of(lines: list[Line]) -> list[list[Line]]:
    """Lines of one page in columns, left to right: lines whose x-ranges overlap share a
    column, and a column of short labels joins the column of values beside it."""
    columns: list[list[Line]] = []
    right_edge = -1.0
    for line in sorted(lines, key=lambda item: item.x0):
        if columns and line.x0 <= right_edge + 2:
            columns[-1].append(line)
        else:
            columns.append([line])
        right_edge = max(right_edge, line.x1) if len(columns[-1]) > 1 else line.x1
    return join_labels_to_values(columns)


def join_labels_to_values(columns: list[list[Line]]) -> list[list[Line]]:
    joined: list[list[Line]] = []
    for column in columns:
        if joined and is_label_column(joined[-1], column):
            joined[-1] = joined[-1] + column
        else:
            joined.append(column)
    return joined


def looks_like_label(text: str) -> bool:
    """"Dato", "Sagsnr.:", "Dok. nr.", "E-mail": short, no digits, and marked as a label by
    its colon or full stop or by being a word letters use as one."""
    text = text.strip()
    if len(text) > LABEL_MAX_CHARS or len(text.split()) > 2 or re.search(r"\d", text):
        return False
    return text.endswith((":", ".")) or text.lower() in LABEL_WORDS


def is_label_column(labels: list[Line], values: list[Line]) -> bool:
    """Short lines, most of them level with a line of the column to their right."""
    if any(not looks_like_label(line.text) for line in labels):
        return False
    level = sum(any(overlaps_vertically(value, label) for value in values) for label in labels)
    return level >= 0.6 * len(labels)


def unwrapped(rows: list[list[Line]], right_edge: float | None) -> list[list[Line]]:
    """Rows of one line wrapped at the column's edge joined again into one line: the line
    ends where the next line's first word would not have fitted. Where the edge is not
    known, only a row of items set apart by separators ("Miljøministeriet • Højbro Plads 4
    • ...") is joined at the widest line's edge, and a line ending in a phone label whose
    number the next line holds ("...København K.Telefon" + "3392 3390 ...")."""
    single = [row[0] for row in rows if len(row) == 1]
    edge = right_edge if right_edge is not None else max((ln.x1 for ln in single), default=0)
    joined_rows: list[list[Line]] = []
    last_piece: Line | None = None  # the last line as drawn, before joining
    for row in rows:
        previous = joined_rows[-1] if joined_rows else None
        if previous and last_piece and len(previous) == 1 and len(row) == 1 and (
                columnroles.is_wrapped(last_piece, row[0], edge)) and (
                right_edge is not None or columnroles.both_separated(last_piece, row[0])
                or columnroles.label_goes_on(last_piece, row[0])):
            joined_rows[-1] = [columnroles.joined_line(previous[0], row[0], last_piece)]
        else:
            joined_rows.append(row)
        last_piece = row[0]
    return joined_rows


def block_of(rows: list[list[Line]], region: Region) -> Block:
    return Block(
        region=region,
        page=rows[0][0].page,
        lines=[row_text(row) for row in rows],
        bold=all(line.bold for row in rows for line in row),
    )


def row_text(row: list[Line]) -> str:
    """A label and its value read as one ("Dato: 4. maj"); unrelated columns stay apart by
    a wide gap, which later stages read as a separator."""
    text = row[0].text.strip()
    for line in row[1:]:
        text += (" " if looks_like_label(text) else COLUMN_GAP) + line.text.strip()
    return text


def paired_rows(lines: list[Line]) -> list[list[Line]]:
    """Lines of one page whose rows overlap, e.g. a label and its value, left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda item: (item.page, item.top, item.x0)):
        row = rows[-1] if rows else None
        if row and row[0].page == line.page and overlaps_vertically(row[0], line):
            row.append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda item: item.x0) for row in rows]


def overlaps_vertically(a: Line, b: Line) -> bool:
    middle = (b.top + b.bottom) / 2
    return a.top - 1 <= middle <= a.bottom + 1
