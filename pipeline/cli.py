"""The ``ministerbrev`` command. Thin: it parses arguments and calls a flow.

    $ ministerbrev process corpus --out outputs
    $ ministerbrev schema > letter-record.schema.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

import pipeline  # noqa: F401  (Prefect settings before Prefect is imported)
from models import LetterRecord

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Danish ministerial letters (PDF) to validated JSON records.")
console = Console(stderr=True)


@app.command()
def process(
    paths: Annotated[list[Path], typer.Argument(help="PDFs or folders (searched recursively)")],
    out: Annotated[Path, typer.Option("--out", help="Output folder")] = Path("outputs"),
    workers: Annotated[int, typer.Option(min=1, help="Worker processes")] = 1,
    force: Annotated[bool, typer.Option(help="Process files that already have a record")] = False,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs")] = None,
) -> None:
    """Turn letters into records: OUT/records/<doc_id>.json, records.jsonl, failures.jsonl."""
    from flows import run_batch  # Prefect loads only for commands that need it

    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        console.print(f"[red]No such file or folder:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    summary = run_batch([str(p) for p in paths], out=str(out), workers=workers, force=force,
                        password=password, show_progress=console.is_terminal)
    print_summary(summary)


def print_summary(summary) -> None:
    table = Table(title=f"ministerbrev: {summary.out}", show_header=False)
    table.add_row("letters processed", str(summary.processed))
    table.add_row("unchanged (skipped)", str(summary.skipped))
    table.add_row("failed", str(summary.failed))
    for family, number in sorted(summary.facts.items()):
        table.add_row(f"  {family.replace('_', ' ')}", str(number))
    console.print(table)
    for message in summary.failures:
        console.print(f"[yellow]failed:[/yellow] {message}")
    if summary.failures:
        console.print(f"Details: {Path(summary.out) / 'failures.jsonl'}")


@app.command()
def evaluate(
    corpus: Annotated[Path, typer.Option(help="Folder with letters/ and gold/")] = Path("corpus"),
    out: Annotated[Path, typer.Option("--out", help="Output folder for the records")] = Path(
        "outputs"
    ),
    mismatches: Annotated[bool, typer.Option(help="List each letter's differences")] = False,
    min_f1: Annotated[float, typer.Option(help="Exit 1 if a field scores below this")] = 0.0,
) -> None:
    """Process the corpus letters and score the records against their gold, field by field."""
    from flows import run_batch
    from pipeline.evaluate import evaluate as score_records
    from pipeline.evaluate import micro_average

    run_batch([str(corpus / "letters")], out=str(out), show_progress=console.is_terminal)
    scores, differences = score_records(corpus / "gold", out / "records.jsonl")
    table = Table(title=f"ministerbrev evaluate: {corpus}")
    for column in ("field", "gold", "found", "correct", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for field, score in [*scores.items(), ("all (micro)", micro_average(scores))]:
        table.add_row(field, str(score.gold), str(score.predicted), str(score.true_positives),
                      f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    Console().print(table)
    if mismatches:
        for difference in differences:
            Console().print(f"[bold]{difference.letter}[/bold] {difference.field}: "
                            f"missing {difference.missing} unexpected {difference.unexpected}")
    if any(score.f1 < min_f1 for score in scores.values()):
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the record's JSON Schema, generated from the pydantic models."""
    print(json.dumps(LetterRecord.model_json_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    app()
