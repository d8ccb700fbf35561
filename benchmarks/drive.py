"""Run the real ``ministerbrev`` command once and report what the run did, as JSON.

    $ python benchmarks/drive.py REPORT.json process LETTERS --out OUT --workers 2

The arguments after REPORT.json go to the command unchanged (``pipeline.cli``).
The flow's own summary (letters, stage seconds) is caught on its way back from
``pipeline.run.flows.run_batch`` and written to REPORT.json with the time the imports
took, the time the model took to load and the time the run took, so
``benchmarks/run.py`` can tell start-up from work.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, not an install

from pipeline.run.settings import apply_run_settings  # noqa: E402

apply_run_settings()  # as the command does, before Prefect is imported (and timed) below
from pipeline.run.shared_server import use_shared_server  # noqa: E402

use_shared_server()  # as the command does for a run with work: the benchmark's runs all have
from pipeline import cli, process  # noqa: E402
from pipeline.run import flows  # noqa: E402

IMPORTED = time.perf_counter()


def catching(report: dict):
    """``pipeline.run.flows.run_batch`` as it is, keeping its summary and its duration in
    ``report``."""
    run_batch = flows.run_batch

    def caught(*args, **kwargs):
        started = time.perf_counter()
        summary = run_batch(*args, **kwargs)
        report.update(run_seconds=time.perf_counter() - started, processed=summary.processed,
                      skipped=summary.skipped, failed=summary.failed,
                      working_seconds=summary.working_seconds,
                      stage_seconds=dict(summary.stage_seconds))
        return summary

    return caught


def timing_model_load(report: dict):
    """``process.warmed_nlp`` as it is, keeping the seconds its first call (the load) took.
    The run loads the model in a thread while Prefect starts, so no stage shows it."""
    warmed_nlp = process.warmed_nlp

    def timed():
        started = time.perf_counter()
        nlp = warmed_nlp()
        report.setdefault("model_load_seconds", time.perf_counter() - started)
        return nlp

    return timed


def main(report_path: str, arguments: list[str]) -> None:
    report: dict = {"import_seconds": IMPORTED - STARTED}
    flows.run_batch = catching(report)  # the command looks it up when it runs
    process.warmed_nlp = timing_model_load(report)
    cli.app(args=arguments, standalone_mode=False)
    Path(report_path).write_text(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
