"""Our own corpus, scored against its gold through the real flow: the floor it keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows import run_batch
from pipeline.evaluate import evaluate, micro_average

pytestmark = pytest.mark.prefect

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MICRO_FLOOR = 0.99
FIELD_FLOOR = 0.95


def test_the_corpus_keeps_its_scores(tmp_path):
    run_batch([str(CORPUS / "letters")], out=str(tmp_path))
    scores, mismatches = evaluate(CORPUS / "gold", tmp_path / "records.jsonl")
    micro = micro_average(scores)
    differences = [f"{m.letter} {m.field}: -{m.missing} +{m.unexpected}" for m in mismatches]
    assert micro.f1 >= MICRO_FLOOR, differences
    assert {field: round(score.f1, 3) for field, score in scores.items()
            if score.f1 < FIELD_FLOOR} == {}, differences
