"""Tables set one cell to a line, as letters converted to text print them: the columns'
labels, then each row's label and its cells, every one on a line of its own.

    >>> text = "Branche\\nSager\\nKlager\\nRengøring\\n412\\n61\\nI alt\\n634\\n64\\nSlut."
    >>> table = cell_per_line_table(text, 0)
    >>> [text[start:end] for start, end in table.columns]
    ['Sager', 'Klager']
    >>> [text[slice(*row.label)] for row in table.rows]
    ['Rengøring', 'I alt']
    >>> [text[start:end] for start, end in table.rows[1].cells]
    ['634', '64']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.extract.numbers import NUMBER

Span = tuple[int, int]

# A line holding a number and nothing else, and a label's line: a year or session, or a few
# words with no colon (a note's "Kilde:" ends a table) or sentence sign.
NUMBER_LINE = re.compile(rf"[ \t]*(?P<sign>[-−–])?[ \t]?(?P<number>{NUMBER})[ \t]*")
LABEL_LINE = re.compile(r"[ \t]*(?=[^\n]*[^\W\d_])[^\n:;!?]{1,40}"
                        r"|[ \t]*(?:19|20)\d\d(?:[-/]\d{2,4})?\*?[ \t]*")
# A year, perhaps with a note's star ("2023*": the year so far).
YEAR_LINE = re.compile(r"[ \t]*(?:19|20)\d\d\*?[ \t]*")
# A column's label that says what its cells count: "Antal udskrivninger".
COUNTED_HEADER = re.compile(r"[ \t]*(?i:antal(?:let\s+af)?)\s+[^\n]{3,36}")
# A row that sums the rows above it.
TOTAL_LINE = re.compile(r"[ \t]*(?:i alt|total|samlet)[ \t]*", re.IGNORECASE)


@dataclass(frozen=True)
class Row:
    label: Span
    cells: list[Span]


@dataclass(frozen=True)
class Table:
    columns: list[Span]
    rows: list[Row]


def lines_from(text: str, position: int) -> list[Span]:
    """The non-blank lines of ``text`` from ``position`` on, as (start, end) offsets."""
    return [(position + line.start(), position + line.end())
            for line in re.finditer(r"[^\n]+", text[position:]) if line.group(0).strip()]


def is_number_line(text: str, span: Span) -> bool:
    """A cell: a number alone on its line, not a year (which labels a column)."""
    return bool(NUMBER_LINE.fullmatch(text, *span)) and not YEAR_LINE.fullmatch(text, *span)


def is_label_line(text: str, span: Span) -> bool:
    return bool(LABEL_LINE.fullmatch(text, *span)) and not is_number_line(text, span)


def cell_per_line_table(text: str, position: int, columns: int | None = None) -> Table | None:
    """The table whose labels start at ``position``: the labels before the first number are
    the columns' and the first row's, perhaps after a label over the rows' labels
    ("Branche"); every row has a cell for each column, and the table ends where that breaks.
    A table of one column may list its rows' labels first and then their cells.
    ``columns``: how many columns a header above already named (then no label of the
    columns' stands here). None where the lines hold no such table."""
    return table_at(text, lines_from(text, position), 0, columns)


def table_at(text: str, lines: list[Span], first: int, columns: int | None = None
             ) -> Table | None:
    """``cell_per_line_table`` from ``lines[first]``."""
    cells_start = run_end(text, lines, first, is_label_line)
    labels = lines[first:cells_start]
    width = run_end(text, lines, cells_start, is_number_line) - cells_start
    cells = lines[cells_start : cells_start + width]
    if width >= 2 and len(labels) == width and columns in (None, 1):
        # one column, its rows' labels first, then its cells in the same order: "Region
        # Hovedstaden" / "Region Sjælland" / "27.845" / "12.316"
        return Table([], one_cell_rows(labels, cells))
    column_labels = labels[-1 - width : -1]
    expected = (1,) if columns is not None else (width + 1, width + 2)
    if not width or len(labels) not in expected or (columns is not None and columns != width):
        return None
    rows = rows_of_lines(text, lines, cells_start - 1, width)
    if columns is None and COUNTED_HEADER.fullmatch(text, *labels[-width - 1]) and not rows[1:]:
        # ... under the label of what it counts, perhaps below the table's name, where its
        # rows read as no table of as many columns as cells: "Antal udskrivninger" / "Mandag"
        # / ... / "Søndag" / "9.483" / ... / "2.533", then its total ("I alt" / "46.280")
        total = rows_of_one_cell(text, lines, cells_start + width)
        return Table([labels[-width - 1]], one_cell_rows(labels[-width:], cells) + total)
    if not rows:
        return None
    return column_label_read_late(text, Table(column_labels if columns is None else [], rows))


def run_end(text: str, lines: list[Span], start: int,
            fits: Callable[[str, Span], bool]) -> int:
    """The index of the first line from ``start`` on that ``fits`` (a line test) rejects."""
    end = start
    while end < len(lines) and fits(text, lines[end]):
        end += 1
    return end


def one_cell_rows(labels: list[Span], cells: list[Span]) -> list[Row]:
    """Rows of one cell each, the labels and cells paired in order."""
    return [Row(label, [cell]) for label, cell in zip(labels, cells, strict=True)]


def rows_of_lines(text: str, lines: list[Span], index: int, width: int) -> list[Row]:
    """The rows from ``lines[index]`` on of a label line and ``width`` cell lines each."""
    rows = []
    while index + width < len(lines):
        label, cells = lines[index], lines[index + 1 : index + 1 + width]
        after = lines[index + 1 + width] if index + 1 + width < len(lines) else None
        if not is_label_line(text, label) or not all(
                is_number_line(text, cell) for cell in cells) or (
                after is not None and is_number_line(text, after)):
            break
        rows.append(Row(label, cells))
        index += 1 + width
    return rows


def rows_of_one_cell(text: str, lines: list[Span], start: int) -> list[Row]:
    """The rows of one label and one cell each from ``lines[start]`` on."""
    rows = []
    while start + 1 < len(lines) and is_label_line(text, lines[start]) and is_number_line(
            text, lines[start + 1]):
        rows.append(Row(lines[start], [lines[start + 1]]))
        start += 2
    return rows


def column_label_read_late(text: str, table: Table) -> Table:
    """A table of one column by years, whose first year the text printed before the column's
    label ("2018" / "Ansøgninger" / "2.748" / "2019" / "2.061" ...): the year labels the first
    row, the word the column."""
    if len(table.columns) != 1 or len(table.rows) < 2:
        return table
    first, rest = table.rows[0], table.rows[1:]
    read_late = YEAR_LINE.fullmatch(text, *table.columns[0]) and not YEAR_LINE.fullmatch(
        text, *first.label) and all(YEAR_LINE.fullmatch(text, *row.label)
                                    or TOTAL_LINE.fullmatch(text, *row.label) for row in rest)
    if not read_late:
        return table
    return Table([first.label], [Row(table.columns[0], first.cells), *rest])


def cell_per_line_tables(text: str) -> list[Table]:
    """Every table set one cell to a line in ``text``, with labels over its columns (the
    first label line from which the lines read as one)."""
    lines, tables, index = lines_from(text, 0), [], 0
    while index < len(lines):
        if not is_label_line(text, lines[index]):
            index += 1
            continue
        labels_end = run_end(text, lines, index, is_label_line)
        width = run_end(text, lines, labels_end, is_number_line) - labels_end
        # A table's labels before its first number are its columns' and its first row's,
        # perhaps after one over the rows' labels: a start further up reads as none, so a long
        # run of short lines is not tried from each of its lines.
        starts = range(max(index, labels_end - width - 2), labels_end)
        table = next((table for first in starts if (table := table_at(text, lines, first))), None)
        if table is None:
            index = labels_end
            continue
        tables.append(table)
        last_cell = table.rows[-1].cells[-1]
        while index < len(lines) and lines[index] != last_cell:
            index += 1
    return tables
