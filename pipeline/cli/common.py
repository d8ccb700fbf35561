"""What every command shares: the Typer app, the console for messages, the checks run first.

    >>> app.info.help
    'Danish ministerial letters (PDF) to validated JSON records.'
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline.state import history_days

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Danish ministerial letters (PDF) to validated JSON records.")
# Each command module decorates its commands with this; ``register_commands`` imports the
# modules, in the order the help lists them.
command = app.command()
COMMAND_MODULES = ("runs", "measuring", "analysis")
# soft_wrap: a message naming a file keeps its path on one line, whatever the width.
console = Console(stderr=True, soft_wrap=True)

OutFolder = Annotated[Path, typer.Option("--out", help="Output folder holding letters.sqlite")]


@app.callback()
def check_environment() -> None:
    # Settings read from the environment are checked before any command starts on letters.
    try:
        history_days()
    except ValueError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None


def register_commands() -> None:
    """Import the command modules, so that each adds its commands to ``app``."""
    for name in COMMAND_MODULES:
        importlib.import_module(f"pipeline.cli.{name}")
