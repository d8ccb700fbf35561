"""Case, journal, document and reference numbers: "Sags nr. 2020 - 6967" -> sagsnummer "2020-6967".

A number counts only after its label, which says its kind (corpus/real/README.md):

- sagsnummer: "Sags nr.", "Sagsnr.", "Sagsnummer", "Sag nr.", "Sag:", "Vores sag", "Sag/ID Nr."
- journalnummer: "J.nr.", "J. nr.", "J nr.", "Jnr.", "Jour.nr.", "Journalnr.", "Journalnummer"
- akt-id: "Akt-id", "Akt id", "Aktid", "Akt nr.:"
- dokumentnummer: "Dok.nr.", "Doknr.", "Dok. nr.", "Dokument nr.", "Dok.id", "Dok.:"
- reference: "Vores ref.", "Deres ref.", "Ref.", "Ref.-nr.", "Reference", "Eksp.nr."

The value is groups joined by "-", "/" or "." ("2014-0032/27-0009", "400.C.2-0",
"5162/ljen"); spaces around the joints are dropped. The label may stand on the
line above its value (a sidebar), run into it ("Sagsnr.2020-6967"), or follow
the previous value with no space ("...0867Dok.:516880"). Labels printed in a
row with their values in a row after them ("Dato:Kontor:Sagsnr.:Dok.:" /
"11. april 2011Statsretskontoret2011-792-1658THK40546") are paired in order.

    >>> [(c.kind, c.value) for c in case_numbers_in("J. nr.: 2006-2469-63")]
    [('journalnummer', '2006-2469-63')]
    >>> [(c.kind, c.value) for c in case_numbers_in("DatoJ. nr.\\n4. april 20132013-992")]
    [('journalnummer', '2013-992')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from models import CaseNumber
from pipeline.contact_patterns import PHONE_NUMBER
from pipeline.extract.base import document_of
from pipeline.extract.dates import MONTHS as MONTH_NUMBERS
from pipeline.extract.numbers import written_as_year
from pipeline.reading import Block
from pipeline.reading.runon import OPENING  # the openings no letterhead holds

NR = r"(?:\s*-?\s*(?:nr|nummer|id)\b\.?)"
LABELS = {
    # "Sag:" only capitalised: "en sag: ..." in prose is no label.
    "sagsnummer": rf"sag/id{NR}|sags\.?{NR}|sagsnummer|sagsnr\.?|sag{NR}|(?-i:Sag)\s*:"
    r"|(?-i:Vores)\s+sag\b",
    "journalnummer": rf"j\.?\s*nr\.?|jnr\.?|jour\.?\s*nr\.?|journal\.?{NR}|journalnummer",
    # "Akt nr.:" only capitalised and with its colon: "jf. akt nr. 4" in prose is an act.
    "akt-id": r"akt\s*-?\s*id\.?|(?-i:Akt)\s*nr\.?(?=\s*:)",
    "dokumentnummer": rf"dok\.?{NR}|doknr\.?|dokument{NR}|dokumentnummer|dokumentnr\.?"
    r"|dok\.(?=\s*:)",
    "reference": r"(?:vores|deres)\s+ref(?:erence)?\.?|eksp\.?\s*-?\s*nr\.?"
    r"|ref(?:erence)?(?:\.?\s*-?\s*nr\.?|\.|\s*:)",
}
LABEL = "|".join(f"(?P<{kind.replace('-', '_')}>{label})" for kind, label in LABELS.items())
# Digit groups joined by "-", "/" or ".", spaces allowed around "-" and "/" but not across
# lines; some offices put capitals before the digits ("MST-2021-1234", "THK40546", "M 3034"),
# or an agency's letters in small type before a dash ("mst-406-00001"), or letters in a later
# group ("004-u18-1346", "5162/ljen", "400.C.2-0"), or one capital after a group's digits
# before the next group ("081.17A.541").
GROUP = r"(?:\d+(?:(?-i:[A-Z])(?=[./-]\w))?|[A-Za-zæøå]{1,5}\d*)"
VALUE = (
    r"(?:(?-i:[A-ZÆØÅ]{1,6})[-. ]?|(?<![\wæøå])(?-i:[a-zæøå]{2,5})-(?=\d))?\d+"
    rf"(?:[ \t]*[-/][ \t]*{GROUP}|\.(?=[A-Z\d]){GROUP})*"
)
# A label may follow a letter only where the two were glued ("psykiatriDok nr."), a digit
# where a value ran into it ("0867Dok.:").
CASE_NUMBER = re.compile(
    rf"(?<![\wæøå])(?:{LABEL})[ \t]*:?\s*(?P<value>{VALUE})(?![\d])", re.IGNORECASE
)
GLUED_LABEL = re.compile(r"(?<=[a-zæøå\d])(?=(?:Sags?|J\.|Jnr|Dok|Akt|Ref|Vores|Eksp)\W?)")
MONTHS = "|".join(MONTH_NUMBERS)
# Labels of the values that stand between case numbers in a row of labels, by the kind of
# value each waits for: a date, a phone number, a CVR number, a count, or words (none).
OTHER_LABELS = {
    "date": r"dato|date",
    "phone": r"telefon|tlf|tel",
    "cvr": r"cvr(?:-?\s?nr)?",
    "count": r"bilag",
    "words": r"kontor|enhed|afdeling|sagsbeh(?:andler)?|fil-?navn|initialer|e-?mail|mail|web",
}
OTHER_LABEL = "|".join(f"(?P<{kind}>{label})" for kind, label in OTHER_LABELS.items())
DATE_VALUE = re.compile(
    rf"(?:[12]\d|3[01]|0?[1-9])\.\s?(?:{MONTHS})\s+(?:19|20)\d{{2}}"
    r"|(?:[12]\d|3[01]|0?[1-9])-(?:1[0-2]|0?[1-9])-(?:19|20)\d{2}",
    re.IGNORECASE,
)
# A value in a row of values: not inside a number, but glued to the one before it where
# letters start it ("1658THK40546"); VALUE_AT where the previous value ended just before.
BARE_VALUE = re.compile(rf"(?:(?<![\d.])|(?<=\d)(?=[A-ZÆØÅ]))(?:{VALUE})(?!\d)")
VALUE_AT = re.compile(rf"[\s:]*(?P<value>{VALUE})(?!\d)")
VALUE_OF = {
    "date": DATE_VALUE,
    "phone": re.compile(rf"(?<!\d){PHONE_NUMBER}"),
    "cvr": re.compile(r"(?<!\d)\d{8}(?!\d)"),
    # a number on its own: "400" of "400.C.2-0" is the start of the next label's value
    "count": re.compile(r"(?<![\w.,/-])\d{1,3}(?![\w/-]|[.,]\w)"),
}
RUN_LABEL = re.compile(
    rf"(?:{LABEL}|{OTHER_LABEL})(?-i:(?![a-zæøå]))\.?[ \t]*:?\s*", re.IGNORECASE
)
# Not inside a word, but glued to one in capitals: "MINISTERENDatoJ. nr.14. november 2013...".
LABEL_RUN = re.compile(rf"(?-i:(?<![a-zæøå]))(?:{RUN_LABEL.pattern}){{2,}}", re.IGNORECASE)
PROSE = re.compile(r"(?:\b[a-zæøå]+\s+){3}[a-zæøå]+\b")
LABEL_ALONE = re.compile(rf"(?:{LABEL})[ \t]*:?", re.IGNORECASE)
VALUE_ALONE = re.compile(VALUE)  # the whole line: "1240 København K" is an address
# How far after a row of labels its values may stand.
VALUES_SPAN = 300


@dataclass(frozen=True)
class Labelled:
    """One label of a row, and what kind of value it waits for."""

    kind: str  # a case-number kind, or one of OTHER_LABELS
    text: str


def kind_of(match: re.Match[str]) -> str:
    """The kind named by whichever label matched."""
    groups = match.groupdict()
    label = next(group for group, text in groups.items()
                 if text and group != "value" and group not in OTHER_LABELS)
    return label.replace("_", "-")


def normalised(value: str) -> str:
    """ "2020 - 6967" -> "2020-6967"; "FM 2020-5512" keeps its space."""
    return re.sub(r"\s*([-/])\s*", r"\1", value)


def unglued(text: str) -> str:
    """A line break put back before a label glued to what went before
    ("...2010Sags nr.: 1001071" -> "...2010\\nSags nr.: 1001071")."""
    return GLUED_LABEL.sub("\n", text)


def without_glued_day(text: str, value_end: int, value: str) -> str:
    """The value less the day of a date glued after it ("2009-458114. juni" -> "2009-4581")."""
    if not re.match(rf"\.\s?(?:{MONTHS})\b", text[value_end:], re.IGNORECASE):
        return value
    for width in (2, 1):
        day, kept = value[-width:], value[:-width]
        if day.isdigit() and 1 <= int(day) <= 31 and kept[-1:].isdigit():
            return kept
    return value


# A case number's serial after its year, on the next line where the dash was lost or left
# at the line's end ("Sagsnr.: 2021-" / "12345").
SERIAL = re.compile(r"\d{3,6}")
YEAR_REST = re.compile(
    rf"[ \t]*(?P<joint>[-/])?[ \t]*\n[ \t]*(?P<serial>{SERIAL.pattern})(?![\w/.-])")


def case_numbers_in(text: str) -> list[CaseNumber]:
    """Labelled numbers in a piece of text, in text order: rows of labels first."""
    text = unglued(text)
    found, rows = numbers_of_label_rows(text)
    for match in CASE_NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in rows):
            continue  # a label of a row: its value is not the text right after it
        value = without_glued_day(text, match.end("value"), match.group("value"))
        if len(re.sub(r"\D", "", value)) < 3:  # "Sag: 2" is no case number
            continue
        whole = match.group(0)
        if written_as_year(value):
            # a year is no case number: its serial went to the next line with the dash lost
            # ("J.nr. 2024" / "5156"), or is not there
            if not (rest := YEAR_REST.match(text, match.end("value"))):
                continue
            joint = rest.group("joint") or "-"
            value, whole = f"{value}{joint}{rest.group('serial')}", whole + rest.group(0)
        raw = re.sub(r"\s*\n\s*", " ", whole)  # a label above its value: one line
        found.append(CaseNumber(kind=kind_of(match), value=normalised(value), raw=raw))
    return found


def numbers_of_label_rows(text: str) -> tuple[list[CaseNumber], list[tuple[int, int]]]:
    """Labels in a row, then their values in the same order: each label takes the next
    value of its shape ("Dato:Kontor:Sagsnr.:Dok.:" / "11. april 2011Statsretskontoret...").
    Also where the rows stand, so their labels are not read one by one."""
    found, rows = [], []
    for run in LABEL_RUN.finditer(text):
        labels = labels_in(run.group(0))
        if all(label.kind in OTHER_LABELS for label in labels):
            continue
        rows.append(run.span())
        for label, value in paired(labels, values_after(text, run.end())):
            # The raw text is the value alone: its label stands apart from it.
            found.append(CaseNumber(kind=label.kind, value=normalised(value), raw=value))
    return found, rows


def labels_in(run: str) -> list[Labelled]:
    labels = []
    for match in RUN_LABEL.finditer(run):
        other = next((kind for kind in OTHER_LABELS if match.group(kind)), None)
        labels.append(Labelled(kind=other or kind_of(match), text=match.group(0)))
    return labels


# A value's dash or slash on a line of its own, as a column of values may print one:
# "004" / "-" / "322".
DASH_ON_ITS_OWN_LINE = re.compile(r"(?<=\d)[ \t]*\n[ \t]*[-/][ \t]*\n(?=[ \t]*\d)")


def values_after(text: str, start: int) -> str:
    """The text after a row of labels, up to the running text that follows it; a dash on
    a line of its own joins the groups around it, the line breaks read as spaces.

    >>> values_after("Dato\\nJ.nr.\\n:\\n:\\n28. november 2005\\n004\\n-\\n322", 11)
    ':\\n:\\n28. november 2005\\n004 - 322'
    """
    window = DASH_ON_ITS_OWN_LINE.sub(lambda dash: dash.group(0).replace("\n", " "),
                                      text[start : start + VALUES_SPAN])
    ends = [match.start() for match in (PROSE.search(window), OPENING.search(window)) if match]
    return window[: min(ends)] if ends else window


def paired(labels: list[Labelled], values: str) -> list[tuple[Labelled, str]]:
    """Each case label with its value, walking along the values in order. A value glued
    to the next one's digits ("2014-0032-12211122785") is cut where its last group is
    as long as its first, when a later label would otherwise go without."""
    pairs: list[tuple[Labelled, str]] = []
    cursor, pending = 0, None
    for index, label in enumerate(labels):
        if label.kind == "words":
            continue
        if pending and label.kind not in OTHER_LABELS:
            pairs.append((label, pending))
            pending = None
            continue
        value, cursor = next_value(values, cursor, label.kind)
        if value is None or label.kind in OTHER_LABELS:
            continue
        waiting = any(later.kind not in OTHER_LABELS for later in labels[index + 1 :])
        if waiting and not BARE_VALUE.search(values, cursor):
            value, pending = split_glued(value)
        if len(re.sub(r"\D", "", value)) >= 3:
            pairs.append((label, value))
    return pairs


def next_value(values: str, cursor: int, kind: str) -> tuple[str | None, int]:
    """The next value of a kind's shape from ``cursor`` on: right there, glued to the one
    before ("4. april 20132013-992"), or further on; and where it ends."""
    if kind not in OTHER_LABELS and (here := VALUE_AT.match(values, cursor)):
        return here.group("value"), here.end()
    match = VALUE_OF.get(kind, BARE_VALUE).search(values, cursor)
    if match and kind == "count" and (number := BARE_VALUE.search(values, cursor)) and \
            number.start() < match.start():
        return None, cursor  # an empty "Bilag" column: the next number is another label's
    return (match.group(0), match.end()) if match else (None, cursor)


def split_glued(value: str) -> tuple[str, str | None]:
    """ "2014-0032-12211122785" -> ("2014-0032-1221", "1122785"): two values glued."""
    groups = re.split(r"(?<=\d)[-/](?=\d)", value)
    first, last = groups[0], groups[-1]
    if len(groups) < 2 or not last.isdigit() or len(last) <= len(first) + 2:
        return value, None
    return value[: len(value) - len(last) + len(first)], last[len(first) :]


def find_case_numbers(doc: Doc) -> list[CaseNumber]:
    """Every labelled number beside and in the running text, once per (kind, value).
    Blocks are read with their lines joined, so a label and its value in a sidebar meet."""
    blocks = [block for block in document_of(doc).region("sidebar", "head", "header", "footer")]
    texts = [block.text for block in blocks] + [doc.text]
    texts += [f"{block.lines[-1]}\n{after.lines[0]}"
              for block, after in zip(blocks, blocks[1:], strict=False)
              if labels_end(block, after)]
    # A letter run into one line and cut where its head ends may leave a label at the end of
    # the head and its value at the start of the text ("... 1240 København K J.nr. M" /
    # "2034-0005 Den 7. oktober 2005 Til udvalgets orientering ...").
    if VALUE_AT_START.match(doc.text):
        texts += [f"{dangling.group(0)} {doc.text.lstrip()[:40]}" for block in blocks
                  if (dangling := DANGLING_LABEL.search(block.lines[-1]))]
    seen: set[tuple[str, str]] = set()
    found = []
    for number in (number for text in texts for number in case_numbers_in(text)):
        if (number.kind, number.value.upper()) not in seen:
            seen.add((number.kind, number.value.upper()))
            found.append(number)
    return found


# A label with nothing after it but the capitals its value may start with ("J.nr. M").
DANGLING_LABEL = re.compile(
    rf"(?<![\wæøå])(?:{LABEL})[ \t]*:?[ \t]*(?:(?-i:[A-ZÆØÅ]{{1,6}}))?[ \t]*$", re.IGNORECASE)
VALUE_AT_START = re.compile(rf"\s*(?:{VALUE})(?![\d])")


JOINT_AT_END = re.compile(r"[ \t]*[-/]$")


def labels_end(block: Block, after: Block) -> bool:
    """Whether ``block`` ends in labels whose values begin the block ``after`` it: a label
    alone, its value past a blank line ("J.nr.:" / "" / "2006/4011-189"), a label with a
    year whose serial stands apart ("J.nr. 2024" / "5156"), or a row of labels that ended a
    line of another kind ("... og deres stedfortrædere   Bilag Journalnummer" / "Kontor 1
    400.C.2-0 EUK 7. januar 2005")."""
    if block.page != after.page:
        return False
    last, first = block.lines[-1].strip(), after.lines[0].strip()
    if LABEL_ALONE.fullmatch(last):
        return block.region == after.region and bool(VALUE_ALONE.fullmatch(first))
    if (labelled := CASE_NUMBER.fullmatch(JOINT_AT_END.sub("", last))) and written_as_year(
            labelled.group("value")):
        return bool(SERIAL.fullmatch(first))  # "J.nr. 2024" / "5156": the dash lost or left
    row = LABEL_RUN.search(last)
    return bool(row and row.end() == len(last) and BARE_VALUE.search(first))


@Language.component("ministerbrev_case_numbers")
def case_numbers_component(doc: Doc) -> Doc:
    """Write ``doc._.case_numbers``."""
    doc._.case_numbers = find_case_numbers(doc)
    return doc
