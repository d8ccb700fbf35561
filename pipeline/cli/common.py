"""What every command shares: the Typer app, the console for messages, the checks run first.

    >>> app.info.help
    'Danish ministerial letters (PDF) to validated JSON records.'
"""

from __future__ import annotations

import errno
import functools
import importlib
import logging
import sqlite3
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.text import Text

from pipeline.state import history_days, state_dir

# -h works as --help on the app and, through the context, on every command.
app = typer.Typer(add_completion=False, no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Danish ministerial letters (PDF) to validated JSON records.")
COMMAND_MODULES = ("runs", "measuring", "analysis", "reading", "server")
# soft_wrap: a message naming a file keeps its path on one line, whatever the width.
console = Console(stderr=True, soft_wrap=True)


def command(function: Callable) -> Callable:
    """Register ``function`` as a command of ``app``, guarded: an error it does not handle
    itself (a full disk, a folder it may not write, a damaged store, a bug) is one line on
    the screen and exit 1, its traceback in a log file. Each command module decorates its
    commands with it; ``register_commands`` imports the modules, in the order the help
    lists them."""
    return app.command()(guard(function))


def guard(function: Callable) -> Callable:
    """``function`` with ``command``'s guard, for a command of a group of its own."""

    @functools.wraps(function)
    def guarded(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.Abort,
                click.ClickException):
            raise
        except Exception as error:
            out = kwargs.get("out")
            log = log_traceback(error, Path(out) if out else None)
            where = f" (details: {log})" if log else ""
            raise fail(what_went_wrong(error, out) + where, 1) from None

    return guarded


def what_went_wrong(error: Exception, out: Path | None) -> str:
    """One line for an error no command handled: the disk, the folder's rights, the store.

        >>> what_went_wrong(OSError(errno.ENOSPC, "No space left on device", "out/x"), None)
        'No space left on the disk: could not write out/x'
    """
    target = getattr(error, "filename", None) or out or "the output folder"
    if isinstance(error, OSError) and error.errno == errno.ENOSPC or \
            "database or disk is full" in str(error):
        return f"No space left on the disk: could not write {target}"
    if isinstance(error, OSError) and error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"Could not write {target}: {error.strerror}"
    if "readonly database" in str(error):
        return f"Could not write {target}: it is read-only"
    if isinstance(error, sqlite3.DatabaseError):
        return (f"The store in {target} could not be read ({error}): "
                f"`ministerbrev reindex --out {target}` rebuilds it from records.jsonl")
    first_line = (str(error).strip().splitlines() or [""])[0]
    return f"ministerbrev stopped on an error: {type(error).__name__}: {first_line}"


def log_traceback(error: Exception, out: Path | None) -> Path | None:
    """Append the error's traceback to OUT/ministerbrev.log, or to the state folder's log
    where there is no output folder or it cannot be written; None if neither can."""
    for folder in ([out] if out else []) + [state_dir()]:
        log = folder / "ministerbrev.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as file:
                file.write("".join(traceback.format_exception(error)))
            return log
        except OSError:
            logging.getLogger("ministerbrev").debug("could not log to %s", log)
    return None


def shown(text: object) -> str:
    """``text`` as the screen may show it: control characters escaped (a file name can hold
    an escape sequence, which a terminal would obey), everything else as it is.

        >>> print(shown("brev\\x1b[31m.pdf"))
        brev\\x1b[31m.pdf
    """
    return "".join(
        character.encode("unicode_escape").decode("ascii")
        if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") and character != "\n"
        else character for character in str(text))


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
    console.print(Text(shown(message), style="red"), highlight=False)
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
    from pipeline.run.shared_server import idle_minutes

    try:
        history_days()
        idle_minutes()
    except ValueError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None


def register_commands() -> None:
    """Import the command modules, so that each adds its commands to ``app``."""
    for name in COMMAND_MODULES:
        importlib.import_module(f"pipeline.cli.{name}")


def use_prefect_server() -> None:
    """Before Prefect is imported: point the run at the shared Prefect server, started if
    none answers (``pipeline.run.shared_server``); a server that cannot start is one line.
    (The app's callback has refused idle minutes that are not a number.)"""
    from pipeline.run.shared_server import SharedServerError, use_shared_server

    try:
        use_shared_server(on_start=say_server_starting)
    except SharedServerError as error:
        raise fail(str(error), 1) from None


def say_server_starting() -> None:
    from pipeline.run.shared_server import idle_minutes

    if console.is_terminal:
        console.print(f"Starting Prefect's server for this run and the runs after it (it "
                      f"stops after {idle_minutes():g} idle minutes; `ministerbrev server "
                      "stop` stops it now)", highlight=False)
