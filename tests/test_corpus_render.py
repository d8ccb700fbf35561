"""The corpus renderer: committed PDFs match their sources, and the seed letter's
layout defeats naive text extraction the way the real letter does."""

import importlib.util
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pdfplumber
import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = "uim-2020-11-04-handlingsplan"
SIDEBAR_LINES = ["4. november 2020", "Slotsholmsgade 10", "CVR-nr. 36977191", "Akt-id 1430903"]


def load_renderer():
    spec = importlib.util.spec_from_file_location("corpus_render", CORPUS / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext not found: install the system package poppler-utils")
    result = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def test_seed_pdf_is_rendered_from_its_source(tmp_path):
    rendered = load_renderer().render_file(CORPUS / "sources" / f"{SEED}.toml", tmp_path)
    committed = CORPUS / "letters" / f"{SEED}.pdf"
    assert rendered.read_bytes() == committed.read_bytes(), (
        "corpus/letters is out of step with corpus/sources: run python corpus/render.py"
    )


def test_naive_extraction_puts_the_sidebar_inside_a_sentence():
    text = pdftotext(CORPUS / "letters" / f"{SEED}.pdf")
    before, _, rest = text.partition("initiativer under handlingsplanen")
    between, found, _ = rest.partition("har skabt adgang")
    assert found, "the sentence around the page break is missing"
    assert "\f" in between, "page 1 should end inside the sentence"
    for line in SIDEBAR_LINES:
        assert line in between
        assert line not in before


def test_page_footer_counts_pages_and_justified_text_hyphenates(tmp_path):
    source = tomllib.loads((CORPUS / "sources" / f"{SEED}.toml").read_text(encoding="utf-8"))
    source["page"] |= {"footer": "Side {page} af {pages}", "justify": True}
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(load_renderer().render_source(source))
    text = pdftotext(pdf)
    assert "Side 1 af 2" in text and "Side 2 af 2" in text
    assert hyphenated_words(pdf) & set(" ".join(map(str, source["body"])).split())


def hyphenated_words(pdf: Path) -> set[str]:
    """Words broken across two lines with a hyphen, joined again."""
    with pdfplumber.open(pdf) as document:
        lines = [line for page in document.pages for line in page.extract_text().splitlines()]
    return {
        line.split()[-1][:-1] + following.split()[0]
        for line, following in zip(lines, lines[1:], strict=False)
        if re.search(r"[a-zæøå]-$", line) and following[:1].islower()
    }
