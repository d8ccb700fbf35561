"""Case numbers: a label that says the kind, then the number, normalised."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.case_numbers import case_numbers_in


def facts(doc):
    return [(c.kind, c.value, c.raw) for c in doc._.case_numbers]


@pytest.mark.parametrize(
    ("line", "kind", "value"),
    [
        ("Sags nr. 2020 - 6967", "sagsnummer", "2020-6967"),
        ("Sagsnr.: 2014-0032-1400", "sagsnummer", "2014-0032-1400"),
        ("Sagsnr.: 2014-0032/27-0009", "sagsnummer", "2014-0032/27-0009"),
        ("Sagsnr.: 2021/001416", "sagsnummer", "2021/001416"),
        ("Sags nr.: 21/06771", "sagsnummer", "21/06771"),
        ("Sagsnummer: 2020-1234", "sagsnummer", "2020-1234"),
        ("Sag: 20/01234", "sagsnummer", "20/01234"),
        ("J.nr. 2019-5467", "journalnummer", "2019-5467"),
        ("J. nr. 2025-2245", "journalnummer", "2025-2245"),
        ("J nr. 2023 - 911", "journalnummer", "2023-911"),
        ("J.nr.: 2006-2469-63", "journalnummer", "2006-2469-63"),
        ("Jour.nr. 18/04321", "journalnummer", "18/04321"),
        ("Journalnr. 2020-4411", "journalnummer", "2020-4411"),
        ("Akt-id 1430903", "akt-id", "1430903"),
        ("Akt id: 1430903", "akt-id", "1430903"),
        ("Akt nr.: 133188", "akt-id", "133188"),
        ("Dok.nr.: 205138", "dokumentnummer", "205138"),
        ("Doknr. 784000", "dokumentnummer", "784000"),
        ("Dok. nr.: 612677", "dokumentnummer", "612677"),
        ("Vores ref.: 2022-8765", "reference", "2022-8765"),
        ("J.nr.: MST-2021-1234", "journalnummer", "MST-2021-1234"),
    ],
)
def test_each_label_in_a_sidebar_gives_its_kind(letter, line, kind, value):
    assert facts(letter("Kære ordførere", sidebar=[line])) == [(kind, value, line)]


@pytest.mark.parametrize(
    ("line", "kind", "value"),
    [
        ("Sagsnr.2020-6967", "sagsnummer", "2020-6967"),
        ("J.nr.2019-5467", "journalnummer", "2019-5467"),
        ("Akt-id1430903", "akt-id", "1430903"),
    ],
)
def test_a_label_run_into_its_value(letter, line, kind, value):
    """pdf text sometimes loses the space between label and value."""
    assert facts(letter("Kære ordførere", head=[line])) == [(kind, value, line)]


def test_a_label_above_its_value_reads_as_one_line(letter):
    doc = letter("Kære ordførere", sidebar=["Sagsnr.\n2014-0032/27-0009\nAkt-id\n1430903"])
    assert facts(doc) == [
        ("sagsnummer", "2014-0032/27-0009", "Sagsnr. 2014-0032/27-0009"),
        ("akt-id", "1430903", "Akt-id 1430903"),
    ]


def test_every_block_beside_the_text_and_the_body_are_searched(letter):
    doc = letter(
        "Kære ordførere\n\nJf. J.nr. 2019-5467 har udvalget spurgt.",
        head=["Dato: 4. november 2020\nDok.nr.: 205138"],
        sidebar=["Sags nr. 2020 - 6967"],
        footer=["Vores ref.: 2022-8765"],
    )
    assert sorted(kind for kind, _value, _raw in facts(doc)) == [
        "dokumentnummer",
        "journalnummer",
        "reference",
        "sagsnummer",
    ]


def test_one_number_printed_twice_is_listed_once(letter):
    doc = letter("Vedr. sags nr. 2020-6967.", sidebar=["Sags nr. 2020 - 6967"])
    assert [(c.kind, c.value) for c in doc._.case_numbers] == [("sagsnummer", "2020-6967")]


@pytest.mark.parametrize(
    "text",
    [
        "Det er en sag: 2020 blev et svært år.",  # "sag:" in prose
        "Sag: 2",  # too short to be a number of a case
        "Se spørgsmål nr. 12 og lov nr. 1234.",  # other numbers
        "Deres ref.: Spm. 12",  # a reference that is no number
        "Sagsbehandler: Anne Hansen",
        "Det fremgår af akt nr. 4 i sagen.",  # an act of the case, not the letter's id
    ],
)
def test_what_is_not_a_case_number(letter, text):
    assert facts(letter(text)) == []


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                [
                    "Sags",
                    "nr.",
                    "Sagsnr.:",
                    "J.",
                    "J.nr.",
                    "Akt-id",
                    "Dok.",
                    "Vores ref.:",
                    "Sag:",
                    "2020",
                    "-",
                    "/",
                    "6967",
                    "21/06771",
                    " ",
                    "\n",
                    ":",
                    "0032",
                ]
            )
        ).map(" ".join),
    )
)
def test_any_text_gives_normalised_numbers_it_holds(text):
    for number in case_numbers_in(text):
        assert squeezed(number.raw) in squeezed(text)
        assert not re.search(r"\s[-/]|[-/]\s", number.value)
