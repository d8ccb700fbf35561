"""Scale-out: the batch flow's document tasks on a Dask cluster give the records a local run does.

A ``distributed.LocalCluster`` with two worker processes stands in for a real
cluster; its address reaches the flow through ``MINISTERBREV_DASK_ADDRESS``, as a
user's would.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import flows
from pipeline.run.flows import DASK_ADDRESS_ENV
from pipeline.run.tasks import task_runner

pytest.importorskip("prefect_dask", reason="the [dask] extra is not installed")
distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
LETTERS = [ROOT / "corpus" / "letters" / name for name in (
    "fm-2021-03-24-spm12-videreforsel.pdf", "kum-2024-08-27-berigtigelse-spm212.pdf",
    "ism-2024-02-22-spm517-ventetider.pdf")]


def comparable(out: Path) -> list[dict]:
    """Records without the time they were processed, in doc_id order."""
    lines = (out / "records.jsonl").read_text().splitlines()
    found = [json.loads(line) for line in lines]
    for record in found:
        record["source"].pop("processed_at")
    return sorted(found, key=lambda record: record["doc_id"])


@pytest.mark.prefect
def test_a_dask_cluster_gives_the_records_of_a_local_run(tmp_path, monkeypatch):
    letters = tmp_path / "letters"
    letters.mkdir()
    for letter in LETTERS:
        shutil.copy(letter, letters / letter.name)
    (letters / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    local = flows.run_batch([str(letters)], out=str(tmp_path / "local"), show_progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        monkeypatch.setenv(DASK_ADDRESS_ENV, cluster.scheduler_address)
        on_dask = flows.run_batch([str(letters)], out=str(tmp_path / "dask"),
                                  show_progress=False)
        ran_on_cluster = set(cluster.scheduler.task_prefixes)
    assert "process_letter" in ran_on_cluster
    assert (on_dask.processed, on_dask.failed) == (local.processed, local.failed) == (3, 1)
    assert comparable(tmp_path / "dask") == comparable(tmp_path / "local")


def test_the_task_runner_is_threads_locally_and_dask_given_an_address():
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    # Each thread hands its letters to a forked child of its own (pipeline.limits).
    assert isinstance(task_runner(2), ThreadPoolTaskRunner)
    assert isinstance(task_runner(2, "tcp://127.0.0.1:8786"), DaskTaskRunner)
