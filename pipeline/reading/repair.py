"""Opening a PDF, mended where its structure is broken in ways a reader can get past,
and refused quickly where it cannot.

- A file cut short (a truncated download) is cut after its last whole object and given
  a trailer naming its catalog; pdfminer then finds the objects by scanning the file.
- A cross-reference table that points past the end of the file (or leaves the catalog
  without its pages) is read the same way, by scanning, as poppler does.
- An object that is a reference to itself, or to one that refers back (``5 0 obj 5 0 R
  endobj``), has no value: pdfminer follows such a chain for ever. It is looked for in
  the bytes before pdfminer opens the file, and among the objects the catalog leads to
  before pdfplumber makes the pages; the file fails as ``damaged``.

    >>> pdf, mending = open_mended(data, password=None)  # doctest: +SKIP
    >>> mending  # doctest: +SKIP
    'xref_rebuilt'
"""

from __future__ import annotations

import io
import re
from typing import Literal

import pdfplumber
from pdfminer.pdfdocument import (
    PDFDocument,
    PDFEncryptionError,
    PDFObjectNotFound,
    PDFPasswordIncorrect,
    PDFXRef,
    PDFXRefFallback,
)
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from pipeline.errors import ReadError, out_of_memory

# What pdfminer and pdfplumber raise on a malformed file: their own errors, and the
# Python errors their parsers run into on values of the wrong type or shape.
MALFORMED = (PSException, PdfminerException, MalformedPDFException, TypeError, ValueError,
             KeyError, AttributeError, IndexError, RecursionError)

# How the file was opened: as it is, cut after its last whole object (it ends early), or
# with its objects found by scanning (its cross-reference table is wrong).
Mending = Literal["as_is", "cut_short", "xref_rebuilt"]


def open_mended(data: bytes, password: str | None) -> tuple[pdfplumber.PDF, Mending]:
    """The PDF opened, mended where it must be; ``ReadError`` where it cannot be read.

    Only pdfminer, opening the file, follows references here (to the catalog), once the
    bytes are checked for a cycle; the objects are checked too
    (``refuse_reference_cycles``) before anything makes the pages."""
    refuse_reference_cycles_in_bytes(data)
    try:
        pdf, mending = open_pdf(data, password), "as_is"
    except ReadError as unreadable:
        repair = mended(data) if unreadable.code == "damaged" and is_truncated(data) else None
        if repair is None:
            raise
        return open_pdf(repair, password), "cut_short"
    if xref_is_broken(pdf.doc, len(data)):
        rebuilt = opened_by_scanning(data, password)
        if rebuilt is not None:
            discard(pdf)
            return rebuilt, "xref_rebuilt"
    return pdf, mending


def discard(pdf: pdfplumber.PDF) -> None:
    """Let go of a PDF not read. ``close`` would make its pages first (to close them),
    walking the very page tree that may be broken."""
    pdf.stream.close()


def open_pdf(data: bytes, password: str | None) -> pdfplumber.PDF:
    """pdfplumber's PDF, or ``ReadError`` naming why it cannot be opened."""
    try:
        return pdfplumber.open(io.BytesIO(data), password=password or "")
    except MALFORMED as error:
        raise read_error_for(error, password) from error


def read_error_for(error: BaseException, password: str | None = None) -> ReadError:
    """Name what went wrong in pdfminer's terms in our own stable codes. Running out of
    memory is no damage: it goes on as ``MemoryError``, for the memory limit to report."""
    if out_of_memory(error):
        raise MemoryError(str(error)) from error
    if isinstance(error, PdfminerException) and error.args:
        error = error.args[0]  # pdfplumber's wrapper around what pdfminer raised
    if isinstance(error, PDFPasswordIncorrect | PDFEncryptionError):
        if password:
            return ReadError("encrypted", "the PDF is encrypted and the password given "
                             "(--password) does not open it")
        return ReadError("encrypted", "the PDF is encrypted: a password is needed (--password)")
    return ReadError("damaged", f"the PDF structure is damaged ({type(error).__name__}: {error})")


# -- a file cut short -----------------------------------------------------------------------

CATALOG = re.compile(rb"(\d+)\s+(\d+)\s+obj\s*<<(?:(?!endobj).){0,500}?/Type\s*/Catalog", re.S)


def is_truncated(data: bytes) -> bool:
    """A whole PDF ends with %%EOF (perhaps followed by a little junk)."""
    return b"%%EOF" not in data[-1024:]


def mended(data: bytes) -> bytes | None:
    """The file cut after its last whole object, with a trailer naming its catalog.

    pdfminer rebuilds the cross-reference table by scanning for objects when the
    one at the end is missing, but it needs a trailer to find the document root.

    >>> mended(b"%PDF-1.4\\n1 0 obj\\n<< /Type /Catalog /Pages 2 0 R >>\\nendobj\\n2 0 ob")[-32:]
    b'trailer\\n<< /Root 1 0 R >>\\n%%EOF\\n'
    """
    whole = data[: data.rfind(b"endobj") + len(b"endobj")] if b"endobj" in data else b""
    catalogs = list(CATALOG.finditer(whole))
    if not catalogs:
        return None
    number, generation = (int(part) for part in catalogs[-1].groups())
    return whole + f"\ntrailer\n<< /Root {number} {generation} R >>\n%%EOF\n".encode()


# -- a cross-reference table that points astray ---------------------------------------------


def xref_is_broken(doc: PDFDocument, size: int) -> bool:
    """True if a cross-reference table sends an object past the end of the file, or the
    catalog it leads to has no page tree."""
    past_end = any(
        type(xref) is PDFXRef and any(stream is None and position >= size
                                      for stream, position, _ in xref.offsets.values())
        for xref in doc.xrefs)
    return past_end or "Pages" not in doc.catalog


def opened_by_scanning(data: bytes, password: str | None) -> pdfplumber.PDF | None:
    """The file opened with its objects found by scanning it, if that finds a page tree.
    An encrypted file is left as it is: its trailer's key would be lost."""
    if b"/Encrypt" in data:
        return None
    rebuilt = mended(data)
    if rebuilt is None:
        return None
    try:
        pdf = open_pdf(rebuilt, password)
    except ReadError:
        return None
    if any(isinstance(xref, PDFXRefFallback) for xref in pdf.doc.xrefs) \
            and "Pages" in pdf.doc.catalog:
        return pdf
    discard(pdf)
    return None


# -- references in a cycle ------------------------------------------------------------------

# An object whose whole value is a reference to another ("5 0 obj 6 0 R endobj", from
# "obj" on); the number and generation that open an object.
BARE_REFERENCE = re.compile(rb"obj\s*(\d+)\s+\d+\s+R\s*endobj")
OBJECT_HEADER = re.compile(rb"(?<!\d)(\d+)\s+\d+\s+obj\b")


def refuse_reference_cycles_in_bytes(data: bytes) -> None:
    """``ReadError`` if the file's own objects, as written, refer to each other in a
    cycle. Checked on the bytes because pdfminer resolves the catalog while it opens the
    file, so a cycle there would hold it before any other check could run."""
    target_of = bare_references(data)
    done: set[int] = set()
    for start in target_of:
        chain: dict[int, None] = {}  # ordered, and quick to look up in a long chain
        number = start
        while number in target_of and number not in done:
            if number in chain:
                raise cycle_error(list(chain)[list(chain).index(number):] + [number])
            chain[number] = None
            number = target_of[number]
        done.update(chain)


def bare_references(data: bytes) -> dict[int, int]:
    """Each object that is only a reference to another, and the object it names; where an
    incremental update later in the file defines the object anew, that one counts."""
    found: dict[int, tuple[int, int]] = {}  # number -> (where its "obj" is, what it names)
    for match in BARE_REFERENCE.finditer(data):
        *_, number, generation = [b"", b"", *data[max(0, match.start() - 40):match.start()]
                                  .split()]
        if number.isdigit() and generation.isdigit():
            found[int(number)] = (match.start(), int(match.group(1)))
    if not found:
        return {}  # the common case: one quick look at the bytes
    last_opening = {int(header.group(1)): header.end()
                    for header in OBJECT_HEADER.finditer(data)}
    return {number: target for number, (opening, target) in found.items()
            if last_opening.get(number, 0) <= opening + len(b"obj")}


def declared_page_count(doc: PDFDocument) -> int | None:
    """The page tree's own /Count, free to read before the pages are made; ``None`` where
    it is missing or no count. ``ReadError`` if the way there is a cycle."""
    tree = resolved(doc, doc.catalog.get("Pages"))
    count = resolved(doc, tree.get("Count")) if isinstance(tree, dict) else None
    return count if isinstance(count, int) and count > 0 else None


def resolved(doc: PDFDocument, value: object) -> object:
    """``value`` with any chain of references followed: ``None`` where it leads nowhere,
    ``ReadError`` where it comes back on itself."""
    return followed(doc, value, set()) if isinstance(value, PDFObjRef) else value


def refuse_reference_cycles(doc: PDFDocument) -> None:
    """``ReadError`` if any object the catalog leads to is a chain of references that
    comes back on itself, however it is written (with comments inside, without
    ``endobj``: the bytes show it less plainly than pdfminer reads it). Each object is
    parsed once, as reading the pages would parse it anyway."""
    walked: set[int] = set()
    waiting: list[object] = [doc.catalog]
    while waiting:
        value = waiting.pop()
        if isinstance(value, PDFObjRef):
            value = followed(doc, value, walked)
        if isinstance(value, dict):
            waiting.extend(value.values())
        elif isinstance(value, list):
            waiting.extend(value)
        elif isinstance(value, PDFStream):
            waiting.extend(value.attrs.values())


def followed(doc: PDFDocument, reference: PDFObjRef, walked: set[int]) -> object:
    """What a reference leads to through any chain of references; ``None`` for an object
    already walked or missing (reading deals with that)."""
    chain: dict[int, None] = {}  # ordered, and quick to look up in a long chain
    value: object = reference
    while isinstance(value, PDFObjRef):
        if value.objid in chain:
            raise cycle_error(list(chain)[list(chain).index(value.objid):] + [value.objid])
        if value.objid in walked:
            return None
        walked.add(value.objid)
        chain[value.objid] = None
        try:
            value = doc.getobj(value.objid)
        except (PDFObjectNotFound, *MALFORMED) as error:
            if out_of_memory(error):
                raise MemoryError(str(error)) from error  # a limit, for the limit to report
            return None
    return value


def cycle_error(chain: list[int]) -> ReadError:
    """The failure for a cycle of references, ``chain`` from an object back to it."""
    steps = [f"{number} 0 R" for number in chain]
    path = " → ".join(steps if len(steps) <= 6 else [*steps[:3], "…", *steps[-2:]])
    return ReadError("damaged", f"the PDF structure is damaged: object {chain[0]} is a "
                     f"reference that leads back to itself ({path}), so it has no value")
