"""Lines of the letterhead and the date block mended where a conversion broke them:
labels split from their values paired again, lines glued by a lost line break cut apart.

    >>> tidy_lines(["Dato:Kontor:", "4. maj 2020Lovkontoret"])
    ['Dato: 4. maj 2020', 'Kontor: Lovkontoret']
    >>> split_glued("Nygade 101234 Byby K.Telefon 1234 5678www.xm.dk")
    ['Nygade 10', '1234 Byby K.', 'Telefon 1234 5678', 'www.xm.dk']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.contact_patterns import PHONE_DIGITS, STREET_AND_POSTCODE
from pipeline.reading.lineroles import (
    BARE_CASE,
    BODY_MARKER,
    CONTACT,
    DATE,
    DATEBLOCK,
    DATELINE,
    GLUED_CONTACT_CUT,
    GLUED_DATE_TAIL,
    GLUED_DATEBLOCK_CUT,
    LABEL,
    LABELLED_DATEBLOCK,
    PAGE,
    PLACE,
    POSTCODE,
    RECIPIENT,
    SENDER,
    STAMP,
    SUBJECT,
    SUBJECT_START,
    dateblock_role,
    glued_ministry,
    is_glued_letterhead,
    is_glued_recipient,
    kind_of_label,
    labels_of,
    role_of,
    run_labels,
    split_recipient,
)

# -- labels and their values -----------------------------------------------------------------

VALUE_SHAPES = {
    "date": re.compile(rf"^{DATE}", re.IGNORECASE),
    # groups set apart by "-" or "/", or by dots around short ones: "400.C.2-0"
    "case": re.compile(r"^(?:[A-ZÆØÅ]{2,6}[-. ]?)?\d[\w]*"
                       r"(?:\s?[-/]\s?\w+|\.[A-ZÆØÅ\d]{1,3}(?=[-./\s]|$))*"),
    "phone": re.compile(rf"^:?\s*{PHONE_DIGITS}"),
    "mail": re.compile(r"^:?\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email\s?protected\])"),
    "web": re.compile(r"^:?\s*(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:dk|eu|com|org)"),
    "number": re.compile(r"^:?\s*\d[\d -]{6,}\d"),
    "enclosures": re.compile(r"^\d{1,2}$"),  # how many enclosures
    "text": re.compile(r"^[^\d:]+?(?=[a-zæøå][A-ZÆØÅ]|\d|$)[a-zæøå]?"),
}


# A case number with more digits glued to its last group, and a code glued after it.
CASE_THEN_DIGITS = re.compile(r"^(.*[-/]\d{4})\d")
CODE_AT_END = re.compile(r"[A-ZÆØÅ]{2,}\d+$")
# "927053004-u18-1346": a journal number whose second group starts with a letter opens with
# three digits ("004-u18-1346"); the digits before them are the value before it.
DIGITS_THEN_JOURNAL_CODE = re.compile(r"^(\d{4,})(?=\d{3}-[A-Za-zÆØÅæøå]\d{1,3}-\w+$)")


def fits(kind: str, text: str) -> bool:
    """Whether ``text`` is wholly a value of the shape a label of ``kind`` leads one to expect."""
    if kind == "case" and fits("date", text):
        return False  # "25-03-2021" under "Doknr." is the date a later label waits for
    match = VALUE_SHAPES[kind].match(text.strip())
    return bool(match) and len(match.group(0)) >= len(text.strip()) - 1


@dataclass
class Pairing:
    """Labels paired with their values, and how many value lines that took."""

    lines: list[str]  # the paired lines: "Dato: 4. maj 2020", ...
    consumed: int  # how many of the value lines they used


def pair_labels(labels: list[str], values: list[str]) -> Pairing:
    """Labels (from lines that hold only labels) paired with the values on the lines
    below them, each value taken by the shape its label leads one to expect.

    >>> pair_labels(["Dato:", "Kontor:", "Sagsnr.:", "Dok.:"],
    ...             ["4. maj 2020Lovkontoret2020-123-4567ABC12345"]).lines
    ['Dato: 4. maj 2020', 'Kontor: Lovkontoret', 'Sagsnr.: 2020-123-4567', 'Dok.: ABC12345']
    >>> pair_labels(["Dato", "J. nr."], ["22. december 2017", "2017-6632", "Kære"]).consumed
    2
    """
    if len(values) >= 1 and len(labels) > 1 and glued_values(labels, values[0]):
        return Pairing(paired(labels, split_values(labels, values[0])), 1)
    return pair_line_by_line(labels, values)


def glued_values(labels: list[str], text: str) -> bool:
    """One line holding the values of several labels: it fits none of them whole."""
    return not any(fits(kind_of_label(label), text) for label in labels[:1]) and len(text) > 12


def split_values(labels: list[str], text: str) -> list[str]:
    """ "4. maj 2020Lovkontoret2020-123-4567ABC12345" cut by the shapes of the labels'
    values: a date, free text up to the next capital or digit, a case number, a code."""
    values: list[str] = []
    rest = text.strip()
    for index, label in enumerate(labels):
        if not rest:
            values.append("")
            continue
        kind = kind_of_label(label)
        is_last = index == len(labels) - 1
        value = rest if is_last else cut_value(kind, rest, labels[index + 1:])
        values.append(value.strip())
        rest = rest[len(value):].strip()
    return values


def cut_value(kind: str, text: str, later: list[str]) -> str:
    """The value of a label of ``kind`` at the start of ``text``, where the values of the
    ``later`` labels follow it unseparated."""
    match = VALUE_SHAPES[kind].match(text)
    if not match or not match.group(0).strip():
        return ""
    value = match.group(0)
    if kind == "case" and later and kind_of_label(later[0]) == "case":
        # "2020-0032-12341122785": a case number's last group has four digits.
        glued = DIGITS_THEN_JOURNAL_CODE.match(value) or CASE_THEN_DIGITS.match(value)
        value = glued.group(1) if glued else value
    if kind == "case" and CODE_AT_END.search(value) and not value[:1].isalpha():
        value = CODE_AT_END.sub("", value)  # "4567ABC12345": the next label's code
    return value


def pair_line_by_line(labels: list[str], values: list[str]) -> Pairing:
    """Each label takes the next value line that fits its shape; a label of free text
    ("Kontor:") takes a line of any shape, and the lines of a value wrapped over two."""
    lines: list[str] = []
    values = list(values)
    used = splits = 0
    for index, label in enumerate(labels):
        kind = kind_of_label(label)
        taken: list[str] = []
        if used < len(values) and (kind == "text" or fits(kind, values[used])):
            if kind == "text" and (spilled := spilled_value(values[used], labels[index + 1:],
                                                            len(values) - used - 1)):
                values[used:used + 1] = spilled
                splits += 1
            taken.append(values[used])
            used += 1
            while kind == "text" and used < len(values) and continues_value(
                    taken, values[used:], labels[index + 1:]):
                taken.append(values[used])
                used += 1
            # a case number whose dash stands on a line of its own: "004" / "-" / "322"
            while kind == "case" and used < len(values) and (
                    DASH_ALONE.match(values[used]) or DASH_ALONE.match(taken[-1])):
                taken.append(values[used])
                used += 1
        value = joined_value(taken)
        if value or kind != "enclosures":  # "Bilag" with no value says nothing
            lines.append(f"{label.rstrip(' :')}: {value.lstrip(': ')}" if value else label)
    return Pairing(lines, used - splits)


def spilled_value(text: str, later: list[str], lines_left: int) -> list[str] | None:
    """A free-text value with the next label's value run on after a space, where too few
    lines are left for the labels after it: the two apart.

    >>> spilled_value("Christina Lund 2025-04335", ["Sagsnr.:", "Dok.:"], 1)
    ['Christina Lund', '2025-04335']
    """
    if not later or lines_left >= len(later) or (following := kind_of_label(later[0])) == "text":
        return None
    head, _, tail = text.strip().rpartition(" ")
    return [head, tail] if head and fits(following, tail) else None


DASH_ALONE = re.compile(r"^\s*[-–/]\s*$")
# A line of the labels' colons alone: "Dato" / "J.nr." / ":" / ":" / "28. november 2005".
COLONS = re.compile(r"^\s*:(?:\s*:)*\s*$")

# Lines that start the sender's letterhead or the address: never the rest of a value.
LETTERHEAD_ROLES = {CONTACT, SENDER, POSTCODE, RECIPIENT, PLACE, STAMP, PAGE}


def continues_value(taken: list[str], rest: list[str], later: list[str]) -> bool:
    """A free-text value goes on to the next line when it was broken at a hyphen, or when
    more lines are left than labels to take them, unless that line has the shape the next
    label's value has ("Sagsbeh:" then "Sagsnr.:": a name never runs on into "2025-04335").

    >>> continues_value(["Christina Lund"], ["2025-04335", "3685580", "x"], ["Sagsnr.:", "Dok.:"])
    False
    """
    if taken[-1].endswith("-"):
        return True
    if role_of(rest[0]) in LETTERHEAD_ROLES:
        return False  # "Bilag:" + "Ingen", then the ministry's name and address
    if DATELINE.match(rest[0].strip()):
        return False  # "Kontor:" + "EU-sekr.", then the letter's date and its text
    following = kind_of_label(later[0]) if later else "text"
    if following != "text" and fits(following, rest[0]):
        return False
    return values_in(rest) > len(later)


def values_in(lines: list[str]) -> int:
    """How many values the lines hold: a value broken at a hyphen is one ("Julie Christine
    Gade Mi-" / "kkelsen").

    >>> values_in(["Julie Christine Gade Mi-", "kkelsen", "2018-0030-1420", "820501"])
    3
    """
    return sum(1 for before, line in zip(["", *lines], lines, strict=False)
               if not (before.rstrip().endswith("-") and line.strip()[:1].islower()))


def joined_value(parts: list[str]) -> str:
    """A value's lines as one: "Økonomistyringskonto-" + "ret" -> "Økonomistyringskontoret"."""
    text = ""
    for part in parts:
        part = part.strip()
        text = text[:-1] + part if text.endswith("-") and part[:1].islower() else (
            f"{text} {part}".strip())
    return text


def paired(labels: list[str], values: list[str]) -> list[str]:
    """ "Dato:" + "4. maj 2020" -> "Dato: 4. maj 2020"; a label without a value alone."""
    return [f"{label.rstrip(' :')}: {value.lstrip(': ')}" if value else label
            for label, value in zip(labels, values, strict=False)]


def value_lines(texts: list[str], start: int, labels: list[str]) -> list[str]:
    """The lines from ``start`` that may hold the labels' values: up to the first line
    that is something of its own (a label, a labelled value, the stamp, a subject)."""
    found: list[str] = []
    for text in texts[start:start + len(labels) + 3]:
        role = role_of(text)
        if not found and kind_of_label(labels[0]) == "enclosures" and fits("enclosures", text):
            found.append(text)  # "1": how many enclosures, not a page's number
            continue
        if role in {LABEL, STAMP, PAGE, SUBJECT, RECIPIENT, PLACE} and not (
                role == LABEL and BARE_CASE.match(text.strip())):
            break
        if role == DATEBLOCK and LABELLED_DATEBLOCK.match(text.strip()):
            break
        if role is None and (BODY_MARKER.match(text.strip()) or len(text.split()) > 8
                             or SUBJECT_START.match(text.strip())):
            break  # the text, or a subject ("Besvarelse af spørgsmål nr. 1184 (Alm. del) fra")
        found.append(text)
    return found


def tidy_lines(texts: list[str]) -> list[str]:
    """A block's lines with glued parts cut apart and labels paired with their values.

    >>> tidy_lines(["Dato:Kontor:", "4. maj 2020Lovkontoret"])
    ['Dato: 4. maj 2020', 'Kontor: Lovkontoret']
    >>> tidy_lines(["Nygade 101234 Byby K.Telefon 1234 5678"])
    ['Nygade 10', '1234 Byby K.', 'Telefon 1234 5678']
    """
    texts = [part for text in texts for part in split_glued(text)]
    tidy: list[str] = []
    index = 0
    while index < len(texts):
        labels = run_labels(texts, index)
        end = index + 1
        while labels and end < len(texts) and labels_of(texts[end]):
            labels += labels_of(texts[end])
            end += 1
        while labels and end < len(texts) and COLONS.match(texts[end]):
            end += 1  # the labels' colons in a column of their own
        if not labels:
            tidy.append(texts[index])
            index += 1
            continue
        pairing = pair_labels(labels, value_lines(texts, end, labels))
        tidy += pairing.lines
        index = end + pairing.consumed
    return tidy


# -- glued lines ------------------------------------------------------------------------------

# Items set apart on one row ("Nygade 4 • 1234 Byby K"), and what sets them apart.
SEPARATED = re.compile(r"\s[•·|]\s")
SEPARATORS = re.compile(r"\s*[•·|]\s*|\s{3,}|_{3,}")


def split_glued(text: str) -> list[str]:
    """A line glued from several by a lost line break, cut into its parts.

    >>> split_glued("FolketingetUdvalget for ForretningsordenenChristiansborg1240 København K")
    ['Folketinget', 'Udvalget for Forretningsordenen', 'Christiansborg', '1240 København K']
    >>> split_glued("Nygade 101234 Byby K.Telefon 1234 5678www.xm.dk")
    ['Nygade 10', '1234 Byby K.', 'Telefon 1234 5678', 'www.xm.dk']
    >>> split_glued("J.nr. ABC-123-45678Den 4. maj 2020")
    ['J.nr. ABC-123-45678', 'Den 4. maj 2020']
    >>> split_glued("TESTMINISTERIETDato: 15. april 2009")
    ['TESTMINISTERIET', 'Dato: 15. april 2009']
    >>> split_glued("Sagsnr.1208657Doknr.1017528Dato29. august 2012")
    ['Sagsnr.1208657', 'Doknr.1017528', 'Dato29. august 2012']
    """
    stripped = text.strip()
    ministry = glued_ministry(stripped)
    if ministry:
        return [ministry, *split_glued(stripped[len(ministry):])]
    if is_glued_recipient(stripped):
        return split_recipient(stripped)
    if is_glued_letterhead(stripped):
        return split_contact(stripped)
    if dateblock_role(stripped) == DATEBLOCK and not DATELINE.match(stripped):
        return split_dateblock(stripped) or [text]
    return [text]


def split_dateblock(text: str) -> list[str]:
    """ "24. april 2012J.nr. 2012-0005712" -> date, case number: cut before each label, and
    before a date glued to the digits of a case number ("J.nr. 2009-458114. juni 2009")."""
    tail = GLUED_DATE_TAIL.search(text)
    if tail:
        text = f"{text[:tail.start()]}\n{tail.group(0)}"
    parts = [part.strip() for line in text.split("\n") for part in GLUED_DATEBLOCK_CUT.split(line)]
    return [part for part in parts if part]


def split_contact(text: str) -> list[str]:
    """ "Nygade 101234 Byby K.Telefon 1234 5678www.xm.dk" -> street, postcode, phone, web:
    cut at separators, between a house number and the postcode glued to it, before each
    label and web or mail address, and where a capital follows a small letter."""
    parts: list[str] = []
    for chunk in SEPARATORS.split(text):
        chunk = STREET_AND_POSTCODE.sub(r"\1\n\2", chunk)
        for line in chunk.split("\n"):
            parts += [part for piece in GLUED_CONTACT_CUT.split(line) if piece
                      for part in GLUED_DATEBLOCK_CUT.split(piece)]
    return [part.strip() for part in parts if part and part.strip()]
