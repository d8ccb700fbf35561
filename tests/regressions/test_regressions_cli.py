"""Bugs once fixed in running the pipeline from the command line (``flows.py``,
``pipeline.state``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.prefect
@pytest.mark.subprocess
def test_python_flows_py_on_a_fresh_state_folder_runs_clean(tmp_path, seed_pdf):
    """A first run: Prefect's home and database are new, its migrations run, and still
    nothing but the progress and the summary is printed.

    Once, a first run on a fresh state folder printed Prefect's notice about usage data
    and a warning that it could not make its home, whose parent folders did not exist."""
    (tmp_path / "corpus").mkdir()
    shutil.copy(seed_pdf, tmp_path / "corpus" / seed_pdf.name)
    # A user's shell: none of the Prefect settings this test process already holds.
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("PREFECT_") and name != "DO_NOT_TRACK"}
    env["MINISTERBREV_STATE_DIR"] = str(tmp_path / "fresh" / "state")
    result = subprocess.run([sys.executable, str(ROOT / "flows.py")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    assert "1 processed" in result.stdout
    assert len((tmp_path / "outputs" / "records.jsonl").read_text().splitlines()) == 1
    printed = (result.stdout + result.stderr).lower()
    for noise in ("traceback", "error", "warning", "usage data", "telemetry"):
        assert noise not in printed
    assert (tmp_path / "fresh" / "state" / "prefect" / "prefect.db").exists()
