"""The flow submits letters in windows, so that finished futures and their records are
freed as a long batch goes on; every letter is still processed once."""

from __future__ import annotations

import shutil
from pathlib import Path

import flows


def test_windows_cover_every_path_once_in_order():
    paths = [Path(f"{number}.pdf") for number in range(7)]
    assert flows.windows(paths, 3) == [paths[0:3], paths[3:6], paths[6:7]]
    assert flows.windows([], 3) == []


def test_a_batch_larger_than_a_window_is_processed_whole(tmp_path, seed_pdf, monkeypatch):
    letters = tmp_path / "letters"
    letters.mkdir()
    for number in range(3):  # three files with their own hashes
        (letters / f"{number}.pdf").write_bytes(seed_pdf.read_bytes() + f"\n% {number}\n".encode())
    shutil.copy(seed_pdf, letters / "seed.pdf")
    monkeypatch.setattr(flows, "SUBMIT_WINDOW", 2)
    summary = flows.run_batch([str(letters)], out=str(tmp_path / "out"), show_progress=False)
    assert (summary.processed, summary.failed) == (4, 0)
    assert len((tmp_path / "out" / "records.jsonl").read_text().splitlines()) == 4
