"""The letter record: the project's public contract, as pydantic models.

Every key of the contract is always present; a value that was not found is
``None`` or ``[]``. The JSON Schema printed by ``ministerbrev schema`` is
generated from these classes, so they are the one place the shape is defined.

    >>> from models import LetterRecord
    >>> LetterRecord.model_json_schema()["title"]
    'LetterRecord'

Validation is strict: unknown keys are refused, and every piece of evidence
must point at exactly the text it claims (``body_text[start:end] == raw``).

``docs/record.md`` describes every field; it is generated from the descriptions
here (``python -m models.docs > docs/record.md``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "4"

LetterKind = Literal["orientering", "svar_paa_spoergsmaal", "oversendelse", "other"]
CaseNumberKind = Literal["sagsnummer", "journalnummer", "akt-id", "dokumentnummer", "reference"]
TextLayer = Literal["native", "ocr", "none"]

DAY_OR_MONTH = r"^\d{4}-\d{2}(-\d{2})?$"
PERIOD_END = r"^\d{4}(-\d{2}(-\d{2})?)?$"

# The largest amount or count a record holds, either way from zero: 10^15, a million
# milliarder, some thousand times the state's yearly budget. Below 2^53, so a reader that
# holds JSON numbers as doubles reads it exactly, and far inside SQLite's 64-bit integers,
# so a letter with a number of 40 digits can never keep the store from taking its record.
LARGEST_NUMBER = 10**15
WholeNumber = Annotated[int, Field(ge=-LARGEST_NUMBER, le=LARGEST_NUMBER)]
Number = WholeNumber | Annotated[
    float, Field(ge=-LARGEST_NUMBER, le=LARGEST_NUMBER, allow_inf_nan=False)]
Quantity = Annotated[int, Field(ge=0, le=LARGEST_NUMBER)]
# An id from elsewhere (ODA's) that the store keeps as an SQLite integer.
StoredId = Annotated[int, Field(ge=0, le=2**63 - 1)]


class Strict(BaseModel):
    """Base for every part of the record: unknown keys are an error."""

    model_config = ConfigDict(extra="forbid")


class Evidence(Strict):
    """Where a fact stands: 1-based page and character offsets into ``body_text``.

    The offsets are there under two names: ``start``/``end``, as records always had them,
    and ``char_start``/``char_end``, the names of the store's columns (where ``periods``
    has ``start`` and ``end`` of its own). Give either pair; the other follows.

        >>> Evidence(page=1, start=6, end=19).model_dump()
        {'page': 1, 'start': 6, 'end': 19, 'char_start': 6, 'char_end': 19}
    """

    page: int = Field(ge=1, description="The page the fact stands on, counted from 1.")
    start: int = Field(ge=0, description="Offset of the fact's first character in body_text.")
    end: int = Field(ge=0, description="Offset just past its last character: "
                     "body_text[start:end] is the fact's raw text.")
    # New in schema version 4; filled from start/end when an older line is read.
    char_start: int = Field(ge=0, description="The same offset as start, under the name of "
                            "the store's column.")
    char_end: int = Field(ge=0, description="The same offset as end, under the name of the "
                          "store's column.")

    @model_validator(mode="before")
    @classmethod
    def _both_names(cls, data):
        if isinstance(data, dict):
            data = dict(data)
            for name, store_name in (("start", "char_start"), ("end", "char_end")):
                if name not in data and store_name in data:
                    data[name] = data[store_name]
                data.setdefault(store_name, data.get(name))
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if (self.char_start, self.char_end) != (self.start, self.end):
            raise ValueError(f"char_start/char_end ({self.char_start}, {self.char_end}) differ "
                             f"from start/end ({self.start}, {self.end})")
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

    dokument_id: StoredId = Field(description="Dokument.id in ODA")
    title: str | None = Field(default=None, description="Dokument.titel")
    type: str | None = Field(default=None, description="Dokumenttype.type, e.g. 'Brev'")
    date: str | None = Field(default=None, description="Dokument.dato (Danish local time)")
    committee: str | None = Field(default=None, description="The committee (Aktør of type "
                                  "Udvalg) the document is linked to")
    ministry: str | None = Field(default=None, description="The ministry (Aktør of type "
                                 "Ministerområde) the document is linked to")
    file_url: str = Field(description="Fil.filurl the PDF was downloaded from")
    updated: str = Field(description="Dokument.opdateringsdato (Danish local time)")
    page_url: str | None = Field(
        default=None, description="The document's page on ft.dk, where one can be built: ODA "
        "has no field for it, but ft.dk keeps a document's files beside its page, so a file at "
        "https://www.ft.dk/samling/.../2345678.pdf has its page at .../index.htm in the same "
        "folder. Null for a file elsewhere; file_url is then the way back.")


class Source(Strict):
    """The file a record was made from."""

    path: str = Field(description="The file's path as the run was given it.")
    absolute_path: str | None = Field(
        default=None, description="The file's absolute path on the machine that processed it "
        "(symbolic links resolved); null in records made before it was kept.")
    filename: str = Field(description="The file's name, without its folder.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$",
                        description="SHA-256 of the file's bytes, in lower-case hex.")
    bytes: int = Field(ge=0, description="The file's size in bytes.")
    pages: int = Field(ge=0, description="Pages in the PDF.")
    media_type: str = Field(default="application/pdf",
                            description='Always "application/pdf".')
    text_layer: TextLayer = Field(
        description='Where the text came from: "native" (the PDF\'s text layer), "ocr" '
        '(Tesseract read at least one page that had none), "none" (no page has text).')
    processed_at: datetime = Field(description="When the record was made: ISO 8601, UTC.")
    oda: OdaProvenance | None = Field(
        default=None, description="Provenance of a letter fetched from ODA; null otherwise.")


class Sender(Strict):
    """Who sent the letter, as its letterhead, sidebar and signature show it."""

    ministry: str | None = Field(
        default=None, description="The ministry's full name, also where the letter shows it "
        'only through the minister\'s title ("justitsministeren") or its web address.')
    minister: str | None = Field(
        default=None, description="The signing minister; null where an official signs alone "
        '(e.g. "P.M.V.").'
    )
    address: str | None = Field(
        default=None, description='The ministry\'s postal address, e.g. "Slotsholmsgade 10, '
        '1216 København K".')
    phone: str | None = Field(default=None, description='The ministry\'s telephone number, '
                              'e.g. "6198 4000".')
    email: str | None = Field(default=None, description="The ministry's e-mail address.")
    web: str | None = Field(default=None, description='The ministry\'s web address, '
                            'e.g. "www.uim.dk".')
    cvr: str | None = Field(default=None, description="The ministry's CVR number (eight digits).")


class Recipient(Strict):
    """A committee the letter is addressed to."""

    name: str = Field(description='The committee in its standard form, e.g. "Finansudvalget", '
                      'also where the letter writes "Folketingets Finansudvalg" or "Til '
                      'medlemmerne af Folketingets Finansudvalg".')
    organisation: str | None = Field(default=None, description='"Folketinget".')
    address: str | None = Field(
        default=None, description='The address under the committee\'s name, e.g. '
        '"Christiansborg, 1240 København K".')


class CaseNumber(Strict):
    """A case, journal or document number from the letter's reference lines."""

    kind: CaseNumberKind = Field(description="What the letter calls the number.")
    value: str = Field(description='Normalised, no spaces around - or /: '
                       '"Sags nr. 2020 - 6967" -> "2020-6967".')
    raw: str = Field(description="The reference as the letter writes it.")


class QuestionRef(Strict):
    """A numbered question of a committee: "spørgsmål nr. 12 (Alm. del)"."""

    number: StoredId = Field(description="The question's number: 12.")
    series: str | None = Field(default=None, description='The series, e.g. "Alm. del".')
    committee: str | None = Field(default=None, description="The committee that asked it, "
                                  "in its standard form.")
    answered: bool = Field(
        default=False, description="True for the question the letter answers (its heading or "
        "opening names it); false for a question it only cites.")
    raw: str = Field(description="The reference as the letter writes it.")


class Letter(Strict):
    """The letter itself: its date, kind, sender, recipients and references."""

    date: str | None = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$",
        description='The letter\'s own date (dateline or sidebar), "YYYY-MM-DD"; not a date '
        "mentioned in the body.")
    subject: str | None = Field(default=None,
                                description="The heading line, if the letter has one.")
    kind: LetterKind = Field(
        default="other", description='"svar_paa_spoergsmaal" where the letter answers a '
        'numbered question; "oversendelse" where its purpose is to forward a report or note '
        '("Hermed oversendes/fremsendes ..."); "orientering" where it informs in its own '
        'text; "other" for the rest (requests for approval, invitations, corrections).')
    sender: Sender = Field(default_factory=Sender, description="Who sent it.")
    recipients: list[Recipient] = Field(default_factory=list,
                                        description="The committees it is addressed to.")
    salutation: str | None = Field(default=None, description='e.g. "Kære ordførere".')
    case_numbers: list[CaseNumber] = Field(default_factory=list,
                                           description="Its case and document numbers.")
    question_refs: list[QuestionRef] = Field(default_factory=list,
                                             description="The questions it answers or cites.")


class Amount(Strict):
    """An amount of money in the running text or in a table.

    A table cell under a unit header ("Mio. kr.") is an amount in that unit; a repeated
    value is still one amount per place it stands. Quantities of other units
    ("2,2 mio. ton"), percentages, law and paragraph numbers are not amounts.

    ``origin`` says where it stands, so that a sum counts each sum of money once: a
    table's cells add up to its total row, and the text often repeats a total, so add
    text amounts alone, or table totals alone, never both.

        >>> Amount(value=3412600000, raw="3.412,6", sentence="I alt\t3.412,6",
        ...        evidence={"page": 1, "start": 6, "end": 13}, origin="table",
        ...        table_row="I alt", table_column="2019", total=True).total
        True
    """

    value: Number = Field(description="Whole units of the currency: 73,4 mio. kr. -> 73400000")
    currency: str = Field(default="DKK", description='ISO 4217 code, e.g. "DKK", "EUR".')
    raw: str = Field(description="The amount as the letter writes it.")
    per: str | None = Field(
        default=None, description='"år" for "årligt" / "om året"; "måned" for "om måneden"'
    )
    range_to: Number | None = Field(
        default=None, description='The upper end of a range: "10-15 mio. kr." -> value '
        "10000000, range_to 15000000.")
    sentence: str = Field(description="The sentence the amount stands in; for a table "
                          "cell, its row.")
    evidence: Evidence = Field(description="Where the raw text stands.")
    # New in schema version 3; the defaults read an older line as a text amount.
    origin: Literal["text", "table"] = Field(
        default="text", description='"text" for an amount written out in the running text '
        '("73,4 mio. kr."); "table" for a bare number in a table cell, its unit taken from '
        'the table\'s header ("Mio. kr.").')
    table_row: str | None = Field(
        default=None, description='A table cell\'s row: the label in its first column, e.g. '
        '"Driftsudgifter" or "I alt"; null for a text amount or a row without a label.')
    table_column: str | None = Field(
        default=None, description='A table cell\'s column: its header, e.g. "2021" or '
        '"Skøn"; null for a text amount or where the header cannot be told.')
    total: bool = Field(
        default=False, description='True for a table cell in a total row or total column '
        '(its label or header is "I alt", "Total", "Samlet", or ends in "i alt"); false for '
        'every other cell (a "Heraf" row is a part, not a total) and for every text amount.')


class DateMention(Strict):
    """A calendar date mentioned in the running text.

    Every calendar date counts, including the date of the question being answered
    ("i brev af 3. marts 2021"), dates inside law references ("lov nr. 1234 af
    12. december 2019") and both ends of a date range (which is also a period).
    Seasons ("foråret 2016") and bare years are not dates.
    """

    value: str = Field(pattern=DAY_OR_MONTH, description='"YYYY-MM-DD", or "YYYY-MM"')
    raw: str = Field(description="The date as the letter writes it.")
    evidence: Evidence = Field(description="Where the raw text stands.")


class Period(Strict):
    """A span of time: "i perioden 2017-2020" -> start "2017", end "2020"; date ranges
    likewise."""

    start: str = Field(pattern=PERIOD_END, description='"YYYY", "YYYY-MM" or "YYYY-MM-DD".')
    end: str = Field(pattern=PERIOD_END, description='"YYYY", "YYYY-MM" or "YYYY-MM-DD".')
    raw: str = Field(description="The period as the letter writes it.")
    evidence: Evidence = Field(description="Where the raw text stands.")


class Count(Strict):
    """A number of things: "22 initiativer" -> 22, noun "initiativer", lemma "initiativ".

    Number words count ("fire indsatsområder" -> 4), and adjectives may stand between
    number and noun. Years, amounts, dates, case numbers, list markers, addresses, the
    article "en/et", ages ("under 18 år"), units ("3 GW"), names with digits
    ("Covid-19", "TV 2", "E45") and ordinals are not counts.
    """

    value: Quantity = Field(description="How many.")
    noun: str = Field(description="The noun counted, as the letter writes it.")
    lemma: str = Field(description="The noun's singular indefinite form.")
    qualifier: str | None = Field(
        default=None, description='What the sentence says of them, e.g. "gennemført som '
        'planlagt".')
    raw: str = Field(description="The number and noun as the letter writes them.")
    sentence: str = Field(description="The sentence the count stands in.")
    evidence: Evidence = Field(description="Where the raw text stands.")


class Recommendation(Strict):
    """Something the letter (or what it reports) recommends.

    The recommended content without its lead-in ("Evalueringen anbefaler, at"), one item
    per list element or per "og at" clause: "behov for mere akuthjælp, øget fokus på
    familiebehandling, ..." gives one item each. A letter that only mentions that
    recommendations exist has none.
    """

    text: str = Field(description="The recommendation, without its lead-in.")
    sentence: str = Field(description="The sentence it stands in.")
    evidence: Evidence = Field(description="Where the text stands.")


class LetterRecord(Strict):
    """One processed letter: one line of ``records.jsonl``."""

    doc_id: str = Field(pattern=r"^[0-9a-f]{16}$", description="The first 16 hex digits of "
                        "source.sha256: the same file always gets the same doc_id.")
    # Records of versions 1 to 3 still read: what is new since has defaults.
    schema_version: Literal["1", "2", "3", "4"] = Field(
        default=SCHEMA_VERSION, description=f'"{SCHEMA_VERSION}" for records made now; "3" '
        "for records made before Evidence.char_start and char_end existed; \"2\" for records "
        "made before Amount.origin, table_row, table_column and total existed; "
        '"1" for records made before QuestionRef.answered existed.')
    source: Source = Field(description="The file the record was made from.")
    letter: Letter = Field(description="The letter's own fields.")
    amounts: list[Amount] = Field(default_factory=list, description="Amounts of money.")
    dates: list[DateMention] = Field(default_factory=list,
                                     description="Calendar dates mentioned in the body.")
    periods: list[Period] = Field(default_factory=list, description="Spans of time.")
    counts: list[Count] = Field(default_factory=list, description="Numbers of things.")
    recommendations: list[Recommendation] = Field(default_factory=list,
                                                  description="What the letter recommends.")
    body_text: str = Field(
        description="The letter's running text in reading order: letterhead, sidebar, page "
        "headers and footers and page numbers removed; words hyphenated across lines joined. "
        "Every evidence offset points into it.")
    warnings: list[str] = Field(default_factory=list, description="What a person should look "
                                'at, e.g. "no letter date found".')

    @model_validator(mode="after")
    def _evidence_points_at_raw(self) -> LetterRecord:
        """Refuse a record whose evidence does not quote ``body_text`` exactly."""
        if self.doc_id != self.source.sha256[:16]:
            raise ValueError("doc_id must be the first 16 hex digits of source.sha256")
        for family in FACT_FAMILIES:
            for fact in getattr(self, family):
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


def model_lists(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that hold a list of models, in the order they are declared.

    >>> model_lists(Letter)
    ('recipients', 'case_numbers', 'question_refs')
    """
    return tuple(name for name, field in model.model_fields.items()
                 if list_item_model(field.annotation) is not None)


def model_values(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that hold one plain value (neither a model nor a list).

    >>> model_values(Letter)
    ('date', 'subject', 'kind', 'salutation')
    """
    return tuple(name for name, field in model.model_fields.items()
                 if get_origin(field.annotation) is not list and not held_models(field.annotation))


def held_models(annotation) -> list[type[BaseModel]]:
    """The models a type names, however deep in lists and unions.

    >>> [model.__name__ for model in held_models(list[Amount] | None)], held_models(str | None)
    (['Amount'], [])
    """
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in held_models(arg)]


def list_item_model(annotation) -> type[BaseModel] | None:
    """The model a ``list[Model]`` annotation holds; None for anything else.

    >>> list_item_model(list[Amount]).__name__, list_item_model(list[str])
    ('Amount', None)
    """
    if get_origin(annotation) is not list:
        return None
    [item] = get_args(annotation)
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None


# The record's lists of facts found in the running text, each fact with its evidence:
# ("amounts", "dates", "periods", "counts", "recommendations").
FACT_FAMILIES: tuple[str, ...] = model_lists(LetterRecord)
