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
from rich.text import Text

from pipeline.state import history_days

# -h works as --help on the app and, through the context, on every command.
app = typer.Typer(add_completion=False, no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Danish ministerial letters (PDF) to validated JSON records.")
# Each command module decorates its commands with this; ``register_commands`` imports the
# modules, in the order the help lists them.
command = app.command()
COMMAND_MODULES = ("runs", "measuring", "analysis", "reading")
# soft_wrap: a message naming a file keeps its path on one line, whatever the width.
console = Console(stderr=True, soft_wrap=True)


def check_out(out: Path | None) -> Path | None:
    """``--out`` must be a folder, or a path where one can be made: a file there (or above it)
    is a mistake in what was asked, said in one line (exit 2) before any work starts.

    Every command's ``--out`` takes it as its callback.
    """
    if out is None:
        return out
    for path in (out, *out.parents):
        if path.exists():
            if path == out and not path.is_dir():
                raise fail(f"--out {out} is a file, not a folder", 2)
            if not path.is_dir():
                raise fail(f"--out {out} is not a folder: {path} is a file", 2)
            break
    return out


def fail(message: str, code: int) -> typer.Exit:
    """Print one line for a mistake (``code`` 2) or for something outside that failed (1);
    ``raise fail(...)`` ends the command with that exit code."""
    console.print(Text(message, style="red"), highlight=False)
    return typer.Exit(code)


def reach_dask(address: str | None) -> None:
    """With a Dask scheduler to run on, make sure it answers before any flow starts; if it
    does not, one line and exit 1."""
    if not address:
        return
    from pipeline.run.tasks import SchedulerUnreachable, reach_scheduler

    try:
        reach_scheduler(address)
    except SchedulerUnreachable as error:
        raise fail(str(error), 1) from None


OutFolder = Annotated[Path, typer.Option(
    "--out", callback=check_out, help="Output folder holding letters.sqlite")]


def installed_version() -> str:
    """The version of the installed ``ministerbrev`` distribution.

        >>> installed_version().count(".") >= 1
        True
    """
    from importlib.metadata import version

    return version("ministerbrev")


def print_version(asked: bool) -> None:
    if asked:
        print(f"ministerbrev {installed_version()}")
        raise typer.Exit()


@app.callback()
def check_environment(
    _version: Annotated[bool, typer.Option(
        "--version", callback=print_version, is_eager=True, help="Print the version and exit")
    ] = False,
) -> None:
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
