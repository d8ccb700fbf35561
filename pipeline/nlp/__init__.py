"""The project's Danish spaCy pipeline.

``load()`` returns the trained pipeline committed in ``pipeline/nlp/model/``:
tokenizer with letter exceptions, tok2vec, morphologizer (UPOS and features),
trained lemmatizer corrected by lemmy for nouns, parser (sentence boundaries),
NER (PER, ORG, LOC, MISC) and a gazetteer ruler adding MINISTRY and COMMITTEE
entities. It is loaded once per process and needs no network.

>>> nlp = load()
>>> nlp is load()
True
>>> [(e.text, e.label_) for e in nlp("Justitsministeren svarer Retsudvalget.").ents]
[('Justitsministeren', 'MINISTRY'), ('Retsudvalget', 'COMMITTEE')]

The folder is an ordinary spaCy pipeline: with the project installed, ``spacy.load``
finds the tokenizer and the lemmy component its config names through the package's
entry points (``pyproject.toml``), so it loads without importing this package first:

>>> import spacy
>>> spacy.load(MODEL_DIR).pipe_names[-1]
'gazetteer_ruler'

Rebuild it with ``python -m pipeline.nlp.training`` (see ``docs/model.md``).
This module imports spaCy only when a pipeline is loaded, so importing
``pipeline.nlp.gazetteer`` or the entry points' modules stays cheap.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_DIR = Path(__file__).with_name("model")


@lru_cache(maxsize=1)
def load() -> Language:
    """The committed Danish pipeline, loaded once per process."""
    return read()


def read(use_blis: bool = False) -> Language:
    """A fresh copy of the committed pipeline (``load`` shares one per process).

    Its matrix products go through numpy (OpenBLAS) instead of thinc's default, blis:
    the same results, and the model ran ~1.5x faster on the benchmark machine.
    ``use_blis`` keeps blis, to compare (``benchmarks/profile_nlp.py --blis``). The
    layers keep the ops they were built with, so this holds wherever the copy is used.
    """
    import spacy
    from thinc.api import use_ops

    # spaCy finds these two through the package's entry points; importing them here as
    # well lets a checkout that is on sys.path but not pip-installed load the model.
    from pipeline.nlp import lemmatizer, tokenizer  # noqa: F401

    if not (MODEL_DIR / "config.cfg").exists():
        raise FileNotFoundError(
            f"No trained pipeline in {MODEL_DIR}; build it with `python -m pipeline.nlp.training`."
        )
    from pipeline.nlp.ruler import RULER_NAME, attach_saved_ruler

    with use_ops("numpy", use_blis=use_blis):
        nlp = spacy.load(MODEL_DIR, exclude=[RULER_NAME])
        attach_saved_ruler(nlp, MODEL_DIR / RULER_NAME)
        return nlp
