"""Where the project keeps its local state, and how long a run's Prefect history lasts.

What a run sets for Prefect and OpenBLAS is ``pipeline.run.settings``.

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
# (``pipeline.run.history.forget_old_runs``).
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
