"""Pydantic models of the letter record (the contract) and of a failure line."""

from models.failure import FAILURE_MEANINGS, Failure, FailureCode
from models.record import (
    FACT_FAMILIES,
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
    "FACT_FAMILIES",
    "FAILURE_MEANINGS",
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
