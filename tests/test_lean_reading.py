"""Reading asks pdfplumber only for what the words need (``pdf.lean_chars``): the words
must be exactly the ones ``page.extract_words`` gives from its full ``page.chars``."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter

from pipeline.reading.pdf import WORD_OPTIONS, WordExtractor, lean_chars

LETTERS = sorted((Path(__file__).parent.parent / "corpus" / "letters").glob("*.pdf"))


def lean_words(page) -> list[dict]:
    return WordExtractor(**WORD_OPTIONS).extract_words(lean_chars(page))


@pytest.mark.parametrize("path", LETTERS[::4], ids=lambda path: path.name)
def test_lean_words_are_pdfplumbers_words(path):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            assert lean_words(page) == page.extract_words(**WORD_OPTIONS)


def test_a_mediabox_away_from_the_origin_shifts_lean_words_as_pdfplumbers():
    writer = PdfWriter(clone_from=PdfReader(LETTERS[0]))
    for page in writer.pages:
        page.mediabox.lower_left = (15, 25)
    shifted = io.BytesIO()
    writer.write(shifted)
    with pdfplumber.open(io.BytesIO(shifted.getvalue())) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(**WORD_OPTIONS)
        assert words and lean_words(page) == words
