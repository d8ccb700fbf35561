"""Tokenizer exceptions for letter text, in a blank pipeline and in the committed model."""

import pytest
import spacy

from pipeline.nlp import load
from pipeline.nlp.tokenizer import TOKENIZER


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("da", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})


@pytest.mark.parametrize(
    "text, token",
    [
        ("Sagsnr. 2024-1234", "Sagsnr."),
        ("Vores sagsnr. er 2024-1234", "sagsnr."),
        ("J.nr. 23/0456", "J.nr."),
        ("Jour.nr. 2023-000123", "Jour.nr."),
        ("Dok.nr. 123456", "Dok.nr."),
        ("Doknr. 123456", "Doknr."),
        ("Akt-id: 3456", "Akt-id"),
        ("i alt 5 mio.kr. i 2025", "mio.kr."),
        ("i alt 5 mia.kr. i 2025", "mia.kr."),
        ("Alm.del - spørgsmål nr. 12", "Alm.del"),
        ("jf. bl.a. stk. 2", "bl.a."),
    ],
)
def test_exception_stays_whole(blank, text, token):
    assert token in [t.text for t in blank(text)]


def test_defaults_still_apply(blank):
    words = [t.text for t in blank("Det koster 3 mio. kr. og 2 pct. af budgettet.")]
    assert words == ["Det", "koster", "3", "mio.", "kr.", "og", "2", "pct.", "af", "budgettet", "."]


def test_sags_nr_with_space_keeps_nr_whole(blank):
    assert [t.text for t in blank("Sags nr. 12")] == ["Sags", "nr.", "12"]


def test_committed_model_uses_letter_tokenizer():
    nlp = load()
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER
    words = [t.text for t in nlp.make_doc("Sagsnr. 2024-1234, J.nr. 23/45, Dok.nr. 9")]
    assert words[:2] == ["Sagsnr.", "2024-1234"]
    assert "J.nr." in words and "Dok.nr." in words


def test_reference_line_does_not_end_a_sentence():
    doc = load()("Sagsnr. 2024-1234. Ministeriet har modtaget dit brev.")
    first = next(doc.sents)
    assert first[0].text == "Sagsnr." and len(first) > 1
