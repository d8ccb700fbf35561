"""docs/record.md says what the models validate: it is their generated description."""

from pathlib import Path
from typing import get_args

from models.docs import COMMAND, models_in, render
from models.failure import FAILURE_MEANINGS, Failure, FailureCode
from models.record import FACT_FAMILIES, LetterRecord

RECORD_DOCS = Path(__file__).resolve().parents[1] / "docs" / "record.md"


def test_committed_record_docs_match_the_models():
    committed = RECORD_DOCS.read_text(encoding="utf-8")
    assert committed == render(), (
        f"docs/record.md differs from the models; regenerate it with `{COMMAND}`")


def test_every_field_is_described():
    # render() refuses a field without a description; this names them all at once.
    undescribed = [f"{model.__name__}.{name}"
                   for model in [*models_in(LetterRecord), Failure]
                   for name, field in model.model_fields.items() if not field.description]
    assert not undescribed


def test_every_failure_code_has_a_meaning():
    assert list(FAILURE_MEANINGS) == list(get_args(FailureCode))


def test_fact_families_are_the_record_lists_with_evidence():
    assert FACT_FAMILIES == ("amounts", "dates", "periods", "counts", "recommendations")
    for family in FACT_FAMILIES:
        [item] = get_args(LetterRecord.model_fields[family].annotation)
        assert "evidence" in item.model_fields
