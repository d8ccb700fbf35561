"""Reading a PDF whose pages are turned, or whose structure points astray.

- A page turned by /Rotate (90, 180, 270), or whose content is drawn turned by its own
  matrix, reads as the upright letter does: once, it gave mirror-reversed or scrambled
  text and wrong facts, with no warning. Text that no quarter turn brings upright
  (mirrored, or at an angle) is not read: the page is left out with a warning, and a
  letter with no other page fails as ``damaged``, saying why.
- An object that is a reference to itself, or to one that refers back (a MediaBox of
  ``5 0 R`` where ``5 0 obj`` is ``5 0 R``), once held its worker for the whole
  --max-seconds; it fails at once as ``damaged``.
- A cross-reference table whose entries point past the end of the file once gave
  ``no_pages``, though poppler reads the page; the objects are now found by scanning.

Every file is made here: from corpus letters with pypdf, or written byte by byte.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from pipeline.errors import ReadError
from pipeline.limits import Limits, run_limited
from pipeline.process import letter_record
from pipeline.reading import read_document
from pipeline.reading.pdf import read_pdf_text
from pipeline.sources.files import read_source

CLI = Path(sys.executable).with_name("ministerbrev")
ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "corpus" / "letters"
# Two pages, with a letterhead, a date, amounts: the seed letter of the other tests.
LETTER = LETTERS / "uim-2020-11-04-handlingsplan.pdf"
# A reading that does not finish in this long is held, not slow.
HELD_SECONDS = 60


# -- files made on the spot -----------------------------------------------------------------


def written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def turned(data: bytes, degrees: int, pages: slice = slice(None)) -> bytes:
    """The letter with /Rotate set on ``pages``: a viewer shows them turned clockwise."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages[pages]:
        page.rotate(degrees)
    return written(writer)


def drawn(data: bytes, matrix: tuple[float, ...], rotate: int = 0, landscape: bool = False,
          pages: slice = slice(None)) -> bytes:
    """The letter with each page's content drawn through ``matrix`` (``q … cm … Q``);
    ``rotate`` sets /Rotate as well, ``landscape`` swaps the page's width and height."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages[pages]:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(matrix)
        if landscape:
            page.mediabox = RectangleObject((0, 0, height, width))
        if rotate:
            page.rotate(rotate)
    return written(writer)


def size_of(data: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width), float(box.height)


def at_an_angle(data: bytes, degrees: float) -> bytes:
    """The letter's content turned ``degrees`` about the page's centre."""
    width, height = size_of(data)
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    centre_x, centre_y = width / 2, height / 2
    return drawn(data, (cos, sin, -sin, cos, centre_x - cos * centre_x + sin * centre_y,
                        centre_y - sin * centre_x - cos * centre_y))


def upside_down(data: bytes, rotate: int = 0) -> bytes:
    width, height = size_of(data)
    return drawn(data, (-1, 0, 0, -1, width, height), rotate=rotate)


def mirrored(data: bytes, pages: slice = slice(None)) -> bytes:
    width, _ = size_of(data)
    return drawn(data, (-1, 0, 0, 1, width, 0), pages=pages)


def sideways_landscape(data: bytes) -> bytes:
    """The portrait letter drawn a quarter turn left on a landscape page, no /Rotate."""
    width, height = size_of(data)
    return drawn(data, (0, 1, -1, 0, height, 0), landscape=True)


PAGE_CONTENT = b"BT /F1 12 Tf 72 720 Td (Hej verden) Tj ET"


def hand_made(objects: dict[int, bytes], update: dict[int, bytes] | None = None) -> bytes:
    """A PDF written byte by byte: ``objects`` by number, a cross-reference table, and
    ``update`` appended as an incremental update that redefines objects."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = add_objects(out, objects)
    size = max(objects) + 1
    first_xref = add_xref(out, offsets, f"/Size {size} /Root 1 0 R".encode())
    if update:
        add_xref(out, add_objects(out, update),
                 f"/Size {size} /Root 1 0 R /Prev {first_xref}".encode())
    return bytes(out)


def add_objects(out: bytearray, objects: dict[int, bytes]) -> dict[int, int]:
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    return offsets


def add_xref(out: bytearray, offsets: dict[int, int], trailer: bytes) -> int:
    start = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for number, offset in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (number, offset)
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % start
    return start


def one_page(mediabox: bytes, extra: dict[int, bytes] | None = None) -> dict[int, bytes]:
    """A page saying "Hej verden" whose /MediaBox is ``mediabox``, and the objects
    ``extra`` (from 5 on) beside it."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox
           + b" /Contents 4 0 R /Resources << /Font << /F1 9 0 R >> >> >>",
        4: b"<< /Length %d >>\nstream\n" % len(PAGE_CONTENT) + PAGE_CONTENT + b"\nendstream",
        9: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    return objects | (extra or {})


def xref_past_the_end(data: bytes, numbers: set[int] | None = None) -> bytes:
    """The file with the cross-reference entries of objects ``numbers`` (or all) moved
    past the end of the file. pypdf writes one table, from object 0."""
    table_at = data.rindex(b"\nxref\n") + 1
    table_end = data.index(b"trailer", table_at)
    keyword, subsection, *entries = data[table_at:table_end].split(b"\n")

    def moved(entry: re.Match[bytes]) -> bytes:
        return b"%010d" % (int(entry.group(1)) + len(data)) + entry.group(2)

    entries = [re.sub(rb"(\d{10})( \d{5} n)", moved, entry)
               if numbers is None or number in numbers else entry
               for number, entry in enumerate(entries)]
    return data[:table_at] + b"\n".join([keyword, subsection, *entries]) + data[table_end:]


# -- what the upright letter gives ----------------------------------------------------------


def reading_of(data: bytes) -> tuple[str, list[list[str]], list[tuple[float, float]]]:
    """What reading gives: body text, each page's lines, each page's size."""
    pages = read_pdf_text(data).pages
    return (read_document(data).body_text,
            [[line.text for line in page.lines] for page in pages],
            [(page.width, page.height) for page in pages])


@pytest.fixture(scope="module")
def letter_bytes() -> bytes:
    return LETTER.read_bytes()


@pytest.fixture(scope="module")
def upright_reading(letter_bytes):
    return reading_of(letter_bytes)


def facts_of(path: Path) -> dict:
    """The record of the letter at ``path``, but for what names the file itself."""
    record, _seconds = letter_record(read_source(path), None, None)
    return record.model_dump(mode="json", exclude={"doc_id", "source"})


TURNS = {
    "rotate-90": lambda data: turned(data, 90),
    "rotate-180": lambda data: turned(data, 180),
    "rotate-270": lambda data: turned(data, 270),
    "drawn-180-shown-upright": lambda data: upside_down(data, rotate=180),
    "drawn-180": upside_down,
    "drawn-90-on-landscape": sideways_landscape,
    "second-page-rotate-90": lambda data: turned(data, 90, pages=slice(1, 2)),
}


# -- turned pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("turn", TURNS, ids=list(TURNS))
def test_a_turned_page_reads_as_the_upright_letter(turn, letter_bytes, upright_reading):
    """Body text, every page's lines and the page's size (as its text is read) are the
    upright letter's; once, the lines of a turned page were reversed or scrambled."""
    assert reading_of(TURNS[turn](letter_bytes)) == upright_reading


@pytest.mark.parametrize("turn", ["rotate-90", "rotate-180", "drawn-180"])
def test_a_turned_letter_gives_the_facts_of_the_upright_one(turn, letter_bytes, tmp_path):
    """The whole record (letter date, sender, amounts with their evidence, ...) is the
    upright letter's."""
    path = tmp_path / f"{turn}.pdf"
    path.write_bytes(TURNS[turn](letter_bytes))
    upright = facts_of(LETTER)
    assert upright["letter"]["date"] and upright["amounts"]  # facts to compare
    assert facts_of(path) == upright


@pytest.mark.parametrize(("make", "why"), [
    (mirrored, "its text is mirrored"),
    (lambda data: at_an_angle(data, 30), "more than 10° off the page's edges"),
], ids=["mirrored", "at-30-degrees"])
def test_text_no_turn_brings_upright_fails_as_damaged_saying_why(make, why, letter_bytes):
    with pytest.raises(ReadError) as raised:
        read_document(make(letter_bytes))
    assert raised.value.code == "damaged"
    assert "no page could be read" in raised.value.message
    assert why in raised.value.message


def test_a_mirrored_page_is_left_out_with_a_warning(letter_bytes, upright_reading):
    """The first page reads as ever; the second, mirrored, is named in a warning."""
    document = read_document(mirrored(letter_bytes, pages=slice(1, 2)))
    _body, upright_lines, _sizes = upright_reading
    assert document.warnings == ["page 2 could not be read (its text is mirrored)"]
    assert upright_lines[0][-1] in document.body_text
    assert upright_lines[1][-1] not in document.body_text


def test_text_a_little_askew_is_still_read(letter_bytes):
    """A page turned a degree (a scan's text layer, say) is not refused."""
    assert read_pdf_text(at_an_angle(letter_bytes, 1)).pages[0].lines


# -- references in a cycle ------------------------------------------------------------------


def read_limited(data: bytes):
    """``read_document`` in a child held to ``HELD_SECONDS``: a reading that would hang
    fails as ``timeout`` instead of holding the test."""
    return run_limited(read_document, (data, None, 500), Limits(seconds=HELD_SECONDS))


CYCLES = {
    "itself": one_page(b"5 0 R", {5: b"5 0 R"}),
    "through-another": one_page(b"5 0 R", {5: b"6 0 R", 6: b"5 0 R"}),
    "catalog": one_page(b"[0 0 595 842]") | {1: b"1 0 R"},
}


@pytest.mark.subprocess
@pytest.mark.parametrize("cycle", CYCLES, ids=list(CYCLES))
def test_a_reference_cycle_fails_at_once_as_damaged(cycle):
    with pytest.raises(ReadError) as raised:
        read_limited(hand_made(CYCLES[cycle]))
    assert raised.value.code == "damaged"
    assert "a reference that leads back to itself" in raised.value.message


@pytest.mark.subprocess
def test_a_reference_cycle_the_bytes_do_not_show_plainly_fails_as_damaged():
    """A comment inside each object hides the cycle from a plain look at the bytes;
    pdfminer reads past comments, and would follow the cycle for ever."""
    data = hand_made(one_page(b"5 0 R", {5: b"8 0 R % the box\n", 8: b"5 0 R % again\n"}))
    with pytest.raises(ReadError) as raised:
        read_limited(data)
    assert raised.value.code == "damaged"
    assert "(5 0 R → 8 0 R → 5 0 R)" in raised.value.message


def test_a_mediabox_given_through_references_is_read():
    data = hand_made(one_page(b"5 0 R", {5: b"6 0 R", 6: b"[0 0 595 842]"}))
    assert [line.text for line in read_pdf_text(data).pages[0].lines] == ["Hej verden"]


def test_an_object_a_later_update_redefines_is_no_cycle():
    """Object 5 was a reference to itself; an incremental update gives it a value."""
    data = hand_made(one_page(b"5 0 R", {5: b"5 0 R"}), update={5: b"[0 0 595 842]"})
    assert [line.text for line in read_pdf_text(data).pages[0].lines] == ["Hej verden"]


@pytest.mark.prefect
@pytest.mark.subprocess
def test_a_reference_cycle_is_one_failure_line_and_the_batch_goes_on(tmp_path):
    """Through the command line, with the default --max-seconds of 300: the run ends long
    before a held reader would be stopped, with one failure line and the good letter's
    record."""
    letters, out = tmp_path / "letters", tmp_path / "out"
    letters.mkdir()
    (letters / "cycle.pdf").write_bytes(hand_made(CYCLES["itself"]))
    (letters / LETTER.name).write_bytes(LETTER.read_bytes())
    result = subprocess.run([str(CLI), "process", str(letters), "--out", str(out)],
                            capture_output=True, text=True, timeout=240,
                            env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert [(Path(failure["path"]).name, failure["error"]) for failure in failures] == [
        ("cycle.pdf", "damaged")]
    assert "leads back to itself (5 0 R → 5 0 R)" in failures[0]["message"]
    assert len(list((out / "records").glob("*.json"))) == 1


# -- a cross-reference table that points astray ---------------------------------------------


def test_an_xref_table_pointing_past_the_end_is_read_by_scanning(letter_bytes,
                                                                 upright_reading):
    broken = xref_past_the_end(letter_bytes)
    with pdfplumber.open(io.BytesIO(broken)) as pdf:
        assert not pdf.pages  # what pdfplumber makes of it alone
    document = read_document(broken)
    assert document.body_text == upright_reading[0]
    assert document.warnings == ["the file's cross-reference table is wrong (it points past "
                                 "the end of the file or to no pages): its objects were "
                                 "found by scanning the file"]


def test_one_entry_past_the_end_loses_no_page(letter_bytes, upright_reading):
    """Only the second page's entry is wrong: both pages are read."""
    with pdfplumber.open(io.BytesIO(letter_bytes)) as pdf:
        second_page = pdf.pages[1].page_obj.pageid
    broken = xref_past_the_end(letter_bytes, {second_page})
    assert reading_of(broken) == upright_reading


def test_a_pdf_without_pages_still_has_no_pages():
    """Scanning finds no pages where there are none: the failure stays ``no_pages``."""
    with pytest.raises(ReadError) as raised:
        read_document(written(PdfWriter()))
    assert raised.value.code == "no_pages"
