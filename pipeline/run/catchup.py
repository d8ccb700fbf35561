"""Keeping the store in step with ``records.jsonl``, from which it is derived.

    >>> caught_up_as = bring_in_step(store, Path("outputs"))  # doctest: +SKIP
    >>> reindex(Path("outputs")).invalid  # doctest: +SKIP
    0

A run writes each letter into ``records.jsonl`` and then into the store. A run
killed between the two leaves a letter the store lacks, and the next run skips its
file because its record exists, so opening the store adds what the file holds and
the store does not. Reading an archive's file through takes seconds (docs/benchmarks.md):
a run that wrote its letters into both notes, in the store's watermark
``JSONL_WATERMARK``, the state of the file (``pipeline.output.file_state``) the
store holds all of, and the next run that finds the file so reads nothing.
"""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from models import Failure, LetterRecord
from pipeline.output import file_state, iter_jsonl, read_jsonl
from pipeline.store import JSONL_WATERMARK, LetterStore
from pipeline.store.writing import DamagedStore

RECORDS_FILE, FAILURES_FILE = "records.jsonl", "failures.jsonl"
# A bug (internal), a file that could not be opened, or a reading that ran out of time may
# go through on a later run; other failures come from the content, and it has not changed.
TRY_AGAIN_CODES = frozenset({"internal", "unreadable", "timeout"})
# Scheduled runs' watermarks, kept beside the store as well as in it: a damaged store,
# set aside and rebuilt from the records, gets them back from here.
WATERMARKS_FILE = "watermarks.json"


def bring_in_step(store: LetterStore, out_dir: Path) -> tuple | None:
    """Rebuild an outdated store from the folder, or add the letters it lacks.

    Returns the ``file_state`` of records.jsonl the store is now known to hold all of,
    or None where that is not known (another run wrote to the file meanwhile).
    """
    if store.is_current():
        return catch_up(store, out_dir)
    return bring_up_to_date(store, out_dir)


def catch_up(store: LetterStore, out_dir: Path) -> tuple | None:
    """Add the records of ``records.jsonl`` that the store lacks or holds in an older version.

    Returns the file's state if the store now holds all of it, as ``bring_in_step``.
    """
    jsonl = out_dir / RECORDS_FILE
    before = file_state(jsonl)
    if store.watermark(JSONL_WATERMARK) == state_text(before):
        return before  # as the last run that wrote it left it: nothing new
    behind = lines_behind(store, jsonl)
    if behind:
        store.put_records(valid_records(behind))
    if file_state(jsonl) == before:  # no other run wrote to it while it was read
        mark_caught_up(store, before)
        return before
    return None


def lines_behind(store: LetterStore, jsonl: Path) -> list[str]:
    """The last line of each letter whose version the store does not hold.

    The file is read as it goes, not held: only the lines behind are kept.
    """
    stored = store.processed_at_by_doc_id()
    behind: dict[str, str] = {}
    for line in iter_jsonl(jsonl, key="doc_id"):
        if stored.get(line.key) != processed_at_of(line.fields):
            behind[line.key] = line.text
        else:  # the last line for a letter is the one that counts
            behind.pop(line.key, None)
    return list(behind.values())


def valid_records(lines: list[str]):
    """The records of ``lines``; a line of an older contract is left out (`reindex` counts it)."""
    for line in lines:
        try:
            yield LetterRecord.model_validate_json(line)
        except ValueError:
            continue


def bring_up_to_date(store: LetterStore, out_dir: Path) -> tuple | None:
    """Rebuild from the folder's JSONL files unless another run did so meanwhile.

    Returns the file's state if this rebuild read it through and nobody wrote to it
    meanwhile, as ``bring_in_step``.
    """
    before = file_state(out_dir / RECORDS_FILE)

    def contents() -> tuple[list[LetterRecord], list[Failure]]:
        found = read_folder(out_dir)
        return found.records, found.failures

    if store.rebuild_unless_current(contents) and file_state(out_dir / RECORDS_FILE) == before:
        mark_caught_up(store, before)
        return before
    return None


def mark_caught_up(store: LetterStore, state: tuple) -> None:
    """Note that the store holds every letter of records.jsonl as it is in ``state``, so that
    the next run need not read the file through to find out. A file in any other state is
    read as before."""
    store.set_watermark(JSONL_WATERMARK, state_text(state))


def keep_up_with(store: LetterStore, caught_up_as: tuple | None, since: tuple,
                 now: tuple | None) -> None:
    """After a run: records.jsonl went from ``since`` to ``now`` with this run's letters only
    (``now`` None if not), each put in the store too. If the store held all of ``since``
    (``caught_up_as``), it holds all of ``now``."""
    if now is not None and caught_up_as == since:
        mark_caught_up(store, now)


def state_text(state: tuple) -> str:
    """A ``file_state`` as the watermarks table keeps it."""
    return ":".join(map(str, state))


def processed_at_of(fields: dict) -> str | None:
    """A record's ``source.processed_at`` as the store writes it (``isoformat``)."""
    try:
        return datetime.fromisoformat(fields["source"]["processed_at"]).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


# -- rebuilding ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FolderContents:
    """What an output folder's JSONL files hold, and how many lines did not validate."""

    records: list[LetterRecord]
    failures: list[Failure]
    invalid: int = 0
    set_aside: DamagedStore | None = None  # a damaged store ``reindex`` moved aside


def read_folder(out_dir: Path) -> FolderContents:
    """The records of ``records.jsonl`` and failures of ``failures.jsonl`` (last line per key).

    A line that no longer validates (a record of an older contract) is counted and left out,
    so one bad line never keeps the other letters out of the store.
    """
    records, failures, invalid = [], [], 0
    for model, name, key, found in ((LetterRecord, RECORDS_FILE, "doc_id", records),
                                    (Failure, FAILURES_FILE, "path", failures)):
        for line in read_jsonl(out_dir / name, key=key).values():
            try:
                found.append(model.model_validate_json(line))
            except ValueError:
                invalid += 1
    return FolderContents(records, failures, invalid)


def reindex(out_dir: Path) -> FolderContents:
    """Rebuild ``DIR/letters.sqlite`` from ``DIR/records.jsonl`` (and ``failures.jsonl``).

        >>> reindex(Path("outputs")).records[0].doc_id  # doctest: +SKIP
        '3f1c0a9d2b7e4c55'
    """
    contents = read_folder(Path(out_dir))
    with LetterStore.open(Path(out_dir)) as store:
        store.rebuild(contents.records, contents.failures)
        if store.set_aside:
            restore_run_state(store, Path(out_dir))
            contents = replace(contents, set_aside=store.set_aside)
    return contents


def saved_watermarks(out_dir: Path) -> dict[str, str]:
    """The watermarks kept in ``WATERMARKS_FILE`` (none if it is missing or unreadable)."""
    try:
        saved = json.loads((out_dir / WATERMARKS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(source): str(value) for source, value in saved.items()} \
        if isinstance(saved, dict) else {}


def restore_run_state(store: LetterStore, out_dir: Path) -> None:
    """A store set aside as damaged was made anew from the records: bring back what
    scheduled runs had noted beside the letters. Contents with a record count as seen
    through ``letters``; a failure remembered before is read again from failures.jsonl,
    the watermarks from ``WATERMARKS_FILE``."""
    for line in iter_jsonl(out_dir / FAILURES_FILE, key="path"):
        with suppress(ValueError):
            failure = Failure.model_validate_json(line.text)
            if failure.sha256 and failure.error not in TRY_AGAIN_CODES:
                store.mark_processed(failure.sha256, "restored", failure.path, failure.error)
    for source, value in saved_watermarks(out_dir).items():
        store.set_watermark(source, value)
