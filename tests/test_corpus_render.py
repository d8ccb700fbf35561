"""The corpus: committed PDFs match their sources, every letter has a gold annotation
with every contract key, the corpus is varied enough to test on, and the layouts
defeat naive text extraction the way real letters do."""

import importlib.util
import json
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


@pytest.mark.subprocess
def test_naive_extraction_puts_the_sidebar_inside_a_sentence():
    text = pdftotext(CORPUS / "letters" / f"{SEED}.pdf")
    before, _, rest = text.partition("initiativer under handlingsplanen")
    between, found, _ = rest.partition("har skabt adgang")
    assert found, "the sentence around the page break is missing"
    assert "\f" in between, "page 1 should end inside the sentence"
    for line in SIDEBAR_LINES:
        assert line in between
        assert line not in before


@pytest.mark.subprocess
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


# ------------------------------------------------------------ the whole corpus

SOURCES = sorted((CORPUS / "sources").glob("*.toml"))
GOLD = sorted((CORPUS / "gold").glob("*.json"))
LETTER_KEYS = {"date", "subject", "kind", "sender", "recipients", "salutation",
               "case_numbers", "question_refs"}
SENDER_KEYS = {"ministry", "minister", "address", "phone", "email", "web", "cvr"}
TOP_KEYS = {"letter", "amounts", "dates", "periods", "counts", "recommendations"}
ITEM_KEYS = {
    "amounts": {"value", "currency", "per", "range_to", "raw"},
    "dates": {"value", "raw"},
    "periods": {"start", "end", "raw"},
    "counts": {"value", "lemma", "raw"},
    "recommendations": {"text"},
}
KINDS = {"orientering", "svar_paa_spoergsmaal", "oversendelse", "other"}


def load_source(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def body_text(source: dict) -> str:
    """The running text a source writes: paragraphs, list items, quotes, headings, tables."""
    parts = []
    for part in source["body"]:
        if isinstance(part, str):
            parts.append(part)
        else:
            parts += part.get("items", []) + [part.get("quote", ""), part.get("heading", "")]
            parts += [part.get("caption", ""), part.get("note", "")]
            parts += [cell for row in part.get("table", []) for cell in row]
    return "\n".join(parts)


def test_every_pdf_is_rendered_from_its_source(tmp_path):
    render = load_renderer()
    stale = [
        source.stem for source in SOURCES
        if render.render_file(source, tmp_path).read_bytes()
        != (CORPUS / "letters" / f"{source.stem}.pdf").read_bytes()
    ]
    assert not stale, f"out of step with corpus/sources (run python corpus/render.py): {stale}"


def test_letters_sources_and_gold_match_one_to_one():
    sources = {path.stem for path in SOURCES}
    assert {path.stem for path in (CORPUS / "letters").glob("*.pdf")} == sources
    assert {path.stem for path in GOLD} == sources


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_gold_has_every_contract_key(path):
    gold = load_gold(path)
    assert set(gold) == TOP_KEYS
    letter = gold["letter"]
    assert set(letter) == LETTER_KEYS
    assert set(letter["sender"]) == SENDER_KEYS
    assert letter["kind"] in KINDS
    assert letter["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", letter["date"])
    assert all(set(r) == {"name", "organisation", "address"} for r in letter["recipients"])
    assert all(set(c) == {"kind", "value"} for c in letter["case_numbers"])
    assert all(not re.search(r"\s[-/]|[-/]\s", c["value"]) for c in letter["case_numbers"])
    assert all(set(q) == {"number", "series", "committee", "answered"}
               for q in letter["question_refs"])
    assert letter["sender"]["cvr"] is None or letter["sender"]["cvr"].isdigit()
    for key, keys in ITEM_KEYS.items():
        assert all(set(item) == keys for item in gold[key]), key
    assert all(re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", d["value"]) for d in gold["dates"])


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_gold_raw_text_stands_in_the_letter(path):
    """Every amount, date, period and count is quoted from the letter's body, as
    often as the gold lists it."""
    text = body_text(load_source(CORPUS / "sources" / f"{path.stem}.toml"))
    gold = load_gold(path)
    for key in ("amounts", "dates", "periods", "counts"):
        raws = [item["raw"] for item in gold[key]]
        for raw in set(raws):
            assert text.count(raw) >= raws.count(raw), f"{key}: {raw!r}"


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_gold_subject_and_salutation_are_the_letters_own(path):
    """The subject is the bold heading, or in a memo the "Emne:" row."""
    source = load_source(CORPUS / "sources" / f"{path.stem}.toml")
    letter = load_gold(path)["letter"]
    assert letter["subject"] == (source.get("subject") or dict(source.get("memo", [])).get("Emne:"))
    assert letter["salutation"] == source.get("salutation")


def test_corpus_is_varied():
    sources = [load_source(path) for path in SOURCES]
    golds = [load_gold(path) for path in GOLD]
    layouts = [source["layout"] for source in sources]
    assert len(sources) >= 40
    assert len({gold["letter"]["sender"]["ministry"] for gold in golds}) >= 15
    assert all(layouts.count(name) >= 3 for name in load_renderer().LAYOUTS), layouts
    kinds = [gold["letter"]["kind"] for gold in golds]
    assert all(kinds.count(kind) >= 3 for kind in KINDS), kinds
    assert sum(not gold["amounts"] for gold in golds) >= 5
    assert sum(not gold["recommendations"] for gold in golds) >= 5
    assert sum(gold["letter"]["sender"]["minister"] is None for gold in golds) >= 3
    assert sum(any("table" in part for part in source["body"] if isinstance(part, dict))
               for source in sources) >= 3
    assert sum(bool(source.get("page", {}).get("justify")) for source in sources) >= 3
    assert all(2010 <= int(gold["letter"]["date"][:4]) <= 2026 for gold in golds)


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "path", [path for path in SOURCES if load_source(path)["layout"] == "label_columns"],
    ids=lambda path: path.stem,
)
def test_label_columns_come_apart_in_naive_extraction(path):
    """pdftotext reads the labels as one block and the values as another, so a
    reader that pairs a label with the text after it gets it wrong."""
    source = load_source(path)
    text = pdftotext(CORPUS / "letters" / f"{path.stem}.pdf")
    lines = [line.strip() for line in text.splitlines()]
    labels, values = source["labels"], source["values"]
    assert lines.index(labels[-1]) < lines.index(values[0])
    assert lines[lines.index(labels[0]):lines.index(labels[0]) + len(labels)] == labels
