"""The letterhead's lines and segments: the blocks beside the running text (less ft.dk's
stamp), their lines, and a line cut where its facts meet.

    >>> segments_of("Slotsholmsgade 10 · 1216 København K")
    ['Slotsholmsgade 10', '1216 København K']
"""

from __future__ import annotations

import re

from pipeline.contact_patterns import POSTAL
from pipeline.reading import Block, Document
from pipeline.reading.lineroles import stamp_role  # one idea of ft.dk's stamp for both stages

# Where a line break between two facts was lost: a lower-case letter glued to a capital
# ("FolketingetUdvalget"), a word to a postcode ("Christiansborg1240 København K").
CAMEL_GLUE = re.compile(
    r"(?<=[a-zæøå])(?=[A-ZÆØÅ])|(?<=[A-ZÆØÅ]{3})(?=[A-ZÆØÅ][a-zæøå]{2})"
    r"|(?<=MINISTEREN)(?=[A-ZÆØÅ])|(?<=MINISTERIET)(?=[A-ZÆØÅ])"  # "...MINISTERENØKONOMI- OG"
)
# Folketinget's address after the committee on the same line, its break lost to a space.
CHRISTIANSBORG_AFTER = re.compile(r"\s+(?=Christiansborg(?:\s*$|\s+\d{4}\s))")
SEPARATORS = re.compile(r"\s*(?:[·•|]|\s{3,}|_{3,})\s*")
# Four words in lower case in a row: running text, no letterhead.
PROSE = re.compile(r"(?:\b[a-zæøå]+\s+){3}[a-zæøå]+\b")


def is_stamp_block(block: Block) -> bool:
    return block.region == "stamp" or any(stamp_role(line.strip()) for line in block.lines)


def letterhead_blocks(document: Document) -> list[Block]:
    """The blocks beside the running text, less ft.dk's stamp."""
    blocks = document.region("head", "sidebar", "header", "footer")
    return [block for block in blocks if not is_stamp_block(block)]


def letter_texts(document: Document) -> list[str]:
    """The lines of the blocks beside the text, each block also with its lines joined by
    spaces (a narrow sidebar wraps one printed line into several), then each line of the
    running text; no stamp lines."""
    texts = []
    for block in letterhead_blocks(document):
        lines = [line.strip() for line in block.lines if not stamp_role(line.strip())]
        texts += [*lines, " ".join(lines)] if len(lines) > 1 else lines
    body = [line for line in document.body_text.split("\n") if not stamp_role(line.strip())]
    return [text for text in texts + body if text.strip()]


def letter_lines(document: Document) -> list[str]:
    """Every line of the blocks beside the text, then of the running text; no stamp lines."""
    lines = [line for block in letterhead_blocks(document) for line in block.lines]
    lines += document.body_text.split("\n")
    return [line.strip() for line in lines if line.strip() and not stamp_role(line.strip())]


def segments_of(text: str) -> list[str]:
    """A letterhead line cut where its facts meet: separators, and breaks lost in the
    text stream ("FolketingetUdvalget for ForretningsordenenChristiansborg1240 København K"
    -> "Folketinget", "Udvalget for Forretningsordenen", "Christiansborg", "1240 København K").
    """
    text = re.sub(r",(?=[A-ZÆØÅ])", ", ", text)
    text = CHRISTIANSBORG_AFTER.sub(" | ", text)
    text = CAMEL_GLUE.sub(" | ", text)
    text = POSTAL.sub(lambda match: f" | {match.group(0)} | ", text)
    return [part.strip(" .") for part in SEPARATORS.split(text) if part.strip(" .")]


def is_prose(text: str) -> bool:
    return PROSE.search(text) is not None


def letterhead_part(text: str) -> str:
    """What stands before the running text starts in a line (a letter printed as one long
    line begins with its letterhead: "Stormgade 2-6 1470 København K T 33 95 13 10 ...")."""
    prose = PROSE.search(text)
    return text[: prose.start()] if prose else text

