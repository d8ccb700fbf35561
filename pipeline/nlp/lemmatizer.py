"""Lemmas from ``lemmy`` for the parts of speech where it beats the trained lemmatizer.

The trained (edit-tree) lemmatizer learns from 80k treebank words and misses
many unseen nouns ("initiativer"); lemmy's Danish model, shipped inside its
wheel, knows a large word list. On the held-out dev set lemmy was better for
nouns, auxiliaries, numerals, adpositions and subordinating conjunctions and worse
for pronouns, adjectives and names, so this component, placed after the trained
lemmatizer, overwrites the lemma only for the parts of speech in ``pos``.

>>> import spacy
>>> nlp = spacy.blank("da")
>>> _ = nlp.add_pipe(FACTORY)
>>> doc = nlp.make_doc("initiativer")
>>> doc[0].pos_ = "NOUN"
>>> nlp.get_pipe(FACTORY)(doc)[0].lemma_
'initiativ'
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

FACTORY = "lemmy_lemmatizer"
DEFAULT_POS = ["ADP", "AUX", "NOUN", "NUM", "SCONJ"]


@lru_cache(maxsize=1)
def _lemmy():
    import lemmy

    return lemmy.load("da")


def lemmy_lemma(pos: str, text: str) -> str:
    """lemmy's first lemma for a word (names keep their case, other words are
    lower-cased, as in the treebank).

    >>> lemmy_lemma("NOUN", "Ministeriets")
    'ministerie'
    """
    return lemmy_lemmas(pos, text)[0]


@lru_cache(maxsize=200_000)
def lemmy_lemmas(pos: str, text: str) -> tuple[str, ...]:
    """Every lemma lemmy's rules allow for a word, the first one first.

    >>> lemmy_lemmas("NOUN", "klager")
    ('klager', 'klage')
    """
    word = text if pos == "PROPN" else text.lower()
    return tuple(_lemmy().lemmatize(pos, word)) or (word,)


# The shortest last part of a compound worth reading alone ("sager"), and the shortest
# first part before it ("klage").
MIN_TAIL, MIN_HEAD = 4, 3
PLURAL_ENDINGS = {"e", "er", "r"}


def compound_lemma(pos: str, text: str) -> str:
    """A compound's lemma by its last part, for a word lemmy leaves as it stands because a
    longer ending it knows says so ("klagesager": "esager" stays, "sager" -> "sag").

    The last part is the longest ending lemmy has a rule for that takes a plural's ending
    off it ("lande" -> "land"; not "våben" -> "våb").

    >>> compound_lemma("NOUN", "klagesager")
    'klagesag'
    >>> compound_lemma("NOUN", "tilsynsbesøg")
    'tilsynsbesøg'
    """
    word = text.lower()
    rules = _lemmy().rules.get(pos, {})
    for start in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
        tail = word[start:]
        changed = [lemma for lemma, _whole_word in rules.get(tail, [])
                   if tail.startswith(lemma) and tail[len(lemma) :] in PLURAL_ENDINGS]
        if changed:
            return word[:start] + changed[0]
    return word


class LemmyLemmatizer:
    """Pipeline component: set ``token.lemma_`` by lemmy for tokens whose POS is in ``pos``."""

    def __init__(self, pos: list[str]):
        self.pos = frozenset(pos)

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if tok.pos_ in self.pos:
                tok.lemma_ = self.lemma(tok)
        return doc

    @staticmethod
    def lemma(tok: Token) -> str:
        """lemmy's lemma for one token, given its predicted POS."""
        return lemmy_lemma(tok.pos_, tok.text)


@Language.factory(FACTORY, default_config={"pos": DEFAULT_POS})
def create_lemmy_lemmatizer(nlp: Language, name: str, pos: list[str]) -> LemmyLemmatizer:
    """Factory named in the saved pipeline's config; spaCy finds it through the package's
    ``spacy_factories`` entry point (``pyproject.toml``)."""
    return LemmyLemmatizer(pos)
