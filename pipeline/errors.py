"""Errors that explain why a file could not be processed.

Each carries a short stable ``code`` (the ``error`` of a failure line) and a
message a person can act on.
"""

from __future__ import annotations


class ReadError(Exception):
    """A document that cannot be read; ``code`` is one of ``models.FailureCode``."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def out_of_memory(error: BaseException | None) -> bool:
    """True if ``error`` is, wraps or was caused by a MemoryError (pdfplumber wraps
    whatever pdfminer raises).

    >>> out_of_memory(RuntimeError(MemoryError("Unable to allocate output buffer.")))
    True
    """
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, MemoryError):
            return True
        wrapped = error.args[0] if error.args and isinstance(error.args[0], BaseException) else None
        error = wrapped or error.__cause__ or error.__context__
        seen += 1
    return False
