"""The genuine letters: texts in ``../shared/data/real-letters``, gold in ``corpus/real/gold``.

    >>> letters = load_genuine(Path("../shared/data/real-letters"))  # doctest: +SKIP
    >>> letters[0].name, letters[0].split, letters[0].roles()[1]  # doctest: +SKIP
    ('001_JM_2011_UFO_spm15', 'dev', 'stamp')

Each letter's gold says the role of every line (``stamp``, ``letterhead``,
``recipient``, ``dateblock``, ``subject``, ``body``, ``signature``, ``footer``),
which ``pipeline.typeset`` uses to lay the text out as a ministry's template
would, and what a correct record holds (``corpus/real/README.md``).

``python -m pipeline.genuine`` checks every gold file against its text.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from models import FACT_FAMILIES, Letter
from pipeline.evaluate import (
    LIST_FIELDS,
    SCALAR_FIELDS,
    micro_average,
    pooled,
    records_by_stem,
    score,
)
from pipeline.typeset import flow_pdf, template_pdf

REPO = Path(__file__).resolve().parent.parent
GOLD_DIR = REPO / "corpus" / "real" / "gold"
SPLIT_FILE = REPO / "corpus" / "real" / "split.toml"
LETTERS_DIR = REPO.parent / "shared" / "data" / "real-letters"

ROLES = ("stamp", "letterhead", "recipient", "dateblock", "subject", "body", "signature",
         "footer")
# Roles whose lines are running text: facts are read there only.
RUNNING_ROLES = ("body", "signature")


@dataclass(frozen=True)
class GenuineLetter:
    """One genuine letter: its published text, its gold, and the split it belongs to."""

    name: str
    text: str
    gold: dict
    split: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def roles(self) -> dict[int, str]:
        """The role of each line, by 1-based line number."""
        return roles_of(self.gold.get("lines", {}))


def roles_of(spec: dict[str, str]) -> dict[int, str]:
    """``{"stamp": "1-4", "body": "9-12,15"}`` -> ``{1: "stamp", ..., 15: "body"}``.

    >>> roles_of({"stamp": "1-2", "body": "3,5"})
    {1: 'stamp', 2: 'stamp', 3: 'body', 5: 'body'}
    """
    roles: dict[int, str] = {}
    for role, ranges in spec.items():
        for part in str(ranges).split(","):
            part = part.strip()
            if not part:
                continue
            first, _, last = part.partition("-")
            for number in range(int(first), int(last or first) + 1):
                roles[number] = role
    return dict(sorted(roles.items()))


def splits(split_file: Path = SPLIT_FILE) -> dict[str, str]:
    """Letter name -> ``"dev"`` or ``"test"``."""
    data = tomllib.loads(split_file.read_text(encoding="utf-8"))
    return {name: split for split in ("dev", "test") for name in data[split]}


def load_genuine(letters_dir: Path = LETTERS_DIR, gold_dir: Path = GOLD_DIR,
                 split: str | None = None) -> list[GenuineLetter]:
    """Every letter that has both a text and a gold file, optionally of one split."""
    split_of = splits()
    letters = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        text_path = letters_dir / f"{gold_path.stem}.txt"
        if not text_path.exists():
            continue
        letter = GenuineLetter(
            name=gold_path.stem,
            text=text_path.read_text(encoding="utf-8"),
            gold=json.loads(gold_path.read_text(encoding="utf-8")),
            split=split_of.get(gold_path.stem, "dev"),
        )
        if split is None or letter.split == split:
            letters.append(letter)
    return letters


# -- checking a gold file ------------------------------------------------------------------


def problems_of(letter: GenuineLetter) -> list[str]:
    """What is wrong with a gold file: lines without a role, raws not in the running text,
    values off the contract's shape."""
    problems = []
    roles = letter.roles()
    for number, line in enumerate(letter.lines, start=1):
        if line.strip() and number not in roles:
            problems.append(f"line {number} has no role: {line[:60]!r}")
        if number in roles and roles[number] not in ROLES:
            problems.append(f"line {number}: unknown role {roles[number]!r}")
    running = "\n".join(line for number, line in enumerate(letter.lines, start=1)
                        if roles.get(number) in RUNNING_ROLES)
    for family in FACT_FAMILIES:
        for fact in letter.gold.get(family, []):
            raw = fact.get("raw")
            if raw and raw not in running:
                problems.append(f"{family}: raw {raw!r} is not in a body or signature line")
    for date in letter.gold.get("dates", []):
        if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date.get("value", "")):
            problems.append(f"dates: {date.get('value')!r} is not YYYY-MM(-DD)")
    try:
        Letter.model_validate(with_raws(letter.gold.get("letter", {})))
    except ValueError as error:
        problems.append(f"letter: {error}")
    return problems


def with_raws(letter: dict) -> dict:
    """The gold's letter part with the ``raw`` keys the contract wants and gold leaves out."""
    letter = json.loads(json.dumps(letter))
    for key in ("case_numbers", "question_refs"):
        for item in letter.get(key, []):
            item.setdefault("raw", "")
    return letter


# -- setting the letters into PDFs and scoring what the pipeline reads from them ---------------

RENDERINGS = ("flow", "template")


def pdf_of(letter: GenuineLetter, rendering: str) -> bytes:
    """The letter set into a PDF: ``"flow"`` as published, ``"template"`` by line role."""
    return flow_pdf(letter.text) if rendering == "flow" else template_pdf(letter.text,
                                                                          letter.roles())


@dataclass
class GenuineScores:
    """Scores per (split, rendering), and each letter's differences."""

    scores: dict[tuple[str, str], dict]
    mismatches: dict[tuple[str, str], list]

    def micro(self, split: str, rendering: str | None = None):
        """The micro-average over fields, of one rendering or of both together."""
        keys = [(split, r) for r in RENDERINGS if rendering in (None, r)]
        return micro_average(pooled([self.scores[key] for key in keys if key in self.scores]))

    def field(self, split: str, field: str, rendering: str | None = None):
        keys = [(split, r) for r in RENDERINGS if rendering in (None, r)]
        return pooled([self.scores[key] for key in keys if key in self.scores])[field]


    def lowest_f1(self) -> float:
        """The lowest F1 of any field on any split, both renderings together."""
        splits = {split for split, _rendering in self.scores}
        return min((self.field(split, field).f1 for split in splits
                    for field in [*SCALAR_FIELDS, *LIST_FIELDS]), default=1.0)


def score_table(result: GenuineScores) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: F1 per field for each split and rendering, and both renderings."""
    columns = [(split, rendering) for split in ("dev", "test")
               for rendering in (*RENDERINGS, None)
               if (split, rendering or RENDERINGS[0]) in result.scores]
    headers = ["field", *(f"{split} {rendering or 'both'}" for split, rendering in columns),
               "gold items (dev/test)"]
    rows = []
    for field in [*SCALAR_FIELDS, *LIST_FIELDS, "all (micro)"]:
        def score_of(split, rendering, field=field):
            if field == "all (micro)":
                return result.micro(split, rendering)
            return result.field(split, field, rendering)

        cells = [f"{score_of(split, rendering).f1:.3f}" for split, rendering in columns]
        golds = [str(score_of(split, RENDERINGS[0]).gold) for split in ("dev", "test")
                 if (split, RENDERINGS[0]) in result.scores]
        rows.append([field, *cells, "/".join(golds)])
    return headers, rows


def evaluate_genuine(letters: list[GenuineLetter], work: Path, workers: int = 1,
                     show_progress: bool = False) -> GenuineScores:
    """Set every letter into a PDF each way, process them with the pipeline's flow into
    ``work/<rendering>/``, and score the records against the gold."""
    from pipeline.run.flows import run_batch  # Prefect loads only when letters are processed

    scores, mismatches = {}, {}
    for rendering in RENDERINGS:
        pdfs = work / rendering / "letters"
        pdfs.mkdir(parents=True, exist_ok=True)
        for letter in letters:
            (pdfs / f"{letter.name}.pdf").write_bytes(pdf_of(letter, rendering))
        out = work / rendering / "out"
        run_batch([str(pdfs)], out=str(out), workers=workers, show_progress=show_progress,
                  force=True)
        records = records_by_stem(out / "records.jsonl")
        for split in ("dev", "test"):
            pairs = [(letter.name, records[letter.name], letter.gold) for letter in letters
                     if letter.split == split and letter.name in records]
            if pairs:
                scores[split, rendering], mismatches[split, rendering] = score(pairs)
    return GenuineScores(scores, mismatches)


def main() -> int:
    letters = load_genuine()
    bad = 0
    for letter in letters:
        for problem in problems_of(letter):
            bad += 1
            print(f"{letter.name}: {problem}")
    print(f"{len(letters)} gold files checked, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
