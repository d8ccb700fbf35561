"""Folketinget's open data (ODA, OData v3 at https://oda.ft.dk/api/): documents updated since a
watermark, their actors, and their PDFs.

    >>> client = OdaClient(OdaSettings())  # doctest: +SKIP
    >>> follow = Follow(types=("Brev",), committees=("Finansudvalget",))  # doctest: +SKIP
    >>> follow = follow.resolve(client.lookups())  # doctest: +SKIP
    >>> for page in client.document_pages("2026-10-04T10:05:00", follow.type_ids):
    ... # doctest: +SKIP
    ...     documents = [client.document(row, follow.lookups) for row in page.rows]
    ...     data = client.download_pdf(documents[0].pdf_files[0].url)

What ODA is known to do, and what is done about it:

- It answers in Atom XML unless asked for JSON: every request sends ``Accept:
  application/json`` and ``$format=json``.
- A response holds at most 100 rows. ``odata.nextLink`` is followed exactly as
  given; a full page without one is continued with ``$skip``.
- Times are Danish local time with no zone, with or without milliseconds. They
  are compared as such and written back in the same form.
- Lookup tables (``Dokumenttype``, ``Aktørtype``, ``DokumentAktørRolle``) are read
  by name: their ids are ODA's to change.
- ``Fil.variantkode`` "P" is the PDF, but ``Fil.format`` can be wrong: the bytes
  must start with ``%PDF``.

Every request goes to an ``https`` URL on a configured host (ODA and www.ft.dk by
default), redirects included; answers are held to a size limit and a timeout,
and 5xx answers and timeouts are retried with backoff. A file that cannot be had
raises ``FetchError`` with a failure code, for the caller to write as a failure line.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote, urljoin, urlsplit
from zoneinfo import ZoneInfo

import httpx

from models.record import OdaProvenance

DEFAULT_BASE_URL = "https://oda.ft.dk/api/"
DEFAULT_HOSTS = ("oda.ft.dk", "www.ft.dk")
PAGE_ROWS = 100  # ODA's most rows per response
MAX_REDIRECTS = 5
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
DANISH_TIME = ZoneInfo("Europe/Copenhagen")

# Names in ODA's lookup tables; the ids behind them are looked up at run time.
COMMITTEE_TYPE = "Udvalg"
MINISTRY_TYPE = "Ministerområde"
RECIPIENT_ROLES = ("Modtager", "Til")
SENDER_ROLES = ("Afsender", "Fra")
PDF_VARIANT = "P"
ACCEPT_JSON = "application/json"  # without it ODA answers in Atom XML
ACCEPT_PDF = "application/pdf, */*"

log = logging.getLogger("ministerbrev")


@dataclass(frozen=True)
class OdaSettings:
    """Where ODA is and what a download may do.

    ``allow_loopback_http`` lets plain http through to 127.0.0.1/localhost only: for a
    local test or development server, never for a remote host.

        >>> OdaSettings().allowed_hosts
        ('oda.ft.dk', 'www.ft.dk')
    """

    base_url: str = DEFAULT_BASE_URL
    allowed_hosts: tuple[str, ...] = DEFAULT_HOSTS
    max_bytes: int = 100 * 2**20  # a letter with annexes is a few MiB
    timeout: float = 60.0  # seconds per request (connect, and between bytes read)
    retries: int = 3  # further tries after a 5xx answer or a timeout
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    page_rows: int = PAGE_ROWS
    allow_loopback_http: bool = False


class OdaError(Exception):
    """ODA itself could not be read (after retries): the run stops, the watermark stays."""


class FetchError(Exception):
    """A URL could not be had; ``code`` is a failure code ('unreadable', 'not_pdf', ...)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class Refused(FetchError):
    """The URL breaks the download rules (not https, or a host not configured)."""

    def __init__(self, message: str):
        super().__init__("unreadable", message)


class Retryable(FetchError):
    """A 5xx answer, a timeout or a dropped connection: worth another try."""

    def __init__(self, message: str):
        super().__init__("unreadable", message)


def check_url(url: str, settings: OdaSettings) -> None:
    """Refuse a URL that is not https on a configured host.

        >>> try:
        ...     check_url("http://www.ft.dk/a.pdf", OdaSettings())
        ... except Refused as error:
        ...     print(error)
        refused http://www.ft.dk/a.pdf: only https is allowed
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    loopback_http = (settings.allow_loopback_http and parts.scheme == "http"
                     and host in LOOPBACK_HOSTS)
    if parts.scheme != "https" and not loopback_http:
        raise Refused(f"refused {url}: only https is allowed")
    if host not in {allowed.lower() for allowed in settings.allowed_hosts}:
        raise Refused(f"refused {url}: {host or 'no host'} is not an allowed host "
                      f"({', '.join(settings.allowed_hosts)})")


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
        raise OdaError(f"ODA has no {what} {name!r} (known: {', '.join(sorted(table))})")

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


@dataclass(frozen=True)
class PdfFile:
    """A ``Fil`` row of variant P: the PDF of a document."""

    id: int
    url: str


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

    def provenance(self, pdf: PdfFile) -> OdaProvenance:
        """``source.oda`` for the record made from ``pdf``."""
        return OdaProvenance(dokument_id=self.id, title=self.title, type=self.type,
                             date=self.date, committee=first(self.committees),
                             ministry=first(self.ministries), file_url=pdf.url,
                             updated=self.updated)


def first(names: list[str]) -> str | None:
    return names[0] if names else None


@dataclass(frozen=True)
class Page:
    """One response of ``Dokument`` rows; ``last`` when nothing follows it."""

    rows: list[dict]
    last: bool


def pdf_files(row: dict) -> list[PdfFile]:
    """The document's files of variant P (the format field is not trusted: bytes are checked)."""
    return [PdfFile(id=fil["id"], url=fil["filurl"]) for fil in row.get("Fil") or []
            if (fil.get("variantkode") or "").upper() == PDF_VARIANT and fil.get("filurl")]


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


# -- the client -------------------------------------------------------------------------------


class OdaClient:
    """Requests to ODA and its file hosts, under ``OdaSettings``' rules.

        >>> with OdaClient(OdaSettings()) as client:  # doctest: +SKIP
        ...     client.lookups().document_types["Brev"]
        5
    """

    def __init__(self, settings: OdaSettings | None = None):
        self.settings = settings or OdaSettings()
        self.http = httpx.Client(
            timeout=self.settings.timeout, follow_redirects=False,  # each hop is checked here
            headers={"User-Agent": "ministerbrev"})

    def __enter__(self) -> OdaClient:
        return self

    def __exit__(self, *_exc) -> None:
        self.http.close()

    # -- raw requests --

    def fetch(self, url: str, accept: str = ACCEPT_JSON) -> bytes:
        """The body of ``url``, retried with backoff on 5xx answers and timeouts."""
        for attempt in range(self.settings.retries + 1):
            try:
                return self.fetch_once(url, accept)
            except Retryable as error:
                if attempt == self.settings.retries:
                    raise FetchError("unreadable", f"{url}: {error.message}, "
                                     f"{attempt + 1} tries") from None
                delay = self.settings.backoff * 2**attempt
                log.warning("%s: %s; trying again in %.1f s", url, error.message, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")

    def fetch_once(self, url: str, accept: str) -> bytes:
        """One try: redirects followed by hand, so every hop meets the rules."""
        for _hop in range(MAX_REDIRECTS + 1):
            check_url(url, self.settings)
            try:
                with self.http.stream("GET", url, headers={"Accept": accept}) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    return self.body(url, response)
            except httpx.TimeoutException:
                raise Retryable("timed out") from None
            except httpx.TransportError as error:
                raise Retryable(f"connection failed ({type(error).__name__})") from None
        raise FetchError("unreadable", f"{url}: more than {MAX_REDIRECTS} redirects")

    def body(self, url: str, response: httpx.Response) -> bytes:
        """A 200 answer's bytes, at most ``max_bytes`` of them."""
        if response.status_code >= 500:
            raise Retryable(f"HTTP {response.status_code}")
        if response.status_code != 200:
            raise FetchError("unreadable", f"{url}: HTTP {response.status_code}")
        declared = int(response.headers.get("content-length") or 0)
        if declared > self.settings.max_bytes:
            raise too_large(url, declared, self.settings.max_bytes)
        data = bytearray()
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) > self.settings.max_bytes:
                raise too_large(url, len(data), self.settings.max_bytes)
        return bytes(data)

    def get_json(self, url: str) -> dict:
        """An ODA answer as JSON; anything else stops the run (``OdaError``)."""
        try:
            return json.loads(self.fetch(url))
        except FetchError as error:
            raise OdaError(f"ODA could not be read: {error.message}") from None
        except ValueError:
            raise OdaError(f"ODA answered {url} with something that is not JSON") from None

    def pages(self, url: str) -> Iterator[Page]:
        """Every response of a query: ``odata.nextLink`` as given, else ``$skip`` on a full page."""
        start, seen, previous = url, 0, None
        while True:
            answer = self.get_json(url)
            rows = answer.get("value") or []
            seen += len(rows)
            next_link = answer.get("odata.nextLink")
            if not next_link and len(rows) >= self.settings.page_rows:
                next_link = with_skip(start, seen)
            if rows and rows == previous:  # a server that ignores $skip would loop forever
                raise OdaError(f"ODA answered {url} with the page before it again")
            yield Page(rows=rows, last=not next_link or not rows)
            if not next_link or not rows:
                return
            url, previous = urljoin(url, next_link), rows

    def table(self, name: str) -> list[dict]:
        return [row for page in self.pages(f"{self.settings.base_url}{quote(name)}?$format=json")
                for row in page.rows]

    # -- ODA's entities --

    def lookups(self) -> Lookups:
        """The three lookup tables, by name."""
        return Lookups(
            document_types={row["type"]: row["id"] for row in self.table("Dokumenttype")},
            actor_types={row["type"]: row["id"] for row in self.table("Aktørtype")},
            roles={row["rolle"]: row["id"] for row in self.table("DokumentAktørRolle")},
        )

    def document_pages(self, since: str, type_ids: tuple[int, ...] = ()) -> Iterator[Page]:
        return self.pages(documents_url(self.settings.base_url, since, type_ids))

    def actors(self, dokument_id: int) -> list[dict]:
        """The document's ``DokumentAktør`` rows, each with its ``Aktør``."""
        condition = odata_quote(f"dokumentid eq {dokument_id}")
        url = (f"{self.settings.base_url}{quote('DokumentAktør')}?$filter={condition}"
               "&$expand=Akt%C3%B8r&$format=json")
        return [row for page in self.pages(url) for row in page.rows]

    def document(self, row: dict, lookups: Lookups, with_actors: bool = True) -> OdaDocument:
        """A ``Dokument`` row (with ``Fil`` and ``Dokumenttype`` expanded) and its actors."""
        kind = (row.get("Dokumenttype") or {}).get("type") or lookups.name_of(
            lookups.document_types, row.get("typeid"))
        actors = self.actors(row["id"]) if with_actors else []
        return OdaDocument(
            id=row["id"], title=row.get("titel"), type=kind, date=row.get("dato"),
            updated=row["opdateringsdato"], pdf_files=pdf_files(row),
            committees=actor_names(actors, lookups, COMMITTEE_TYPE, RECIPIENT_ROLES),
            ministries=actor_names(actors, lookups, MINISTRY_TYPE, SENDER_ROLES))

    def download_pdf(self, url: str) -> bytes:
        """A document's PDF; ``FetchError`` for a refused URL, an HTTP error, or not a PDF."""
        data = self.fetch(url, accept=ACCEPT_PDF)
        if not data.startswith(b"%PDF"):
            kind = "an empty answer" if not data else f"{data[:15]!r}..."
            raise FetchError("not_pdf", f"{url}: not a PDF (starts with {kind})")
        return data


def too_large(url: str, size: int, limit: int) -> FetchError:
    return FetchError("too_large", f"{url}: more than {limit:,} bytes ({size:,}); "
                      "the download was stopped")


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
