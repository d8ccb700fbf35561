"""The project's Prefect flows, by name. They live in ``pipeline.run``: the flows and the
calls that start them in ``pipeline.run.flows``, their schedules in
``pipeline.run.schedules``.

    $ python flows.py                    # every letter in corpus/ into outputs/
    $ python flows.py some/letters/      # the letters named instead
    $ python flows.py serve [--dry-run]  # the inbox and ODA flows on their schedule
    >>> summary = process_letters(["corpus"], out="outputs")  # doctest: +SKIP
    >>> summary.processed, summary.failed  # doctest: +SKIP
    (1, 0)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __name__ == "__main__":
    # Prefect reads its settings when it is first imported, by the imports below.
    from pipeline.run.settings import apply_run_settings

    apply_run_settings()
    # A batch, or serving, uses the shared Prefect server, as `ministerbrev` does.
    if not {"-h", "--help", "--dry-run"} & set(sys.argv[1:]):
        from pipeline.run.shared_server import SharedServerError, use_shared_server

        try:
            use_shared_server()
        except (ValueError, SharedServerError) as error:  # one line, as the command gives
            sys.exit(str(error))

from pipeline.run.flows import (  # noqa: E402  (after the settings, when run as a script)
    process_inbox,
    process_letters,
    process_oda,
    run_batch,
    run_inbox,
    run_oda,
)

__all__ = [
    "process_inbox",
    "process_letters",
    "process_oda",
    "run_batch",
    "run_inbox",
    "run_oda",
]


def main(arguments: list[str]) -> None:
    """``python flows.py [PATH ...]`` or ``python flows.py serve [--dry-run]``."""
    if arguments[:1] == ["serve"]:
        serve(serve_parser().parse_args(arguments[1:]).dry_run)
        return
    paths = batch_parser().parse_args(arguments).paths
    result = run_batch(paths or ["corpus"], out="outputs")
    print(f"{result.processed} processed, {result.skipped} unchanged, {result.failed} failed")


def batch_parser() -> argparse.ArgumentParser:
    """``python flows.py --help``: what the script runs, and where the full command is."""
    parser = argparse.ArgumentParser(
        prog="flows.py", usage="%(prog)s [-h] [PATH ...]\n       %(prog)s serve [--dry-run]",
        description="Runs the process-letters flow over PDFs (those in corpus/ when none are "
        "named) into outputs/; `flows.py serve` runs the inbox and ODA flows on their "
        "schedule. The `ministerbrev` command does the same with every option.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="PDFs or folders (searched recursively)")
    return parser


def serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flows.py serve", description="Serves the inbox flow (inbox/) and the ODA flow "
        "on their schedule, every morning at six, Danish time, writing into outputs/; "
        "`ministerbrev serve` takes other folders and times.")
    parser.add_argument("--dry-run", action="store_true",
                        help="Print the deployments and stop, instead of serving them")
    return parser


def serve(dry_run: bool) -> None:
    """The scheduled deployments, printed or served (which blocks until stopped)."""
    from pipeline.run.schedules import deployments, describe_deployments, serve_deployments

    scheduled = deployments()
    if dry_run:
        print(describe_deployments(scheduled))
    else:
        serve_deployments(scheduled, log=Path(scheduled[0].parameters["out"]) / "ministerbrev.log")


if __name__ == "__main__":
    main(sys.argv[1:])
