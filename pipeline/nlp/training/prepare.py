"""Build spaCy training corpora from the Danish Dependency Treebank.

Inputs (all under ``pipeline/nlp/training/data/``):

- ``CDT_Danish-DDT/*.conll``: the whole treebank in its original annotation
  (lemma, PAROLE tag, features, Copenhagen-scheme dependencies), one file per text.
- ``UNER_Danish-DDT/*.iob2``: named entities for the same sentences, with the
  sentence text (which gives the spacing the CDT files lack).
- ``UD_Danish-DDT/*.conllu``: the UD dev/test sets, used only for evaluation.

Texts are split by where their sentences fall in UD: a CDT text whose sentences
are in UD dev goes to ``dev``, in UD test to ``test``, all others to ``train``.
Sentences of one text are grouped into documents of a few sentences so that the
parser also learns where sentences end.

>>> key_of(["Hvor", "kommer", "julemanden", "fra", "?"])
'hvorkommerjulemandenfra?'
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans
from spacy.vocab import Vocab

from pipeline.nlp.training.upos import PREPOSITIONS, to_morph, to_upos

DATA = Path(__file__).parent / "data"
SENTS_PER_DOC = 8


@dataclass
class Token:
    """One CDT token (1-based ``head``; 0 for a root)."""

    form: str
    lemma: str
    coarse: str
    feats: str
    head: int
    dep: str


@dataclass
class NerSent:
    """One UNER sentence: id, text, tokens and BIO entity tags."""

    sent_id: str
    text: str
    words: list[str]
    tags: list[str] = field(default_factory=list)
    xtags: list[str] = field(default_factory=list)


def key_of(words: list[str]) -> str:
    """Whitespace-free lower-case key that identifies a sentence across files."""
    return re.sub(r"\s+", "", "".join(words)).lower()


def read_cdt(path: Path) -> list[list[Token]]:
    """Sentences of one CDT CoNLL file."""
    sents: list[list[Token]] = []
    cur: list[Token] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 8:
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append(
            Token(
                form=html.unescape(cols[1]),
                lemma=html.unescape(cols[2]),
                coarse=cols[3],
                feats=cols[5],
                head=int(cols[6]),
                dep=cols[7],
            )
        )
    if cur:
        sents.append(cur)
    return [split_multiword(s) for s in sents]


def split_multiword(tokens: list[Token]) -> list[Token]:
    """Split CDT multiword tokens (``i_dag``) into the words a tokenizer sees.

    The first word keeps the attachment; the others attach to it as ``fixed``.

    >>> [(t.form, t.head, t.dep) for t in split_multiword(
    ...     [Token("i_dag", "i_dag", "RG", "", 0, "ROOT")])]
    [('i', 0, 'ROOT'), ('dag', 1, 'fixed')]
    """
    new_index, pos = {}, 0
    for i, tok in enumerate(tokens, start=1):
        new_index[i] = pos + 1
        pos += len(tok.form.split("_"))
    out: list[Token] = []
    for tok in tokens:
        parts = tok.form.split("_")
        lemmas = tok.lemma.split("_")
        if len(lemmas) != len(parts):
            lemmas = [part.lower() for part in parts]
        first = len(out) + 1
        for n, (part, lemma) in enumerate(zip(parts, lemmas, strict=True)):
            head = new_index.get(tok.head, 0) if n == 0 else first
            coarse = "SP" if tok.coarse == "RG" and part.lower() in PREPOSITIONS else tok.coarse
            out.append(Token(part, lemma, coarse, tok.feats if n == 0 else "", head,
                             tok.dep if n == 0 else "fixed"))
    return out


def read_uner(path: Path) -> list[NerSent]:
    """Sentences of one UNER ``.iob2`` file."""
    sents: list[NerSent] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        sent = _parse_uner_block(block)
        if sent is not None:
            sents.append(sent)
    return sents


def _parse_uner_block(block: str) -> NerSent | None:
    sent = NerSent(sent_id="", text="", words=[])
    for line in block.splitlines():
        if line.startswith("# sent_id = "):
            sent.sent_id = line[len("# sent_id = ") :]
        elif line.startswith("# text = "):
            sent.text = line[len("# text = ") :]
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            sent.words.append(cols[1])
            sent.tags.append(cols[2])
            sent.xtags.append(cols[3].split("#")[0])
    return sent if sent.words else None


def char_offsets(words: list[str], text: str) -> list[tuple[int, int]] | None:
    """Start/end of each word in ``text``, skipping whitespace; None if they differ.

    >>> char_offsets(["a", "b."], "a b.")
    [(0, 1), (2, 4)]
    """
    out, pos = [], 0
    for word in words:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text[pos : pos + len(word)] != word:
            return None
        out.append((pos, pos + len(word)))
        pos += len(word)
    return out


def spaces_for(words: list[str], text: str) -> list[bool]:
    """Whether each word is followed by whitespace in ``text`` (all True if unknown)."""
    offsets = char_offsets(words, text)
    if offsets is None:
        return [True] * len(words)
    return [end < len(text) and text[end].isspace() for _, end in offsets]


def entity_spans(sent: NerSent) -> list[tuple[int, int, str]]:
    """Character spans of PER/ORG/LOC (UNER) plus MISC (DaN+ ``xner`` column).

    ``...part`` suffixes (``SID-huset``) count as their entity type (as UNER
    has them); ``...deriv`` words (``danske``) count as MISC.
    """
    offsets = char_offsets(sent.words, sent.text)
    if offsets is None:
        return []
    spans = _bio_spans(sent.tags, offsets)
    misc_tags = [_misc_only(t) for t in sent.xtags]
    for start, end, label in _bio_spans(misc_tags, offsets):
        if all(end <= s or start >= e for s, e, _ in spans):
            spans.append((start, end, label))
    return sorted(spans)


def _misc_only(tag: str) -> str:
    """MISC tags of the DaN+ column, with words derived from names ("danske",
    LOCderiv) counted as MISC as in DaNE and CoNLL-2003.

    >>> [_misc_only(t) for t in ["B-MISC", "B-LOCderiv", "B-ORGpart", "O"]]
    ['B-MISC', 'B-MISC', 'O', 'O']
    """
    kind = tag[2:]
    if kind in ("MISC", "MISCpart") or kind.endswith("deriv"):
        return tag[:2] + "MISC"
    return "O"


def _bio_spans(tags: list[str], offsets: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for tag, (start, end) in zip(tags, offsets, strict=True):
        label = tag[2:]
        if tag.startswith("B-") or (tag.startswith("I-") and (not spans or spans[-1][2] != label)):
            spans.append((start, end, label))
        elif tag.startswith("I-"):
            spans[-1] = (spans[-1][0], end, label)
    return spans


def single_root(tokens: list[Token]) -> tuple[list[int], list[str]]:
    """0-based heads and labels with exactly one root per sentence.

    CDT leaves some words unattached (several ``ROOT`` tokens per sentence);
    spaCy needs one tree per sentence, so extra roots attach to the main root
    (the first verb root, else the first root) with the label ``dep``.

    >>> t = [Token("a", "a", "SP", "", 0, "ROOT"), Token("b", "b", "VA", "", 0, "ROOT")]
    >>> single_root(t)
    ([1, 1], ['dep', 'ROOT'])
    """
    roots = [i for i, t in enumerate(tokens) if t.head == 0]
    verb_roots = [i for i in roots if tokens[i].coarse == "VA"]
    main = (verb_roots or roots or [0])[0]
    heads, deps = [], []
    for i, tok in enumerate(tokens):
        if i == main:
            heads.append(i)
            deps.append("ROOT")
        elif tok.head == 0:
            heads.append(main)
            deps.append("dep")
        else:
            heads.append(tok.head - 1)
            deps.append(tok.dep)
    return heads, deps


def annotations(tokens: list[Token]) -> dict[str, list[str]]:
    """UPOS, morphology and lemmas of a CDT sentence."""
    governs: dict[int, set[str]] = defaultdict(set)
    for tok in tokens:
        if tok.head:
            governs[tok.head - 1].add(tok.dep)
    pos = [
        to_upos(t.coarse, t.lemma, "vobj" in governs[i], "nobj" in governs[i],
                 frozenset(governs[i]), t.feats)
        for i, t in enumerate(tokens)
    ]
    lemmas = [_lemma(t, p) for t, p in zip(tokens, pos, strict=True)]
    return {
        "pos": pos,
        "tags": [t.coarse for t in tokens],
        "morphs": [to_morph(t.feats) for t in tokens],
        "lemmas": lemmas,
    }


def _lemma(tok: Token, upos: str) -> str:
    """CDT lemma, except punctuation (its form) and adjectives used as adverbs,
    whose lemma is the adverb ("helt", not "hel"), as in UD."""
    if tok.coarse == "XP":
        return tok.form
    if tok.coarse == "AN" and upos == "ADV":
        return tok.form.lower()
    return tok.lemma


def sentence_doc(vocab: Vocab, tokens: list[Token], ner: NerSent | None) -> Doc:
    """One fully annotated sentence as a Doc."""
    words = [t.form for t in tokens]
    spaces = spaces_for(words, ner.text) if ner else [True] * len(words)
    spaces[-1] = True
    heads, deps = single_root(tokens)
    doc = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, **annotations(tokens))
    ents = _doc_entities(doc, ner) if ner is not None else None
    if ents is not None:  # without NER gold, entity annotation stays missing, not "O"
        doc.ents = filter_spans(ents)
    return doc


def _doc_entities(doc: Doc, ner: NerSent) -> list | None:
    """Entity spans of ``ner`` on ``doc``; None when the texts cannot be aligned."""
    text_offsets = char_offsets(words_of(doc), ner.text)
    if text_offsets is None or char_offsets(ner.words, ner.text) is None:
        return None
    # Map the UNER text's character offsets onto this Doc's character offsets.
    to_doc = {}
    for tok, (start, end) in zip(doc, text_offsets, strict=True):
        to_doc[start] = tok.idx
        to_doc[end] = tok.idx + len(tok.text)
    ents = []
    for start, end, label in entity_spans(ner):
        span = _span_at(doc, to_doc, start, end, label)
        if span is not None:
            ents.append(span)
    return ents


def words_of(doc: Doc) -> list[str]:
    """The token texts of a Doc."""
    return [t.text for t in doc]


def _span_at(doc: Doc, to_doc: dict[int, int], start: int, end: int, label: str):
    starts = [k for k in to_doc if k <= start]
    ends = [k for k in to_doc if k >= end]
    if not starts or not ends:
        return None
    return doc.char_span(to_doc[max(starts)], to_doc[min(ends)], label=label,
                         alignment_mode="expand")


def load_uner() -> dict[str, list[NerSent]]:
    """UNER sentences of all three files, keyed by ``key_of`` their words."""
    by_key: dict[str, list[NerSent]] = defaultdict(list)
    for name in ("train", "dev", "test"):
        for sent in read_uner(DATA / "UNER_Danish-DDT" / f"da_ddt-ud-{name}.iob2"):
            by_key[key_of(sent.words)].append(sent)
    return by_key


def split_of(sent: NerSent) -> str:
    """``dev``/``test`` for sentences of UD dev/test (``dev-``, ``dev2-``, ...), else ``train``.

    >>> split_of(NerSent("test2-7", "", []))
    'test'
    """
    prefix = sent.sent_id.split("-")[0].rstrip("0123456789")
    return prefix if prefix in ("dev", "test") else "train"


def text_splits(ners: list[NerSent | None]) -> list[str | None]:
    """Split of each sentence of one text; None for sentences to leave out.

    Sentences without a UNER match have no known split: they train (with NER
    annotation missing) only when the whole text is training data, so no
    held-out sentence can leak into training.
    """
    known = [split_of(n) for n in ners if n is not None]
    all_train = all(k == "train" for k in known)
    return [split_of(n) if n is not None else ("train" if all_train else None) for n in ners]


def build_docs(vocab: Vocab, limit: int | None = None) -> dict[str, list[Doc]]:
    """All CDT texts as Docs of up to ``SENTS_PER_DOC`` consecutive sentences, per split."""
    uner = load_uner()
    out: dict[str, list[Doc]] = {"train": [], "dev": [], "test": []}
    files = sorted((DATA / "CDT_Danish-DDT").glob("*-da.conll"))
    for path in files[:limit] if limit else files:
        sents = read_cdt(path)
        ners = [_pop(uner, key_of([t.form for t in s])) for s in sents]
        run: list[Doc] = []
        run_split = None
        for sent, ner, split in zip(sents, ners, text_splits(ners), strict=True):
            if split != run_split or len(run) == SENTS_PER_DOC:
                _flush(out, run_split, run)
                run, run_split = [], split
            run.append(sentence_doc(vocab, sent, ner))
        _flush(out, run_split, run)
    return out


def _flush(out: dict[str, list[Doc]], split: str | None, run: list[Doc]) -> None:
    if split is not None and run:
        out[split].append(Doc.from_docs(run))


def _pop(uner: dict[str, list[NerSent]], key: str) -> NerSent | None:
    found = uner.get(key)
    return found.pop(0) if found else None


def write_corpus(out_dir: Path, limit: int | None = None) -> dict[str, int]:
    """Write ``train.spacy``, ``dev.spacy`` and ``test.spacy``; return word counts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = build_docs(Vocab(), limit)
    counts = {}
    for split, items in docs.items():
        DocBin(docs=items, store_user_data=False).to_disk(out_dir / f"{split}.spacy")
        counts[split] = sum(len(d) for d in items)
    return counts
