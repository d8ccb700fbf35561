"""The settings a run gives Prefect before Prefect is imported (``pipeline.run.settings``),
and an import of the project that sets none of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from prefect.settings import get_current_settings

ROOT = Path(__file__).resolve().parent.parent

# What a fresh interpreter reports: the services a temporary Prefect server would run.
SERVICES = """
from pipeline.run.settings import apply_run_settings
apply_run_settings()
from prefect.server.services.base import RunInEphemeralServers
print(" ".join(sorted(service.__name__ for service in RunInEphemeralServers.enabled_services())))
"""


def own_state(state: Path) -> dict[str, str]:
    """An environment whose Prefect home is in a state folder of the test's own (this
    process set PREFECT_HOME for the tests' shared one)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PREFECT_")}
    env["MINISTERBREV_STATE_DIR"] = str(state)
    return env


def ephemeral_services(tmp_path: Path, **settings: str) -> set[str]:
    """The services a run's temporary server starts, in a user's shell plus ``settings``."""
    env = {**own_state(tmp_path / "state"), **settings}
    result = subprocess.run([sys.executable, "-c", SERVICES], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    return set(result.stdout.split())


@pytest.mark.subprocess
def test_a_runs_temporary_server_only_records_task_runs(tmp_path):
    """Every other service would work on each event of each letter's task, for nothing a
    run uses."""
    assert ephemeral_services(tmp_path) == {"TaskRunRecorder"}


@pytest.mark.subprocess
def test_a_users_own_prefect_setting_wins(tmp_path):
    services = ephemeral_services(tmp_path, PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED="true")
    assert services == {"TaskRunRecorder", "EventPersister"}


def test_the_tests_give_prefect_the_projects_settings_as_a_run_does():
    """This module imports Prefect before anything of the project's; Prefect reads its
    settings when it is imported, so the tests' ``conftest`` applies a run's settings first."""
    settings = get_current_settings()
    assert str(settings.home) == os.environ["PREFECT_HOME"]
    assert settings.server.services.event_persister.enabled is (
        os.environ["PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED"] == "true")


# What a fresh interpreter's environment gains from importing the project.
IMPORT_ONLY = """
import json, os
before = dict(os.environ)
import pipeline, models, pipeline.cli
after = dict(os.environ)
print(json.dumps({name: [before.get(name), after.get(name)] for name in {*before, *after}
                  if before.get(name) != after.get(name)}))
"""


@pytest.mark.subprocess
def test_importing_the_project_changes_no_environment_variable(tmp_path):
    """Only what starts a run applies its settings; an import of the project, the command
    line's included, leaves the environment as it found it."""
    result = subprocess.run([sys.executable, "-c", IMPORT_ONLY], cwd=ROOT,
                            env=own_state(tmp_path / "state"), capture_output=True, text=True,
                            timeout=120, check=True)
    assert json.loads(result.stdout) == {}
    assert not (tmp_path / "state").exists()  # nor makes Prefect's home
