"""A run's steps over one page of ODA's documents: which to follow, their PDFs downloaded
into the output folder, and the provenance each record gets.

    >>> downloads = download_page(client, page, follow, Path("outputs"), seen)
    ... # doctest: +SKIP
    >>> list(downloads.todo), len(downloads.failures)  # doctest: +SKIP
    (['outputs/oda/101-9001.pdf'], 1)
"""

from __future__ import annotations

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
    format_time,
    matches,
)
from pipeline.sources.oda.errors import FetchError

FIRST_ODA_RUN_DAYS = 7  # with no watermark and no --since, ODA is read from a week back


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
    by its SHA-256, content an earlier run processed (a run again after a crash)."""
    downloads = PageDownloads()
    for row in page.rows:
        document = followed_document(client, row, follow)
        for pdf in document.pdf_files if document else ():
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
    return downloads


def followed_document(client: OdaClient, row: dict, follow: Follow) -> OdaDocument | None:
    """The document, if it is of a followed type and has followed actors and a PDF."""
    document = client.document(row, follow.lookups, with_actors=False)
    if follow.types and not matches(follow.types, [document.type or ""]):
        return None
    if not document.pdf_files:
        return None
    document = client.document(row, follow.lookups)  # now with its committees and ministries
    return document if follow.wants_actors(document.committees, document.ministries) else None


def save_download(client: OdaClient, pdf: PdfFile, document: OdaDocument,
                  root: Path) -> SourceFile:
    """Download a PDF into ``OUT/oda/<dokument id>-<fil id>.pdf``, written atomically; the
    file as saved, hashed once."""
    data = client.download_pdf(pdf.url)
    path = root / "oda" / f"{document.id}-{pdf.id}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return SourceFile(path=path, data=data)


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
