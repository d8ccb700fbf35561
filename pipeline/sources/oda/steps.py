"""A run's steps over one page of ODA's documents: which to follow, their PDFs downloaded
into the output folder, and the provenance each record gets.

    >>> downloads = download_page(client, page, follow, Path("outputs"), seen)
    ... # doctest: +SKIP
    >>> list(downloads.todo), len(downloads.failures)  # doctest: +SKIP
    (['outputs/oda/101-9001.pdf'], 1)
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from models import Failure, LetterRecord, Source
from models.record import OdaProvenance
from pipeline.process import Outcome
from pipeline.sources.files import SourceFile
from pipeline.sources.oda.client import OdaClient
from pipeline.sources.oda.documents import (
    DANISH_TIME,
    Follow,
    OdaDocument,
    PdfFile,
    ResultPage,
    document_type,
    format_time,
    matches,
    pdf_rows,
)
from pipeline.sources.oda.errors import BadId, FetchError

FIRST_ODA_RUN_DAYS = 7  # with no watermark and no --since, ODA is read from a week back

log = logging.getLogger("ministerbrev")


@dataclass
class PageDownloads:
    """What one page gave: PDFs to process (path -> SHA-256) with each one's provenance,
    failure outcomes for the files that could not be had, and how many PDFs an earlier run
    already processed."""

    todo: dict[str, str | None] = field(default_factory=dict)
    provenance: dict[str, OdaProvenance] = field(default_factory=dict)
    failures: list[Outcome] = field(default_factory=list)
    seen_before: int = 0


def download_page(client: OdaClient, page: ResultPage, follow: Follow, root: Path,
                  processed_before: Callable[[str], bool]) -> PageDownloads:
    """Download the followed PDFs of one page into ``root``; ``processed_before`` tells,
    by its SHA-256, content an earlier run processed (a run again after a crash). A document
    or file whose id is not a number is not downloaded: a failure line for each PDF."""
    downloads = PageDownloads()
    for row in page.rows:
        try:
            document = followed_document(client, row, follow)
        except BadId as error:
            log.warning("%s", error.message)
            downloads.failures.extend(download_failure(fil["filurl"], error)
                                      for fil in pdf_rows(row))
            continue
        if document:
            download_document(client, document, root, processed_before, downloads)
    return downloads


def download_document(client: OdaClient, document: OdaDocument, root: Path,
                      processed_before: Callable[[str], bool], downloads: PageDownloads) -> None:
    """Download one followed document's PDFs into ``downloads``."""
    for rejected in document.rejected:
        log.warning("%s: %s", rejected.url, rejected.error.message)
        downloads.failures.append(download_failure(rejected.url, rejected.error))
    for pdf in document.pdf_files:
        try:
            source = save_download(client, pdf, document, root)
        except FetchError as error:
            downloads.failures.append(download_failure(pdf.url, error))
            continue
        if processed_before(source.sha256):
            downloads.seen_before += 1
        else:
            downloads.todo[str(source.path)] = source.sha256
            downloads.provenance[str(source.path)] = document.provenance(pdf)


def followed_document(client: OdaClient, row: dict, follow: Follow) -> OdaDocument | None:
    """The document, if it is of a followed type and has followed actors and a PDF;
    ``BadId`` for one whose id is not a number."""
    if follow.types and not matches(follow.types, [document_type(row, follow.lookups) or ""]):
        return None
    if not pdf_rows(row):
        return None
    document = client.document(row, follow.lookups)  # with its committees and ministries
    return document if follow.wants_actors(document.committees, document.ministries) else None


def save_download(client: OdaClient, pdf: PdfFile, document: OdaDocument,
                  root: Path) -> SourceFile:
    """Download a PDF into ``OUT/oda/<dokument id>-<fil id>.pdf``, written atomically; the
    file as saved, hashed once."""
    path = download_path(root, document, pdf)
    data = client.download_pdf(pdf.url)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)
    return SourceFile(path=path, data=data)


def download_path(root: Path, document: OdaDocument, pdf: PdfFile) -> Path:
    """Where a PDF is saved, ``OUT/oda/<dokument id>-<fil id>.pdf``. The ids are numbers
    from the moment ODA's answer is read; this is the second guard: a path that resolves
    outside the output folder (``oda`` a link elsewhere, say) is refused."""
    path = root / "oda" / f"{document.id}-{pdf.id}.pdf"
    folder, resolved = root.resolve(), path.resolve()
    if not resolved.is_relative_to(folder):
        raise FetchError("unreadable", f"{pdf.url}: would be saved as {resolved}, outside "
                         f"the output folder {folder}; not downloaded")
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` as ``path``: written to a new file beside it (never through a link left
    there), then renamed over it."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # O_EXCL: a new file or none, so a link already there is never written through.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def download_failure(url: str, error: FetchError) -> Outcome:
    """A file ODA lists but that could not be had: a failure line, keyed by its URL."""
    message = error.message if url in error.message else f"{url}: {error.message}"
    return Outcome(path=url, failure=Failure(path=url, sha256=None, error=error.code,
                                             message=message))


def with_provenance(outcome: Outcome, provenance: OdaProvenance) -> Outcome:
    """The outcome with ``source.oda`` set on its record, validated as every record is."""
    if not outcome.record:
        return outcome
    record = outcome.record
    source = Source(**{**dict(record.source), "oda": provenance})
    return replace(outcome, record=LetterRecord(**{**dict(record), "source": source}))


def first_oda_since() -> str:
    """Where a first ODA run starts: ``FIRST_ODA_RUN_DAYS`` back, Danish local time."""
    now = datetime.now(DANISH_TIME).replace(tzinfo=None, microsecond=0)
    return format_time(now - timedelta(days=FIRST_ODA_RUN_DAYS))
