"""A flow run's heartbeats (``pipeline.run.prefect_fixes.heartbeats_stop_at_once``): sent
while the flow runs, from a thread that ends with the flow instead of finishing a sleep."""

from __future__ import annotations

import threading

import pytest
from prefect import flow, flow_engine

import flows
from pipeline.run import prefect_fixes


def heartbeat_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "flow-run-heartbeat"]


@flow(name="heartbeat-check")
def threads_while_running() -> int:
    return len(heartbeat_threads())


@pytest.mark.prefect
def test_a_flow_run_beats_while_it_runs_and_the_beat_ends_with_it(monkeypatch):
    monkeypatch.setattr(flow_engine, "_send_heartbeats", flow_engine._send_heartbeats)
    prefect_fixes.heartbeats_stop_at_once()
    prefect_fixes.heartbeats_stop_at_once()  # twice changes nothing
    assert flow_engine._send_heartbeats is prefect_fixes.heartbeats_until_stopped
    assert threads_while_running() == 1
    assert heartbeat_threads() == []  # ended by the time the flow returned


@pytest.mark.prefect
def test_a_run_of_the_command_keeps_its_heartbeats(tmp_path, seed_pdf, monkeypatch):
    monkeypatch.setattr(flow_engine, "_send_heartbeats", flow_engine._send_heartbeats)
    summary = flows.run_batch([str(seed_pdf)], out=str(tmp_path / "out"), show_progress=False)
    assert summary.processed == 1
    assert flow_engine._send_heartbeats is prefect_fixes.heartbeats_until_stopped
    assert heartbeat_threads() == []


class Engine:
    """What ``heartbeats_until_stopped`` asks of Prefect's flow run engine, with a run
    whose state a test sets."""

    def __init__(self, seconds: int | None):
        self.heartbeat_seconds = seconds
        self.flow_run = None
        self.sent = threading.Semaphore(0)
        self.count = 0

    def _build_heartbeat_event_template(self):
        return "resource", ["related"]

    def _emit_flow_run_heartbeat(self, resource, related):
        assert (resource, related) == ("resource", ["related"])
        self.count += 1
        self.sent.release()


def test_the_first_heartbeat_goes_at_once_and_none_after_the_end():
    engine = Engine(seconds=3600)
    with prefect_fixes.heartbeats_until_stopped(engine):
        assert engine.sent.acquire(timeout=10)
        assert len(heartbeat_threads()) == 1
    assert heartbeat_threads() == [] and engine.count == 1


def test_heartbeats_turned_off_in_prefects_settings_start_no_thread():
    engine = Engine(seconds=None)
    with prefect_fixes.heartbeats_until_stopped(engine):
        assert heartbeat_threads() == []
    assert engine.count == 0
