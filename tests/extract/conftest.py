"""Docs for the extractor tests, made with the pipeline the project runs.

``extract_nlp`` is ``pipeline.extract.build_nlp()`` (the Danish model with every
extractor) where that can be built; where the trained model is not there, it is
``spacy.blank("da")`` with a sentencizer and the five rule-based extractors
these tests cover, so the rules are tested either way.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from pipeline.reading import Block, Document

RULE_COMPONENTS = (
    "ministerbrev_amounts",
    "ministerbrev_dates",
    "ministerbrev_periods",
    "ministerbrev_case_numbers",
    "ministerbrev_question_refs",
)


def blank_pipeline() -> Language:
    """Tokenizer, sentences and the rule-based extractors: no trained model needed."""
    import pipeline.extract  # noqa: F401  (registers the components)

    nlp = spacy.blank("da")
    nlp.add_pipe("sentencizer")
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@pytest.fixture(scope="session")
def extract_nlp() -> Language:
    try:
        from pipeline.extract import build_nlp

        return build_nlp()
    except (ImportError, OSError):  # no build_nlp yet, or no trained model on disk
        return blank_pipeline()


@pytest.fixture(scope="session")
def letter(extract_nlp):
    """Run the pipeline over running text, with blocks beside it where given
    (one block per string, its lines separated by "\\n").

    >>> doc = letter("Kære ordførere ...", sidebar=["Sags nr.\\n2020 - 6967"])  # doctest: +SKIP
    """

    def run(body_text: str, head=(), sidebar=(), header=(), footer=(), stamp=()):
        regions = (("head", head), ("sidebar", sidebar), ("header", header), ("footer", footer),
                   ("stamp", stamp))
        blocks = [
            Block(region=region, page=1, lines=text.split("\n"))
            for region, texts in regions
            for text in texts
        ]
        document = Document(pages=1, body_text=body_text, blocks=blocks, page_starts=[(0, 1)])
        doc = extract_nlp.make_doc(body_text)
        doc._.document = document
        for _name, component in extract_nlp.pipeline:
            doc = component(doc)
        return doc

    return run


@pytest.fixture(scope="session")
def tokens():
    """A tokenizer alone, for property tests that call one extractor's function directly."""
    return spacy.blank("da").make_doc
