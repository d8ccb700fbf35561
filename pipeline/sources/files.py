"""Find the PDFs a user pointed at, and identify each by the hash of its bytes.

    >>> from pathlib import Path
    >>> [p.name for p in find_pdfs([Path("corpus/letters")])][:1]  # doctest: +SKIP
    ['uim-2020-11-04-handlingsplan.pdf']

Only regular files are ever read. Anything else named ``*.pdf`` (a FIFO, a device, a
link to nothing) is found all the same, so that the run names it in a failure line
instead of passing over it in silence, and refused without being read: a FIFO is never
opened for reading, where opening alone would wait for a writer for good.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import ReadError

# What a path that is no regular file is, for the failure line (``stat`` tests in order).
FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


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


@dataclass(frozen=True)
class LetterFile:
    """A regular file checked for reading: where it is, its hash and its size. What a worker
    hands the child that reads the letter, which reads the bytes itself (from the page
    cache): a large file is never copied from one process to the other.

        >>> LetterFile(Path("a.pdf"), "e16fa5d9" + "0" * 56, 8).size
        8
    """

    path: Path
    sha256: str
    size: int


class NotARegularFile(OSError):
    """A path that is no regular file (a FIFO, a device, a folder): never read."""

    def __init__(self, path: Path, kind: str):
        super().__init__(errno.EINVAL, f"{kind}, not a regular file", str(path))
        self.kind = kind


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """Every PDF named, or found recursively under a named folder, in a stable order.

    Under a folder, every entry named ``*.pdf`` that is not a folder counts, readable or
    not: what cannot be read gets its failure line when it is processed.

    A file reached twice (a folder named twice, or once by another spelling, a folder and
    one inside it) is listed once, under the first name it was reached by.

    Raises ``FileNotFoundError`` for a path that does not exist: a typo should
    stop the run before it starts, not become an empty batch.
    """
    found: dict[str, Path] = {}  # by the real path, so that each file comes once
    for path in paths:
        if path.is_dir():
            pdfs = (p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and not p.is_dir())
            for pdf in sorted(pdfs):
                found.setdefault(os.path.realpath(pdf), pdf)
        elif path.exists():
            found.setdefault(os.path.realpath(path), path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return list(found.values())


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file; ``NotARegularFile`` if not.

    What the path is, is asked before it is opened, so that a FIFO is never opened; and it
    is opened without waiting (``O_NONBLOCK``) and asked again, so that one put in the
    file's place meanwhile is not read either.
    """
    refuse_irregular(os.stat(path).st_mode, path)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        refuse_irregular(os.fstat(descriptor).st_mode, path)
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def refuse_irregular(mode: int, path: Path) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in FILE_KINDS if test(mode)), "no regular file")
    raise NotARegularFile(path, kind)


def check_file(path: Path, sha256: str | None = None, max_bytes: int = 0) -> LetterFile:
    """``path`` checked before any letter is read from it: a regular file of at most
    ``max_bytes`` (0: any size), hashed unless ``sha256`` already says what it holds.

    Raises ``OSError`` for a file that cannot be read, ``ReadError("too_large")`` for one
    over the limit, which is then never read at all.
    """
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if max_bytes and size > max_bytes:
            raise too_large(size, max_bytes)
        sha256 = sha256 or hashlib.file_digest(handle, "sha256").hexdigest()
    return LetterFile(path=path, sha256=sha256, size=size)


def read_source(path: Path, sha256: str | None = None, max_bytes: int = 0) -> SourceFile:
    """The file's bytes; ``sha256``, when the caller already hashed them, is trusted.

    At most ``max_bytes`` are read (0: no limit): a file grown past the limit since it was
    checked raises ``ReadError("too_large")`` all the same.
    """
    with open_regular(path) as handle:
        data = read_at_most(handle, max_bytes) if max_bytes else handle.read()
    if max_bytes and len(data) > max_bytes:
        raise too_large(None, max_bytes)  # grown since it was checked
    return SourceFile(path=path, data=data, sha256=sha256 or "")


def read_at_most(handle: BinaryIO, max_bytes: int) -> bytes:
    """The whole file, or its first ``max_bytes + 1`` bytes if it is longer. Read as large
    as the file says it is, never as large as the limit: a buffer of the limit's size
    would count against the reading child's memory ceiling for a file of a few KiB."""
    size = os.fstat(handle.fileno()).st_size
    data = handle.read(min(size, max_bytes) + 1)
    while len(data) <= max_bytes and (more := handle.read(min(2**16, max_bytes + 1 - len(data)))):
        data += more  # the file grew since it was measured
    return data


def too_large(size: int | None, max_bytes: int) -> ReadError:
    """The error for a file over ``--max-file-mb``, naming its size (where it was measured)
    and the limit."""
    limit = f"the limit of {max_bytes / 2**20:g} MiB (--max-file-mb)"
    if size is None:
        return ReadError("too_large", f"the file is larger than {limit}")
    return ReadError("too_large", f"the file has {size:,} bytes ({size / 2**20:,.1f} MiB), "
                     f"more than {limit}")
