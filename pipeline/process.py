"""One file through every stage: source -> document -> Doc -> record, or a failure.

    >>> outcome = process_file(Path("corpus/letters/some-letter.pdf"))  # doctest: +SKIP
    >>> outcome.record.letter.date if outcome.record else outcome.failure.error  # doctest: +SKIP
    '2020-11-04'

Errors become values here, at the edge: a file that cannot be processed gives
a ``Failure`` with a stable code and a message naming the file and the reason.
Unexpected errors are logged with their traceback; the message says where.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError
from spacy.language import Language

from models import Failure, LetterRecord
from pipeline.errors import ReadError
from pipeline.extract import analyse, build_nlp
from pipeline.reading import read_document
from pipeline.record import assemble
from pipeline.sources.files import SourceFile, read_source

log = logging.getLogger("ministerbrev")


@dataclass(frozen=True)
class Outcome:
    """What became of one file: exactly one of ``record`` and ``failure`` is set."""

    path: str
    record: LetterRecord | None = None
    failure: Failure | None = None


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """The pipeline, loaded once per process and reused for every document."""
    return build_nlp()


def process_file(path: Path, password: str | None = None) -> Outcome:
    try:
        source = read_source(path)
    except OSError as error:
        return failed(path, None, "unreadable", f"cannot open the file ({error.strerror})")
    try:
        return Outcome(path=str(path), record=process_source(source, password))
    except ReadError as error:
        return failed(path, source.sha256, error.code, error.message)
    except ValidationError as error:
        log.exception("%s: record failed validation", path)
        return failed(path, source.sha256, "invalid_record",
                      f"the extracted record breaks the contract ({error.error_count()} errors)")
    except Exception as error:  # a bug: keep the batch going, keep the details
        log.exception("%s: unexpected error", path)
        return failed(path, source.sha256, "internal", f"unexpected {type(error).__name__}")


def process_source(source: SourceFile, password: str | None = None) -> LetterRecord:
    document = read_document(source.data, password=password)
    doc = analyse(shared_nlp(), document)
    return assemble(source, document, doc)


def failed(path: Path, sha256: str | None, code: str, reason: str) -> Outcome:
    failure = Failure(path=str(path), sha256=sha256, error=code, message=f"{path}: {reason}")
    return Outcome(path=str(path), failure=failure)
