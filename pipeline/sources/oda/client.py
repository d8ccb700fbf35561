"""Requests to ODA and its file hosts: https to configured hosts only, redirects checked
hop by hop, answers held to a size limit, a timeout per read and a deadline in all, 5xx
answers and timeouts retried with backoff; listings that run in a circle stopped.

    >>> with OdaClient(OdaSettings()) as client:  # doctest: +SKIP
    ...     client.lookups().document_types["Brev"]
    5
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

import httpx

from pipeline.sources.oda.deadline import Deadline
from pipeline.sources.oda.documents import (
    COMMITTEE_TYPE,
    MINISTRY_TYPE,
    RECIPIENT_ROLES,
    SENDER_ROLES,
    Lookups,
    OdaDocument,
    ResultPage,
    actor_names,
    document_type,
    documents_url,
    oda_id,
    odata_quote,
    parse_time,
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
SLOWEST_RATE = 256 * 2**10  # bytes a second: the largest file at this rate fits the deadline

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
    deadline: float | None = None  # seconds a download may take in all; None: derived

    @property
    def download_deadline(self) -> float:
        """Seconds one download may take in all, tries and redirects included: ``deadline``,
        or room for every try to time out, the waits between them, and the largest file at
        ``SLOWEST_RATE`` (a server that trickles its answer is cut off then).

            >>> OdaSettings().download_deadline  # 4 tries of 60 s, 2 + 4 + 8 s, 100 MiB
            654.0
        """
        if self.deadline is not None:
            return self.deadline
        waits = self.backoff * (2**self.retries - 1)
        return (self.retries + 1) * self.timeout + waits + self.max_bytes / SLOWEST_RATE


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
        # A connection for each request: the deadline can cut only a connection it saw opened.
        self.http = httpx.Client(
            timeout=self.settings.timeout, follow_redirects=False,  # each hop is checked here
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={"User-Agent": "ministerbrev"})

    def __enter__(self) -> OdaClient:
        return self

    def __exit__(self, *_exc) -> None:
        self.http.close()

    # -- raw requests --

    def fetch(self, url: str, accept: str = ACCEPT_JSON) -> bytes:
        """The body of ``url``, retried with backoff on 5xx answers and timeouts, all of it
        within the download's deadline (``DeadlineExceeded`` past it)."""
        with Deadline(url, self.settings.download_deadline) as deadline:
            for attempt in range(self.settings.retries + 1):
                try:
                    return self.fetch_once(url, accept, deadline)
                except Retryable as error:
                    if attempt == self.settings.retries:
                        tries = f"{attempt + 1} {'try' if attempt == 0 else 'tries'}"
                        raise Unreachable(url, f"{error.message}, {tries}") from None
                    delay = self.settings.backoff * 2**attempt
                    deadline.check(wait=delay)
                    log.warning("%s: %s; trying again in %.1f s", url, error.message, delay)
                    time.sleep(delay)
        raise AssertionError("unreachable")

    def fetch_once(self, url: str, accept: str, deadline: Deadline) -> bytes:
        """One try: redirects followed by hand, so every hop meets the rules."""
        for _hop in range(MAX_REDIRECTS + 1):
            check_url(url, self.settings)
            deadline.check()
            # No wait, connecting included, may run past the deadline.
            timeout = min(self.settings.timeout, deadline.remaining())
            try:
                with self.http.stream("GET", url, headers={"Accept": accept}, timeout=timeout,
                                      extensions={"trace": deadline.trace}) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    return self.body(url, response, deadline)
            except httpx.TimeoutException:
                raise deadline.exceeded() if deadline.passed() else Retryable("timed out") from None
            except httpx.TransportError as error:
                if deadline.passed():  # the deadline cut the connection
                    raise deadline.exceeded() from None
                # "[Errno 111] Connection refused" says it as "Connection refused"
                reason = re.sub(r"^\[Errno -?\d+\] ", "", str(error)) or type(error).__name__
                raise Retryable(f"connection failed: {reason}") from None
        raise FetchError("unreadable", f"{url}: more than {MAX_REDIRECTS} redirects")

    def body(self, url: str, response: httpx.Response, deadline: Deadline) -> bytes:
        """A 200 answer's bytes, at most ``max_bytes`` of them, before the deadline."""
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
            if deadline.passed():
                raise deadline.exceeded()
        if deadline.passed():  # cut: an answer without a length would look complete
            raise deadline.exceeded()
        return bytes(data)

    def get_json(self, url: str) -> dict:
        """An ODA answer as JSON; anything else stops the run (``OdaError``)."""
        try:
            answer = json.loads(self.fetch(url))
        except Unreachable as error:
            raise OdaError(f"could not reach {error.url}: {error.reason}") from None
        except Refused as error:
            raise OdaError(error.message) from None
        except FetchError as error:
            raise OdaError(f"could not read {error.message}") from None
        except ValueError:
            raise OdaError(f"{url} answered with something that is not JSON") from None
        if not isinstance(answer, dict):
            raise OdaError(f"{url} answered with JSON that is not an OData answer")
        return answer

    def pages(self, url: str) -> Iterator[ResultPage]:
        """Every response of a query: ``odata.nextLink`` as given, else ``$skip`` on a full page.

        A listing that runs in a circle stops with ``OdaError``: a next link back to a page
        already read, or a page of rows already had (a server that ignores ``$skip``)."""
        start, seen, visited, pages_had = url, 0, {url}, set()
        while True:
            answer = self.get_json(url)
            rows = result_rows(url, answer)
            seen += len(rows)
            next_link = answer.get("odata.nextLink")
            if not next_link and len(rows) >= self.settings.page_rows:
                next_link = with_skip(start, seen)
            if rows and fingerprint(rows) in pages_had:
                raise OdaError(f"{url} answered with a page it gave before again; "
                               "the listing was stopped")
            pages_had.add(fingerprint(rows))
            yield ResultPage(rows=rows, last=not next_link or not rows)
            if not next_link or not rows:
                return
            url = following_url(url, next_link, visited)

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
        """Pages of documents updated after ``since``; a row without a readable update time
        stops the listing, as the watermark is made of them."""
        for page in self.pages(documents_url(self.settings.base_url, since, type_ids)):
            for row in page.rows:
                check_update_time(row)
            yield page

    def actors(self, dokument_id: int) -> list[dict]:
        """The document's ``DokumentAktør`` rows, each with its ``Aktør``."""
        condition = odata_quote(f"dokumentid eq {dokument_id}")
        url = (f"{self.settings.base_url}{quote('DokumentAktør')}?$filter={condition}"
               "&$expand=Akt%C3%B8r&$format=json")
        return [row for page in self.pages(url) for row in page.rows]

    def document(self, row: dict, lookups: Lookups, with_actors: bool = True) -> OdaDocument:
        """A ``Dokument`` row (with ``Fil`` and ``Dokumenttype`` expanded) and its actors;
        ``BadId`` for a document whose id is not a number (it would name its files)."""
        dokument_id = oda_id(row.get("id"), "Dokument")
        actors = self.actors(dokument_id) if with_actors else []
        found, rejected = pdf_files(row)
        return OdaDocument(
            id=dokument_id, title=row.get("titel"), type=document_type(row, lookups),
            date=row.get("dato"), updated=row["opdateringsdato"], pdf_files=found,
            committees=actor_names(actors, lookups, COMMITTEE_TYPE, RECIPIENT_ROLES),
            ministries=actor_names(actors, lookups, MINISTRY_TYPE, SENDER_ROLES),
            rejected=rejected)

    def download_pdf(self, url: str) -> bytes:
        """A document's PDF; ``FetchError`` for a refused URL, an HTTP error, or not a PDF."""
        data = self.fetch(url, accept=ACCEPT_PDF)
        if not data.startswith(b"%PDF"):
            kind = "an empty answer" if not data else f"{data[:15]!r}..."
            raise FetchError("not_pdf", f"{url}: not a PDF (starts with {kind})")
        return data


def result_rows(url: str, answer: dict) -> list[dict]:
    """An answer's rows; anything but a list of objects stops the listing."""
    rows = answer.get("value") or []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise OdaError(f"{url} answered with a value that is not a list of rows")
    return rows


def fingerprint(rows: list[dict]) -> bytes:
    """A page's rows in a few bytes, to know a page seen before."""
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).digest()


def following_url(url: str, next_link: object, visited: set[str]) -> str:
    """The page after ``url``; a next link back to a page already read stops the listing."""
    if not isinstance(next_link, str):
        raise OdaError(f"{url} answered with a next link that is not an address")
    following = urljoin(url, next_link)
    if following in visited:
        raise OdaError(f"{url} gave a next link back to an earlier page ({following}); "
                       "the listing was stopped")
    visited.add(following)
    return following


def check_update_time(row: dict) -> None:
    """``OdaError`` for a document row without a readable ``opdateringsdato``."""
    try:
        parse_time(row["opdateringsdato"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise OdaError(f"ODA gave document {repr(row.get('id'))[:40]} without a readable "
                       "update time; the listing was stopped") from None


def too_large(url: str, size: int, limit: int) -> FetchError:
    return FetchError("too_large", f"{url}: more than {limit:,} bytes ({size:,}); "
                      "the download was stopped")
