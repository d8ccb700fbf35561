"""Calendar dates in the body text: "4. november 2020" -> "2020-11-04".

Candidates are found by pattern over the text, in the forms Danish letters use;
each candidate is then read by one reused dateparser ``DateDataParser``
(``languages=["da"]``, day-month-year order), which refuses impossible dates
such as "31. juni 2020". dateparser never sees free prose: ``search_dates``
would turn Danish words like "man" and "søn" into weekdays.

    >>> find_date_spans("Brevet af 4. november 2020 og primo marts 2021.")
    [(10, 26, '2020-11-04'), (30, 46, '2021-03')]
    >>> parse_danish_date("København, den 12. marts 2019")
    '2019-03-12'

Forms: "4. november 2020", "27.august 2024", "4. nov. 2020", "21-05-2025",
"12.03.2019", "01.03.21", "d. 12/3 2019", "12/3-2019", "2019-03-12", "den 12 marts 2020",
"28. sepetmber 2021" (a month's name mistyped); month precision "november 2020" ->
"2020-11", also after primo/medio/ultimo; ranges "1.-15. marts 2021", "12-13. maj 2021" and
"1. januar til 31. december 2022" give both ends, lists "3., 4. og 5. maj 2021" each day.
A bare year or a season ("foråret 2016") is not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from dateparser.date import DateDataParser
from spacy.language import Language
from spacy.tokens import Doc

from models import DateMention
from pipeline.extract.base import located

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
# Abbreviations only with their full stop: "jul" alone is Christmas, "mar" a word.
MONTH_ABBREVIATIONS = {
    "jan.": 1, "feb.": 2, "febr.": 2, "mar.": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8,
    "sep.": 9, "sept.": 9, "okt.": 10, "nov.": 11, "dec.": 12,
}  # fmt: skip
MONTH_NUMBER = {**MONTHS, **MONTH_ABBREVIATIONS}
MONTH_NAMES = {number: name for name, number in MONTHS.items()}

# A long month name with one letter too many, too few or wrong, as OCR and typing leave
# them ("februrar"): read by ``month_number``, refused where no month is that near.
NOISY_MONTH = r"(?:jan|feb|sep|okt|nov|dec|aug)[a-zæøå]{3,7}(?![.])"
MONTH = (
    "(?:" + "|".join(re.escape(name) for name in sorted(MONTH_NUMBER, key=len, reverse=True))
    + "|" + NOISY_MONTH + ")"
)
FULL_MONTH = "|".join(MONTHS)
# A month ends where a letter would go on: "juni2012" (a lost space) is June.
MONTH_END = r"(?![^\W\d_])"
YEAR = r"(?:19|20)\d{2}|2100"
DAY = r"(?:0?[1-9]|[12]\d|3[01])"
NOT_AFTER_NUMBER = r"(?<![\d.,/])(?<!\d-)"  # "1.250.000" and "2014-0032" hold no date
NOT_BEFORE_NUMBER = r"(?!\d|[-/.,]\d)"

# "4. november 2020", "27.august 2024", "4. nov. 2020", "1. juni2012"; a day without its full
# stop before a month's full name ("den 12 marts 2020")
NAMED = (rf"(?P<day>{DAY})(?:\.\s*|\s+(?=(?:{FULL_MONTH}){MONTH_END}))(?P<month>{MONTH}){MONTH_END}"
         rf"\s*(?P<year>{YEAR})")
# "21-05-2025", "12.03.2019", "12/3 2019", "12/3-2019", "3/1-19"; "01.03.21" with two digits
# to each part (a section's number, "1.2.3", has fewer)
NUMERIC = (
    rf"(?P<nday>{DAY})(?P<sep>[-.])(?P<nmonth>0?[1-9]|1[0-2])(?P=sep)(?P<nyear>{YEAR})"
    rf"|(?P<sday>{DAY})/(?P<smonth>0?[1-9]|1[0-2])(?:[\s/-](?P<syear>{YEAR})|-(?P<syy>\d{{2}}))"
    r"|(?P<dday>0[1-9]|[12]\d|3[01])\.(?P<dmonth>0[1-9]|1[0-2])\.(?P<dyy>\d{2})"
)
# "2019-03-12"
ISO = rf"(?P<iyear>{YEAR})-(?P<imonth>0[1-9]|1[0-2])-(?P<iday>0[1-9]|[12]\d|3[01])"
# "november 2020", "primo marts 2021": month precision
MONTH_ONLY = (
    r"(?:(?P<part>primo|medio|ultimo|midten\s+af|udgangen\s+af|starten\s+af|slutningen\s+af)\s+)?"
    # not the month of "15. marts 2021", which a range's second end holds
    rf"(?<![\w.])(?<!\d\.\s)(?<!\d\.\s\s)(?P<mmonth>{MONTH}){MONTH_END},?\s*(?P<myear>{YEAR})"
)
DATE = re.compile(
    rf"{NOT_AFTER_NUMBER}(?:{NAMED}|{NUMERIC}|{ISO}){NOT_BEFORE_NUMBER}|{MONTH_ONLY}{NOT_BEFORE_NUMBER}",
    re.IGNORECASE,
)

# "primo 2022", "ultimo 2024": the first, middle or last month of the year.
YEAR_PARTS = {"primo": "01", "medio": "06", "ultimo": "12"}
PART_OF_YEAR = re.compile(
    rf"(?<![\w])(?P<ppart>primo|medio|ultimo)\s+(?P<pyear>{YEAR})(?![\d/-])", re.IGNORECASE
)

# "1.-15. marts 2021", "1. januar til 31. december 2022", "januar-marts 2021":
# the first end lacks its month or year and borrows them from the second.
RANGE_JOIN = r"\s*(?P<join>[-–]|til\s+og\s+med|til|og)\s*"
# Days listed before the last two ("3., 4. og 5. maj 2021": the 3rd borrows from the 5th too).
LISTED_DAYS = re.compile(rf"(?:\s*,\s*{DAY}\.)+")
# "12-13. maj 2021": the first day's full stop left out before the dash.
OPEN_DAY = re.compile(
    rf"{NOT_AFTER_NUMBER}(?P<day>{DAY})(?:\.(?:\s*(?P<month>{MONTH})(?![\w]))?|(?=[-–]{DAY}\.))"
    rf"(?=(?:\s*,\s*{DAY}\.)*{RANGE_JOIN}{DAY}\.)",
    re.IGNORECASE,
)
OPEN_MONTH = re.compile(
    rf"(?<![\w.])(?P<month>{MONTH})(?![\w])(?={RANGE_JOIN}{MONTH}(?![\w])\s*(?:{YEAR}))",
    re.IGNORECASE,
)
DAY_RANGE_END = re.compile(rf"{RANGE_JOIN}(?=(?P<end>{NAMED}){NOT_BEFORE_NUMBER})", re.IGNORECASE)
MONTH_RANGE_END = re.compile(
    rf"{RANGE_JOIN}(?=(?P<end>(?P<mmonth>{MONTH})(?![\w])\s*(?P<myear>{YEAR})){NOT_BEFORE_NUMBER})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateRange:
    """Both ends of a range whose first end borrows its month or year from the second."""

    start: int
    end: int
    first: str
    last: str
    join: str  # "-", "–", "til" or "og" ("1. og 2. marts" are two days, not a range)
    last_start: int  # where the second end's own date starts


@cache
def date_parser() -> DateDataParser:
    """The one parser every candidate goes through (building one per call is slow)."""
    return DateDataParser(
        languages=["da"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False},
    )


@lru_cache(maxsize=4096)
def parse_candidate(candidate: str) -> str | None:
    """A normalised candidate ("12. marts 2019", "marts 2019") as "YYYY-MM-DD" / "YYYY-MM".

    >>> parse_candidate("31. juni 2020") is None
    True
    """
    if not candidate:
        return None
    data = date_parser().get_date_data(candidate)
    if data.date_obj is None:
        return None
    if data.period == "month":
        return data.date_obj.strftime("%Y-%m")
    return data.date_obj.strftime("%Y-%m-%d")


def candidate_of(match: re.Match[str]) -> str:
    """The match rewritten as "D. monthname YYYY" or "monthname YYYY" for the parser
    ("" where its month word is no month)."""
    groups = match.groupdict()
    month = groups.get("month") or groups.get("mmonth")
    if month and not month_name(month):
        return ""
    if groups["day"]:
        return f"{int(groups['day'])}. {month_name(groups['month'])} {groups['year']}"
    if groups["nday"]:
        return f"{int(groups['nday'])}. {MONTH_NAMES[int(groups['nmonth'])]} {groups['nyear']}"
    if groups["sday"]:
        year = groups["syear"] or century_of(groups["syy"])
        return f"{int(groups['sday'])}. {MONTH_NAMES[int(groups['smonth'])]} {year}"
    if groups["dday"]:
        return (f"{int(groups['dday'])}. {MONTH_NAMES[int(groups['dmonth'])]} "
                f"{century_of(groups['dyy'])}")
    if groups["iday"]:
        return f"{int(groups['iday'])}. {MONTH_NAMES[int(groups['imonth'])]} {groups['iyear']}"
    return f"{month_name(groups['mmonth'])} {groups['myear']}"


def century_of(two_digits: str) -> str:
    """ "19" -> "2019", "98" -> "1998": letters of 1970-2069."""
    return f"{'19' if int(two_digits) >= 70 else '20'}{two_digits}"


def month_name(text: str) -> str:
    """ "nov." -> "november", "februrar" -> "februar": the parser knows full names best;
    "" for a word that is no month."""
    number = month_number(text)
    return MONTH_NAMES[number] if number else ""


def month_number(text: str) -> int | None:
    """The month a name, abbreviation or near miss of a long name means.

    >>> month_number("februrar"), month_number("Sept."), month_number("novelle")
    (2, 9, None)
    """
    text = text.lower()
    if text in MONTH_NUMBER:
        return MONTH_NUMBER[text]
    near = [number for name, number in MONTHS.items() if len(name) >= 6 and one_edit(text, name)]
    return near[0] if len(near) == 1 else None


def one_edit(word: str, name: str) -> bool:
    """``word`` is ``name`` with one letter added, dropped or changed, or two swapped."""
    if abs(len(word) - len(name)) > 1:
        return False
    if len(word) == len(name):
        differ = [index for index, (a, b) in enumerate(zip(word, name, strict=True)) if a != b]
        # two letters swapped count as one slip of the hand ("sepetmber")
        swapped = len(differ) == 2 and differ[1] == differ[0] + 1 and (
            word[differ[0]] == name[differ[1]] and word[differ[1]] == name[differ[0]])
        return len(differ) == 1 or swapped
    shorter, longer = sorted((word, name), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def find_date_spans(text: str) -> list[tuple[int, int, str]]:
    """Every date in ``text`` as (start, end, value), in text order.

    The first end of a range ("1.-15. marts 2021") spans the whole range,
    since only the whole names its month and year.

    >>> find_date_spans("d. 12/3 2019")
    [(3, 12, '2019-03-12')]
    >>> [value for _s, _e, value in find_date_spans("1.-15. marts 2021")]
    ['2021-03-01', '2021-03-15']
    """
    spans = [(match.start(), match.end(), value) for match, value in single_dates(text)]
    for found in find_date_ranges(text):
        spans.append((found.start, found.end, found.first))
        # the second end of "12-13. maj 2021" stands after a number and a dash, where a date
        # alone is none ("2014-0032")
        if not any(end == found.end and value == found.last for _start, end, value in spans):
            spans.append((found.last_start, found.end, found.last))
    return sorted(span for span in spans if not in_web_address(text, span[0], span[1]))


# A web address: what stands in it ("/2019-03-12/") names a page, not a date.
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def in_web_address(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies within a web address.

    >>> in_web_address("se www.ft.dk/2019-03-12/a", 13, 23)
    True
    """
    return any(url.start() <= start and end <= url.end() for url in WEB_ADDRESS.finditer(text))


def single_dates(text: str) -> list[tuple[re.Match[str], str]]:
    """Complete dates that stand on their own, with their values."""
    found = []
    for match in DATE.finditer(text):
        value = parse_candidate(candidate_of(match))
        if value is not None and not lost_dateline(text, match):
            found.append((match, value))
    for match in PART_OF_YEAR.finditer(text):
        found.append((match, f"{match.group('pyear')}-{YEAR_PARTS[match.group('ppart').lower()]}"))
    return sorted(found, key=lambda item: item[0].start())


# A dateline whose line breaks were lost: "FORSVARSMINISTEREN2. juli 2013Folketingets",
# "EUK 7. januar 2005 Under henvisning til ...", "Fællessekretariatet Den 6. januar 2005\tAd".
GLUED_BEFORE = re.compile(r"[A-ZÆØÅ]{2}$")
GLUED_AFTER = re.compile(r"[A-ZÆØÅ][a-zæøå]")
CAPITAL_AFTER = re.compile(r"[ \t]+[A-ZÆØÅ][a-zæøå]")
WORD_BEFORE = re.compile(r"(\S+)[ \t]+$")
# Words after which running text names a date: "af 3. marts 2021", "den 7. juni".
RUNNING_TEXT_BEFORE = {
    "den", "d.", "af", "fra", "til", "i", "pr.", "per", "siden", "indtil", "med", "om", "ved",
    "efter", "før", "inden", "mellem", "og", "eller", "samt", "senest", "dateret", "fredag",
    "mandag", "tirsdag", "onsdag", "torsdag", "lørdag", "søndag",
}  # fmt: skip


def lost_dateline(text: str, match: re.Match[str]) -> bool:
    """A date that stood on a line of its own, the letter's dateline, glued into the text
    by lost line breaks: to capitalised words on both sides, or after a word that does
    not lead a date in running text and before a capitalised word with no full stop
    between ("EUK 7. januar 2005 Under henvisning")."""
    if GLUED_BEFORE.search(text, 0, match.start()) and GLUED_AFTER.match(text, match.end()):
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = WORD_BEFORE.search(text, line_start, match.start())
    return bool(before and before.group(1) not in RUNNING_TEXT_BEFORE
                and CAPITAL_AFTER.match(text, match.end()))


def find_date_ranges(text: str) -> list[DateRange]:
    """Ranges whose first end is incomplete: "1.-15. marts 2021", "1. januar til 31. december
    2022", "januar-marts 2021".

    >>> find_date_ranges("fra 1. januar til 31. december 2022")[0].first
    '2022-01-01'
    >>> find_date_ranges("januar-marts 2021")[0].first
    '2021-01'
    """
    ranges = []
    for opens, closes in ((OPEN_DAY, DAY_RANGE_END), (OPEN_MONTH, MONTH_RANGE_END)):
        for opening in opens.finditer(text):
            listed = LISTED_DAYS.match(text, opening.end()) if opens is OPEN_DAY else None
            closing = closes.match(text, listed.end() if listed else opening.end())
            found = closing and range_of(opening, closing)
            if found:
                ranges.append(found)
    return sorted(ranges, key=lambda found: found.start)


def range_of(opening: re.Match[str], closing: re.Match[str]) -> DateRange | None:
    """The range from an incomplete first end to a complete second one, if it runs forward."""
    last = DATE.fullmatch(closing.group("end"))
    month = opening.group("month") or last.group("month")
    year = last.group("year") or last.group("myear")
    day = f"{int(opening.group('day'))}. " if opening.groupdict().get("day") else ""
    if not month_name(month):
        return None
    first = parse_candidate(f"{day}{month_name(month)} {year}")
    last_value = parse_candidate(candidate_of(last))
    if not (first and last_value and first < last_value):
        return None
    join = closing.group("join").lower()
    return DateRange(opening.start(), closing.end("end"), first, last_value, join,
                     closing.start("end"))


def parse_danish_date(text: str) -> str | None:
    """The first full date (day precision) in a line, as "YYYY-MM-DD"; else None.

    Meant for datelines and sidebar lines, where the letter's own date stands.

    >>> parse_danish_date("Dato: 21-05-2025")
    '2025-05-21'
    >>> parse_danish_date("november 2020") is None
    True
    """
    for _start, _end, value in find_date_spans(text):
        if len(value) == len("YYYY-MM-DD"):
            return value
    return None


def find_dates(doc: Doc) -> list[DateMention]:
    """Every calendar date in the Doc's text, with evidence."""
    return [
        DateMention(value=value, **located(doc, start, end))
        for start, end, value in find_date_spans(doc.text)
    ]


@Language.component("ministerbrev_dates")
def dates_component(doc: Doc) -> Doc:
    """Write ``doc._.dates``."""
    doc._.dates = find_dates(doc)
    return doc
