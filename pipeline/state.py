"""Where the project keeps its local state, and the settings it gives Prefect and OpenBLAS.

Both read their settings from the environment when they are first imported, so
``configure_environment`` runs from ``pipeline/__init__.py``, before any module
imports Prefect or numpy. A user's own environment always wins: we only set defaults.

    >>> state_dir().name
    '.state'
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def state_dir() -> Path:
    """The git-ignored folder for Prefect's home, its database and logs.

    ``MINISTERBREV_STATE_DIR`` overrides it; otherwise ``.state`` in the project.
    """
    configured = os.environ.get("MINISTERBREV_STATE_DIR")
    return Path(configured) if configured else PROJECT_ROOT / ".state"


# How many days of runs a run's temporary Prefect server keeps
# (``pipeline.prefect_history.forget_old_runs``).
HISTORY_DAYS_ENV, DEFAULT_HISTORY_DAYS = "MINISTERBREV_PREFECT_HISTORY_DAYS", 7.0


def history_days() -> float:
    """``MINISTERBREV_PREFECT_HISTORY_DAYS``, or 7; a ``ValueError`` names the variable when
    it is not a number of days.

        >>> history_days() >= 0
        True
    """
    raw = os.environ.get(HISTORY_DAYS_ENV, "").strip()
    try:
        days = float(raw) if raw else DEFAULT_HISTORY_DAYS
    except ValueError:
        days = -1.0
    if not days >= 0:  # also refuses nan
        raise ValueError(f"{HISTORY_DAYS_ENV} must be a number of days, 0 or more, not {raw!r}")
    return days


def configure_environment() -> None:
    """Keep Prefect local, quiet and offline, and OpenBLAS to one thread, unless the user
    configured otherwise."""
    home = state_dir() / "prefect"
    defaults = {
        "PREFECT_HOME": str(home),
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
        # The temporary server records task runs from the events the tasks send. With one
        # database transaction per event the server spent ~33 ms of CPU a letter, about
        # what reading the letter takes; in batches, ~14 ms. A batch is written once a
        # second, or sooner when it is full: every write also reads the whole task-run
        # table (pipeline.prefect_history), so batches up to 500 write less often when
        # letters come fast, and a run still waits at most a second for the last one.
        "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "500",
        "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "500",
        "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
        # Of the services a temporary server runs on every event, a run needs only the
        # task-run recorder. The rest (the events table behind the UI's event feed,
        # automations, streaming events and logs out to subscribers) cost ~6 ms of CPU a
        # letter, on the cores the letters need (benchmarks/prefect_cost.py).
        "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
        "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
        "PREFECT_API_EVENTS_STREAM_OUT_ENABLED": "false",
        "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED": "false",
        # One thread per process for the model's matrix products: parallel work comes
        # from worker processes (--workers), and threads on top would fight them for cores.
        "OPENBLAS_NUM_THREADS": "1",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
    # Prefect creates its home without parents, and warns when it cannot.
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)
