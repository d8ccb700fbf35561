"""References to committee questions: "spørgsmål nr. 12 (Alm. del)" -> number 12, series "Alm. del".

Forms:

- "spørgsmål nr. 12 (Alm. del)", "spm. nr. 12", "Spørgsmål 32 (alm. del)";
- a series letter before the number: "spørgsmål nr. S 1234" -> series "S";
- a bill in brackets or before: "spørgsmål 45 (L 123)", "L 45 - spørgsmål 7" -> series "L 45";
- several numbers at once: "spørgsmål nr. 12, 13 og 14 (Alm. del)" -> three references;
- the asking committee, canonical: "Finansudvalgets spørgsmål nr. 12",
  "spørgsmål nr. 3 stillet af Folketingets Retsudvalg",
  "spørgsmål nr. 1304 (Alm. del), som Folketingets Retsudvalg har stillet ..."
  -> "Finansudvalget" / "Retsudvalget".

The head blocks (where a subject line says "Svar på spørgsmål nr. 12") are
searched first, then the body; a question is listed once per (number, series).

    >>> [(q.number, q.series) for q in question_refs_in("Svar på spm. nr. 12 (alm. del)")]
    [(12, 'Alm. del')]
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from models import QuestionRef
from pipeline.extract.base import document_of
from pipeline.nlp.gazetteer import canonical_committee

# A bill or proposal: "L 123", "B 12" (capital letter, so "i 2020" is none).
BILL = r"(?-i:[LBFVR])[ \t]?\d{1,3}(?!\d)"
# "L 45 - spørgsmål 7", "Alm. del - svar på spørgsmål 32"
SERIES_BEFORE = rf"(?:(?P<before>{BILL}|alm\.\s*del)\s*[-–,:]?\s*(?:svar\s+på\s+)?)?"
QUESTION = r"(?<![\wæøå])(?:spørgsmål(?:ene)?(?![a-zæøå])|spm\.?)"
NUMBERS = r"(?P<numbers>\d{1,5}(?:\s*(?:,|og)\s*\d{1,5})*)(?![\d.,]\d)"
SERIES_AFTER = r"(?:\s*\((?P<after>[^()\n]{1,30})\))?"
QUESTION_REF = re.compile(
    rf"(?<![\wæøå]){SERIES_BEFORE}{QUESTION}\s*(?:nr\.?\s*)?"
    rf"(?:(?P<letter>(?-i:[A-ZÆØÅ]{{1,2}}))[ \t]?)?{NUMBERS}{SERIES_AFTER}",
    re.IGNORECASE,
)
ALM_DEL = re.compile(r"alm\.?\s*del", re.IGNORECASE)
BILL_SERIES = re.compile(r"(?<![\wæøå])(?P<letter>[LBFVR])[ \t]?(?P<number>\d{1,3})(?!\d)")

# A committee name ends in "udvalg", "udvalget", "udvalgets" or "udvalgs".
COMMITTEE_WORD = re.compile(r"[\wæøå-]*udvalg(?:et|ets|s)?(?![\wæøå])", re.IGNORECASE)
GENITIVE_BEFORE = re.compile(r"(?:\S+\s+){0,4}\S*udvalg(?:et)?s\s+$", re.IGNORECASE)
COMMITTEE_WINDOW = 160  # characters searched on either side of a reference
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅ])|\n")


def series_of(match: re.Match[str]) -> str | None:
    """ "Alm. del", "L 123" or the series letter ("S"), wherever the reference gives it."""
    for text in (match.group("after"), match.group("before")):
        if not text:
            continue
        if ALM_DEL.search(text):
            return "Alm. del"
        bill = BILL_SERIES.search(text)
        if bill:
            return f"{bill.group('letter')} {bill.group('number')}"
    return match.group("letter")


def numbers_of(match: re.Match[str]) -> list[int]:
    """ "12, 13 og 14" -> [12, 13, 14]."""
    return [int(number) for number in re.findall(r"\d+", match.group("numbers"))]


def committee_near(text: str, match: re.Match[str]) -> str | None:
    """The committee named just before the reference (genitive), else later in its
    sentence ("stillet af Folketingets Retsudvalg"), else earlier in it."""
    before = text[max(0, match.start() - COMMITTEE_WINDOW) : match.start()]
    genitive = GENITIVE_BEFORE.search(before)
    committee = committee_in(genitive.group(0)) if genitive else None
    return (
        committee
        or committee_in(sentence_after(text, match.end()))
        or committee_in(sentence_before(before))
    )


def sentence_after(text: str, start: int) -> str:
    after = text[start : start + COMMITTEE_WINDOW]
    end = SENTENCE_END.search(after)
    return after[: end.start()] if end else after


def sentence_before(before: str) -> str:
    ends = list(SENTENCE_END.finditer(before))
    return before[ends[-1].end() :] if ends else before


# A bill or a proposal for a resolution: "L 45", "B 12".
BILL = re.compile(r"\b[LB]\s?\d{1,3}\b")


def committee_in(text: str) -> str | None:
    """The first committee named in ``text``, in canonical form.

    >>> committee_in("som Folketingets Retsudvalg har stillet")
    'Retsudvalget'
    """
    for word in COMMITTEE_WORD.finditer(text):
        words_before = text[: word.start()].split()[-5:]
        # Longest first: "Udlændinge- og Integrationsudvalg" before "Integrationsudvalg".
        for size in range(len(words_before), -1, -1):
            candidate = " ".join([*words_before[len(words_before) - size :], word.group(0)])
            committee = canonical_committee(candidate)
            if committee:
                return committee
        committee = committee_by_form(" ".join([*coordinated(words_before), word.group(0)]))
        if committee:
            return committee
    return None


def coordinated(words_before: list[str]) -> list[str]:
    """The first conjuncts of a coordinated name: "Transport-, Bygnings- og" before
    "Boligudvalg". A single word or none."""
    taken: list[str] = []
    for word in reversed(words_before):
        if word == "og" and not taken or word.endswith(("-", "-,")):
            taken.insert(0, word)
        else:
            break
    return taken if taken and taken[0] != "og" else []


def committee_by_form(word: str) -> str | None:
    """A one-word committee the gazetteer does not know, in definite form.

    >>> committee_by_form("Boligudvalgets")
    'Boligudvalget'
    >>> committee_by_form("Udvalget") is None
    True
    """
    stem = re.sub(r"(?:et|ets|s)$", "", word)
    if not stem[:1].isupper() or stem.lower() == "udvalg" or stem.endswith("-"):
        return None
    if " og " in stem and not stem.split(" og ")[-1][:1].isupper():
        return None  # "Transport-, Bygnings- og boligudvalg" is no name as written
    return stem + "et"


def question_refs_in(text: str) -> list[QuestionRef]:
    """Every question reference in ``text``, one per number, in text order."""
    refs = []
    for match in QUESTION_REF.finditer(text):
        series, committee = series_of(match), committee_near(text, match)
        raw = " ".join(match.group(0).split())  # a reference broken over lines reads as one
        refs += [
            QuestionRef(number=number, series=series, committee=committee, raw=raw)
            for number in numbers_of(match)
        ]
    return refs


def find_question_refs(doc: Doc) -> list[QuestionRef]:
    """References in the head blocks and the body, one per question.

    Mentions of one number are one question: "spørgsmål nr. 12 (Alm. del)" in the
    subject and "Spørgsmål nr. 12:" above the quoted question merge, each lending
    what the other lacks. A reference with no series takes the bill the letter's
    head names ("L 45 - ... Svar på spørgsmål 7"), and one with no committee takes
    the committee the letter's other references agree on.
    """
    heads = [block.text for block in document_of(doc).region("head", "header")]
    merged: list[QuestionRef] = []
    for ref in (ref for text in [*heads, doc.text] for ref in question_refs_in(text)):
        same = next((known for known in merged if same_question(known, ref)), None)
        if same is None:
            merged.append(ref)
        else:
            merged[merged.index(same)] = completed(same, ref)
    return with_letter_context(merged, heads)


def same_question(a: QuestionRef, b: QuestionRef) -> bool:
    return a.number == b.number and (a.series == b.series or None in (a.series, b.series))


def completed(known: QuestionRef, other: QuestionRef) -> QuestionRef:
    return known.model_copy(update={
        "series": known.series or other.series,
        "committee": known.committee or other.committee,
    })


def with_letter_context(refs: list[QuestionRef], heads: list[str]) -> list[QuestionRef]:
    bills = set(BILL.findall(" ".join(heads)))
    committees = {ref.committee for ref in refs if ref.committee}
    bill = " ".join(bills.pop().split()) if len(bills) == 1 else None
    committee = committees.pop() if len(committees) == 1 else None
    return [
        ref.model_copy(update={"series": ref.series or bill,
                               "committee": ref.committee or committee})
        for ref in refs
    ]


@Language.component("ministerbrev_question_refs")
def question_refs_component(doc: Doc) -> Doc:
    """Write ``doc._.question_refs``."""
    doc._.question_refs = find_question_refs(doc)
    return doc
