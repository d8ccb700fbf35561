"""Bugs once fixed in the extractors (``pipeline.extract``): facts read from genuine
letters that the letters do not state."""

from __future__ import annotations

import pytest

from tests.extract import conftest as extract_fixtures
from tests.extract.test_counts import counts
from tests.extract.test_letterhead import BODY

# The fixtures of tests/extract/conftest.py, which pytest offers only below that folder.
extract_nlp = extract_fixtures.extract_nlp
letter = extract_fixtures.letter


# -- periods ---------------------------------------------------------------------------------

def test_a_web_address_holds_no_period(letter):
    """Once, the years in a web address ("www.ft.dk/samling/2017-2020/...") were read as a
    period of the letter. What stands in a web address names a page: no period."""
    assert letter("Se www.ft.dk/samling/2017-2020/bilag.pdf for bilaget.")._.periods == []


def test_the_session_of_ftdks_stamp_is_no_period_of_the_letter(letter):
    """Once, the session on ft.dk's stamp ("Sundheds- og Ældreudvalget 2019-20") was read
    as a period the letter names. The stamp files the letter: only the text's own periods
    count."""
    doc = letter("Sundheds- og Ældreudvalget 2019-20 (2. samling)\nSUU Alm.del\nOffentligt\n"
                 "Planen gælder for 2020-2025.")
    assert [(p.start, p.end) for p in doc._.periods] == [("2020", "2025")]


# -- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Kontor 1 400.C.2-0 EUK 7. januar 2005 Under henvisning til udvalgets skrivelse af "
     "13. december 2004 vedlægges svaret.", ["2004-12-13"]),
    ("Fællessekretariatet Den 6. januar 2005\tAd spørgsmål 10", []),
    ("I brev af 3. marts 2021 Finansudvalget spurgte", ["2021-03-03"]),  # after "af": running text
])
def test_a_dateline_glued_into_the_text_is_no_date_it_mentions(letter, text, expected):
    """Once, a letter's dateline whose line breaks were lost ("EUK 7. januar 2005 Under
    henvisning ...") was read as a date the text mentions. A date glued between a
    letterhead word and a capitalised word is the dateline; one after a word that leads a
    date in running text ("af") is still a date."""
    assert [date.value for date in letter(text)._.dates] == expected


# -- counts ----------------------------------------------------------------------------------

def test_a_count_right_after_a_date_is_no_group_of_digits(analyse_text):
    """A number set in groups ("33 92 33 33", "2020 - 6967") counts nothing, but the year
    that ends a date right before a count is no group of it: "1. oktober 2021 46
    anbefalinger" must still count 46 recommendations."""
    doc = analyse_text("Regeringen modtog 1. oktober 2021 46 anbefalinger fra panelet.")
    assert counts(doc) == [(46, "anbefaling")]


def test_a_word_cut_off_before_the_signature_is_no_noun(analyse_text):
    """Once, a text cut off mid-word before the signature ("to alternati") gave a count of
    the cut-off word. A word that ends the text, or that a blank line follows, is no noun."""
    assert counts(analyse_text("beregnes under to alternati\n\nMorten Bødskov")) == []


# -- question references ---------------------------------------------------------------------

def test_a_file_name_in_the_date_block_names_no_question(letter):
    """Once, the date block's "Fil-navn: TRU spm. 325", the name of the document's file, was
    read as a question the letter refers to. Only the text's own references count."""
    doc = letter("Dato: 7. april 2008 Kontor: Kommunaløkonomisk kt. Fil-navn: TRU spm. 325\n\n"
                 "Jeg henviser til min besvarelse af spm. 65 alm. del.")
    assert [(q.number, q.answered) for q in doc._.question_refs] == [(65, False)]


# -- letterhead ------------------------------------------------------------------------------

def test_the_senders_address_is_never_folketingets(analyse_text):
    """Once, where the recipient block named a committee the gazetteer did not know, the
    sender's address was taken from that block: Folketinget's, the recipient's. The
    sender's address is the sender's own, never Christiansborg, 1240 København K."""
    head = [["Folketingets Ukendte Udvalg", "Folketinget", "Christiansborg", "1240 København K"]]
    sidebar = [["Frederiksholms Kanal 27 F", "1220 København K"]]
    sender = analyse_text(BODY, head=head, sidebar=sidebar)._.letterhead.sender
    assert sender.address == "Frederiksholms Kanal 27 F, 1220 København K"
