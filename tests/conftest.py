"""Shared fixtures: real PDFs from the corpus and bad files made on the spot."""

from __future__ import annotations

from pathlib import Path

import pytest

# The project's Prefect settings (its own state folder, quiet logging, the temporary
# server's services) are set when ``pipeline`` is imported, and Prefect reads them when it
# is imported. A run imports ``pipeline`` first; so do the tests, whatever their modules
# import first.
import pipeline  # noqa: F401, I001

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

    >>> doc = analyse_text("Kære ordførere\\n\\n...", sidebar=["4. november 2020"])
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
