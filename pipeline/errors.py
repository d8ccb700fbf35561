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
