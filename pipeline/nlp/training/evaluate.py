"""Held-out evaluation of the built pipeline (the figures in ``docs/model.md``).

Two held-out sets, both the sentences of UD Danish-DDT test (never trained on):

- ``cdt``: ``test.spacy`` from ``prepare`` (CDT annotation: UPOS by the PAROLE
  table, CDT lemmas, Copenhagen-scheme dependencies, UNER/DaN+ entities);
- ``ud``: the UD test file itself, for UPOS and lemmas in the UD scheme, the
  one the published spaCy/DaCy figures use.

Text is tokenized by the pipeline and aligned to the gold tokens by spaCy's
scorer. Run with ``python -m pipeline.nlp.training --stage evaluate``.

>>> read_conllu_sentences("1\\tHej\\thej\\tINTJ\\t_\\t_\\t0\\troot\\t_\\tSpaceAfter=No\\n")[0][0]
('Hej', 'hej', 'INTJ', False)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example

import pipeline.nlp.tokenizer  # noqa: F401  (registers the tokenizer)
from pipeline.nlp.lemmatizer import FACTORY, lemmy_lemma
from pipeline.nlp.ruler import RULER_NAME
from pipeline.nlp.training.prepare import DATA

UD_TEST = DATA / "UD_Danish-DDT" / "da_ddt-ud-test.conllu"


def read_conllu_sentences(text: str) -> list[list[tuple[str, str, str, bool]]]:
    """(form, lemma, upos, space_after) per token, per sentence."""
    sents, cur = [], []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            cur.append((cols[1], cols[2], cols[3], "SpaceAfter=No" not in cols[9]))
        elif not line.strip() and cur:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents


def ud_examples(nlp: Language, path: Path = UD_TEST) -> list[Example]:
    """UD test sentences as Examples (gold UPOS and lemmas; raw text predicted).

    >>> len(ud_examples(spacy.blank("da")))
    565
    """
    out = []
    for sent in read_conllu_sentences(path.read_text(encoding="utf-8")):
        words, lemmas, pos, spaces = (list(x) for x in zip(*sent, strict=True))
        ref = Doc(nlp.vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos)
        out.append(Example(nlp.make_doc(ref.text), ref))
    return out


def cdt_examples(nlp: Language, corpus: Path) -> list[Example]:
    """Held-out CDT documents as Examples (raw text predicted).

    >>> examples = cdt_examples(spacy.blank("da"), Path(".state/nlp/corpus"))  # doctest: +SKIP
    >>> examples[0].reference.text[:13]  # doctest: +SKIP
    'To kendte rus'
    """
    docs = DocBin().from_disk(corpus / "test.spacy").get_docs(nlp.vocab)
    return [Example(nlp.make_doc(d.text), d) for d in docs]


def score(nlp: Language, examples: list[Example]) -> dict:
    """Accuracy figures on examples, with the gazetteer ruler off (its labels
    are not in the gold data)."""
    disabled = [RULER_NAME] if RULER_NAME in nlp.pipe_names else []
    with nlp.select_pipes(disable=disabled):
        scores = nlp.evaluate(examples)
    keys = ["pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_p", "sents_r",
            "sents_f", "ents_p", "ents_r", "ents_f", "ents_per_type"]
    return {k: scores.get(k) for k in keys if scores.get(k) is not None}


def lemma_accuracies(nlp: Language, examples: list[Example]) -> dict[str, float]:
    """Lemma accuracy on gold tokens (all tokens, as spaCy's scorer counts them) of
    the trained lemmatizer alone, of lemmy alone (fed the predicted UPOS) and of
    the pipeline's combination (lemmy for the parts of speech in its config)."""
    routed = nlp.get_pipe(FACTORY).pos if FACTORY in nlp.pipe_names else frozenset()
    right = {"trained": 0, "lemmy": 0, "combined": 0}
    total = 0
    for eg in examples:
        ref = eg.reference
        doc = Doc(nlp.vocab, words=[t.text for t in ref], spaces=[bool(t.whitespace_) for t in ref])
        for name, proc in nlp.pipeline:
            if name != FACTORY:
                doc = proc(doc)
        for gold, tok in zip(ref, doc, strict=True):
            by_lemmy = lemmy_lemma(tok.pos_, tok.text)
            right["trained"] += tok.lemma_ == gold.lemma_
            right["lemmy"] += by_lemmy == gold.lemma_
            right["combined"] += (by_lemmy if tok.pos_ in routed else tok.lemma_) == gold.lemma_
            total += 1
    return {k: v / total for k, v in right.items()}


def speed(nlp: Language, texts: list[str], repeat: int = 3) -> float:
    """Words per second over ``texts`` with ``nlp.pipe`` (best of ``repeat``).

    >>> speed(spacy.blank("da"), ["Et kort brev."], repeat=1) > 0
    True
    """
    words = sum(len(nlp.make_doc(t)) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = min(best, time.perf_counter() - start)
    return words / best


def load_and_memory(model_dir: Path, texts: list[str]) -> dict:
    """Load time and peak memory of a fresh process that loads and runs the model
    (``spacy.load`` imports the project's tokenizer and lemmy through the entry points)."""
    code = (
        "import time,resource,sys,json;t=time.perf_counter();"
        "import spacy;nlp=spacy.load(sys.argv[1]);t=time.perf_counter()-t;"
        "texts=json.load(sys.stdin);[None for _ in nlp.pipe(texts)];"
        "print(json.dumps({'load_s':t,'peak_rss_mb':"
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))"
    )
    res = subprocess.run([sys.executable, "-c", code, str(model_dir)], input=json.dumps(texts),
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def evaluate_all(model_dir: Path, corpus: Path) -> dict:
    """Every figure for ``docs/model.md`` as one dict."""
    nlp = spacy.load(model_dir)
    cdt = cdt_examples(nlp, corpus)
    ud = ud_examples(nlp)
    texts = [eg.reference.text for eg in cdt]
    out = {
        "cdt_test": score(nlp, cdt),
        "ud_test": {k: v for k, v in score(nlp, ud).items() if k in ("pos_acc", "lemma_acc")},
        "words_per_s": speed(nlp, texts),
        "test_words": sum(len(eg.reference) for eg in cdt),
        **load_and_memory(model_dir, texts),
        "this_process_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    out["lemma_gold_tokens"] = {"cdt_test": lemma_accuracies(nlp, cdt),
                                 "ud_test": lemma_accuracies(nlp, ud)}
    return out
