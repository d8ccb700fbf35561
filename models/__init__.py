"""Pydantic models of the letter record (the contract) and of a failure line."""

from models.failure import Failure, FailureCode
from models.record import (
    SCHEMA_VERSION,
    Amount,
    CaseNumber,
    Count,
    DateMention,
    Evidence,
    Letter,
    LetterRecord,
    Period,
    QuestionRef,
    Recipient,
    Recommendation,
    Sender,
    Source,
)

__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "CaseNumber",
    "Count",
    "DateMention",
    "Evidence",
    "Failure",
    "FailureCode",
    "Letter",
    "LetterRecord",
    "Period",
    "QuestionRef",
    "Recipient",
    "Recommendation",
    "Sender",
    "Source",
]
