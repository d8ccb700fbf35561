"""The commands about the record and how well it is read: ``schema`` and ``evaluate``."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from models import LetterRecord
from pipeline.cli.common import (
    check_out,
    command,
    console,
    fail,
    reach_dask,
    shown,
    use_prefect_server,
)
from pipeline.run.settings import apply_run_settings


@command
def evaluate(
    corpus: Annotated[Path, typer.Option(help="Folder with letters/ and gold/")] = Path("corpus"),
    out: Annotated[Path | None, typer.Option("--out", callback=check_out, help=(
        "Output folder for the records; by default a fresh folder under .state/evaluate "
        "(its path is printed first), so outputs/ is left as it is"))] = None,
    real: Annotated[Path | None, typer.Option(
        help="Score the genuine letters in this folder (their .txt files, e.g. "
        "../shared/data/real-letters) against corpus/real/gold instead, each set into a "
        "PDF as the text flow and in a ministry's template")] = None,
    mismatches: Annotated[bool, typer.Option(
        help="List each letter's differences (of the genuine letters: the dev split's "
        "only, so the test split stays unread)")] = False,
    min_f1: Annotated[float, typer.Option(help="Exit 1 if a field scores below this")] = 0.0,
    markdown: Annotated[bool, typer.Option(
        help="With --real: print the scores as a Markdown table (docs/accuracy.md)")] = False,
) -> None:
    """Process letters and score the records against their gold, field by field."""
    apply_run_settings()  # both ways process letters through the flow
    reach_dask(os.environ.get("MINISTERBREV_DASK_ADDRESS"))  # where run_batch would send them
    if out is None:
        out = fresh_evaluation_folder()
    console.print(Text(f"Records go to {shown(out)}"), highlight=False)
    use_prefect_server()
    if real is not None:
        evaluate_real(real, out, mismatches, min_f1, markdown)
        return
    from pipeline.evaluate import evaluate as score_records
    from pipeline.evaluate import micro_average
    from pipeline.run.flows import run_batch

    run_batch([str(corpus / "letters")], out=str(out), show_progress=console.is_terminal)
    scores, differences = score_records(corpus / "gold", out / "records.jsonl")
    table = Table(title=Text(f"ministerbrev evaluate: {shown(corpus)}"))
    for column in ("field", "gold", "found", "correct", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for field, score in [*scores.items(), ("all (micro)", micro_average(scores))]:
        table.add_row(field, str(score.gold), str(score.predicted), str(score.true_positives),
                      f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    Console().print(table)
    if mismatches:
        for difference in differences:
            Console().print(Text.assemble(
                (shown(difference.letter), "bold"), f" {difference.field}: missing "
                f"{shown(difference.missing)} unexpected {shown(difference.unexpected)}"))
    if any(score.f1 < min_f1 for score in scores.values()):
        raise typer.Exit(1)


def fresh_evaluation_folder() -> Path:
    """A new folder under ``.state/evaluate`` for one evaluation's records.

    Each evaluation processes every letter afresh into its own folder: the records it
    scores are its own, and an analyst's ``outputs/`` and its store stay untouched.
    """
    import tempfile

    from pipeline.state import state_dir

    parent = state_dir() / "evaluate"
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=parent))


def evaluate_real(letters_dir: Path, out: Path, mismatches: bool, min_f1: float,
                  markdown: bool = False) -> None:
    """The genuine letters: F1 per field for each split, each way of setting them, and both."""
    from pipeline.genuine import evaluate_genuine, load_genuine, score_table

    if not letters_dir.is_dir():
        raise fail(f"No such folder: {letters_dir}", 2)
    letters = load_genuine(letters_dir)
    if not letters:
        raise fail(f"No letter in {letters_dir} has gold in corpus/real/gold", 2)
    result = evaluate_genuine(letters, out / "genuine", show_progress=console.is_terminal)
    headers, rows = score_table(result)
    if markdown:
        print("| " + " | ".join(headers) + " |")
        print("|" + "|".join(" --- " for _ in headers) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        table = Table(title=Text(
            f"ministerbrev evaluate: genuine letters in {shown(letters_dir)} (F1)"))
        for index, header in enumerate(headers):
            table.add_column(header, justify="left" if index == 0 else "right")
        for row in rows:
            table.add_row(*row)
        # Wide enough for every column also when the output goes to a file.
        Console(width=None if console.is_terminal else 140).print(table)
    if mismatches:
        for (split, rendering), differences in result.mismatches.items():
            if split != "dev":
                continue
            for difference in differences:
                Console(width=None if console.is_terminal else 200).print(Text.assemble(
                    (shown(difference.letter), "bold"), f" ({rendering}) {difference.field}: "
                    f"missing {shown(difference.missing)} "
                    f"unexpected {shown(difference.unexpected)}"))
    if result.lowest_f1() < min_f1:
        raise typer.Exit(1)


@command
def schema() -> None:
    """Print the record's JSON Schema, generated from the pydantic models."""
    print(json.dumps(LetterRecord.model_json_schema(), indent=2, ensure_ascii=False))
