"""A file that could not be processed: one line of ``failures.jsonl``.

    >>> Failure(path="a.pdf", sha256=None, error="empty", message="a.pdf: the file is empty")
    Failure(path='a.pdf', sha256=None, error='empty', message='a.pdf: the file is empty')
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

FailureCode = Literal[
    "unreadable",  # the file could not be opened at all (permissions, vanished)
    "empty",  # zero bytes
    "not_pdf",  # does not start with %PDF
    "encrypted",  # needs a password
    "damaged",  # pdf structure broken beyond reading
    "no_pages",  # a valid PDF with zero pages
    "needs_ocr",  # pages but no text layer, and no OCR to read them (Tesseract missing)
    "no_text",  # no text layer, and nothing for OCR to read either (blank pages)
    "too_many_pages",  # more pages than the limit (--max-pages)
    "timeout",  # reading took longer than the limit (--max-seconds); the reader was stopped
    "too_large",  # reading needed more memory than the limit (--max-memory-mb)
    "invalid_record",  # the extracted record failed validation (a bug: please report)
    "internal",  # any other error inside the pipeline (a bug: please report)
]


class Failure(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    sha256: str | None
    error: FailureCode
    message: str
