"""The README's table of commands names every command of the ``ministerbrev`` CLI and each
long option it takes, so an option added to the code without a word in the README fails here."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from pipeline.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def cli_commands() -> dict[str, list[str]]:
    """Each command's name and its long options (``--out``), as the Typer app declares them.

    The ``--no-…`` form of a flag is left out: it comes with its ``--…`` form.
    """
    group = typer.main.get_command(app)
    commands: dict[str, list[str]] = {}

    def walk(command, prefix: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            full = f"{prefix}{name}"
            if getattr(sub, "commands", None):  # a group (``server``): its commands have rows
                walk(sub, f"{full} ")
                continue
            commands[full] = [option for param in sub.params
                              if param.param_type_name == "option" and not param.hidden
                              for option in param.opts if option.startswith("--")]
            walk(sub, f"{full} ")

    walk(group, "")
    return commands


def readme_rows() -> dict[str, str]:
    """The rows of the table under the README's ``## Commands``, keyed by command name.

    A row starts with the command in backticks, its arguments in capitals after it:
    ``| `process PATHS…` | `--out` … |``.
    """
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Commands\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert section, "README.md has no section `## Commands`"
    rows = {}
    for line in section.group(1).splitlines():
        match = re.match(r"\|\s*`([a-z][a-z-]*(?: [a-z][a-z-]*)*)(?: [^`]*)?`\s*\|", line)
        if match:
            rows[match.group(1)] = line
    return rows


def mentions(text: str, option: str) -> bool:
    """``--out`` is named in the text, and not only as part of ``--out-dir``."""
    return re.search(re.escape(option) + r"(?![\w-])", text) is not None


def test_the_cli_has_commands():
    commands = cli_commands()
    assert {"process", "query", "serve"} <= commands.keys()
    assert "--out" in commands["process"]


def test_every_command_and_option_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    rows = readme_rows()
    missing = []
    for command, options in cli_commands().items():
        if f"ministerbrev {command}" not in text:
            missing.append(f"`ministerbrev {command}` is not mentioned")
        row = rows.get(command)
        if row is None:
            missing.append(f"`{command}` has no row in the table of commands")
            continue
        missing.extend(f"`{command} {option}` is not in its row"
                       for option in options if not mentions(row, option))
    assert not missing, "README.md lacks:\n" + "\n".join(missing)


def test_the_readme_names_no_command_or_option_that_is_gone():
    commands = cli_commands()
    gone = []
    for command, row in readme_rows().items():
        if command not in commands:
            gone.append(f"`{command}`")
            continue
        gone.extend(f"`{command} {option}`" for option in re.findall(r"--[a-z][\w-]*", row)
                    if option not in commands[command])
    assert not gone, "README.md's table of commands names what the CLI lacks: " + ", ".join(gone)
