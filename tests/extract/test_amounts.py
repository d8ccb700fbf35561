"""Amounts: a number with a currency, in whole units of that currency."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.amounts import amounts_in_text


def facts(doc):
    return [(a.raw, a.value, a.currency, a.range_to, a.per) for a in doc._.amounts]


@pytest.mark.parametrize(
    ("text", "raw", "value", "currency"),
    [
        ("Der er afsat 73,4 mio. kr. til planen.", "73,4 mio. kr.", 73_400_000, "DKK"),
        ("Udgifterne er 566,9 mia. kr. i alt.", "566,9 mia. kr.", 566_900_000_000, "DKK"),
        ("Rammen er 1,2 mia. kr. over fire år.", "1,2 mia. kr.", 1_200_000_000, "DKK"),
        ("Puljen er på 500.000 kr. i år.", "500.000 kr.", 500_000, "DKK"),
        ("Gebyret er kr. 2.500 pr. ansøgning.", "kr. 2.500", 2_500, "DKK"),
        ("Tilskuddet er kr. 5.000 pr. deltager.", "kr. 5.000", 5_000, "DKK"),
        ("Der gives 2 millioner kroner.", "2 millioner kroner", 2_000_000, "DKK"),
        ("Det koster en halv million kroner.", "en halv million kroner", 500_000, "DKK"),
        ("Der er afsat 5 mio.kr. til det.", "5 mio.kr.", 5_000_000, "DKK"),
        ("Beløbet udgør DKK 4,5 mio. i alt.", "DKK 4,5 mio.", 4_500_000, "DKK"),
        ("EU bidrager med 3 mio. euro.", "3 mio. euro", 3_000_000, "EUR"),
        ("EU bidrager med 2 mio. EUR.", "2 mio. EUR", 2_000_000, "EUR"),
        ("Bidraget er € 5 mio. i alt.", "€ 5 mio.", 5_000_000, "EUR"),
        ("Projektet koster 500 tkr. i alt.", "500 tkr.", 500_000, "DKK"),
        ("Puljen er på 1 250 000 kr. i år.", "1 250 000 kr.", 1_250_000, "DKK"),
        # the published text's line broken after the scale's abbreviation
        ("der skal investeres i alt 195 mia.\nkroner i forsvar.", "195 mia.\nkroner",
         195_000_000_000, "DKK"),
        # ... or after a number that ends a line of prose
        ("svarende til en merudgift på 99,8\nmio. kr. i alt.", "99,8\nmio. kr.", 99_800_000,
         "DKK"),
        # ... or after the scale's word in small letters
        ("at elevatorerne har kostet 3,2 millioner\nkroner? Kan ministeren", "3,2 millioner\n"
         "kroner", 3_200_000, "DKK"),
    ],
)
def test_an_amount_is_a_number_with_its_currency(letter, text, raw, value, currency):
    [amount] = letter(text)._.amounts
    assert (amount.raw, amount.value, amount.currency) == (raw, value, currency)
    assert (amount.evidence.start, amount.evidence.end) == (
        text.index(raw),
        text.index(raw) + len(raw),
    )
    assert raw in amount.sentence


@pytest.mark.parametrize(
    ("text", "value", "range_to"),
    [
        ("Prisen skønnes til 10-15 mio. kr.", 10_000_000, 15_000_000),
        ("Prisen skønnes til 10 – 15 mio. kr.", 10_000_000, 15_000_000),
    ],
)
def test_a_dash_between_two_numbers_makes_a_range(letter, text, value, range_to):
    [amount] = letter(text)._.amounts
    assert (amount.value, amount.range_to) == (value, range_to)


@pytest.mark.parametrize(
    "text",
    [
        "Ordningen koster ca. 35 mio. kr. årligt.",
        "Ordningen koster 35 mio. kr. om året.",
        "Ordningen koster 35 mio. kr. pr. år.",
        "Ordningen koster 35 mio. kr. årlig.",
        "Ordningen koster årligt ca. 35 mio. kr.",
    ],
)
def test_a_yearly_amount_is_per_year(letter, text):
    [amount] = letter(text)._.amounts
    assert (amount.raw, amount.value, amount.per) == ("35 mio. kr.", 35_000_000, "år")


def test_two_amounts_that_share_their_word_for_time_are_both_per_year(letter):
    doc = letter("Tilskuddet er henholdsvis 5.000 kr. og 10.000 kr. årligt.")
    assert [(a.value, a.per) for a in doc._.amounts] == [(5000, "år"), (10000, "år")]


def test_a_word_for_time_glued_to_the_currencys_full_stop(letter):
    [amount] = letter("Ydelsen er op til 11.820 kr.om måneden for en forsørger.")._.amounts
    assert (amount.value, amount.per) == (11820, "måned")


def test_an_amount_without_a_word_for_time_has_no_per(letter):
    [amount] = letter("Ordningen koster 35 mio. kr. i 2021.")._.amounts
    assert amount.per is None


def test_several_amounts_in_text_order(letter):
    doc = letter("Der er afsat 73,4 mio. kr. Heraf går kr. 2.500 til hver og 1 mia. kr. til drift.")
    assert [a.value for a in doc._.amounts] == [73_400_000, 2_500, 1_000_000_000]


@pytest.mark.parametrize(
    "text",
    [
        "Udledningen falder med 2,2 mio. ton CO2e.",  # another unit
        "Andelen steg med 23 pct.",  # a percentage
        "Andelen steg til 79 procent.",
        "Det følger af lov nr. 1234 af 12. december 2019.",  # a law number
        "Se § 5, stk. 2, i loven.",  # a paragraph
        "Ring på tlf. 33 92 33 00.",  # a phone number
        "Christiansborg, 1240 København K",  # a postal code
        "CVR-nr. 36977191 og EAN 5798000201200",
        "Mødet er kl. 9.00-10.30 i 2021.",  # a time and a year
        "Det skyldes krisen og mange kr. mere end ventet.",  # "kr." without a number
        "Tabellen viser (mio. kr.) for hvert år.",  # a unit header alone
        # a caption's period joined to the unit header of the table under it
        "Afsatte midler på kulturområdet, 2019-2025 Mio. kr. (2023-pl)",
        "Bevillinger, som udløber ved udgangen af 2024 Mio. kr., 2024-pl",  # ... or its year
    ],
)
def test_numbers_that_are_not_amounts(letter, text):
    assert facts(letter(text)) == []


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                [
                    "73,4",
                    "mio.",
                    "kr.",
                    "kr",
                    "DKK",
                    "€",
                    "10-15",
                    "1.250.000",
                    "en",
                    "halv",
                    "million",
                    "kroner",
                    "årligt",
                    "ton",
                    "pct.",
                    "2",
                    "-",
                    " ",
                    "\n",
                    "tkr.",
                    "euro",
                ]
            )
        ).map(" ".join),
    )
)
def test_any_text_gives_amounts_that_quote_it(tokens, text):
    doc = tokens(text)
    for amount in amounts_in_text(doc):
        assert text[amount.evidence.start : amount.evidence.end] == amount.raw


def danish(number: int) -> str:
    """1250000 -> "1.250.000"."""
    return f"{number:,}".replace(",", ".")


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_a_danish_formatted_sum_reads_back_to_its_value(tokens, number):
    [amount] = amounts_in_text(tokens(f"Beløbet er {danish(number)} kr. i alt."))
    assert amount.value == number


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=99_999), st.sampled_from([("mio.", 10**6), ("mia.", 10**9)])
)
def test_a_scaled_decimal_reads_back_to_whole_units(tokens, tenths, scale):
    word, factor = scale
    text = f"Rammen er {tenths // 10},{tenths % 10} {word} kr."
    [amount] = amounts_in_text(tokens(text))
    assert amount.value == tenths * factor // 10


# -- where an amount stands: the text, or a table's row and column ------------------------------


def places(doc):
    return [(a.raw, a.origin, a.table_row, a.table_column, a.total) for a in doc._.amounts]


def test_an_amount_in_the_text_stands_in_no_table(letter):
    [amount] = letter("Der er afsat 73,4 mio. kr. til planen.")._.amounts
    assert (amount.origin, amount.table_row, amount.table_column, amount.total) == (
        "text", None, None, False)


def test_a_tab_table_cell_has_its_rows_label_and_its_columns_header(analyse_text):
    doc = analyse_text("Tabel 1. Udgifter\n(mio. kr.)\t2022\tI alt\n"
                       "Drift\t12,5\t20,0\nHeraf løn\t4,0\t6,0\nDrift i alt\t12,5\t20,0\n\n"
                       "Rammen er 3 mio. kr.")
    assert places(doc) == [
        ("12,5", "table", "Drift", "2022", False), ("20,0", "table", "Drift", "I alt", True),
        # "Heraf" is a part of the row above, not a total
        ("4,0", "table", "Heraf løn", "2022", False), ("6,0", "table", "Heraf løn", "I alt", True),
        ("12,5", "table", "Drift i alt", "2022", True),
        ("20,0", "table", "Drift i alt", "I alt", True),
        ("3 mio. kr.", "text", None, None, False)]


def test_a_printed_table_cell_has_its_row_and_column(analyse_text):
    doc = analyse_text("Mio. kr. 2020 2021\nDrift 12,5 13,0\nSamlet 14,0 15,0\nSlut.")
    assert places(doc) == [
        ("12,5", "table", "Drift", "2020", False), ("13,0", "table", "Drift", "2021", False),
        ("14,0", "table", "Samlet", "2020", True), ("15,0", "table", "Samlet", "2021", True)]


def test_years_under_the_unit_and_labels_on_lines_of_their_own_place_printed_cells(analyse_text):
    doc = analyse_text("Mio. kr.\n2020 2021\nDrift 12,5 13,0\nTotal\n1,0 2,0\nSlut.")
    assert places(doc) == [
        ("12,5", "table", "Drift", "2020", False), ("13,0", "table", "Drift", "2021", False),
        ("1,0", "table", "Total", "2020", True), ("2,0", "table", "Total", "2021", True)]


def test_a_printed_column_that_cannot_be_told_is_left_empty(analyse_text):
    # "Skøn 2022" is one header or two; with two cells under three words the columns are unsure
    doc = analyse_text("Mio. kr. Loft Skøn 2022\nDrift 12,5 13,0\nSlut.")
    assert [(a.table_row, a.table_column) for a in doc._.amounts] == [
        ("Drift", None), ("Drift", None)]


def test_a_number_alone_on_its_line_above_a_unit_is_no_amount(letter):
    assert letter("I alt\n99,8\nmio. kr.")._.amounts == []

