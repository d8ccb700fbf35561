"""The benchmark's figures as Markdown tables, and the generated part of docs/benchmarks.md.

Every table is built from the same measurements (``benchmarks.run``): the
terminal gets the tables, the document gets the machine and the tables
between its ``bench:start`` and ``bench:end`` markers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.timing import STAGES

if TYPE_CHECKING:
    from benchmarks.run import PipelineRun, SizeResult

START = "<!-- bench:start (written by benchmarks/run.py; edit outside the markers) -->"
END = "<!-- bench:end -->"

# Peak memory may grow this much from the smallest to the largest corpus and still be "flat".
FLAT_GROWTH = 1.10


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def seconds(value: float) -> str:
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


# -- the tables -------------------------------------------------------------------------------


def throughput_table(results: list[SizeResult]) -> str:
    """Wall seconds per run, and the working part of each (``PipelineRun.working_seconds``)."""
    workers = sorted(results[0].cold)
    header = ["letters", "pages", "bare pdfplumber", "pdftotext",
              *[f"cold, {w} worker{'s' * (w > 1)}" for w in workers],
              *[f"working, {w} worker{'s' * (w > 1)}" for w in workers],
              "warm re-run", f"letters/s ({workers[-1]} w, working)"]
    rows = []
    for result in results:
        runs = [result.cold[w] for w in workers]
        rows.append([str(result.letters), str(result.pages), seconds(result.bare_pdfplumber),
                     seconds(result.pdftotext), *(seconds(run.wall) for run in runs),
                     *(seconds(run.working_seconds) for run in runs), seconds(result.warm.wall),
                     f"{result.letters / max(runs[-1].working_seconds, 1e-9):.1f}"])
    return markdown_table(header, rows)


def grouped_table(results: list[SizeResult]) -> str:
    """The same with several letters per Prefect task, and what the second worker gives."""
    workers = sorted(results[0].grouped)
    header = ["letters", *[f"cold, {w} worker{'s' * (w > 1)}" for w in workers],
              *[f"working, {w} worker{'s' * (w > 1)}" for w in workers],
              f"{workers[-1]} workers' speed-up: wall (working)",
              f"letters/s ({workers[-1]} w, working)"]
    rows = []
    for result in results:
        runs = [result.grouped[w] for w in workers]
        rows.append([str(result.letters), *(seconds(run.wall) for run in runs),
                     *(seconds(run.working_seconds) for run in runs),
                     f"{runs[0].wall / runs[-1].wall:.2f}× ({speed_up(runs[0], runs[-1]):.2f}×)",
                     f"{result.letters / max(runs[-1].working_seconds, 1e-9):.1f}"])
    return markdown_table(header, rows)


def speed_up(one: PipelineRun, more: PipelineRun) -> float:
    """How many times faster ``more`` worked through the letters than ``one``."""
    return one.working_seconds / max(more.working_seconds, 1e-9)


def stage_table(startup: PipelineRun, result: SizeResult) -> str:
    """Where the wall time of a 1-worker cold run goes (one process does everything)."""
    run = result.cold[min(result.cold)]
    spent = run.stage_seconds
    load = startup.report.get("model_load_seconds", 0.0)
    rows = [[f"start-up: interpreter, imports, Prefect flow and server (the model loads "
             f"meanwhile, {load:.1f} s)", startup.fixed_seconds]]
    rows.append(["waiting for the model after the start-up", spent.get("model_load", 0.0)])
    rows.append(["finding files, skipping unchanged ones (hash)", spent.get("finding", 0.0)])
    labels = {"reading": "reading and layout (in the worker's child)", "ocr": "OCR",
              "nlp": "NLP (the Danish model: tagger, lemmatizers, parser, ruler)",
              "extraction": "extraction (the ministerbrev_* components; NER on the signature)",
              "validation": "validation (assembling the pydantic record)",
              "writing": "writing (records/, records.jsonl, store)"}
    rows += [[labels[stage], spent.get(stage, 0.0)] for stage in STAGES]
    accounted = sum(value for _label, value in rows)
    rows.append(["orchestration and the rest (Prefect tasks, handing letters to the child)",
                 max(run.wall - accounted, 0.0)])
    body = [[label, seconds(value), f"{100 * value / run.wall:.0f} %"] for label, value in rows]
    body.append(["**whole run (wall)**", seconds(run.wall), "100 %"])
    return markdown_table(["stage", "seconds", "share"], body)


def memory_table(results: list[SizeResult]) -> str:
    """Peak resident memory (VmHWM, MiB) of each kind of process, per run."""
    header = ["letters", "run", "worker peak", "main", "letters' child (largest seen)",
              "Prefect server", "CPU s: main / children / server"]
    rows = []
    for result in results:
        grouped = f"{result.letters_per_task}/task"
        for label, run in [*((f"cold, {w} w", r) for w, r in sorted(result.cold.items())),
                           *((f"cold, {w} w, {grouped}", r)
                             for w, r in sorted(result.grouped.items())),
                           ("warm", result.warm)]:
            peaks = run.peaks_mb
            rows.append([str(result.letters), label, f"{worker_peak(run):.0f}",
                         f"{peaks.get('main', 0):.0f}", f"{peaks.get('reader', 0):.0f}",
                         f"{peaks.get('server', 0):.0f}",
                         f"{peaks.get('main_cpu', 0):.0f} / {children_cpu(peaks):.0f} / "
                         f"{peaks.get('server_cpu', 0):.0f}"])
    return markdown_table(header, rows)


def worker_peak(run: PipelineRun) -> float:
    """The largest process of a worker: the main process (Prefect's client, the writing,
    the model the children are forked from) or a worker's child, whose peak counts the
    pages it shares with the main process too."""
    return max(run.peaks_mb.get(role, 0.0) for role in ("main", "worker", "reader"))


def children_cpu(peaks: dict[str, float]) -> float:
    """CPU seconds of the processes that worked on letters: the children (and any
    process-pool workers, where processes cannot fork)."""
    return peaks.get("reader_cpu", 0.0) + peaks.get("worker_cpu", 0.0)


# -- the goals --------------------------------------------------------------------------------


def goal_rows(startup: PipelineRun, results: list[SizeResult]) -> list[list[str]]:
    largest, smallest = results[-1], results[0]
    two = max(largest.cold)
    cold_one = largest.cold[min(largest.cold)].wall
    model_load = startup.report.get("model_load_seconds", 0.0)
    growth = worker_peak(largest.cold[two]) / max(worker_peak(smallest.cold[two]), 1e-9)
    peak = max(worker_peak(run) for result in results
               for run in [*result.cold.values(), *result.grouped.values()])
    ends = [run.wall - run.working_seconds
            for run in [*largest.cold.values(), *largest.grouped.values()]]
    modes = [("one task per letter", largest.cold)]
    if largest.grouped:
        default = ", by default" if largest.grouped_by_default else ""
        modes.append((f"{largest.letters_per_task} letters per task{default}", largest.grouped))
    rows = [speed_row(f"cold, 1 worker ≤ 2× bare pdfplumber ({mode})", runs, largest)
            for mode, runs in modes]
    rows += [scaling_row(f"{two} workers ≥ 1.8× faster than 1 ({mode})", runs, largest)
             for mode, runs in modes]
    rows += default_scaling_rows(largest)
    return rows + [
        ["warm re-run ≤ 5 % of cold",
         f"{largest.letters} letters: {100 * largest.warm.wall / cold_one:.1f} %",
         verdict(largest.warm.wall <= 0.05 * cold_one)],
        ["peak memory per worker < 600 MB, flat", f"largest {peak:.0f} MiB; "
         f"{smallest.letters}→{largest.letters} letters: ×{growth:.2f}",
         verdict(peak < 600 and growth <= FLAT_GROWTH)],
        *quick_rows(startup),
        ["start-up cost stated, small", f"{startup.fixed_seconds:.1f} s per run (a one-letter "
         f"run less its letter's stages; in the {largest.letters}-letter runs start-up and end "
         f"took {min(ends):.1f}–{max(ends):.1f} s); the model loads meanwhile "
         f"({model_load:.1f} s, once per run)", "stated"],
    ]


def quick_rows(startup: PipelineRun) -> list[list[str]]:
    """The goals of the runs a person waits on: something on the screen at once, a short
    run short, a run with nothing to do shorter still."""
    quick = startup.quick_runs
    rows = [["one-letter run ≤ 5 s (after a warm-up run)", f"{startup.wall:.1f} s",
             verdict(startup.wall <= 5)]]
    for key, goal, limit in (("first_output", "something on a terminal within 1 s", 1),
                             ("nothing_to_do", "`process` with nothing to do ≤ 2 s", 2),
                             ("inbox_nothing_new", "`inbox` with nothing new ≤ 2 s", 2)):
        if key in quick:
            rows.append([goal, f"{quick[key]:.2f} s", verdict(quick[key] <= limit)])
    return rows


def speed_row(goal: str, runs: dict[int, PipelineRun], result: SizeResult) -> list[str]:
    """One worker's cold run beside bare pdfplumber, judged on its working part."""
    run, bare = runs[min(runs)], result.bare_pdfplumber
    return [goal, f"{result.letters} letters: {run.wall / bare:.2f}× wall "
            f"({run.working_seconds / bare:.2f}× working)",
            verdict(run.working_seconds <= 2 * bare)]


def scaling_row(goal: str, runs: dict[int, PipelineRun], result: SizeResult) -> list[str]:
    """The most workers' cold run beside one worker's, judged on their working parts: the
    start-up and the end are paid once per run, whatever its number of workers."""
    one, most = runs[min(runs)], runs[max(runs)]
    measured = (f"{result.letters} letters: {one.wall / most.wall:.2f}× wall "
                f"({speed_up(one, most):.2f}× working)")
    if min(runs) in result.alone and max(runs) in result.alone:
        alone = result.alone[min(runs)] / max(result.alone[max(runs)], 1e-9)
        measured += f"; the letters' work alone: {alone:.2f}×"
    return [goal, measured, verdict(speed_up(one, most) >= 1.8)]


def default_scaling_rows(result: SizeResult) -> list[list[str]]:
    """The operators' goal: the most workers ≥ 1.8× one in wall time, start-up and end
    included, with the letters per task a batch of this size gets by default."""
    from pipeline.run.tasks import AUTO, letters_per_task_for

    per_task = letters_per_task_for(result.letters, AUTO)
    runs = result.cold if per_task == 1 else result.grouped if result.grouped_by_default else {}
    if len(runs) < 2:
        return []
    one, most = runs[min(runs)], runs[max(runs)]
    return [[f"{max(runs)} workers ≥ 1.8× 1 in wall time, by default ({per_task} letters per "
             "task)", f"{result.letters} letters: {one.wall / most.wall:.2f}× wall",
             verdict(one.wall / most.wall >= 1.8)]]


def alone_table(results: list[SizeResult]) -> str:
    """The letters' own work in 1 and more processes: how far this machine lets it scale."""
    counts = sorted(results[0].alone)
    header = ["letters", *[f"{n} process{'es' * (n > 1)}" for n in counts],
              f"{counts[-1]} processes' speed-up"]
    rows = [[str(result.letters), *(seconds(result.alone[n]) for n in counts),
             f"{result.alone[counts[0]] / max(result.alone[counts[-1]], 1e-9):.2f}×"]
            for result in results]
    return markdown_table(header, rows)


def verdict(met: bool) -> str:
    return "met" if met else "**not met**"


# -- whole documents --------------------------------------------------------------------------


def render_table(startup: PipelineRun, results: list[SizeResult]) -> str:
    """The figures for the terminal."""
    parts = ["Wall seconds:", throughput_table(results), ""]
    if results[0].grouped:
        heading = grouped_heading(results[0])
        parts += [f"Wall seconds, {heading[0].lower()}{heading[1:]}:",
                  grouped_table(results), ""]
    if results[0].alone:
        parts += ["The letters' work alone (no Prefect, no writing), seconds:",
                  alone_table(results), ""]
    parts += ["Goals:", markdown_table(["goal", "measured", ""], goal_rows(startup, results)), ""]
    for result in results:
        parts += [f"Stages, {result.letters} letters, cold, 1 worker:",
                  stage_table(startup, result), ""]
    parts += ["Peak memory (MiB) and CPU seconds by process:", memory_table(results)]
    return "\n".join(parts)


def grouped_heading(result: SizeResult) -> str:
    """What the runs of several letters per task were run with."""
    if result.grouped_by_default:
        return (f"By default ({result.letters_per_task} letters to a Prefect task, fewer in "
                "the last tasks so that the workers end together)")
    return (f"With `--letters-per-task {result.letters_per_task}` (several letters to a "
            "Prefect task)")


def render_markdown(facts: dict[str, str], startup: PipelineRun,
                    results: list[SizeResult]) -> str:
    machine = markdown_table(["", ""], [[name, value] for name, value in facts.items()])
    parts = ["### Machine and versions", "", machine, "",
             "### Wall time (seconds)", "",
             "Cold: a fresh output folder. Working: the part of that run from the first "
             "letter handed to a worker to the last outcome written, without the run's "
             "start-up and end, which every run pays once whatever its size or number of "
             f"workers (a one-letter run takes {startup.wall:.1f} s, {startup.fixed_seconds:.1f} s "
             "of it start-up and end). Warm: the same command again over the unchanged "
             "corpus (1 worker).", "",
             throughput_table(results), ""]
    if results[0].grouped:
        parts += [grouped_heading(results[0]) + ":", "", grouped_table(results), ""]
    if results[0].alone:
        parts += ["The letters' own work alone (`benchmarks/letters_alone.py`: "
                  "`process_file` in forked processes, without Prefect, limits or writing), "
                  "seconds: how far this machine lets the work itself scale.", "",
                  alone_table(results), ""]
    parts += ["### Goals", "", markdown_table(["goal", "measured", ""],
                                             goal_rows(startup, results)), ""]
    for result in results:
        parts += [f"### Where the time goes: {result.letters} letters, cold, 1 worker", "",
                  stage_table(startup, result), ""]
    parts += ["### Peak resident memory (VmHWM, MiB) and CPU seconds, by process", "",
              memory_table(results)]
    return "\n".join(parts)


def write_generated(path: Path, generated: str) -> None:
    """Replace what stands between the markers in ``path``; add them if they are missing."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n\n{generated}\n\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
