"""Scoring records against gold: the measures mean what they say."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import evaluate, micro_average


def write(tmp_path, gold: dict, record: dict):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "letter.json").write_text(json.dumps(gold), encoding="utf-8")
    record = {"source": {"filename": "letter.pdf"}, **record}
    (tmp_path / "records.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return evaluate(tmp_path / "gold", tmp_path / "records.jsonl")


def test_a_missed_item_costs_recall_and_a_wrong_one_precision(tmp_path):
    gold = {"amounts": [{"value": 73400000, "currency": "DKK", "per": None, "range_to": None},
                        {"value": 5000, "currency": "DKK", "per": "år", "range_to": None}]}
    record = {"amounts": [{"value": 73400000.0, "currency": "DKK", "per": None, "range_to": None},
                          {"value": 18, "currency": "DKK", "per": None, "range_to": None}]}
    scores, mismatches = write(tmp_path, gold, record)
    assert scores["amounts"].precision == pytest.approx(0.5)
    assert scores["amounts"].recall == pytest.approx(0.5)
    [mismatch] = [m for m in mismatches if m.field == "amounts"]
    assert "5000" in mismatch.missing[0] and "18" in mismatch.unexpected[0]


def test_single_values_compare_without_case_or_spacing(tmp_path):
    gold = {"letter": {"date": "2020-11-04", "sender": {"ministry": "Finansministeriet"}}}
    record = {"letter": {"date": "2020-11-04", "sender": {"ministry": "finansministeriet "}}}
    scores, _ = write(tmp_path, gold, record)
    assert scores["letter.date"].f1 == 1.0
    assert scores["letter.sender.ministry"].f1 == 1.0


def test_a_value_found_where_gold_has_none_is_a_false_positive(tmp_path):
    scores, _ = write(tmp_path, {"letter": {"subject": None}}, {"letter": {"subject": "Emne"}})
    assert scores["letter.subject"].precision == 0.0
    assert micro_average(scores).predicted == 1
