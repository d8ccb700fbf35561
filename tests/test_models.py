"""The record models: the contract's every key, and loud failures for bad data."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from models import Amount, Evidence, LetterRecord

CONTRACT_KEYS = {"doc_id", "schema_version", "source", "letter", "amounts", "dates", "periods",
                 "counts", "recommendations", "body_text", "warnings"}
LETTER_KEYS = {"date", "subject", "kind", "sender", "recipients", "salutation", "case_numbers",
               "question_refs"}


def minimal_record(**changes) -> dict:
    record = {
        "doc_id": "0123456789abcdef",
        "source": {"path": "a.pdf", "filename": "a.pdf", "sha256": "0123456789abcdef" + "0" * 48,
                   "bytes": 10, "pages": 1, "text_layer": "native",
                   "processed_at": "2026-01-01T00:00:00Z"},
        "letter": {},
        "body_text": "afsat 73,4 mio. kr. i alt",
    }
    record.update(changes)
    return record


def test_every_contract_key_is_present_even_when_nothing_was_found():
    dumped = LetterRecord.model_validate(minimal_record()).model_dump(mode="json")
    assert set(dumped) == CONTRACT_KEYS
    assert set(dumped["letter"]) == LETTER_KEYS
    assert set(dumped["letter"]["sender"]) == {"ministry", "minister", "address", "phone",
                                               "email", "web", "cvr"}


def test_schema_lists_every_key_as_required_output():
    schema = LetterRecord.model_json_schema(mode="serialization")
    assert set(schema["properties"]) >= CONTRACT_KEYS


def test_evidence_must_quote_the_body_text_exactly():
    amount = {"value": 73400000, "raw": "73,4 mio. kr.", "sentence": "s",
              "evidence": {"page": 1, "start": 6, "end": 19}}
    LetterRecord.model_validate(minimal_record(amounts=[amount]))
    amount["evidence"]["start"] = 5
    with pytest.raises(ValidationError, match="evidence quotes"):
        LetterRecord.model_validate(minimal_record(amounts=[amount]))


def test_evidence_offsets_have_both_names_and_a_record_before_version_4_reads():
    amount = {"value": 73400000, "raw": "73,4 mio. kr.", "sentence": "s",
              "evidence": {"page": 1, "start": 6, "end": 19}}
    record = LetterRecord.model_validate(minimal_record(amounts=[amount], schema_version="3"))
    assert record.amounts[0].evidence.model_dump() == {
        "page": 1, "start": 6, "end": 19, "char_start": 6, "char_end": 19}
    assert Evidence.model_validate({"page": 1, "char_start": 6, "char_end": 19}).end == 19
    with pytest.raises(ValidationError, match="differ"):
        Evidence(page=1, start=6, end=19, char_start=5, char_end=19)


def test_unknown_keys_and_bad_values_are_refused():
    with pytest.raises(ValidationError):
        LetterRecord.model_validate(minimal_record(extra_key=1))
    with pytest.raises(ValidationError):
        LetterRecord.model_validate(minimal_record(letter={"date": "4. november 2020"}))
    with pytest.raises(ValidationError):
        Evidence(page=0, start=0, end=1)


def test_doc_id_must_come_from_the_hash():
    with pytest.raises(ValidationError, match="doc_id"):
        LetterRecord.model_validate(minimal_record(doc_id="ffffffffffffffff"))


def test_amount_defaults_to_danish_kroner():
    amount = Amount(value=1, raw="1 kr.", sentence="1 kr.",
                    evidence=Evidence(page=1, start=0, end=5))
    assert amount.currency == "DKK"
