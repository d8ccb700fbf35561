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
from pipeline.extract.numbers import SCALES, number_word, parse_number, whole

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
# Scale words between a number and what it counts: "13 mio. mennesker".
COUNT_SCALES = {"mio.", "mio", "mia.", "mia", "millioner", "milliarder", "million", "milliard",
                "tusind", "tusinde"}
QUALIFIER_VERBS = {"er", "blev", "bliver", "var", "har", "havde", "været", "blevet", "nu", "alle"}
MAX_ADJECTIVES = 3
# Plural surface forms of units, for when a lemma is missing or odd.
UNITS = {"timer", "måneder", "uger", "dage", "minutter", "sekunder", "gange", "procentpoint"}


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
        value, last = scaled_count(token, value)
        noun = counted_noun(last)
        if noun is not None:
            counts.append(make_count(doc, token, noun, value))
    return counts


def scaled_count(number: Token, value: int | float) -> tuple[int | float, Token]:
    """ "5,1 mio. brugere" counts 5100000; returns the value and the token before the noun."""
    doc = number.doc
    if number.i + 1 < len(doc) and doc[number.i + 1].lower_ in COUNT_SCALES:
        return whole(value * SCALES[doc[number.i + 1].lower_]), doc[number.i + 1]
    return value, number


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
    if re.fullmatch(r"\d+,\d+", text) and next_is_scale(token):
        return parse_number(text)  # "1,1 mia. transaktioner"
    if text.lower() in NOT_COUNT_WORDS:
        return None
    return number_word(text)


def next_is_scale(token: Token) -> bool:
    return token.i + 1 < len(token.doc) and token.nbor().lower_ in COUNT_SCALES


def is_reference(token: Token) -> bool:
    if token.i == 0:
        return False
    before = token.nbor(-1)
    glued = not before.whitespace_ and before.text not in "([\"'"  # "Covid-19", "E45"
    return glued or before.text.lower() in REFERENCE_WORDS


def counted_noun(number: Token) -> Token | None:
    """The noun a number counts, skipping up to three adjectives ("12 nye lokale tiltag").

    With no noun after them, the last adjective is the thing counted: "3.400 frivillige",
    "249.198 studerende".
    """
    doc = number.doc
    adjectives: list[Token] = []
    for offset in range(1, MAX_ADJECTIVES + 2):
        if number.i + offset >= len(doc):
            break
        word = doc[number.i + offset]
        if is_noun(word):
            return None if is_unit(word) else word
        if not is_adjective(word):
            if adjectives and looks_like_mistagged_noun(word):
                return word  # "9 nye sagsbehandlere", the noun tagged as an adverb
            break
        adjectives.append(word)
    after = number.i + len(adjectives) + 1
    ends_phrase = after >= len(doc) or doc[after].pos_ not in {"NOUN", "PROPN", "ADJ", "ADV", "X"}
    if adjectives and adjectives[-1].text.endswith("e") and ends_phrase:
        return adjectives[-1]
    return None


def looks_like_mistagged_noun(token: Token) -> bool:
    return token.is_alpha and token.is_lower and len(token) > 3 and token.pos_ in {"ADV", "X"}


def is_unit(token: Token) -> bool:
    return lemma_of(token) in UNIT_LEMMAS or token.lower_ in UNIT_LEMMAS or token.lower_ in UNITS


def is_noun(token: Token) -> bool:
    if token.doc.has_annotation("POS"):
        return token.pos_ == "NOUN"
    # Without a tagger: a lower-case word that is not a function word.
    return token.is_alpha and token.is_lower and not token.is_stop


def is_adjective(token: Token) -> bool:
    """An adjective, or a participle used as one ("studerende", "ubesatte stillinger")."""
    if not token.doc.has_annotation("POS"):
        return False
    if token.pos_ == "ADJ":
        return True
    before_noun = token.i + 1 < len(token.doc) and token.nbor().pos_ == "NOUN"
    return token.pos_ == "VERB" and (token.lower_.endswith("ende") or
                                     (token.lower_.endswith("e") and before_noun))


def lemma_of(token: Token) -> str:
    if token.lower_.endswith("ende"):
        return token.lower_  # a present participle is its own lemma: "studerende"
    lemma = token.lemma_ if token.doc.has_annotation("LEMMA") else ""
    return (lemma or token.text).lower()


def make_count(doc: Doc, number: Token, noun: Token, value: int) -> Count:
    start, end = number.idx, noun.idx + len(noun.text)
    noun_text, lemma = noun.text, lemma_of(noun)
    if (continued := compound_continuation(noun)) is not None:
        # "TV 2-virksomheder": the name and its compound are one noun
        end = continued.idx + len(continued.text)
        noun_text = doc.text[noun.idx : end]
        lemma = f"{noun.lower_} {lemma_of(continued)}"
        noun = continued
    return Count(
        value=int(value),
        noun=noun_text,
        lemma=lemma,
        qualifier=qualifier_after(noun),
        raw=doc.text[start:end],
        sentence=sentence_at(doc, start, end),
        evidence=evidence(doc, start, end),
    )


def compound_continuation(noun: Token) -> Token | None:
    following = noun.nbor() if noun.i + 1 < len(noun.doc) else None
    if following is not None and re.fullmatch(r"\d+-[a-zæøå]+", following.text):
        return following
    return None


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
