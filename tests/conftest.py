"""Shared fixtures: real PDFs from the corpus and bad files made on the spot."""

from __future__ import annotations

from pathlib import Path

import pytest

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
