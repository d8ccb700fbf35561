"""The committed pipeline: presence, components, and basic annotations."""

import json

from pipeline.nlp import MODEL_DIR, load

EXPECTED = ["tok2vec", "morphologizer", "parser", "ner", "gazetteer_ruler"]


def test_load_returns_committed_model_once():
    nlp = load()
    assert nlp is load()
    assert nlp.lang == "da"
    assert nlp.meta["name"] == "ministerbrev_da"
    for name in EXPECTED:
        assert name in nlp.pipe_names
    assert nlp.pipe_names.index("gazetteer_ruler") > nlp.pipe_names.index("ner")


def test_model_is_small_and_licensed():
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 40 * 1024 * 1024
    assert "CC BY-SA 4.0" in (MODEL_DIR / "LICENSE.md").read_text(encoding="utf-8")
    assert json.loads((MODEL_DIR / "meta.json").read_text())["license"] == "CC BY-SA 4.0"


def test_entity_labels():
    labels = set(load().get_pipe("ner").labels)
    assert {"PER", "ORG", "LOC", "MISC"} <= labels


def test_pos_lemma_and_sentences():
    doc = load()(
        "Ministeriet har iværksat tre nye initiativer på området. "
        "Regeringen vil følge op i 2025."
    )
    assert len(list(doc.sents)) == 2
    initiativer = next(t for t in doc if t.text == "initiativer")
    assert initiativer.pos_ == "NOUN"
    assert initiativer.lemma_ == "initiativ"
    assert next(t for t in doc if t.text == "tre").pos_ == "NUM"


def test_person_entity():
    doc = load()("Statsminister Mette Frederiksen besøgte Aarhus i går.")
    assert ("Mette Frederiksen", "PER") in [(e.text, e.label_) for e in doc.ents]
