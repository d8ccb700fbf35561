"""Letters whose published text lost its line breaks: the letterhead's facts, then the
letter itself, in one long line that a PDF printed from the text wraps over many rows.

Read line by line, such a run starts as letterhead (a street, a phone, "Dato:") and every
row wrapped from it would go with it, the letter's text included. Here the row where the
running text starts is cut in two, so that what comes before stays letterhead and the rest
is read as running text.

    >>> prose_start("Tlf. 3392 3300 www.jm.dk Under henvisning til udvalgets skrivelse")
    25
    >>> prose_start("Slotsholmsgade 10 1216 København K Telefon 3392 3340") is None
    True
    >>> prose_start("Dato:TilFolketingets TestudvalgHermed sendes svar")
    31
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.reading.columnroles import is_wrapped
from pipeline.reading.lineroles import (
    ANY_LABEL,
    CASE_LABELS,
    PROSE,
    SET_APART,
    SUBJECT_START,
    role_of,
)
from pipeline.reading.pdf import Line

# A wrapped run longer than a letterhead line can be (``role_of`` reads no line of more
# characters as letterhead): only there do small words in a row start the letter's text.
RUN_ON_LENGTH = 300
# Openings no letterhead holds: "Under henvisning til ...", "I brev af ...".
# ... glued to the word before it where the line break was lost ("SkatteudvalgHermed").
OPENING = re.compile(r"(?:(?<!\S)|(?<=[a-zæøå]))"
                     r"(?:Under henvisning til|I (?:brev|skrivelse) af|Hermed|Kære)\b")
# A run that starts with the committee it is addressed to, as a letter run into one line
# does: "Folketingets Socialudvalg Dato: 27. april 2005 Under henvisning til ...".
ADDRESSED_RUN = re.compile(r"^(?:Til\s+)?Folketingets\s+(?:[\w,\- ]{0,60}?udvalg\b|Udvalg\s+for\b)")
# A subject's closing colon glued to the letter's first sentence: "(Alm. del):I brev af", or
# its closing bracket to the date after it: "(alm. del)25. juni 2013Spørgsmål 922 ...", or
# its last sentence to the question's heading: "... efter ønske fra Søren Espersen
# (DF).Spørgsmål 4:Mener regeringen ...".
SUBJECT_THEN_TEXT = re.compile(r"\):(?=[A-ZÆØÅ])|\)(?=\d{1,2}\.\s?[a-zæøå]+\s+\d{4})"
                               r"|(?<=[.)])(?=Spørgsmål\s*(?:nr\.\s*)?\d+\s*:)")
# A row of labels run on from other text, before their row of values there or on the next
# line: "... og deres stedfortrædere Bilag Journalnummer" / "Kontor 1 400.C.2-0 EUK 7. januar
# 2005". "Bilag" needs no colon in such a row.
LABEL_ROW = re.compile(
    rf"(?<=\s)(?:(?:{ANY_LABEL}|bilag)(?-i:(?![a-zæøå]))\.?[ \t]*:?(?:[ \t]+|$)){{2,}}",
    re.IGNORECASE)
CASE_LABEL = re.compile(rf"(?<![\w.])(?:{CASE_LABELS})(?![a-zæøå])", re.IGNORECASE)
# Words a sentence's start may hold before its first run of small words: "12.", "2005",
# "L" (of "L 145"), "(EUU".
SENTENCE_WORD = re.compile(r"^[(\"”]?(?:[a-zæøå]\S*|\d\S*|[A-ZÆØÅ])$")


def prose_start(text: str) -> int | None:
    """Where the running text starts in a run of letterhead facts and text: at an opening,
    or, in a run longer than a letterhead line, at the capitalised word that starts the
    sentence of the first run of small words ("for grundskole og folkeoplysning" names an
    office in a letterhead line of ordinary length)."""
    starts = []
    if opening := OPENING.search(text):
        starts.append(opening.start())
    if len(text) > RUN_ON_LENGTH and (prose := PROSE.search(text)):
        starts.append(sentence_start(text, prose.start()))
    return min(starts) if starts else None


def sentence_start(text: str, position: int) -> int:
    """Back from ``position`` over the sentence's words to the capitalised one before them
    ("Udvalget har ved skrivelse af 12. juni ..."), or as far as such words go."""
    start = position
    for word in reversed(list(re.finditer(r"\S+", text[:position]))):
        token = word.group(0)
        if SENTENCE_WORD.match(token):
            start = word.start()
        elif token[:1].isupper() and not token.isupper():
            return word.start()
        else:
            break
    return start


def cut_run_ons(lines: list[Line], right_edge: float) -> list[Line]:
    """``lines`` with each run-on letterhead row cut where the letter's text starts."""
    edge = max([right_edge, *(line.x1 for line in lines)])
    out: list[Line] = []
    index = 0
    while index < len(lines):
        end = index + 1
        while end < len(lines) and is_wrapped(lines[end - 1], lines[end], edge):
            end += 1
        out += cut_run(lines[index:end])
        index = end
    return out


def cut_run(run: list[Line]) -> list[Line]:
    """One row wrapped over several lines, cut in two where its running text starts, if it
    begins as letterhead and runs on longer than a letterhead line can be, begins as a
    subject whose colon the text runs on from, or begins with the committee addressed and
    runs on into the text; and cut before a row of labels it runs on into (which then
    stands with its values)."""
    texts = [line.text.strip() for line in run]
    joined = " ".join(texts)
    if heading := glued_heading_start(joined):
        return cut_at(run, [heading])
    start: int | None = None
    if SUBJECT_START.match(joined) and (colon := SUBJECT_THEN_TEXT.search(joined)):
        start = colon.end()  # "Svar på spørgsmål 40 (Alm. del):I brev af ..."
    elif any(role_of(text) in SET_APART for text in texts):
        start = prose_start(joined)
    elif addressed := ADDRESSED_RUN.match(joined):
        start = prose_start(joined)  # "Folketingets Socialudvalg Dato: ... Under henvisning til"
        if start is not None and start < addressed.end():
            start = None  # the sentence names the committee first: "Folketingets Xudvalg har"
    if start:
        return cut_at(run, [*label_row_start(joined[:start]), start])
    # With no running text after it, a row of labels is cut off only where it ends the run:
    # its values begin the next line.
    return cut_at(run, label_row_start(joined, at_end=True))


# Where a letterhead's web address or a date's year ends and a heading glued to it starts,
# where a line break was lost: "www.mbbl.dkSvar på ...", "Dato: 16. maj 2008Svar på ...".
GLUED_AFTER_ITEM = re.compile(
    r"(?:\.(?:dk|com|eu|org|net|gl|fo)|\b(?:19|20)\d\d)(?=[A-ZÆØÅ][a-zæøå])")


def glued_heading_start(text: str) -> int | None:
    """Where a subject heading glued to the letterhead or date item before it starts.

    >>> glued_heading_start("www.mbbl.dkSvar på spørgsmål nr. 88 (Alm. del)")
    11
    >>> glued_heading_start("Dato: 16. maj 2008Svar på spørgsmål nr. 212") is None
    False
    >>> glued_heading_start("www.xm.dkDato: 4. maj 2020") is None
    True
    """
    for item in GLUED_AFTER_ITEM.finditer(text):
        if SUBJECT_START.match(text[item.end() :]):
            return item.end()
    return None


def label_row_start(letterhead: str, at_end: bool = False) -> list[int]:
    """Where a row of labels with a case number's label starts, in the letterhead part of
    a run (``at_end``: where it ends it), if something else goes before it: there the row is
    cut from what goes before, so that it stands with its values ([] where there is none).

    >>> label_row_start("Medlemmerne af Folketingets Europaudvalg Bilag Journalnummer", True)
    [41]
    """
    for row in LABEL_ROW.finditer(letterhead):
        if (CASE_LABEL.search(row.group(0)) and letterhead[: row.start()].strip()
                and (not at_end or row.end() == len(letterhead))):
            return [row.start()]
    return []


def cut_at(run: list[Line], cuts: list[int]) -> list[Line]:
    """The lines of ``run`` cut at the characters ``cuts`` of their joined text."""
    out: list[Line] = []
    offset = 0
    for line in run:
        text = line.text.strip()
        pieces = [line]
        for at in sorted((cut - offset for cut in cuts if offset < cut < offset + len(text)),
                         reverse=True):
            pieces = [*split_line(pieces[0], at), *pieces[1:]]
        out += pieces
        offset += len(text) + 1
    return out


def split_line(line: Line, at: int) -> list[Line]:
    """A line cut at character ``at`` into two, each as wide as its share of the text."""
    text = line.text.strip()
    if at <= 0:
        return [line]
    cut_x = line.x0 + line.width * at / max(len(text), 1)
    return [replace(line, text=text[:at].rstrip(), x1=cut_x),
            replace(line, text=text[at:].lstrip(), x0=cut_x, row_rest=True,
                    first_word_x1=None)]
