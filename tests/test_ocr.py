"""Scanned letters: pages without a text layer are read by Tesseract, into the same layout.

The scan is made here: the seed letter's pages rendered to greyscale images at
200 dpi (pdfplumber, which draws with pypdfium2) and saved as an image-only PDF
(Pillow), so nothing of the original text layer is left in it. Tesseract and its
Danish data come from Debian (``make system``).
"""

from __future__ import annotations

import difflib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter

from pipeline.errors import ReadError
from pipeline.reading import read_document

CLI = Path(sys.executable).with_name("ministerbrev")

def image_only(data: bytes, resolution: int = 200) -> bytes:
    """Each page of the PDF as a picture of itself, with no text layer."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        images = [page.to_image(resolution=resolution).original.convert("L")
                  for page in pdf.pages]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:],
                   resolution=resolution)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def seed_bytes(seed_pdf) -> bytes:
    return seed_pdf.read_bytes()


@pytest.fixture(scope="module")
def scan(seed_bytes) -> bytes:
    return image_only(seed_bytes)


@pytest.fixture(scope="module")
def scanned_document(scan):
    return read_document(scan)


@pytest.fixture(scope="module")
def native_document(seed_bytes):
    return read_document(seed_bytes)


def test_the_scan_has_no_text_layer_of_its_own(scan):
    with pdfplumber.open(io.BytesIO(scan)) as pdf:
        assert [len(page.chars) for page in pdf.pages] == [0, 0]
        assert all(page.images for page in pdf.pages)


@pytest.mark.subprocess
def test_a_scan_is_read_by_ocr(scanned_document, native_document):
    assert scanned_document.text_layer == "ocr"
    assert scanned_document.warnings == [
        "text read by OCR (pages 1, 2): check it against the PDF"]
    similarity = difflib.SequenceMatcher(
        None, scanned_document.body_text, native_document.body_text).ratio()
    assert similarity > 0.95


@pytest.mark.subprocess
def test_the_layout_reads_ocr_words_as_it_reads_pdf_words(scanned_document):
    """The sidebar beside the text and the recipient block above it are found on the scan."""
    assert scanned_document.body_text.startswith("Kære ordførere\n\n")
    for sidebar_text in ("Slotsholmsgade", "CVR-nr.", "uim@uim.dk"):
        assert sidebar_text not in scanned_document.body_text
    sidebar = [line for block in scanned_document.region("sidebar") for line in block.lines]
    assert "4. november 2020" in sidebar
    head = [block.lines for block in scanned_document.region("head")]
    assert ["Udlændinge- og Integrationsudvalget", "Folketinget", "Christiansborg",
            "1240 København K"] in head
    assert scanned_document.page_at(scanned_document.body_text.index("har skabt adgang")) == 2


@pytest.mark.subprocess
def test_only_pages_without_a_text_layer_are_ocrd(seed_bytes, scan, native_document):
    """Page 1 as the PDF has it, page 2 scanned."""
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(seed_bytes)).pages[0])
    writer.add_page(PdfReader(io.BytesIO(scan)).pages[1])
    buffer = io.BytesIO()
    writer.write(buffer)
    document = read_document(buffer.getvalue())
    assert document.text_layer == "ocr"
    assert document.warnings == ["text read by OCR (pages 2): check it against the PDF"]
    page_two = native_document.page_starts[1][0]
    assert document.body_text[:page_two] == native_document.body_text[:page_two]


@pytest.mark.subprocess
def test_without_tesseract_a_scan_fails_with_needs_ocr(scan, monkeypatch):
    monkeypatch.setenv("MINISTERBREV_TESSERACT", "/nonexistent/tesseract")
    with pytest.raises(ReadError) as raised:
        read_document(scan)
    assert raised.value.code == "needs_ocr"
    assert "Tesseract is not installed" in raised.value.message


def test_a_pdf_of_blank_pages_has_no_text():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ReadError) as raised:
        read_document(buffer.getvalue())
    assert raised.value.code == "no_text"


@pytest.mark.prefect
@pytest.mark.subprocess
def test_a_scanned_letter_becomes_a_record_marked_ocr(scan, tmp_path):
    (tmp_path / "scan.pdf").write_bytes(scan)
    result = subprocess.run([str(CLI), "process", str(tmp_path / "scan.pdf"), "--out",
                             str(tmp_path / "out")], capture_output=True, text=True,
                            timeout=600, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    [line] = (tmp_path / "out" / "records.jsonl").read_text().splitlines()
    record = json.loads(line)
    assert record["source"]["text_layer"] == "ocr"
    assert record["warnings"][0].startswith("text read by OCR")
    assert record["letter"]["date"] == "2020-11-04"
    assert record["letter"]["salutation"] == "Kære ordførere"
    assert [amount["raw"] for amount in record["amounts"]] == ["73,4 mio. kr."]
