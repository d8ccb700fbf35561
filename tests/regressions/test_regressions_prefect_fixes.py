"""Bugs once fixed in running flows on Prefect (``pipeline.run.prefect_fixes``)."""

from __future__ import annotations

import os

import pytest
from prefect import flow, task
from prefect.server.api.server import SubprocessASGIServer

from pipeline.run.prefect_fixes import (
    HELD_SOCKETS,
    result_of,
    temporary_server_ends_with_run,
    workers_share_api_server,
)


@pytest.mark.prefect
def test_a_failed_tasks_error_still_reaches_the_flow():
    """The flow reads a finished task's value from its final state, without a round trip
    through Prefect's event-loop thread. A failed task's state holds no value: reading it
    must raise, in the flow, the error the task raised, not hand back nothing."""

    @task
    def broken() -> None:
        raise ValueError("this task broke")

    @flow
    def one_broken() -> str:
        try:
            result_of(broken.submit())
        except ValueError as error:
            return str(error)
        return "no error"

    assert one_broken() == "this task broke"


def test_workers_started_in_the_block_get_the_runs_server(monkeypatch):
    """Once, every worker process of a run without a configured Prefect API started a
    temporary Prefect server of its own. Workers started in the block must be given the
    run's server, and the setting must be gone after it."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    server = SubprocessASGIServer()  # the one a run without a configured API starts
    monkeypatch.setattr(server, "running", True)
    with workers_share_api_server():
        assert os.environ["PREFECT_API_URL"] == server.api_url
    assert "PREFECT_API_URL" not in os.environ


def test_the_port_picked_for_a_temporary_server_stays_taken_until_it_starts(monkeypatch):
    """Once, two runs starting at once could pick the same port for their temporary
    servers (Prefect checks that a port is free, and its server binds it seconds later):
    one run then talked to the other's server and stopped on a '409 Conflict'. The port
    a run picks must be one no other process can bind meanwhile."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    temporary_server_ends_with_run()
    port = SubprocessASGIServer().find_available_port()
    try:
        assert not SubprocessASGIServer.is_port_available(port)
    finally:
        HELD_SOCKETS.pop(port).close()
    assert SubprocessASGIServer.is_port_available(port)
