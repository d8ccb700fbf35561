"""Bad input: each kind of bad file gets its own code and a message a person can act on,
and a batch of them beside a good letter runs to its end.

Every file is made here from the seed letter: encrypted with pypdf, cut short,
emptied, replaced by HTML, stripped of its pages.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from pipeline.errors import ReadError
from pipeline.limits import Limits, run_limited
from pipeline.reading import read_document
from pipeline.reading.layout import build_document
from pipeline.reading.pdf import Page, clean_text, lines_of_words

CLI = Path(sys.executable).with_name("ministerbrev")
PASSWORD = "hemmelig"


def encrypted(data: bytes, password: str = PASSWORD) -> bytes:
    """The PDF encrypted (AES-256) so that it opens only with ``password``."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner",
                   algorithm="AES-256")
    return written(writer)


def without_pages() -> bytes:
    return written(PdfWriter())


def written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def cut_in_last_page(data: bytes) -> bytes:
    """The file as a download that stopped inside the last page's content stream."""
    return data[: data.rindex(b"endstream") - 40]


@pytest.fixture(scope="module")
def seed_bytes(seed_pdf) -> bytes:
    return seed_pdf.read_bytes()


# -- reading, file by file ------------------------------------------------------------------


def test_an_encrypted_pdf_needs_a_password(seed_bytes):
    with pytest.raises(ReadError) as raised:
        read_document(encrypted(seed_bytes))
    assert raised.value.code == "encrypted"
    assert "password is needed" in raised.value.message
    assert "--password" in raised.value.message


def test_the_password_opens_it(seed_bytes):
    document = read_document(encrypted(seed_bytes), password=PASSWORD)
    assert document.body_text == read_document(seed_bytes).body_text


def test_a_wrong_password_is_named_as_such(seed_bytes):
    with pytest.raises(ReadError) as raised:
        read_document(encrypted(seed_bytes), password="forkert")
    assert raised.value.code == "encrypted"
    assert "does not open it" in raised.value.message


def test_a_truncated_pdf_is_read_as_far_as_it_goes(seed_bytes):
    whole = read_document(seed_bytes)
    document = read_document(cut_in_last_page(seed_bytes))
    assert document.pages == 2
    assert document.body_text.startswith("Kære ordførere")
    assert len(document.body_text) < len(whole.body_text)
    assert whole.body_text.startswith(document.body_text[:500])
    [warning] = document.warnings
    assert "ends early" in warning and "pages 2" in warning


def test_a_pdf_cut_before_any_page_is_damaged(seed_bytes):
    with pytest.raises(ReadError) as raised:
        read_document(seed_bytes[:1000])
    assert raised.value.code == "damaged"


@pytest.mark.parametrize(("content", "code", "words"), [
    (b"", "empty", "0 bytes"),
    (b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "not_pdf", "not a PDF"),
    (b"Kaere udvalg, hermed brevet.\n", "not_pdf", "not a PDF"),
])
def test_files_that_are_not_pdfs(content, code, words):
    with pytest.raises(ReadError) as raised:
        read_document(content)
    assert (raised.value.code, words in raised.value.message) == (code, True)


def test_a_pdf_without_pages():
    with pytest.raises(ReadError) as raised:
        read_document(without_pages())
    assert raised.value.code == "no_pages"


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=3)),
                min_size=1, max_size=12))
def test_a_damaged_pdf_is_read_or_gets_a_code(seed_pdf, damage):
    """Bytes of the letter overwritten anywhere: a document comes back, or a ReadError
    with a failure code; nothing else escapes (no ``internal`` failure)."""
    data = bytearray(seed_pdf.read_bytes())
    for share, replacement in damage:
        start = int(share * len(data))
        data[start:start + len(replacement)] = replacement
    try:
        document = run_limited(read_document, (bytes(data), None, 500), Limits(seconds=30))
    except ReadError as error:
        assert error.code in {"damaged", "not_pdf", "no_pages", "no_text", "encrypted"}
    else:
        assert document.pages >= 1


# -- odd characters, normalised as lines are built -------------------------------------------

ODD = ["\u00ad", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u2009", "\u202f",
       "\t", "\r", "\x0c", "ﬁ", "ﬂ", "ﬀ", "ﬃ", "a\u030a", "o\u0338", "\x00", "\u2028"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(ODD), st.text(max_size=5)), max_size=30).map("".join))
def test_cleaned_text_has_no_odd_characters(text):
    cleaned = clean_text(text)
    assert not set(cleaned) & {"\u00ad", "\u00a0", "\u200b", "\u200d", "\ufeff", "ﬁ", "ﬂ",
                               "\t", "\n", "\r", "\x00"}
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert clean_text(cleaned) == cleaned


def row_of_words(texts: list[str], top: float) -> list[dict]:
    """Words set left to right from the margin, one space apart, as pdfplumber gives them."""
    words, x0 = [], 70.0
    for text in texts:
        words.append({"text": text, "x0": x0, "x1": x0 + 5.5 * len(text), "top": top,
                      "bottom": top + 11, "size": 11.0, "fontname": "Helvetica"})
        x0 += 5.5 * len(text) + 3
    return words


def test_odd_characters_leave_clean_running_text_with_true_offsets():
    """Words as pdfplumber gives them from a PDF that carries odd characters."""
    rows = [
        ["Kære\u200b", "ordførere"],
        ["Der\u00a0er", "afsat", "73,4\u00a0mio.", "kr.", "til", "ﬁnansiering", "af", "en",
         "udmønt\u00ad"],
        ["ning", "i", "A\u030arhus", "kommune", "og", "i", "alt", "4", "indsatsområder", "for",
         "hele", "landet."],
    ]
    words = [word for row, texts in enumerate(rows)
             for word in row_of_words(texts, top=100 + 13 * row)]
    lines = lines_of_words(words, page_number=1)
    document = build_document([Page(number=1, width=595, height=842, lines=lines)])
    text = document.body_text
    assert "finansiering" in text and "udmøntning" in text and "Århus" in text
    assert "73,4 mio. kr." in text
    assert not set(text) & {"\u00ad", "\u00a0", "\u200b", "\u030a", "ﬁ"}
    start = text.index("73,4")
    assert text[start:start + len("73,4 mio. kr.")] == "73,4 mio. kr."


# -- a batch of bad files beside a good letter, through the command line -----------------------


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory, seed_pdf, seed_bytes):
    """The seed letter, the same letter encrypted and truncated, and files that are no
    letters at all, processed in one run."""
    root = tmp_path_factory.mktemp("bad-batch")
    letters = root / "letters"
    letters.mkdir()
    files = {
        seed_pdf.name: seed_bytes,
        "locked.pdf": encrypted(seed_bytes),
        "cut-short.pdf": cut_in_last_page(seed_bytes),
        "cut-at-start.pdf": seed_bytes[:1000],
        "empty.pdf": b"",
        "download.pdf": b"<html><body>Adgang n\xc3\xa6gtet</body></html>",
        "no-pages.pdf": without_pages(),
    }
    for name, content in files.items():
        (letters / name).write_bytes(content)
    out = root / "out"
    result = run_cli("process", str(letters), "--out", str(out))
    return result, out


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "200"})


@pytest.mark.prefect
@pytest.mark.subprocess
def test_the_batch_runs_to_its_end_and_prints_no_traceback(bad_batch):
    result, out = bad_batch
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    names = sorted(json.loads(path.read_text())["source"]["filename"]
                   for path in (out / "records").glob("*.json"))
    assert names == ["cut-short.pdf", "uim-2020-11-04-handlingsplan.pdf"]


@pytest.mark.prefect
@pytest.mark.subprocess
def test_one_failure_line_per_bad_file_with_its_code(bad_batch):
    result, out = bad_batch
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    codes = {Path(failure["path"]).name: failure["error"] for failure in failures}
    assert codes == {"locked.pdf": "encrypted", "cut-at-start.pdf": "damaged",
                     "empty.pdf": "empty", "download.pdf": "not_pdf", "no-pages.pdf": "no_pages"}
    for failure in failures:
        name = Path(failure["path"]).name
        assert failure["message"].startswith(failure["path"] + ": ")
        assert f"failed: {failure['path']}" in " ".join(result.stderr.split())
        assert name in failure["message"]


@pytest.mark.prefect
@pytest.mark.subprocess
def test_the_truncated_letter_gets_a_record_with_a_warning(bad_batch):
    _result, out = bad_batch
    records = [json.loads(path.read_text()) for path in (out / "records").glob("*.json")]
    [cut] = [r for r in records if r["source"]["filename"] == "cut-short.pdf"]
    assert cut["warnings"][0].startswith("the file ends early")
    assert cut["letter"]["date"] == "2020-11-04"
    [whole] = [r for r in records if r["source"]["filename"] != "cut-short.pdf"]
    assert whole["warnings"] == [] and whole["source"]["text_layer"] == "native"


@pytest.mark.prefect
@pytest.mark.subprocess
def test_record_file_names_come_from_the_content_hash(bad_batch):
    _result, out = bad_batch
    letters = out.parent / "letters"
    for path in (out / "records").glob("*.json"):
        source = json.loads(path.read_text())["source"]
        content = (letters / source["filename"]).read_bytes()
        assert path.name == hashlib.sha256(content).hexdigest()[:16] + ".json"


@pytest.mark.prefect
@pytest.mark.subprocess
def test_the_password_given_on_the_command_line_opens_the_letter(bad_batch):
    _result, out = bad_batch
    locked = out.parent / "letters" / "locked.pdf"
    result = run_cli("process", str(locked), "--out", str(out), "--password", PASSWORD)
    assert result.returncode == 0, result.stderr
    records = [json.loads(path.read_text()) for path in (out / "records").glob("*.json")]
    [opened] = [r for r in records if r["source"]["filename"] == "locked.pdf"]
    assert opened["letter"]["date"] == "2020-11-04"
    failures = (out / "failures.jsonl").read_text()
    assert "locked.pdf" not in failures and "empty.pdf" in failures
