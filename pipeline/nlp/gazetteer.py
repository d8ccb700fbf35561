"""Danish ministries, ministers and Folketinget's committees over time (2000-2026).

The data are ``gazetteer.json`` (ministries and committees under each name they had, with
the periods the names were in use, minister titles, web domains, addresses) and
``ministers.json`` (one entry per appointment); both list their sources and are meant
to be extended by hand. From them come the surface forms letters use (genitives,
"Folketingets Finansudvalg", "justitsminister"), and look-ups are answered
case-insensitively, tolerating line-break hyphenation and extra whitespace.

This module answers the look-ups and names the whole gazetteer: the data are read in
``gazetteer_data``, the forms and look-up tables made in ``gazetteer_forms``, the data
checked and the model's copy of the patterns rewritten in ``gazetteer_upkeep``
(``python -m pipeline.nlp.gazetteer [--refresh-model]``).

Every look-up takes an optional ``on``, the letter's date ("YYYY-MM-DD" or a
``datetime.date``). With it, the answer is the entry in use on that day (else the one in
use nearest to it); without it, the first entry in the data file that fits. A ministry's
name always answers for itself: letters use the name of their time. A committee's name
used half a year or more outside its time stands for the committee's name on the day
(the contract records committees by their standard name then).

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

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from pipeline.nlp.gazetteer_data import (
    ALWAYS,
    DATA_FILE,
    MINISTERS_FILE,
    Committee,
    Day,
    DomainPeriod,
    Minister,
    Ministry,
    Office,
    Period,
    as_day,
    committees,
    ministers,
    ministries,
    offices,
)
from pipeline.nlp.gazetteer_forms import (
    Entry,
    abbreviation_key,
    all_committee_forms,
    committee_forms,
    lookup_tables,
    matches,
    ministry_forms,
    ministry_title_forms,
    name_forms,
    normalize,
    office_forms,
    title_forms,
)
from pipeline.nlp.gazetteer_upkeep import data_problems, refresh_model_patterns

__all__ = [
    "ALWAYS", "DATA_FILE", "MINISTERS_FILE", "Committee", "Day", "DomainPeriod", "Minister",
    "Ministry", "Office", "Period", "all_committee_forms", "as_day", "canonical_committee",
    "canonical_ministry", "canonical_office", "canonical_recipient", "committee_for_abbreviation",
    "committee_forms", "committees", "data_problems", "in_use", "minister", "ministers",
    "ministers_of", "ministries", "ministry_for_domain", "ministry_for_title", "ministry_forms",
    "ministry_title_forms", "name_forms", "normalize", "office_forms", "offices",
    "refresh_model_patterns", "title_forms",
]  # fmt: skip

# Address lines put these before a committee name ("Til medlemmerne af ...").
_COMMITTEE_PREFIXES = ("til medlemmerne af ", "medlemmerne af ", "til ")


# --- look-ups --------------------------------------------------------------------------------


def _distance(periods: Sequence[Period], day: date) -> float:
    return min((period.distance(day) for period in periods), default=float("inf"))


def _choose(entries: Sequence[Entry], on: Day) -> str | None:
    """Without a date, the first entry; with one, the first in use that day, else the one
    in use nearest to it (the first of equals)."""
    if not entries:
        return None
    day = as_day(on)
    if day is None:
        return entries[0][0]
    return min(entries, key=lambda entry: _distance(entry[1], day))[0]



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
    return _choose(matches("ministry", text), on)


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
    return _choose(matches("title", text), on)


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
    table = lookup_tables()["domain"]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = table.get(".".join(parts[i:]))
        if found:
            return _choose(found, on)
    return None


def in_use(ministry: str, on: Day) -> bool:
    """Whether the ministry was called ``ministry`` on ``on`` (any day, undated).

    >>> in_use("Erhvervsministeriet", on="2005-05-26"), in_use("Erhvervsministeriet", None)
    (False, True)
    """
    day = as_day(on)
    return day is None or any(period.covers(day) for entry in ministries()
                              if entry.name == ministry for period in entry.periods)


def ministry_at_address(address: str, on: Day) -> str | None:
    """The one ministry in use on ``on`` whose street address ``address`` gives (its street
    and number, before the comma); None where none or several had it that day.

    >>> ministry_at_address("Holmens Kanal 22, 1060 København K", on="2021-04-07")
    'Social- og Ældreministeriet'
    >>> ministry_at_address("Holmens Kanal 22, 1060 København K", on=None) is None
    True
    """
    day = as_day(on)
    if day is None:
        return None
    street = _street(address)
    names = {ministry.name for ministry in ministries()
             if ministry.address and _street(ministry.address) == street
             and any(period.covers(day) for period in ministry.periods)}
    return names.pop() if len(names) == 1 else None


def _street(address: str) -> str:
    return re.sub(r"\s+", " ", address.split(",", 1)[0]).strip().lower()


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
    return _name_on(_choose(matches("committee", text, _COMMITTEE_PREFIXES), on), on)


# How long after (or before) its time a committee's name is still taken as written: the
# periods' ends are known to the day only where Folketinget's lists give them.
_NAME_OUT_OF_USE_DAYS = 180


def _name_on(name: str | None, on: Day) -> str | None:
    """The standard name, on ``on``, of the committee ``name`` names: a letter may call a
    committee by a name it had before or after ("Folketingets Udlændinge- og
    Integrationsudvalg" in 2012 was the Udvalget for Udlændinge- og Integrationspolitik).

    >>> _name_on("Udlændinge- og Integrationsudvalget", "2012-05-01")
    'Udvalget for Udlændinge- og Integrationspolitik'
    >>> _name_on("Sundhedsudvalget", "2016-03-01"), _name_on("Sundhedsudvalget", None)
    ('Sundheds- og Ældreudvalget', 'Sundhedsudvalget')
    """
    day = as_day(on)
    committee = _committees_by_name().get(name) if name and day else None
    if committee is None or not committee.abbreviation:
        return name
    if _distance(committee.periods, day) <= _NAME_OUT_OF_USE_DAYS:
        return name
    return committee_for_abbreviation(committee.abbreviation, on=day) or name


@lru_cache(maxsize=1)
def _committees_by_name() -> dict[str, Committee]:
    return {committee.name: committee for committee in committees()}


def committee_for_abbreviation(abbreviation: str, on: Day = None) -> str | None:
    """The committee Folketinget's abbreviation stood for ("SUU" as in "SUU Alm.del"); with
    ``on``, the committee's name on that day. "ULOE" is read as "ULØ".

    >>> committee_for_abbreviation("UFO"), committee_for_abbreviation("XYZ")
    ('Udvalget for Forretningsordenen', None)
    >>> [committee_for_abbreviation(abbreviation, on=day)
    ...  for abbreviation, day in [("suu", "2020-12-22"), ("TRU", "2009-11-23")]]
    ['Sundheds- og Ældreudvalget', 'Trafikudvalget']
    """
    return _choose(lookup_tables()["abbreviation"].get(abbreviation_key(abbreviation), []), on)



def canonical_office(text: str) -> str | None:
    """The office of Folketinget a form means.

    >>> canonical_office("Til Folketingets Lovsekretariat")
    'Folketingets Lovsekretariat'
    """
    return _choose(matches("office", text, _COMMITTEE_PREFIXES), None)


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
    for appointment in ministers():
        for name in (appointment.name, *appointment.aliases):
            out.setdefault(_person_key(name), []).append(appointment)
    return out


def appointments_of(name: str) -> list[Minister]:
    """By the name as the list writes it, else by a shortened middle name: "Lars Chr.
    Lilleholt" is "Lars Christian Lilleholt" (first and last names as written)."""
    key = _person_key(name)
    found = _ministers_by_name().get(key)
    if found or "." not in key:
        return found or []
    words = key.split()
    for known, appointments in _ministers_by_name().items():
        known_words = known.split()
        if len(known_words) == len(words) and all(
                word == full or (word.endswith(".") and full.startswith(word[:-1]))
                for word, full in zip(words, known_words, strict=True)):
            return appointments
    return []


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
    >>> minister("Lars Chr. Lilleholt", on="2016-01-01").ministry
    'Energi-, Forsynings- og Klimaministeriet'
    """
    appointments = appointments_of(name)
    if not appointments:
        return None
    day = as_day(on)
    if day is None:
        return max(appointments, key=lambda a: (a.end is None, a.start or date.min,
                                                a.end or date.max))
    held = appointments_on(name, day)
    return held[0] if held else None


def appointments_on(name: str, on: Day) -> list[Minister]:
    """Every post the person named held on ``on``, the one held longest first: Bertel
    Haarder was integration minister and Europe minister at once.

    >>> [a.ministry for a in appointments_on("Bertel Haarder", "2004-12-16")][:2]
    ['Udenrigsministeriet', 'Ministeriet for Flygtninge, Indvandrere og Integration']
    """
    day = as_day(on)
    held = [a for a in appointments_of(name) if day and a.covers(day)]
    return sorted(held, key=lambda a: a.start or date.min)


def ministers_of(ministry: str, on: Day = None) -> list[Minister]:
    """The appointments in a ministry (its name as given; aliases allowed), in the file's
    order; with ``on``, those that ran on that day.

    >>> [a.name for a in ministers_of("Sundheds- og Ældreministeriet", on="2018-08-14")]
    ['Ellen Trane Nørby', 'Thyra Frank']
    """
    name = canonical_ministry(ministry) or ministry
    day = as_day(on)
    return [a for a in ministers() if a.ministry == name and (day is None or a.covers(day))]



if __name__ == "__main__":
    import sys

    from pipeline.nlp.gazetteer_upkeep import main

    raise SystemExit(main(sys.argv[1:]))
