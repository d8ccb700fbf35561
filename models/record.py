"""The letter record: the project's public contract, as pydantic models.

Every key of the contract is always present; a value that was not found is
``None`` or ``[]``. The JSON Schema printed by ``ministerbrev schema`` is
generated from these classes, so they are the one place the shape is defined.

    >>> from models import LetterRecord
    >>> LetterRecord.model_json_schema()["title"]
    'LetterRecord'

Validation is strict: unknown keys are refused, and every piece of evidence
must point at exactly the text it claims (``body_text[start:end] == raw``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "2"

LetterKind = Literal["orientering", "svar_paa_spoergsmaal", "oversendelse", "other"]
CaseNumberKind = Literal["sagsnummer", "journalnummer", "akt-id", "dokumentnummer", "reference"]
TextLayer = Literal["native", "ocr", "none"]

DAY_OR_MONTH = r"^\d{4}-\d{2}(-\d{2})?$"
PERIOD_END = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class Strict(BaseModel):
    """Base for every part of the record: unknown keys are an error."""

    model_config = ConfigDict(extra="forbid")


class Evidence(Strict):
    """Where a fact stands: 1-based page and character offsets into ``body_text``."""

    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence ends ({self.end}) before it starts ({self.start})")
        return self


class OdaProvenance(Strict):
    """Where a letter fetched from Folketinget's open data (ODA) came from.

    Times are ODA's own: Danish local time without a zone, as ODA wrote them.

        >>> OdaProvenance(dokument_id=1, file_url="https://www.ft.dk/a.pdf",
        ...               updated="2026-10-04T10:05:00").dokument_id
        1
    """

    dokument_id: int = Field(description="Dokument.id in ODA")
    title: str | None = Field(default=None, description="Dokument.titel")
    type: str | None = Field(default=None, description="Dokumenttype.type, e.g. 'Brev'")
    date: str | None = Field(default=None, description="Dokument.dato (Danish local time)")
    committee: str | None = Field(default=None, description="The committee (Aktør of type "
                                  "Udvalg) the document is linked to")
    ministry: str | None = Field(default=None, description="The ministry (Aktør of type "
                                 "Ministerområde) the document is linked to")
    file_url: str = Field(description="Fil.filurl the PDF was downloaded from")
    updated: str = Field(description="Dokument.opdateringsdato (Danish local time)")


class Source(Strict):
    """The file a record was made from."""

    path: str
    filename: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    pages: int = Field(ge=0)
    media_type: str = "application/pdf"
    text_layer: TextLayer
    processed_at: datetime = Field(description="ISO 8601, UTC")
    oda: OdaProvenance | None = Field(
        default=None, description="Provenance of a letter fetched from ODA; null otherwise.")


class Sender(Strict):
    ministry: str | None = None
    minister: str | None = Field(
        default=None, description="The signing minister; null where an official signs alone."
    )
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    web: str | None = None
    cvr: str | None = None


class Recipient(Strict):
    name: str = Field(description='The committee in its standard form, e.g. "Finansudvalget".')
    organisation: str | None = None
    address: str | None = None


class CaseNumber(Strict):
    kind: CaseNumberKind
    value: str = Field(description='Normalised: "2020 - 6967" -> "2020-6967".')
    raw: str


class QuestionRef(Strict):
    number: int
    series: str | None = Field(default=None, description='e.g. "Alm. del"')
    committee: str | None = None
    answered: bool = Field(
        default=False, description="True for the question the letter answers (its heading or "
        "opening names it); false for a question it only cites.")
    raw: str


class Letter(Strict):
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    subject: str | None = None
    kind: LetterKind = "other"
    sender: Sender = Field(default_factory=Sender)
    recipients: list[Recipient] = Field(default_factory=list)
    salutation: str | None = None
    case_numbers: list[CaseNumber] = Field(default_factory=list)
    question_refs: list[QuestionRef] = Field(default_factory=list)


class Amount(Strict):
    value: int | float = Field(description="Whole units of the currency: 73,4 mio. kr. -> 73400000")
    currency: str = "DKK"
    raw: str
    per: str | None = Field(
        default=None, description='"år" for "årligt" / "om året"; "måned" for "om måneden"'
    )
    range_to: int | float | None = None
    sentence: str
    evidence: Evidence


class DateMention(Strict):
    value: str = Field(pattern=DAY_OR_MONTH, description='"YYYY-MM-DD", or "YYYY-MM"')
    raw: str
    evidence: Evidence


class Period(Strict):
    start: str = Field(pattern=PERIOD_END)
    end: str = Field(pattern=PERIOD_END)
    raw: str
    evidence: Evidence


class Count(Strict):
    value: int
    noun: str
    lemma: str
    qualifier: str | None = None
    raw: str
    sentence: str
    evidence: Evidence


class Recommendation(Strict):
    text: str
    sentence: str
    evidence: Evidence


class LetterRecord(Strict):
    """One processed letter. See ``../shared/record-contract.md`` for the conventions."""

    doc_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    # Records of version 1 (without QuestionRef.answered) still read.
    schema_version: Literal["1", "2"] = SCHEMA_VERSION
    source: Source
    letter: Letter
    amounts: list[Amount] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    periods: list[Period] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    body_text: str
    warnings: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _evidence_points_at_raw(self) -> LetterRecord:
        """Refuse a record whose evidence does not quote ``body_text`` exactly."""
        if self.doc_id != self.source.sha256[:16]:
            raise ValueError("doc_id must be the first 16 hex digits of source.sha256")
        for family in (self.amounts, self.dates, self.periods, self.counts, self.recommendations):
            for fact in family:
                self._check_evidence(fact)
        return self

    def _check_evidence(self, fact: BaseModel) -> None:
        evidence = fact.evidence
        if evidence.end > len(self.body_text):
            raise ValueError(f"evidence {evidence} runs past the end of body_text")
        raw = getattr(fact, "raw", None)
        quoted = self.body_text[evidence.start : evidence.end]
        if raw is not None and quoted != raw:
            raise ValueError(f"evidence quotes {quoted!r}, not raw {raw!r}")
