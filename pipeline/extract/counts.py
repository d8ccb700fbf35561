"""Counts of things: "22 initiativer" -> 22, noun "initiativer", lemma "initiativ".

    >>> [(c.value, c.lemma) for c in doc._.counts]  # doctest: +SKIP
    [(4, 'indsatsområde'), (22, 'initiativ')]

A count is a whole number (in digits or words, "fire") followed by a noun,
adjectives allowed between. Not counts: years, amounts, dates, case numbers
(the earlier components found those, so their spans are skipped), ordinals
("4."), list markers ("1)"), numbers after "nr.", "§", "stk." and the like,
units and ages ("3 GW", "under 18 år"), names with digits ("Covid-19"), and
the article "en/et".
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from models import Count
from pipeline.extract.base import evidence, sentence_at
from pipeline.extract.numbers import number_word

# Words before a number that make it a reference, not a count: "nr. 12", "§ 5", "stk. 2".
REFERENCE_WORDS = {
    "nr", "nr.", "§", "§§", "stk", "stk.", "kapitel", "kap.", "bilag", "punkt", "pkt.",
    "side", "s.", "spørgsmål", "spm.", "lov", "l", "b", "tabel", "figur", "afsnit", "artikel",
    "art.", "version", "niveau", "kl.", "klokken", "uge", "tv", "fase", "runde", "litra",
}  # fmt: skip
# Nouns that make a number a measure, not a count of things.
UNIT_LEMMAS = {
    "år", "måned", "uge", "dag", "døgn", "time", "minut", "sekund", "gang", "procent",
    "pct", "pct.", "procentpoint", "kr", "kr.", "krone", "mio", "mio.", "mia", "mia.",
    "million", "milliard", "tusind", "ton", "kg", "km", "meter", "m", "m2", "kvm", "gw", "mw",
    "kw", "twh", "gwh", "mwh", "liter", "ha", "hektar", "euro", "eur", "dkk", "point",
}  # fmt: skip
NOT_COUNT_WORDS = {"en", "et", "én", "ét"}
QUALIFIER_VERBS = {"er", "blev", "bliver", "var", "har", "havde", "været", "blevet", "nu", "alle"}
MAX_ADJECTIVES = 3


@Language.component(
    "ministerbrev_counts",
    requires=["doc._.amounts", "doc._.dates", "doc._.periods", "doc._.case_numbers"],
)
def counts_component(doc: Doc) -> Doc:
    doc._.counts = find_counts(doc)
    return doc


def find_counts(doc: Doc) -> list[Count]:
    taken = taken_spans(doc)
    counts = []
    for token in doc:
        value = count_value(token)
        if value is None or is_reference(token) or overlaps(token, taken):
            continue
        noun = counted_noun(token)
        if noun is not None:
            counts.append(make_count(doc, token, noun, value))
    return counts


def taken_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans other extractors already claimed (amounts, dates, periods)."""
    facts = [*(doc._.amounts or []), *(doc._.dates or []), *(doc._.periods or [])]
    return [(fact.evidence.start, fact.evidence.end) for fact in facts]


def overlaps(token: Token, spans: list[tuple[int, int]]) -> bool:
    end = token.idx + len(token.text)
    return any(start < end and token.idx < stop for start, stop in spans)


def count_value(token: Token) -> int | None:
    """A whole number in digits (not a year, not an ordinal) or a number word."""
    text = token.text
    if re.fullmatch(r"\d{1,3}(\.\d{3})*|\d+", text):
        value = int(text.replace(".", ""))
        is_year = len(text) == 4 and 1900 <= value <= 2100
        followed_by_dot = token.i + 1 < len(token.doc) and token.nbor().text == "."
        ordinal = followed_by_dot and not token.whitespace_  # "4. kvartal"
        return None if is_year or ordinal else value
    if text.lower() in NOT_COUNT_WORDS:
        return None
    return number_word(text)


def is_reference(token: Token) -> bool:
    if token.i == 0:
        return False
    before = token.nbor(-1)
    glued = not before.whitespace_ and before.text not in "([\"'"  # "Covid-19", "E45"
    return glued or before.text.lower() in REFERENCE_WORDS


def counted_noun(number: Token) -> Token | None:
    """The noun a number counts, skipping up to three adjectives ("12 nye lokale tiltag")."""
    doc = number.doc
    for offset in range(1, MAX_ADJECTIVES + 2):
        if number.i + offset >= len(doc):
            return None
        word = doc[number.i + offset]
        if is_noun(word):
            return None if lemma_of(word) in UNIT_LEMMAS else word
        if not is_adjective(word):
            return None
    return None


def is_noun(token: Token) -> bool:
    if token.doc.has_annotation("POS"):
        return token.pos_ == "NOUN"
    # Without a tagger: a lower-case word that is not a function word.
    return token.is_alpha and token.is_lower and not token.is_stop


def is_adjective(token: Token) -> bool:
    return token.doc.has_annotation("POS") and token.pos_ == "ADJ"


def lemma_of(token: Token) -> str:
    lemma = token.lemma_ if token.doc.has_annotation("LEMMA") else ""
    return (lemma or token.text).lower()


def make_count(doc: Doc, number: Token, noun: Token, value: int) -> Count:
    start, end = number.idx, noun.idx + len(noun.text)
    return Count(
        value=value,
        noun=noun.text,
        lemma=lemma_of(noun),
        qualifier=qualifier_after(noun),
        raw=doc.text[start:end],
        sentence=sentence_at(doc, start, end),
        evidence=evidence(doc, start, end),
    )


def qualifier_after(noun: Token) -> str | None:
    """What the clause says of the counted things: "er gennemført som planlagt" -> its
    predicate, "gennemført som planlagt"."""
    doc, index = noun.doc, noun.i + 1
    if index >= len(doc) or doc[index].lower_ not in QUALIFIER_VERBS:
        return None
    while index < len(doc) and doc[index].lower_ in QUALIFIER_VERBS:
        index += 1
    words = []
    while index < len(doc) and not doc[index].is_punct and doc[index].text != "\n":
        words.append(doc[index])
        index += 1
    if not words:
        return None
    return doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]
