"""Lines with positions -> a ``Document``: the running text in reading order,
and the blocks around it (letterhead, recipient block, sidebar, headers, footers).

The steps, each a short function here or in the module named:

1. running headers and footers (page numbers, lines repeated on every page) are set apart
   (``margins``);
2. the body column is found from where the long lines stand; lines wholly
   beside it (a sidebar left or right) are set apart; a row of letterhead facts that runs
   on into the letter's text (a text that lost its line breaks) is cut where the text
   starts (``runon``);
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
   put in a "stamp" block, which no later stage reads as sender or recipient (``blocks``).

    >>> document = build_document(read_pdf(data))  # doctest: +SKIP
    >>> document.body_text[:14]  # doctest: +SKIP
    'Kære ordførere'
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from pipeline.reading.blocks import PARAGRAPH_GAP, blocks_of, overlaps_vertically, tidied
from pipeline.reading.columnroles import MainRoles
from pipeline.reading.document import Block, Document
from pipeline.reading.lineroles import DATELINE, REGION_OF, ROLE_FAMILY
from pipeline.reading.margins import is_top, running_lines
from pipeline.reading.pdf import Line, Page
from pipeline.reading.runon import cut_run_ons

# A paragraph's first line may be indented this far (points); a memo's values stand further in.
MAX_INDENT = 36
# A line this share of the column width or more is full: its paragraph goes on.
FULL_LINE_SHARE = 0.85
# A line at least this share of the column width reads as running text.
PARAGRAPH_LINE_SHARE = 0.6

SALUTATION = re.compile(
    r"^(kære|hej|høje|ærede|til\s+(udvalgets\s+medlemmer|udvalget)\b)[^:]{0,60}$",
    re.IGNORECASE,
)
LIST_MARKER = re.compile(r"^([-–•▪◦·*]|\d{1,2}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))\s")
# The headings of an answer, each a line of its own even after a line that fills the column.
QA_HEADING = re.compile(r"^(?:Svar|Spørgsmål(?:\s+nr\.)?(?:\s+S)?(?:\s+\d+)?)\s*:?$")
# A hyphen that belongs to the word before it; "--" or " -" ends a rule or a stamp.
WORD_HYPHEN_END = re.compile(r"\w-$")
CONJUNCTION_START = re.compile(r"(?:og|eller|samt)\b")
# Words that follow a suspended hyphen ("beredskabs- eller handleplan"): keep the hyphen.
SUSPENDED_HYPHEN_NEXT = {"og", "eller", "samt", "til", "som", "end", "og/eller"}


def build_document(pages: list[Page]) -> Document:
    margins = running_lines(pages)
    body_lines = [line for page in pages for line in page.lines if line not in margins]
    left, right = body_column(body_lines)
    main = [line for line in body_lines if left - 1 <= line.x1 and line.x0 < right - 1]
    main_set = set(main)
    beside = [line for line in body_lines if line not in main_set]
    main = cut_run_ons(main, right)
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
        if texts := [line for line in lines if not is_rule(line.text)]:
            blocks += family_blocks(family, texts, right_edge)
    return blocks


def is_rule(text: str) -> bool:
    """A line of a table's rules and nothing else ("|"), which converted letters print above
    their heading; a dash alone is a value's joint ("004" / "-" / "322"), a colon alone
    the labels' ("J.nr." / ":")."""
    return not re.search(r"[\w\-–:]", text)


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


# -- 4. the running text -------------------------------------------------------------------


def running_text(lines: list[Line], column_width: float) -> tuple[str, list[tuple[int, int]]]:
    """Join body lines into paragraphs; remember where each page starts."""
    pitch = typical_pitch(lines)
    edge = max((line.x1 for line in lines), default=0.0)
    text = ""
    page_starts: list[tuple[int, int]] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None:
            text = joined(text, previous, line, pitch, column_width, edge)
        if not page_starts or page_starts[-1][1] != line.page:
            page_starts.append((len(text), line.page))
        text += line.text.strip()
        previous = line
    return text, page_starts


def joined(text: str, previous: Line, line: Line, pitch: float, column_width: float,
           edge: float | None = None) -> str:
    """``text`` with what goes before the next line: a break, a space, or nothing. A line
    that ends with room for the next line's first word ends there (a signature's name
    after a paragraph's last line); ``edge``: the column's right edge."""
    current = line.text.strip()
    if line.page == previous.page and overlaps_vertically(previous, line):
        return text + "\t"  # the next cell of a table row
    if starts_new_paragraph(previous, line, text, pitch, column_width):
        return text + "\n\n"
    if LIST_MARKER.match(current) or QA_HEADING.match(current):
        return text + "\n"
    if text.rstrip()[-1:] in ".!?" and DATELINE.match(current):
        return text + "\n"  # "... svar på spørgsmål 5." / "10-11-2016": the letter's date
    if ends_in_line_break_hyphen(text, current):
        return text[:-1]  # "udmønt-" + "ning" -> "udmøntning"
    if WORD_HYPHEN_END.search(text) and CONJUNCTION_START.match(current):
        return text + " "  # "Udlændinge-" + "og Integrationsudvalget": a suspended compound
    if WORD_HYPHEN_END.search(text):
        return text  # "Covid-" + "19", "EU-" + "landene": a real hyphen, no space
    if previous.width < PARAGRAPH_LINE_SHARE * column_width and not previous.row_rest:
        return text + "\n"  # a short line that is not a paragraph's last: a signature, an address
    if edge is not None and has_room_for(previous, line, edge):
        return text + "\n"  # "... som de ansøgte formål vedrører." / "Uffe Elbæk"
    return text + " "


def has_room_for(previous: Line, line: Line, edge: float) -> bool:
    """Whether the first word of ``line`` would have fitted at the end of ``previous``: then
    the line ended by choice, not at the column's edge."""
    char = previous.width / max(len(previous.text), 1)
    return edge - previous.x1 > line.first_word_width + 2 * char


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
