"""Folketinget's open data (ODA, OData v3 at https://oda.ft.dk/api/): documents updated since a
watermark, their actors, and their PDFs.

    >>> client = OdaClient(OdaSettings())  # doctest: +SKIP
    >>> follow = Follow(types=("Brev",), committees=("Finansudvalget",))  # doctest: +SKIP
    >>> follow = follow.resolve(client.lookups())  # doctest: +SKIP
    >>> for page in client.document_pages("2026-10-04T10:05:00", follow.type_ids):
    ... # doctest: +SKIP
    ...     documents = [client.document(row, follow.lookups) for row in page.rows]
    ...     data = client.download_pdf(documents[0].pdf_files[0].url)

What ODA is known to do, and what is done about it:

- It answers in Atom XML unless asked for JSON: every request sends ``Accept:
  application/json`` and ``$format=json``.
- A response holds at most 100 rows. ``odata.nextLink`` is followed exactly as
  given; a full page without one is continued with ``$skip``.
- Times are Danish local time with no zone, with or without milliseconds. They
  are compared as such and written back in the same form.
- Lookup tables (``Dokumenttype``, ``Aktørtype``, ``DokumentAktørRolle``) are read
  by name: their ids are ODA's to change.
- ``Fil.variantkode`` "P" is the PDF, but ``Fil.format`` can be wrong: the bytes
  must start with ``%PDF``.

Every request goes to an ``https`` URL on a configured host (ODA and www.ft.dk by
default), redirects included; answers are held to a size limit and a timeout,
and 5xx answers and timeouts are retried with backoff; a download has a deadline in all,
and a listing whose next links run in a circle is stopped. Ids name the files a run saves,
so an id that is not a number is refused as the answer is read. A file that cannot be had
raises ``FetchError`` with a failure code, for the caller to write as a failure line.

The package: ``client`` (requests and their rules), ``deadline`` (a download's deadline in
all), ``documents`` (ODA's data: times, lookups, what to follow, documents, queries, ids
checked), ``errors``, and ``steps`` (what a run does
with a page: follow, download, provenance; imported from there, as it loads the
pipeline).
"""


from pipeline.sources.oda.client import (
    DEFAULT_BASE_URL,
    DEFAULT_HOSTS,
    OdaClient,
    OdaSettings,
    check_url,
)
from pipeline.sources.oda.documents import (
    DANISH_TIME,
    Follow,
    Lookups,
    OdaDocument,
    PdfFile,
    ResultPage,
    format_time,
    matches,
    page_watermark,
    parse_time,
)
from pipeline.sources.oda.errors import (
    BadId,
    DeadlineExceeded,
    FetchError,
    OdaError,
    Refused,
    Retryable,
    UnknownName,
)

__all__ = [
    "DANISH_TIME",
    "BadId",
    "DeadlineExceeded",
    "DEFAULT_BASE_URL",
    "DEFAULT_HOSTS",
    "FetchError",
    "Follow",
    "Lookups",
    "OdaClient",
    "OdaDocument",
    "OdaError",
    "OdaSettings",
    "PdfFile",
    "Refused",
    "ResultPage",
    "Retryable",
    "UnknownName",
    "check_url",
    "format_time",
    "matches",
    "page_watermark",
    "parse_time",
]
