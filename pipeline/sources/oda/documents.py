"""ODA's data as the project reads it: its times, its lookup tables, what a user follows,
its documents and their PDFs, and the query for documents updated since a watermark.

    >>> documents_url("https://oda.ft.dk/api/", "2026-10-04T10:05:00", (5,))[:40]
    'https://oda.ft.dk/api/Dokument?$filter=o'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from models.record import OdaProvenance
from pipeline.sources.oda.errors import BadId, FetchError, UnknownName

DANISH_TIME = ZoneInfo("Europe/Copenhagen")

# Names in ODA's lookup tables; the ids behind them are looked up at run time.
COMMITTEE_TYPE = "Udvalg"
MINISTRY_TYPE = "Ministerområde"
RECIPIENT_ROLES = ("Modtager", "Til")
SENDER_ROLES = ("Afsender", "Fra")
PDF_VARIANT = "P"


# -- times ------------------------------------------------------------------------------------


def parse_time(text: str) -> datetime:
    """An ODA time as a naive Danish local time; a zone, if ever given, is converted away.

        >>> parse_time("2026-10-04T10:05:00.123"), parse_time("2026-10-04T10:05:00")
        (datetime.datetime(2026, 10, 4, 10, 5, 0, 123000), datetime.datetime(2026, 10, 4, 10, 5))
    """
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(DANISH_TIME).replace(tzinfo=None)
    return value


def format_time(value: datetime) -> str:
    """ODA's form: seconds, or milliseconds where there are any (rounded down, so a filter
    ``gt`` it never skips a row).

        >>> format_time(parse_time("2026-10-04T10:05:00.1234"))
        '2026-10-04T10:05:00.123'
    """
    return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds")


def page_watermark(rows: list[dict], last_page: bool) -> str | None:
    """The update time up to which a committed page is complete, or None.

    Rows come ordered by update time, and rows sharing the last time may go on
    in the next page: only on the last page is the last time itself complete.

        >>> rows = [{"opdateringsdato": t} for t in ("2026-01-01T08:00:00", "2026-01-01T09:00:00")]
        >>> page_watermark(rows, last_page=False), page_watermark(rows, last_page=True)
        ('2026-01-01T08:00:00', '2026-01-01T09:00:00')
    """
    times = [parse_time(row["opdateringsdato"]) for row in rows]
    if not times:
        return None
    if last_page:
        return format_time(max(times))
    earlier = [value for value in times if value < times[-1]]
    return format_time(max(earlier)) if earlier else None


# -- lookups and what to follow ---------------------------------------------------------------


@dataclass(frozen=True)
class Lookups:
    """ODA's lookup tables, name -> id (``Dokumenttype``, ``Aktørtype``, ``DokumentAktørRolle``)."""

    document_types: dict[str, int]
    actor_types: dict[str, int]
    roles: dict[str, int]

    @staticmethod
    def id_of(table: dict[str, int], name: str, what: str) -> int:
        for known, number in table.items():
            if known.casefold() == name.casefold():
                return number
        raise UnknownName(f"there is no {what} {name!r} (known: {', '.join(sorted(table))})")

    def name_of(self, table: dict[str, int], number: int | None) -> str | None:
        return next((name for name, known in table.items() if known == number), None)


@dataclass(frozen=True)
class Follow:
    """What a user follows: document types, committees and ministries (empty: all).

    Committees and ministries match an actor's ``navn`` or ``gruppenavnkort``, in any case.

        >>> Follow(committees=("FIU",)).wants_actors(["Finansudvalget", "FIU"], [])
        True
    """

    types: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    ministries: tuple[str, ...] = ()
    type_ids: tuple[int, ...] = ()
    lookups: Lookups | None = None

    def resolve(self, lookups: Lookups) -> Follow:
        """The same choice with type names turned into ODA ids (an unknown name is an error)."""
        ids = tuple(Lookups.id_of(lookups.document_types, name, "document type")
                    for name in self.types)
        return Follow(self.types, self.committees, self.ministries, ids, lookups)

    def wants_actors(self, committee_names: list[str], ministry_names: list[str]) -> bool:
        return (matches(self.committees, committee_names)
                and matches(self.ministries, ministry_names))


def matches(wanted: tuple[str, ...], names: list[str]) -> bool:
    """True if nothing is wanted, or one of ``names`` is."""
    if not wanted:
        return True
    folded = {name.casefold() for name in names if name}
    return any(name.casefold() in folded for name in wanted)


# -- documents --------------------------------------------------------------------------------

# An id names the file a PDF is saved as (``<dokument id>-<fil id>.pdf``): only digits
# may pass, and no more of them than SQLite's integers hold.
ODA_ID = re.compile(r"[0-9]{1,18}")


def oda_id(value: object, what: str) -> int:
    """An id from ODA's answer, a JSON number or a string of digits; anything else is
    ``BadId``, since an id like ``../../x`` would put a file outside the output folder.

        >>> oda_id(101, "Dokument"), oda_id("9010", "Fil")
        (101, 9010)
        >>> for bad in ("../../x", -1, True, None, "٣"):
        ...     try:
        ...         oda_id(bad, "Fil")
        ...     except BadId as error:
        ...         print(error)
        ODA gave Fil id '../../x', which is not a number; not downloaded
        ODA gave Fil id -1, which is not a number; not downloaded
        ODA gave Fil id True, which is not a number; not downloaded
        ODA gave Fil id None, which is not a number; not downloaded
        ODA gave Fil id '٣', which is not a number; not downloaded
    """
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not ODA_ID.fullmatch(text):
        shown = repr(value)
        shown = shown if len(shown) <= 60 else f"{shown[:57]}..."
        raise BadId(f"ODA gave {what} id {shown}, which is not a number; not downloaded")
    return int(text)


@dataclass(frozen=True)
class PdfFile:
    """A ``Fil`` row of variant P: the PDF of a document."""

    id: int
    url: str


@dataclass(frozen=True)
class RejectedFile:
    """A PDF ODA lists that is not downloaded (its id is no number): a failure line."""

    url: str
    error: FetchError


@dataclass(frozen=True)
class OdaDocument:
    """A ``Dokument`` row with what a record's provenance and the filters need."""

    id: int
    title: str | None
    type: str | None
    date: str | None
    updated: str
    pdf_files: list[PdfFile]
    committees: list[str] = field(default_factory=list)  # names, then short names
    ministries: list[str] = field(default_factory=list)
    rejected: list[RejectedFile] = field(default_factory=list)

    def provenance(self, pdf: PdfFile) -> OdaProvenance:
        """``source.oda`` for the record made from ``pdf``."""
        return OdaProvenance(dokument_id=self.id, title=self.title, type=self.type,
                             date=self.date, committee=first(self.committees),
                             ministry=first(self.ministries), file_url=pdf.url,
                             updated=self.updated, page_url=ft_page_url(pdf.url))


def first(names: list[str]) -> str | None:
    return names[0] if names else None


# ft.dk keeps a document's files in its page's folder: .../bilag/45/<file id>.pdf beside
# .../bilag/45/index.htm. ODA gives the file's address only, so the page is built from it.
FT_DOCUMENT_FILE = re.compile(r"^(https://www\.ft\.dk/samling/\d{5}/[^?#]+/)[^/?#]+\.pdf$",
                              re.IGNORECASE)


def ft_page_url(file_url: str) -> str | None:
    """The page on ft.dk of the document a file belongs to; None for a file elsewhere.

        >>> ft_page_url("https://www.ft.dk/samling/20201/almdel/fiu/bilag/45/2345678.pdf")
        'https://www.ft.dk/samling/20201/almdel/fiu/bilag/45/index.htm'
        >>> ft_page_url("http://127.0.0.1:8000/files/a.pdf") is None
        True
    """
    found = FT_DOCUMENT_FILE.match(file_url)
    return f"{found.group(1)}index.htm" if found else None


@dataclass(frozen=True)
class ResultPage:
    """One response of a query: its rows (``Dokument`` rows, for the documents' query);
    ``last`` when nothing follows it."""

    rows: list[dict]
    last: bool


def pdf_rows(row: dict) -> list[dict]:
    """The document's ``Fil`` rows of variant P with an address (the format field is not
    trusted: bytes are checked)."""
    files = row.get("Fil")
    return [fil for fil in files if isinstance(fil, dict)
            and str(fil.get("variantkode") or "").upper() == PDF_VARIANT
            and isinstance(fil.get("filurl"), str) and fil["filurl"]
            ] if isinstance(files, list) else []


def pdf_files(row: dict) -> tuple[list[PdfFile], list[RejectedFile]]:
    """The document's PDFs, and those whose id cannot name a file."""
    found, rejected = [], []
    for fil in pdf_rows(row):
        try:
            found.append(PdfFile(id=oda_id(fil.get("id"), "Fil"), url=fil["filurl"]))
        except BadId as error:
            rejected.append(RejectedFile(url=fil["filurl"], error=error))
    return found, rejected


def document_type(row: dict, lookups: Lookups | None) -> str | None:
    """A ``Dokument`` row's type by name: the expanded ``Dokumenttype``, else its ``typeid``."""
    expanded = row.get("Dokumenttype")
    kind = expanded.get("type") if isinstance(expanded, dict) else None
    if isinstance(kind, str):
        return kind
    return lookups.name_of(lookups.document_types, row.get("typeid")) if lookups else None


def odata_quote(value: str) -> str:
    """Percent-encode a query value as ODA's own links do: quotes and parentheses stay."""
    return quote(value, safe="'(),:")


def documents_url(base_url: str, since: str, type_ids: tuple[int, ...] = ()) -> str:
    """The incremental query: documents updated after ``since``, oldest first.

        >>> documents_url("https://oda.ft.dk/api/", "2026-10-04T10:05:00")
        ... # doctest: +NORMALIZE_WHITESPACE
        "https://oda.ft.dk/api/Dokument?$filter=opdateringsdato%20gt%20datetime'2026-10-04T10:05:00'&$orderby=opdateringsdato%20asc&$expand=Fil,Dokumenttype&$format=json"
    """
    condition = f"opdateringsdato gt datetime'{since}'"
    if type_ids:
        condition += " and (" + " or ".join(f"typeid eq {number}" for number in type_ids) + ")"
    query = {"$filter": condition, "$orderby": "opdateringsdato asc",
             "$expand": "Fil,Dokumenttype", "$format": "json"}
    return f"{base_url}Dokument?" + "&".join(f"{k}={odata_quote(v)}" for k, v in query.items())


def with_skip(url: str, skip: int) -> str:
    """``url`` continued at row ``skip``, for a full page that came without a nextLink."""
    return f"{url}&$skip={skip}"


def actor_names(actors: list[dict], lookups: Lookups, actor_type: str,
                preferred_roles: tuple[str, ...]) -> list[str]:
    """Names (then short names) of the actors of one type, those in a preferred role first."""
    type_id = lookups.actor_types.get(actor_type)
    role_ids = {lookups.roles[name] for name in preferred_roles if name in lookups.roles}
    chosen = [row for row in actors if (row.get("Aktør") or {}).get("typeid") == type_id]
    chosen.sort(key=lambda row: row.get("rolleid") not in role_ids)  # stable: preferred first
    names = [row["Aktør"].get("navn") for row in chosen]
    short = [row["Aktør"].get("gruppenavnkort") for row in chosen]
    return [name for name in dict.fromkeys(names + short) if name]
