"""What the letter is for: answer, forwarding, information, or other.

    >>> letter_kind("Hermed oversendes rapporten til udvalgets orientering.", [], None)
    'oversendelse'

The contract's order of judgement: a letter that answers a numbered question is
an answer, whatever else it does, unless it corrects an earlier answer; requests,
invitations and corrections are "other"; one whose purpose is to forward a report
is a forwarding; the rest inform in their own text.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from models import QuestionRef

ANSWER = re.compile(
    r"\b(svar(er|et)? på|besvar(else|elsen|es|er)|som svar|hermed besvares)\b", re.IGNORECASE
)
CORRECTION = re.compile(
    r"\b(berigtigelse|berigtiger|rettelse|korrektion|fejl i (min|mit|den|det|ministeriets))\b"
    r"|\bindeholdt\s+\w*\s*en fejl\b|\bvil rette\b",
    re.IGNORECASE,
)
FORWARDING = re.compile(
    r"\b(hermed|vedlagt|vedlægges)\s+(over|frem)sendes\b|\b(over|frem)sendes\s+(hermed|vedlagt)\b"
    r"|\b(jeg|ministeriet)\s+(over|frem)sender\b|\b(over|frem)sender\s+(jeg|ministeriet)\b",
    re.IGNORECASE,
)
REQUEST = re.compile(
    r"\b(anmoder|anmodning om|tiltrædelse|tilslutning til|godkendelse af|invitation|inviterer|"
    r"inviteres)\b",
    re.IGNORECASE,
)


@Language.component("ministerbrev_kind", requires=["doc._.question_refs", "doc._.letterhead"])
def kind_component(doc: Doc) -> Doc:
    subject = doc._.letterhead.subject if doc._.letterhead else None
    doc._.letter_kind = letter_kind(doc.text, doc._.question_refs or [], subject)
    return doc


def letter_kind(body_text: str, question_refs: list[QuestionRef], subject: str | None) -> str:
    """Judged on the subject and the opening, where letters state their purpose."""
    purpose = " ".join(filter(None, [subject, opening(body_text)]))
    if CORRECTION.search(purpose):
        return "other"
    if question_refs and ANSWER.search(purpose):
        return "svar_paa_spoergsmaal"
    if REQUEST.search(purpose):
        return "other"
    if FORWARDING.search(purpose):
        return "oversendelse"
    return "orientering"


def opening(body_text: str) -> str:
    """The first two paragraphs after the salutation."""
    paragraphs = [p for p in body_text.split("\n\n") if p.strip()]
    if paragraphs and len(paragraphs[0]) < 60 and "\n" not in paragraphs[0]:
        paragraphs = paragraphs[1:]  # the salutation
    return "\n\n".join(paragraphs[:2])
