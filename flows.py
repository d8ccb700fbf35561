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

import sys

if __name__ == "__main__":
    # Prefect reads its settings when it is first imported, by the imports below.
    from pipeline.run.settings import apply_run_settings

    apply_run_settings()

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
        from pipeline.run.schedules import deployments, describe_deployments, serve_deployments

        scheduled = deployments()
        if "--dry-run" in arguments:
            print(describe_deployments(scheduled))
        else:
            serve_deployments(scheduled)
        return
    result = run_batch(arguments or ["corpus"], out="outputs")
    print(f"{result.processed} processed, {result.skipped} unchanged, {result.failed} failed")


if __name__ == "__main__":
    main(sys.argv[1:])
