"""Worker processes of a run use the run's own temporary Prefect server, not one each."""

from __future__ import annotations

import os

from prefect.server.api.server import SubprocessASGIServer
from prefect.settings import PREFECT_API_URL, temporary_settings

from pipeline.run.prefect_fixes import workers_share_api_server


def test_no_server_running_leaves_the_environment_alone(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(SubprocessASGIServer(), "running", False)
    with workers_share_api_server():
        assert "PREFECT_API_URL" not in os.environ


def test_a_configured_server_is_kept(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(SubprocessASGIServer(), "running", True)
    with temporary_settings({PREFECT_API_URL: "http://prefect.example:4200/api"}), \
            workers_share_api_server():
        assert "PREFECT_API_URL" not in os.environ  # the workers read the same settings
