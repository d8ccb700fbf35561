"""A fake of Folketinget's ODA API on 127.0.0.1, serving the JSON in ``tests/fixtures/oda/``.

It answers like ODA: JSON only when asked (``Accept: application/json``), at most
``PAGE_ROWS`` rows per response with an ``odata.nextLink`` (left out on the second
page, as a client must then go on with ``$skip``), ``$filter`` on ``opdateringsdato``,
``typeid`` and ``dokumentid``, and ``$expand`` of ``Aktør`` on ``DokumentAktør``. Files
come from ``corpus/letters/``, with a few that misbehave:

    missing.pdf             404
    notapdf.pdf             an HTML page, served as application/pdf
    flaky-<name>            500 the first time, then corpus/letters/<name>
    redirect-away.pdf       302 to a host nobody configured
    redirect-localhost.pdf  302 to http://localhost:<port>/... (loopback, but not configured)
    slow.pdf                answers after 2 s
    trickle.pdf             headers at once, then the body a byte every TRICKLE_SECONDS
    trickle-headers.pdf     the headers themselves a byte every TRICKLE_SECONDS

The first request for the second page of ``Dokument`` gets a 503.

A hostile ODA, for the hardening tests: ``extra_documents`` are ``Dokument`` rows served
beside the fixtures' (``{base}`` in them is the fake's address), and with ``cycle_back_to``
every page of ``Dokument`` has a next link, the last one's back to the page at that
``$skip`` (``PAGE_ROWS``: the second page's own link again; 0: the first page, by a link
the client never asked for).
A trickling answer stops when the client goes away, or after ``TRICKLE_LIMIT`` seconds.

    >>> with OdaFake() as oda:  # doctest: +SKIP
    ...     oda.base_url
    'http://127.0.0.1:40123/api/'
"""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "oda"
LETTERS = ROOT / "corpus" / "letters"
PAGE_ROWS = 3
TABLES = ("Dokumenttype", "Aktørtype", "DokumentAktørRolle")
TRICKLE_SECONDS = 0.2  # between two bytes of a trickling answer
TRICKLE_LIMIT = 120.0  # seconds a trickling answer goes on at most


class OdaFake:
    """The fake server, in a thread; ``requests`` lists (path with query, Accept header)."""

    def __init__(self, extra_documents: list[dict] | None = None,
                 cycle_back_to: int | None = None):
        self.extra_documents = json.dumps(extra_documents or [], ensure_ascii=False)
        self.cycle_back_to = cycle_back_to
        self.requests: list[tuple[str, str]] = []
        self.failed_once: set[str] = set()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler_class())
        self.root_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.base_url = f"{self.root_url}/api/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> OdaFake:
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def rows(self, table: str) -> list[dict]:
        text = (FIXTURES / f"{table}.json").read_text(encoding="utf-8")
        rows = json.loads(text.replace("{base}", self.root_url))["value"]
        if table == "Dokument":
            rows += json.loads(self.extra_documents.replace("{base}", self.root_url))
        return rows

    def first_time(self, key: str) -> bool:
        """True once per key: the first request of a misbehaving resource fails."""
        if key in self.failed_once:
            return False
        self.failed_once.add(key)
        return True

    def handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                fake.requests.append((self.path, self.headers.get("Accept", "")))
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                query = dict(parse_qsl(parts.query))
                if path.startswith("/files/"):
                    return self.file(path.removeprefix("/files/"))
                if self.headers.get("Accept") != "application/json":
                    return self.send(200, b"<feed>Atom</feed>", "application/atom+xml")
                return self.api(path.removeprefix("/api/"), query)

            def api(self, table: str, query: dict) -> None:
                # Pages of these come without a nextLink: the client goes on by $skip.
                skip = int(query.get("$skip", 0))
                if table in TABLES:
                    return self.json({"value": fake.rows(table)[skip:skip + PAGE_ROWS]})
                if table == "DokumentAktør":
                    return self.json({"value": document_actors(fake, query)[skip:skip + PAGE_ROWS]})
                if table == "Dokument":
                    return self.documents(query)
                return self.send(404, b"{}", "application/json")

            def documents(self, query: dict) -> None:
                skip = int(query.get("$skip", 0))
                if skip == PAGE_ROWS and fake.first_time(f"page-{query}"):
                    return self.send(503, b"Service Unavailable", "text/plain")
                rows = sorted(filtered_documents(fake, query.get("$filter", "")),
                              key=update_time)
                page = rows[skip:skip + PAGE_ROWS]
                answer = {"odata.metadata": f"{fake.base_url}$metadata#Dokument", "value": page}
                if fake.cycle_back_to is not None:  # the last page leads back
                    following = (skip + PAGE_ROWS if skip + PAGE_ROWS < len(rows)
                                 else fake.cycle_back_to)
                    answer["odata.nextLink"] = next_link(fake, query, following)
                elif skip + PAGE_ROWS < len(rows) and skip != PAGE_ROWS:
                    answer["odata.nextLink"] = next_link(fake, query, skip + PAGE_ROWS)
                self.json(answer)

            def file(self, name: str) -> None:
                if name == "missing.pdf":
                    return self.send(404, b"<html>Not found</html>", "text/html")
                if name == "notapdf.pdf":
                    return self.send(200, b"<html><body>Siden findes ikke</body></html>",
                                     "application/pdf")
                if name == "redirect-away.pdf":
                    return self.redirect("https://evil.example.org/x.pdf")
                if name == "redirect-localhost.pdf":
                    port = fake.server.server_address[1]
                    return self.redirect(f"http://localhost:{port}/files/"
                                         "uim-2020-11-04-handlingsplan.pdf")
                if name == "slow.pdf":
                    time.sleep(2)
                if name == "trickle.pdf":
                    return self.trickle_body()
                if name == "trickle-headers.pdf":
                    return self.trickle_headers()
                if name.startswith("flaky-"):
                    if fake.first_time(name):
                        return self.send(500, b"Internal Server Error", "text/plain")
                    name = name.removeprefix("flaky-")
                letter = LETTERS / Path(name).name
                if not letter.is_file():
                    return self.send(404, b"<html>Not found</html>", "text/html")
                self.send(200, letter.read_bytes(), "application/pdf")

            def trickle_body(self) -> None:
                """A PDF's headers at once (no length: the body ends when the connection does),
                then its body a byte at a time, never finished."""
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.end_headers()
                self.trickle(b"%PDF-1.4\n" + b"%" * 1000000)

            def trickle_headers(self) -> None:
                """A status line, then a header a byte at a time, never finished."""
                self.trickle(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000000)

            def trickle(self, data: bytes) -> None:
                """``data`` a byte every TRICKLE_SECONDS, until the client goes away."""
                ends = time.monotonic() + TRICKLE_LIMIT
                self.close_connection = True
                try:
                    for byte in data:
                        if time.monotonic() > ends:
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(TRICKLE_SECONDS)
                except OSError:  # the client cut the connection
                    return

            def redirect(self, location: str) -> None:
                self.send_response(302)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def json(self, answer: dict) -> None:
                self.send(200, json.dumps(answer, ensure_ascii=False).encode(),
                          "application/json;odata=minimalmetadata;charset=utf-8")

            def send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def update_time(row: dict) -> datetime:
    """A row's update time; a row without a readable one comes after every other."""
    try:
        return datetime.fromisoformat(row["opdateringsdato"])
    except (KeyError, TypeError, ValueError):
        return datetime.max


def filtered_documents(fake: OdaFake, condition: str) -> list[dict]:
    """The documents a ``$filter`` of ODA's incremental query lets through."""
    rows = fake.rows("Dokument")
    since = re.search(r"opdateringsdato gt datetime'([^']+)'", condition)
    if since:
        after = datetime.fromisoformat(since.group(1))
        rows = [row for row in rows if update_time(row) > after]
    type_ids = {int(number) for number in re.findall(r"typeid eq (\d+)", condition)}
    return [row for row in rows if not type_ids or row["typeid"] in type_ids]


def document_actors(fake: OdaFake, query: dict) -> list[dict]:
    """``DokumentAktør`` rows of one document, each with its ``Aktør`` expanded (none for
    an id the fixtures do not have, whatever it is)."""
    [dokument_id] = re.findall(r"dokumentid eq (\S+)", query.get("$filter", ""))
    actors = {row["id"]: row for row in fake.rows("Aktør")}
    return [{**row, "Aktør": actors[row["aktørid"]]} for row in fake.rows("DokumentAktør")
            if str(row["dokumentid"]) == dokument_id]


def next_link(fake: OdaFake, query: dict, skip: int) -> str:
    """ODA's form of a next link: the same query, absolute, with ``$skip``."""
    kept = [(key, value) for key, value in query.items() if key != "$skip"]
    encoded = "&".join(f"{key}={quote(value, safe=chr(39) + '(),:')}" for key, value in kept)
    return f"{fake.base_url}Dokument?{encoded}&$skip={skip}"
