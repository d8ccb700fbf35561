"""An inbox folder: the PDFs in it whose content no run has processed yet.

A file is known by the SHA-256 of its bytes, so a renamed or moved letter is
not processed again, and a changed one is. The hashes already processed come
from the store (``LetterStore.processed_hashes``).

    >>> with LetterStore.open(Path("outputs")) as store:  # doctest: +SKIP
    ...     scan = scan_inbox(Path("inbox"), store.processed_hashes())
    >>> [path.name for path, _sha256 in scan.new], len(scan.skipped)  # doctest: +SKIP
    (['new-letter.pdf'], 40)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.sources.files import find_pdfs, open_regular


@dataclass
class InboxScan:
    """What an inbox holds: files to process (with their hash, None if unreadable) and the rest."""

    new: list[tuple[Path, str | None]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read in chunks (an inbox may hold large files).

        >>> file_sha256(Path("corpus/letters/uim-2020-11-04-handlingsplan.pdf"))[:16]
        ... # doctest: +SKIP
        '9bd7a55f42ce5f96'
    """
    with open_regular(path) as handle:  # a FIFO is refused (OSError), never opened
        return hashlib.file_digest(handle, "sha256").hexdigest()


def scan_inbox(folder: Path, processed: set[str],
               hash_of: Callable[[Path], str] = file_sha256) -> InboxScan:
    """Split the PDFs under ``folder`` into new (content not in ``processed``) and skipped.

    Two files with the same content in one scan are one letter: the second is skipped.
    A file that cannot be read is new, so the run reports why in a failure line.
    ``hash_of`` gives a file's SHA-256 (one that remembers what it hashed spares a
    second scan hashing again).
    """
    scan = InboxScan()
    seen = set(processed)
    for path in find_pdfs([folder]):
        try:
            sha256 = hash_of(path)
        except OSError:
            scan.new.append((path, None))
            continue
        if sha256 in seen:
            scan.skipped.append(path)
        else:
            seen.add(sha256)
            scan.new.append((path, sha256))
    return scan
