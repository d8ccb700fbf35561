"""Find the PDFs a user pointed at, and identify each by the hash of its bytes.

    >>> from pathlib import Path
    >>> [p.name for p in find_pdfs([Path("corpus/letters")])][:1]  # doctest: +SKIP
    ['uim-2020-11-04-handlingsplan.pdf']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    """A file on disk and the identity of its content.

    The hash is taken once, when the file is read, or handed on by whoever already took
    it (the batch that decided the file needs processing), and never again on the way to
    the record.

        >>> SourceFile(Path("a.pdf"), b"%PDF-1.4").doc_id
        'e16fa5d9b5192875'
    """

    path: Path
    data: bytes
    sha256: str = ""  # the SHA-256 of ``data``, in hex; taken here when not given

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())

    @property
    def doc_id(self) -> str:
        """Record ids come from the content, never from text inside the document."""
        return self.sha256[:16]


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """Every PDF named, or found recursively under a named folder, in a stable order.

    Raises ``FileNotFoundError`` for a path that does not exist: a typo should
    stop the run before it starts, not become an empty batch.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            pdfs = (p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
            found.update(dict.fromkeys(sorted(pdfs)))
        elif path.exists():
            found[path] = None
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return list(found)


def read_source(path: Path, sha256: str | None = None) -> SourceFile:
    """The file's bytes; ``sha256``, when the caller already hashed them, is trusted."""
    return SourceFile(path=path, data=path.read_bytes(), sha256=sha256 or "")
