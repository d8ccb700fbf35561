"""The committee a stretch of text names, in canonical form: one the gazetteer knows
("Folketingets Retsudvalg" -> "Retsudvalget"), else one read from how its name is built
("Boligudvalgets" -> "Boligudvalget", "Det Energipolitiske Udvalg").

    >>> committee_in("spørgsmål nr. 3 stillet af Folketingets Retsudvalg")
    'Retsudvalget'
"""

from __future__ import annotations

import difflib
import re

from pipeline.extract.base import unglued
from pipeline.nlp.gazetteer import canonical_committee, committees

# A committee name ends in "udvalg", "udvalget", "udvalgets" or "udvalgs".
COMMITTEE_WORD = re.compile(r"[\wæøå-]*udvalg(?:et|ets|s)?(?![\wæøå])", re.IGNORECASE)
WORD_BROKEN_AT_HYPHEN = re.compile(r"(?<=[a-zæøå])-(?=[a-zæøå])")


def committee_in(text: str) -> str | None:
    """The first committee named in ``text``, in canonical form: one the gazetteer
    knows, else one read from its form ("Boligudvalgets", "Det Energipolitiske Udvalg").

    >>> committee_in("som Folketingets Retsudvalg har stillet")
    'Retsudvalget'
    >>> committee_in("Kunstrådets Scenekunstudvalgs tildeling, stillet af Folketingets "
    ...              "Kulturudvalg")
    'Kulturudvalget'
    >>> committee_in("stillet af Udval-get vedrørende Grønlandske Forhold")
    'Udvalget vedrørende Grønlandske Forhold'
    >>> committee_in("som FolketingetsUdvalg for Udlændinge- og Integrationspolitik har")
    'Udvalget for Udlændinge- og Integrationspolitik'
    """
    # a line break lost between two words: "FolketingetsUdvalg for ..."
    text = unglued(text)
    found = committee_named(text)
    if found is None and WORD_BROKEN_AT_HYPHEN.search(text):
        # A name broken at a line's end and glued with its hyphen: "Udval-get".
        found = committee_named(WORD_BROKEN_AT_HYPHEN.sub("", text))
    return found


def committee_named(text: str) -> str | None:
    words = list(COMMITTEE_WORD.finditer(text))
    for word in words:
        committee = known_committee_at(text, word)
        if committee:
            return committee
        if coordinated(text[: word.start()].split()[-5:]):
            break  # "Indenrigs- og Boligudvalgets" is not the "Boligudvalget" the gazetteer knows
    for word in words:
        committee = committee_by_form(text, word)
        if committee:
            return misspelt_known(committee) or committee
    return None


def misspelt_known(name: str) -> str | None:
    """The committee the gazetteer knows that a name read by its form misspells by a letter
    ("Grønlandudvalget" for "Grønlandsudvalget").

    >>> misspelt_known("Grønlandudvalget"), misspelt_known("Boligudvalget")
    ('Grønlandsudvalget', None)
    """
    known = [committee.name for committee in committees()]
    if name in known:
        return None
    return next((other for other in known if one_letter_apart(name, other)), None)


def one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    return len(changes) == 1 and max(op[2] - op[1] for op in changes) <= 1 and \
        max(op[4] - op[3] for op in changes) <= 1


def known_committee_at(text: str, word: re.Match[str]) -> str | None:
    """The gazetteer's committee whose name holds ``word``: longest first, words before
    ("Udlændinge- og Integrationsudvalg") and after ("Udvalg for Forretningsordenen")."""
    words_before = text[: word.start()].split()[-5:]
    words_after = text[word.end() :].split()[:6]
    # A coordinated name is known only whole: "Indenrigs- og" must be part of it.
    least = len(coordinated(words_before))
    for size_after in range(len(words_after), -1, -1):
        for size in range(len(words_before), least - 1, -1):
            candidate = " ".join([*words_before[len(words_before) - size :], word.group(0),
                                  *words_after[:size_after]]).rstrip(".,:;)")
            committee = canonical_committee(candidate) or canonical_committee(
                f"Folketingets {candidate}")
            if committee:
                return committee
    return None


def coordinated(words_before: list[str]) -> list[str]:
    """The first conjuncts of a coordinated name: "Transport-, Bygnings- og" before
    "Boligudvalg". A single word or none."""
    taken: list[str] = []
    for word in reversed(words_before):
        if word == "og" and not taken or word.endswith(("-", "-,")):
            taken.insert(0, word)
        else:
            break
    return taken if taken and taken[0] != "og" else []


def committee_by_form(text: str, word: re.Match[str]) -> str | None:
    """A committee the gazetteer does not know, read from how its name is built.

    >>> text = "Indenrigs- og Boligudvalgets"
    >>> committee_by_form(text, re.search("Boligudvalgets", text))
    'Indenrigs- og Boligudvalget'
    """
    words_before = text[: word.start()].split()[-5:]
    if word.group(0).lower().startswith("udvalg"):
        return (committee_with_adjectives(words_before, word.group(0))
                or committee_with_complement(text[word.end() :], word.group(0)))
    return compound_committee(" ".join([*coordinated(words_before), word.group(0)]))


def compound_committee(name: str) -> str | None:
    """ "Boligudvalgets" -> "Boligudvalget"; a bare "Udvalget" is none.

    >>> compound_committee("Boligudvalgets")
    'Boligudvalget'
    >>> compound_committee("Udvalget") is None
    True
    """
    stem = re.sub(r"(?:et|ets|s)$", "", name)
    if not stem[:1].isupper() or stem.lower() == "udvalg" or stem.endswith("-"):
        return None
    if " og " in stem and not stem.split(" og ")[-1][:1].isupper():
        return None  # "Transport-, Bygnings- og boligudvalg" is no name as written
    return stem + "et"


def committee_with_adjectives(words_before: list[str], word: str) -> str | None:
    """ "Folketingets Energipolitiske Udvalg" -> "Det Energipolitiske Udvalg"."""
    adjectives: list[str] = []
    for before in reversed(words_before):
        if not (before[:1].isupper() and before.endswith("e")) or before.lower() == "det":
            break
        adjectives.insert(0, before)
    if not adjectives or word.lower() not in ("udvalg", "udvalgs"):
        return None
    return " ".join(["Det", *adjectives, "Udvalg"])


def committee_with_complement(after: str, word: str) -> str | None:
    """ "Udvalg for Udlændinge- og Integrationspolitik" -> "Udvalget for Udlændinge- og
    Integrationspolitik"."""
    complement = re.match(
        r"\s+(for|vedrørende)\s+((?:[A-ZÆØÅ][\wæøå]*-?,?\s+(?:og\s+)?)*[A-ZÆØÅ][\wæøå]*)", after)
    if not word.startswith("Udvalg") or complement is None:
        return None
    return f"Udvalget {complement.group(1)} {' '.join(complement.group(2).split())}"
