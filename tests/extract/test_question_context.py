"""Question references completed from the rest of the letter."""

from __future__ import annotations


def refs(doc):
    return [(q.number, q.series, q.committee) for q in doc._.question_refs]


def test_mentions_of_one_question_merge(analyse_text):
    body = ("Folketingets Finansudvalg har stillet følgende spørgsmål nr. 12 (Alm. del), som "
            "hermed besvares.\n\nSpørgsmål nr. 12:\n\nVil ministeren oplyse ...")
    assert refs(analyse_text(body)) == [(12, "Alm. del", "Finansudvalget")]


def test_a_bill_in_the_subject_is_the_series(analyse_text):
    head = [["L 45 - Forslag til lov om ændring af ligningsloven. Svar på spørgsmål 7"]]
    body = "Hermed sendes svar på spørgsmål 7, som Folketingets Skatteudvalg har stillet."
    assert refs(analyse_text(body, head=head)) == [(7, "L 45", "Skatteudvalget")]


def test_an_earlier_question_takes_the_letters_committee(analyse_text):
    body = ("Beskæftigelsesudvalget har stillet spørgsmål nr. 88 (Alm. del). Tallene i mit svar "
            "på spørgsmål nr. 41 (Alm. del) er siden opdateret.")
    assert refs(analyse_text(body)) == [(88, "Alm. del", "Beskæftigelsesudvalget"),
                                        (41, "Alm. del", "Beskæftigelsesudvalget")]


def test_a_committee_whose_name_coordinates_words_is_named_whole(analyse_text):
    body = ("Folketingets Transport-, Bygnings- og Boligudvalg har stillet mig spørgsmål nr. 567 "
            "(Alm. del), som hermed besvares.")
    assert refs(analyse_text(body)) == [(567, "Alm. del", "Transport-, Bygnings- og Boligudvalget")]
