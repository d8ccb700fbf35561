"""A batch without Prefect: what to process, and what became of it.

    >>> with Archive("outputs") as archive:  # doctest: +SKIP
    ...     batch = plan_batch(["corpus"], archive)
    >>> len(batch.todo), batch.skipped  # doctest: +SKIP
    (2, 40)

Each file is hashed once on its way to a record. The plan hashes it to tell whether
its content already has a record; the hash then travels with the path
(``Batch.todo``) into the letter's task, which reads the file with it
(``pipeline.sources.files.read_source``). The check a run makes before it starts
Prefect at all (``summary_if_all_unchanged``) and the flow's plan after it see the
same files: hashes taken in this process are remembered (``KNOWN_HASHES``) for as
long as the file keeps its size and times.
"""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models import FACT_FAMILIES
from pipeline.output import OutputFolder
from pipeline.run.archive import Archive
from pipeline.run.catchup import bring_in_step
from pipeline.sources.files import find_pdfs
from pipeline.sources.inbox import file_sha256
from pipeline.store import LetterStore

if TYPE_CHECKING:  # counting an outcome needs no model; processing one loads it
    from pipeline.process import Outcome

# Files to process, in order: each path with its SHA-256, or None where it is not known
# (a file that could not be read, or a run that processes everything, ``force``).
Todo = dict[str, str | None]


@dataclass
class RunSummary:
    """What a batch did, for the summary the CLI prints."""

    out: str
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    facts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    # Seconds per stage summed over every letter (``pipeline.timing``): workers' time, not wall.
    stage_seconds: Counter = field(default_factory=Counter)
    task_runs: int = 0  # Prefect task runs whose results the flow received
    # Wall seconds from the first letter handed to a worker to the last outcome written: the
    # run less its start-up (Prefect's server and flow run) and its end.
    working_seconds: float = 0.0

    def count(self, outcome: Outcome) -> None:
        self.stage_seconds.update(outcome.stage_seconds)
        if outcome.failure:
            self.failed += 1
            self.failures.append(outcome.failure.message)
            return
        self.processed += 1
        record = outcome.record
        for family in FACT_FAMILIES:
            self.facts[family] += len(getattr(record, family))
        self.facts["case_numbers"] += len(record.letter.case_numbers)
        self.facts["question_refs"] += len(record.letter.question_refs)
        self.facts["recipients"] += len(record.letter.recipients)


@dataclass
class Batch:
    """The files of a batch that need processing, and how many were skipped as unchanged."""

    todo: Todo = field(default_factory=dict)
    skipped: int = 0


class KnownHashes:
    """SHA-256s taken in this process, by path, each with the file's size and times as
    they were: a file changed since is hashed again.

        >>> hashes = KnownHashes()
        >>> hashes.sha256(Path("corpus/letters/uim-2020-11-04-handlingsplan.pdf"))[:16]
        ... # doctest: +SKIP
        '9bd7a55f42ce5f96'
    """

    def __init__(self, limit: int = 100_000):
        self.limit = limit  # a batch larger than this hashes its first files again
        self.known: OrderedDict[str, tuple[tuple, str]] = OrderedDict()

    def sha256(self, path: Path) -> str:
        """The file's SHA-256, hashed only if it is not known as the file is now."""
        status = path.stat()
        signature = (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        key = str(path)
        known = self.known.get(key)
        if known and known[0] == signature:
            return known[1]
        sha256 = file_sha256(path)
        self.known[key] = (signature, sha256)
        if len(self.known) > self.limit:
            self.known.popitem(last=False)
        return sha256

    def clear(self) -> None:
        self.known.clear()


KNOWN_HASHES = KnownHashes()


def unchanged(path: Path, has_record: Callable[[str], bool]) -> tuple[bool, str | None]:
    """Whether the file's content already has its record (``has_record`` of its doc_id),
    and its hash (None if unreadable: the task will report why)."""
    try:
        sha256 = KNOWN_HASHES.sha256(path)
    except OSError:
        return False, None
    return has_record(sha256[:16]), sha256


def plan_batch(paths: Iterable[str], archive: Archive, force: bool = False) -> Batch:
    """Every PDF under ``paths`` whose content has no record in ``archive``, each with its
    hash; with ``force``, every PDF, none hashed here (its task hashes it)."""
    batch = Batch()
    for path in find_pdfs(map(Path, paths)):
        if force:
            batch.todo[str(path)] = None
            continue
        done, sha256 = unchanged(path, archive.has_record)
        if done:
            batch.skipped += 1
        else:
            batch.todo[str(path)] = sha256
    return batch


def summary_if_all_unchanged(paths: list[str], out: str) -> RunSummary | None:
    """The summary of a run in which every file already has its record, found by hashing
    alone; None as soon as a file needs processing (the flow's plan goes on from there,
    with the hashes taken here). The store is opened only when this answers the run, so
    that a store behind its records catches up all the same."""
    summary = RunSummary(out=out)
    started = time.perf_counter()
    with OutputFolder(Path(out)) as folder:
        for path in find_pdfs(map(Path, paths)):
            if not unchanged(path, folder.has_record)[0]:
                return None
            summary.skipped += 1
    with LetterStore.open(Path(out)) as store:
        bring_in_step(store, Path(out))  # all a run with nothing to process asks of it
    summary.stage_seconds["finding"] += time.perf_counter() - started
    return summary


def inbox_summary_if_nothing_new(inbox: str, out: str) -> RunSummary | None:
    """The summary of an inbox run that finds no file whose content the store has not seen,
    found by hashing alone; None as soon as one is new (the flow scans again, with the
    hashes taken here)."""
    summary = RunSummary(out=out)
    started = time.perf_counter()
    with Archive(out) as archive:
        seen = archive.store.processed_hashes()
        for path in find_pdfs([Path(inbox)]):
            try:
                if KNOWN_HASHES.sha256(path) not in seen:
                    return None
            except OSError:  # a file to name in a failure line: the flow's to do
                return None
            summary.skipped += 1
    summary.stage_seconds["finding"] += time.perf_counter() - started
    return summary
