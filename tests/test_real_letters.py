"""Genuine letters: what real ministries send, scored against hand-checked gold.

The texts are Folketinget's and stay in ``../shared/data/real-letters``; the gold
is ours (``corpus/real/gold``). Each letter is set into a PDF twice
(``pipeline.typeset``: the text flow, and a ministry's template), run through the
real flow, and scored per split. The floors below are where the pipeline stands;
``docs/accuracy.md`` has the figures and the goal.
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import LIST_FIELDS, SCALAR_FIELDS
from pipeline.genuine import LETTERS_DIR, RENDERINGS, evaluate_genuine, load_genuine, problems_of

pytestmark = pytest.mark.skipif(
    not LETTERS_DIR.is_dir(),
    reason=f"the genuine letters are not here ({LETTERS_DIR}): a clone without ../shared",
)

# The goal: micro-F1 0.95 on dev and 0.93 on test (both renderings together), and
# every field 0.90. Dev and the micro-averages meet it; on the test split two fields with
# few gold items do not yet (docs/accuracy.md), so their floor is below where they stand.
MICRO_FLOOR = {"dev": 0.95, "test": 0.93}
FIELD_FLOOR = {"dev": 0.90, "test": 0.75}
# The dev split on a page of 220 points stands near 0.99 (docs/accuracy.md): a floor close
# under it, so that a change that breaks wrapped lines shows here.
NARROW_PAGE_FLOOR = 0.98


@pytest.fixture(scope="module")
def genuine(tmp_path_factory):
    letters = load_genuine()
    assert len(letters) == 76, "every genuine letter has gold"
    return evaluate_genuine(letters, tmp_path_factory.mktemp("genuine"))


def test_every_gold_file_fits_its_letter():
    problems = [f"{letter.name}: {problem}" for letter in load_genuine()
                for problem in problems_of(letter)]
    assert problems == []


def test_the_splits_are_56_and_20_letters():
    letters = load_genuine()
    assert sum(letter.split == "dev" for letter in letters) == 56
    assert sum(letter.split == "test" for letter in letters) == 20


@pytest.mark.prefect
@pytest.mark.parametrize("split", ["dev", "test"])
def test_micro_f1_stays_above_its_floor(genuine, split):
    micro = genuine.micro(split)
    assert micro.f1 >= MICRO_FLOOR[split], (
        f"{split}: micro-F1 {micro.f1:.3f} (P {micro.precision:.3f}, R {micro.recall:.3f})")


@pytest.mark.prefect
@pytest.mark.parametrize("rendering", RENDERINGS)
def test_both_ways_of_setting_a_letter_are_read(genuine, rendering):
    """The flow and the template each score, so neither path through reading is dead."""
    assert genuine.micro("dev", rendering).f1 >= MICRO_FLOOR["dev"]
    assert genuine.micro("test", rendering).f1 >= MICRO_FLOOR["test"] - 0.01


@pytest.mark.prefect
@pytest.mark.parametrize("split", ["dev", "test"])
def test_no_field_falls_below_its_floor(genuine, split):
    low = {field: round(genuine.field(split, field).f1, 3)
           for field in [*SCALAR_FIELDS, *LIST_FIELDS]
           if genuine.field(split, field).f1 < FIELD_FLOOR[split]}
    assert low == {}


@pytest.mark.slow
def test_the_flow_reads_as_well_on_a_narrower_page(tmp_path):
    """A PDF printed from the text on a narrower page wraps its long lines elsewhere: a
    letterhead line's rest, a sentence's last words, a name after a long last line. The
    dev split set in a column of 220 points instead of 475 scores as well."""
    from pipeline.evaluate import micro_average, score
    from pipeline.process import process_file
    from pipeline.typeset import flow_pdf

    pairs = []
    for letter in load_genuine(split="dev"):
        path = tmp_path / f"{letter.name}.pdf"
        path.write_bytes(flow_pdf(letter.text, width=220))
        record = process_file(path).record
        pairs.append((letter.name, record.model_dump(mode="json"), letter.gold))
    scores, mismatches = score(pairs)
    assert micro_average(scores).f1 >= NARROW_PAGE_FLOOR, mismatches
