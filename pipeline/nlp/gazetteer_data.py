"""The gazetteer's data, read once into frozen entries: ``gazetteer.json`` (ministries and
committees under each name they had, with the periods the names were in use, minister
titles, web domains, addresses; the offices of Folketinget letters are addressed to) and
``ministers.json`` (one entry per appointment). Both files list their sources and are
meant to be extended by hand; ``gazetteer`` answers look-ups over them.

    >>> next(m for m in ministries() if m.name == "Justitsministeriet").address
    'Slotsholmsgade 10, 1216 København K'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("gazetteer.json")
MINISTERS_FILE = Path(__file__).with_name("ministers.json")

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

