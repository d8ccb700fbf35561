"""Limits on one document: pages, seconds and memory, so no file can take the machine down.

The part of the work whose cost depends on what is in the file (parsing the
PDF, inflating its streams, OCR) runs in a short-lived child forked from the
worker. The child gets a memory ceiling (``RLIMIT_AS``) and a CPU-time
backstop; the worker waits for its answer until the deadline and then kills
it. The worker itself, with the Danish model loaded, carries on with the next
file whatever the child did.

    >>> limits = Limits(max_pages=200, seconds=60, memory_mb=1024)
    >>> run_limited(read_document, (data, None, limits.max_pages), limits)  # doctest: +SKIP
    Document(pages=2, ...)

A child that runs out of time gives ``ReadError("timeout")``, one that runs out
of memory ``ReadError("too_large")``; a ``ReadError`` raised inside comes back
as itself, and any other exception as ``ReadingCrashed`` with the child's
traceback in its message (for the log, never for the screen).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.errors import ReadError, out_of_memory

# CPU seconds the child may use beyond the wall-clock limit before the kernel stops it:
# a backstop for work the deadline cannot reach (a Tesseract left running by a killed child).
CPU_GRACE_SECONDS = 5
# The child's exit status when even its answer ran out of memory.
EXIT_OUT_OF_MEMORY = 3


@dataclass(frozen=True)
class Limits:
    """What one document may take. ``0`` switches a limit off.

    The defaults let through any real letter (with its annexes) and stop a
    2,000-page dump, a decompression bomb or a parser stuck in a loop.
    """

    max_pages: int = 500  # --max-pages
    seconds: float = 300.0  # --max-seconds: OCR of a long scan takes minutes
    memory_mb: int = 2048  # --max-memory-mb: on top of what the worker itself holds

    def describe(self) -> str:
        return f"{self.max_pages} pages, {self.seconds:g} s, {self.memory_mb} MiB"


class ReadingCrashed(RuntimeError):
    """The child raised something other than ``ReadError``: a bug, whose traceback is kept."""


def run_limited(function: Callable[..., Any], args: tuple, limits: Limits) -> Any:
    """``function(*args)`` in a forked child within ``limits``; its result, or an error."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(reader)
        run_child(function, args, limits, writer)
    os.close(writer)
    try:
        payload = receive(reader, limits)
    except BaseException:  # Ctrl-C in the worker: the child goes with it
        payload = None
        raise
    finally:
        os.close(reader)
        if payload is None:
            os.kill(pid, signal.SIGKILL)
        status = reap(pid)
    if payload is None:
        raise ReadError("timeout", f"the letter took longer than {limits.seconds:g} s "
                        "(--max-seconds) and was stopped")
    if not payload:
        raise error_for_death(status, limits)
    return answer_from(pickle.loads(payload))


# -- the child -------------------------------------------------------------------------------


def run_child(function: Callable[..., Any], args: tuple, limits: Limits, writer: int) -> None:
    """Run, send the outcome down the pipe, and exit at once (no atexit, no flushing of
    the worker's buffers, which are the worker's to flush)."""
    exit_code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops the child outright
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        apply_limits(limits)
        send(writer, answer_bytes(outcome_of(function, args, limits)))
        exit_code = 0
    except MemoryError:
        exit_code = EXIT_OUT_OF_MEMORY
    except BaseException:  # noqa: BLE001  (a child must never return into the worker's code)
        exit_code = 1
    finally:
        os._exit(exit_code)


def answer_bytes(outcome: tuple) -> bytes:
    """The outcome pickled; one that cannot be pickled is sent as a crash report instead."""
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        raise
    except Exception as error:
        return pickle.dumps(("crash", f"unpicklable answer: {error}", traceback.format_exc()))


def outcome_of(function: Callable[..., Any], args: tuple, limits: Limits) -> tuple:
    try:
        return ("ok", function(*args))
    except ReadError as error:
        return ("read_error", error.code, error.message)
    except MemoryError:
        return ("read_error", "too_large", memory_message(limits))
    except Exception as error:
        if out_of_memory(error):  # a MemoryError wrapped by a library
            return ("read_error", "too_large", memory_message(limits))
        return ("crash", f"{type(error).__name__}: {error}", traceback.format_exc())


def apply_limits(limits: Limits) -> None:
    """A memory ceiling above what the child inherited, and a CPU-time backstop."""
    in_use = address_space_in_use()
    if limits.memory_mb and in_use is not None:
        set_soft_limit(resource.RLIMIT_AS, in_use + limits.memory_mb * 1024 * 1024)
    if limits.seconds:
        set_soft_limit(resource.RLIMIT_CPU, int(limits.seconds) + CPU_GRACE_SECONDS)


def set_soft_limit(kind: int, value: int) -> None:
    _soft, hard = resource.getrlimit(kind)
    soft = value if hard == resource.RLIM_INFINITY else min(value, hard)
    with contextlib.suppress(ValueError, OSError):  # a system that does not enforce this limit
        resource.setrlimit(kind, (soft, hard))


def address_space_in_use() -> int | None:
    """Bytes of address space this process holds (the forked copy of the worker); None
    where the system does not say (not Linux), and no ceiling can be set above it."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return None


def send(writer: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(writer, view):]


# -- the worker's side -----------------------------------------------------------------------


def receive(reader: int, limits: Limits) -> bytes | None:
    """Everything the child writes, read as it comes; None if the deadline passes first."""
    deadline = time.monotonic() + limits.seconds if limits.seconds else None
    chunks: list[bytes] = []
    while True:
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            return None
        ready, _, _ = select.select([reader], [], [], remaining)
        if ready:
            chunk = os.read(reader, 1 << 20)
            if not chunk:  # the child closed its end: it has sent all and is exiting
                return b"".join(chunks)
            chunks.append(chunk)


def reap(pid: int) -> int:
    """The child's wait status, once it has ended."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def error_for_death(status: int, limits: Limits) -> Exception:
    """Why a child ended without an answer, told from how it ended."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number == signal.SIGXCPU:
            return ReadError("timeout", f"reading used more than {limits.seconds:g} s of CPU "
                             "(--max-seconds) and was stopped")
        if number == signal.SIGKILL:  # not ours: ours raise before the child is reaped
            return ReadError("too_large", "the reading process was killed by the system, "
                             "most likely for want of memory")
        return ReadingCrashed(f"the reading process died of signal {number} "
                              f"({signal.Signals(number).name})")
    if os.WEXITSTATUS(status) == EXIT_OUT_OF_MEMORY:  # the answer itself did not fit
        return ReadError("too_large", memory_message(limits))
    return ReadingCrashed(f"the reading process ended without an answer "
                          f"(exit status {os.WEXITSTATUS(status)})")


def memory_message(limits: Limits) -> str:
    return f"reading needed more than {limits.memory_mb} MiB of memory (--max-memory-mb)"


def answer_from(outcome: tuple) -> Any:
    kind, *rest = outcome
    if kind == "ok":
        return rest[0]
    if kind == "read_error":
        raise ReadError(*rest)
    summary, child_traceback = rest
    raise ReadingCrashed(f"{summary}\n--- in the reading process ---\n{child_traceback}")
