"""A number no letter can mean (40 digits, a 1 and 330 zeros) is no amount and no count, and
a record that holds one, written by an older version, never keeps the store from opening.

Once, "i alt 99999999999999999999999 kommuner" went into records.jsonl and then made the
store's insert raise ``OverflowError``: the batch stopped, and every later run into the
folder failed. "Beløbet er 1" and 330 zeros " kr." failed its letter as ``internal``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models import LetterRecord
from models.record import LARGEST_NUMBER
from pipeline.typeset import flow_pdf

CLI = Path(sys.executable).with_name("ministerbrev")
ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT / "corpus" / "letters" / "bm-2014-03-27-jobrotation.pdf"



def huge_letter(zeros: int) -> str:
    """A letter with a count of 23 digits and an amount of a 1 and ``zeros`` zeros."""
    return (
        "Finansministeriet\n\n12. marts 2021\n\nFolketingets Finansudvalg\n\n"
        "I alt 99999999999999999999999 kommuner har svaret, og 12 kommuner har ikke.\n\n"
        "Beløbet er 1" + "0" * zeros + " kr., og tilskuddet er 73,4 mio. kr.\n\n"
        "Med venlig hilsen\n\nNicolai Wammen\n"
    )


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "120"})


def test_a_number_too_large_to_mean_anything_is_no_amount_and_no_count(analyse_text):
    doc = analyse_text(huge_letter(zeros=330).split("\n\n", 3)[3])
    assert [count.value for count in doc._.counts] == [12]
    assert [amount.value for amount in doc._.amounts] == [73_400_000]


def test_the_contract_bounds_amounts_and_counts():
    definitions = LetterRecord.model_json_schema()["$defs"]
    assert definitions["Count"]["properties"]["value"]["maximum"] == LARGEST_NUMBER < 2**53
    assert LetterRecord.model_validate_json(record_line_with_count(12)).counts[0].value == 12
    with pytest.raises(ValueError):
        LetterRecord.model_validate_json(record_line_with_count(10**23))


@pytest.mark.subprocess
@pytest.mark.prefect
def test_a_letter_with_huge_numbers_gets_a_record_and_the_store_takes_it(tmp_path):
    letters = tmp_path / "letters"
    letters.mkdir()
    # 40 zeros: the line holds them (a longer run wraps, and its lines are numbers apart)
    (letters / "huge.pdf").write_bytes(flow_pdf(huge_letter(zeros=40)))
    result = run_cli("process", str(letters), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "out" / "letters.sqlite") as store:
        assert store.execute("SELECT value FROM counts").fetchall() == [(12,)]
        assert store.execute("SELECT value FROM amounts").fetchall() == [(73_400_000,)]
        assert store.execute("SELECT count(*) FROM failures").fetchone() == (0,)


@pytest.mark.subprocess
@pytest.mark.prefect
def test_a_record_with_a_huge_number_from_an_older_run_never_stops_the_store(tmp_path):
    """The poisoned line is left out of the store (reindex counts it); other letters go in."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").write_text(record_line_with_count(10**23) + "\n", encoding="utf-8")
    result = run_cli("process", str(LETTER), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 line(s) did not validate" in run_cli("reindex", "--out", str(out)).stderr
    with sqlite3.connect(out / "letters.sqlite") as store:
        assert store.execute("SELECT count(*) FROM letters").fetchone() == (1,)


def record_line_with_count(value: int) -> str:
    """A valid record of a letter (made by hand, from the contract's own example values) with
    one count of ``value``."""
    body = f"I alt {value} kommuner har svaret."
    raw = f"{value} kommuner"
    record = {
        "schema_version": "3", "doc_id": "00000000000000aa", "body_text": body,
        "source": {"path": "old.pdf", "absolute_path": "/old.pdf", "filename": "old.pdf",
                   "sha256": "00000000000000aa" + "0" * 48, "bytes": 1, "pages": 1,
                   "media_type": "application/pdf", "text_layer": "native",
                   "processed_at": "2021-03-12T10:00:00", "oda": None},
        "letter": {},
        "counts": [{"value": value, "noun": "kommuner", "lemma": "kommune", "qualifier": None,
                    "raw": raw, "sentence": body,
                    "evidence": {"page": 1, "start": 6, "end": 6 + len(raw)}}],
    }
    return json.dumps(record)
