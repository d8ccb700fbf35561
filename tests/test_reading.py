"""Reading: a real PDF in, the running text in reading order and the blocks beside it out."""

from __future__ import annotations

import pytest

from pipeline.errors import ReadError
from pipeline.reading import read_document


@pytest.fixture(scope="module")
def seed_document(seed_pdf):
    return read_document(seed_pdf.read_bytes())


def test_sidebar_is_not_in_the_running_text(seed_document):
    for sidebar_word in ("Slotsholmsgade", "CVR-nr.", "Akt-id", "Tel.", "uim@uim.dk"):
        assert sidebar_word not in seed_document.body_text


def test_sentence_cut_by_the_page_break_is_joined(seed_document):
    assert "under handlingsplanen har skabt adgang til nogle ellers lukkede lokalområder" in (
        seed_document.body_text
    )


def test_sidebar_lines_are_kept_as_blocks(seed_document):
    sidebar = [line for block in seed_document.region("sidebar") for line in block.lines]
    assert "CVR-nr. 36977191" in sidebar
    assert "Sags nr. 2020 - 6967" in sidebar


def test_recipient_block_stands_in_the_head(seed_document):
    head_lines = [block.lines for block in seed_document.region("head")]
    assert ["Udlændinge- og Integrationsudvalget", "Folketinget", "Christiansborg",
            "1240 København K"] in head_lines


def test_running_text_starts_at_the_salutation_and_keeps_paragraphs(seed_document):
    assert seed_document.body_text.startswith("Kære ordførere\n\n")
    assert seed_document.body_text.count("\n\n") >= 6


def test_every_offset_maps_to_its_page(seed_document):
    text = seed_document.body_text
    assert seed_document.page_at(text.index("Kære")) == 1
    assert seed_document.page_at(text.index("har skabt adgang")) == 2
    assert seed_document.page_at(len(text) - 1) == 2


def test_list_items_stand_on_their_own_lines(seed_document):
    items = [line for line in seed_document.body_text.splitlines() if line[:2] in {"1)", "2)"}]
    assert len(items) == 2


@pytest.mark.parametrize("code", ["empty", "not_pdf", "damaged"])
def test_unreadable_files_raise_a_coded_error(bad_files, code):
    with pytest.raises(ReadError) as raised:
        read_document(bad_files[code].read_bytes())
    assert raised.value.code == code
    assert raised.value.message
