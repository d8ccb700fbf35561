"""Every extractor, on any text: it never raises, and what it reports quotes the text.

The pipeline here runs every component in ``extract.COMPONENTS`` (the trained
Danish model where it is on disk, else a blank Danish tokenizer with a
sentencizer), over text that hypothesis builds from each extractor's own
vocabulary, arbitrary Unicode, and the odd characters PDFs carry (soft hyphens,
non-breaking and zero-width spaces, ligatures, decomposed letters), both raw
and as the reading stage leaves them after ``clean_text``.
"""

from __future__ import annotations

import datetime
import re

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import COMPONENTS
from pipeline.reading import Block, Document
from pipeline.reading.pdf import clean_text

ODD_CHARACTERS = ["\u00ad", "\u00a0", "\u200b", "\u200d", "\ufeff", "ﬁ", "ﬂ", "a\u030a",
                  "\u2009", "\u202f", "\t", "\n", "\n\n", "\r", "\x0c", "\u2028"]

VOCABULARY = {
    "amounts": ["73,4", "mio.", "kr.", "DKK", "mia.", "€", "1.250.000", "halv", "årligt",
                "10-15", "pct.", "kroner", "en", "million"],
    "dates": ["4.", "november", "2020", "d.", "1/1-2021", "maj", "31.12.2019", "i", "dag"],
    "periods": ["2017-2020", "perioden", "fra", "til", "2019/20", "1.", "januar", "–", "år"],
    "case_numbers": ["Sags", "nr.", "J.nr.", "Akt-id", "2020", "-", "6967", "/", "Dok."],
    "question_refs": ["spørgsmål", "nr.", "12", "(Alm. del)", "L 45", "Finansudvalget", "S"],
    "counts": ["22", "initiativer", "kommuner", "fire", "heraf", "er", "gennemført", "93"],
    "recommendations": ["anbefaler", "at", "det", "anbefales", "bør", "øget", "fokus", "."],
    "letterhead": ["Kære", "ordførere", "Med venlig hilsen", "Folketinget", "Christiansborg",
                   "Udlændinge- og Integrationsudvalget", "Dato:", "Tel.", "6198 4000"],
    "kind": ["Svar", "på", "spørgsmål", "orientering", "Hermed", "oversendes", "til", "udvalget"],
}

ANY_CHARACTER = st.characters(blacklist_categories=["Cs"])


def text_for(family: str) -> st.SearchStrategy[str]:
    """Arbitrary text, or the family's own words mixed with odd characters and noise."""
    pieces = st.one_of(st.sampled_from(VOCABULARY[family]), st.sampled_from(ODD_CHARACTERS),
                       st.text(alphabet=ANY_CHARACTER, max_size=6))
    words = st.lists(pieces, max_size=40).map(" ".join)
    return st.one_of(st.text(alphabet=ANY_CHARACTER, max_size=200), words)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def every_extractor():
    """The project's pipeline; without the trained model, every component on a blank one."""
    try:
        from pipeline.extract import build_nlp

        return build_nlp()
    except (ImportError, OSError):
        nlp = spacy.blank("da")
        nlp.add_pipe("sentencizer")
        for name in COMPONENTS:
            nlp.add_pipe(name)
        return nlp


def analysed(nlp, body_text: str, head: str, sidebar: str):
    blocks = [Block(region="head", page=1, lines=head.split("\n")),
              Block(region="sidebar", page=1, lines=sidebar.split("\n"))]
    document = Document(pages=1, body_text=body_text, blocks=blocks, page_starts=[(0, 1)])
    doc = nlp.make_doc(body_text)
    doc._.document = document
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def check_quotes(doc, body_text: str, blocks_text: str) -> None:
    """Evidence quotes body_text exactly; raw-only facts stand somewhere in the letter."""
    for family in ("amounts", "dates", "periods", "counts"):
        for fact in getattr(doc._, family):
            assert body_text[fact.evidence.start:fact.evidence.end] == fact.raw
            assert fact.evidence.page == 1
    for item in doc._.recommendations:
        assert body_text[item.evidence.start:item.evidence.end] == item.text
    everything = squeezed(body_text + "\n" + blocks_text)
    for reference in [*doc._.case_numbers, *doc._.question_refs]:
        raw = squeezed(reference.raw).strip()
        # a label ending a block of the letterhead takes its value from the next block or the
        # text's start ("J.nr." / "2019-1234 ..."): its words stand apart
        assert raw in everything or all(word in everything for word in raw.split())
    head = doc._.letterhead
    if head.salutation:
        assert head.salutation in body_text
    if head.date:
        datetime.date.fromisoformat(head.date)
    assert doc._.letter_kind in {"orientering", "svar_paa_spoergsmaal", "oversendelse", "other"}


@pytest.mark.parametrize("family", sorted(VOCABULARY))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_text_never_raises_and_facts_quote_it(every_extractor, family, data):
    body_text = data.draw(text_for(family), label="body_text")
    head = data.draw(text_for(family), label="head")
    sidebar = data.draw(text_for(family), label="sidebar")
    doc = analysed(every_extractor, body_text, head, sidebar)
    check_quotes(doc, body_text, head + "\n" + sidebar)


@pytest.mark.parametrize("family", sorted(VOCABULARY))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_text_cleaned_as_the_reading_stage_cleans_it(every_extractor, family, data):
    """Lines cleaned one by one and joined as the layout joins them: offsets stay true."""
    lines = data.draw(st.lists(text_for(family), min_size=1, max_size=6), label="lines")
    body_text = "\n\n".join(clean_text(line) for line in lines)
    doc = analysed(every_extractor, body_text, "", "")
    check_quotes(doc, body_text, "")
