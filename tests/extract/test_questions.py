"""Question references: the question's number, its series and the committee that asked."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.questions import question_refs_in


def facts(doc):
    return [(q.number, q.series, q.committee) for q in doc._.question_refs]


@pytest.mark.parametrize(
    ("text", "number", "series", "raw"),
    [
        (
            "Hermed svar på spørgsmål nr. 12 (Alm. del).",
            12,
            "Alm. del",
            "spørgsmål nr. 12 (Alm. del)",
        ),
        ("Svar på spørgsmål 32 (Alm. del)", 32, "Alm. del", "spørgsmål 32 (Alm. del)"),
        ("Svar på spørgsmål nr. 453 (alm. del)", 453, "Alm. del", "spørgsmål nr. 453 (alm. del)"),
        # A committee question that names no series is in the general part, "Alm. del".
        ("Svar på spm. nr. 12 fra udvalget.", 12, "Alm. del", "spm. nr. 12"),
        ("Svar på spørgsmål nr. S 1234.", 1234, "S", "spørgsmål nr. S 1234"),
        ("Svar på spørgsmål 45 (L 123).", 45, "L 123", "spørgsmål 45 (L 123)"),
        ("L 45 - spørgsmål 7", 7, "L 45", "L 45 - spørgsmål 7"),
        # a committee's question by its abbreviation, the word "spørgsmål" left out
        ("Jeg henviser til svar på TRU 111 (alm. del).", 111, "Alm. del", "TRU 111 (alm. del)"),
        # a question put on two bills at once is filed under the first
        ("Besvarelse af spørgsmål nr. 14 ad L 175 og L 176 stillet af udvalget.", 14, "L 175",
         "spørgsmål nr. 14 ad L 175"),
    ],
)
def test_number_and_series(letter, text, number, series, raw):
    [ref] = letter(text)._.question_refs
    assert (ref.number, ref.series, ref.raw) == (number, series, raw)


@pytest.mark.parametrize(
    ("text", "committee"),
    [
        (
            "Finansudvalgets spørgsmål nr. 12 (Alm. del) af 3. marts 2021 besvares hermed.",
            "Finansudvalget",
        ),
        ("Svar på spørgsmål nr. 3 stillet af Folketingets Retsudvalg.", "Retsudvalget"),
        (
            "Hermed sendes svar på spørgsmål nr. 1304 (Alm. del), som Folketingets Retsudvalg har "
            "stillet til justitsministeren den 14. september 2023.",
            "Retsudvalget",
        ),
        (
            "Folketingets Udlændinge- og Integrationsudvalg har stillet spørgsmål nr. 5.",
            "Udlændinge- og Integrationsudvalget",
        ),
        ("Svar på spørgsmål nr. 5, som Udvalget har stillet.", None),  # no committee named
    ],
)
def test_the_committee_that_asked_in_canonical_form(letter, text, committee):
    [ref] = letter(text)._.question_refs
    assert ref.committee == committee


def test_the_committee_of_the_next_sentence_is_not_taken(letter):
    [ref] = letter("Svar på spørgsmål 4. Finansudvalget har også spurgt.")._.question_refs
    assert ref.committee is None


def test_several_numbers_give_one_reference_each(letter):
    doc = letter("Svar på spørgsmål nr. 12, 13 og 14 (Alm. del).")
    assert facts(doc) == [(12, "Alm. del", None), (13, "Alm. del", None), (14, "Alm. del", None)]


def test_a_run_of_numbers_gives_each_question_in_it(letter):
    doc = letter("Ministeriet har brug for tid til at besvare spørgsmål nr. 567-570 (Alm. del).")
    assert [number for number, _, _ in facts(doc)] == [567, 568, 569, 570]
    assert facts(letter("Se spørgsmål 2010-11 om sagen.")) == []  # a session, no run


def test_the_subject_line_in_the_head_is_searched_and_merged_with_the_body(letter):
    doc = letter(
        "Retsudvalget har stillet spørgsmål nr. 12 (Alm. del), som hermed besvares.",
        head=["Svar på spørgsmål nr. 12 (Alm. del)"],
    )
    assert facts(doc) == [(12, "Alm. del", "Retsudvalget")]


@pytest.mark.parametrize(
    "text",
    [
        "Det rejser spørgsmål om økonomien.",  # a question without a number
        "Spørgsmålet om 5 kommuner er åbent.",
        "Det følger af lov nr. 1234 og § 5.",
    ],
)
def test_what_is_not_a_question_reference(letter, text):
    assert facts(letter(text)) == []


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(
            st.sampled_from(
                [
                    "spørgsmål",
                    "spm.",
                    "nr.",
                    "12",
                    "S",
                    "(Alm. del)",
                    "(L 123)",
                    "L 45",
                    "-",
                    "og",
                    ",",
                    "Folketingets",
                    "Retsudvalg",
                    "Finansudvalgets",
                    "stillet af",
                    " ",
                    "\n",
                    ".",
                ]
            )
        ).map(" ".join),
    )
)
def test_any_text_gives_references_it_holds(text):
    for ref in question_refs_in(text):
        assert squeezed(ref.raw) in squeezed(text)
        assert ref.number >= 0


def test_numbers_each_with_its_own_nr():
    found = question_refs_in("spørgsmål nr. 12, nr. 13 og nr. 14 (Alm. del)")
    assert [(q.number, q.series) for q in found] == [(12, "Alm. del"), (13, "Alm. del"),
                                                     (14, "Alm. del")]


def test_an_abbreviation_and_a_number_without_an_answer_before_them_are_no_question():
    assert question_refs_in("Se bilag til TRU 111 (alm. del) og MOF 12 (alm. del).") == []


def test_a_committees_abbreviation_before_its_series_in_capitals():
    [found] = question_refs_in("Svar på spørgsmål 12 (EUU Alm. del)")
    assert found.committee == "Europaudvalget"


def test_questions_cited_without_series_take_the_one_bill_the_letter_names(letter):
    doc = letter("Hermed sendes besvarelse af spørgsmål nr. 14 ad L 175 og L 176.\n\n"
                 "Det fremgår af mit svar på spørgsmål 4 og af mit svar på spørgsmål 7.")
    assert [(q.number, q.series) for q in doc._.question_refs] == [
        (14, "L 175"), (4, "L 175"), (7, "L 175")]
    doc = letter("Hermed sendes besvarelse af spørgsmål nr. 14 (Alm. del).\n\n"
                 "Det fremgår af mit svar på spørgsmål 4.")
    assert [(q.number, q.series) for q in doc._.question_refs] == [
        (14, "Alm. del"), (4, "Alm. del")]


def test_the_bill_a_letter_names_before_its_questions_is_theirs(letter):
    # the answers below cite another bill; "L   148" with a conversion's widened space
    doc = letter("Til Folketingets Skatteudvalg L   148 - Forslag til Lov om ændring af "
                 "forskellige skattelove. Hermed fremsendes svar på spørgsmål nr. 1 - 2.\n\n"
                 "Spørgsmål 1:\nHvad sker der?\n\nSvar:\nDet fremgår af L 61.")
    assert {q.series for q in doc._.question_refs} == {"L 148"}


def test_a_question_to_an_act_by_its_short_name(letter):
    doc = letter("Som det fremgår af akt. 21 samt svaret på spørgsmål 3 til akt. 133, er det "
                 "besluttet.")
    assert [(q.number, q.series) for q in doc._.question_refs] == [(3, "Aktstk. 133")]
