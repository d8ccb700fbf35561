"""What the letter is about and how it greets: a labelled subject or a heading below the
address, and the salutation that opens the running text.

    >>> salutation_of("Kære ordførere,\\nHermed ...")
    'Kære ordførere'
"""

from __future__ import annotations

import re
from itertools import takewhile

from pipeline.contact_patterns import POSTAL
from pipeline.extract.letterhead.letter_date import is_dateline
from pipeline.nlp import gazetteer
from pipeline.reading import Block, Document
from pipeline.reading.blocks import COLUMN_GAP  # one idea of a row's columns for both stages
from pipeline.reading.columnroles import (  # one idea of a heading for both stages
    NO_HEADING,
    OPEN_ENDED,
    is_one_word_topic,
    names_a_topic,
)
from pipeline.reading.layout import SALUTATION  # one pattern for both stages
from pipeline.reading.lineroles import RECIPIENT, SUBJECT_START, recipient_role

# A line that starts with a label ("Sagsnr.: ...", "J.nr. ..."): where a labelled subject ends.
LABELLED = re.compile(r"^[\w. -]{1,20}:|^(?i:(?:j|jour|sags?|dok|akt|ref|cvr|tlf|tel|telefon)\b)")
# "Emne: ...", "Vedr.: ...": a subject by its label.
SUBJECT_LABEL = re.compile(r"^(?:(?:emne|vedr\.?|vedrørende|om|angående)\s*:|vedr\.)\s*",
                           re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]{2,}")
# A member of Folketinget, as an address names one: "Victoria Velasquez (EL)", "Medlem af
# Folketinget, Britt Bager (KF)".
MEMBER_LINE = re.compile(r"^(?:Medlem af Folketinget,?\s+)?[A-ZÆØÅ][\w'\-]+(?:\s+[A-ZÆØÅ]"
                         r"[\w'\-.]*){1,3}\s*\([A-ZÆØÅa-zæøå]{1,3}\)$")
# How an address block's line names its addressee: "Til ...", "Medlemmerne af ...",
# "Folketingets ...", "(også sendt til ...)" (not a heading that ends with a committee's name:
# "Ny tidsplan for afrapportering fra det midlertidige AMO-udvalg").
ADDRESSEE = re.compile(r"^(?:Til\b|Medlemmerne\s+af\s|Folketingets\s|\((?:også|kopi)\s)")
# A copy's addressee, also joined to the address line before it.
COPY_TO = re.compile(r"\b(?:Kopi|Cc)\s+til\s*:", re.IGNORECASE)
# A heading is a sentence or two; more is the letter's text run into one line.
HEADING_MAX_WORDS = 45


def subject_of(document: Document, recipient_block: Block | None) -> str | None:
    """A labelled subject ("Emne: ..."), else a bold heading below the address, else the
    last heading-like block there. The letterhead above the address is never the subject."""
    blocks = document.region("head")
    for block in blocks:
        for index, line in enumerate(block.lines):
            if SUBJECT_LABEL.match(line):
                rest = takewhile(lambda more: not LABELLED.match(more), block.lines[index + 1 :])
                return " ".join([SUBJECT_LABEL.sub("", line).strip(), *rest]).strip() or None
    above: list[Block] = []
    if recipient_block in blocks:
        above = blocks[: blocks.index(recipient_block)]
        blocks = blocks[blocks.index(recipient_block) + 1 :]
    # a block after one that breaks off at a comma is that block's rest ("Folketingets Udvalg
    # for Fødevarer," / a blank line / "Landbrug og Fiskeri")
    headings = [block for before, block in zip([None, *blocks], blocks, strict=False)
                if looks_like_heading(block)
                and not (before and before.lines and before.lines[-1].rstrip().endswith(","))
                and not (before and is_rest_of(block, before.lines))]
    # above the address, only what names itself a subject ("Oversendelse af ...", "Besvarelse
    # af ..."), where the text's order put the heading before the address
    named = [block for block in above
             if SUBJECT_START.match(block.lines[0]) and looks_like_heading(block)]
    chosen = ([block for block in headings if block.bold] or headings[-1:] or named[:1]
              or [None])[0]
    return " ".join(with_its_rest(chosen, blocks)) if chosen else None


def with_its_rest(heading: Block, blocks: list[Block]) -> list[str]:
    """A bold heading's lines and those of the bold blocks after it that its last word leaves
    open ("... fra Folketingets Udlændinge- og" / "Integrationsudvalg", read apart as an
    addressee's name) or that go on in small letters ("... grundvandsbeskyttelse - manglende"
    / "oversendelse af høringssvar ...", read apart as a heading of its own)."""
    lines = list(heading.lines)
    after = blocks[blocks.index(heading) + 1 :] if heading in blocks else []
    for block in after:
        goes_on = OPEN_ENDED.search(lines[-1].rstrip()) or block.lines[0][:1].islower()
        if not (heading.bold and block.bold and goes_on) and not is_rest_of(block, lines):
            break
        lines += block.lines
    return lines


# The most words a heading's rest set apart from it may have: "Integrationsudvalg".
REST_WORDS = 3


def is_rest_of(block: Block, heading: list[str]) -> bool:
    """A few words set apart from the heading's lines before them, which break off at a
    hyphen's "og" or a preposition: "... fra Folketingets Udlændinge- og" /
    "Integrationsudvalg"."""
    return bool(heading) and bool(OPEN_ENDED.search(heading[-1].rstrip())) and \
        len(block.lines) == 1 and len(block.lines[0].split()) <= REST_WORDS and \
        SUBJECT_START.match(heading[0]) is not None


def looks_like_heading(block: Block) -> bool:
    """A short block of words: no date, no label, no address, no row of separate columns."""
    text = " ".join(block.lines)
    return (
        len(block.lines) <= 3
        # ". / ." marks an enclosure, no heading; two words are one where they name a topic
        # ("Ministrenes stedfortrædere"), not a name ("Folketingets Retsudvalg")
        and (len(WORD.findall(text)) >= 3
             or len(WORD.findall(text)) == 2 and names_a_topic(text.split())
             or is_one_word_topic(text.strip()))
        and len(text.split()) <= HEADING_MAX_WORDS
        and COLUMN_GAP not in text
        and not any(is_dateline(line) or ":" in line[:20] for line in block.lines)
        and not POSTAL.match(block.lines[-1])
        and not any(gazetteer.canonical_ministry(line) for line in block.lines)
        and not any(MEMBER_LINE.match(line) for line in block.lines)  # an addressee
        # an address block's own line ("Medlemmerne af Folketingets Europaudvalg og deres
        # stedfortrædere") below the first
        and not all(ADDRESSEE.match(line) and recipient_role(line) == RECIPIENT
                    for line in block.lines)
        and "Christiansborg" not in text  # Folketinget's address run into one line
        and not text.rstrip().endswith(",")  # an address line broken off
        # the rest of a line before it, set apart by a blank line ("Medlemmerne af
        # Folketingets Europaudvalg" / "og deres stedfortrædere")
        and not text[:1].islower()
        # how or to whom it goes, whose it is, an office: "Til orientering", "Kopi til: ...",
        # "Koncernøkonomi og styring"
        and not NO_HEADING.match(text)
        and not COPY_TO.search(text)  # "... Boligudvalg Kopi til: Folketingets Finansudvalg"
    )


# A greeting glued to the text after it where a line break was lost: "Kære
# ArbejdsmarkedsudvalgDet er tidligere aftalt, ...".
GLUED_SALUTATION = re.compile(r"(?i:kære|hej)\s+[^\n:,]{1,60}?[a-zæøå](?=[A-ZÆØÅ][a-zæøå])")


def salutation_of(body_text: str) -> str | None:
    first_line = body_text.split("\n", 1)[0].strip()
    if glued := GLUED_SALUTATION.match(first_line):
        return glued.group(0)
    return first_line.rstrip(",!") if SALUTATION.match(first_line) else None

