"""The extraction pipeline leaves out trained components no extractor reads (the NER),
and the ministry entities the letterhead reads are the same without them."""

from __future__ import annotations

from pipeline.extract import UNUSED_COMPONENTS
from pipeline.nlp import load

TEXT = ("Justitsministeren og Skatteministeriet svarer Retsudvalget; Mette Frederiksen "
        "og Finansministeriet sender kopi til Finansudvalget.")


def ministries(doc) -> list[tuple[str, str]]:
    return [(ent.text, ent.ent_id_) for ent in doc.ents if ent.label_ == "MINISTRY"]


def test_the_unused_components_do_not_run(letter_nlp):
    for name in UNUSED_COMPONENTS:
        assert name not in dict(letter_nlp.pipeline)


def test_ministry_entities_are_those_of_the_whole_model(letter_nlp):
    found = ministries(letter_nlp(TEXT))
    assert found and found == ministries(load()(TEXT))
