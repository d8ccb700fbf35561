"""The sender's contact facts read from letterhead segments: street and postcode, phone,
mail, web and CVR. A value stands after its label, or after a row of labels.

    >>> phone_of(["Slotsholmsgade 10 · Telefon 7226 8400 · Telefax 3393 3510"], "")
    '7226 8400'
"""

from __future__ import annotations

import re

from pipeline.contact_patterns import (
    CVR,
    CVR_LABEL_ALONE,
    CVR_SHAPE,
    CVR_SPACED,
    EMAIL,
    LABELLED_WEB,
    NOT_STREET_WORD,
    PHONE,
    PHONE_LABEL_ALONE,
    PHONE_SHAPE,
    POST_BOX_END,
    POSTAL,
    SPACED_EIGHT_DIGITS,
    STREET_NUMBER,
    STREET_WORD,
    WEB,
    WEB_LINE,
)
from pipeline.extract.case_numbers import LABEL as CASE_LABEL
from pipeline.extract.letterhead.lines import CAMEL_GLUE
from pipeline.reading.columnroles import FOLKETINGETS_POSTCODE
from pipeline.reading.lineroles import PLACE_LINE, RECIPIENT_NAME

# Small words inside a ministry's or office's name: the word after one is no street's.
NAME_JOINERS = {"og", "for", "af", "i", "på", "til", "med", "under"}
# How far after a label standing alone (in a row of labels) its value may stand.
LABEL_REACH = 160


def first_match(pattern: re.Pattern, texts: list[str], group: str) -> str | None:
    for text in texts:
        match = pattern.search(text)
        if match:
            return match.group(group).strip()
    return None


def value_after_label(label: re.Pattern, shape: re.Pattern, texts: list[str]) -> str | None:
    """A value printed after a row of labels: the first of its shape after its label
    ("Tel. Mail Web CVR-nr. 6198 4000 www.uim.dk 36977191")."""
    for text in texts:
        for match in label.finditer(text):
            value = shape.search(text[match.end() : match.end() + LABEL_REACH])
            if value:
                return value.group(0)
    return None


def phone_of(heads: list[str], body_text: str) -> str | None:
    """The main number after its label ("Telefon 7226 8400", "T +45 7226 9000"), not the fax."""
    found = first_match(PHONE, heads, "phone")
    if found:
        return found
    rows = [" ".join(body_text.split("\n")), *heads]
    return value_in_glued_run(heads, "phone") or value_after_label(
        PHONE_LABEL_ALONE, PHONE_SHAPE, rows)


# A run of labels glued where a conversion lost the spaces and line breaks between them (or
# set apart again by the reading), their values glued after them: "TlfFaxE-mailWeb::::33 92
# 33 7033 91 33 88...", "Tlf.FaxCVR-nr" / "33 92 33 5033 12 37 7810 09 24 85",
# "TelefonTelefax3392 97003332 3501".
GLUED_LABEL = (r"(?P<{name}>Telefax|TELEFAX|Telefon|TELEFON|Tlf|TLF|Tel|TEL|Fax|FAX|E-mail|"
               r"E-post|Mail|Web|Netsted|CVR-nr|CVR|EAN)\.?:?")
GLUED_LABEL_RUN = re.compile(rf"(?:{GLUED_LABEL.format(name='label')}\s*){{2,}}:*")
ONE_GLUED_LABEL = re.compile(GLUED_LABEL.format(name="label"))
# The values of such a run, glued in the order of their labels.
GLUED_NUMBER = re.compile(SPACED_EIGHT_DIGITS)
# What each label's number is; a label of none (mail, web) has its value elsewhere.
NUMBER_OF_LABEL = {"telefon": "phone", "tlf": "phone", "tel": "phone", "telefax": "fax",
                   "fax": "fax", "cvr": "cvr", "cvr-nr": "cvr", "ean": "ean"}
# How far after its run of labels the first value may stand.
GLUED_VALUES_REACH = 40


def value_in_glued_run(texts: list[str], wanted: str) -> str | None:
    """The number of one kind (``"phone"``, ``"cvr"``) in a run of glued labels whose numbers
    follow in the same order.

    >>> value_in_glued_run(["Tlf.FaxCVR-nr", "33 92 33 5033 12 37 7810 09 24 85"], "cvr")
    '10 09 24 85'
    """
    joined = " ".join(texts)
    for run in GLUED_LABEL_RUN.finditer(joined):
        labels = [NUMBER_OF_LABEL.get(label.group("label").lower())
                  for label in ONE_GLUED_LABEL.finditer(run.group(0))]
        numbers = [label for label in labels if label is not None]
        if wanted not in numbers or "ean" in numbers[: numbers.index(wanted)]:
            continue  # an EAN's thirteen digits are none of these shapes
        values = glued_numbers(joined[run.end() :])
        if len(values) > numbers.index(wanted):
            return values[numbers.index(wanted)]
    return None


def glued_numbers(text: str) -> list[str]:
    """The numbers glued one after another at the start of ``text``."""
    first = GLUED_NUMBER.search(text[:GLUED_VALUES_REACH])
    if first is None:
        return []
    values, position = [first.group(0)], first.end()
    while (value := GLUED_NUMBER.match(text, position)) is not None:
        values.append(value.group(0))
        position = value.end()
    return values


def cvr_of(heads: list[str], body_text: str) -> str | None:
    found = first_match(CVR, heads, "cvr") or first_match(CVR_SPACED, heads, "cvr") or \
        value_in_glued_run(heads, "cvr")
    if not found:
        rows = [*heads, " ".join(body_text.split("\n"))]
        found = value_after_label(CVR_LABEL_ALONE, CVR_SHAPE, rows)
    return re.sub(r"\D", "", found) if found else None


# A web address's scheme ending a line, the rest of the address wrapped to the next.
SCHEME_AT_END = re.compile(r"https?://$", re.IGNORECASE)
# A path after a web address: the address is a link to one page.
PAGE_PATH = re.compile(r"/[\w-]")


def web_of(heads: list[str]) -> str | None:
    """ "www.mim.dk", "http://www.um.dk" as printed (glued or not, or wrapped after its
    scheme in a narrow column), else a labelled bare domain ("W sum.dk"), else a line that is
    only a domain ("https://em.dk"; not one named in prose)."""
    heads = [head + after if SCHEME_AT_END.search(head) else head
             for head, after in zip(heads, [*heads[1:], ""], strict=False)]
    # a link to a page ("www.hoeringsportalen.dk/Hearing/Details/28688") names no sender
    site = next((found.group("web").strip() for head in heads for found in WEB.finditer(head)
                 if not PAGE_PATH.match(head, found.end())), None)
    return site or first_match(LABELLED_WEB, heads, "web") or next(
        (line.group("web") for head in heads if (line := WEB_LINE.match(head.strip()))), None)


def labelled_email(segments: list[str]) -> str | None:
    """The ministry's own address: one labelled Mail/E-mail, else the first one. One the
    published text hides ("[email protected]") is none."""
    found = [(seg, m.group(0)) for seg in segments if (m := EMAIL.search(seg))]
    labelled = [email for seg, email in found if re.match(r"(e-?)?mail", seg, re.IGNORECASE)]
    return (labelled or [email for _seg, email in found] or [None])[0]


# Folketinget's own street (not Finansministeriet's "Christiansborg Slotsplads 1").
FOLKETINGETS_STREET = re.compile(r"Christiansborg\s+Slot\b")


# A postcode that ends a line, its town at the start of the next.
POSTCODE_AT_LINE_END = re.compile(r"(\b(?:DK-)?\d{4})\s*\|\s*(?=København|[A-ZÆØÅ][a-zæøå]+\b)")
# A label that stands alone on its line in a letterhead's address: "Post", "Adresse".
ADDRESS_LABEL = re.compile(r"(?:Post(?:adresse)?|Adresse|Besøgsadresse)\s*:?")
# The digits of a labelled number ("Akt-id 249228", "Sags nr. 2017 - 9302"), which may end in
# four that look like a postcode.
LABELLED_DIGITS = re.compile(rf"(?:{CASE_LABEL})[ \t]*:?[ \t]*\d+$", re.IGNORECASE)


def in_address_block(line: str) -> bool:
    """A line of Folketinget's address block: "Folketinget", "Christiansborg", a committee,
    "1240 København K"."""
    line = line.strip()
    return bool(RECIPIENT_NAME.match(line) or PLACE_LINE.match(line)
                or FOLKETINGETS_POSTCODE.match(line.rstrip(".")))


def address_of(heads: list[str]) -> str | None:
    """A street and the postcode after it ("Slotsholmsgade 10, 1216 København K"), not
    Folketinget's: glued parts set apart ("Slotsholmsgade 101216 København K"); in one
    letterhead line, else over two or three lines in a row ("Holbergsgade 6" / "DK-1057 ...").
    """
    heads = with_district_rejoined(heads)
    # where the address block's lines come in turns with the letterhead's, also without them
    own = [line for head in heads for line in head.split("\n") if not in_address_block(line)]
    # a label alone on its line between street and postcode says nothing of the address
    # ("Slotsholmsgade 10" / "Post" / "1216 København K")
    heads, own = ([line for line in lines if not ADDRESS_LABEL.fullmatch(line.strip())]
                  for lines in (heads, own))
    runs = [*heads, *(" | ".join(lines[i : i + size]) for lines in (heads, own) for size in (2, 3)
                      for i in range(len(lines) - size + 1))]
    for text in runs:
        cleaned = CAMEL_GLUE.sub(" | ", re.sub(r"_{2,}", " ", text))
        cleaned = POSTCODE_AT_LINE_END.sub(r"\1 ", cleaned)  # "• 1216" / "København K"
        for postal in POSTAL.finditer(cleaned):
            if re.match(r"(?:DK-)?1240\b", postal.group(0)):
                continue  # Folketinget's, the recipient's
            if LABELLED_DIGITS.search(cleaned[: postal.start()]):
                continue  # "Akt-id 249228 Ud ...": a labelled number's last digits
            before = cleaned[: postal.start()].rstrip(" ,·•|")
            box = POST_BOX_END.search(before)
            street = street_before(before[: box.start()] if box else before)
            if street and FOLKETINGETS_STREET.match(street):
                continue  # "Christiansborg Slot 1, 1218 København K": the recipient's too
            if street:
                parts = [street, box.group("box") if box else None, postal.group(0).strip()]
                return ", ".join(part for part in parts if part)
    return None


# A town's postal district wrapped to the start of the next line in a narrow column:
# "Holmens Kanal 22 1060 København" / "K · Tlf. 3392 9300".
TOWN_AT_END = re.compile(r"\b\d{4}\s+[A-ZÆØÅ][a-zæøå]+$")
DISTRICT_AT_START = re.compile(r"^(?!DK\b)(?P<district>[A-ZÆØ]{1,2})(?:\s*$|\s+(?=[·•|]|[A-ZÆØÅ]))")


def with_district_rejoined(heads: list[str]) -> list[str]:
    """The letterhead lines with a postal district wrapped from its town set back after it.

    >>> with_district_rejoined(["Holmens Kanal 22 1060 København", "K · Tlf. 3392 9300"])
    ['Holmens Kanal 22 1060 København K', '· Tlf. 3392 9300']
    """
    out: list[str] = []
    for head in heads:
        district = DISTRICT_AT_START.match(head.strip())
        if out and district and TOWN_AT_END.search(out[-1].rstrip()):
            out[-1] = f"{out[-1].rstrip()} {district.group('district')}"
            head = head.strip()[district.end() :].strip()
            if not head:
                continue
        out.append(head)
    return out


# A street's name in one word ("Slotsholmsgade", "Holbergsgade"), and the words that may
# stand before such a name ("Nørre Voldgade", "Gammel Kongevej", "Christiansborg Slotsplads").
WHOLE_STREET = re.compile(r"^[A-ZÆØÅ][\wæøå]{2,}(?:gade|vej|allé|plads|torv|stræde|boulevard)$")
STREET_PREFIX = re.compile(
    r"^(?:Gammel|Gl\.|Ny|Nye|Nørre|Søndre|Vester|Øster|Store|St\.|Lille|Sankt|Skt\.|Ved|Indre"
    r"|Christiansborg|(?:[A-ZÆØÅ]\.)+)$")


def street_before(text: str) -> str | None:
    """The street that ends ``text``: its number, and up to three capitalised words before
    it that are no ministry, department or label ("Miljøministeriet Højbro Plads 4" ->
    "Højbro Plads 4").

    >>> street_before("Beskæftigelsesministeriet | Ved Stranden 8")
    'Ved Stranden 8'
    >>> street_before("Ministeriet for Fødevarer, Landbrug og Fiskeri Slotsholmsgade 12")
    'Slotsholmsgade 12'
    >>> street_before("Morten Bødskov/Jens Hansen Slotsholmsgade 10")
    'Slotsholmsgade 10'
    >>> street_before("Finansministeriet Christiansborg Slotsplads 1")
    'Christiansborg Slotsplads 1'
    >>> street_before("Integration og Sociale Forhold Holmens Kanal 22")
    'Holmens Kanal 22'
    >>> street_before("Koncernafdeling Frederiksholms Kanal 25")
    'Frederiksholms Kanal 25'
    """
    number = STREET_NUMBER.search(" " + text)
    if not number:
        return None
    before = text[: max(0, number.start() - 1)].split()
    words: list[str] = []
    for index in range(len(before) - 1, max(len(before) - 4, -1), -1):
        word = before[index]
        if not STREET_WORD.match(word) or NOT_STREET_WORD.match(word):
            break
        if index and before[index - 1] in NAME_JOINERS:
            break  # the end of a name in words ("... Landbrug og Fiskeri Slotsholmsgade 12")
        if words and WHOLE_STREET.match(words[0]) and not STREET_PREFIX.match(word):
            # "Slotsholmsgade" is whole; a name glued before it is the signer's ("... / Jens
            # Hansen Slotsholmsgade 10")
            break
        words.insert(0, word)
    return " ".join([*words, number.group("number")]) if words else None
