"""The minister who signs: the name under the closing formula, before a "/" or on a line
the ministers list knows, and the title under it; none where an official signs on the
minister's behalf.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import takewhile

from spacy.tokens import Doc, Span

from pipeline.nlp import gazetteer

# Also glued to the name after it, where the line break was lost ("hilsenMargrethe Vestager").
CLOSING = re.compile(r"(?i:med)?\s*(?i:venlig(?:st)?|venlige)\s*(?i:hilsen)(?![a-zæøå\d])")
# A name stands on one line: "Europaudvalg af Udenrigsministeren." / "Connie Hedegaard" is none.
# A full stop only after a shortened name ("Lars Chr. Lilleholt"), not a sentence's last word
# ("... til Folketingets Europaudvalg. Connie Hedegaard").
NAME = r"[A-ZÆØÅ][\w'\-]+(?:[ \t]+(?:[A-ZÆØÅ](?:[\w'\-]{0,3}\.|[\w'\-]*)|af|von|van|de)){1,4}"
PERSON_NAME = re.compile(rf"^{NAME}$")
# "Lars Barfoed/Ole Hasselgaard", "Karen Ellemann / Helle Pilsgaard": the minister, then the
# official who drafted the letter.
# The name may follow the text's last words where a line break was lost ("... page379.asp
# Eva Kjer Hansen" / "/Katrine Lindegaard").
SIGNED_FOR = re.compile(rf"(?:^|(?<=\s))(?P<name>{NAME})\s*/\s*(?:{NAME})?\s*$", re.MULTILINE)
ON_BEHALF = re.compile(r"\bp\.\s?m\.\s?v\.|\be\.\s?b\.|\bpå ministerens vegne\b", re.IGNORECASE)
OFFICIAL_TITLE = re.compile(
    r"\b(kontorchef|afdelingschef|departementschef|direktør|chefkonsulent|specialkonsulent|"
    r"fuldmægtig|souschef|enhedschef|konsulent|sekretariatschef|kontorleder)\b",
    re.IGNORECASE,
)
# An acting minister's title in brackets after the name, on its line: "Charlotte Sahl-Madsen
# (fung. kulturminister)" signs as "Charlotte Sahl-Madsen" over "fung. kulturminister".
ACTING = r"(?:fg\.|fung\.|fungerende|konst\.)"
ACTING_TITLE_IN_BRACKETS = re.compile(rf"[ \t]*\(({ACTING}[ \t]*[\w\-]*minister)\)",
                                      re.IGNORECASE)
# Words that make a line no name: the letterhead's and the closing's.
NOT_NAME_WORDS = re.compile(
    r"\b(?:Med|Venlig|Hilsen|Ministeriet|Folketinget|Christiansborg|Telefon|Side|Svar|"
    r"Spørgsmål|Bilag|Kontor|Dato)\b|ministeri|minister\b|udvalg",
    re.IGNORECASE,
)


# A function giving the names the NER tags as persons in a stretch of the letter.
PeopleFinder = Callable[[Span], set[str]]


def ents_of_people(span: Span) -> set[str]:
    """The names tagged as persons in ``span``."""
    return {ent.text for ent in span.ents if ent.label_ == "PER"}


def signing_minister(doc: Doc, people_in: PeopleFinder,
                     on: str | None = None) -> tuple[str | None, str | None]:
    """The minister who signs, and the title line under the name if any ("Fg.
    justitsminister"): the name under the closing formula ("Med venlig hilsen", also split
    over lines or glued), else a name before "/" ("Lars Barfoed/Ole Hasselgaard"), else a
    name line the ministers list knows. None where an official signs on the minister's behalf.
    """
    text = doc.text
    closings = list(CLOSING.finditer(text))
    people: set[str] = set()
    if closings:
        span = doc.char_span(closings[-1].end(), len(text), alignment_mode="expand")
        people = people_in(span) if span is not None else set()
    return signing_minister_in(text, on, people)


def signing_minister_in(text: str, on: str | None = None,
                        people: frozenset[str] | set[str] = frozenset()
                        ) -> tuple[str | None, str | None]:
    """``signing_minister`` over plain text, ``people`` the names the NER found there.

    >>> signing_minister_in("Venlig hilsen\\nPernille Rosenkrantz-Theil\\nSocial- og boligminister")
    ('Pernille Rosenkrantz-Theil', 'Social- og boligminister')
    """
    text = "\n".join(bare(line) for line in text.splitlines())
    text = ACTING_TITLE_IN_BRACKETS.sub(r"\n\1", text)
    closings = list(CLOSING.finditer(text))
    if closings:
        lines = [line for line in text[closings[-1].end() :].splitlines() if line]
        if any(ON_BEHALF.search(line) or OFFICIAL_TITLE.search(line) for line in lines[:4]):
            return None, None
        for index, line in enumerate(lines[:3]):
            # a name wrapped after its first word ("Nicolai" / "Wammen___...")
            wrapped = [f"{line} {lines[index + 1]}"] if len(line.split()) == 1 and \
                index + 1 < len(lines) else []
            name = next(filter(None, (name_in_signature(candidate, people)
                                      for candidate in [*wrapped, line])), None)
            if name:
                title = title_after(lines[index + 1 : index + 3])
                if not title and not gazetteer.minister(name):
                    return None, None  # an official signing alone: no minister ever
                return name, title
    # No closing formula: a name over a minister's title ("Carina Christensen" / "Fg.
    # justitsminister").
    titled = [(line, title) for line, after in lines_with_next(text)
              if PERSON_NAME.match(line) and not NOT_NAME_WORDS.search(line)
              and (title := title_after([after]))]
    if titled:
        return titled[-1]
    signed = [(match.start(), known_tail(match.group("name"), on))
              for match in SIGNED_FOR.finditer(text)]
    signed += [(text.rfind(line), line) for line, after in lines_with_next(text)
               if after.startswith("/") and PERSON_NAME.match(line)
               and not NOT_NAME_WORDS.search(line)]
    if signed:
        at, name = max(signed)
        # "P.M.V." / "E.B." over the name: an official signs on the minister's behalf
        before = text[:at].rstrip().splitlines()[-2:]
        return (None, None) if any(ON_BEHALF.search(line) for line in before) else (
            name.strip(), None)
    return known_minister_line(text, on) or known_minister_signed_for(text, on), None


def known_tail(name: str, on: str | None) -> str:
    """The last words of ``name`` that the ministers list knows, where its first words are
    the end of the sentence before, glued to it where a line break was lost ("... mit svar
    til Landsforeningen Levende Hav. Hans Chr. Schmidt /Kenn Skau Fogtmann"); else ``name``.

    >>> known_tail("Levende Hav. Hans Chr. Schmidt", "2005-09-23")
    'Hans Chr. Schmidt'
    """
    words = name.split()
    if gazetteer.minister(name, on=on):
        return name
    for start in range(1, len(words) - 1):
        tail = " ".join(words[start:])
        if gazetteer.minister(tail, on=on):
            return tail
    return name


def lines_with_next(text: str) -> list[tuple[str, str]]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return list(zip(lines, lines[1:], strict=False))


def bare(line: str) -> str:
    """A line without the borders of the table a signature was set in ("Anne Bech   |")."""
    return line.strip().strip("|").strip()


def name_in_signature(line: str, people: set[str]) -> str | None:
    """The name a signature line starts with ("Peter Hummelgaard / Niklas V. Johansen",
    "Flemming Hansen" after a closing on the same line, "Nicolai Wammen____" glued to the
    rule drawn under it)."""
    line = re.split(r"/|_{2,}", line)[0].strip()
    if line in people:
        return line
    # a name's words are capitalised, not in capitals ("Bendt Bendtsen ØKONOMI- OG ...")
    words = takewhile(lambda word: re.match(r"^(?:[A-ZÆØÅ][\w'\-.]*|af|von|van|de)$", word)
                      and not re.match(r"^[A-ZÆØÅ]{2,}", word), line.split())
    name = " ".join(list(words)[:5])
    # the letterhead's words may follow on the line: "Claus Hjort Frederiksen Finansministeriet •"
    while name and (not PERSON_NAME.match(name) or NOT_NAME_WORDS.search(name)):
        name = " ".join(name.split()[:-1])
    if not name or len(name.split()) < 2:
        return None
    return name


def title_after(lines: list[str]) -> str | None:
    """A minister's title under the name ("Social- og boligminister", "Fg. justitsminister")."""
    for line in lines:
        title = re.sub(rf"^{ACTING}\s*", "", line, flags=re.IGNORECASE)
        if re.search(r"minister$", title, re.IGNORECASE) and len(title) < 60:
            return title
    return None


def known_minister_line(text: str, on: str | None) -> str | None:
    """With no closing formula and no "/": the last line that is a name the ministers list
    knows as a minister on the letter's date."""
    if getattr(gazetteer, "minister", None) is None:
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        # The name may follow the last sentence on its line, where a line break was lost
        # ("... ledningen i høring.<tab>Connie Hedegaard").
        tail = re.search(rf"[.!?]\s+({NAME})$", line)
        for candidate in [line, *([tail.group(1)] if tail else [])]:
            is_name = PERSON_NAME.match(candidate) and not NOT_NAME_WORDS.search(candidate)
            if is_name and gazetteer.minister(candidate, on=on):
                return candidate
    return None


# Capitalised words before a "/" and a capitalised word after it, anywhere on a line; the
# minister's title may stand between, glued where the line break was lost ("Henrik Dam
# Kristensenfg. justitsminister/John Vestergaard").
SIGNED_FOR_WITHIN_LINE = re.compile(
    r"((?:[A-ZÆØÅ][\w'\-.]*[ \t]+){0,3}[A-ZÆØÅ][\w'\-]+)"
    r"(?:[ \t]*(?i:fg\.|fungerende|konst\.)?[ \t]*[a-zæøå\-]*minister)?[ \t]*/[ \t]*(?=[A-ZÆØÅ])")


def known_minister_signed_for(text: str, on: str | None) -> str | None:
    """In a letter run into one line, the minister's name before the official's, where the
    ministers list knows it: "... i høring. Connie Hedegaard /Karsten Skov Miljøministeriet
    Departementet ...", "...(Alm. del).Kristian Jensen/John Fuhrmann".

    >>> known_minister_signed_for("i høring.  Connie Hedegaard /Karsten Skov Miljøministeriet",
    ...                           "2005-10-07")
    'Connie Hedegaard'
    >>> known_minister_signed_for("Henrik Dam Kristensenfg. justitsminister/John Vestergaard",
    ...                           "2013-07-05")
    'Henrik Dam Kristensen'
    """
    found = None
    for match in SIGNED_FOR_WITHIN_LINE.finditer(text):
        words = match.group(1).split()
        # the name is the longest run of the words before "/" that ends there and is known
        for start in range(len(words) - 1):
            name = " ".join(words[start:])
            if gazetteer.minister(name, on=on):
                found = name
                break
    return found

