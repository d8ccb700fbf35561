"""One file through every stage: source -> document -> Doc -> record, or a failure.

    >>> outcome = process_file(Path("corpus/letters/some-letter.pdf"))  # doctest: +SKIP
    >>> outcome.record.letter.date if outcome.record else outcome.failure.error  # doctest: +SKIP
    '2020-11-04'

Errors become values here, at the edge: a file that cannot be processed gives
a ``Failure`` with a stable code and a message naming the file and the reason.
Unexpected errors are logged with their traceback; the message says where.

Each letter runs in a child process within the ``Limits`` on pages, seconds and
memory (``pipeline.limits``); the child is forked from the worker once the Danish
model is loaded, and serves letter after letter until it is retired. The worker checks
the file first (a regular file, within ``--max-file-mb``) and hands the child its path
and hash; the child reads the bytes.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError
from spacy.language import Language

from models import Failure, LetterRecord
from pipeline.errors import ReadError
from pipeline.extract import analyse, build_nlp
from pipeline.limits import Limits, child_for
from pipeline.reading import read_document
from pipeline.record import assemble
from pipeline.sources.files import (
    LetterFile,
    NotARegularFile,
    SourceFile,
    check_file,
    read_source,
)
from pipeline.timing import StageClock

log = logging.getLogger("ministerbrev")


@dataclass(frozen=True)
class Outcome:
    """What became of one file: exactly one of ``record`` and ``failure`` is set."""

    path: str
    record: LetterRecord | None = None
    failure: Failure | None = None
    # Seconds per stage ("reading", "ocr", "nlp", ...) this file took, for the run's totals.
    stage_seconds: dict[str, float] = field(default_factory=dict)


# Run once through the pipeline when it is built, so that what the extractors make on first
# use (dateparser's parser and its Danish data) is made in the worker, before it forks a
# child per letter, and not again in every child: that took most of each letter's extraction.
WARM_UP_TEXT = ("Den 4. november 2020 afsatte ministeriet 73,4 mio. kr. til 22 initiativer "
                "i perioden 2020-2023.")


# Worker threads of a run (--workers) ask for the model at once; one of them loads it.
NLP_LOCK = threading.Lock()


def shared_nlp() -> Language:
    """The pipeline, loaded once per process, warmed up, and reused for every document."""
    with NLP_LOCK:
        return warmed_nlp()


@lru_cache(maxsize=1)
def warmed_nlp() -> Language:
    """``shared_nlp`` without the lock, for the child forked after the model was loaded:
    another thread may have held the lock at the fork, and the child's copy stays held."""
    nlp = build_nlp()
    nlp(WARM_UP_TEXT)
    # The model's half a million Python objects live as long as the process. Frozen, they
    # are left out of its garbage collections: a full one would visit them all, a long
    # pause each time (docs/benchmarks.md), and write to each one's header, copying pages
    # the letters' children share.
    gc.collect()
    gc.freeze()
    return nlp


def process_file(path: Path, password: str | None = None, limits: Limits | None = None,
                 sha256: str | None = None) -> Outcome:
    """One file's record, or its failure; never raises for what is in the file.
    ``sha256``, when the batch already hashed the file, spares hashing it again.

    >>> outcome = process_file(Path("scan.pdf"), limits=Limits(seconds=60))  # doctest: +SKIP
    >>> outcome.record.source.text_layer  # doctest: +SKIP
    'ocr'
    """
    clock = StageClock()
    outcome = process_timed(path, password, limits, clock, sha256)
    return replace(outcome, stage_seconds=clock.seconds)


def process_timed(path: Path, password: str | None, limits: Limits | None,
                  clock: StageClock, sha256: str | None = None) -> Outcome:
    """``process_file`` with each stage's time added to ``clock``.

    The file is checked here, in the worker, before anything reads it: a regular file
    within ``--max-file-mb``, hashed unless ``sha256`` is given. The child reads it then.
    """
    limits = limits or Limits()
    try:
        with clock.stage("reading"):
            letter = check_file(path, sha256, limits.file_bytes)
    except OSError as error:
        return failed(path, None, "unreadable", unreadable_reason(path, error))
    except ReadError as error:  # larger than the limit: never read
        return failed(path, sha256, error.code, error.message)
    try:
        record = process_letter_file(letter, password, limits, clock)
        return Outcome(path=str(path), record=record)
    except ReadError as error:
        return failed(path, letter.sha256, error.code, error.message)
    except Exception as error:  # a bug: keep the batch going, keep the details
        log.exception("%s: unexpected error", path)
        return failed(path, letter.sha256, "internal",
                      f"unexpected {type(error).__name__} (details in {log_location()})")


def unreadable_reason(path: Path, error: OSError) -> str:
    """Why a file could not be opened, in words: what it is, if no regular file; where a
    link that leads nowhere points; or what the system said."""
    if isinstance(error, NotARegularFile):
        return f"{error.kind}, not a regular file: not read"
    if isinstance(error, FileNotFoundError) and path.is_symlink():
        with contextlib.suppress(OSError):
            return f"a link to {os.readlink(path)}, which does not exist"
    return f"cannot open the file ({error.strerror or error})"


def process_letter_file(letter: LetterFile, password: str | None = None,
                        limits: Limits | None = None,
                        clock: StageClock | None = None) -> LetterRecord:
    """The record of one checked file; raises for what is wrong with it.

    The whole letter (reading, OCR, NLP, extraction, validation) runs in a child
    process held to ``limits``, so a letter that takes too long or grows too big is
    stopped wherever it is. The model is loaded here first, once per worker, so the
    children forked from the worker start with it.
    """
    clock = clock or StageClock()
    with clock.stage("model_load"):  # once per process; free after the first letter
        shared_nlp()
    record, seconds = run_whole(letter, password, limits or Limits())
    clock.add_all(seconds)
    return record


def run_whole(letter: LetterFile, password: str | None,
              limits: Limits) -> tuple[LetterRecord, dict[str, float]]:
    """``file_record`` in this thread's child within ``limits``, where processes fork."""
    arguments = (letter, password, limits)
    if not hasattr(os, "fork"):
        return file_record(*arguments)
    return child_for(file_record, limits).call(*arguments)


def file_record(letter: LetterFile, password: str | None,
                limits: Limits) -> tuple[LetterRecord, dict[str, float]]:
    """The file read (here, in the child: the worker sends the path, not the bytes), then
    ``letter_record``; the seconds of each stage."""
    clock = StageClock()
    try:
        with clock.stage("reading"):
            source = read_source(letter.path, letter.sha256, limits.file_bytes)
    except OSError as error:  # gone or replaced since the worker checked it
        raise ReadError("unreadable", unreadable_reason(letter.path, error)) from None
    record, seconds = letter_record(source, password, limits.max_pages)
    clock.add_all(seconds)
    return record, clock.seconds


def letter_record(source: SourceFile, password: str | None,
                  max_pages: int | None) -> tuple[LetterRecord, dict[str, float]]:
    """Every stage of one letter, and the seconds each took."""
    clock = StageClock()
    with clock.stage("reading"):
        document = read_document(source.data, password, max_pages)
    # OCR ran inside the reading: count it under its own name only.
    clock.add("reading", -document.ocr_seconds)
    clock.add("ocr", document.ocr_seconds)
    nlp = warmed_nlp()
    if len(document.body_text) > nlp.max_length:
        raise ReadError("too_large", f"the running text has {len(document.body_text):,} "
                        f"characters, more than the pipeline's {nlp.max_length:,}")
    doc = analyse(nlp, document, clock)
    with clock.stage("validation"):
        try:
            record = assemble(source, document, doc, text_layer=document.text_layer)
        except ValidationError as error:
            log.exception("%s: record failed validation", source.path)
            raise ReadError("invalid_record", f"the extracted record breaks the contract "
                            f"({error.error_count()} errors; details in {log_location()})"
                            ) from error
    return record, clock.seconds


def log_location() -> str:
    """The log file the details went to, for a failure message to point at."""
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler):
            return handler.baseFilename
    return "the log"


def failed(path: Path, sha256: str | None, code: str, reason: str) -> Outcome:
    failure = Failure(path=str(path), sha256=sha256, error=code, message=f"{path}: {reason}")
    return Outcome(path=str(path), failure=failure)
