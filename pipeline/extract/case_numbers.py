"""Case, journal, document and reference numbers: "Sags nr. 2020 - 6967" -> sagsnummer "2020-6967".

A number counts only after its label, which says its kind:

- sagsnummer: "Sags nr.", "Sagsnr.", "Sagsnummer", "Sag nr.", "Sag:"
- journalnummer: "J.nr.", "J. nr.", "J nr.", "Jnr.", "Jour.nr.", "Journalnr."
- akt-id: "Akt-id", "Akt id", "Aktid"
- dokumentnummer: "Dok.nr.", "Doknr.", "Dok. nr.", "Dokumentnr."
- reference: "Vores ref.", "Deres ref.", "Ref.", "Reference"

The value is digits in groups joined by "-" or "/" ("2014-0032/27-0009",
"2021/001416"); spaces around the joints are dropped. The label may stand on
the line above its value (a sidebar), or run into it ("Sagsnr.2020-6967").
Sidebar, head, header and footer blocks are searched first, then the body.

    >>> [(c.kind, c.value) for c in case_numbers_in("J. nr.: 2006-2469-63")]
    [('journalnummer', '2006-2469-63')]
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from models import CaseNumber
from pipeline.extract.base import document_of

NR = r"(?:\s*-?\s*(?:nr|nummer|id)\b\.?)"
LABELS = {
    # "Sag:" only capitalised: "en sag: ..." in prose is no label.
    "sagsnummer": rf"sags\.?{NR}|sagsnummer|sagsnr\.?|sag{NR}|(?-i:Sag)\s*:",
    "journalnummer": rf"j\.?\s*nr\.?|jnr\.?|jour\.?\s*nr\.?|journal\.?{NR}|journalnummer",
    "akt-id": r"akt\s*-?\s*id\.?",
    "dokumentnummer": rf"dok\.?{NR}|doknr\.?|dokument{NR}|dokumentnummer|dokumentnr\.?"
    r"|dok\.(?=\s*:)",
    "reference": r"(?:vores|deres)\s+ref(?:erence)?\.?"
    r"|ref(?:erence)?(?:\.?\s*-?\s*nr\.?|\.|\s*:)",
}
LABEL = "|".join(f"(?P<{kind.replace('-', '_')}>{label})" for kind, label in LABELS.items())
# Digit groups joined by "-" or "/", spaces allowed around a joint but not across lines;
# some offices put capitals before the digits ("MST-2021-1234", "FM 2020-5512").
VALUE = r"(?:(?-i:[A-ZÆØÅ]{2,6})[-. ]?)?\d+(?:[ \t]*[-/][ \t]*\d+)*"
CASE_NUMBER = re.compile(
    rf"(?<![\wæøå])(?:{LABEL})[ \t]*:?\s*(?P<value>{VALUE})(?![\d])", re.IGNORECASE
)


def kind_of(match: re.Match[str]) -> str:
    """The kind named by whichever label matched."""
    label = next(group for group, text in match.groupdict().items() if text and group != "value")
    return label.replace("_", "-")


def normalised(value: str) -> str:
    """ "2020 - 6967" -> "2020-6967"; "FM 2020-5512" keeps its space."""
    return re.sub(r"\s*([-/])\s*", r"\1", value)


def case_numbers_in(text: str) -> list[CaseNumber]:
    """Labelled numbers in a piece of text, in text order."""
    return [
        CaseNumber(
            kind=kind_of(match),
            value=normalised(match.group("value")),
            raw=re.sub(
                r"\s*\n\s*", " ", match.group(0)
            ),  # a label above its value reads as one line
        )
        for match in CASE_NUMBER.finditer(text)
        if len(re.sub(r"\D", "", match.group("value"))) >= 3  # "Sag: 2" is no case number
    ]


def find_case_numbers(doc: Doc) -> list[CaseNumber]:
    """Every labelled number beside and in the running text, once per (kind, value)."""
    blocks = document_of(doc).region("sidebar", "head", "header", "footer")
    texts = [block.text for block in blocks] + [doc.text]
    seen: set[tuple[str, str]] = set()
    found = []
    for number in (number for text in texts for number in case_numbers_in(text)):
        if (number.kind, number.value) not in seen:
            seen.add((number.kind, number.value))
            found.append(number)
    return found


@Language.component("ministerbrev_case_numbers")
def case_numbers_component(doc: Doc) -> Doc:
    """Write ``doc._.case_numbers``."""
    doc._.case_numbers = find_case_numbers(doc)
    return doc
