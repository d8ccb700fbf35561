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
    return non_negative_setting(HISTORY_DAYS_ENV, DEFAULT_HISTORY_DAYS, "days")


def non_negative_setting(name: str, default: float, unit: str) -> float:
    """The environment variable ``name`` as a number 0 or more, or ``default`` when unset;
    a ``ValueError`` names the variable and the ``unit`` when it is anything else.

        >>> os.environ["EXAMPLE_MINUTES"] = "soon"
        >>> non_negative_setting("EXAMPLE_MINUTES", 15.0, "minutes")
        Traceback (most recent call last):
        ValueError: EXAMPLE_MINUTES must be a number of minutes, 0 or more, not 'soon'
        >>> del os.environ["EXAMPLE_MINUTES"]
    """
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses nan
        raise ValueError(f"{name} must be a number of {unit}, 0 or more, not {raw!r}")
    return value
