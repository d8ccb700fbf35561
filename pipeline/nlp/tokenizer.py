"""Danish tokenizer with exceptions for the reference lines of ministerial letters.

Letters carry case and document numbers ("Sagsnr. 2024-1234", "J.nr. 23/0456",
"Dok.nr.", "Akt-id") and amounts ("5 mio.kr."). spaCy's Danish defaults split
several of these, which also misleads sentence boundaries ("Sagsnr." ending a
sentence). The exceptions here keep them whole.

The tokenizer is a registered factory, so a saved pipeline whose config names
``ministerbrev.letter_tokenizer.v1`` recreates it on ``spacy.load``: the package's
``spacy_tokenizers`` entry point (``pyproject.toml``) points spaCy at
``create_letter_tokenizer``, and importing this module registers it as well.

>>> import spacy
>>> nlp = spacy.blank("da", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
>>> [t.text for t in nlp("Sagsnr. 2024-1234, J.nr. 23/45")]
['Sagsnr.', '2024-1234', ',', 'J.nr.', '23/45']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import spacy
from spacy.language import Language
from spacy.language import create_tokenizer as default_tokenizer
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer

TOKENIZER = "ministerbrev.letter_tokenizer.v1"

# Abbreviations that stay one token, written as letters write them.
# Lower-case, capitalised and upper-case variants are added automatically.
ABBREVIATIONS = [
    "sagsnr.",
    "sags.nr.",
    "j.nr.",
    "j.-nr.",
    "jnr.",
    "jour.nr.",
    "journr.",
    "journalnr.",
    "dok.nr.",
    "doknr.",
    "dok.-nr.",
    "akt.nr.",
    "aktnr.",
    "ref.nr.",
    "refnr.",
    "lovnr.",
    "l.nr.",
    "spm.nr.",
    "alm.del",
    "alm.",
    "bkg.",
    "bek.",
    "vedr.",
    "jf.",
    "ca.",
    "mio.kr.",
    "mia.kr.",
    "mio.",
    "mia.",
    "kr.",
    "nr.",
    "pct.",
    "stk.",
    "tlf.",
    "evt.",
    "inkl.",
    "ekskl.",
    "bl.a.",
    "m.v.",
    "mv.",
    "m.fl.",
    "mht.",
    "iht.",
    "pkt.",
    "kap.",
    "afd.",
    "att.",
    "u.å.",
]

# Hyphenated identifiers that stay one token (the infix rules would split them).
HYPHENATED = ["akt-id", "dok-id", "sags-id", "akt-nr.", "sags-nr."]


def variants(text: str) -> set[str]:
    """The spellings of one exception a letter may use.

    >>> sorted(variants("j.nr."))
    ['J.NR.', 'J.Nr.', 'J.nr.', 'j.nr.']
    """
    out = {text, text.upper(), text[:1].upper() + text[1:]}
    # "J.Nr.", "Dok.Nr.": capitals after an inner full stop.
    out.add(".".join(part[:1].upper() + part[1:] for part in text.split(".")))
    return out


def special_cases() -> dict[str, list[dict]]:
    """Tokenizer special cases: each spelling kept as one token with a lower-case NORM.

    >>> special_cases()["Sagsnr."]
    [{65: 'Sagsnr.', 67: 'sagsnr.'}]
    """
    cases: dict[str, list[dict]] = {}
    for text in ABBREVIATIONS + HYPHENATED:
        for form in variants(text):
            cases[form] = [{ORTH: form, NORM: text}]
    return cases


def add_exceptions(tokenizer: Tokenizer, cases: Iterable[tuple[str, list[dict]]]) -> Tokenizer:
    """Add special cases to a tokenizer and return it.

    >>> import spacy
    >>> tok = add_exceptions(spacy.blank("da").tokenizer, [("Aktnr.", [{ORTH: "Aktnr."}])])
    >>> [t.text for t in tok("Aktnr. 5")]
    ['Aktnr.', '5']
    """
    for text, attrs in cases:
        tokenizer.add_special_case(text, attrs)
    return tokenizer


@spacy.registry.tokenizers(TOKENIZER)
def create_letter_tokenizer() -> Callable[[Language], Tokenizer]:
    """Factory for the config: spaCy's Danish tokenizer plus the letter exceptions.

    >>> import spacy
    >>> nlp = spacy.blank("da")
    >>> [t.text for t in create_letter_tokenizer()(nlp)("Dok.nr. 7")]
    ['Dok.nr.', '7']
    """

    def make(nlp: Language) -> Tokenizer:
        base = default_tokenizer()(nlp)
        return add_exceptions(base, special_cases().items())

    return make
