"""Writing results: ``records/<doc_id>.json``, ``records.jsonl`` and ``failures.jsonl``.

    >>> with OutputFolder(Path("outputs")) as out:  # doctest: +SKIP
    ...     out.write_record(record)

A record file is written to a temporary name and renamed into place, so a
reader never sees half a file. ``records.jsonl`` gets one line per letter,
appended and flushed as each letter is done; a letter processed again
replaces its line when the folder is closed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from models import Failure, LetterRecord


class OutputFolder:
    """The folder a run writes into, and what earlier runs left there."""

    def __init__(self, root: Path):
        self.root = root
        self.records_dir = root / "records"
        self.records_dir.mkdir(parents=True, exist_ok=True)
        self.jsonl_path = root / "records.jsonl"
        self.failures_path = root / "failures.jsonl"
        self._lines = read_jsonl(self.jsonl_path, key="doc_id")
        self._failures = read_jsonl(self.failures_path, key="path")
        self._needs_rewrite = False
        self._jsonl = None

    def __enter__(self) -> OutputFolder:
        self.open()
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def open(self) -> None:
        # Rewrite first if an earlier run was stopped in the middle of a line.
        if self.jsonl_path.exists() and not ends_cleanly(self.jsonl_path):
            write_atomically(self.jsonl_path, "".join(self._lines.values()))
        self._jsonl = self.jsonl_path.open("a", encoding="utf-8")

    def has_record(self, doc_id: str) -> bool:
        return doc_id in self._lines and (self.records_dir / f"{doc_id}.json").exists()

    def write_record(self, record: LetterRecord) -> None:
        record_json = record.model_dump_json(indent=2)
        write_atomically(self.records_dir / f"{record.doc_id}.json", record_json + "\n")
        line = record.model_dump_json() + "\n"
        if record.doc_id in self._lines:
            self._needs_rewrite = True  # its old line goes when the folder is closed
        self._lines[record.doc_id] = line
        self._jsonl.write(line)
        self._jsonl.flush()
        self._forget_failure(record.source.path)

    def write_failure(self, failure: Failure) -> None:
        self._failures[failure.path] = failure.model_dump_json() + "\n"

    def close(self) -> None:
        if self._jsonl:
            self._jsonl.close()
            self._jsonl = None
        if self._needs_rewrite:
            write_atomically(self.jsonl_path, "".join(self._lines.values()))
            self._needs_rewrite = False
        write_atomically(self.failures_path, "".join(self._failures.values()))

    def _forget_failure(self, path: str) -> None:
        self._failures.pop(path, None)


def read_jsonl(path: Path, key: str) -> dict[str, str]:
    """The last line for each key; a torn or unreadable line is dropped."""
    lines: dict[str, str] = {}
    if not path.exists():
        return lines
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                lines[json.loads(line)[key]] = line if line.endswith("\n") else line + "\n"
            except (ValueError, KeyError, TypeError):
                continue
    return lines


def ends_cleanly(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        if handle.tell() == 0:
            return True
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
