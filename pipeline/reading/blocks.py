"""The blocks beside the running text: lines per page and column, rows of a label and its
value paired by position, lines wrapped at a column's edge joined again, cut into blocks
at wide vertical gaps, and each block's text tidied (``mending``) with ft.dk's stamp set
apart.

    >>> looks_like_label("Sagsnr.:"), looks_like_label("4. maj 2020")
    (True, False)
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.reading import columnroles, lineroles
from pipeline.reading.document import Block, Region
from pipeline.reading.margins import MARGIN_SHARE
from pipeline.reading.mending import tidy_lines
from pipeline.reading.pdf import Line

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

# Between unrelated columns of one row in a block: wide enough to read as a separator.
COLUMN_GAP = "   "


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


def smallest_pitch(lines: list[Line]) -> float:
    """Single spacing in a block of few lines, where gaps may be as common as lines."""
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    return min(gaps) if gaps else 14.0
