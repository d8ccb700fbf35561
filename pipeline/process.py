"""One file through every stage: source -> document -> Doc -> record, or a failure.

    >>> outcome = process_file(Path("corpus/letters/some-letter.pdf"))  # doctest: +SKIP
    >>> outcome.record.letter.date if outcome.record else outcome.failure.error  # doctest: +SKIP
    '2020-11-04'

Errors become values here, at the edge: a file that cannot be processed gives
a ``Failure`` with a stable code and a message naming the file and the reason.
Unexpected errors are logged with their traceback; the message says where.

Each letter runs in a child process within the ``Limits`` on pages, seconds and
memory (``pipeline.limits``); the child is forked from the worker once the Danish
model is loaded, and serves letter after letter until it is retired.
"""

from __future__ import annotations

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
from pipeline.sources.files import SourceFile, read_source
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
    """``process_file`` with each stage's time added to ``clock``."""
    try:
        with clock.stage("reading"):
            source = read_source(path, sha256)
    except OSError as error:
        return failed(path, None, "unreadable", f"cannot open the file ({error.strerror})")
    try:
        record = process_source(source, password, limits, clock)
        return Outcome(path=str(path), record=record)
    except ReadError as error:
        return failed(path, source.sha256, error.code, error.message)
    except Exception as error:  # a bug: keep the batch going, keep the details
        log.exception("%s: unexpected error", path)
        return failed(path, source.sha256, "internal",
                      f"unexpected {type(error).__name__} (details in {log_location()})")


def process_source(source: SourceFile, password: str | None = None,
                   limits: Limits | None = None, clock: StageClock | None = None) -> LetterRecord:
    """The record of one file's content; raises for what is wrong with it.

    The whole letter (reading, OCR, NLP, extraction, validation) runs in a child
    process held to ``limits``, so a letter that takes too long or grows too big is
    stopped wherever it is. The model is loaded here first, once per worker, so the
    children forked from the worker start with it.
    """
    clock = clock or StageClock()
    with clock.stage("model_load"):  # once per process; free after the first letter
        shared_nlp()
    record, seconds = run_whole(source, password, limits or Limits())
    clock.add_all(seconds)
    return record


def run_whole(source: SourceFile, password: str | None,
              limits: Limits) -> tuple[LetterRecord, dict[str, float]]:
    """``letter_record`` in this thread's child within ``limits``, where processes fork."""
    arguments = (source, password, limits.max_pages)
    if not hasattr(os, "fork"):
        return letter_record(*arguments)
    return child_for(letter_record, limits).call(*arguments)


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
