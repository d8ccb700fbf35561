"""Shared fixtures: real PDFs from the corpus and bad files made on the spot."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import pytest

from pipeline.run.settings import apply_run_settings
from pipeline.run.shared_server import IDLE_ENV

# A run's Prefect settings (its own state folder, quiet logging, the temporary server's
# services) are applied by whatever starts the run, before Prefect is imported, since
# Prefect reads them then. The tests start flows, so they apply them here, before any test
# module is imported.
apply_run_settings()
# Each run the tests start gets a temporary Prefect server of its own, as before the shared
# server existed: many tests look at that server and at what a run leaves running.
# tests/test_shared_server.py tries the shared one.
os.environ[IDLE_ENV] = "0"

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "letters"
SEED_PDF = CORPUS / "uim-2020-11-04-handlingsplan.pdf"


@pytest.fixture(scope="session")
def seed_pdf() -> Path:
    return SEED_PDF


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    """One file for each way a PDF can be unreadable, keyed by the failure code expected."""
    folder = tmp_path / "bad"
    folder.mkdir()
    files = {
        "empty": folder / "empty.pdf",
        "not_pdf": folder / "page.pdf",
        "damaged": folder / "truncated.pdf",
    }
    files["empty"].write_bytes(b"")
    files["not_pdf"].write_text("<html><body>Not found</body></html>", encoding="utf-8")
    files["damaged"].write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    return files


@pytest.fixture(scope="session")
def letter_nlp():
    """The pipeline the project runs: the Danish model plus every extractor."""
    from pipeline.process import shared_nlp

    return shared_nlp()


@pytest.fixture(scope="session")
def analyse_text(letter_nlp):
    """Run the whole pipeline over a letter given as running text and blocks beside it.

    >>> doc = analyse_text("Kære ordførere\\n\\n...",  # doctest: +SKIP
    ...                    sidebar=["4. november 2020"])
    """
    from pipeline.extract import analyse
    from pipeline.reading import Block, Document

    def run(body_text: str, head=(), sidebar=(), footer=()):
        blocks = [Block(region=region, page=1, lines=list(lines))
                  for region, groups in (("head", head), ("sidebar", sidebar), ("footer", footer))
                  for lines in groups]
        document = Document(pages=1, body_text=body_text, blocks=blocks, page_starts=[(0, 1)])
        return analyse(letter_nlp, document)

    return run



# Markers. `make test-fast` leaves out the tests marked `prefect`, `subprocess` or `slow`
# (pyproject.toml), so a test that runs a Prefect flow or starts a process (the CLI,
# pdftotext, Tesseract, a browser) must say so. While a test marked neither runs, its
# fixtures included, every process started and every flow called is noted, and the test
# fails at its teardown naming what it started and the marker it lacks.
_started: list[tuple[str, str]] | None = None  # (marker, what); None: not noting


def _note(marker: str, what: str) -> None:
    if _started is not None:
        _started.append((marker, what))


def _note_processes(event: str, args: tuple) -> None:
    if event in ("subprocess.Popen", "os.posix_spawn") and _started is not None:
        command = args[1]
        _note("subprocess", command if isinstance(command, str | bytes)
              else " ".join(map(str, command)))


sys.addaudithook(_note_processes)


def _note_flow_calls() -> None:
    """Note each Prefect flow called from now on, once Prefect is imported. (Before, a
    test's first flow starts Prefect's temporary server, a process, and is noted so.)"""
    flows = sys.modules.get("prefect.flows")
    if flows is None or getattr(flows.Flow.__call__, "noted", False):
        return
    call = flows.Flow.__call__

    @functools.wraps(call)
    def noted_call(self, *args, **kwargs):
        _note("prefect", f"the flow {self.name}")
        return call(self, *args, **kwargs)

    noted_call.noted = True
    flows.Flow.__call__ = noted_call


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    global _started
    _note_flow_calls()
    marked = item.get_closest_marker("subprocess") or item.get_closest_marker("prefect")
    _started = None if marked else []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    global _started
    result = yield
    started, _started = _started, None
    if started:
        marker = "prefect" if any(marker == "prefect" or "prefect" in what
                                  for marker, what in started) else "subprocess"
        pytest.fail(f"{item.nodeid} started {started[0][1][:120]!r} ({len(started)} in all) "
                    f"but is marked neither `subprocess` nor `prefect`: mark it "
                    f"`@pytest.mark.{marker}`", pytrace=False)
    return result
