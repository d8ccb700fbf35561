"""The settings a run gives Prefect and OpenBLAS, applied by whatever starts a run.

Both read their settings from the environment when they are first imported, so each
entry point that runs a flow (the commands ``process``, ``evaluate``, ``inbox``, ``oda``
and ``serve``; ``python flows.py``; the tests) calls ``apply_run_settings`` before
anything imports Prefect or numpy. Importing the project sets nothing. A user's own
environment always wins: only defaults are set.

    >>> apply_run_settings()  # doctest: +SKIP
    >>> os.environ["OPENBLAS_NUM_THREADS"]  # doctest: +SKIP
    '1'
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.state import state_dir

# Why each default, and the figures behind them: docs/benchmarks.md, "Where the figures
# behind the design come from".
RUN_DEFAULTS = {
    # No network at run time: no usage analytics from the temporary server,
    # and none from the client (which otherwise prints a notice and phones home).
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    # The first start on a fresh home runs every database migration; on a
    # slow machine that outlasts Prefect's 20 s default.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "300",
    # Progress and the summary are ours to print; Prefect speaks up for problems.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "ERROR",
    # The temporary server records task runs from the events the tasks send. One database
    # transaction per event cost the server about as much CPU per letter as reading the
    # letter; batches cost less than half of that. A batch is written once a second, or
    # sooner when it is full: every write also reads the whole task-run table
    # (pipeline.run.history), so batches up to 500 write less often when letters come
    # fast, and a run still waits at most a second for the last one.
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "500",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "500",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    # Of the services a temporary server runs on every event, a run needs only the
    # task-run recorder. The rest (the events table behind the UI's event feed,
    # automations, streaming events and logs out to subscribers) cost CPU on every
    # letter, on the cores the letters need (benchmarks/prefect_cost.py).
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
    "PREFECT_API_EVENTS_STREAM_OUT_ENABLED": "false",
    "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED": "false",
    # One thread per process for the model's matrix products: parallel work comes
    # from worker processes (--workers), and threads on top would fight them for cores.
    "OPENBLAS_NUM_THREADS": "1",
}


def apply_run_settings() -> None:
    """Keep Prefect local, quiet and offline, with its home in the project's state folder
    (``pipeline.state``), and OpenBLAS to one thread, unless the user configured otherwise.
    Safe to call more than once."""
    os.environ.setdefault("PREFECT_HOME", str(state_dir() / "prefect"))
    for name, value in RUN_DEFAULTS.items():
        os.environ.setdefault(name, value)
    # Prefect creates its home without parents, and warns when it cannot.
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)
