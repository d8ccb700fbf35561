"""The forms letters use of the gazetteer's names (genitives, "Folketingets Finansudvalg",
"justitsminister"), and the tables that map each form, normalised, back to the entries it
may mean.

    >>> matches("committee", "Folketingets Finansudvalgs")[0][0]
    'Finansudvalget'
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.nlp.gazetteer_data import (
    ALWAYS,
    Committee,
    Ministry,
    Office,
    Period,
    committees,
    ministries,
    offices,
)

# --- surface forms ---------------------------------------------------------------------------


def name_forms(name: str) -> list[str]:
    """A ministry name and its genitive.

    >>> name_forms("Justitsministeriet")
    ['Justitsministeriet', 'Justitsministeriets']
    """
    return [name, _genitive(name)]


def title_forms(title: str) -> list[str]:
    """Definite, genitive and indefinite forms of a minister title.

    >>> title_forms("justitsministeren")
    ['justitsministeren', 'justitsministerens', 'justitsminister']
    >>> title_forms("ministeren for grøn trepart")[2]
    'minister for grøn trepart'
    """
    forms = [title, _genitive(title)]
    if title.endswith("ministeren"):
        forms.append(title[: -len("en")])
    elif title.startswith("ministeren "):
        forms.append("minister " + title[len("ministeren ") :])
    return forms


def committee_forms(name: str) -> list[str]:
    """Forms of a committee name: genitive and "Folketingets ..." variants.

    >>> committee_forms("Finansudvalget")
    ['Finansudvalget', 'Finansudvalgets', 'Folketingets Finansudvalg', 'Folketingets Finansudvalgs']
    >>> committee_forms("Udvalget for Forretningsordenen")[2]
    'Folketingets Udvalg for Forretningsordenen'
    """
    forms = [name, _genitive(name)]
    if name.endswith("udvalget"):
        base = name[: -len("et")]
        forms += [f"Folketingets {base}", f"Folketingets {base}s"]
    elif name.startswith("Udvalget "):
        forms.append("Folketingets Udvalg " + name[len("Udvalget ") :])
    elif name.startswith("Det "):
        rest = name[len("Det ") :]
        forms += [f"Folketingets {rest}", f"Folketingets {_genitive(rest)}"]
    return forms


def _genitive(text: str) -> str:
    return text if text.endswith("s") else text + "s"


def ministry_forms(ministry: Ministry) -> list[str]:
    """Every name form (not titles) of a ministry."""
    return [f for n in (ministry.name, *ministry.aliases) for f in name_forms(n)]


def ministry_title_forms(ministry: Ministry) -> list[str]:
    """Every minister-title form of a ministry."""
    return [f for t in ministry.minister_titles for f in title_forms(t)]


def all_committee_forms(committee: Committee) -> list[str]:
    """Every form of a committee's name and aliases."""
    return [f for n in (committee.name, *committee.aliases) for f in committee_forms(n)]


def office_forms(office: Office) -> list[str]:
    """Every form of an office's name and aliases (with genitives).

    >>> office_forms(offices()[0])[:2]
    ['Folketingets Lovsekretariat', 'Folketingets Lovsekretariats']
    """
    return [f for n in (office.name, *office.aliases) for f in name_forms(n)]


# --- the tables ------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Lower case, no soft hyphens, single spaces, a space after a comma between words
    (a conversion that lost it: "Fødevarer,Landbrug og Fiskeri"), none before the hyphen
    of a suspended compound ("Miljø - og Planlægningsudvalg").

    >>> normalize("  Folketingets\\n  Finansudvalg "), normalize("Fødevarer,Landbrug")
    ('folketingets finansudvalg', 'fødevarer, landbrug')
    >>> normalize("Miljø – og Planlægningsudvalg")
    'miljø- og planlægningsudvalg'
    """
    text = re.sub(r"(?<=[^\W\d]),(?=[^\W\d])", ", ", text.replace("\u00ad", ""))
    text = re.sub(r"(?<=[^\W\d])\s+[-–]\s*(?=og\b|eller\b)", "- ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


# The letterhead asks for the same few words many times (as a name, then as a title).
@lru_cache(maxsize=8192)
def _candidates(text: str) -> tuple[str, ...]:
    """Readings of ``text`` with a line-break hyphen joined ("Integrations-\\nministeriet")
    or kept as a suspended compound ("Udlændinge-\\nog"), and with a space put back after
    its conjunction ("Erhvervs- ogVækstministeriet").

    >>> _candidates("Erhvervs- ogVækstministeriet")[-1]
    'erhvervs- og vækstministeriet'
    """
    joined = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    kept = re.sub(r"-\s*\n\s*", "- ", text)
    # Mixed: keep the hyphen before a conjunction ("Udlændinge-\nog"), join otherwise.
    mixed = re.sub(r"-\s*\n\s*(?!(?:og|eller)\b)", "", kept.replace("- ", "-\n"), flags=re.I)
    mixed = re.sub(r"-\s*\n\s*", "- ", mixed)
    # "ERHVERVS- OGVÆKSTMINISTEREN": the space after the conjunction lost in conversion.
    unglued = re.sub(r"(?i)(?<=-)(\s*)(og|eller)(?=[^\W\d_])", r"\1\2 ", text)
    return tuple(dict.fromkeys(normalize(t) for t in (text, joined, kept, mixed, unglued)))


# An index maps a normalised form to the entries it may mean, in file order, each as
# (name, periods in which that form means it).
Entry = tuple[str, tuple[Period, ...]]


def _add(table: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    entries = table.setdefault(key, [])
    if entry not in entries:
        entries.append(entry)


@lru_cache(maxsize=1)
def lookup_tables() -> dict[str, dict[str, list[Entry]]]:
    index: dict[str, dict[str, list[Entry]]] = {
        kind: {} for kind in ("ministry", "title", "domain", "committee", "abbreviation", "office")}
    for m in ministries():
        for form in ministry_forms(m):
            _add(index["ministry"], normalize(form), (m.name, m.periods))
        for form in ministry_title_forms(m):
            _add(index["title"], normalize(form), (m.name, m.periods))
        for domain in m.domain_periods:
            periods = tuple(d.period for d in m.domain_periods if d.domain == domain.domain)
            _add(index["domain"], domain.domain, (m.name, periods))
    for c in committees():
        for form in all_committee_forms(c):
            _add(index["committee"], normalize(form), (c.name, c.periods))
        if c.abbreviation:
            _add(index["abbreviation"], abbreviation_key(c.abbreviation), (c.name, c.periods))
    for o in offices():
        for form in office_forms(o):
            _add(index["office"], normalize(form), (o.name, (ALWAYS,)))
    return index


def matches(kind: str, text: str, prefixes: tuple[str, ...] = ()) -> list[Entry]:
    """The entries ``text`` may mean: as written, else read past stray spaces inside its
    words, which older converted letters print ("Folketingets Miljø - og Planlægningsu
    dvalg"), and past Danish letters a conversion lost, left out or put as a sign of its
    own ("Sundheds- og ldreudvalget", "Milj�ministeriet").

    >>> matches("committee", "Folketingets Miljø - og Planlægningsu dvalg")[0][0]
    'Miljø- og Planlægningsudvalget'
    >>> matches("committee", "Folketingets Sundheds- og ldreudvalg")[0][0]
    'Sundheds- og Ældreudvalget'
    """
    table = lookup_tables()[kind]
    candidates = _candidates(text)
    for cand in candidates:
        for prefix in ("", *prefixes):
            if cand.startswith(prefix) and cand[len(prefix) :] in table:
                return table[cand[len(prefix) :]]
    spaceless = spaceless_tables().get(kind, {})
    for cand in candidates:
        for prefix in ("", *prefixes):
            if cand.startswith(prefix) and (key := _spaceless(cand[len(prefix) :])) in spaceless:
                return spaceless[key]
    return []


# Names, not domains or abbreviations, may be printed with stray spaces inside their words.
SPACED_KINDS = ("ministry", "title", "committee", "office")


# What a key for names printed with stray spaces or lost letters leaves out: spaces, the
# Danish letters a font may lack, and what a conversion puts in a lost letter's place (the
# replacement character, a private-use code point, "?").
NOT_IN_KEY = re.compile(r"[\sæøå\ufffd\ue000-\uf8ff?]+")


def _spaceless(form: str) -> str:
    return NOT_IN_KEY.sub("", form)


@lru_cache(maxsize=1)
def spaceless_tables() -> dict[str, dict[str, list[Entry]]]:
    """The name tables keyed by their forms less every space; where two forms meet (none
    do today), the first keeps the key."""
    return {kind: {key: entries for form, entries in reversed(lookup_tables()[kind].items())
                   if (key := _spaceless(form))}
            for kind in SPACED_KINDS}


def abbreviation_key(abbreviation: str) -> str:
    key = re.sub(r"\s+", "", abbreviation).upper()
    return key.replace("Æ", "AE").replace("Ø", "OE").replace("Å", "AA")

