"""Writing results: ``records/<doc_id>.json``, ``records.jsonl`` and ``failures.jsonl``.

    >>> with OutputFolder(Path("outputs")) as out:  # doctest: +SKIP
    ...     out.write_record(record)

A record file is written to a temporary name and renamed into place, so a
reader never sees half a file. ``records.jsonl`` gets one line per letter and
``failures.jsonl`` one per file that failed, each appended and flushed as the
letter is done, so a run that is killed keeps both; a letter processed again
replaces its line when the folder is closed. Files are made with the mode the
user's umask gives, as any program's.

Several runs may write into one folder at once (two batches over overlapping
folders): appends and rewrites of the ``.jsonl`` files happen under a lock
(``flock`` on ``.output.lock``), and opening and closing a folder leave
``records.jsonl`` with one whole line per letter, whatever a killed run left.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from models import Failure, LetterRecord

LOCK_NAME = ".output.lock"
MISSING_FILE = (None, 0, None)  # ``file_state`` of a file that is not there


class OutputFolder:
    """The folder a run writes into, and what earlier runs left there."""

    def __init__(self, root: Path):
        self.root = root
        self.records_dir = root / "records"
        self.records_dir.mkdir(parents=True, exist_ok=True)
        self.jsonl_path = root / "records.jsonl"
        self.failures_path = root / "failures.jsonl"
        # The letters with a line in records.jsonl. Only their ids: a run over a large
        # archive would otherwise hold every record's line for as long as it runs.
        self._doc_ids: set[str] = set()
        self._recorded_paths: set[str] = set()  # files this run made a record of
        self._jsonl: TextIO | None = None
        self._lock_file: TextIO | None = None
        # records.jsonl is known to hold one whole line per letter for as long as it is
        # this file as it was then (``file_state``); None once that is not known. Closing
        # then need not read an archive's file again to tidy it.
        self._tidy_as: tuple | None = None
        self.opened_as: tuple = MISSING_FILE  # records.jsonl once opened and tidied

    def __enter__(self) -> OutputFolder:
        self.open()
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def open(self) -> None:
        self._lock_file = (self.root / LOCK_NAME).open("a")
        with self._locked():
            remove_stale_temporaries(self.root)
            self._doc_ids = tidy_jsonl(self.jsonl_path, key="doc_id")
            self._tidy_as = self.opened_as = file_state(self.jsonl_path)
            tidy_jsonl(self.failures_path, key="path")  # a torn last line of a killed run

    def has_record(self, doc_id: str) -> bool:
        return doc_id in self._doc_ids and (self.records_dir / f"{doc_id}.json").exists()

    def write_record(self, record: LetterRecord) -> None:
        record_json = record.model_dump_json(indent=2)
        write_atomically(self.records_dir / f"{record.doc_id}.json", record_json + "\n")
        line = record.model_dump_json() + "\n"
        with self._locked():
            self._append(line, new_letter=record.doc_id not in self._doc_ids)
        self._doc_ids.add(record.doc_id)  # an older line for it goes when the folder closes
        self._recorded_paths.add(record.source.path)

    def grown_by_new_letters_only(self) -> tuple | None:
        """records.jsonl's ``file_state`` now, if since the folder was opened the file gained
        only this folder's lines, each a letter it did not hold; None otherwise."""
        now = file_state(self.jsonl_path)
        return now if self._tidy_as is not None and now == self._tidy_as else None

    def write_failure(self, failure: Failure) -> None:
        """Append the failure's line to failures.jsonl at once; an earlier line for the same
        file goes when the folder closes."""
        line = failure.model_dump_json() + "\n"
        with self._locked(), self.failures_path.open("a", encoding="utf-8") as failures:
            failures.write(line)
        self._recorded_paths.discard(failure.path)

    def close(self) -> None:
        if self._lock_file is None:
            return
        with self._locked():
            if self._jsonl:
                self._jsonl.close()
                self._jsonl = None
            if self.grown_by_new_letters_only() is None:  # it may need tidying
                tidy_jsonl(self.jsonl_path, key="doc_id")
            self._merge_failures()
        self._lock_file.close()
        self._lock_file = None

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the folder's lock: other runs wait to append or rewrite meanwhile."""
        fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_UN)

    def _append(self, line: str, new_letter: bool) -> None:
        """Append one whole line and flush it; reopen first if another run replaced the file.

        The file stays known to be tidy if it was so up to now, nobody else wrote to it
        meanwhile, and the line is a letter it did not hold.
        """
        if self._jsonl is None or replaced(self._jsonl, self.jsonl_path):
            if self._jsonl:
                self._jsonl.close()
            self._jsonl = self.jsonl_path.open("a", encoding="utf-8")
        before = file_state(self.jsonl_path)
        # A file that was not there at the start is tidy if this run made it, still empty.
        still_tidy = new_letter and (before == self._tidy_as or
                                     (self._tidy_as == MISSING_FILE and before[1] == 0))
        self._jsonl.write(line)
        self._jsonl.flush()
        self._tidy_as = file_state(self.jsonl_path) if still_tidy else None

    def _merge_failures(self) -> None:
        """failures.jsonl as it stands (other runs' lines too), the last line for each file,
        less the files this run made records of."""
        failures = read_jsonl(self.failures_path, key="path")
        for path in self._recorded_paths:
            failures.pop(path, None)
        write_atomically(self.failures_path, "".join(failures.values()))


def tidy_jsonl(path: Path, key: str) -> set[str]:
    """The keys of the file's lines. The file is rewritten with only the last line for each
    key if it holds more (a torn last line from a killed run, a letter written twice).

    It is read twice rather than held: an archive's file holds a line of several KB for
    each of its letters. Call it under the folder's lock, so the file stays as it is.
    """
    last_of: dict[str, int] = {}  # each key's last line, counting readable lines only
    for number, (line_key, _text) in enumerate(keyed_lines(path, key)):
        last_of[line_key] = number
    if path.exists() and (not ends_cleanly(path) or count_lines(path) != len(last_of)):
        kept = set(last_of.values())
        write_atomically(path, (text for number, (_key, text) in
                                enumerate(keyed_lines(path, key)) if number in kept))
    return set(last_of)


def keyed_lines(path: Path, key: str) -> Iterator[tuple[str, str]]:
    """Each readable line's key and text, as ``iter_jsonl`` finds them, but without parsing
    the lines the way this module writes them: they begin with their key
    (``{"doc_id":"…",``), hold that beginning once and end the object on the line. Any
    other line is parsed whole. Opening an archive's folder reads every line, and finding
    the key costs a fraction of parsing each line (figures in docs/benchmarks.md, "Where
    the figures behind the design come from"). (A line of that shape that is damaged
    inside, which only a damaged disk makes, is taken as it is.)

        >>> next(keyed_lines(Path("records.jsonl"), key="doc_id"))  # doctest: +SKIP
        ('b1a200333d85fb4f', '{"doc_id":"b1a200333d85fb4f",…}\\n')
    """
    if not path.exists():
        return
    opening = f'{{"{key}":"'
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            # Once only: a torn line that another line was appended to holds it twice.
            if line.startswith(opening) and line.endswith("}\n") and line.count(opening) == 1:
                value = line[len(opening):line.find('"', len(opening))]
                if "\\" not in value:  # an escaped key is left to the parser
                    yield value, line
                    continue
            if parsed := parse_jsonl_line(line, key):
                yield parsed.key, parsed.text


def read_jsonl(path: Path, key: str) -> dict[str, str]:
    """The last line for each key; a torn or unreadable line is dropped."""
    return {line.key: line.text for line in iter_jsonl(path, key)}


class JsonLine(NamedTuple):
    """One readable line of a ``.jsonl`` file: its key, its text and what it holds."""

    key: str
    text: str  # ends in a newline
    fields: dict[str, Any]


def iter_jsonl(path: Path, key: str) -> Iterator[JsonLine]:
    """Each readable line, in the file's order, parsed once; a torn or unreadable line is
    skipped.

        >>> next(iter_jsonl(Path("failures.jsonl"), key="path")).key  # doctest: +SKIP
        'in/scan.pdf'
    """
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if parsed := parse_jsonl_line(line, key):
                yield parsed


def parse_jsonl_line(line: str, key: str) -> JsonLine | None:
    """The line parsed, or None if it is torn or holds no ``key``."""
    try:
        fields = json.loads(line)
        value = fields[key]
    except (ValueError, KeyError, TypeError):
        return None
    return JsonLine(value, line if line.endswith("\n") else line + "\n", fields)


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _line in handle)


def ends_cleanly(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        if handle.tell() == 0:
            return True
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def file_state(path: Path) -> tuple:
    """What tells whether a file was written to or replaced: its inode, size and time of
    last change; ``MISSING_FILE`` for a file that is not there."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return MISSING_FILE
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def replaced(handle: TextIO, path: Path) -> bool:
    """True if ``path`` is no longer the file ``handle`` writes to (renamed over, removed)."""
    try:
        return os.stat(path).st_ino != os.fstat(handle.fileno()).st_ino
    except FileNotFoundError:
        return True


def remove_stale_temporaries(root: Path) -> None:
    """Temporary copies of the .jsonl files left by a killed run. Called under the lock:
    no live run is writing one then."""
    for name in ("records.jsonl", "failures.jsonl"):
        for temporary in root.glob(f".{name}.*.tmp"):
            temporary.unlink(missing_ok=True)


def new_temporary(path: Path) -> tuple[int, Path]:
    """A new file ``.NAME.RANDOM.tmp`` beside ``path``, opened for writing, made with mode
    0666 less the umask (the kernel applies it), and never one that was there before."""
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:
            continue


def write_atomically(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its lines, one after another) to a temporary file beside
    ``path``, then rename it into place. The file gets the mode the user's umask gives,
    as any program's (``tempfile.mkstemp`` would make it 0600)."""
    handle, temporary = new_temporary(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.writelines([text] if isinstance(text, str) else text)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
