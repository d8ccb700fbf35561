"""The Danish model reads a letter's words without its line breaks.

The treebank the model learned from has no line breaks, and a letter has one every
few words ("de tre" / "initiativer"). Over the letter's own tokens the model reads a
break as a word: it tags "\\n" NOUN and makes it the head of "tre". So the model's
components run over the words alone, and what they found is set back on the letter's
tokens; a break (or any run of white space) is tagged SPACE and hangs on the word
before it, and it belongs to an entity only inside one.

    >>> import spacy
    >>> nlp = spacy.blank("da")
    >>> doc = nlp.make_doc("de tre\\ninitiativer")
    >>> words, kept = without_breaks(doc)
    >>> [t.text for t in words], kept, words.text
    (['de', 'tre', 'initiativer'], [0, 1, 3], 'de tre initiativer')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy
from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

Component = Callable[[Doc], Doc]

# What the model's components set on a token, copied as it is.
TOKEN_ATTRS = [POS, TAG, MORPH, LEMMA, DEP, ENT_TYPE, ENT_ID, ENT_KB_ID]
OUTSIDE, INSIDE = 2, 1  # spaCy's ENT_IOB codes for "O" and "I"


def run_without_breaks(components: Iterable[Component], doc: Doc) -> Doc:
    """Run ``components`` over ``doc``'s words without its white-space tokens and set
    their annotations on ``doc``'s own tokens. ``doc`` is returned."""
    words, kept = without_breaks(doc)
    if len(kept) == len(doc):  # nothing to leave out
        for component in components:
            doc = component(doc)
        return doc
    for component in components:
        words = component(words)
    set_back(words, doc, kept)
    return doc


def without_breaks(doc: Doc) -> tuple[Doc, list[int]]:
    """A doc of ``doc``'s tokens that are no white space, one space where white space
    stood, and the index in ``doc`` of each of its tokens. A word after a blank line
    starts a sentence (a heading without a full stop ends there); elsewhere the parser
    decides."""
    kept = [token.i for token in doc if not token.is_space]
    spaces = [bool(doc[i].whitespace_) or (i + 1 < len(doc) and doc[i + 1].is_space)
              for i in kept]
    starts = [True if i > 0 and doc[i - 1].is_space and doc[i - 1].text.count("\n") > 1
              else None for i in kept]
    if starts:
        starts[0] = True
    words = Doc(doc.vocab, words=[doc[i].text for i in kept], spaces=spaces, sent_starts=starts)
    return words, kept


def set_back(words: Doc, doc: Doc, kept: list[int]) -> None:
    """Copy the annotations of ``words`` onto ``doc``, whose token ``kept[i]`` is
    ``words[i]``; the tokens left out are white space."""
    if not kept:
        return
    width = len(TOKEN_ATTRS)
    target = numpy.zeros((len(doc), width + 2), dtype="uint64")
    target[:, TOKEN_ATTRS.index(POS)] = doc.vocab.strings["SPACE"]
    target[:, TOKEN_ATTRS.index(DEP)] = doc.vocab.strings["dep"]
    target[:, TOKEN_ATTRS.index(LEMMA)] = [token.orth for token in doc]
    target[:, width] = OUTSIDE
    target[kept, : width + 1] = words.to_array([*TOKEN_ATTRS, ENT_IOB])
    heads = numpy.array([kept[token.head.i] - kept[token.i] for token in words], dtype="int64")
    target[kept, width + 1] = heads.astype("uint64")
    before = word_before_each(len(doc), kept)
    for index in set(range(len(doc))) - set(kept):
        previous = before[index]
        following = previous + 1 if previous + 1 < len(kept) else None
        # it hangs on the word before it (the first on the word after it)
        anchor = kept[previous] if previous >= 0 else kept[0]
        target[index, width + 1] = numpy.int64(anchor - index).astype("uint64")
        # inside an entity the break is part of it ("Sundheds- og" / "Ældreudvalg")
        if previous >= 0 and following is not None and words[following].ent_iob_ == "I":
            for attr in (ENT_TYPE, ENT_ID, ENT_KB_ID):
                column = TOKEN_ATTRS.index(attr)
                target[index, column] = target[kept[previous], column]
            target[index, width] = INSIDE
    doc.from_array([*TOKEN_ATTRS, ENT_IOB, HEAD], target)


def word_before_each(length: int, kept: list[int]) -> list[int]:
    """For each token of a doc of ``length`` tokens, the index in ``kept`` of the last
    word at or before it (-1 before the first).

    >>> word_before_each(5, [0, 1, 3])
    [0, 1, 1, 2, 2]
    """
    before, word = [], -1
    kept_at = set(kept)
    for index in range(length):
        if index in kept_at:
            word += 1
        before.append(word)
    return before
