"""The scheduled runs: the inbox and ODA flows as deployments on a cron line, in Danish
time, and serving them.

    >>> print(describe_deployments(deployments("0 6 * * *")))  # doctest: +SKIP
    process-inbox/inbox cron=0 6 * * * (Europe/Copenhagen) parameters={...}
    process-oda/oda cron=0 6 * * * (Europe/Copenhagen) parameters={...}
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import prefect
from prefect.schedules import Cron

from pipeline.limits import Limits
from pipeline.run.flows import SERVED_WORKERS_ENV, process_inbox, process_oda
from pipeline.run.tasks import AUTO
from pipeline.sources.oda import OdaSettings

DEFAULT_CRON = "0 6 * * *"  # every morning at six
SCHEDULE_TIMEZONE = "Europe/Copenhagen"
# What Prefect's UI says of each deployment (by default it would show the flow's docstring,
# examples and all).
INBOX_DESCRIPTION = ("Processes the PDFs in the inbox folder whose content no earlier run "
                     "has seen, and writes their records into the output folder.")
ODA_DESCRIPTION = ("Fetches the letters published on Folketinget's open data (ODA) since "
                   "the last run and writes their records into the output folder.")


def deployments(cron: str = DEFAULT_CRON, inbox: str = "inbox", out: str = "outputs",
                oda_parameters: dict | None = None, letters_per_task: int = AUTO,
                limits: Limits | None = None, oda_settings: OdaSettings | None = None) -> list:
    """The scheduled deployments: the inbox and ODA flows, each on ``cron``; only what
    differs from the flows' defaults is a parameter. (A served run loads its flow anew, so
    it runs with the flow's own task runner, whose workers ``serve_deployments`` sets.)

        >>> [d.name for d in deployments("0 6 * * *")]  # doctest: +SKIP
        ['inbox', 'oda']
    """
    out = str(Path(out).resolve())
    runs = run_parameters(letters_per_task, limits)
    if oda_settings and oda_settings != OdaSettings():
        oda_parameters = {**(oda_parameters or {}), "settings": asdict(oda_settings)}
    return [
        process_inbox.to_deployment(
            name="inbox", schedule=danish_cron(cron), description=INBOX_DESCRIPTION,
            parameters={"inbox": str(Path(inbox).resolve()), "out": out, **runs}),
        process_oda.to_deployment(
            name="oda", schedule=danish_cron(cron), description=ODA_DESCRIPTION,
            parameters={"out": out, **(oda_parameters or {}), **runs}),
    ]


def run_parameters(letters_per_task: int, limits: Limits | None) -> dict:
    """The flows' parameters for letters per task and limits, where not their defaults
    (JSON, as a deployment keeps them; the flow reads them back into ``Limits``)."""
    parameters: dict = {}
    if letters_per_task != AUTO:
        parameters["letters_per_task"] = letters_per_task
    if limits and limits != Limits():
        parameters["limits"] = asdict(limits)
    return parameters


def danish_cron(cron: str) -> Cron:
    """``cron`` read in Danish time, where the letters' readers are (Prefect's default is UTC)."""
    return Cron(cron, timezone=SCHEDULE_TIMEZONE)


def describe_deployments(found: list) -> str:
    """One line per deployment: its flow, name, schedule and parameters (``serve --dry-run``)."""
    lines = []
    for deployment in found:
        crons = [f"{getattr(s.schedule, 'cron', '?')} ({getattr(s.schedule, 'timezone', '')})"
                 for s in deployment.schedules or ()]
        lines.append(f"{deployment.flow_name}/{deployment.name} cron={','.join(crons)} "
                     f"parameters={json.dumps(deployment.parameters, ensure_ascii=False)}")
    return "\n".join(lines)


def serve_deployments(found: list, workers: int = 1) -> None:
    """Register the deployments with Prefect and run them on schedule, each run with
    ``workers`` worker threads; blocks until stopped.

    Ctrl-C (SIGINT) and SIGTERM stop it within seconds: Prefect cancels a run in progress
    (the letters it finished are in the output folder; the next run goes on from there)
    and returns."""
    os.environ[SERVED_WORKERS_ENV] = str(workers)  # the runs' processes inherit it
    prefect.serve(*found)
