"""Danish ministries and Folketinget's committees, from ``gazetteer.json``.

The data file is meant to be extended by hand; this module derives the surface
forms letters use (genitives, "Folketingets Finansudvalg", "justitsminister")
and answers look-ups case-insensitively, tolerating line-break hyphenation and
extra whitespace.

>>> canonical_committee("Til medlemmerne af Folketingets Finansudvalg")
'Finansudvalget'
>>> ministry_for_title("Udlændinge- og integrationsministeren")
'Udlændinge- og Integrationsministeriet'
>>> ministry_for_domain("uim@uim.dk")
'Udlændinge- og Integrationsministeriet'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("gazetteer.json")

# Address lines put these before a committee name ("Til medlemmerne af ...").
_COMMITTEE_PREFIXES = ("til medlemmerne af ", "medlemmerne af ", "til ")


@dataclass(frozen=True)
class Ministry:
    """A ministry: canonical name, other names, minister titles, web domains."""

    name: str
    aliases: tuple[str, ...] = ()
    minister_titles: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Committee:
    """A committee of Folketinget: canonical name and other names."""

    name: str
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def ministries() -> list[Ministry]:
    """All ministries in the data file, current and former.

    >>> any(m.name == "Justitsministeriet" for m in ministries())
    True
    """
    return [
        Ministry(
            name=m["name"],
            aliases=tuple(m.get("aliases", ())),
            minister_titles=tuple(m.get("minister_titles", ())),
            domains=tuple(m.get("domains", ())),
        )
        for m in _data()["ministries"]
    ]


def committees() -> list[Committee]:
    """All committees in the data file.

    >>> "Finansudvalget" in [c.name for c in committees()]
    True
    """
    return [Committee(name=c["name"], aliases=tuple(c.get("aliases", ())))
            for c in _data()["committees"]]


# --- surface forms ---------------------------------------------------------


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


# --- look-ups --------------------------------------------------------------


def normalize(text: str) -> str:
    """Lower case, no soft hyphens, single spaces.

    >>> normalize("  Folketingets\\n  Finansudvalg ")
    'folketingets finansudvalg'
    """
    text = text.replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().lower()


def _candidates(text: str) -> list[str]:
    """Readings of ``text`` with a line-break hyphen joined ("Integrations-\\nministeriet")
    or kept as a suspended compound ("Udlændinge-\\nog")."""
    joined = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    kept = re.sub(r"-\s*\n\s*", "- ", text)
    # Mixed: keep the hyphen before a conjunction ("Udlændinge-\nog"), join otherwise.
    mixed = re.sub(r"-\s*\n\s*(?!(?:og|eller)\b)", "", kept.replace("- ", "-\n"), flags=re.I)
    mixed = re.sub(r"-\s*\n\s*", "- ", mixed)
    return list(dict.fromkeys(normalize(t) for t in (text, joined, kept, mixed)))


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {"ministry": {}, "title": {}, "committee": {}, "domain": {}}
    for m in ministries():
        for form in ministry_forms(m):
            index["ministry"].setdefault(normalize(form), m.name)
        for form in ministry_title_forms(m):
            index["title"].setdefault(normalize(form), m.name)
        for domain in m.domains:
            index["domain"].setdefault(domain.lower(), m.name)
    for c in committees():
        for form in all_committee_forms(c):
            index["committee"].setdefault(normalize(form), c.name)
    return index


def _lookup(kind: str, text: str, prefixes: tuple[str, ...] = ()) -> str | None:
    table = _index()[kind]
    for cand in _candidates(text):
        for prefix in ("", *prefixes):
            if cand.startswith(prefix) and cand[len(prefix) :] in table:
                return table[cand[len(prefix) :]]
    return None


def canonical_ministry(text: str) -> str | None:
    """Canonical name for a ministry name or alias (any case, genitive allowed).

    >>> canonical_ministry("UDLÆNDINGE- OG INTEGRATIONS-\\nMINISTERIETS")
    'Udlændinge- og Integrationsministeriet'
    """
    return _lookup("ministry", text)


def ministry_for_title(text: str) -> str | None:
    """Ministry of a minister title ("justitsministeren", "Justitsminister").

    >>> ministry_for_title("ministeren for fødevarer, landbrug og fiskeri")
    'Ministeriet for Fødevarer, Landbrug og Fiskeri'
    """
    return _lookup("title", text)


def canonical_committee(text: str) -> str | None:
    """Canonical name of a committee form; a bare "udvalget" is no committee.

    >>> canonical_committee("Folketingets Finansudvalgs")
    'Finansudvalget'
    >>> canonical_committee("udvalget") is None
    True
    """
    return _lookup("committee", text, _COMMITTEE_PREFIXES)


def ministry_for_domain(text: str) -> str | None:
    """Ministry owning a host, URL or e-mail address (subdomains included).

    >>> ministry_for_domain("https://www.jm.dk/nyheder")
    'Justitsministeriet'
    >>> ministry_for_domain("ft.dk") is None
    True
    """
    host = _host(text)
    table = _index()["domain"]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = table.get(".".join(parts[i:]))
        if found:
            return found
    return None


def _host(text: str) -> str:
    """Host part of a URL, e-mail address or bare domain, lower case."""
    text = text.strip().lower()
    text = re.sub(r"^[a-z]+://", "", text)
    text = text.rsplit("@", 1)[-1]
    return re.split(r"[/:?#\s>]", text, maxsplit=1)[0].strip(".")
