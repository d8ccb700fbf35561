"""A file that could not be processed: one line of ``failures.jsonl``.

    >>> Failure(path="a.pdf", sha256=None, error="empty", message="a.pdf: the file is empty")
    Failure(path='a.pdf', sha256=None, error='empty', message='a.pdf: the file is empty')
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FailureCode = Literal[
    "unreadable",
    "empty",
    "not_pdf",
    "encrypted",
    "damaged",
    "no_pages",
    "needs_ocr",
    "no_text",
    "too_many_pages",
    "timeout",
    "too_large",
    "invalid_record",
    "internal",
]

# What each code means, in the order of ``FailureCode`` (docs/record.md shows them).
FAILURE_MEANINGS: dict[str, str] = {
    "unreadable": "the file could not be opened at all (permissions, vanished, a link to "
                  "nothing) or is no regular file (a FIFO, a device): never read",
    "empty": "zero bytes",
    "not_pdf": "does not start with %PDF",
    "encrypted": "needs a password",
    "damaged": "pdf structure broken beyond reading",
    "no_pages": "a valid PDF with zero pages",
    "needs_ocr": "pages but no text layer, and no OCR to read them (Tesseract missing)",
    "no_text": "no text layer, and nothing for OCR to read either (blank pages)",
    "too_many_pages": "more pages than the limit (--max-pages)",
    "timeout": "reading took longer than the limit (--max-seconds); the reader was stopped",
    "too_large": "the file is larger than the limit (--max-file-mb), or reading needed more "
                 "memory than the limit (--max-memory-mb)",
    "invalid_record": "the extracted record failed validation (a bug: please report)",
    "internal": "any other error inside the pipeline (a bug: please report)",
}


class Failure(BaseModel):
    """A file that could not be processed: one line of ``failures.jsonl``."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="The file's path as the run was given it.")
    sha256: str | None = Field(description="SHA-256 of the file's bytes; null when the file "
                               "could not be read.")
    error: FailureCode = Field(description="A short stable code: see the failure codes below.")
    message: str = Field(description="What went wrong, in words, naming the file.")
