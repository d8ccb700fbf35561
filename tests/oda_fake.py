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

The first request for the second page of ``Dokument`` gets a 503.

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


class OdaFake:
    """The fake server, in a thread; ``requests`` lists (path with query, Accept header)."""

    def __init__(self):
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
        return json.loads(text.replace("{base}", self.root_url))["value"]

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
                              key=lambda row: datetime.fromisoformat(row["opdateringsdato"]))
                page = rows[skip:skip + PAGE_ROWS]
                answer = {"odata.metadata": f"{fake.base_url}$metadata#Dokument", "value": page}
                if skip + PAGE_ROWS < len(rows) and skip != PAGE_ROWS:
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
                if name.startswith("flaky-"):
                    if fake.first_time(name):
                        return self.send(500, b"Internal Server Error", "text/plain")
                    name = name.removeprefix("flaky-")
                letter = LETTERS / Path(name).name
                if not letter.is_file():
                    return self.send(404, b"<html>Not found</html>", "text/html")
                self.send(200, letter.read_bytes(), "application/pdf")

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


def filtered_documents(fake: OdaFake, condition: str) -> list[dict]:
    """The documents a ``$filter`` of ODA's incremental query lets through."""
    rows = fake.rows("Dokument")
    since = re.search(r"opdateringsdato gt datetime'([^']+)'", condition)
    if since:
        after = datetime.fromisoformat(since.group(1))
        rows = [row for row in rows if datetime.fromisoformat(row["opdateringsdato"]) > after]
    type_ids = {int(number) for number in re.findall(r"typeid eq (\d+)", condition)}
    return [row for row in rows if not type_ids or row["typeid"] in type_ids]


def document_actors(fake: OdaFake, query: dict) -> list[dict]:
    """``DokumentAktør`` rows of one document, each with its ``Aktør`` expanded."""
    [dokument_id] = re.findall(r"dokumentid eq (\d+)", query.get("$filter", ""))
    actors = {row["id"]: row for row in fake.rows("Aktør")}
    return [{**row, "Aktør": actors[row["aktørid"]]} for row in fake.rows("DokumentAktør")
            if row["dokumentid"] == int(dokument_id)]


def next_link(fake: OdaFake, query: dict, skip: int) -> str:
    """ODA's form of a next link: the same query, absolute, with ``$skip``."""
    kept = [(key, value) for key, value in query.items() if key != "$skip"]
    encoded = "&".join(f"{key}={quote(value, safe=chr(39) + '(),:')}" for key, value in kept)
    return f"{fake.base_url}Dokument?{encoded}&$skip={skip}"
