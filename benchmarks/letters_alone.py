"""The letters' own work, without Prefect or writing, in 1 or more forked processes.

    $ .venv/bin/python benchmarks/letters_alone.py LETTERS_FOLDER PROCESSES

Loads the Danish pipeline once, forks ``PROCESSES`` processes (as a run's
workers fork their children) and gives each an equal share of the PDFs in
LETTERS_FOLDER, each run through ``pipeline.process.process_file``. It prints
the wall seconds as JSON. Comparing 1 process with 2 shows how far this
machine lets the letters' work itself scale, apart from anything the
pipeline's orchestration adds: ``benchmarks/run.py`` reports it beside the
2-worker goal.
"""

from __future__ import annotations

import json
import sys
import time
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, not an install

from pipeline.run.settings import apply_run_settings  # noqa: E402

# As a run does, before numpy is imported: OpenBLAS to one thread a process. Without it
# each process's OpenBLAS threads spin for the cores the other process needs, and two
# processes take longer than one.
apply_run_settings()
from pipeline.process import process_file, warmed_nlp  # noqa: E402


def work_through(paths: list[Path]) -> int:
    for path in paths:
        process_file(path)
    return len(paths)


def main(folder: Path, processes: int) -> None:
    paths = sorted(folder.glob("*.pdf"))
    warmed_nlp()  # loaded before the fork, as in a run
    shares = [paths[number::processes] for number in range(processes)]
    with get_context("fork").Pool(processes) as pool:
        started = time.perf_counter()
        pool.map(work_through, shares, chunksize=1)
        seconds = time.perf_counter() - started
    print(json.dumps({"letters": len(paths), "processes": processes, "seconds": seconds}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
