"""The temporary Prefect server forgets runs older than its history (``forget_old_runs``).

The runs happen in a fresh interpreter with a state folder of the test's own, so its
temporary server and database hold only these runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.run.history import process_is_gone, this_machine, this_process
from pipeline.state import HISTORY_DAYS_ENV, history_days
from tests.test_state import own_state

ROOT = Path(__file__).resolve().parent.parent

# Three runs over one letter; after each, what the server holds. Before the third run the
# history shrinks to 0 days: every run that has ended is forgotten, once there is time to.
RUNS = """
import json, os, sys
from pipeline.run.settings import apply_run_settings
apply_run_settings()  # as a run's entry point does, before Prefect is imported
import flows
from pipeline.run.history import forget_old_runs
from prefect.client.orchestration import get_client

def held():
    with get_client(sync_client=True) as client:
        return {"flow_runs": len(client.read_flow_runs()),
                "task_runs": client.request("POST", "/task_runs/count", json={}).json()}

letter, out = sys.argv[1], sys.argv[2]
seen = []
for number, days in enumerate(["", "", "0"]):
    os.environ["MINISTERBREV_PREFECT_HISTORY_DAYS"] = days
    if days == "0":  # with no time to spend, nothing is deleted yet
        seen.append({"deleted": forget_old_runs(budget=0), **held()})
    flows.run_batch([letter], out=f"{out}/{number}", show_progress=False)
    seen.append(held())
print(json.dumps(seen))
"""


@pytest.mark.prefect
@pytest.mark.subprocess
def test_recent_runs_are_kept_and_older_ones_forgotten_with_their_task_runs(tmp_path, seed_pdf):
    result = subprocess.run([sys.executable, "-c", RUNS, str(seed_pdf), str(tmp_path / "out")],
                            cwd=ROOT, env=own_state(tmp_path / "state"), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    first, second, out_of_time, third = json.loads(result.stdout.splitlines()[-1])
    assert first == {"flow_runs": 1, "task_runs": 1}
    assert second == {"flow_runs": 2, "task_runs": 2}  # within the week: kept
    assert out_of_time == {"deleted": 0, "flow_runs": 2, "task_runs": 2}
    assert third == {"flow_runs": 1, "task_runs": 1}  # only the third run is left


@pytest.mark.parametrize("value", ["a week", "-1", "nan"])
def test_a_history_that_is_not_a_number_of_days_is_refused_by_name(monkeypatch, value):
    monkeypatch.setenv(HISTORY_DAYS_ENV, value)
    with pytest.raises(ValueError, match=HISTORY_DAYS_ENV):
        history_days()


def test_the_history_defaults_to_a_week(monkeypatch):
    monkeypatch.delenv(HISTORY_DAYS_ENV, raising=False)
    assert history_days() == 7


@pytest.fixture
def ended_pid() -> int:
    """The number of a process of this machine that has ended."""
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    return ended.pid


@pytest.mark.subprocess
def test_a_flow_runs_process_is_gone_once_it_has_ended_or_its_pid_was_given_again(ended_pid):
    now = datetime.now(UTC)
    assert process_is_gone(f"{this_machine()}:{ended_pid}", now)
    assert not process_is_gone(this_process(), now)
    # this process started after that flow run: the pid it was labelled with went to us
    assert process_is_gone(this_process(), datetime(2000, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize("process", [None, "", "another-machine:1", "no pid"])
def test_a_process_on_another_machine_or_not_named_is_taken_to_be_going(process):
    assert not process_is_gone(process, datetime.now(UTC))
