"""The archive: an output folder and its store, the one way a run reads or writes them.

    >>> with Archive(Path("outputs")) as archive:  # doctest: +SKIP
    ...     if not archive.processed_before(sha256):
    ...         archive.write(outcome)
    ...         archive.remember("inbox", outcome, sha256)

Each letter goes into the folder (``records/<doc_id>.json``, a line of
``records.jsonl``) and then into the store, committed at once. The store is derived
from ``records.jsonl``: opening the archive first brings the store up to date with
the file, and closing it after a run that went well notes how far the store holds
the file, so the next run need not read an archive's file through to find out.
"""

from __future__ import annotations

import json
import logging
import sys
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.output import OutputFolder, write_atomically
from pipeline.run.catchup import (
    TRY_AGAIN_CODES,
    WATERMARKS_FILE,
    bring_in_step,
    keep_up_with,
    restore_run_state,
    saved_watermarks,
)
from pipeline.store import LetterStore

if TYPE_CHECKING:  # the archive only reads an outcome; processing loads the Danish model
    from pipeline.process import Outcome

class Archive:
    """An output folder and its store, opened together: the only way a run reads or writes them.

        >>> with Archive(Path("outputs")) as archive:   # doctest: +SKIP
        ...     archive.write(outcome)
    """

    folder: OutputFolder
    store: LetterStore

    def __init__(self, out: Path | str) -> None:
        self.root = Path(out)
        self._processed: set[str] | None = None  # SHA-256 done before, read on first use
        # The ``file_state`` of records.jsonl the store is known to hold all of, if known.
        self._caught_up_as: tuple | None = None
        self._open = ExitStack()

    def __enter__(self) -> Archive:
        self._processed = None
        with ExitStack() as opening:  # a store that cannot open closes the folder again
            self.folder = opening.enter_context(OutputFolder(self.root))
            self.store = opening.enter_context(LetterStore.open(self.root))
            self._caught_up_as = bring_in_step(self.store, self.root)
            if self.store.set_aside:
                self._restore_run_state()
            self._open = opening.pop_all()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        with self._open:  # the store closes, then the folder, whatever happens here
            if exc_type is None:  # else this run's letters may be in the file alone
                keep_up_with(self.store, self._caught_up_as, self.folder.opened_as,
                             self.folder.grown_by_new_letters_only())

    def write(self, outcome: Outcome) -> None:
        """Write one letter's record or failure into the folder; the store commits it at once."""
        if outcome.record:
            self.folder.write_record(outcome.record)
            self.store.put_record(outcome.record)
            self._note_processed(outcome.record.source.sha256)
        else:
            self.folder.write_failure(outcome.failure)
            self.store.put_failure(outcome.failure)

    def has_record(self, doc_id: str) -> bool:
        """Whether the folder holds the letter's record (``records/<doc_id>.json``)."""
        return self.folder.has_record(doc_id)

    def processed_before(self, sha256: str) -> bool:
        """True if this content was processed by an earlier run and its record is here (a
        run again after a crash). Failures remembered by ``remember`` count only with a record.
        """
        if self._processed is None:
            self._processed = self.store.processed_hashes()
        return sha256 in self._processed and self.folder.has_record(sha256[:16])

    def remember(self, source: str, outcome: Outcome, sha256: str | None = None) -> None:
        """Remember the content as done, record or failure, so the next run skips it.

        ``source`` names where it came from ('inbox', 'oda'); ``sha256`` is the file's, for
        a failure that could not say it. Failures that another run may not repeat
        (``TRY_AGAIN_CODES``) are not remembered.
        """
        if outcome.record:
            sha256 = outcome.record.source.sha256
        elif outcome.failure.error in TRY_AGAIN_CODES:
            return
        elif outcome.failure.sha256:
            sha256 = outcome.failure.sha256
        if sha256:
            code = "record" if outcome.record else outcome.failure.error
            self.store.mark_processed(sha256, source, outcome.path, code)
            self._note_processed(sha256)

    def watermark(self, source: str) -> str | None:
        """The last update time of ``source`` fully processed, as the source wrote it."""
        return self.store.watermark(source)

    def set_watermark(self, source: str, value: str) -> None:
        """Move the watermark; call it only once everything up to ``value`` is written."""
        self.store.set_watermark(source, value)
        watermarks = self._saved_watermarks()
        watermarks[source] = value
        write_atomically(self.root / WATERMARKS_FILE,
                         json.dumps(watermarks, ensure_ascii=False, indent=2) + "\n")

    def _saved_watermarks(self) -> dict[str, str]:
        return saved_watermarks(self.root)

    def _restore_run_state(self) -> None:
        damaged = self.store.set_aside
        restore_run_state(self.store, self.root)
        warn(f"{self.store.path.name} was damaged ({damaged.reason}): "
             f"set aside as {damaged.moved_to.name} and rebuilt from records.jsonl")

    def _note_processed(self, sha256: str) -> None:
        # The store's processed hashes hold every letter's too: keep the set read in step.
        if self._processed is not None:
            self._processed.add(sha256)


def warn(message: str) -> None:
    """A warning for the run's log file and, inside a flow run, for Prefect (its UI and the
    screen)."""
    logging.getLogger("ministerbrev").warning(message)
    if "prefect.flow_engine" not in sys.modules:  # no flow has run: no flow run to tell
        return
    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    with suppress(MissingContextError):
        get_run_logger().warning(message)
