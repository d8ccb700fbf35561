"""The scheduled deployments: built as ``flow.serve`` would register them, without serving
(serving blocks until stopped)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import flows
from pipeline.cli import app
from pipeline.limits import Limits
from pipeline.run.flows import ODA_RUN_RETRIES
from pipeline.run.schedules import deployments

ROOT = Path(__file__).resolve().parent.parent
TWO_PAGES = ROOT / "corpus" / "letters" / "fm-2021-03-24-spm12-videreforsel.pdf"
# Building a deployment asks platform.architecture(), which runs `file` on the interpreter
# once per process: the tests that build one start a process.
builds_deployments = pytest.mark.subprocess


@builds_deployments
def test_deployments_run_both_sources_on_the_schedule(tmp_path):
    found = deployments("30 5 * * 1-5", inbox=str(tmp_path / "inbox"),
                        out=str(tmp_path / "out"), oda_parameters={"types": ["Brev"]})
    by_name = {deployment.name: deployment for deployment in found}
    assert sorted(by_name) == ["inbox", "oda"]
    assert by_name["inbox"].flow_name == "process-inbox"
    assert by_name["oda"].flow_name == "process-oda"
    for deployment in found:
        [schedule] = deployment.schedules
        assert schedule.schedule.cron == "30 5 * * 1-5"
        assert schedule.schedule.timezone == "Europe/Copenhagen"
        assert deployment.entrypoint.endswith(f"flows.py:{deployment.flow_name.replace('-', '_')}")
        assert deployment.parameters["out"] == str((tmp_path / "out").resolve())
    assert by_name["inbox"].parameters["inbox"] == str((tmp_path / "inbox").resolve())
    assert by_name["oda"].parameters["types"] == ["Brev"]


@builds_deployments
def test_serve_dry_run_prints_the_deployments_and_returns(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--cron", "0 6 * * *", "--dry-run",
                                      "--out", str(tmp_path), "--committee", "Finansudvalget"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("process-inbox/inbox cron=0 6 * * * (Europe/Copenhagen) ")
    assert lines[1].startswith("process-oda/oda cron=0 6 * * * (Europe/Copenhagen) ")
    assert '"committees": ["Finansudvalget"]' in lines[1]


@pytest.mark.subprocess
def test_python_flows_py_serve_dry_run():
    result = subprocess.run([sys.executable, str(ROOT / "flows.py"), "serve", "--dry-run"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "process-inbox/inbox cron=0 6 * * *" in result.stdout
    assert "process-oda/oda cron=0 6 * * *" in result.stdout


@pytest.mark.subprocess
def test_python_flows_py_help_says_what_it_runs():
    result = subprocess.run([sys.executable, str(ROOT / "flows.py"), "--help"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("usage: flows.py [-h] [PATH ...]")
    assert "flows.py serve [--dry-run]" in result.stdout and "ministerbrev" in result.stdout


@builds_deployments
def test_a_deployment_is_described_in_a_plain_sentence(tmp_path):
    """Prefect's UI shows a deployment's description: a sentence, not the flow's docstring
    with its examples."""
    for deployment in deployments(out=str(tmp_path / "out"), inbox=str(tmp_path / "inbox")):
        assert deployment.description.endswith(".")
        assert ">>>" not in deployment.description and "\n" not in deployment.description


@pytest.mark.prefect
@builds_deployments
def test_a_scheduled_inbox_run_keeps_the_limits_serve_was_given(tmp_path):
    """serve's limits travel as the deployment's JSON parameters; the flow reads them back."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "two-pages.pdf").write_bytes(TWO_PAGES.read_bytes())
    [scheduled, _oda] = deployments(inbox=str(inbox), out=str(tmp_path / "out"),
                                    limits=Limits(max_pages=1), letters_per_task=2)
    assert scheduled.parameters["limits"]["max_pages"] == 1
    summary = flows.process_inbox(**scheduled.parameters)
    assert (summary.processed, summary.failed) == (0, 1)
    [failure] = [json.loads(line) for line in
                 (tmp_path / "out" / "failures.jsonl").read_text().splitlines()]
    assert failure["error"] == "too_many_pages"


@builds_deployments
def test_serve_passes_its_oda_options_and_refuses_an_address_before_serving(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--dry-run", "--out", str(tmp_path),
                                      "--timeout", "30", "--max-download-mb", "5"])
    assert result.exit_code == 0, result.output
    oda_line = result.stdout.splitlines()[1]
    settings = json.loads(oda_line.split("parameters=", 1)[1])["settings"]
    assert (settings["timeout"], settings["max_bytes"]) == (30.0, 5 * 2**20)
    refused = CliRunner().invoke(app, ["serve", "--dry-run", "--out", str(tmp_path),
                                       "--base-url", "http://example.org/api/"])
    assert refused.exit_code == 1 and "only https is allowed" in refused.output


def test_a_failed_scheduled_oda_run_is_tried_again_but_the_command_fails_at_once():
    assert flows.process_oda.retries == ODA_RUN_RETRIES > 0
    assert flows.process_oda.with_options(retries=0).retries == 0  # what run_oda does


@pytest.mark.subprocess
def test_a_served_run_gets_the_workers_serve_was_given():
    """A served run loads its flows anew in a process of its own, from the environment
    ``serve --workers`` left it."""
    import os

    script = ("from pipeline.run.flows import process_inbox, process_oda\n"
              "print(process_inbox.task_runner._max_workers, process_oda.task_runner._max_workers)")
    for given, expected in (("3", "3 3"), (None, "1 1"), ("none", "1 1")):
        env = {key: value for key, value in os.environ.items()
               if key != "MINISTERBREV_SERVED_WORKERS"}
        if given:
            env["MINISTERBREV_SERVED_WORKERS"] = given
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                timeout=120, cwd=ROOT, env=env)
        assert result.stdout.split("\n")[-2] == expected, result.stderr


@builds_deployments
def test_serve_dry_run_says_how_many_workers_each_run_gets(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--dry-run", "--workers", "2",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == (
        f"each scheduled run: 2 worker(s), output in {tmp_path.resolve()}")


@pytest.mark.prefect
@pytest.mark.subprocess
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_serve_stops_on_a_signal_and_says_so(tmp_path, signal_name):
    import os
    import signal
    import time

    (tmp_path / "inbox").mkdir()
    served = subprocess.Popen(
        [str(Path(sys.executable).with_name("ministerbrev")), "serve", "--inbox",
         str(tmp_path / "inbox"), "--out", str(tmp_path / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env={**os.environ, "COLUMNS": "200"})
    try:
        printed = []
        for line in served.stdout:  # until it serves
            printed.append(line)
            if "being served" in line:
                break
        assert served.poll() is None, "".join(printed)
        time.sleep(1)  # its polling has begun
        served.send_signal(getattr(signal, signal_name))
        rest, _ = served.communicate(timeout=60)  # a bound that shows it did stop
    finally:
        if served.poll() is None:
            os.killpg(served.pid, signal.SIGKILL)
            served.wait()
    assert served.returncode == 0, "".join(printed) + rest
    assert "Traceback" not in rest
    assert f"Stopped serving: letters the runs finished are in {tmp_path / 'out'}" in rest


@pytest.mark.prefect
@pytest.mark.subprocess
@pytest.mark.parametrize("wait", [0.0, 1.0])
def test_ctrl_c_in_a_terminal_stops_serve_on_the_shared_server(tmp_path, wait):
    """A terminal's Ctrl-C signals the whole foreground process group. ``serve`` uses the
    shared server, in a session of its own, so the server outlives the signal and serve
    stops cleanly, also when the signal comes as it starts."""
    import os
    import signal
    import time

    env = {name: value for name, value in os.environ.items() if not name.startswith("PREFECT_")}
    env.update(MINISTERBREV_STATE_DIR=str(tmp_path / "state"),
               MINISTERBREV_SERVER_IDLE_MINUTES="5", COLUMNS="200")
    cli = str(Path(sys.executable).with_name("ministerbrev"))
    (tmp_path / "inbox").mkdir()
    served = subprocess.Popen(
        [cli, "serve", "--inbox", str(tmp_path / "inbox"), "--out", str(tmp_path / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env=env)
    try:
        printed = []
        for line in served.stdout:
            printed.append(line)
            if "being served" in line:
                break
        time.sleep(wait)
        os.killpg(served.pid, signal.SIGINT)  # as a terminal's Ctrl-C does
        rest, _ = served.communicate(timeout=30)
    finally:
        if served.poll() is None:
            os.killpg(served.pid, signal.SIGKILL)
            served.wait()
        subprocess.run([cli, "server", "stop"], env=env, capture_output=True, timeout=60)
    assert served.returncode == 0, "".join(printed) + rest
    assert "Stopped serving: letters the runs finished are in" in rest


@pytest.mark.subprocess
def test_a_serve_that_does_not_stop_in_time_is_ended_with_one_line(tmp_path):
    """The bound behind "stops within seconds": past the deadline the process ends, the
    processes it started with it, and the log says where its threads were."""
    import psutil

    log = tmp_path / "out" / "ministerbrev.log"
    script = (
        "import subprocess, sys, time\n"
        "from pathlib import Path\n"
        "from pipeline.run.schedules import stop_deadline\n"
        "child = subprocess.Popen(['sleep', '60'])\n"
        "print(child.pid, flush=True)\n"
        f"stop_deadline(0.5, Path({str(log)!r}))\n"
        "time.sleep(30)  # a stop that hangs\n")
    started = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parent.parent,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = started.communicate(timeout=20)
    assert started.returncode == 1
    assert err.splitlines() == [
        f"serve did not stop within 0.5 s of the signal and was ended (its threads' stacks are "
        f"in {log})"]
    assert "<module>" in log.read_text()  # the main thread's stack, where it hung
    child = int(out.split()[0])
    assert not psutil.pid_exists(child) or psutil.Process(child).status() == "zombie"


@pytest.mark.prefect
def test_a_scheduled_run_that_fails_says_why_in_one_line_in_prefect(tmp_path):
    """What Prefect's UI shows of a failed flow run is its state's message: one line, with
    the reason the command would give."""
    from pipeline.sources.oda import OdaSettings

    settings = OdaSettings(base_url="https://oda.example.org/api/", retries=0)
    state = flows.process_oda.with_options(retries=0)(
        out=str(tmp_path / "out"), settings=settings, return_state=True)
    assert state.is_failed()
    assert "\n" not in state.message
    assert state.message.endswith(
        "oda.example.org is not an allowed host (oda.ft.dk, www.ft.dk)"), state.message
