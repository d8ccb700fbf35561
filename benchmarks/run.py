"""Throughput, scaling and memory of the pipeline, beside the bare extractors (issue 8).

    $ make bench                                  # 200 and 1,000 letters
    $ .venv/bin/python benchmarks/run.py --sizes 50 --no-write   # a quick look

For each size N it builds a corpus of N letters (the letters of
``corpus/letters`` copied round-robin, each copy with its own trailing ``%``
comment after ``%%EOF`` so every file has its own hash) and measures, one
after the other on this machine:

- bare pdfplumber: ``page.extract_text()`` over every page, in one process;
- ``pdftotext`` (poppler-utils) over the same files, one process per file;
- the whole pipeline through the real command (``ministerbrev process``),
  cold (a fresh output folder) with 1 and with 2 workers: with one Prefect
  task per letter (``--letters-per-task 1``), and again with 16 letters a task
  (``--letters-per-task 16``, what a batch over 100 letters gets by default);
  each of these twice (``--repeat``), in turn, keeping the faster;
- the same command again over the unchanged corpus (warm);
- the letters' own work alone (``letters_alone.py``: ``process_file`` in 1
  and in 2 forked processes, without Prefect or writing), which shows how far
  this machine lets that work scale at all;
- the time per stage, summed over letters by the pipeline's own clock
  (``pipeline.timing``), and the peak resident memory (``VmHWM``) of every
  process of the run, sampled from ``/proc``.

The fixed start-up cost (interpreter and imports, Prefect's flow and its
temporary server, the model load) is measured apart: a cold run over one
letter, less the time that letter's stages took; beside it, how soon a run
shows something on a terminal, and the whole of a ``process`` run and an
``inbox`` run with nothing to do.

The runs keep their Prefect database in a state folder of the benchmark's own,
fresh for each benchmark, so the figures do not depend on how many runs the
project's ``.state`` has kept.

It prints a table and rewrites the generated part of ``docs/benchmarks.md``
(between the ``bench:start`` and ``bench:end`` markers); the rest of that file
is written by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.memory import PeakSampler  # noqa: E402
from benchmarks.report import render_markdown, render_table, write_generated  # noqa: E402
from pipeline.timing import STAGES  # noqa: E402

LETTERS = ROOT / "corpus" / "letters"
DRIVER = ROOT / "benchmarks" / "drive.py"
ALONE = ROOT / "benchmarks" / "letters_alone.py"
DOC = ROOT / "docs" / "benchmarks.md"


@dataclass
class PipelineRun:
    """One run of the command: wall seconds, what the flow reported, peak memory by role."""

    wall: float
    report: dict
    peaks_mb: dict[str, float]
    # Beside the one-letter run only: wall seconds of the runs around it that the start-up
    # goals are about (``measure_quick_runs``).
    quick_runs: dict[str, float] = field(default_factory=dict)

    @property
    def stage_seconds(self) -> dict[str, float]:
        return self.report.get("stage_seconds", {})

    @property
    def work_seconds(self) -> float:
        """Seconds the letters themselves took, stage by stage (the model load is start-up)."""
        return sum(self.stage_seconds.get(stage, 0.0) for stage in STAGES)

    @property
    def working_seconds(self) -> float:
        """Wall seconds from the first letter handed to a worker to the last outcome written
        (``RunSummary.working_seconds``): the run less its own start-up and end."""
        return self.report.get("working_seconds", 0.0)

    @property
    def fixed_seconds(self) -> float:
        """Wall time that is not the letters' work: start-up, model load, orchestration."""
        return self.wall - self.work_seconds


@dataclass
class SizeResult:
    """Everything measured on a corpus of ``letters`` files."""

    letters: int
    pages: int = 0
    bare_pdfplumber: float = 0.0
    pdftotext: float = 0.0
    cold: dict[int, PipelineRun] = field(default_factory=dict)  # by number of workers
    # The same with several letters per Prefect task (``--letters-per-task``), by workers.
    grouped: dict[int, PipelineRun] = field(default_factory=dict)
    letters_per_task: int = 0
    # Whether ``grouped`` is what a batch of this size gets by default (no option given).
    grouped_by_default: bool = False
    # Seconds of the letters' own work alone (``letters_alone.py``), by number of processes.
    alone: dict[int, float] = field(default_factory=dict)
    warm: PipelineRun | None = None


# -- the corpus -------------------------------------------------------------------------------


def build_corpus(folder: Path, size: int) -> list[Path]:
    """``size`` distinct letters: the corpus copied round-robin, each copy with its own tail."""
    originals = sorted(LETTERS.glob("*.pdf"))
    folder.mkdir(parents=True)
    paths = []
    for number in range(size):
        original = originals[number % len(originals)]
        path = folder / f"{number:05d}-{original.name}"
        # A comment after %%EOF changes the hash, not what any reader sees.
        path.write_bytes(original.read_bytes() + f"\n% benchmark copy {number}\n".encode())
        paths.append(path)
    return paths


# -- the bare extractors ----------------------------------------------------------------------


def time_bare_pdfplumber(paths: list[Path]) -> tuple[float, int]:
    """Seconds for ``extract_text`` over every page, and the number of pages."""
    import pdfplumber

    pages = 0
    started = time.perf_counter()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return time.perf_counter() - started, pages


def time_letters_alone(letters: Path, processes: int) -> float:
    """Seconds the letters' own work takes in ``processes`` forked processes, without
    Prefect, limits or writing (``benchmarks/letters_alone.py``)."""
    finished = subprocess.run([sys.executable, str(ALONE), str(letters), str(processes)],
                              cwd=ROOT, capture_output=True, text=True, check=True,
                              env=quiet_environment())
    return json.loads(finished.stdout.splitlines()[-1])["seconds"]


def time_pdftotext(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        subprocess.run(["pdftotext", "-q", str(path), "-"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


# -- the pipeline -----------------------------------------------------------------------------


def run_pipeline(letters: Path, out: Path, workers: int, scratch: Path,
                 options: tuple[str, ...] = ()) -> PipelineRun:
    """The real command over ``letters`` into ``out``, with more ``options`` for it, its
    memory sampled as it runs."""
    report_path = scratch / f"report-{time.monotonic_ns()}.json"
    command = [sys.executable, str(DRIVER), str(report_path), "process", str(letters),
               "--out", str(out), "--workers", str(workers), *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=quiet_environment())
    peaks = PeakSampler(process.pid, servers=shared_server_pids()).run_until_exit(process)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return PipelineRun(wall=wall, report=json.loads(report_path.read_text()), peaks_mb=peaks)


def shared_server_pids() -> tuple[int, ...]:
    """The shared Prefect server the benchmark's runs use, once a run has started it."""
    from pipeline.run.shared_server import read_record
    from pipeline.state import state_dir

    server = read_record(state_dir() / "prefect")
    return (server.pid,) if server else ()


def quiet_environment() -> dict[str, str]:
    """The command's environment: no progress bar, no colours in the captured output."""
    return {**os.environ, "TERM": "dumb", "NO_COLOR": "1"}


def measure_startup(scratch: Path, tries: int = 2) -> PipelineRun:
    """A cold run over one letter, whose ``fixed_seconds`` are the start-up: interpreter,
    imports, Prefect's flow and server, the model load. (A run with nothing to process
    starts none of these.) The quickest of ``tries``, so that a busy moment on a shared
    machine does not count; after a first run, not counted, that sets up the benchmark's
    Prefect database and starts the shared Prefect server the runs after it use."""
    one = scratch / "one-letter"
    build_corpus(one, 1)
    run_pipeline(one, scratch / "out-set-up", 1, scratch)
    runs = [run_pipeline(one, scratch / f"out-one-{number}", 1, scratch)
            for number in range(tries)]
    fastest = min(runs, key=lambda run: run.fixed_seconds)
    fastest.quick_runs = measure_quick_runs(one, scratch / "out-one-0", scratch)
    return fastest


def measure_quick_runs(letters: Path, out: Path, scratch: Path, tries: int = 3) -> dict:
    """The runs a person waits on: how soon a run with work shows something on a terminal,
    and the whole of a ``process`` and an ``inbox`` run with nothing to do (``out``
    already holds ``letters``' records). The quickest of ``tries`` each."""
    command = [str(Path(sys.executable).with_name("ministerbrev"))]
    first_output = [seconds_to_first_output(
        [*command, "process", str(letters), "--out", str(scratch / f"out-first-{number}")])
        for number in range(tries)]
    return {
        "first_output": min(first_output),
        "nothing_to_do": min(wall_of([*command, "process", str(letters), "--out", str(out)])
                             for _ in range(tries)),
        "inbox_nothing_new": min(wall_of([*command, "inbox", str(letters), "--out", str(out)])
                                 for _ in range(tries)),
    }


def wall_of(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=quiet_environment())
    return time.perf_counter() - started


def seconds_to_first_output(command: list[str]) -> float:
    """Seconds until the command, on a terminal of its own (a pseudo-terminal), prints its
    first byte; it then runs to its end."""
    import pty

    started = time.perf_counter()
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the command, with the pseudo-terminal as its screen
        os.chdir(ROOT)
        os.execv(command[0], command)
    first = None
    with contextlib.suppress(OSError):  # EIO once the command has ended
        while os.read(terminal, 4096):
            first = first or time.perf_counter() - started
    os.waitpid(pid, 0)
    os.close(terminal)
    return first if first is not None else float("inf")


def measure_size(size: int, worker_counts: list[int], scratch: Path,
                 letters_per_task: int = 0, repeat: int = 1) -> SizeResult:
    """Everything on a corpus of ``size`` letters. Each cold run is made ``repeat`` times,
    the kinds in turn, and the one that worked fastest is kept: on a shared machine a
    busy moment slows one run, never speeds one up."""
    from pipeline.run.tasks import AUTO, letters_per_task_for  # imports Prefect

    letters = scratch / f"letters-{size}"
    paths = build_corpus(letters, size)
    result = SizeResult(letters=size, letters_per_task=letters_per_task)
    say(f"{size} letters: bare pdfplumber")
    result.bare_pdfplumber, result.pages = time_bare_pdfplumber(paths)
    say(f"{size} letters: pdftotext")
    result.pdftotext = time_pdftotext(paths)
    kinds = [(result.cold, workers, ("--letters-per-task", "1")) for workers in worker_counts]
    if letters_per_task > 1:
        # The size's default when it gives as many letters a task: the groups at the end
        # then shrink, as they do in an operator's run.
        result.grouped_by_default = letters_per_task_for(size, AUTO) == letters_per_task
        grouped = () if result.grouped_by_default else ("--letters-per-task",
                                                        str(letters_per_task))
        kinds += [(result.grouped, workers, grouped) for workers in worker_counts]
    for attempt in range(repeat):
        for workers in worker_counts:
            say(f"{size} letters: the letters' work alone, {workers} process(es) "
                f"({attempt + 1} of {repeat})")
            seconds = time_letters_alone(letters, workers)
            result.alone[workers] = min(seconds, result.alone.get(workers, seconds))
        for runs, workers, options in kinds:
            per_task = options[-1] if options else f"{letters_per_task} (default)"
            say(f"{size} letters: pipeline, cold, {workers} worker(s), {per_task} letter(s) "
                f"per task ({attempt + 1} of {repeat})")
            out = scratch / f"out-{size}-{workers}-{per_task}-{attempt}"
            run = run_pipeline(letters, out, workers, scratch, options)
            if workers not in runs or run.working_seconds < runs[workers].working_seconds:
                runs[workers] = run
    say(f"{size} letters: pipeline, warm (re-run, {worker_counts[0]} worker(s))")
    result.warm = run_pipeline(letters, scratch / f"out-{size}-{worker_counts[0]}-1-0",
                               worker_counts[0], scratch)
    return result


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the machine ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    """Cores, CPU model, memory, load, and the versions that decide the speed."""
    import pdfplumber
    import prefect
    import psutil
    import spacy

    return {
        "CPU": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "load average at start (1, 5, 15 min)": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "spaCy": spacy.__version__,
        "pdfplumber": pdfplumber.__version__,
        "Prefect": prefect.__version__,
        "pdftotext": pdftotext_version(),
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def pdftotext_version() -> str:
    done = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    return (done.stderr or done.stdout).splitlines()[0].strip()


# -- the command ------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000],
                        help="corpus sizes, in letters (default: 200 1000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts for the cold runs (default: 1 2)")
    parser.add_argument("--letters-per-task", type=int, default=16,
                        help="also run cold with this many letters per Prefect task "
                        "(default: 16; 1 or 0: skip those runs)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="make each cold run this many times and keep the fastest "
                        "(default: 2)")
    parser.add_argument("--no-write", action="store_true",
                        help="print the table only; leave docs/benchmarks.md as it is")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    return parser.parse_args()


def main() -> None:
    options = arguments()
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext not found: install poppler-utils (make system)")
    started = time.perf_counter()
    facts = machine()
    with tempfile.TemporaryDirectory(prefix="ministerbrev-bench-") as folder:
        scratch = Path(folder)
        # Prefect's database of its own, so that the figures do not depend on how many
        # runs the project's state folder has kept (pipeline.run.history.forget_old_runs).
        # (Importing pipeline set PREFECT_HOME for this process: the runs derive it anew.)
        os.environ["MINISTERBREV_STATE_DIR"] = str(scratch / "state")
        os.environ.pop("PREFECT_HOME", None)
        try:
            say("start-up: a run over one letter")
            startup = measure_startup(scratch)
            results = [measure_size(size, options.workers, scratch, options.letters_per_task,
                                    options.repeat) for size in options.sizes]
        finally:  # the shared Prefect server the first run started, over the scratch folder
            subprocess.run([str(Path(sys.executable).with_name("ministerbrev")), "server",
                            "stop"], cwd=ROOT, capture_output=True, env=quiet_environment())
    facts["cold runs"] = f"each made {options.repeat} time(s), the fastest kept"
    facts["benchmark took"] = f"{time.perf_counter() - started:.0f} s"
    print(render_table(startup, results))
    if options.json:
        options.json.write_text(json.dumps(raw_figures(startup, results), indent=2))
    if not options.no_write:
        write_generated(DOC, render_markdown(facts, startup, results))
        say(f"wrote {DOC.relative_to(ROOT)}")


def raw_figures(startup: PipelineRun, results: list[SizeResult]) -> dict:
    def run(item: PipelineRun | None) -> dict | None:
        return item and {"wall": item.wall, "report": item.report, "peaks_mb": item.peaks_mb,
                         "quick_runs": item.quick_runs}

    return {
        "startup": run(startup),
        "sizes": [{"letters": r.letters, "pages": r.pages, "bare_pdfplumber": r.bare_pdfplumber,
                   "pdftotext": r.pdftotext, "warm": run(r.warm),
                   "cold": {w: run(item) for w, item in r.cold.items()},
                   "letters_per_task": r.letters_per_task, "alone": r.alone,
                   "grouped": {w: run(item) for w, item in r.grouped.items()}} for r in results],
    }


if __name__ == "__main__":
    main()
