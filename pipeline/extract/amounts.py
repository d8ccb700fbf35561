"""Sums of money in the running text: "73,4 mio. kr." -> 73400000 DKK.

An amount is a number with a currency: after it ("500.000 kr.", "73,4 mio. kr.",
"2 millioner kroner", "en halv million kroner", "3 mio. euro") or before it
("kr. 2.500", "DKK 4,5 mio."). A dash between two numbers makes a range
("10-15 mio. kr." -> value 10000000, range_to 15000000). "årligt", "om året",
"pr. år" or "årlig" beside it make ``per`` "år".

Without a currency there is no amount, so percentages, "2,2 mio. ton",
law and paragraph numbers, phone numbers and years never match.

    >>> import spacy
    >>> doc = spacy.blank("da")("Rammen er 73,4 mio. kr.")
    >>> [(a.value, a.currency) for a in amounts_in_text(doc)]
    [(73400000, 'DKK')]

Amounts in tables, where the unit stands in the column header ("(mio. kr.)")
and the cells hold bare numbers, have a finder of their own
(``amounts_in_tables``): each cell is an amount in its column's unit, with its place in
the table (``origin`` "table", its row's label, its column's header, and whether it is a
total) so that sums can leave out the cells a total already holds.

    >>> table_place("Driftsudgifter i alt", "2021")
    {'origin': 'table', 'table_row': 'Driftsudgifter i alt', 'table_column': '2021', 'total': True}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from models import Amount
from pipeline.extract.base import located, sentence_at
from pipeline.extract.numbers import (
    NUMBER,
    SCALES,
    number_word,
    parse_number,
    plausible,
    whole,
    written_as_year,
)
from pipeline.extract.tables import NUMBER_LINE, Row, Table, cell_per_line_table

SCALE = r"mia\.?|mld\.|milliarder|milliard|mio\.?|mill\.|millioner|million|tusinde|tusind|t\."
CURRENCY_AFTER = r"tkr\.?|kroner|krone|kr\.?|dkr\.?|DKK|euro|EUR|€|USD|dollars?|\$"
CURRENCY_BEFORE = r"kr\.|DKK|EUR|€|USD|\$"
CURRENCIES = {
    "kr": "DKK", "kr.": "DKK", "kroner": "DKK", "krone": "DKK", "dkr": "DKK", "dkr.": "DKK",
    "dkk": "DKK", "tkr": "DKK", "tkr.": "DKK", "euro": "EUR", "eur": "EUR", "€": "EUR",
    "usd": "USD", "dollar": "USD", "dollars": "USD", "$": "USD",
}  # fmt: skip
# Thousands may also be set apart by plain spaces: "1 250 000 kr.".
SPACED_NUMBER = r"\d{1,3}(?: \d{3})+(?:,\d+)?(?!\d)"
AMOUNT_NUMBER = rf"(?:{SPACED_NUMBER}|{NUMBER})"
# "en halv", "halvanden", "to", "femten": validated by ``spelled_number``.
WORD = r"(?:en|et)\s+halvt?|[a-zæøåé]+"
# A currency word ends where a word would: "kr" in "krise" is no currency.
END = r"(?![\wæøå])"
START = r"(?<![\w.,/§-])"

# Parts of an amount stand on one line: a tab or line break between them parts table cells.
GAP = r"[ \u00a0]*"
# ... but a line may break after the scale's abbreviation ("195 mia." / "kroner") or its
# word in small letters before a currency in small letters ("3,2 millioner" / "kroner"),
# which no table cell ends with.
SCALE_WORD_BEFORE = "|".join(f"(?<={word})" for word in ("millioner", "milliarder", "million",
                                                        "milliard"))
SCALE_GAP = (r"(?:(?<=\.)[ \u00a0]*\n[ \u00a0]*"
             rf"|(?-i:{SCALE_WORD_BEFORE})[ \u00a0]*\n[ \u00a0]*(?=(?-i:kroner|kr\.))|[ \u00a0]*)")
# ... or before a scale in small letters and its currency, where the number ends a line of
# prose ("en merudgift på 99,8" / "mio. kr."); a table's cell stands alone on its line.
NUMBER_GAP = (r"(?:[ \u00a0]*\n[ \u00a0]*(?=(?-i:mio\.|mia\.|millioner|milliarder)"
              rf"[ \u00a0]*(?:kr\.?|kroner){END})|{GAP})")
NUMBER_FIRST = re.compile(
    rf"{START}(?:(?P<number>{AMOUNT_NUMBER})(?:{GAP}[-–]{GAP}(?P<range_to>{AMOUNT_NUMBER}))?"
    rf"|(?P<words>{WORD}))"
    rf"(?:{NUMBER_GAP}(?P<scale>{SCALE}))?{SCALE_GAP}(?P<currency>{CURRENCY_AFTER}){END}",
    re.IGNORECASE,
)
CURRENCY_FIRST = re.compile(
    rf"{START}(?P<currency>{CURRENCY_BEFORE}){GAP}(?P<number>{AMOUNT_NUMBER})"
    rf"(?:{GAP}(?P<scale>{SCALE}){END})?(?!\d|,\d)",
    re.IGNORECASE,
)
# What makes an amount one per year or month, right after it: also after a currency's full
# stop glued to it ("11.820 kr.om måneden"), or after a second amount it shares the word with
# ("henholdsvis 5.000 kr. og 10.000 kr. årligt").
AND_AMOUNT = r"(?:\s+(?:og|eller|til)\s+\d[\d.,]*(?:\s+(?:mio|mia)\.)?\s+kr\.?)?"
YEARLY_AFTER = re.compile(
    rf"\.?{AND_AMOUNT}\s*(?:årligt|årlig|om året|pr\.\s*år|per år|hvert år)(?![\wæøå])")
MONTHLY_AFTER = re.compile(
    rf"\.?{AND_AMOUNT}\s*(?:månedligt|om måneden|pr\.\s*måned|per måned)(?![\wæøå])")
YEARLY_BEFORE = re.compile(
    r"(?:årligt|årlig|hvert år)\s+(?:(?:ca\.|cirka|op til|omkring|knap|godt|over|under)\s+)?$"
)


@dataclass(frozen=True)
class Found:
    """An amount's place in the text and what it says."""

    start: int
    end: int
    value: int | float
    currency: str
    range_to: int | float | None = None


def spelled_number(words: str) -> float | None:
    """ "en halv" -> 0.5, "halvanden" -> 1.5, "to" -> 2; None for words that are no number."""
    words = " ".join(words.lower().split())
    if words in ("en halv", "et halvt"):
        return 0.5
    if words in ("halvanden", "halvandet"):
        return 1.5
    return number_word(words)


def scaled(number: float, scale: str | None, currency: str) -> int | float:
    """ "73,4" with "mio." -> 73400000; "tkr." counts in thousands.

    Decimal arithmetic, since in floats 66.9 * 10**9 is 66900000000.00001.

    >>> scaled(66.9, "mia.", "kr.")
    66900000000
    """
    factor = SCALES[scale.lower()] if scale else 1
    if currency.lower().startswith("tkr"):
        factor *= 1000
    value = Decimal(str(number)) * factor
    return int(value) if value == value.to_integral_value() else whole(float(value))


def found_of(match: re.Match[str]) -> Found | None:
    """The amount a match states, or None where its "number" is an ordinary word."""
    groups = match.groupdict()
    number = parse_number(groups["number"]) if groups["number"] else spelled_number(groups["words"])
    if number is None:
        return None
    range_to = groups.get("range_to")
    scale, currency = groups["scale"], groups["currency"]
    if scale and scale[:1].isupper() and groups["number"] and written_as_year(groups["number"]) \
            and (not range_to or written_as_year(range_to)):
        # "..., 2019-2025 Mio. kr. (2023-pl)", "... udgangen af 2024 Mio. kr., 2024-pl": a
        # caption's period or year, then its unit's header
        return None
    value = scaled(number, scale, currency)
    upper = scaled(parse_number(range_to), scale, currency) if range_to else None
    if not plausible(value, upper):
        return None
    return Found(start=match.start(), end=match.end(), value=value,
                 currency=CURRENCIES[currency.lower()], range_to=upper)


def found_in(text: str) -> list[Found]:
    """Amounts with the currency after, then those with it before that overlap none of them."""
    after = [found for match in NUMBER_FIRST.finditer(text)
             if not alone_before_a_break(text, match) and (found := found_of(match))]
    taken = [(found.start, found.end) for found in after]
    # "Mio. kr. 2020 2021" heads a table: its "kr. 2020" is no amount.
    taken += [match.span() for match in PRINTED_HEADER.finditer(text) if heads_columns(match)]
    before = [
        found
        for match in CURRENCY_FIRST.finditer(text)
        if (found := found_of(match)) and not overlaps(found, taken)
    ]
    return sorted(after + before, key=lambda found: found.start)


def alone_before_a_break(text: str, match: re.Match[str]) -> bool:
    """A number alone on its line, its scale on the next: table cells, not one amount."""
    if not match.group("scale") or "\n" not in text[match.start() : match.start("scale")]:
        return False
    line_start = text.rfind("\n", 0, match.start()) + 1
    return not re.search(r"[^\W\d_]", text[line_start : match.start()])


def overlaps(found: Found, taken: list[tuple[int, int]]) -> bool:
    return any(found.start < end and start < found.end for start, end in taken)


def per_of(text: str, found: Found) -> str | None:
    """ "år" where "årligt" / "om året" / "pr. år" stands right after (or "årligt" right before);
    "måned" for "om måneden" / "pr. måned"."""
    if YEARLY_AFTER.match(text, found.end) or YEARLY_BEFORE.search(
        text[max(0, found.start - 40) : found.start]
    ):
        return "år"
    if MONTHLY_AFTER.match(text, found.end):
        return "måned"  # beyond the contract's "år", in the same spirit
    return None


def amounts_in_text(doc: Doc) -> list[Amount]:
    """Amounts written out in the running text, in text order."""
    text = doc.text
    return [
        Amount(
            value=found.value,
            currency=found.currency,
            per=per_of(text, found),
            range_to=found.range_to,
            sentence=sentence_at(doc, found.start, found.end),
            **located(doc, found.start, found.end),
        )
        for found in found_in(text)
    ]


# -- tables: bare numbers under a unit header -------------------------------------------

# "(mio. kr.)", "Mia. kr.", "1.000 kr.", "Beløb (kr.)": the unit a header gives its column.
TABLE_UNIT = re.compile(
    rf"(?:(?P<scale>{SCALE}|1\.000)\s*)?(?P<currency>kr\.?|kroner|DKK|EUR|euro){END}", re.IGNORECASE
)


@dataclass(frozen=True)
class Cell:
    start: int
    end: int


# A total row or column: "I alt", "Total", "Samlet", "Samlede udgifter", "Drift i alt".
# "Heraf" (of which) marks a part of the row above, so it is no total.
TOTAL_LABEL = re.compile(
    r"^(?:total|totalt|samlet|samlede|sum)(?![\wæøå])|(?<![\wæøå])i\s+alt(?![\wæøå])",
    re.IGNORECASE,
)


def is_total(label: str | None) -> bool:
    """Whether a row's label or a column's header names a total.

    >>> [is_total(label) for label in ("I alt", "Samlet", "Heraf drift", "Kommunerne", None)]
    [True, True, False, False, False]
    """
    return bool(label and TOTAL_LABEL.search(label.strip()))


def table_place(row_label: str | None, column_label: str | None) -> dict:
    """The fields that place a cell in its table (empty labels become None)."""
    row_label = (row_label or "").strip() or None
    column_label = (column_label or "").strip() or None
    return {"origin": "table", "table_row": row_label, "table_column": column_label,
            "total": is_total(row_label) or is_total(column_label)}


def amounts_in_tables(doc: Doc) -> list[Amount]:
    """Numbers in table cells whose column header (or the table's caption) names a unit.

    Tables reach the running text as rows of tab-separated cells (see reading.layout); the
    first row is the header, the first cell of each row its label.
    """
    text = doc.text
    amounts = []
    for caption, rows in tables_in(text):
        header = [cell_text(text, cell) for cell in rows[0]]
        table_unit = unit_of(caption) or unit_of(header[0])
        column_units = [unit_of(label) or table_unit for label in header]
        for row in rows[1:]:
            for column, cell in list(enumerate(row))[1:]:
                unit = column_units[column] if column < len(column_units) else table_unit
                column_label = header[column] if column < len(header) else None
                place = table_place(cell_text(text, row[0]), column_label)
                amount = cell_amount(doc, row, cell, unit, place)
                if amount:
                    amounts.append(amount)
    return amounts


def tables_in(text: str) -> list[tuple[str, list[list[Cell]]]]:
    """Runs of lines holding tabs, each with the line before it (its caption)."""
    tables: list[tuple[str, list[list[Cell]]]] = []
    previous_line, run = "", []
    position = 0
    for line in text.split("\n"):
        if "\t" in line:
            run.append(cells_of(line, position))
        else:
            if run:
                tables.append((previous_line, run))
                run = []
            previous_line = line
        position += len(line) + 1
    if run:
        tables.append((previous_line, run))
    return tables


# A tab's cell that holds several numbers set apart by spaces: the columns after a row's
# label where only the gap after the label reached the text as a tab ("EUDP\t31,2 48,5 73,4").
NUMBERS_APART = re.compile(r"[-−–]?\d[\d.,]*(?: [-−–]?\d[\d.,]*)+")


def cells_of(line: str, offset: int) -> list[Cell]:
    cells, start = [], 0
    for part in line.split("\t"):
        if NUMBERS_APART.fullmatch(part):
            cells += [Cell(offset + start + number.start(), offset + start + number.end())
                      for number in re.finditer(r"\S+", part)]
        else:
            cells.append(Cell(offset + start, offset + start + len(part)))
        start += len(part) + 1
    return cells


def cell_text(text: str, cell: Cell) -> str:
    return text[cell.start : cell.end]


def unit_of(header: str) -> tuple[str | None, str] | None:
    match = TABLE_UNIT.search(header)
    if not match:
        return None
    scale = match.group("scale")
    return ("tusind" if scale == "1.000" else scale), match.group("currency")


def cell_amount(doc: Doc, row: list[Cell], cell: Cell, unit, place: dict) -> Amount | None:
    raw = doc.text[cell.start : cell.end]
    match = NUMBER_LINE.fullmatch(raw.strip())  # a number alone in its cell
    if unit is None or not match:
        return None
    start = cell.start + raw.index(raw.strip())
    end = start + len(raw.strip())
    value = scaled(parse_number(match.group("number")), *unit)
    if not plausible(value):
        return None
    return Amount(
        value=-value if match.group("sign") else value,
        currency=CURRENCIES[unit[1].lower()],
        sentence=doc.text[row[0].start : row[-1].end],
        **located(doc, start, end),
        **place,
    )


# -- tables as printed text: "Mio. kr. 2020 2021 2022" / "Drift 12,5 13,0 14,1" ------------

# A column's label: a year or session, a quarter or half of a year ("1. kvt. 2023"), a word.
COLUMN_LABEL = (r"(?:\d\.[ \t]*(?:kvt\.|kvartal|halvår)(?:[ \t]+(?:19|20)\d{2})?"
                r"|(?:19|20)\d{2}(?:[-/]\d{2,4})?|[A-ZÆØÅ][\wæøå.-]*)")
# A header line: the unit, and column labels that are years, sessions or words, no amounts.
PRINTED_HEADER = re.compile(
    rf"^[ \t]*(?:[^\d\n]{{0,40}}?[ \t(])??\(?"
    rf"(?P<unit>(?:{SCALE})[ \t]*(?:kr\.?|kroner|DKK|EUR|euro)"
    rf"|kr\.|kroner|DKK|EUR|euro|1\.000 kr\.){END}\)?(?:[ \t]*\([^()\n]{{1,30}}\))?"
    rf"(?P<columns>(?:[ \t]+{COLUMN_LABEL})*)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A row: a label without digits (or none), then cells set apart by spaces: "I alt 12,5 -3,0".
PRINTED_CELL = re.compile(rf"(?<!\S)(?P<sign>[-−–])?(?P<number>{NUMBER})(?!\S)")
PRINTED_ROW = re.compile(
    rf"[ \t]*(?P<label>[^\d\n]*?)(?P<cells>(?:[ \t]*[-−–]?(?:{NUMBER}))+)[ \t]*(?:\n|$)"
)
# A row whose label holds a number ("Forhøjelse med 10.000 kr. -330 -335"): its cells are
# the numbers at its end, one for each of the header's columns.
LABELLED_ROW = re.compile(
    rf"[ \t]*(?P<label>[^\n]*?[^\d\s.,-][^\n]*?)"
    rf"(?P<cells>(?:[ \t]+[-−–]?(?:{NUMBER}))+)[ \t]*(?:\n|$)"
)
# A row's label alone on its line, its cells on the next ("Drift" / "12,5 13,0").
PRINTED_LABEL = re.compile(r"[ \t]*[^\d\n.:;!?]{1,40}[ \t]*\n")


def amounts_in_printed_tables(doc: Doc) -> list[Amount]:
    """Cells of tables that reach the text as lines of numbers under a header naming the
    unit: "Mio. kr. 2020 2021 2022" then "Drift 12,5 13,0 14,1", each cell an amount in
    the header's unit. Rows end at the first line that is neither a row nor a label."""
    text, amounts, headed = doc.text, [], set()
    for header in PRINTED_HEADER.finditer(text):
        if "\t" in header.group(0) or not heads_columns(header):
            continue  # a tab-separated table (``amounts_in_tables``), or a line of prose
        amounts += printed_table_amounts(doc, header)
        headed.add(header.start())
    for caption in UNIT_CAPTION.finditer(text):
        first_label = caption.start("label") if caption.group("label") else caption.end() + 1
        if caption.start() not in headed and (
                table := cell_per_line_table(text, first_label)) is not None:
            amounts += cell_table_amounts(doc, table, unit_of(caption.group("unit")))
    return amounts


# A table's caption that ends with its unit, in brackets or after a comma ("Udgifter til
# kompensationsordninger, mia. kr."), over a table set one cell to a line:
# "Tabel 1. Virkning af ændringerne, 2007 (mio. kr.)" / "Kommune" / "Virkning" / "Aalborg" /
# "42,1" / ...; a caption that fills the page takes the first label on its line.
UNIT_CAPTION = re.compile(
    rf"^[^\n]{{0,150}}?(?:\(|,[ \t]+)"
    rf"(?P<unit>(?:{SCALE})[ \t]*(?:kr\.?|kroner)|kr\.|1\.000 kr\.)\)?"
    r"(?:[ \t]+(?P<label>[^\d\s][^\n:]{0,30}))?[ \t]*$",
    re.IGNORECASE | re.MULTILINE)


def printed_table_amounts(doc: Doc, header: re.Match[str]) -> list[Amount]:
    """The cells of the rows under one header, each with its row's label and column."""
    text, amounts = doc.text, []
    unit = unit_of(header.group("unit"))
    columns = [" ".join(label.split()) for label in
               re.findall(COLUMN_LABEL, header.group("columns"), re.IGNORECASE)]
    # a table set one cell to a line: "Mio. kr." / "2020" / "2021" / "Drift" / "12,5" / ...
    if table := cell_per_line_table(text, header.end() + 1, len(columns) or None):
        return cell_table_amounts(doc, table, unit, columns)
    position, label_above = header.end() + 1, None
    while True:
        row = PRINTED_ROW.match(text, position) or labelled_row(text, position, columns)
        if row is None:
            label = PRINTED_LABEL.match(text, position)
            if label is None or PRINTED_ROW.match(text, label.end()) is None:
                break
            position, label_above = label.end(), label.group(0)
            continue
        if is_year_labels(row):
            columns = row.group("cells").split()
        else:
            row_label = row.group("label") or label_above
            amounts += printed_row_amounts(doc, row, unit, row_label, columns)
        position, label_above = row.end(), None
    return amounts


def labelled_row(text: str, position: int, columns: list[str]) -> re.Match[str] | None:
    """A row whose label holds a number, where its cells are as many as the columns."""
    row = LABELLED_ROW.match(text, position)
    if row is None or not columns or len(PRINTED_CELL.findall(row.group("cells"))) != len(
            columns):
        return None
    return row


def is_year_labels(row: re.Match[str]) -> bool:
    """A row of years and nothing else labels the columns: "Mio. kr." / "2020 2021"."""
    cells = row.group("cells").split()
    return not row.group("label").strip() and all(YEAR_CELL.fullmatch(cell) for cell in cells)


YEAR_CELL = re.compile(r"(?:19|20)\d{2}")


def heads_columns(header: re.Match[str]) -> bool:
    """A header names columns ("Mio. kr. 2020 2021"), or is the unit alone or in brackets
    ("Mio. kr.", "Kommune (mio. kr.)"); "Det koster mange kr." is prose."""
    line = header.group(0).strip()
    return bool(header.group("columns").strip()) or line.startswith(header.group("unit")) or \
        line.endswith(")")


def printed_row_amounts(
    doc: Doc, row: re.Match[str], unit, row_label: str | None, columns: list[str]
) -> list[Amount]:
    """One printed row's cells. Column headers split at spaces, so they are matched to cells
    only where there are as many of each; otherwise a cell's column is not told."""
    start = row.start("cells")
    cells = list(PRINTED_CELL.finditer(row.group("cells")))
    column_labels = columns if len(columns) == len(cells) else [None] * len(cells)
    amounts = []
    for cell, column_label in zip(cells, column_labels, strict=True):
        value = scaled(parse_number(cell.group("number")), *unit)
        if not plausible(value):
            continue
        cell_start, cell_end = start + cell.start(), start + cell.end()
        amounts.append(Amount(
            value=-value if cell.group("sign") else value,
            currency=CURRENCIES[unit[1].lower()],
            sentence=row.group(0).strip(),
            **located(doc, cell_start, cell_end),
            **table_place(row_label, column_label),
        ))
    return amounts


def cell_table_amounts(doc: Doc, table: Table, unit, columns: list[str] | None = None
                       ) -> list[Amount]:
    """The amounts of a table set one cell to a line, its columns named by ``columns`` (a
    header's) or by the table's own labels; a table of one column may have none."""
    labels = columns or [doc.text[start:end].strip() for start, end in table.columns] or [None]
    return [amount for row in table.rows for amount in cell_amounts(doc, row, unit, labels)]


def cell_amounts(doc: Doc, row: Row, unit, columns: list[str | None]) -> list[Amount]:
    """The amounts of one row of a table set one cell to a line."""
    row_label = doc.text[slice(*row.label)].strip()
    row_text = " ".join([row_label, *(doc.text[start:end].strip() for start, end in row.cells)])
    amounts = []
    for (start, end), column_label in zip(row.cells, columns, strict=True):
        cell = NUMBER_LINE.fullmatch(doc.text, start, end)
        value = scaled(parse_number(cell.group("number")), *unit)
        if not plausible(value):
            continue
        amounts.append(Amount(
            value=-value if cell.group("sign") else value,
            currency=CURRENCIES[unit[1].lower()],
            sentence=row_text,
            **located(doc, cell.start("sign") if cell.group("sign") else cell.start("number"),
                      cell.end("number")),
            **table_place(row_label, column_label),
        ))
    return amounts


# Each finder gives the amounts of one kind of place.
AMOUNT_FINDERS: list[Callable[[Doc], list[Amount]]] = [
    amounts_in_text, amounts_in_tables, amounts_in_printed_tables]


def find_amounts(doc: Doc) -> list[Amount]:
    """Every amount in the Doc, from every finder, in text order."""
    amounts = [amount for finder in AMOUNT_FINDERS for amount in finder(doc)]
    return sorted(amounts, key=lambda amount: amount.evidence.start)


@Language.component("ministerbrev_amounts")
def amounts_component(doc: Doc) -> Doc:
    """Write ``doc._.amounts``."""
    doc._.amounts = find_amounts(doc)
    return doc
