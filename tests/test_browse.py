"""The store in Datasette: metadata, canned queries, and the pages in real headless Chromium.

``ministerbrev browse`` is started as a user would start it, on 127.0.0.1 and a
free port, and Chromium (Debian's package) loads the pages and dumps the DOM it
rendered.
"""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from pipeline.browse import CANNED_QUERIES, FACETS, datasette_app, metadata
from pipeline.store import TABLES, run_query
from tests.test_store import output_folder, three_letters

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory, seed_pdf) -> Path:
    """The seed letter through the real pipeline, two more letters made from it, and a failure."""
    from pipeline.process import process_file

    record = process_file(seed_pdf).record
    assert record is not None
    return output_folder(tmp_path_factory.mktemp("browse") / "out", three_letters(record))


def get_json(folder: Path, path: str) -> list[dict]:
    """One page of Datasette's JSON API, served in-process by the real app."""
    async def fetch():
        instance = datasette_app(folder)
        await instance.invoke_startup()
        response = await instance.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


# -- metadata and canned queries ----------------------------------------------------------------


def test_every_table_and_column_is_described_in_plain_words():
    tables = metadata()["databases"]["letters"]["tables"]
    for spec in TABLES:
        described = tables[spec.name]
        assert len(described["description"]) > 20
        assert set(described["columns"]) == set(spec.column_names)
        assert all(len(text) > 5 for text in described["columns"].values())


def test_facets_name_columns_the_tables_have(store_folder):
    for table, facets in FACETS.items():
        columns = {row[1] for row in run_query(store_folder, f"PRAGMA table_info({table})").rows}
        assert set(facets) <= columns, table
    assert {"ministry", "kind", "year"} <= set(FACETS["letters"])
    assert "currency" in FACETS["amounts"]


def test_the_letters_table_page_counts_facets_over_the_store(store_folder):
    page = get_json(store_folder, "/letters/letters.json?_facet_size=10")
    ministries = {item["value"]: item["count"]
                  for item in page["facet_results"]["ministry"]["results"]}
    assert ministries == {"Udlændinge- og Integrationsministeriet": 1, "Finansministeriet": 1,
                          "Justitsministeriet": 1}
    years = {item["value"]: item["count"] for item in page["facet_results"]["year"]["results"]}
    assert years == {2020: 1, 2021: 2}


CANNED_ANSWERS = [
    ("letters_per_ministry_and_year", {}, [
        {"ministry": "Udlændinge- og Integrationsministeriet", "year": 2020, "letters": 1},
        {"ministry": "Finansministeriet", "year": 2021, "letters": 1},
        {"ministry": "Justitsministeriet", "year": 2021, "letters": 1}]),
    ("amounts_above", {"limit": "50000000", "committee": "Finansudvalget", "year": "2021"},
     [{"raw": "120 mio. kr.", "value": 120_000_000},
      {"raw": "73,4 mio. kr.", "value": 73_400_000}]),
    ("recommendations_about", {"word": "familiebehandling"}, [
        {"ministry": "Udlændinge- og Integrationsministeriet"}, {"ministry": "Finansministeriet"}]),
    ("amounts_per_ministry_and_year", {}, [
        {"ministry": "Udlændinge- og Integrationsministeriet", "year": 2020, "amounts": 1},
        {"ministry": "Finansministeriet", "year": 2021, "amounts": 2}]),
    ("counts_of", {"lemma": "initiativ"},  # the seed letter's, and its copy's
     [{"value": 22, "qualifier": None}, {"value": 20, "qualifier": "gennemført som planlagt"}] * 2),
    ("amounts_in_other_currencies", {}, [{"raw": "5 mio. euro", "currency": "EUR"}]),
    ("answers_to_questions", {}, [{"ministry": "Justitsministeriet", "number": 12}]),
]


def test_every_canned_query_has_an_expected_answer_below():
    assert [name for name, _parameters, _expected in CANNED_ANSWERS] == list(CANNED_QUERIES)


@pytest.mark.parametrize(("name", "parameters", "expected"), CANNED_ANSWERS)
def test_each_canned_query_answers_its_question(store_folder, name, parameters, expected):
    found = get_json(store_folder, f"/letters/{name}.json?"
                                   + urlencode({**parameters, "_shape": "array"}))
    if name == "recommendations_about":
        assert all("»familiebehandling«" in row["recommendations"] for row in found)
        found = sorted(found, key=lambda row: row["ministry"], reverse=True)
    picked = [{key: row[key] for key in expected[0]} for row in found]
    assert picked == expected


# -- in the browser -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"browse exited: {server.communicate()[1]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"nothing served at {url} after {seconds} s")


@pytest.fixture(scope="module")
def served(store_folder):
    """``ministerbrev browse`` on 127.0.0.1 and a free port; yields the base URL."""
    port = free_port()
    cli = Path(sys.executable).with_name("ministerbrev")
    server = subprocess.Popen([str(cli), "browse", "--out", str(store_folder), "--port",
                               str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(f"{base}/-/versions.json", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(found).exists(), "chromium is missing: `make system` installs it"
    return found


def rendered(chromium: str, url: str, profile: Path) -> str:
    """The DOM headless Chromium builds for ``url``, after the page's own scripts ran."""
    done = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                           "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def section(dom: str, start: str, end: str) -> str:
    at = dom.index(start)
    return dom[at:dom.index(end, at)]


@pytest.mark.subprocess
def test_chromium_renders_the_ministry_and_year_facets(served, chromium, tmp_path):
    dom = rendered(chromium, f"{served}/letters/letters", tmp_path / "profile")
    ministries = section(dom, 'id="facet-ministry"', "</ul>")
    items = re.findall(r"<li><a [^>]*>([^<]+)</a>\s*(\d+)</li>", ministries)
    assert {(html.unescape(name), int(count)) for name, count in items} == {
        ("Udlændinge- og Integrationsministeriet", 1), ("Finansministeriet", 1),
        ("Justitsministeriet", 1)}
    years = section(dom, 'id="facet-year"', "</ul>")
    assert re.search(r">2021</a>\s*2</li>", years)
    assert "One row per letter" in dom  # the table's description from the metadata


@pytest.mark.subprocess
def test_chromium_renders_a_canned_query_with_its_rows(served, chromium, tmp_path):
    dom = rendered(chromium, f"{served}/letters/letters_per_ministry_and_year",
                   tmp_path / "profile")
    assert html.escape(CANNED_QUERIES["letters_per_ministry_and_year"]["title"]) in dom
    table = section(dom, '<table class="rows-and-columns">', "</table>")
    cells = re.findall(r'<td class="col-(\w+)">([^<]*)</td>', table)
    assert ("ministry", "Justitsministeriet") in cells
    assert [value for column, value in cells if column == "letters"] == ["1", "1", "1"]


@pytest.mark.subprocess
def test_chromium_renders_the_currency_facet_of_the_amounts(served, chromium, tmp_path):
    dom = rendered(chromium, f"{served}/letters/amounts", tmp_path / "profile")
    currencies = section(dom, 'id="facet-currency"', "</ul>")
    assert re.search(r">DKK</a>\s*\d+</li>", currencies)
    assert re.search(r">EUR</a>\s*1</li>", currencies)


def test_browse_without_a_store_says_what_to_run_first(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    out = tmp_path / "a folder whose name is long enough to pass the width of a terminal"
    result = CliRunner().invoke(app, ["browse", "--out", str(out)])
    assert result.exit_code == 1
    assert f"No store at {out / 'letters.sqlite'}: run `ministerbrev process` first" \
        in result.stderr
