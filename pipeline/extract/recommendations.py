"""Recommendations: the recommended content, one item per list element.

    >>> [r.text for r in doc._.recommendations]  # doctest: +SKIP
    ['behov for mere akuthjælp', 'øget fokus på familiebehandling']

A sentence holds recommendations when a lead-in introduces their content:
"anbefaler, at ...", "det anbefales, at ...", "anbefalinger i relation til ...",
"anbefalingerne er: ..." followed by a list. A sentence that only says that
recommendations exist ("Rapporten indeholder 12 anbefalinger.") holds none.
Each item's evidence quotes it exactly, without the lead-in.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from models import Recommendation
from pipeline.extract.base import evidence, sentence_at

# A lead-in followed by clauses: "anbefaler, at A, og at B".
# ("anbefalede i juni 2012, at 14 kirker tages ud af brug": a time between; "anbefalede i sin
# rapport af 15. marts 2006, at ...", "... i sin rapport fra 2016, at ...": the paper's date).
PAPER_DATE = r"(?:\s+(?:af|fra)\s+(?:(?:den\s+)?\d{1,2}\.\s*[a-zæøå]+\s+)?(?:19|20)\d\d)?"
# The noun leads in only where it says what the recommendation is ("Anbefalingen er, at ..."):
# "gennemgå anbefalingerne og forventer at præsentere ..." recommends nothing.
CLAUSE_LEAD = re.compile(
    rf"(?:\banbefal(?!ing)\w*(?:\s+\w+){{0,4}}?{PAPER_DATE}"
    r"|\banbefaling\w*(?:\s+\w+){0,3}?\s+(?:er|var|lyder|går\s+ud\s+på))"
    r"\s*,?\s+at\s+(?!\w+\s+ikke\b)", re.I)
# A lead-in followed by noun phrases: "anbefalinger i relation til A, B og C".
# "anbefalinger til ændringer" names a topic, not the content, so "til" is no lead-in.
PHRASE_LEAD = re.compile(
    r"\banbefaling(?:er|erne|en)?\s+(?:i relation til|vedrørende|vedr\.|om|inden for|"
    r"på områderne|på følgende områder)\s+"
    r"|\banbefal(?:er|es)\s+(?:(?:derfor|desuden|også|endvidere|bl\.a\.)\s+)?"
    r"(?=(?:en|et|at\s+\w+e\b|\w+)\s)(?!at\b|ikke\b|i\b|derfor\b|,)",
    re.I,
)
# A full stop before a sentence that starts anew.
ITEM_END = re.compile(r"[.;](?=\s+[A-ZÆØÅ])")
# A lead-in ending in a colon, the items following as a list.
# ("anbefaler bl.a.:": an abbreviation's full stops before the colon)
LIST_LEAD = re.compile(r"\banbefal\w*(?:[^.:\n]|\b(?:bl|f|m)\.\s?(?:a|eks|v)\.){0,80}:[ \t]*", re.I)
CLAUSE_SPLIT = re.compile(r",?\s+og\s+at\s+|,\s*at\s+|;\s*")
RELATIVE = re.compile(r"^(der|som|hvor|hvis|hvilke|hvilket|hvorved|hvormed)\b", re.I)
FINAL_CONJUNCT = re.compile(r"^(og|samt|eller)\s+", re.I)
# An item: a bullet or number, or "at" opening the line ("at der indføres ...,").
LIST_ITEM = re.compile(
    r"^(?:(?:[-–•▪*]|\d{1,2}[.)]|[a-z][.)])\s+(?:at\s+)?|at\s+)(.+?)(?:,?\s+og)?[.;,]?$", re.M
)
# "..., hvilket ministeriet vil igangsætte": a closing clause about the whole, not the item.
CLOSING_CLAUSE = re.compile(r",\s+(?:hvilket|hvad)\b.*$", re.I)


@Language.component("ministerbrev_recommendations")
def recommendations_component(doc: Doc) -> Doc:
    doc._.recommendations = find_recommendations(doc)
    return doc


def find_recommendations(doc: Doc) -> list[Recommendation]:
    items: list[tuple[int, int]] = []
    for sentence in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
        # a question asks about recommendations ("Vil ministeren redegøre for anbefalingerne
        # ... og oplyse, hvordan ...?"), it makes none
        if "anbefal" in sentence.text.lower() and not QUESTION_END.search(sentence.text):
            items.extend(items_in(doc.text, sentence.start_char, sentence.end_char))
    return [
        Recommendation(
            text=doc.text[start:end],
            sentence=sentence_at(doc, start, end),
            evidence=evidence(doc, start, end),
        )
        for start, end in dict.fromkeys(items)
    ]


QUESTION_END = re.compile(r"\?[\s\"”»]*$")
# A quotation that ends after the item's full stop, the text going on glued to it ("...
# tættere.”Jeg kan henholde mig ...").
QUOTE_CLOSED = re.compile(r"[.!?][\"”»]")
# An abbreviation that ends a sentence keeps its full stop in the last item.
ABBREVIATION_END = re.compile(r"\b(?:kr|mio|mia|pct|mv|m\.v|m\.m|bl\.a|etc|osv)\.$")
# A line that opens with a label of its own ("Kommentar: ...", "Svar: ...") starts anew,
# though the sentence before it ended on an abbreviation ("... 250" / "mio. kr.").
LABEL_LINE = re.compile(r"\n[ \t]*[A-ZÆØÅ][\wæøå-]{2,30}:\s")


def items_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the recommended items in the sentence ``text[start:end]``."""
    if label := LABEL_LINE.search(text, start, end):
        end = label.start()
    sentence = text[start:end]
    match = LIST_LEAD.search(sentence)
    if match and not text[start + match.end() : end].split("\n", 1)[0].strip():
        return listed_items(text, start + match.end())  # the items follow on lines of their own
    if match := CLAUSE_LEAD.search(sentence):
        colon = sentence.find(":", match.end())
        if colon != -1:  # "anbefaler, at tre forhold tænkes ind: A, B og C"
            return pieces(text, start + colon + 1, end, phrase_items)
        return pieces(text, start + match.end(), end, clause_items)
    if match := PHRASE_LEAD.search(sentence):
        return pieces(text, start + match.end(), end, phrase_items)
    if match := LIST_LEAD.search(sentence):
        return listed_items(text, start + match.end())
    return []


def pieces(text: str, start: int, end: int, splitter) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` (less its closing punctuation) into item spans."""
    if quoted := QUOTE_CLOSED.search(text, start, end):
        end = quoted.start()
    content = CLOSING_CLAUSE.sub("", text[start:end].rstrip(" .!\n"))
    if ABBREVIATION_END.search(content + ".") and text[start:end].rstrip(" !\n").endswith("."):
        content += "."  # the abbreviation's full stop: "... over 250 mio. kr."
    spans = []
    for a, b in splitter(content):
        item = content[a:b]
        a, b = a + len(item) - len(item.lstrip()), b - len(item) + len(item.rstrip())
        if b > a:
            spans.append((start + a, start + b))
    return spans


def clause_items(content: str) -> list[tuple[int, int]]:
    """"der etableres A, og at B styrkes" -> two clauses."""
    spans, position = [], 0
    for separator in CLAUSE_SPLIT.finditer(content):
        spans.append((position, separator.start()))
        position = separator.end()
    spans.append((position, len(content)))
    return spans


def phrase_items(content: str) -> list[tuple[int, int]]:
    """"A, B, C, der D, og E, som F" -> A; B; "C, der D"; E — a relative clause belongs to
    the item before it, except after the final conjunct, where it speaks of the whole list."""
    spans: list[tuple[int, int]] = []
    final_seen = False
    for start, end in comma_parts(content):
        part = content[start:end]
        if RELATIVE.match(part) and spans:
            if final_seen:
                break
            spans[-1] = (spans[-1][0], end)
            continue
        if conjunct := FINAL_CONJUNCT.match(part):
            start, final_seen = start + conjunct.end(), True
        spans.append((start, end))
    return split_last_og(content, spans, final_seen)


def comma_parts(content: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for comma in re.finditer(r",\s*", content):
        spans.append((position, comma.start()))
        position = comma.end()
    spans.append((position, len(content)))
    return spans


def split_last_og(content: str, spans: list[tuple[int, int]], final_seen: bool):
    """Danish lists often have no comma before "og": "A, B og C" -> A; B; C."""
    if final_seen or len(spans) < 2:
        return spans
    start, end = spans[-1]
    cut = content.rfind(" og ", start, end)
    if cut == -1:
        return spans
    return [*spans[:-1], (start, cut), (cut + len(" og "), end)]


# An item's line that breaks off mid-phrase (no sign or "og" at its end) goes on in the next
# line, unless that starts an item of its own: "- at der afsættes 75 mio. kr. til ... af" /
# "offentligt ansatte, og".
BROKEN_OFF = re.compile(r"[^.,;:\s](?<!\bog)[ \t]*$")
ITEM_GOES_ON = re.compile(
    r"\n(?![ \t]*(?:(?:[-–•▪*]|\d{1,2}[.)]|[a-z][.)])\s|at\s))[ \t]*(.+?)(?:,?\s+og)?[.;,]?$", re.M)


def listed_items(text: str, start: int) -> list[tuple[int, int]]:
    """The list items that follow a lead-in ending in a colon, without "at" and "og"."""
    spans = []
    for match in LIST_ITEM.finditer(text, start):
        if text[spans[-1][1] if spans else start : match.start()].strip(" ,.;og\n"):
            break  # the list ended, or none began straight after the colon
        item_end = match.end(1)
        if BROKEN_OFF.search(match.group(0)) and (
                rest := ITEM_GOES_ON.match(text, match.end())) is not None:
            item_end = rest.end(1)
        # the list's last item ends at its full stop, where the next paragraph was joined
        # to its line ("... og opkvalificering. Regeringen vil drøfte ...")
        end = next((stop.start() for stop in ITEM_END.finditer(text, match.start(1),
                                                                 item_end)), item_end)
        spans.append((match.start(1), end))
        if end < item_end:
            break
    return spans
