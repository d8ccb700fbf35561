"""What the letter is for: answer, forwarding, information, or other.

    >>> letter_kind("Hermed oversendes rapporten til udvalgets orientering.", [], None)
    'oversendelse'

The contract's order of judgement: a letter that answers a numbered question is
an answer, whatever else it does; one whose purpose is to forward a report is a
forwarding; one that informs in its own text is information.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from models import QuestionRef

ANSWER = re.compile(
    r"\b(svar(er|et)? på|besvar(else|elsen|es|er)|som svar|hermed besvares)\b", re.IGNORECASE
)
FORWARDING = re.compile(
    r"\b(hermed|vedlagt|vedlægges)\s+(over|frem)sendes\b|\b(over|frem)sendes\s+(hermed|vedlagt)\b"
    r"|\b(jeg|ministeriet)\s+(over|frem)sender\b|\b(over|frem)sender\s+(jeg|ministeriet)\b",
    re.IGNORECASE,
)
REQUEST_OR_CORRECTION = re.compile(
    r"\b(anmoder|anmodning om|tiltrædelse|tilslutning|godkendelse|berigtigelse|rettelse|"
    r"fejl i|korrektion|invitation|inviterer)\b",
    re.IGNORECASE,
)
INFORMATION = re.compile(
    r"\b(udvalgets orientering|til orientering|orientere udvalget|orientere om|orienterer|"
    r"status (for|på)|statusrapport|redegørelse)\b",
    re.IGNORECASE,
)


@Language.component("ministerbrev_kind", requires=["doc._.question_refs", "doc._.letterhead"])
def kind_component(doc: Doc) -> Doc:
    subject = doc._.letterhead.subject if doc._.letterhead else None
    doc._.letter_kind = letter_kind(doc.text, doc._.question_refs or [], subject)
    return doc


def letter_kind(body_text: str, question_refs: list[QuestionRef], subject: str | None) -> str:
    opening = " ".join(filter(None, [subject, body_text[:1500]]))
    if question_refs and ANSWER.search(opening):
        return "svar_paa_spoergsmaal"
    if FORWARDING.search(opening) and not REQUEST_OR_CORRECTION.search(subject or ""):
        return "oversendelse"
    if REQUEST_OR_CORRECTION.search(opening):
        return "other"
    if INFORMATION.search(body_text):
        return "orientering"
    return "other"
