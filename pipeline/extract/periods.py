"""Stretches of time: "i perioden 2017-2020" -> start "2017", end "2020".

Three shapes, each with its own finder:

- years: "2017-2020", "2017–2020", "fra 2017 til 2020", "mellem 2017 og 2020",
  "2017 og frem til 2020", "2001 til og med 2005", "2021-24", "2021/22" (a budget or
  school year);
- dates and months: "fra 1. januar 2021 til 31. december 2022", "1.-15. marts 2021",
  "januar-marts 2021", "november 2020 - marts 2021", "1.1.2016-1.6.2021" (start and end
  as the dates module reads them: "YYYY-MM-DD" or "YYYY-MM");
- quarters and halves: "1. kvartal 2022" -> "2022-01".."2022-03",
  "2. halvår 2021" -> "2021-07".."2021-12", "første kvartal 2022", "Q3 2022".

A leading "fra" or "mellem" belongs to the raw text; "i perioden" does not.
A year range must read as one: years 1900-2100, end after start, at most
``MAX_YEARS`` apart, and no case-number label before it, so "Sags nr. 2020 - 6967"
and "J.nr. 2014-2015" are no periods.

    >>> found_in("i perioden 2017-2020")
    [Found(start=11, end=20, first='2017', last='2020')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from models import Period
from pipeline.extract.base import located
from pipeline.extract.case_numbers import LABEL as CASE_LABEL
from pipeline.extract.dates import YEAR, find_date_ranges, in_web_address, single_dates
from pipeline.reading.lineroles import stamp_role

MAX_YEARS = 30
LEAD = r"(?:(?P<lead>fra|mellem)\s+)?"
# "2017-2020", "2017 til 2020", "2017 og frem til 2020", "2021-24", "2021/22"
JOIN = r"\s*(?P<join>[-–/]|(?:og\s+)?frem\s+til|til\s+og\s+med|til|og)\s*"
YEAR_RANGE = re.compile(
    rf"(?<![\wæøå]){LEAD}(?<![\w./-])(?P<first>{YEAR}){JOIN}(?P<last>{YEAR}|\d{{2}})"
    r"(?![\w/-]|[.,]\d)",
    re.IGNORECASE,
)
CASE_LABEL_BEFORE = re.compile(rf"(?:{CASE_LABEL})[ \t]*:?\s*$", re.IGNORECASE)
LEAD_BEFORE = re.compile(r"(?<![\wæøå])(?P<lead>fra|mellem)\s+$", re.IGNORECASE)
# What joins a range's two dates: "til", "til og med", "-", perhaps before the second's
# weekday and "den" ("til og med onsdag den 20. maj 2009", "til den 18. februar 2021").
DATE_JOIN = re.compile(r"\s*(?P<word>[-–]|til\s+og\s+med|til|og)\s*"
                       r"(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?(?:den\s+|d\.\s*)?",
                       re.IGNORECASE)
# Two dates in digits joined by a dash, as a footnote gives a period: "1.1.2016-1.6.2021"
# (each date alone is no date to the dates module, whose numbers never run on after a dash).
NUMERIC_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
NUMERIC_RANGE = re.compile(
    rf"(?<![\d.,/-])(?P<first>{NUMERIC_DATE})[ \t]*[-–][ \t]*(?P<last>{NUMERIC_DATE})(?![\d])")

ORDINALS = {
    "1": 1, "2": 2, "3": 3, "4": 4, "første": 1, "andet": 2, "anden": 2, "tredje": 3, "fjerde": 4,
}  # fmt: skip
ORDINAL = r"(?:(?P<number>[1-4])\.|(?P<word>første|andet|anden|tredje|fjerde))"
PART = re.compile(
    rf"(?<![\w.]){ORDINAL}\s*(?P<unit>kvartal|kvt\.|halvår|halvdel\s+af)\s*(?:af\s+)?(?P<year>{YEAR})(?!\d)"
    rf"|(?<![\w.])(?P<q>Q[1-4])[ \t-]*(?P<qyear>{YEAR})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """A period's place in the text (``start:end``) and its two ends (``first``, ``last``)."""

    start: int
    end: int
    first: str
    last: str


def year_ranges(text: str) -> list[Found]:
    """ "2017-2020", "fra 2017 til 2020", "mellem 2017 og 2020"."""
    found = []
    for match in YEAR_RANGE.finditer(text):
        first, last = int(match.group("first")), last_year(match)
        if not 0 < last - first <= MAX_YEARS or not joined_as_range(match):
            continue
        if CASE_LABEL_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        found.append(Found(match.start(), match.end(), str(first), str(last)))
    return found


def last_year(match: re.Match[str]) -> int:
    """The end year, with a two-digit end in the start's century: "2021-24" -> 2024."""
    first, last = match.group("first"), match.group("last")
    return int(first[:2] + last) if len(last) == 2 else int(last)


def joined_as_range(match: re.Match[str]) -> bool:
    """ "og" joins a range only after "mellem" ("i 2017 og 2020" names two years); "/" only
    joins a year to the next ("2021/22", a budget or school year); a two-digit end needs a dash."""
    join = match.group("join").lower()
    if join == "og":
        return (match.group("lead") or "").lower() == "mellem"
    if join == "/":
        return last_year(match) == int(match.group("first")) + 1
    return len(match.group("last")) == 4 or join in "-–"


def date_ranges(text: str) -> list[Found]:
    """Two dates joined by "-" or "til" ("og" after "mellem"), and ranges with an open start
    ("1.-15. marts 2021", "januar-marts 2021")."""
    found = [
        Found(r.start, r.end, r.first, r.last)
        for r in find_date_ranges(text)
        if joined_by(text, r.join, r.start)
    ]
    for numeric in NUMERIC_RANGE.finditer(text):
        ends = [single_dates(numeric.group(end)) for end in ("first", "last")]
        after_label = CASE_LABEL_BEFORE.search(text[max(0, numeric.start() - 30):numeric.start()])
        if all(len(dates) == 1 for dates in ends) and ends[0][0][1] < ends[1][0][1] and (
                not after_label):
            found.append(Found(numeric.start(), numeric.end(), ends[0][0][1], ends[1][0][1]))
    dates = single_dates(text)
    for (first, first_value), (last, last_value) in zip(dates, dates[1:], strict=False):
        join = DATE_JOIN.fullmatch(text, first.end(), last.start())
        if join and first_value < last_value and joined_by(text, join.group("word"),
                                                           first.start()):
            found.append(Found(first.start(), last.end(), first_value, last_value))
    return [with_lead(text, item) for item in found]


def joined_by(text: str, join: str, start: int) -> bool:
    """ "og" joins two dates into a range only after "mellem"."""
    if join.strip().lower() != "og":
        return True
    lead = LEAD_BEFORE.search(text[max(0, start - 10) : start])
    return bool(lead) and lead.group("lead").lower() == "mellem"


def with_lead(text: str, found: Found) -> Found:
    """Widen a range to take in the "fra" or "mellem" before it."""
    lead = LEAD_BEFORE.search(text[max(0, found.start - 10) : found.start])
    if lead is None:
        return found
    start = found.start - (len(lead.group(0)))
    return Found(start, found.end, found.first, found.last)


def parts_of_years(text: str) -> list[Found]:
    """ "1. kvartal 2022" -> "2022-01".."2022-03"; "2. halvår 2021" -> "2021-07".."2021-12"."""
    found = []
    for match in PART.finditer(text):
        if match.group("q"):
            number, months, year = int(match.group("q")[1]), 3, match.group("qyear")
        else:
            number = ORDINALS[(match.group("number") or match.group("word")).lower()]
            months = 3 if match.group("unit").lower().startswith("kv") else 6
            year = match.group("year")
        if number * months > 12:
            continue  # "3. halvår" does not exist
        first, last = (number - 1) * months + 1, number * months
        found.append(Found(match.start(), match.end(), f"{year}-{first:02d}", f"{year}-{last:02d}"))
    return found


def without_overlaps(found: list[Found]) -> list[Found]:
    """Keep the first of any overlapping finds (finders are tried from the most specific)."""
    kept: list[Found] = []
    for item in found:
        if all(item.end <= other.start or other.end <= item.start for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda item: item.start)


def found_in(text: str) -> list[Found]:
    """Every period in ``text`` as offsets and ends, in text order."""
    finds = date_ranges(text) + parts_of_years(text)
    kept = without_overlaps(finds + year_ranges(text))
    return [item for item in kept
            if not in_web_address(text, item.start, item.end) and not in_stamp(text, item.start)]


def in_stamp(text: str, start: int) -> bool:
    """Whether ``start`` lies on a line that is ft.dk's stamp.

    >>> in_stamp("Finansudvalget 2009-10\\nAktstk. 98", 15)
    True
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    # ft.dk's stamp files the letter under a session; the letter's text does not name it.
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return stamp_role(line.strip()) is not None


def find_periods(doc: Doc) -> list[Period]:
    """Every period in the Doc's text, with evidence."""
    return [
        Period(start=item.first, end=item.last, **located(doc, item.start, item.end))
        for item in found_in(doc.text)
    ]


@Language.component("ministerbrev_periods")
def periods_component(doc: Doc) -> Doc:
    """Write ``doc._.periods``."""
    doc._.periods = find_periods(doc)
    return doc
