"""Extraction: the Danish spaCy pipeline plus one registered component per field family.

    >>> nlp = build_nlp()  # doctest: +SKIP
    >>> doc = analyse(nlp, document)  # doctest: +SKIP
    >>> [a.raw for a in doc._.amounts]  # doctest: +SKIP
    ['73,4 mio. kr.']

Components run in order: the counts component skips what amounts, dates and
periods claimed, and the kind component reads question references and the
letterhead.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# Importing the modules registers their components with spaCy.
from pipeline.extract import (  # noqa: F401
    amounts,
    case_numbers,
    counts,
    dates,
    kind,
    letterhead,
    periods,
    questions,
    recommendations,
)
from pipeline.nlp.linebreaks import run_without_breaks
from pipeline.reading import Document
from pipeline.timing import StageClock

COMPONENTS = (
    "ministerbrev_amounts",
    "ministerbrev_dates",
    "ministerbrev_periods",
    "ministerbrev_case_numbers",
    "ministerbrev_question_refs",
    "ministerbrev_counts",
    "ministerbrev_recommendations",
    "ministerbrev_letterhead",
    "ministerbrev_kind",
)


def build_nlp(base: Language | None = None) -> Language:
    """The Danish pipeline with every extractor added. Build it once per process.

    ``base`` is the loaded model to add them to; by default a fresh copy of the
    committed one (``pipeline.nlp.load()`` is shared by the process and stays as trained).
    """
    from pipeline import nlp as danish

    nlp = base if base is not None else danish.read()
    # Only the signature's persons are read from the NER; the letterhead runs it there.
    nlp.disable_pipe("ner")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def analyse(nlp: Language, document: Document, clock: StageClock | None = None) -> Doc:
    """Run the pipeline over a document's running text, its layout riding along.

    ``clock`` gets the time of the Danish model's components as "nlp" and of the
    extractors as "extraction".
    """
    clock = clock or StageClock()
    with clock.stage("nlp"):
        doc = nlp.make_doc(document.body_text)
        # the model reads the words without the text's line breaks (pipeline.nlp.linebreaks)
        doc = run_without_breaks([component for name, component in nlp.pipeline
                                  if name not in COMPONENTS], doc)
    doc._.document = document
    for name, component in nlp.pipeline:
        if name in COMPONENTS:
            with clock.stage("extraction"):
                doc = component(doc)
    return doc
