"""Gold vs records: precision, recall and F1 per field.

    >>> scores = evaluate(Path("corpus/gold"), Path("outputs/records.jsonl"))  # doctest: +SKIP
    >>> scores["amounts"].f1  # doctest: +SKIP
    0.97

A gold file (``corpus/gold/<name>.json``) holds the values a person checked for
the letter ``corpus/letters/<name>.pdf``, in the record's shape but without
evidence offsets. A list field is compared as a multiset of key tuples (an
amount is its value, currency, ``per`` and ``range_to``); a single value
counts when either side has one, so a wrong guess costs precision and a miss
costs recall.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from models import FACT_FAMILIES, Letter, Sender
from models.record import model_lists, model_values

# Single values, by their path in the record: the letter's own, then its sender's
# ("letter.date", ..., "letter.sender.cvr").
SCALAR_FIELDS = [*(f"letter.{name}" for name in model_values(Letter)),
                 *(f"letter.sender.{name}" for name in model_values(Sender))]

# The keys an item of each list is compared on (the rest, such as evidence, is not scored).
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "recipients": ("name", "organisation", "address"),
    "case_numbers": ("kind", "value"),
    "question_refs": ("number", "series", "committee", "answered"),
    "amounts": ("value", "currency", "per", "range_to"),
    "dates": ("value",),
    "periods": ("start", "end"),
    "counts": ("value", "lemma"),
    "recommendations": ("text",),
}

# List fields, by their path and the keys an item is compared on: the letter's lists,
# then the facts ("letter.recipients", ..., "recommendations").
LIST_FIELDS: dict[str, tuple[str, ...]] = {
    **{f"letter.{name}": ITEM_KEYS[name] for name in model_lists(Letter)},
    **{family: ITEM_KEYS[family] for family in FACT_FAMILIES},
}


# Values of keys that gold written before they existed leaves out.
DEFAULTS = {"answered": False}


@dataclass
class Score:
    """Counts for one field, and the measures made from them."""

    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: Counter, gold: Counter) -> None:
        self.true_positives += sum((predicted & gold).values())
        self.predicted += sum(predicted.values())
        self.gold += sum(gold.values())


@dataclass
class Mismatch:
    """One letter's difference on one field: what was expected and what was found."""

    letter: str
    field: str
    missing: list
    unexpected: list


def evaluate(gold_dir: Path, records_jsonl: Path) -> tuple[dict[str, Score], list[Mismatch]]:
    """Score every letter that has both a gold file and a record."""
    records = records_by_stem(records_jsonl)
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        record = records.get(gold_path.stem)
        if record is not None:
            pairs.append((gold_path.stem, record, json.loads(gold_path.read_text("utf-8"))))
    return score(pairs)


def score(pairs: Iterable[tuple[str, dict, dict]]) -> tuple[dict[str, Score], list[Mismatch]]:
    """Scores over (letter name, record, gold) triples, and each letter's differences.

    A gold file's ``unscored`` list names fields left out for that letter (a letter
    cut off before its signature has no minister to find)."""
    scores = {field: Score() for field in [*SCALAR_FIELDS, *LIST_FIELDS]}
    mismatches: list[Mismatch] = []
    for name, record, gold in pairs:
        unscored = set(gold.get("unscored", []))
        for field, (predicted, expected) in compared_fields(record, gold):
            if field in unscored:
                continue
            scores[field].add(predicted, expected)
            if predicted != expected:
                mismatches.append(Mismatch(name, field,
                                           sorted(map(str, (expected - predicted).elements())),
                                           sorted(map(str, (predicted - expected).elements()))))
    return scores, mismatches


def records_by_stem(records_jsonl: Path) -> dict[str, dict]:
    records = {}
    for line in records_jsonl.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[Path(record["source"]["filename"]).stem] = record
    return records


def compared_fields(record: dict, gold: dict) -> Iterable[tuple[str, tuple[Counter, Counter]]]:
    for field in SCALAR_FIELDS:
        yield field, (scalar(at(record, field)), scalar(at(gold, field)))
    for field, keys in LIST_FIELDS.items():
        item_key = item_keyer(keys)
        yield field, (Counter(map(item_key, at(record, field) or [])),
                      Counter(map(item_key, at(gold, field) or [])))


def at(data: dict, path: str):
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def scalar(value) -> Counter:
    return Counter() if value is None else Counter([normalised(value)])


def item_keyer(keys: tuple[str, ...]) -> Callable[[dict], tuple]:
    # A key the gold leaves out ("answered" in older gold) reads as its default.
    return lambda item: tuple(normalised(item.get(key, DEFAULTS.get(key))) for key in keys)


def normalised(value):
    """Compare text without regard to case and spacing, numbers without regard to int/float."""
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def micro_average(scores: dict[str, Score]) -> Score:
    total = Score()
    for score in scores.values():
        total.true_positives += score.true_positives
        total.predicted += score.predicted
        total.gold += score.gold
    return total


def pooled(score_sets: list[dict[str, Score]]) -> dict[str, Score]:
    """Field by field, the counts of several sets of scores added up."""
    total: dict[str, Score] = {}
    for scores in score_sets:
        for field, one in scores.items():
            into = total.setdefault(field, Score())
            into.true_positives += one.true_positives
            into.predicted += one.predicted
            into.gold += one.gold
    return total
