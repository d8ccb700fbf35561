"""Who the letter is addressed to: a line (or segment) that is a committee's name,
"Folketingets Lovsekretariat", or a member "Name (Party)" over "Christiansborg", with
Folketinget's address where it is printed.

    >>> committees_in("Til: Folketingets Forsvarsudvalg og Folketingets Finansudvalg")
    ['Forsvarsudvalget', 'Finansudvalget']
"""

from __future__ import annotations

import re
from itertools import takewhile
from typing import NamedTuple

from models import Recipient
from pipeline.contact_patterns import EMAIL_LINE, POSTAL, TOWN
from pipeline.extract.letterhead.lines import (
    is_prose,
    letter_lines,
    letter_texts,
    letterhead_blocks,
    letterhead_part,
    segments_of,
)
from pipeline.nlp import gazetteer
from pipeline.reading import Block, Document

ORGANISATION = "Folketinget"
FOLKETINGET_ADDRESS = "Christiansborg, 1240 København K"
LOVSEKRETARIAT = "Folketingets Lovsekretariat"

# "Folketingets Trafikudvalg", "Miljøudvalget": a committee by the form of its name alone.
UNKNOWN_COMMITTEE = re.compile(
    r"(?:Folketingets\s+)?(?P<name>(?:[A-ZÆØÅ][\wæøå]*-,?\s+(?:[\wæøå]+-,?\s+)*og\s+)?"
    r"[A-ZÆØÅ][\wæøå]*udvalg)(?:et|ets|s)?"
)
# "(også sendt til Folketingets Beskæftigelsesudvalg)" under the first addressee adds one.
RECIPIENT_LEAD = re.compile(
    r"^(?:\(\s*(?:også\s+sendt\s+til|kopi\s+til|cc:?)\s*)?(til\s*:?\s*)?(medlemmerne\s+af\s+)?",
    re.IGNORECASE)
# "... og deres stedfortrædere" ends the addressee, whatever a line run on adds ("Bilag"), also
# where the line break before it was lost ("Folketingets Europaudvalgog deres stedfortrædere").
RECIPIENT_TAIL = re.compile(r"(?:\s+|(?<=udvalg))og\s+deres\s+stedfortrædere\b.*$|\s*[,)]\s*$",
                            re.IGNORECASE)
LOVSEKRETARIAT_LINE = re.compile(
    r"^(?:Til\s+)?(?:Folketingets\s+Lovsekretariat|Lovsekretariatet)"
    # the letterhead's next line read with it: "Folketingets Lovsekretariat ERHVERVSMINISTEREN"
    r"(?:$|\s+(?-i:[A-ZÆØÅ]{2,}(?:\s|$)))", re.IGNORECASE)
# "Medlem af Folketinget, Britt Bager (KF)", "MF Karin Liltorp", "Til Karin Liltorp, MF": a
# member, by the line's own words.
TITLED_MEMBER = re.compile(
    r"^(?:Til\s+)?(?P<title>(?:Medlem\s+af\s+Folketinget,?|Folketingsmedlem|MF)\s+)?"
    r"(?!Kære\b)(?P<name>[A-ZÆØÅ][\w'\-]+(?:\s+[A-ZÆØÅ][\w'\-.]*){1,3})"
    r"(?:\s*\([A-ZÆØÅa-zæøå]{1,3}\))?(?(title)|,?\s+MF)$"
)
MEMBER = re.compile(
    r"^(?:Til\s+)?(?:Folketingsmedlem\s+)?(?P<name>[A-ZÆØÅ][\w'\-]+(?:\s+[A-ZÆØÅ][\w'\-.]*){1,3})"
    r"\s*\((?:[A-ZÆØÅ]{1,3}|[A-ZÆØÅ][a-zæøå]{0,2})\)$"
)
# A member named without party above Folketinget's address: "Dennis Flydtkjær" /
# "Christiansborg"; not a committee, office or ministry of two capitalised words.
PLAIN_NAME = re.compile(
    r"^(?:Til\s+)?(?P<name>[A-ZÆØÅ][a-zæøåéèëüöäáó'\-]+(?:\s+[A-ZÆØÅ][a-zæøåéèëüöäáó'\-]*){1,3})$")
NOT_A_PERSON = re.compile(r"folketing|udvalg|sekretariat|ministe|kontor|styrelse|christiansborg"
                          # a street without its number: "Asiatisk Plads"
                          r"|(?:gade|vej|kanal|plads|stræde|allé|torv|boulevard|brygge|kaj)$",
                          re.IGNORECASE)
# A line that wants its next ("Skatte-, Told- og", "stillet af Folketingets Miljø- og",
# "Folketingets Udvalg for"):
# what follows it is the rest of a sentence or heading, no address.
CONTINUED = re.compile(r"(?:[-,]|\bog|\beller|\bfra|\bfor|\bvedrørende)$", re.IGNORECASE)
ADDRESS_LINE = re.compile(r"^(?:Christiansborg|Folketinget|Til\s+Folketinget|DK\s+Danmark)$")


def find_recipient_block(document: Document) -> Block | None:
    for block in document.region("head", "sidebar"):
        lines = rejoined(block.lines)  # "Folketingets Udvalg for" / "Fødevarer, ..."
        if any(addressee_in(line, lines[index + 1 :], None) for index, line in enumerate(lines)):
            return block
    return None


def committee_in(line: str, on: str | None = None) -> str | None:
    """The committee a recipient line names ("Til: Folketingets Finansudvalg"); one the
    gazetteer does not know by the form of its name ("Folketingets Xudvalg" -> "Xudvalget")."""
    text = RECIPIENT_TAIL.sub("", RECIPIENT_LEAD.sub("", line.strip()))
    known = gazetteer.canonical_committee(text, on=on)
    if known or not (unknown := UNKNOWN_COMMITTEE.fullmatch(text)):
        return known
    return unknown.group("name") + "et"


# Between two names of an address line: a comma, "og" before a committee, a dash before a
# capital ("Folketinget - Skatteudvalget"; not "Miljø - og Planlægningsudvalg").
NAMES_APART = re.compile(
    r"(?<![-–]),\s*|(?<![-–])\s+og\s+(?=folketingets\b|\w+udvalg)|\s+[-–]\s+(?=(?-i:[A-ZÆØÅ]))"
    # two lines of the block read as one ("Folketingets Finansudvalg Folketingets Forsvarsudvalg")
    r"|(?<=udvalg)\s+(?=(?-i:Folketingets)\s)", re.IGNORECASE)


def committees_in(line: str, on: str | None = None) -> list[str]:
    """ "Til: Folketingets Forsvarsudvalg og Folketingets Finansudvalg" -> both; a name that
    coordinates words ("Transport-, Bygnings- og Boligudvalget") stays whole; "Til
    Folketinget - Skatteudvalget" names the committee after the dash."""
    whole = committee_in(line, on)
    parts = NAMES_APART.split(line)
    if len(parts) < 2 or any(part.rstrip().endswith(("-", "–")) for part in parts[:-1]):
        # one name whose words are coordinated ("Miljø- og Planlægningsudvalg")
        return [whole] if whole else []
    names = [name for part in parts if (name := committee_in(part, on))]
    return names if len(names) > 1 or not whole else [whole]


def addressee_in(segment: str, following: list[str], on: str | None,
                 after_addressee: bool = False) -> list[str]:
    """Who a segment of the address block names: committees, the Lovsekretariat, or a
    member ("Morten Messerschmidt (DF)") where Christiansborg or the member's e-mail address
    follows ("Victoria Velasquez (EL)" / "[email protected]"), or who follows another
    addressee of the block ("Folketingets Beskæftigelsesudvalg" / "Victoria Velasquez (EL)")."""
    if LOVSEKRETARIAT_LINE.match(segment):
        return [LOVSEKRETARIAT]
    if segment[:1].islower() and not RECIPIENT_LEAD.match(segment).group(0):
        return []  # a sentence's words broken over lines ("af Folketingets Miljøudvalg.")
    member = MEMBER.match(segment)
    if member and (after_addressee or past_folketinget(following)[:1] == ["Christiansborg"]
                   or bool(following) and bool(EMAIL_LINE.match(following[0]))):
        return [member.group("name")]  # "Morten Messerschmidt (DF)" / ("Folketinget" /) ...
    if titled := TITLED_MEMBER.match(segment):
        return [titled.group("name")]
    committees = committees_in(segment, on)
    # the member's address follows: "Dennis Flydtkjær" / "Christiansborg", or after another
    # addressee the member's e-mail address ("Mattias Tesfaye" / "[email protected]") or the
    # sender's letterhead ("Anne Honoré Østergaard" / "Beskæftigelsesministeriet")
    address_follows = past_folketinget(following)[:1] == ["Christiansborg"] or (
        after_addressee and bool(following) and bool(
            EMAIL_LINE.match(following[0]) or gazetteer.canonical_ministry(following[0])))
    if not committees and (plain := PLAIN_NAME.match(segment)) and address_follows and \
            not NOT_A_PERSON.search(segment) and not gazetteer.canonical_ministry(segment):
        return [plain.group("name")]
    return committees


def past_folketinget(after: list[str]) -> list[str]:
    """What follows an addressee, past a "Folketinget" line or word before its address."""
    return after[1:] if after[:1] == ["Folketinget"] else after


def recipients_of(document: Document, on: str | None = None) -> list[Recipient]:
    """The address block's addressees, with Folketinget's address where it is printed.
    Searched in the head first, then every letterhead segment; a letter printed as one
    long line names its committee at its very start."""
    head = [seg for block in document.region("head") for line in block.lines
            for seg in segments_of(line)]
    every = [seg for line in letter_lines(document) if not is_prose(line)
             for seg in segments_of(line)]
    found = addressees_in(rejoined(postcodes_with_towns(head)), on)
    in_every = addressees_in(rejoined(postcodes_with_towns(every)), on)
    if found is None:
        found = in_every
    elif in_every and in_every.names[: len(found.names)] == found.names:
        # more addressees of the block that the reading set apart from the head with the
        # e-mail addresses between them: "Folketingets Beskæftigelsesudvalg" / "[email protected]"
        # / "Mattias Tesfaye" / "[email protected]"
        found = Addressees(in_every.names, found.address or in_every.address)
    if found is None:
        return recipients_at_start(document, on) or recipients_in_letterhead_run(document, on)
    return [Recipient(name=name, organisation=ORGANISATION, address=found.address)
            for name in found.names]


class Addressees(NamedTuple):
    """The names an address block gives, and Folketinget's address after them."""

    names: list[str]
    address: str | None


def addressees_in(segments: list[str], on: str | None) -> Addressees | None:
    """The first addressee of ``segments`` and those right after it, with Folketinget's
    address after them; None where no segment names an addressee."""
    for index, segment in enumerate(segments):
        names = addressee_in(segment, segments[index + 1 :], on)
        if not names:
            continue
        # "Grønlandsudvalget" / "Færøudvalget" / "Folketinget": one address for all
        for position, more in enumerate(segments[index + 1 :], start=index + 1):
            if EMAIL_LINE.match(more):
                index += 1
                continue  # an addressee's e-mail address, another addressee after it
            also = addressee_in(more, segments[position + 1 :], on, after_addressee=True)
            if not also:
                break
            names += also
            index += 1
        return Addressees(list(dict.fromkeys(names)),
                          folketinget_address(segments[index + 1 : index + 5]))
    return None


# A postcode cut from its town where a glued line was cut apart ("...Christiansborg1240" /
# "København K"), and the town after it.
BARE_POSTCODE = re.compile(r"\d{4}")
TOWN_SEGMENT = re.compile(TOWN)


def postcodes_with_towns(segments: list[str]) -> list[str]:
    """ "1240" / "København K" -> "1240 København K".

    >>> postcodes_with_towns(["Christiansborg", "1240", "København K"])
    ['Christiansborg', '1240 København K']
    """
    joined: list[str] = []
    for segment in segments:
        if joined and BARE_POSTCODE.fullmatch(joined[-1]) and TOWN_SEGMENT.fullmatch(segment):
            joined[-1] = f"{joined[-1]} {segment}"
        else:
            joined.append(segment)
    return joined


def rejoined(segments: list[str]) -> list[str]:
    """Segments with a name wrapped over two lines whole again: "Folketingets Miljø- og" +
    "Planlægningsudvalg"; the line break kept, so that a word broken at a hyphen joins."""
    joined: list[str] = []
    for segment in segments:
        if joined and CONTINUED.search(joined[-1]):
            joined[-1] = f"{joined[-1]}\n{segment}"
        else:
            joined.append(segment)
    return joined


def recipients_in_letterhead_run(document: Document, on: str | None) -> list[Recipient]:
    """A committee's name inside a run of letterhead facts, between capitals ("... www.minff.dk
    [email protected] Udvalget for Fødevarer, Landbrug og Fiskeri MINISTEREN Dato: ...")."""
    for text in letter_texts(document):
        words = letterhead_part(text).split()
        for start, word in enumerate(words):
            if not word[:1].isupper():
                continue
            for end in range(min(len(words) - 1, start + 8), start, -1):
                name = committee_in(" ".join(words[start:end]), on)
                if name and words[end][:1].isupper():
                    return [Recipient(name=name, organisation=ORGANISATION, address=None)]
    return []


def folketinget_address(after: list[str]) -> str | None:
    """ "Christiansborg" and "1240 København K" as far as printed below the addressee."""
    block = list(takewhile(lambda seg: ADDRESS_LINE.match(seg) or POSTAL.fullmatch(seg), after))
    if "Christiansborg" not in block:
        return None
    postal = [seg for seg in block if POSTAL.fullmatch(seg) and seg.startswith("1240")]
    return FOLKETINGET_ADDRESS if postal else "Christiansborg"


def recipients_at_start(document: Document, on: str | None) -> list[Recipient]:
    """A letter whose text is one long line: the committee its first words name, where
    no running text follows the name ("Folketingets Energipolitiske Udvalg Christiansborg
    1240 København K Dato ...", "Medlemmerne af Folketingets Europaudvalg og deres
    stedfortrædere Bilag ...")."""
    firsts = [document.body_text.strip().split("\n", 1)[0]]
    firsts += [block.lines[0] for block in letterhead_blocks(document) if block.lines]
    for line in firsts:
        words = line.split()
        for length in range(min(len(words), 9), 1, -1):
            name = committee_in(" ".join(words[:length]), on)
            rest = past_folketinget(words[length : length + 5])[:4]
            if name and (not rest or rest[0][:1].isupper()):
                address = None
                if rest[:1] == ["Christiansborg"]:
                    address = FOLKETINGET_ADDRESS if rest[1:2] == ["1240"] else "Christiansborg"
                return [Recipient(name=name, organisation=ORGANISATION, address=address)]
    return []

