"""Periods: a stretch of years, months or days, with its start and end."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.periods import find_periods


def facts(doc):
    return [(p.start, p.end, p.raw) for p in doc._.periods]


@pytest.mark.parametrize(
    ("text", "start", "end", "raw"),
    [
        ("Handlingsplanen løb i perioden 2017-2020.", "2017", "2020", "2017-2020"),
        ("Handlingsplanen løb i perioden 2017–2020.", "2017", "2020", "2017–2020"),
        ("Planen gælder 2021-2024.", "2021", "2024", "2021-2024"),
        ("Indsatsen løb fra 2015 til 2019.", "2015", "2019", "fra 2015 til 2019"),
        ("Tallene steg mellem 2017 og 2020.", "2017", "2020", "mellem 2017 og 2020"),
        ("Det gælder fra 2017 og frem til 2020.", "2017", "2020", "fra 2017 og frem til 2020"),
        ("Rammen for 2021-24 er fastlagt.", "2021", "2024", "2021-24"),
        ("Finansåret 2021/22 er afsluttet.", "2021", "2022", "2021/22"),
        ("Tallene for årene 2001 til og med 2005 er vist.", "2001", "2005",
         "2001 til og med 2005"),
    ],
)
def test_a_range_of_years(letter, text, start, end, raw):
    [period] = letter(text)._.periods
    assert (period.start, period.end, period.raw) == (start, end, raw)
    assert text[period.evidence.start : period.evidence.end] == raw


@pytest.mark.parametrize(
    ("text", "start", "end", "raw"),
    [
        (
            "Forsøget løber fra 1. januar 2021 til 31. december 2022.",
            "2021-01-01",
            "2022-12-31",
            "fra 1. januar 2021 til 31. december 2022",
        ),
        (
            "Forsøget løber fra 1. januar til 31. december 2022.",
            "2022-01-01",
            "2022-12-31",
            "fra 1. januar til 31. december 2022",
        ),
        ("Kurset løber 1.-15. marts 2021.", "2021-03-01", "2021-03-15", "1.-15. marts 2021"),
        (
            "Høringen løber 21-05-2025 - 18-06-2025.",
            "2025-05-21",
            "2025-06-18",
            "21-05-2025 - 18-06-2025",
        ),
        ("Kampagnen kører januar-marts 2021.", "2021-01", "2021-03", "januar-marts 2021"),
        ("Perioden gælder fra d. 1.1.2016-1.6.2021 og er trukket d. 16.06.2021.", "2016-01-01",
         "2021-06-01", "1.1.2016-1.6.2021"),  # a footnote's dates in digits
        ("Tilbuddet gælder fra 1. januar til og med 31. marts 2021.", "2021-01-01", "2021-03-31",
         "fra 1. januar til og med 31. marts 2021"),
        (
            "Arbejdet løb november 2020 - marts 2021.",
            "2020-11",
            "2021-03",
            "november 2020 - marts 2021",
        ),
    ],
)
def test_a_range_of_dates_or_months(letter, text, start, end, raw):
    assert facts(letter(text)) == [(start, end, raw)]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Udbetalingen sker i 1. kvartal 2022.", "2022-01", "2022-03"),
        ("Udbetalingen sker i 4. kvartal 2022.", "2022-10", "2022-12"),
        ("Udbetalingen sker i første kvartal 2022.", "2022-01", "2022-03"),
        ("Udbetalingen sker i Q3 2022.", "2022-07", "2022-09"),
        ("Udbetalingen sker i 2. halvår 2021.", "2021-07", "2021-12"),
        ("Udbetalingen sker i første halvår 2021.", "2021-01", "2021-06"),
    ],
)
def test_a_quarter_or_half_of_a_year_is_a_period_of_months(letter, text, start, end):
    [period] = letter(text)._.periods
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Sags nr. 2020 - 6967",  # case numbers
        "Sagsnr.: 2014-0032-1400",
        "J.nr. 2014-2015 vedrører sagen.",  # a year-like case number after its label
        "Vores ref. 2020-2021",
        "Se 2020-6967 og 2014-0032.",
        "Tallene for 2017 og 2020 er vist.",  # two years, not a range
        "Møderne var 1. og 2. marts 2021.",  # two days, not a range
        "Møderne var den 3. maj 2020 og den 5. juni 2020.",  # "og" only after "mellem"
        "Sags nr. 2021-24",  # a short case number
        "Tallene for 2021/23 er vist.",  # "/" joins only consecutive years
        "Tallene for 2020-2019 er vist.",  # end before start
        "Tallene for 1850-1860 er vist.",  # outside 1900-2100
        "Tallene for 1990-2030 er vist.",  # too long to be one period
        "Mødet er kl. 9.00-10.30.",
        "Det sker i 3. halvår 2020.",  # no such half
        "Sagsnr. 12.1.2016-1.6.2021",  # a case number shaped like two dates
        # ft.dk's stamp of a page filed under several committees' sessions
        "Testudvalget 2012-13, Testudvalget 2012-13, Testudvalget 2012-13\nOffentligt",
    ],
)
def test_what_is_not_a_period(letter, text):
    assert facts(letter(text)) == []


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                [
                    "2017",
                    "2020",
                    "-",
                    "–",
                    "fra",
                    "til",
                    "mellem",
                    "og",
                    "1.",
                    "januar",
                    "31.",
                    "december",
                    "kvartal",
                    "halvår",
                    "Q1",
                    "Sags nr.",
                    " ",
                    "\n",
                    "1.-15.",
                    "marts",
                ]
            )
        ).map(" ".join),
    )
)
def test_any_text_gives_periods_that_quote_it(tokens, text):
    for period in find_periods(tokens(text)):
        assert text[period.evidence.start : period.evidence.end] == period.raw
        assert period.start < period.end


@pytest.mark.parametrize(("text", "start", "end"), [
    ("hvis perioden udløber i 2. halvår af 2012.", "2012-07", "2012-12"),
    ("jf. UFO – alm. del spm. 5, 2010-11, redegøre", "2010", "2011"),  # a session
    ("resultatet for 1. kvartal\n2018 viser", "2018-01", "2018-03"),
    # the second date after "den" and its weekday
    ("fraværende fra mandag den 18. maj 2009 til og med onsdag den 20. maj 2009 i forbindelse",
     "2009-05-18", "2009-05-20"),
    ("i perioden fra den 27. december 2020 til den 18. februar 2021.", "2020-12-27",
     "2021-02-18"),
])
def test_periods_as_genuine_letters_print_them(letter, text, start, end):
    assert [(p.start, p.end) for p in letter(text)._.periods] == [(start, end)]
