"""Counts of things, and the numbers that are not counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def counts(doc):
    return [(c.value, c.lemma) for c in doc._.counts]


@pytest.mark.parametrize(("text", "expected"), [
    ("Der er igangsat 22 initiativer.", [(22, "initiativ")]),
    ("Planen har fire indsatsområder.", [(4, "indsatsområde")]),
    ("I alt 93 kommuner deltog.", [(93, "kommune")]),
    ("Der blev ansat 12 nye medarbejdere.", [(12, "medarbejder")]),
])
def test_a_number_and_the_noun_it_counts(analyse_text, text, expected):
    assert counts(analyse_text(text)) == expected


@pytest.mark.parametrize("text", [
    "Der blev afsat 73,4 mio. kr. til indsatsen.",  # an amount
    "Handlingsplanen løb i perioden 2017-2020.",  # years
    "Loven trådte i kraft den 4. november 2020.",  # a date
    "Det gælder unge under 18 år.",  # an age
    "Anlægget leverer 3 GW.",  # a unit
    "Initiativet blev aflyst på grund af Covid-19.",  # a name with digits
    "Se spørgsmål nr. 12 og § 5, stk. 2.",  # references
    "Der er et initiativ og en plan.",  # the article
])
def test_numbers_that_are_not_counts(analyse_text, text):
    assert counts(analyse_text(text)) == []


def test_qualifier_is_what_the_clause_says_of_the_things(analyse_text):
    doc = analyse_text("Der er igangsat 22 initiativer, hvoraf 20 initiativer er gennemført "
                       "som planlagt.")
    assert [(c.value, c.qualifier) for c in doc._.counts] == [
        (22, None), (20, "gennemført som planlagt")]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_any_text_never_raises_and_evidence_quotes_raw(analyse_text, text):
    doc = analyse_text("Der er 5 kommuner. " + text)
    for count in doc._.counts:
        assert doc.text[count.evidence.start:count.evidence.end] == count.raw


@pytest.mark.parametrize(("text", "expected"), [
    ("Løsningen har 5,1 mio. brugere.", [(5100000, "bruger")]),
    ("Der er 3.400 frivillige.", [(3400, "frivillig")]),
    ("I alt 249.198 studerende modtog SU.", [(249198, "studerende")]),
    ("Der er ca. 1.270 ubesatte stillinger.", [(1270, "stilling")]),
])
def test_scaled_numbers_nominalised_adjectives_and_participles(analyse_text, text, expected):
    assert counts(analyse_text(text)) == expected


def test_a_name_with_a_digit_and_its_compound_are_one_noun(analyse_text):
    [count] = analyse_text("De otte regionale TV 2-virksomheder får tilskud.")._.counts
    assert (count.value, count.noun, count.lemma) == (8, "TV 2-virksomheder", "tv 2-virksomhed")
