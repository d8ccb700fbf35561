"""What can go wrong reading ODA: ODA itself unreadable (the run stops), or one URL that
could not be had (a failure line for that file).

    >>> FetchError("not_pdf", "https://www.ft.dk/a.pdf: not a PDF").code
    'not_pdf'
"""

from __future__ import annotations


class OdaError(Exception):
    """ODA itself could not be read (after retries): the run stops, the watermark stays."""


class UnknownName(OdaError):
    """A type, committee or ministry to follow that ODA has no such name for: a mistake in
    what the run was asked, not a failure of ODA."""


class FetchError(Exception):
    """A URL could not be had; ``code`` is a failure code ('unreadable', 'not_pdf', ...)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class Refused(FetchError):
    """The URL breaks the download rules (not https, or a host not configured)."""

    def __init__(self, message: str):
        super().__init__("unreadable", message)


class Retryable(FetchError):
    """A 5xx answer, a timeout or a dropped connection: worth another try."""

    def __init__(self, message: str):
        super().__init__("unreadable", message)


class BadId(FetchError):
    """An id in ODA's answer that is not a number: ids name the files a run saves, so the
    file (or every file of the document) it belongs to is not downloaded."""

    def __init__(self, message: str):
        super().__init__("unreadable", message)


class DeadlineExceeded(FetchError):
    """A download that took longer than its deadline in all (tries and redirects included):
    a server that trickles its answer is cut off, and not tried again."""

    def __init__(self, url: str, seconds: float):
        super().__init__("unreadable", f"{url}: the download took longer than {seconds:g} s "
                         "in all; it was stopped")
        self.url = url


class Unreachable(FetchError):
    """A URL that kept failing (``Retryable``) after every try; ``reason`` says how."""

    def __init__(self, url: str, reason: str):
        super().__init__("unreadable", f"{url}: {reason}")
        self.url = url
        self.reason = reason
