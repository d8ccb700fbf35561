"""Limits on one document: too many pages, too long, too much memory; the worker goes on.

The hostile files are made here, cheaply: 2,000 pages that all show one page,
a content stream that inflates to half a gigabyte, and 40 pages of 4-point
text that take pdfminer far longer than a letter does.
"""

from __future__ import annotations

import gc
import io
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
import weakref
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from pipeline.errors import ReadError
from pipeline.limits import LimitedChild, Limits, ReadingCrashed, child_for, run_limited
from pipeline.reading import read_document

CLI = Path(sys.executable).with_name("ministerbrev")


def repeated(page_pdf: bytes, copies: int) -> bytes:
    """A PDF whose ``copies`` pages all show the first page of ``page_pdf``."""
    page = PdfReader(io.BytesIO(page_pdf)).pages[0]
    writer = PdfWriter()
    for _copy in range(copies):
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def dense_page() -> bytes:
    """One page of 190 lines of 4-point text: about a second of pdfminer's time."""
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(595, 842))
    sheet.setFont("Helvetica", 4)
    for row in range(190):
        sheet.drawString(10, 830 - row * 4.3, ("tæt tekst 123 " * 12)[:160])
    sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def inflating_pdf(inflated_mb: int) -> bytes:
    """One page whose content stream is ``inflated_mb`` MiB of spaces, deflated to ~1/1000."""
    deflate = zlib.compressobj(9)
    spaces = b" " * (1 << 20)
    stream = b"".join(deflate.compress(spaces) for _mb in range(inflated_mb)) + deflate.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
    ]
    pdf = io.BytesIO()
    pdf.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(pdf.tell())
        pdf.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = pdf.tell()
    pdf.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    pdf.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return pdf.getvalue()


@pytest.fixture(scope="module")
def seed_bytes(seed_pdf) -> bytes:
    return seed_pdf.read_bytes()


@pytest.fixture(scope="module")
def two_thousand_pages(seed_bytes) -> bytes:
    return repeated(seed_bytes, 2000)


@pytest.fixture(scope="module")
def slow_pdf() -> bytes:
    return repeated(dense_page(), 40)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return inflating_pdf(512)


def read_limited(data: bytes, limits: Limits):
    return run_limited(read_document, (data, None, limits.max_pages), limits)


# -- each limit, on the reading alone -------------------------------------------------------------


def test_a_letter_read_within_limits_is_read_as_without(seed_bytes):
    limited = read_limited(seed_bytes, Limits())
    assert limited == read_document(seed_bytes)


@pytest.mark.slow
def test_two_thousand_pages_are_refused_before_they_are_read(two_thousand_pages):
    started = time.monotonic()
    with pytest.raises(ReadError) as raised:
        read_limited(two_thousand_pages, Limits(max_pages=500))
    assert raised.value.code == "too_many_pages"
    assert "2000 pages" in raised.value.message and "--max-pages" in raised.value.message
    assert time.monotonic() - started < 10


@pytest.mark.slow
def test_a_document_that_reads_too_long_is_stopped(slow_pdf):
    started = time.monotonic()
    with pytest.raises(ReadError) as raised:
        read_limited(slow_pdf, Limits(seconds=1))
    assert raised.value.code == "timeout"
    assert "--max-seconds" in raised.value.message
    assert time.monotonic() - started < 5


@pytest.mark.slow
def test_a_stream_that_inflates_past_the_memory_limit(bomb):
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ReadError) as raised:
        read_limited(bomb, Limits(memory_mb=256))
    assert raised.value.code == "too_large"
    assert "256 MiB" in raised.value.message
    # The child took the blow; this process did not grow by the inflated size.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 200 * 1024


def test_read_errors_come_back_from_the_child_as_themselves():
    with pytest.raises(ReadError) as raised:
        read_limited(b"", Limits())
    assert (raised.value.code, raised.value.message) == ("empty", "the file is empty (0 bytes)")


def raise_key_error():
    return {}["missing"]


def test_a_bug_in_the_child_keeps_its_traceback():
    with pytest.raises(ReadingCrashed) as raised:
        run_limited(raise_key_error, (), Limits())
    assert "KeyError" in str(raised.value) and "raise_key_error" in str(raised.value)


def kill_self():
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_child_killed_from_outside_is_explained():
    with pytest.raises(ReadError) as raised:
        run_limited(kill_self, (), Limits())
    assert raised.value.code == "too_large"
    assert "killed by the system" in raised.value.message


# -- one child, many documents -----------------------------------------------------------------


def test_one_child_serves_document_after_document(seed_bytes):
    with LimitedChild(read_document, Limits()) as child:
        first = child.call(seed_bytes, None, 500)
        pid = child.pid
        second = child.call(seed_bytes, None, 500)
        assert child.pid == pid and pid != os.getpid()
    assert first == second == read_document(seed_bytes)


@pytest.mark.slow
def test_after_a_timeout_the_next_document_gets_a_fresh_child(seed_bytes, slow_pdf):
    with LimitedChild(read_document, Limits(seconds=1)) as child:
        child.call(seed_bytes, None, 500)
        stopped = child.pid
        with pytest.raises(ReadError, match="--max-seconds"):
            child.call(slow_pdf, None, 500)
        assert child.call(seed_bytes, None, 500) == read_document(seed_bytes)
        assert child.pid != stopped


@pytest.mark.slow
def test_after_running_out_of_memory_the_child_is_replaced(seed_bytes, bomb):
    with LimitedChild(read_document, Limits(memory_mb=256)) as child:
        with pytest.raises(ReadError) as raised:
            child.call(bomb, None, 500)
        assert raised.value.code == "too_large"
        assert not child.running  # its heap may be in any state: it is not reused
        assert child.call(seed_bytes, None, 500).pages == read_document(seed_bytes).pages


def test_a_child_that_died_while_idle_is_replaced_without_blaming_the_next_document():
    with LimitedChild(os.getpid, Limits()) as child:
        first = child.call()
        os.kill(first, signal.SIGKILL)
        time.sleep(0.1)
        assert child.call() not in (first, os.getpid())


def test_a_child_is_retired_after_so_many_documents():
    with LimitedChild(os.getpid, Limits(), retire_after=3) as child:
        pids = [child.call() for _document in range(7)]
    assert [len(set(pids[i:i + 3])) for i in (0, 3, 6)] == [1, 1, 1]
    assert len(set(pids)) == 3


def test_each_thread_keeps_a_child_of_its_own():
    limits = Limits()
    assert child_for(os.getpid, limits) is child_for(os.getpid, limits)
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(child_for(os.getpid, limits)))
    thread.start()
    thread.join()
    assert elsewhere[0] is not child_for(os.getpid, limits)
    # Other limits, another child: a child's ceiling is set when it starts.
    assert child_for(os.getpid, Limits(seconds=5)).limits == Limits(seconds=5)


class Cycle:
    """Garbage only the cyclic collector can free: it refers to itself."""

    def __init__(self):
        self.me = self


def test_what_a_child_inherits_is_left_out_of_its_garbage_collection_only():
    """A child's full collection would walk every object it shares with the worker (the
    model above all) and copy the pages it writes to; so the child's collector leaves
    them be, and the worker's collects them as before."""
    frozen_here = gc.get_freeze_count()
    garbage = weakref.ref(Cycle())  # unreachable already, kept by its cycle until collected
    tracked = len(gc.get_objects())
    with LimitedChild(gc.get_freeze_count, Limits()) as child:
        assert child.call() >= tracked * 0.9
    assert gc.get_freeze_count() == frozen_here
    assert garbage() is not None
    gc.collect()
    assert garbage() is None


# -- through the command line: the batch goes on -------------------------------------------------


@pytest.mark.prefect
@pytest.mark.subprocess
def test_the_limits_given_on_the_command_line(tmp_path, seed_pdf, two_thousand_pages, slow_pdf,
                                              bomb):
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / seed_pdf.name).write_bytes(seed_pdf.read_bytes())
    (letters / "dump.pdf").write_bytes(two_thousand_pages)
    (letters / "slow.pdf").write_bytes(slow_pdf)
    (letters / "bomb.pdf").write_bytes(bomb)
    out = tmp_path / "out"
    result = subprocess.run(
        [str(CLI), "process", str(letters), "--out", str(out), "--max-pages", "50",
         "--max-seconds", "3", "--max-memory-mb", "256"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert {Path(f["path"]).name: f["error"] for f in failures} == {
        "dump.pdf": "too_many_pages", "slow.pdf": "timeout", "bomb.pdf": "too_large"}
    [record] = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    assert record["source"]["filename"] == seed_pdf.name
