"""Folketinget's open data (ODA), end to end against a fake ODA on 127.0.0.1 (``oda_fake``).

Real PDFs from ``corpus/letters/`` go through the real pipeline and the real Prefect
flow; only the remote API is a fake. Its pages are 3 rows long, the second comes
without a nextLink (so the client goes on with ``$skip``) and fails once with 503;
one file is 404, one is HTML served as a PDF, one fails once with 500.

Followed (type Brev, updated after 2026-10-02): 101 (page 1), 103 (404), 104 (not a
PDF), 105 (500 once), 106 (no PDF variant), 107 (page 3). Not followed: 102 (a bill),
100 (updated before).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from oda_fake import OdaFake
from typer.testing import CliRunner

import flows
from pipeline.cli import app
from pipeline.run.archive import Archive
from pipeline.run.catchup import reindex
from pipeline.sources.oda import (
    FetchError,
    Follow,
    OdaClient,
    OdaError,
    OdaSettings,
    Refused,
    check_url,
    page_watermark,
    parse_time,
)
from pipeline.sources.oda.steps import followed_document
from pipeline.store import LetterStore

SINCE = "2026-10-02T00:00:00"
LAST_UPDATE = "2026-10-05T11:00:00.750"  # document 107's, written back in ODA's form


def fake_settings(fake: OdaFake, **changes) -> OdaSettings:
    """The fake's address; plain http is allowed to it as a loopback host, as in development."""
    settings = {"base_url": fake.base_url, "allowed_hosts": ("127.0.0.1",),
                "allow_loopback_http": True, "page_rows": 3, "backoff": 0.01, "timeout": 10}
    return OdaSettings(**{**settings, **changes})


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]


def failures(out: Path) -> dict[str, str]:
    lines = (out / "failures.jsonl").read_text().splitlines()
    return {Path(f["path"]).name: f["error"] for f in map(json.loads, lines)}


def watermark(out: Path) -> str | None:
    with LetterStore.open(out) as store:
        return store.watermark("oda")


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One run over the fake, letters of type Brev: (summary, output folder, requests made)."""
    out = tmp_path_factory.mktemp("oda")
    with OdaFake() as fake:
        summary = flows.run_oda(out=str(out), types=["Brev"], since=SINCE,
                                settings=fake_settings(fake))
    return summary, out, fake.requests


@pytest.mark.prefect
def test_followed_letters_become_records_with_their_provenance(first_run):
    summary, out, _requests = first_run
    assert (summary.processed, summary.failed) == (3, 2)
    by_document = {r["source"]["oda"]["dokument_id"]: r for r in records(out)}
    assert sorted(by_document) == [101, 105, 107]
    oda = by_document[101]["source"]["oda"]
    assert oda["title"] == "Svar på spørgsmål 12 om videreførsel"
    assert (oda["type"], oda["date"], oda["updated"]) == (
        "Brev", "2021-03-24T00:00:00", "2026-10-05T08:00:00")
    assert (oda["committee"], oda["ministry"]) == ("Finansudvalget", "Finansministeriet")
    assert oda["file_url"].endswith("/files/fm-2021-03-24-spm12-videreforsel.pdf")
    # the recipient, not the committee in copy, is the letter's committee
    assert by_document[105]["source"]["oda"]["committee"] == "Udlændinge- og Integrationsudvalget"
    assert by_document[101]["letter"]["date"] == "2021-03-24"  # read from the PDF itself


@pytest.mark.prefect
def test_each_record_leads_back_to_its_saved_pdf_and_to_ft_dk(first_run):
    """The absolute path of the PDF as saved, and in the store ODA's id, title and address
    (the file's: the fake's addresses are not ft.dk's, so no page on ft.dk is built)."""
    _summary, out, _requests = first_run
    by_document = {r["source"]["oda"]["dokument_id"]: r for r in records(out)}
    source = by_document[101]["source"]
    saved = Path(source["absolute_path"])
    assert saved.is_absolute() and saved == (out / "oda" / saved.name).resolve()
    assert saved.name.startswith("101-") and saved.read_bytes().startswith(b"%PDF")
    assert source["oda"]["page_url"] is None
    with LetterStore.open(out) as store:
        rows = store.connection.execute(
            "SELECT oda_id, oda_title, ft_url, source_path FROM letters ORDER BY oda_id"
        ).fetchall()
    assert [row[0] for row in rows] == [101, 105, 107]
    assert rows[0] == (101, "Svar på spørgsmål 12 om videreførsel",
                       source["oda"]["file_url"], str(saved))


@pytest.mark.prefect
def test_the_browser_shows_the_address_on_ft_dk_as_a_link(first_run):
    import asyncio

    from pipeline.browse import datasette_app

    _summary, out, _requests = first_run
    url = next(r["source"]["oda"]["file_url"] for r in records(out)
               if r["source"]["oda"]["dokument_id"] == 101)

    async def letter_page() -> str:
        instance = datasette_app(out)
        await instance.invoke_startup()
        response = await instance.client.get("/letters/letters?oda_id=101")
        assert response.status_code == 200
        return response.text

    assert f'<a href="{url}">' in asyncio.run(letter_page())


def test_a_file_on_ft_dk_gives_the_documents_page_there():
    from pipeline.sources.oda.documents import OdaDocument, PdfFile

    file_url = "https://www.ft.dk/samling/20231/almdel/fiu/bilag/45/2790123.pdf"
    document = OdaDocument(id=7, title="Brev", type="Brev", date=None,
                           updated="2026-10-04T10:05:00", pdf_files=[PdfFile(1, file_url)])
    provenance = document.provenance(document.pdf_files[0])
    assert provenance.page_url == "https://www.ft.dk/samling/20231/almdel/fiu/bilag/45/index.htm"
    elsewhere = document.provenance(PdfFile(2, "https://oda.ft.dk/files/2790123.pdf"))
    assert elsewhere.page_url is None


@pytest.mark.prefect
def test_a_404_and_a_file_that_is_no_pdf_are_failure_lines(first_run):
    _summary, out, _requests = first_run
    assert failures(out) == {"missing.pdf": "unreadable", "notapdf.pdf": "not_pdf"}


@pytest.mark.prefect
def test_the_watermark_is_the_last_update_processed_and_survives_a_reindex(first_run):
    _summary, out, _requests = first_run
    assert watermark(out) == LAST_UPDATE
    reindex(out)  # the store is rebuilt from records.jsonl; the run state is not derived
    assert watermark(out) == LAST_UPDATE


@pytest.mark.prefect
def test_paging_follows_next_links_as_given_then_skip(first_run):
    _summary, _out, requests = first_run
    pages = [path for path, _accept in requests if path.startswith("/api/Dokument?")]
    assert "$skip=3" in pages[1] and pages[1] == pages[2]  # 503 once, then the same link again
    assert pages[3].endswith("&$skip=6")  # a full page without a nextLink: $skip
    assert all(accept == "application/json" for path, accept in requests
               if path.startswith("/api/"))
    files = [path for path, _accept in requests if path.startswith("/files/")]
    assert files.count("/files/flaky-uim-2020-11-04-handlingsplan.pdf") == 2  # 500, then 200
    assert not any("skm-2019" in path or "uim-2016" in path for path in files)  # 102, 100


@pytest.mark.prefect
def test_a_second_run_finds_nothing_new_and_a_rerun_skips_what_was_seen(first_run, tmp_path):
    _summary, out, _requests = first_run
    before = (out / "records.jsonl").read_text()
    with OdaFake() as fake:
        again = flows.run_oda(out=str(out), types=["Brev"], settings=fake_settings(fake))
        from_start = flows.run_oda(out=str(out), types=["Brev"], since=SINCE,
                                   settings=fake_settings(fake))
    assert (again.processed, again.skipped, again.failed) == (0, 0, 0)
    assert (from_start.processed, from_start.skipped) == (0, 3)
    assert (out / "records.jsonl").read_text() == before
    assert watermark(out) == LAST_UPDATE


@pytest.mark.prefect
def test_a_run_that_dies_mid_page_is_finished_by_running_it_again(tmp_path, monkeypatch):
    """The run dies writing 105, the first letter of page 2: page 1 stays committed and the
    watermark stays where page 1 is complete; the re-run loses and duplicates nothing."""
    write = Archive.write

    def dies_at_105(archive, outcome):
        if outcome.record and outcome.record.source.oda.dokument_id == 105:
            raise RuntimeError("killed")
        write(archive, outcome)

    with OdaFake() as fake:
        monkeypatch.setattr(Archive, "write", dies_at_105)
        with pytest.raises(RuntimeError, match="killed"):
            flows.run_oda(out=str(tmp_path), types=["Brev"], since=SINCE,
                          settings=fake_settings(fake))
        assert watermark(tmp_path) == "2026-10-05T09:00:00.250"  # 104 (09:30) may go on
        assert [r["source"]["oda"]["dokument_id"] for r in records(tmp_path)] == [101]
        monkeypatch.setattr(Archive, "write", write)
        rerun = flows.run_oda(out=str(tmp_path), types=["Brev"], settings=fake_settings(fake))
    assert rerun.processed == 2
    ids = [r["source"]["oda"]["dokument_id"] for r in records(tmp_path)]
    assert sorted(ids) == [101, 105, 107]
    with LetterStore.open(tmp_path) as store:
        assert store.letter_count() == 3
    assert watermark(tmp_path) == LAST_UPDATE


# -- what to follow ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake_client():
    with OdaFake() as fake, OdaClient(fake_settings(fake)) as client:
        yield client


def followed_ids(client: OdaClient, **choice) -> list[int]:
    follow = Follow(**{key: tuple(value) for key, value in choice.items()})
    follow = follow.resolve(client.lookups())
    found = []
    for page in client.document_pages(SINCE, follow.type_ids):
        for row in page.rows:
            if followed_document(client, row, follow):
                found.append(row["id"])
    return found


def test_lookups_are_read_by_name(fake_client):
    lookups = fake_client.lookups()
    assert lookups.document_types["Brev"] == 41  # the fake's ids are not ODA's
    assert lookups.actor_types["Udvalg"] == 72
    with pytest.raises(OdaError, match="no document type 'Brevkort'"):
        Follow(types=("Brevkort",)).resolve(lookups)


def test_filters_by_type_committee_and_ministry(fake_client):
    assert followed_ids(fake_client) == [101, 102, 103, 104, 105, 107]  # 106 has no PDF
    assert followed_ids(fake_client, types=["Lovforslag"]) == [102]
    assert followed_ids(fake_client, types=["brev"], committees=["KUU"]) == [107]
    assert followed_ids(fake_client, committees=["finansudvalget"]) == [101, 102, 105]
    assert followed_ids(fake_client, types=["Brev"], ministries=["Finansministeriet"]) == [101]
    assert followed_ids(fake_client, committees=["Retsudvalget"],
                        ministries=["Kulturministeriet"]) == []


# -- download rules --------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "http://www.ft.dk/samling/a.pdf",  # not https
    "https://evil.example.org/a.pdf",  # not a configured host
    "http://127.0.0.1:8000/a.pdf",  # loopback http without the development setting
    "ftp://www.ft.dk/a.pdf",
])
def test_production_rules_refuse_anything_but_https_to_configured_hosts(url):
    with pytest.raises(Refused):
        check_url(url, OdaSettings())


def test_production_rules_allow_https_to_oda_and_ft_dk():
    check_url("https://oda.ft.dk/api/Dokument?$format=json", OdaSettings())
    check_url("https://www.ft.dk/samling/20231/almdel/fiu/spm/12/svar/1.pdf", OdaSettings())


def test_the_development_setting_allows_http_to_loopback_only():
    settings = OdaSettings(allowed_hosts=("127.0.0.1", "www.ft.dk"), allow_loopback_http=True)
    check_url("http://127.0.0.1:8000/a.pdf", settings)
    with pytest.raises(Refused):
        check_url("http://www.ft.dk/a.pdf", settings)


def test_redirects_are_held_to_the_same_rules():
    with OdaFake() as fake, OdaClient(fake_settings(fake)) as client:
        with pytest.raises(Refused, match="evil.example.org is not an allowed host"):
            client.download_pdf(f"{fake.root_url}/files/redirect-away.pdf")
        with pytest.raises(Refused, match="localhost is not an allowed host"):
            client.download_pdf(f"{fake.root_url}/files/redirect-localhost.pdf")
    assert not any("handlingsplan" in path for path, _accept in fake.requests)


def test_size_limit_and_timeout_give_failures(tmp_path):
    with OdaFake() as fake:
        small = fake_settings(fake, max_bytes=1000)
        with OdaClient(small) as client, pytest.raises(FetchError) as too_big:
            client.download_pdf(f"{fake.root_url}/files/uim-2020-11-04-handlingsplan.pdf")
        impatient = fake_settings(fake, timeout=0.3, retries=1)
        with OdaClient(impatient) as client, pytest.raises(FetchError) as too_slow:
            client.download_pdf(f"{fake.root_url}/files/slow.pdf")
    assert too_big.value.code == "too_large"
    assert too_slow.value.code == "unreadable" and "timed out, 2 tries" in too_slow.value.message


# -- times and the watermark -----------------------------------------------------------------


def test_times_with_and_without_milliseconds():
    assert parse_time("2026-10-04T10:05:00") < parse_time("2026-10-04T10:05:00.5")
    assert parse_time("2026-10-04T10:05:00.123").microsecond == 123000


def test_a_page_is_complete_only_below_its_last_time():
    rows = [{"opdateringsdato": t} for t in
            ("2026-10-05T08:00:00", "2026-10-05T09:00:00.25", "2026-10-05T09:00:00.250")]
    assert page_watermark(rows, last_page=False) == "2026-10-05T08:00:00"
    assert page_watermark(rows[1:], last_page=False) is None  # one time: nothing complete
    assert page_watermark(rows, last_page=True) == "2026-10-05T09:00:00.250"


# -- the command line ------------------------------------------------------------------------


@pytest.mark.prefect
def test_oda_command_follows_a_committee_and_a_ministry(tmp_path):
    with OdaFake() as fake:
        result = CliRunner().invoke(app, [
            "oda", "--out", str(tmp_path), "--base-url", fake.base_url, "--since", SINCE,
            "--allow-host", "127.0.0.1", "--allow-loopback-http",
            "--committee", "FIU", "--ministry", "Finansministeriet"])
    assert result.exit_code == 0, result.output
    assert [r["source"]["oda"]["dokument_id"] for r in records(tmp_path)] == [101, 102]


@pytest.mark.prefect
def test_oda_command_refuses_plain_http_without_the_development_setting(tmp_path):
    with OdaFake() as fake:
        result = CliRunner().invoke(app, ["oda", "--out", str(tmp_path), "--base-url",
                                          fake.base_url, "--allow-host", "127.0.0.1"])
    assert result.exit_code == 1
    assert "only https is allowed" in result.output
    assert fake.requests == []


@pytest.mark.prefect
def test_a_type_oda_does_not_have_is_one_line_and_a_mistake_in_the_command(tmp_path):
    with OdaFake() as fake:
        result = CliRunner().invoke(app, [
            "oda", "--out", str(tmp_path), "--base-url", fake.base_url, "--since", SINCE,
            "--allow-host", "127.0.0.1", "--allow-loopback-http", "--type", "Breve"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        result.output.strip()]  # one line, no traceback
    assert result.output.startswith("ODA: there is no document type 'Breve' (known: ")
    assert "Brev" in result.output and "ODA has no" not in result.output


def test_a_server_that_ignores_skip_stops_the_run_instead_of_looping():
    class Repeating(OdaClient):
        def get_json(self, url: str) -> dict:
            return {"value": [{"id": 1}, {"id": 2}, {"id": 3}]}  # a full page, no nextLink

    with Repeating(OdaSettings(page_rows=3)) as client, pytest.raises(OdaError, match="again"):
        list(client.pages("https://oda.ft.dk/api/Dokument?$format=json"))


def test_provenance_is_validated_as_the_record_is():
    """The record with ``source.oda`` is built as a new record, not copied past validation."""
    from pydantic import ValidationError

    from models.record import OdaProvenance
    from pipeline.process import Outcome
    from pipeline.sources.oda.steps import with_provenance
    from tests.test_output import record

    letter = record()
    provenance = OdaProvenance(dokument_id=101, file_url="https://www.ft.dk/a.pdf",
                               updated="2026-10-04T10:05:00")
    outcome = with_provenance(Outcome(path="a.pdf", record=letter), provenance)
    assert outcome.record.source.oda == provenance
    assert outcome.record.model_dump(exclude={"source"}) == letter.model_dump(exclude={"source"})
    with pytest.raises(ValidationError):
        with_provenance(Outcome(path="a.pdf", record=letter), {"dokument_id": "not a number"})
