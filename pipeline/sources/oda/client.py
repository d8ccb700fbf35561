"""Requests to ODA and its file hosts: https to configured hosts only, redirects checked
hop by hop, answers held to a size limit and a timeout, 5xx answers and timeouts retried
with backoff.

    >>> with OdaClient(OdaSettings()) as client:  # doctest: +SKIP
    ...     client.lookups().document_types["Brev"]
    5
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

import httpx

from pipeline.sources.oda.documents import (
    COMMITTEE_TYPE,
    MINISTRY_TYPE,
    RECIPIENT_ROLES,
    SENDER_ROLES,
    Lookups,
    OdaDocument,
    ResultPage,
    actor_names,
    documents_url,
    odata_quote,
    pdf_files,
    with_skip,
)
from pipeline.sources.oda.errors import FetchError, OdaError, Refused, Retryable, Unreachable

DEFAULT_BASE_URL = "https://oda.ft.dk/api/"
DEFAULT_HOSTS = ("oda.ft.dk", "www.ft.dk")
PAGE_ROWS = 100  # ODA's most rows per response
MAX_REDIRECTS = 5
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
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
                    tries = f"{attempt + 1} {'try' if attempt == 0 else 'tries'}"
                    raise Unreachable(url, f"{error.message}, {tries}") from None
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
                # "[Errno 111] Connection refused" says it as "Connection refused"
                reason = re.sub(r"^\[Errno -?\d+\] ", "", str(error)) or type(error).__name__
                raise Retryable(f"connection failed: {reason}") from None
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
        except Unreachable as error:
            raise OdaError(f"could not reach {error.url}: {error.reason}") from None
        except Refused as error:
            raise OdaError(error.message) from None
        except FetchError as error:
            raise OdaError(f"could not read {error.message}") from None
        except ValueError:
            raise OdaError(f"{url} answered with something that is not JSON") from None

    def pages(self, url: str) -> Iterator[ResultPage]:
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
                raise OdaError(f"{url} answered with the page before it again")
            yield ResultPage(rows=rows, last=not next_link or not rows)
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

    def document_pages(self, since: str, type_ids: tuple[int, ...] = ()) -> Iterator[ResultPage]:
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
