"""Entity ruler patterns for ministries and committees, built from the gazetteer.

Each surface form becomes a phrase pattern matched on ``LOWER``, so matching ignores
case ("Justitsministeren", "JUSTITSMINISTEREN"); phrases are tokenized by the
pipeline's own tokenizer. The pattern ``id`` is the canonical
name, which spaCy exposes as ``ent.ent_id_``. The ruler runs after the trained
NER and overwrites it where they overlap.

>>> import spacy
>>> nlp = spacy.blank("da")
>>> add_gazetteer_ruler(nlp).name
'gazetteer_ruler'
>>> [(e.text, e.label_, e.ent_id_) for e in nlp("Til Folketingets Finansudvalg").ents]
[('Folketingets Finansudvalg', 'COMMITTEE', 'Finansudvalget')]
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.pipeline import EntityRuler

from pipeline.nlp import gazetteer

RULER_NAME = "gazetteer_ruler"
# Phrase patterns on LOWER: matching ignores case, and a PhraseMatcher is much
# faster than token patterns for a few hundred fixed phrases.
RULER_CONFIG = {"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
MINISTRY = "MINISTRY"
COMMITTEE = "COMMITTEE"


def surface_forms() -> list[tuple[str, str, str]]:
    """(label, canonical name, form) for every ministry, title and committee form.

    >>> ("MINISTRY", "Justitsministeriet", "justitsministeren") in surface_forms()
    True
    """
    out = []
    for m in gazetteer.ministries():
        for form in gazetteer.ministry_forms(m) + gazetteer.ministry_title_forms(m):
            out.append((MINISTRY, m.name, form))
    for c in gazetteer.committees():
        for form in gazetteer.all_committee_forms(c):
            out.append((COMMITTEE, c.name, form))
    return out


def patterns() -> list[dict]:
    """EntityRuler phrase patterns, one per distinct lower-cased form.

    >>> {"label": "COMMITTEE", "id": "Finansudvalget", "pattern": "Folketingets Finansudvalg"} in (
    ...     patterns())
    True
    """
    seen, out = set(), []
    for label, name, form in surface_forms():
        key = (label, form.lower())
        if key not in seen:
            seen.add(key)
            out.append({"label": label, "id": name, "pattern": form})
    return out


def add_gazetteer_ruler(nlp: Language) -> EntityRuler:
    """Add (or refresh) the gazetteer ruler, after ``ner`` when there is one."""
    if RULER_NAME in nlp.pipe_names:
        nlp.remove_pipe(RULER_NAME)
    where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config=RULER_CONFIG, **where)
    ruler.add_patterns(patterns())
    return ruler


def attach_saved_ruler(nlp: Language, folder: Path) -> EntityRuler:
    """Add the ruler saved in ``folder`` to a pipeline loaded without it (``exclude``).

    spaCy's ruler turns each phrase into a pattern by running every component before it
    over the phrase; matched on ``LOWER``, a phrase needs only the tokenizer, and the
    other components' pass over 600 phrases cost 0.6 s of every model load. The patterns
    are the same either way (``tests/nlp/test_nlp_gazetteer.py``).

    >>> import spacy
    >>> from pipeline.nlp import MODEL_DIR
    >>> nlp = spacy.blank("da")
    >>> len(attach_saved_ruler(nlp, MODEL_DIR / RULER_NAME)) > 600
    True
    """
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config=RULER_CONFIG)
    with nlp.select_pipes(enable=[]):  # the ruler sees no component before it: tokenizer only
        ruler.from_disk(folder)
    return ruler
