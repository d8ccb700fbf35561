"""The flow submits letters in windows, so that finished futures and their records are
freed as a long batch goes on; every letter is still processed once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from prefect import flow, task
from prefect.context import FlowRunContext

import flows
from pipeline.run import tasks
from pipeline.run.batch import RunSummary
from pipeline.run.prefect_fixes import result_of


def test_windows_cover_every_path_once_in_order():
    paths = [Path(f"{number}.pdf") for number in range(7)]
    assert tasks.windows(paths, 3) == [paths[0:3], paths[3:6], paths[6:7]]
    assert tasks.windows([], 3) == []


@pytest.mark.prefect
def test_a_batch_larger_than_a_window_is_processed_whole(tmp_path, seed_pdf, monkeypatch):
    letters = tmp_path / "letters"
    letters.mkdir()
    for number in range(3):  # three files with their own hashes
        (letters / f"{number}.pdf").write_bytes(seed_pdf.read_bytes() + f"\n% {number}\n".encode())
    shutil.copy(seed_pdf, letters / "seed.pdf")
    monkeypatch.setattr(tasks, "SUBMIT_WINDOW", 2)
    summary = flows.run_batch([str(letters)], out=str(tmp_path / "out"), show_progress=False)
    assert (summary.processed, summary.failed) == (4, 0)
    assert len((tmp_path / "out" / "records.jsonl").read_text().splitlines()) == 4


@pytest.mark.prefect
def test_letters_share_tasks_across_windows_and_each_is_processed_once(tmp_path, seed_pdf,
                                                                      monkeypatch):
    letters = tmp_path / "letters"
    letters.mkdir()
    for number in range(5):
        (letters / f"{number}.pdf").write_bytes(seed_pdf.read_bytes() + f"\n% {number}\n".encode())
    monkeypatch.setattr(tasks, "SUBMIT_WINDOW", 3)  # one task of two letters per window
    summary = flows.run_batch([str(letters)], out=str(tmp_path / "out"), show_progress=False,
                              workers=2, letters_per_task=2)
    assert (summary.processed, summary.failed, summary.task_runs) == (5, 0, 3)
    lines = (tmp_path / "out" / "records.jsonl").read_text().splitlines()
    assert len(lines) == len({json.loads(line)["doc_id"] for line in lines}) == 5


def test_a_default_batchs_last_groups_shrink_so_that_the_workers_end_together():
    groups = tasks.task_groups(list(range(1000)), 16, tapered=True)
    assert [item for group in groups for item in group] == list(range(1000))  # each once
    sizes = [len(group) for group in groups]
    assert sizes[0] == 16 and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)
    # Asked for a number of letters per task, every group but the last has that many.
    assert [len(group) for group in tasks.task_groups(list(range(20)), 8, tapered=False)] == [
        8, 8, 4]


def test_a_task_of_several_letters_is_named_for_the_first_and_the_last():
    paths = ["in/a.pdf", "in/b.pdf", "in/c.pdf"]
    assert tasks.group_run_name({"paths": paths}) == "3 letters: a.pdf … c.pdf"
    assert tasks.group_run_name({"paths": ["in/a.pdf"]}) == "in/a.pdf"


@pytest.mark.prefect
def test_prefect_forgets_which_task_each_result_came_from_once_a_window_is_done(
        tmp_path, seed_pdf, monkeypatch):
    """Prefect would keep a link from every result to its task run for the whole flow run,
    so a flow's memory would grow with every letter of a long batch."""
    letters = []
    for number in range(4):
        letter = tmp_path / f"{number}.pdf"
        letter.write_bytes(seed_pdf.read_bytes() + f"\n% {number}\n".encode())
        letters.append(str(letter))
    monkeypatch.setattr(tasks, "SUBMIT_WINDOW", 2)

    @flow
    def links_left_by_windows() -> tuple[int, int]:
        summary = RunSummary(out=str(tmp_path / "out"))
        options = tasks.RunOptions(out=str(tmp_path / "out"))
        outcomes = list(tasks.completed(dict.fromkeys(letters), summary, options))
        return len(outcomes), len(FlowRunContext.get().run_results)

    assert links_left_by_windows() == (4, 0)


@pytest.mark.prefect
def test_a_finished_tasks_value_is_read_from_its_state_without_prefects_event_loop(
        monkeypatch):
    """``State.result`` would hand each letter's record over through Prefect's event-loop
    thread; the flow reads it from the task's final state instead."""
    from prefect.client.schemas.objects import State

    @task
    def double(number: int) -> int:
        return 2 * number

    @flow
    def values() -> list[int]:
        return [result_of(double.submit(number)) for number in range(3)]

    def no_round_trips(*_args, **_kwargs):
        raise AssertionError("State.result was called")

    with monkeypatch.context() as patched:
        patched.setattr(State, "result", no_round_trips)
        assert values() == [0, 2, 4]


@pytest.mark.prefect
def test_by_default_a_large_batch_shares_tasks_and_a_small_one_does_not(tmp_path, seed_pdf,
                                                                      monkeypatch):
    """Past ``ONE_TASK_EACH_UP_TO`` letters (lowered here to 3), letters go ``GROUP_SIZE``
    (here 2) to a task; up to it, each has its own. (The groups at the end shrink by
    ``TAPER``, here 1: not at all.)"""
    monkeypatch.setattr(tasks, "ONE_TASK_EACH_UP_TO", 3)
    monkeypatch.setattr(tasks, "GROUP_SIZE", 2)
    monkeypatch.setattr(tasks, "TAPER", 1)
    runs = {}
    for size in (3, 5):
        letters = tmp_path / f"letters-{size}"
        letters.mkdir()
        for number in range(size):
            (letters / f"{number}.pdf").write_bytes(
                seed_pdf.read_bytes() + f"\n% {size} {number}\n".encode())
        summary = flows.run_batch([str(letters)], out=str(tmp_path / f"out-{size}"),
                                  show_progress=False)
        runs[size] = (summary.processed, summary.task_runs)
    assert runs == {3: (3, 3), 5: (5, 3)}
    # Grouped or not, the run's table artifact lists every letter.
    assert sorted(row["file"] for row in process_run_table(tmp_path / "out-5")) == sorted(
        str(path) for path in (tmp_path / "letters-5").glob("*.pdf"))


def process_run_table(out: Path) -> list[dict]:
    """The rows of the latest ``process-run`` table artifact of a run into ``out``."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    from pipeline.run.flows import PROCESS_ARTIFACT

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[PROCESS_ARTIFACT])),
            sort=ArtifactSort.CREATED_DESC, limit=20)
    [ours, *_older] = [a for a in artifacts if f"into {out}:" in (a.description or "")]
    data = ours.data
    return json.loads(data) if isinstance(data, str) else data
