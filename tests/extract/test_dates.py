"""Dates: every calendar date in the body, as "YYYY-MM-DD" or "YYYY-MM"."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.dates import MONTH_NAMES, find_date_spans, find_dates, parse_danish_date


def facts(doc):
    return [(d.raw, d.value) for d in doc._.dates]


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        ("Brevet er dateret 4. november 2020.", "4. november 2020", "2020-11-04"),
        ("Mødet blev holdt 27.august 2024 i Aarhus.", "27.august 2024", "2024-08-27"),
        ("Dato: 21-05-2025", "21-05-2025", "2025-05-21"),
        ("Senest 12-12-2023 skal det ske.", "12-12-2023", "2023-12-12"),
        ("Aftalen af 12.03.2019 gælder.", "12.03.2019", "2019-03-12"),
        ("Modtaget d. 12/3 2019 fra udvalget.", "12/3 2019", "2019-03-12"),
        ("Modtaget 12/3-2019 fra udvalget.", "12/3-2019", "2019-03-12"),
        ("København, den 12. marts 2019", "12. marts 2019", "2019-03-12"),
        ("Udvalget spurgte i brev af 3. marts 2021 om sagen.", "3. marts 2021", "2021-03-03"),
        ("Det følger af lov nr. 1234 af 12. december 2019.", "12. december 2019", "2019-12-12"),
        ("Fristen er 4. nov. 2020.", "4. nov. 2020", "2020-11-04"),
        ("Fristen er 1. sept. 2021.", "1. sept. 2021", "2021-09-01"),
        ("Fristen er 2019-03-12.", "2019-03-12", "2019-03-12"),
        ("Det sker mandag den 4. november 2020.", "4. november 2020", "2020-11-04"),
    ],
)
def test_a_date_to_the_day(letter, text, raw, value):
    [date] = letter(text)._.dates
    assert (date.raw, date.value) == (raw, value)
    assert (date.evidence.start, date.evidence.end) == (text.index(raw), text.index(raw) + len(raw))


@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        ("Evalueringen kom i november 2020.", "november 2020", "2020-11"),
        ("Den forventes primo marts 2021.", "primo marts 2021", "2021-03"),
        ("Den forventes medio juni 2022.", "medio juni 2022", "2022-06"),
        ("Den forventes ultimo december 2023.", "ultimo december 2023", "2023-12"),
        # primo/medio/ultimo of a year: its first, middle or last month
        ("Den ventes ultimo 2020.", "ultimo 2020", "2020-12"),
        ("Stigningen har stået på siden medio 2022.", "medio 2022", "2022-06"),
        ("Marts 2020 var en svær måned.", "Marts 2020", "2020-03"),
    ],
)
def test_a_month_and_year_is_a_date_to_the_month(letter, text, raw, value):
    assert facts(letter(text)) == [(raw, value)]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        (
            "Kurset løber 1.-15. marts 2021.",
            [("1.-15. marts 2021", "2021-03-01"), ("15. marts 2021", "2021-03-15")],
        ),
        (
            "Perioden er fra 1. januar til 31. december 2022.",
            [
                ("1. januar til 31. december 2022", "2022-01-01"),
                ("31. december 2022", "2022-12-31"),
            ],
        ),
        (
            "Perioden er fra 1. januar 2021 til 31. december 2022.",
            [("1. januar 2021", "2021-01-01"), ("31. december 2022", "2022-12-31")],
        ),
        (
            "Kampagnen kører januar-marts 2021.",
            [("januar-marts 2021", "2021-01"), ("marts 2021", "2021-03")],
        ),
        (
            "Møderne var 1. og 2. marts 2021.",
            [("1. og 2. marts 2021", "2021-03-01"), ("2. marts 2021", "2021-03-02")],
        ),
    ],
)
def test_both_ends_of_a_date_range_are_dates(letter, text, dates):
    """The first end of "1.-15. marts 2021" borrows month and year, so its raw is the range."""
    assert facts(letter(text)) == dates


@pytest.mark.parametrize(
    "text",
    [
        "Planen løb i 2020.",  # a bare year
        "Den blev evalueret i foråret 2016.",  # a season
        "Sags nr. 2020 - 6967 og Sagsnr.: 2014-0032/27-0009",  # case numbers
        "Sags nr.: 21/06771 og Jour.nr. 18/04321",
        "Der er afsat 1.250.000 kr.",  # a sum
        "Det sker den 31. juni 2020.",  # no such day
        "Det sker i 1. kvartal 2022.",  # a quarter is a period
        "Til jul 2020 lukker kontoret.",  # "jul" is Christmas
        "Mødet er kl. 9.00-10.30.",
        "Man kan se, at søn og mor deltog.",  # weekday abbreviations in prose
        "Der var 12 maj-dage i 2020.",  # a day's number needs its month's whole word
        "Se afsnit 1.2.3 og 10.11.12.13 i rapporten.",  # sections
        "Sags nr. 2014-15. maj 2020",  # no day after a four-digit number and a dash
    ],
)
def test_what_is_not_a_date(letter, text):
    assert facts(letter(text)) == []


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("4. november 2020", "2020-11-04"),
        ("Dato: 21-05-2025", "2025-05-21"),
        ("København, den 12. marts 2019", "2019-03-12"),
        ("d. 12/3 2019", "2019-03-12"),
        ("27.august 2024", "2024-08-27"),
        ("november 2020", None),  # no day: no letter date
        ("Slotsholmsgade 10", None),
    ],
)
def test_parse_danish_date_reads_a_dateline(line, value):
    assert parse_danish_date(line) == value


def test_find_date_spans_gives_offsets_and_values():
    text = "Brevet af 4. november 2020 og primo marts 2021."
    assert find_date_spans(text) == [(10, 26, "2020-11-04"), (30, 46, "2021-03")]


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                [
                    "4.",
                    "12",
                    "november",
                    "nov.",
                    "2020",
                    "-",
                    "/",
                    ".",
                    "primo",
                    "til",
                    "1.-15.",
                    "marts",
                    "21-05-2025",
                    "d.",
                    " ",
                    "\n",
                    "31.",
                    "juni",
                    "2100",
                    "1899",
                ]
            )
        ).map(" ".join),
    )
)
def test_any_text_gives_dates_that_quote_it(tokens, text):
    for date in find_dates(tokens(text)):
        assert text[date.evidence.start : date.evidence.end] == date.raw


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_a_date_written_the_danish_ways_reads_back(day):
    written = [
        f"{day.day}. {MONTH_NAMES[day.month]} {day.year}",
        f"{day.day:02d}-{day.month:02d}-{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day}/{day.month} {day.year}",
    ]
    assert [parse_danish_date(text) for text in written] == [day.isoformat()] * len(written)


@pytest.mark.parametrize(("text", "expected"), [
    ("Mødet blev holdt den 7.april 2011.", [("7.april 2011", "2011-04-07")]),  # glued
    ("retningslinjerne om enighed den 1. juni2012. Disse", [("1. juni2012", "2012-06-01")]),
    ("Det forventes primo september\n2018.", [("primo september\n2018", "2018-09")]),
    ("Rapporten, udgivet maj,\n2020, viser", [("maj,\n2020", "2020-05")]),
    ("Indslaget i TV2 3/1-19, og DR", [("3/1-19", "2019-01-03")]),  # a two-digit year
    ("henvendelsen af 15/1-06 vedr. støtten", [("15/1-06", "2006-01-15")]),
    ("artiklerne den 12. og 13. februrar 2008 om", [("12. og 13. februrar 2008", "2008-02-12"),
                                                     ("13. februrar 2008", "2008-02-13")]),
    # days listed before the last two borrow its month and year too
    ("Den 3., 4. og 5. maj 2021 holdt", [("3., 4. og 5. maj 2021", "2021-05-03"),
                                         ("4. og 5. maj 2021", "2021-05-04"),
                                         ("5. maj 2021", "2021-05-05")]),
    # the first day's full stop left out before the dash
    ("Den 12-13. maj 2021 holdt", [("12-13. maj 2021", "2021-05-12"),
                                   ("13. maj 2021", "2021-05-13")]),
    ("Aftalen fra den 12 marts 2020 gælder", [("12 marts 2020", "2020-03-12")]),  # no full stop
    ("Jf. brev af 01.03.21 om sagen", [("01.03.21", "2021-03-01")]),  # two digits each
    ("Dato: 26.03.10", [("26.03.10", "2010-03-26")]),
    ("i brev af 28. sepetmber 2021", [("28. sepetmber 2021", "2021-09-28")]),  # letters swapped
])
def test_dates_as_genuine_letters_print_them(letter, text, expected):
    assert facts(letter(text)) == expected


@pytest.mark.parametrize("text", [
    "Se https://www.ft.dk/samling/2019-03-12/bilag.pdf for bilaget.",  # a web address
    "FORSVARSMINISTEREN2. juli 2013Folketingets Forsvarsudvalg har",  # a glued dateline
    "Den 12. novelle 2008 er skrevet.",  # no month is that near
])
def test_what_genuine_letters_hold_that_is_no_date(letter, text):
    assert facts(letter(text)) == []
