"""Danish ministries, ministers and Folketinget's committees over time (2000-2026).

The data are ``gazetteer.json`` (ministries and committees under each name they had, with
the periods the names were in use, minister titles, web domains, addresses) and
``ministers.json`` (one entry per appointment); both list their sources and are meant
to be extended by hand. This module derives the surface forms letters use (genitives,
"Folketingets Finansudvalg", "justitsminister") and answers look-ups case-insensitively,
tolerating line-break hyphenation and extra whitespace.

Every look-up takes an optional ``on``, the letter's date ("YYYY-MM-DD" or a
``datetime.date``). With it, the answer is the entry in use on that day (else the one in
use nearest to it); without it, the first entry in the data file that fits. A name
always answers for itself: letters use the name of their time.

>>> canonical_committee("Til medlemmerne af Folketingets Finansudvalg")
'Finansudvalget'
>>> ministry_for_title("Udlændinge- og integrationsministeren")
'Udlændinge- og Integrationsministeriet'
>>> ministry_for_title("sundhedsministeren", on="2018-08-14")
'Sundheds- og Ældreministeriet'
>>> ministry_for_domain("uim@uim.dk")
'Udlændinge- og Integrationsministeriet'
>>> ministry_for_domain("sum.dk", on="2010-06-01")
'Indenrigs- og Sundhedsministeriet'
>>> minister("Ellen Trane Nørby", on="2018-08-14").ministry
'Sundheds- og Ældreministeriet'
>>> committee_for_abbreviation("SUU", on="2018-08-14")
'Sundheds- og Ældreudvalget'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("gazetteer.json")
MINISTERS_FILE = Path(__file__).with_name("ministers.json")

# Address lines put these before a committee name ("Til medlemmerne af ...").
_COMMITTEE_PREFIXES = ("til medlemmerne af ", "medlemmerne af ", "til ")

Day = str | date | None


# --- periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Days a name (or domain, or appointment) was in use: ``start`` inclusive, ``end``
    exclusive (the successor's first day); None is open (before 2000, or still in use).

    >>> Period(date(2015, 6, 28), date(2021, 1, 21)).covers(date(2021, 1, 21))
    False
    """

    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls in the period."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def distance(self, day: date) -> int:
        """Days from ``day`` to the period (0 inside it).

        >>> Period(date(2015, 6, 28), date(2021, 1, 21)).distance(date(2021, 1, 31))
        11
        """
        if self.start is not None and day < self.start:
            return (self.start - day).days
        if self.end is not None and day >= self.end:
            return (day - self.end).days + 1
        return 0


ALWAYS = Period()


def as_day(on: Day) -> date | None:
    """A look-up's ``on`` as a date: "YYYY-MM-DD", a ``date``, or None.

    >>> as_day("2018-08-14")
    datetime.date(2018, 8, 14)
    >>> as_day(None) is None
    True
    """
    if isinstance(on, datetime):
        return on.date()
    if on is None or isinstance(on, date):
        return on
    text = str(on).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"a date is written YYYY-MM-DD, not {on!r}")
    return date.fromisoformat(text)


def _period(item: dict) -> Period:
    return Period(as_day(item.get("from")), as_day(item.get("to")))


def _periods(items: Iterable[dict] | None) -> tuple[Period, ...]:
    return tuple(_period(item) for item in items or ())


def _in_use(periods: Sequence[Period], day: date) -> bool:
    return any(period.covers(day) for period in periods)


def _distance(periods: Sequence[Period], day: date) -> float:
    return min((period.distance(day) for period in periods), default=float("inf"))


# --- the entries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DomainPeriod:
    """A web/e-mail domain and the period it pointed to a ministry."""

    domain: str
    period: Period = ALWAYS


@dataclass(frozen=True)
class Ministry:
    """A ministry under one name: other names, minister titles, web domains, and when the
    name was in use."""

    name: str
    aliases: tuple[str, ...] = ()
    minister_titles: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    periods: tuple[Period, ...] = (ALWAYS,)
    domain_periods: tuple[DomainPeriod, ...] = ()
    address: str | None = None
    successor: str | None = None
    note: str | None = None

    @property
    def former(self) -> bool:
        """Whether the name is no longer in use.

        >>> next(m for m in ministries() if m.name == "Velfærdsministeriet").former
        True
        """
        return all(period.end is not None for period in self.periods)

    def in_use(self, on: Day) -> bool:
        """Whether the name was in use on ``on``.

        >>> next(m for m in ministries() if m.name == "Miljøministeriet").in_use("2017-01-01")
        False
        """
        return _in_use(self.periods, as_day(on))


@dataclass(frozen=True)
class Committee:
    """A committee of Folketinget under one name: other names, Folketinget's abbreviation,
    and when the name was in use (no periods: not known)."""

    name: str
    aliases: tuple[str, ...] = ()
    abbreviation: str | None = None
    periods: tuple[Period, ...] = (ALWAYS,)
    note: str | None = None

    @property
    def former(self) -> bool:
        """Whether the name is known to be out of use."""
        return bool(self.periods) and all(period.end is not None for period in self.periods)


@dataclass(frozen=True)
class Office:
    """An office of Folketinget that letters are addressed to (not a committee)."""

    name: str
    aliases: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Minister:
    """One appointment: who, as what, in which ministry (its name at the time), from when
    to when (``end`` is the successor's first day; None is open)."""

    name: str
    title: str
    ministry: str
    start: date | None
    end: date | None
    aliases: tuple[str, ...] = field(default=(), repr=False, compare=False)
    note: str | None = field(default=None, repr=False, compare=False)

    def covers(self, on: Day) -> bool:
        """Whether the appointment ran on ``on``."""
        return Period(self.start, self.end).covers(as_day(on))


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _ministers_data() -> dict:
    return json.loads(MINISTERS_FILE.read_text(encoding="utf-8"))


def _domain(item: str | dict) -> DomainPeriod:
    if isinstance(item, str):
        return DomainPeriod(item.lower())
    return DomainPeriod(item["domain"].lower(), _period(item))


@lru_cache(maxsize=1)
def _ministries() -> tuple[Ministry, ...]:
    out = []
    for m in _data()["ministries"]:
        domain_periods = tuple(_domain(d) for d in m.get("domains", ()))
        out.append(Ministry(
            name=m["name"],
            aliases=tuple(m.get("aliases", ())),
            minister_titles=tuple(m.get("minister_titles", ())),
            domains=tuple(dict.fromkeys(d.domain for d in domain_periods)),
            periods=_periods(m.get("periods")) or (ALWAYS,),
            domain_periods=domain_periods,
            address=m.get("address"),
            successor=m.get("successor"),
            note=m.get("note"),
        ))
    return tuple(out)


@lru_cache(maxsize=1)
def _committees() -> tuple[Committee, ...]:
    return tuple(
        Committee(
            name=c["name"],
            aliases=tuple(c.get("aliases", ())),
            abbreviation=c.get("abbreviation"),
            periods=_periods(c["periods"]) if "periods" in c else (ALWAYS,),
            note=c.get("note"),
        )
        for c in _data()["committees"]
    )


@lru_cache(maxsize=1)
def _offices() -> tuple[Office, ...]:
    return tuple(Office(name=o["name"], aliases=tuple(o.get("aliases", ())), note=o.get("note"))
                 for o in _data().get("offices", ()))


@lru_cache(maxsize=1)
def _ministers() -> tuple[Minister, ...]:
    return tuple(
        Minister(name=a["name"], title=a["title"], ministry=a["ministry"],
                 start=as_day(a.get("from")), end=as_day(a.get("to")),
                 aliases=tuple(a.get("aliases", ())), note=a.get("note"))
        for a in _ministers_data()["ministers"]
    )


def ministries() -> list[Ministry]:
    """All ministries in the data file, under every name, current and former.

    >>> any(m.name == "Justitsministeriet" for m in ministries())
    True
    """
    return list(_ministries())


def committees() -> list[Committee]:
    """All committees in the data file, under every name.

    >>> "Finansudvalget" in [c.name for c in committees()]
    True
    """
    return list(_committees())


def offices() -> list[Office]:
    """Folketinget's offices that letters are addressed to.

    >>> [o.name for o in offices()]
    ['Folketingets Lovsekretariat']
    """
    return list(_offices())


def ministers() -> list[Minister]:
    """All appointments in ``ministers.json``, in the file's order.

    >>> len(ministers()) > 200
    True
    """
    return list(_ministers())


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


# --- look-ups --------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Lower case, no soft hyphens, single spaces.

    >>> normalize("  Folketingets\\n  Finansudvalg ")
    'folketingets finansudvalg'
    """
    text = text.replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().lower()


# The letterhead asks for the same few words many times (as a name, then as a title).
@lru_cache(maxsize=8192)
def _candidates(text: str) -> tuple[str, ...]:
    """Readings of ``text`` with a line-break hyphen joined ("Integrations-\\nministeriet")
    or kept as a suspended compound ("Udlændinge-\\nog")."""
    joined = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    kept = re.sub(r"-\s*\n\s*", "- ", text)
    # Mixed: keep the hyphen before a conjunction ("Udlændinge-\nog"), join otherwise.
    mixed = re.sub(r"-\s*\n\s*(?!(?:og|eller)\b)", "", kept.replace("- ", "-\n"), flags=re.I)
    mixed = re.sub(r"-\s*\n\s*", "- ", mixed)
    return tuple(dict.fromkeys(normalize(t) for t in (text, joined, kept, mixed)))


# An index maps a normalised form to the entries it may mean, in file order, each as
# (name, periods in which that form means it).
_Entry = tuple[str, tuple[Period, ...]]


def _add(table: dict[str, list[_Entry]], key: str, entry: _Entry) -> None:
    entries = table.setdefault(key, [])
    if entry not in entries:
        entries.append(entry)


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, list[_Entry]]]:
    index: dict[str, dict[str, list[_Entry]]] = {
        kind: {} for kind in ("ministry", "title", "domain", "committee", "abbreviation", "office")}
    for m in _ministries():
        for form in ministry_forms(m):
            _add(index["ministry"], normalize(form), (m.name, m.periods))
        for form in ministry_title_forms(m):
            _add(index["title"], normalize(form), (m.name, m.periods))
        for domain in m.domain_periods:
            periods = tuple(d.period for d in m.domain_periods if d.domain == domain.domain)
            _add(index["domain"], domain.domain, (m.name, periods))
    for c in _committees():
        for form in all_committee_forms(c):
            _add(index["committee"], normalize(form), (c.name, c.periods))
        if c.abbreviation:
            _add(index["abbreviation"], _abbreviation_key(c.abbreviation), (c.name, c.periods))
    for o in _offices():
        for form in office_forms(o):
            _add(index["office"], normalize(form), (o.name, (ALWAYS,)))
    return index


def _choose(entries: Sequence[_Entry], on: Day) -> str | None:
    """Without a date, the first entry; with one, the first in use that day, else the one
    in use nearest to it (the first of equals)."""
    if not entries:
        return None
    day = as_day(on)
    if day is None:
        return entries[0][0]
    return min(entries, key=lambda entry: _distance(entry[1], day))[0]


def _matches(kind: str, text: str, prefixes: tuple[str, ...] = ()) -> list[_Entry]:
    table = _index()[kind]
    for cand in _candidates(text):
        for prefix in ("", *prefixes):
            if cand.startswith(prefix) and cand[len(prefix) :] in table:
                return table[cand[len(prefix) :]]
    return []


def canonical_ministry(text: str, on: Day = None) -> str | None:
    """The ministry a name or alias means (any case, genitive allowed). A name answers for
    itself whatever the date: a letter uses the name of its time.

    >>> canonical_ministry("UDLÆNDINGE- OG INTEGRATIONS-\\nMINISTERIETS")
    'Udlændinge- og Integrationsministeriet'
    >>> canonical_ministry("Velfærdsministeriet", on="2023-01-01")
    'Velfærdsministeriet'
    >>> canonical_ministry("Fødevareministeriet")
    'Ministeriet for Fødevarer, Landbrug og Fiskeri'
    """
    return _choose(_matches("ministry", text), on)


def ministry_for_title(text: str, on: Day = None) -> str | None:
    """The ministry of a minister title ("justitsministeren", "Justitsminister"); with
    ``on``, the ministry that had such a minister on that day.

    >>> ministry_for_title("ministeren for fødevarer, landbrug og fiskeri")
    'Ministeriet for Fødevarer, Landbrug og Fiskeri'
    >>> ministry_for_title("sundhedsministeren", on="2010-06-01")
    'Indenrigs- og Sundhedsministeriet'
    >>> ministry_for_title("Justitsministeren", on="2003-05-01")
    'Justitsministeriet'
    """
    return _choose(_matches("title", text), on)


def ministry_for_domain(text: str, on: Day = None) -> str | None:
    """The ministry a host, URL or e-mail address (subdomains included) belonged to; with
    ``on``, on that day.

    >>> ministry_for_domain("https://www.jm.dk/nyheder")
    'Justitsministeriet'
    >>> ministry_for_domain("www.justitsministeriet.dk")
    'Justitsministeriet'
    >>> ministry_for_domain("sum.dk", on="2019-03-01")
    'Sundheds- og Ældreministeriet'
    >>> ministry_for_domain("ft.dk") is None
    True
    """
    host = _host(text)
    table = _index()["domain"]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = table.get(".".join(parts[i:]))
        if found:
            return _choose(found, on)
    return None


def _host(text: str) -> str:
    """Host part of a URL, e-mail address or bare domain, lower case; a label before it
    ("W sum.dk", "Web: www.fm.dk") is passed over.

    >>> _host("W sum.dk"), _host("uim@uim.dk"), _host("https://www.jm.dk/nyheder")
    ('sum.dk', 'uim.dk', 'www.jm.dk')
    """
    text = text.strip().lower()
    text = re.sub(r"^[a-z]+://", "", text)
    text = text.rsplit("@", 1)[-1]
    host = re.search(r"[a-z0-9æøå-]+(?:\.[a-z0-9æøå-]+)+", text)
    return host.group(0).strip(".") if host else ""


def canonical_committee(text: str, on: Day = None) -> str | None:
    """The committee a name form means; a bare "udvalget" is no committee. Abbreviations
    are not names: see ``committee_for_abbreviation``.

    >>> canonical_committee("Folketingets Finansudvalgs")
    'Finansudvalget'
    >>> canonical_committee("udvalget") is None
    True
    >>> canonical_committee("UFO") is None
    True
    """
    return _choose(_matches("committee", text, _COMMITTEE_PREFIXES), on)


def committee_for_abbreviation(abbreviation: str, on: Day = None) -> str | None:
    """The committee Folketinget's abbreviation stood for ("SUU" as in "SUU Alm.del"); with
    ``on``, the committee's name on that day. "ULOE" is read as "ULØ".

    >>> committee_for_abbreviation("UFO")
    'Udvalget for Forretningsordenen'
    >>> committee_for_abbreviation("suu", on="2020-12-22")
    'Sundheds- og Ældreudvalget'
    >>> committee_for_abbreviation("TRU", on="2009-11-23")
    'Trafikudvalget'
    >>> committee_for_abbreviation("XYZ") is None
    True
    """
    return _choose(_index()["abbreviation"].get(_abbreviation_key(abbreviation), []), on)


def _abbreviation_key(abbreviation: str) -> str:
    key = re.sub(r"\s+", "", abbreviation).upper()
    return key.replace("Æ", "AE").replace("Ø", "OE").replace("Å", "AA")


def canonical_office(text: str) -> str | None:
    """The office of Folketinget a form means.

    >>> canonical_office("Til Folketingets Lovsekretariat")
    'Folketingets Lovsekretariat'
    """
    return _choose(_matches("office", text, _COMMITTEE_PREFIXES), None)


def canonical_recipient(text: str, on: Day = None) -> str | None:
    """What a recipient line names in Folketinget: a committee, or an office that letters
    are addressed to (the Lovsekretariat takes answers to § 20 questions).

    >>> canonical_recipient("Folketingets Lovsekretariat")
    'Folketingets Lovsekretariat'
    >>> canonical_recipient("Folketingets Retsudvalg")
    'Retsudvalget'
    """
    return canonical_committee(text, on) or canonical_office(text)


# --- ministers -------------------------------------------------------------------------------


def _person_key(name: str) -> str:
    return normalize(unicodedata.normalize("NFC", name))


@lru_cache(maxsize=1)
def _ministers_by_name() -> dict[str, list[Minister]]:
    out: dict[str, list[Minister]] = {}
    for appointment in _ministers():
        for name in (appointment.name, *appointment.aliases):
            out.setdefault(_person_key(name), []).append(appointment)
    return out


def minister(name: str, on: Day = None) -> Minister | None:
    """The appointment of the person named (any case or spacing) on ``on``, or None if they
    held none that day; without ``on``, their current or else latest one. Someone holding
    two posts at once answers with the one held longer.

    >>> minister("lars  løkke rasmussen", on="2010-01-01").title
    'statsministeren'
    >>> appointment = minister("Ellen Trane Nørby", on="2018-08-14")
    >>> appointment.title, appointment.ministry
    ('sundhedsministeren', 'Sundheds- og Ældreministeriet')
    >>> appointment.start, appointment.end
    (datetime.date(2016, 11, 28), datetime.date(2019, 6, 27))
    >>> minister("Ellen Trane Nørby", on="2021-01-01") is None
    True
    """
    appointments = _ministers_by_name().get(_person_key(name), [])
    if not appointments:
        return None
    day = as_day(on)
    if day is None:
        return max(appointments, key=lambda a: (a.end is None, a.start or date.min,
                                                a.end or date.max))
    held = [a for a in appointments if a.covers(day)]
    return min(held, key=lambda a: a.start or date.min) if held else None


def ministers_of(ministry: str, on: Day = None) -> list[Minister]:
    """The appointments in a ministry (its name as given; aliases allowed), in the file's
    order; with ``on``, those that ran on that day.

    >>> [a.name for a in ministers_of("Sundheds- og Ældreministeriet", on="2018-08-14")]
    ['Ellen Trane Nørby', 'Thyra Frank']
    """
    name = canonical_ministry(ministry) or ministry
    day = as_day(on)
    return [a for a in _ministers() if a.ministry == name and (day is None or a.covers(day))]


# --- checking the data -----------------------------------------------------------------------


def data_problems() -> list[str]:
    """What is inconsistent in the data files (empty when all is well): periods out of
    order or overlapping, a domain or abbreviation claimed twice at once, a minister whose
    ministry, title or dates the ministry does not have.

    >>> data_problems()
    []
    """
    problems: list[str] = []
    names: dict[str, str] = {}
    for m in _ministries():
        problems += _period_problems(m.name, m.periods)
        for form in (m.name, *m.aliases):
            if names.setdefault(normalize(form), m.name) != m.name:
                problems.append(f"{form!r} names both {names[normalize(form)]} and {m.name}")
        for d in m.domain_periods:
            if d.period is not ALWAYS and not _within(d.period, m.periods):
                problems.append(f"{m.name}: {d.domain} dated outside the ministry's periods")
        if m.successor and not any(x.name == m.successor for x in _ministries()):
            problems.append(f"{m.name}: unknown successor {m.successor!r}")
    problems += _shared_problems("domain", _index()["domain"])
    for c in _committees():
        if c.periods != ():
            problems += _period_problems(c.name, c.periods)
    problems += _shared_problems("abbreviation", _index()["abbreviation"])
    by_name = {m.name: m for m in _ministries()}
    for a in _ministers():
        where = f"{a.name} ({a.title}, {a.start})"
        ministry = by_name.get(a.ministry)
        if ministry is None:
            problems.append(f"{where}: unknown ministry {a.ministry!r}")
            continue
        if a.title not in ministry.minister_titles:
            problems.append(f"{where}: {a.ministry} has no title {a.title!r}")
        problems += _period_problems(where, (Period(a.start, a.end),))
        if not _within(Period(a.start, a.end), ministry.periods):
            problems.append(f"{where}: outside the periods of {a.ministry}")
    return problems


def _period_problems(what: str, periods: Sequence[Period]) -> list[str]:
    problems = []
    for period in periods:
        if period.start and period.end and period.start >= period.end:
            problems.append(f"{what}: period ends before it starts")
    ordered = sorted(periods, key=lambda p: p.start or date.min)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.end is None or (b.start is not None and b.start < a.end) or b.start is None:
            problems.append(f"{what}: overlapping periods")
    return problems


def _within(inner: Period, periods: Sequence[Period]) -> bool:
    """Whether ``inner`` lies inside one of ``periods``."""
    for outer in periods:
        starts_after = outer.start is None or (inner.start or date.min) >= outer.start
        ends_before = outer.end is None or (inner.end or date.max) <= outer.end
        if starts_after and ends_before:
            return True
    return False


def _shared_problems(kind: str, table: dict[str, list[_Entry]]) -> list[str]:
    """Keys that two entries claim on the same day."""
    problems = []
    for key, entries in table.items():
        for i, (name_a, periods_a) in enumerate(entries):
            for name_b, periods_b in entries[i + 1 :]:
                if any(_overlap(a, b) for a in periods_a for b in periods_b):
                    problems.append(f"{kind} {key!r}: {name_a} and {name_b} at the same time")
    return problems


def _overlap(a: Period, b: Period) -> bool:
    return ((a.start is None or b.end is None or a.start < b.end)
            and (b.start is None or a.end is None or b.start < a.end))


# --- the model's copy of the patterns --------------------------------------------------------


def refresh_model_patterns(model_dir: Path | None = None) -> Path:
    """Write the entity ruler's patterns (``ruler.patterns()``, from this data) into the
    trained model's ``gazetteer_ruler`` folder, as ``--stage assemble`` does, leaving the
    rest of the model as it is. Returns the folder.

    >>> refresh_model_patterns()  # doctest: +SKIP
    PosixPath('.../pipeline/nlp/model/gazetteer_ruler')
    """
    import spacy

    from pipeline.nlp import MODEL_DIR
    from pipeline.nlp.ruler import RULER_NAME, add_gazetteer_ruler

    folder = (model_dir or MODEL_DIR) / RULER_NAME
    ruler = add_gazetteer_ruler(spacy.blank("da"))
    ruler.to_disk(folder)
    return folder


if __name__ == "__main__":
    import sys

    found = data_problems()
    print("\n".join(found) or "gazetteer data: no problems")
    if "--refresh-model" in sys.argv[1:]:
        print("patterns written to", refresh_model_patterns())
    raise SystemExit(1 if found else 0)
