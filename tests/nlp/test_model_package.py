"""The committed model is a spaCy pipeline that loads on its own.

``spacy.load`` finds the letter tokenizer and the lemmy component through the package's
entry points, so a fresh interpreter loads it without importing ``pipeline`` first, from
any working directory; and its config names no file of the machine it was trained on.
"""

import json
import subprocess
import sys

import pytest
from spacy.util import load_config

from pipeline.nlp import MODEL_DIR, load
from pipeline.nlp.training.build import forget_data_paths

COMPONENTS = ["tok2vec", "morphologizer", "trainable_lemmatizer", "lemmy_lemmatizer",
              "parser", "ner", "gazetteer_ruler"]
SENTENCE = "Justitsministeren svarer Retsudvalget. Sagsnr. 2024-1234 om 5 mio.kr. til initiativer."

# Run in a fresh interpreter: load the model by its path with nothing of the project
# imported, then print what the test compares.
LOAD_ALONE = """
import json, sys
assert "pipeline" not in sys.modules
import spacy
assert "pipeline" not in sys.modules
nlp = spacy.load(sys.argv[1])
print(json.dumps(ANNOTATE(nlp, sys.argv[2]), ensure_ascii=False))
"""


def annotate(nlp, text: str) -> dict:
    """What the test compares: components, tokens with their lemmas, entities."""
    doc = nlp(text)
    return {
        "components": nlp.pipe_names,
        "tokens": [[t.text, t.lemma_, t.pos_] for t in doc],
        "ents": [[e.text, e.label_, e.ent_id_] for e in doc.ents],
    }


def load_in_fresh_interpreter(cwd) -> dict:
    """``spacy.load`` of the model's absolute path in a new Python, run in ``cwd``."""
    import inspect

    script = inspect.getsource(annotate) + LOAD_ALONE.replace("ANNOTATE", "annotate")
    res = subprocess.run([sys.executable, "-c", script, str(MODEL_DIR.resolve()), SENTENCE],
                         cwd=cwd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout)


@pytest.mark.subprocess
def test_spacy_load_needs_no_project_import(tmp_path):
    loaded = load_in_fresh_interpreter(cwd=tmp_path)
    assert loaded["components"] == COMPONENTS
    tokens = [text for text, _, _ in loaded["tokens"]]
    assert tokens == ["Justitsministeren", "svarer", "Retsudvalget", ".", "Sagsnr.", "2024-1234",
                      "om", "5", "mio.kr.", "til", "initiativer", "."]
    assert ["initiativer", "initiativ", "NOUN"] in loaded["tokens"]
    assert loaded["ents"] == [["Justitsministeren", "MINISTRY", "Justitsministeriet"],
                              ["Retsudvalget", "COMMITTEE", "Retsudvalget"]]
    # The same annotation as the project's own loader gives.
    assert loaded == annotate(load(), SENTENCE)


def config_strings(section) -> list[str]:
    """Every string value in a (nested) config section."""
    out = []
    for value in section.values():
        if isinstance(value, dict):
            out += config_strings(value)
        elif isinstance(value, str):
            out.append(value)
    return out


def test_config_names_no_absolute_path():
    config = load_config(MODEL_DIR / "config.cfg", interpolate=False)
    assert all(value is None for value in config["paths"].values()), config["paths"]
    absolute = [v for v in config_strings(config) if v.startswith(("/", "~")) or ":\\" in v]
    assert not absolute, absolute


def test_training_writes_the_config_without_data_paths(tmp_path):
    trained = tmp_path / "config.cfg"
    text = (MODEL_DIR / "config.cfg").read_text(encoding="utf-8")
    trained.write_text(text.replace('train = null', 'train = "/data/corpus/train.spacy"'),
                       encoding="utf-8")
    forget_data_paths(trained)
    assert trained.read_text(encoding="utf-8") == text
