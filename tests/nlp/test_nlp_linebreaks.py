"""The model reads a letter's words without its line breaks, and its findings land on the
letter's own tokens."""

import pytest

from pipeline.nlp import load
from pipeline.nlp.linebreaks import run_without_breaks


@pytest.fixture(scope="module")
def read():
    """The committed model's components run over a text, line breaks left out."""
    nlp = load()
    components = [component for name, component in nlp.pipeline if name != "ner"]
    return lambda text: run_without_breaks(components, nlp.make_doc(text))


def test_a_noun_after_a_line_break_is_read_as_over_one_line(read):
    broken = read("Ministeriet har iværksat de tre\ninitiativer på området.")
    whole = read("Ministeriet har iværksat de tre initiativer på området.")
    assert broken.text == "Ministeriet har iværksat de tre\ninitiativer på området."
    pairs = [(t.text, t.pos_, t.lemma_, t.head.text) for t in broken if not t.is_space]
    assert pairs == [(t.text, t.pos_, t.lemma_, t.head.text) for t in whole]


def test_a_line_break_is_white_space_on_the_word_before_it(read):
    doc = read("de tre\ninitiativer")
    line_break = doc[2]
    assert (line_break.text, line_break.pos_, line_break.head.text) == ("\n", "SPACE", "tre")


def test_an_entity_goes_on_across_a_line_break(read):
    doc = read("Folketingets Sundheds- og\nÆldreudvalg har stillet spørgsmålet.")
    committees = [(e.text, e.ent_id_) for e in doc.ents if e.label_ == "COMMITTEE"]
    assert committees == [("Folketingets Sundheds- og\nÆldreudvalg", "Sundheds- og Ældreudvalget")]


def test_a_blank_line_ends_a_sentence_a_single_break_need_not(read):
    doc = read("Svar\n\nDet kan jeg bekræfte, og de tre\ninitiativer er i gang.")
    assert [sentence.text.strip() for sentence in doc.sents] == [
        "Svar", "Det kan jeg bekræfte, og de tre\ninitiativer er i gang."]


def test_a_text_without_breaks_is_read_as_it_is(read):
    doc = read("Regeringen vil følge op i 2025.")
    assert [t.pos_ for t in doc][:2] == ["NOUN", "AUX"]
