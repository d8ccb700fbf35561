"""A hostile ODA cannot write outside the output folder nor hold a run for ever.

The remote API is the fake in ``tests/oda_fake.py`` on 127.0.0.1, here with rows of its own:
ids that are no numbers (``../../../../x``, an absolute path), a PDF that trickles a byte at
a time (its body, or its very headers), and next links that lead back to an earlier page.
Everything on our side is real: the client, the run's steps, the flow and the command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from oda_fake import PAGE_ROWS, OdaFake

from pipeline.sources.oda import (
    DeadlineExceeded,
    FetchError,
    Follow,
    OdaClient,
    OdaError,
    OdaSettings,
)
from pipeline.sources.oda.documents import ResultPage
from pipeline.sources.oda.steps import PageDownloads, download_page

CLI = Path(sys.executable).with_name("ministerbrev")
SINCE = "2026-10-02T00:00:00"
ONLY_EXTRA = "2026-10-06T00:00:00"  # after every fixture document: only the rows made here
GOOD_LETTER = "uim-2020-11-04-handlingsplan.pdf"
OTHER_LETTER = "bm-2014-03-27-jobrotation.pdf"
ESCAPING_ID = "../../../../escaped"  # from OUT/oda, four levels up: outside OUT


def document(dokument_id: object, *files: tuple[object, str], minute: int = 0) -> dict:
    """A ``Dokument`` row of type Brev, updated after ONLY_EXTRA, with PDFs (id, file name)."""
    return {
        "id": dokument_id, "typeid": 41, "titel": "Brev fra en fjendtlig server",
        "dato": "2026-10-06T00:00:00", "opdateringsdato": f"2026-10-06T08:{minute:02d}:00",
        "Dokumenttype": {"id": 41, "type": "Brev"},
        "Fil": [{"id": file_id, "dokumentid": dokument_id, "filurl": f"{{base}}/files/{name}",
                 "variantkode": "P", "format": "pdf"} for file_id, name in files],
    }


def hostile_documents(absolute_target: Path) -> list[dict]:
    """Rows whose ids would name files outside the output folder, beside a good one. Each
    refused file has an address of its own (a failure line is kept per address)."""
    return [
        document(201, (ESCAPING_ID, f"{GOOD_LETTER}?1"), (9201, OTHER_LETTER), minute=1),
        document(ESCAPING_ID, (9202, f"{GOOD_LETTER}?2"), minute=2),
        document(str(absolute_target), (9203, f"{GOOD_LETTER}?3"), minute=3),
        document(204, (True, f"{GOOD_LETTER}?4"), ("9204x", f"{GOOD_LETTER}?5"),
                 (-9, f"{GOOD_LETTER}?6"), minute=4),
    ]


def fake_settings(fake: OdaFake, **changes) -> OdaSettings:
    settings = {"base_url": fake.base_url, "allowed_hosts": ("127.0.0.1",),
                "allow_loopback_http": True, "page_rows": PAGE_ROWS, "backoff": 0.01,
                "timeout": 10}
    return OdaSettings(**{**settings, **changes})


def files_outside(top: Path, out: Path) -> list[Path]:
    """Every file and folder under ``top`` that is not ``out`` or under it."""
    return sorted(path for path in top.rglob("*")
                  if path != out and not path.is_relative_to(out) and not out.is_relative_to(path))


def download_all(fake: OdaFake, root: Path, since: str = ONLY_EXTRA) -> PageDownloads:
    """The run's download step over every page of documents of type Brev since ``since``."""
    everything = PageDownloads()
    with OdaClient(fake_settings(fake)) as client:
        follow = Follow(types=("Brev",)).resolve(client.lookups())
        for page in client.document_pages(since, follow.type_ids):
            downloads = download_page(client, page, follow, root, lambda _sha256: False)
            everything.todo.update(downloads.todo)
            everything.failures += downloads.failures
    return everything


# -- ids that are no numbers -------------------------------------------------------------------


def test_ids_that_are_no_numbers_are_failure_lines_and_write_nothing_outside(tmp_path):
    out = tmp_path / "a" / "b" / "out"
    target = tmp_path / "absolute"
    with OdaFake(hostile_documents(target)) as fake:
        downloads = download_all(fake, out)
    assert sorted(Path(path).name for path in downloads.todo) == ["201-9201.pdf"]
    assert files_outside(tmp_path, out) == []
    assert sorted(path.name for path in (out / "oda").iterdir()) == ["201-9201.pdf"]
    failures = [outcome.failure for outcome in downloads.failures]
    assert {failure.error for failure in failures} == {"unreadable"}
    assert len(failures) == 6  # 201's bad file, 202 and 203 whole, 204's three files
    assert all("which is not a number; not downloaded" in f.message for f in failures)
    messages = " ".join(f.message for f in failures)
    assert f"ODA gave Fil id {ESCAPING_ID!r}" in messages
    assert f"ODA gave Dokument id {ESCAPING_ID!r}" in messages
    assert f"ODA gave Dokument id '{str(target)[:40]}" in messages  # shortened if long
    for bad in ("True", "'9204x'", "-9"):
        assert f"ODA gave Fil id {bad}," in messages


def test_a_document_whose_id_is_no_number_is_never_asked_about(tmp_path):
    """Its id would go into the query for its actors as it is: it is not sent at all."""
    with OdaFake([document("1 or 1 eq 1", (9301, GOOD_LETTER))]) as fake:
        downloads = download_all(fake, tmp_path / "out")
    assert [outcome.failure.error for outcome in downloads.failures] == ["unreadable"]
    assert not any("dokumentid" in path for path, _accept in fake.requests)
    assert not (tmp_path / "out" / "oda").exists()


@pytest.mark.parametrize("updated", [None, "last tuesday", 17])
def test_a_document_without_a_readable_update_time_stops_the_listing(updated):
    """The watermark is made of update times: a listing with a row ODA gave none for
    stops with the reason (before, the run stopped on a KeyError or a TypeError)."""
    row = {key: value for key, value in document(401, (9401, GOOD_LETTER)).items()
           if key != "opdateringsdato" or updated is not None}
    if updated is not None:
        row["opdateringsdato"] = updated
    with (OdaFake([row]) as fake, OdaClient(fake_settings(fake)) as client,
          pytest.raises(OdaError, match="ODA gave document 401 without a readable update")):
        list(client.document_pages(ONLY_EXTRA))


def test_an_oda_folder_that_leads_outside_is_refused_as_the_second_guard(tmp_path):
    """Good ids, but ``OUT/oda`` is a link to a folder elsewhere: nothing is written there."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "oda").symlink_to(elsewhere)
    with OdaFake([document(201, (9201, GOOD_LETTER))]) as fake:
        downloads = download_all(fake, out)
    assert downloads.todo == {}
    [failure] = [outcome.failure for outcome in downloads.failures]
    assert failure.error == "unreadable"
    assert "outside the output folder" in failure.message and "not downloaded" in failure.message
    assert list(elsewhere.iterdir()) == []
    assert not any(path.startswith("/files/") for path, _accept in fake.requests)


# -- a server that trickles --------------------------------------------------------------------


def deadline_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "oda-deadline"]


@pytest.mark.parametrize("name", ["trickle.pdf", "trickle-headers.pdf"])
def test_a_download_that_trickles_is_cut_at_its_deadline(name):
    """A byte every 0.2 s never meets the 10 s timeout between bytes; the deadline in all
    ends the download, in the body or in the headers alike, and is not tried again."""
    with (OdaFake() as fake, OdaClient(fake_settings(fake, deadline=2, retries=2)) as client,
          pytest.raises(DeadlineExceeded) as cut):
        client.download_pdf(f"{fake.root_url}/files/{name}")
    assert cut.value.code == "unreadable"
    assert cut.value.message == (f"{fake.root_url}/files/{name}: the download took longer "
                                 "than 2 s in all; it was stopped")
    assert [path for path, _accept in fake.requests] == [f"/files/{name}"]  # one try only
    for thread in deadline_threads():
        thread.join(timeout=5)
    assert deadline_threads() == []  # no timer outlives its download


def test_the_deadline_needs_no_setting_of_its_own():
    """Derived from the timeout, the tries and the largest download: 5 s, one try, 256 KiB."""
    settings = OdaSettings(timeout=5, retries=0, max_bytes=256 * 2**10)
    assert settings.download_deadline == 6.0
    with OdaFake() as fake:
        derived = fake_settings(fake, timeout=5, retries=0, max_bytes=256 * 2**10)
        with OdaClient(derived) as client, pytest.raises(FetchError, match="longer than 6 s"):
            client.download_pdf(f"{fake.root_url}/files/trickle.pdf")


def test_a_listing_is_held_to_the_deadline_too():
    """ODA's own pages trickling stop the run, with the reason."""
    with (OdaFake() as fake, OdaClient(fake_settings(fake, deadline=1)) as client,
          pytest.raises(OdaError, match="took longer than 1 s in all")):
        client.get_json(f"{fake.root_url}/files/trickle.pdf")


# -- next links that run in a circle -----------------------------------------------------------


def pages_until_stopped(client: OdaClient, most: int = 50) -> list[ResultPage]:
    """The listing's pages, at most ``most`` of them: a listing still going then is a loop."""
    pages = []
    for page in client.document_pages(SINCE):
        pages.append(page)
        assert len(pages) < most, "the listing went on in a circle"
    return pages


def test_a_next_link_back_to_an_earlier_page_ends_the_listing():
    with (OdaFake(cycle_back_to=PAGE_ROWS) as fake, OdaClient(fake_settings(fake)) as client,
          pytest.raises(OdaError, match="gave a next link back to an earlier page")):
        pages_until_stopped(client)
    first = [path for path, _accept in fake.requests if path.startswith("/api/Dokument?")]
    assert len(first) == len(set(first)) + 1  # only the 503 asked a page twice


def test_a_link_to_a_page_already_read_by_another_address_ends_the_listing():
    """The last page leads to the first by ``$skip=0``, an address not asked before: the
    rows give it away."""
    with (OdaFake(cycle_back_to=0) as fake, OdaClient(fake_settings(fake)) as client,
          pytest.raises(OdaError, match="answered with a page it gave before again")):
        pages_until_stopped(client)


# -- through the command ---------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, env=env,
                          timeout=300)


def oda_command(fake: OdaFake, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_cli("oda", "--out", str(out), "--base-url", fake.base_url,
                   "--allow-host", "127.0.0.1", "--allow-loopback-http", "--type", "Brev",
                   *extra)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """``ministerbrev oda`` over hostile rows, a trickling PDF and one good letter:
    (the finished process, the output folder, the folder around it)."""
    top = tmp_path_factory.mktemp("hostile")
    out = top / "a" / "b" / "out"
    rows = [*hostile_documents(top / "absolute"),
            document(205, (9205, "trickle.pdf"), minute=5)]
    with OdaFake(rows) as fake:
        # two tries of 3 s, 2 s between them, at most 1 MiB: a download's deadline is 12 s
        result = oda_command(fake, out, "--since", ONLY_EXTRA, "--timeout", "3",
                             "--retries", "1", "--max-download-mb", "1")
    return result, out, top


@pytest.mark.subprocess
@pytest.mark.prefect
def test_the_command_writes_nothing_outside_out_and_the_run_goes_on(hostile_run):
    result, out, top = hostile_run
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert files_outside(top, out) == []
    records = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    assert [record["source"]["oda"]["dokument_id"] for record in records] == [201]
    saved = sorted(path.name for path in (out / "oda").iterdir() if not path.name.startswith("."))
    assert saved == ["201-9201.pdf"]


@pytest.mark.subprocess
@pytest.mark.prefect
def test_the_command_writes_a_failure_line_for_each_refused_file(hostile_run):
    _result, out, _top = hostile_run
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    refused = [f for f in failures if "which is not a number; not downloaded" in f["message"]]
    assert len(refused) == 6 and {f["error"] for f in refused} == {"unreadable"}
    [trickled] = [f for f in failures if f["path"].endswith("/files/trickle.pdf")]
    assert trickled["error"] == "unreadable"
    assert trickled["message"].endswith("the download took longer than 12 s in all; "
                                        "it was stopped")
    assert len(failures) == 7


@pytest.mark.subprocess
@pytest.mark.prefect
def test_the_command_stops_a_listing_in_a_circle_with_one_line(tmp_path):
    without_pdfs = [document(300 + number, minute=number) for number in range(2 * PAGE_ROWS)]
    with OdaFake(without_pdfs, cycle_back_to=PAGE_ROWS) as fake:
        result = oda_command(fake, tmp_path / "out", "--since", ONLY_EXTRA)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("ODA: ") and "next link back to an earlier page" in lines[0]
