"""Limits on one document: pages, seconds and memory, so no file can take the machine down.

The work whose cost depends on what is in the file (parsing the PDF, inflating
its streams, OCR, the NLP over its text) runs in a child process forked from
the worker once the Danish model is loaded. The child serves one document after
another: it has a memory ceiling (``RLIMIT_AS``) and, per document, a CPU-time
backstop; the worker waits for each answer until the deadline and kills the
child if it passes. The worker itself carries on with the next file whatever
the child did; after a child was killed, the next file gets a fresh one.
A child never outlives the worker thread that forked it: the kernel kills it when
that thread ends (``die_with_parent``), and it holds no other child's pipes open.

    >>> limits = Limits(max_pages=200, seconds=60, memory_mb=1024)
    >>> with LimitedChild(read_document, limits) as child:  # doctest: +SKIP
    ...     child.call(data, None, limits.max_pages)
    Document(pages=2, ...)

A document that runs out of time gives ``ReadError("timeout")``, one that runs
out of memory ``ReadError("too_large")``; a ``ReadError`` raised inside comes
back as itself, and any other exception as ``ReadingCrashed`` with the child's
traceback in its message (for the log, never for the screen).

Why one child for many documents, and not one per document: forking a worker
that holds the model costs, in copied page tables and pages written by reference
counting, as much as reading a short letter (``docs/benchmarks.md``, "Where the
figures behind the design come from"). A child is
retired after ``RETIRE_AFTER`` documents, after a crash or a memory error, and
once it holds half its memory allowance for good, so nothing a long batch
leaves behind (strings, caches, a fragmented heap) adds up.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import resource
import select
import signal
import struct
import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.errors import ReadError, out_of_memory

# CPU seconds a document may use beyond the wall-clock limit before the kernel stops the
# child: a backstop for work the deadline cannot reach (a Tesseract left running).
CPU_GRACE_SECONDS = 5
# The child's exit status when even its answer ran out of memory.
EXIT_OUT_OF_MEMORY = 3
# Documents a child serves before a fresh one takes over.
RETIRE_AFTER = 256
# Messages on the pipes: an 8-byte length, then a pickle.
HEADER = struct.Struct(">Q")


@dataclass(frozen=True)
class Limits:
    """What one document may take. ``0`` switches a limit off.

    The defaults let through any real letter (with its annexes) and stop a
    2,000-page dump, a decompression bomb or a parser stuck in a loop.
    """

    max_pages: int = 500  # --max-pages
    seconds: float = 300.0  # --max-seconds: OCR of a long scan takes minutes
    memory_mb: int = 2048  # --max-memory-mb: on top of what the worker itself holds
    file_mb: int = 256  # --max-file-mb: checked before the file is read at all

    @property
    def file_bytes(self) -> int:
        """The largest file read, in bytes (0: any size)."""
        return self.file_mb * 2**20

    def describe(self) -> str:
        return (f"{self.max_pages} pages, {self.seconds:g} s, {self.memory_mb} MiB, "
                f"files of {self.file_mb} MiB")


class ReadingCrashed(RuntimeError):
    """The child raised something other than ``ReadError``: a bug, whose traceback is kept."""


class LimitedChild:
    """A forked child that runs ``function(*args)`` for call after call, each within ``limits``.

    The child is forked on the first call (so it inherits what the worker has
    loaded by then) and again after it was killed or retired.
    """

    def __init__(self, function: Callable[..., Any], limits: Limits,
                 retire_after: int = RETIRE_AFTER):
        self.function = function
        self.limits = limits
        self.retire_after = retire_after
        self.owner = os.getpid()  # a child object is no use to a process forked from ours
        self.pid: int | None = None
        self.calls = 0  # documents the current child has served
        self.started_vm: int | None = None

    def __enter__(self) -> LimitedChild:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self.pid is not None

    def call(self, *args: Any) -> Any:
        """``function(*args)`` in the child; its result, or the error that explains its end."""
        request = pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.send(request)
            payload = read_message(self.answers, self.limits.seconds)
        except BaseException:  # Ctrl-C in the worker: the child goes with it
            self.stop()
            raise
        if payload is None:
            self.stop()
            raise ReadError("timeout", f"the letter took longer than {self.limits.seconds:g} s "
                            "(--max-seconds) and was stopped")
        if not payload:  # the child ended without an answer; how it ended says why
            raise error_for_death(self.stop(kill=False), self.limits)
        answer = pickle.loads(payload)
        self.calls += 1
        if self.should_retire(answer):
            self.stop()
        return answer_from(answer)

    def send(self, request: bytes) -> None:
        """Hand the child a request; a child that died while idle (the system took it) is
        replaced, since its end has nothing to do with this document."""
        if self.running:
            try:
                write_message(self.requests, request)
                return
            except BrokenPipeError:
                self.stop(kill=False)
        self.start()
        write_message(self.requests, request)

    def start(self) -> None:
        with OPEN_PIPES.lock:  # no other thread's pipes half made while this one forks
            request_reader, request_writer = os.pipe()
            answer_reader, answer_writer = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                answer_requests(self.function, self.limits, request_reader, answer_writer,
                                worker=(self.owner, request_writer, answer_reader))
            os.close(request_reader)
            os.close(answer_writer)
            OPEN_PIPES.add(request_writer, answer_reader)
        self.pid, self.requests, self.answers = pid, request_writer, answer_reader
        self.calls = 0
        self.started_vm = address_space_of(pid)
        # A child whose object goes (its thread ended) or outlives the interpreter ends too.
        self.ending = weakref.finalize(self, end_child, self.owner, pid, request_writer,
                                       answer_reader)

    def stop(self, kill: bool = True) -> int:
        """End the child, whatever it is doing; its wait status (0 if none was running).
        ``kill=False`` waits for a child already on its way out, keeping how it ended."""
        if self.pid is None:
            return 0
        pid, self.pid = self.pid, None
        self.ending.detach()
        return end_child(self.owner, pid, self.requests, self.answers, kill)

    def should_retire(self, answer: tuple) -> bool:
        """After a crash or a memory error the child's state is suspect; after many documents,
        or once it holds half its allowance for good, a fresh copy of the worker is cheaper."""
        if answer[0] == "crash" or answer[:2] == ("read_error", "too_large"):
            return True
        if self.calls >= self.retire_after:
            return True
        now = address_space_of(self.pid)
        if self.limits.memory_mb and now is not None and self.started_vm is not None:
            return now - self.started_vm > self.limits.memory_mb * 1024 * 1024 // 2
        return False


def run_limited(function: Callable[..., Any], args: tuple, limits: Limits) -> Any:
    """``function(*args)`` once, in a child of its own within ``limits``."""
    with LimitedChild(function, limits) as child:
        return child.call(*args)


# One child per thread of a worker, kept between documents; see ``child_for``.
THREAD_CHILDREN = threading.local()


def child_for(function: Callable[..., Any], limits: Limits) -> LimitedChild:
    """This thread's child for ``function`` within ``limits``, kept for the next document.

    Each thread gets its own, so threads never wait for each other's documents.
    """
    child = getattr(THREAD_CHILDREN, "child", None)
    if child and child.owner == os.getpid():
        if (child.function, child.limits) == (function, limits):
            return child
        child.stop()
    THREAD_CHILDREN.child = LimitedChild(function, limits)
    return THREAD_CHILDREN.child


class OpenPipes:
    """The worker's ends of the pipes to each of its children that runs.

    A child forked later inherits them, and closes them (``become_child``): a child that
    held another's request pipe open would keep that one waiting for requests after the
    worker was gone, and itself be kept so in turn, for good.
    """

    def __init__(self) -> None:
        # Held while pipes are made and a child forked, and while pipes are closed, so that
        # a child never inherits a pipe not yet listed, nor closes a number reused since.
        # Reentrant: a child's finalizer may close its pipes in a thread that holds it.
        self.lock = threading.RLock()
        self.descriptors: set[int] = set()

    def add(self, *descriptors: int) -> None:
        with self.lock:
            self.descriptors.update(descriptors)

    def close(self, *descriptors: int) -> None:
        with self.lock:
            for descriptor in descriptors:
                self.descriptors.discard(descriptor)
                with contextlib.suppress(OSError):
                    os.close(descriptor)


OPEN_PIPES = OpenPipes()

# prctl(2)'s option that has the kernel signal a process when the thread that forked it ends.
PR_SET_PDEATHSIG = 1
LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def die_with_parent(parent: int, signal_number: int = signal.SIGKILL) -> None:
    """Have the kernel send this process ``signal_number`` once the thread that forked it
    ends (its process killed, even by SIGKILL, included); and end now if ``parent`` has
    ended already, before the request was made. Linux only; elsewhere the closed pipes
    alone end a child (``answer_requests``).

    Called in a forked child: in the letters' children, and in Prefect's temporary server
    before it starts (``pipeline.run.prefect_fixes``).
    """
    if LIBC is not None:
        LIBC.prctl(PR_SET_PDEATHSIG, signal_number, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


# -- the child -------------------------------------------------------------------------------


def become_child(worker: int, worker_ends: tuple[int, ...]) -> None:
    """What a freshly forked child does first: end with the worker thread that forked it,
    and close what it inherited of the pipes, its own worker's ends and other children's.

    Everything inherited (the model above all) is left out of the child's garbage
    collection. A full collection would otherwise visit every object of the model, a long
    pause (docs/benchmarks.md), and write to each one's header, copying the pages the
    child shares with the worker. The worker collects as before.
    """
    die_with_parent(worker)
    gc.freeze()
    for descriptor in (*worker_ends, *OPEN_PIPES.descriptors):
        with contextlib.suppress(OSError):
            os.close(descriptor)
    OPEN_PIPES.descriptors.clear()


def answer_requests(function: Callable[..., Any], limits: Limits, requests: int,
                    answers: int, worker: tuple[int, int, int]) -> None:
    """Answer requests until the worker closes the pipe, then exit at once (no atexit, no
    flushing of the worker's buffers, which are the worker's to flush). ``worker`` is the
    worker's pid and its ends of the two pipes."""
    exit_code = 1
    try:
        become_child(worker[0], worker[1:])
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops the child outright
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        set_memory_ceiling(limits)
        while (request := read_message(requests, None)):
            allow_cpu_seconds(limits)
            answer = answer_to(function, pickle.loads(request), limits)
            write_message(answers, answer_bytes(answer))
        exit_code = 0
    except MemoryError:
        exit_code = EXIT_OUT_OF_MEMORY
    except BaseException:  # noqa: BLE001  (a child must never return into the worker's code)
        exit_code = 1
    finally:
        os._exit(exit_code)


def answer_bytes(answer: tuple) -> bytes:
    """The answer pickled; one that cannot be pickled is sent as a crash report instead."""
    try:
        return pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        raise
    except Exception as error:
        return pickle.dumps(("crash", f"unpicklable answer: {error}", traceback.format_exc()))


def answer_to(function: Callable[..., Any], args: tuple, limits: Limits) -> tuple:
    """``function(*args)`` as a picklable answer: ``("ok", result)``, ``("read_error", code,
    message)`` or ``("crash", summary, traceback)``."""
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


def set_memory_ceiling(limits: Limits) -> None:
    """A ceiling on address space above what the child inherited from the worker."""
    in_use = address_space_of(os.getpid())
    if limits.memory_mb and in_use is not None:
        set_soft_limit(resource.RLIMIT_AS, in_use + limits.memory_mb * 1024 * 1024)


def allow_cpu_seconds(limits: Limits) -> None:
    """The CPU backstop for the next document: CPU time counts over the child's whole life,
    so the limit moves on by what the documents before have used."""
    if limits.seconds:
        used = sum(os.times()[:2])
        set_soft_limit(resource.RLIMIT_CPU, int(used + limits.seconds) + CPU_GRACE_SECONDS)


def set_soft_limit(kind: int, value: int) -> None:
    _soft, hard = resource.getrlimit(kind)
    soft = value if hard == resource.RLIM_INFINITY else min(value, hard)
    with contextlib.suppress(ValueError, OSError):  # a system that does not enforce this limit
        resource.setrlimit(kind, (soft, hard))


def address_space_of(pid: int | None) -> int | None:
    """Bytes of address space process ``pid`` holds; None where the system does not say
    (not Linux, or the process is gone), and no ceiling can be set above it."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return None


# -- messages between the two -----------------------------------------------------------------


def write_message(descriptor: int, payload: bytes) -> None:
    view = memoryview(HEADER.pack(len(payload)) + payload)
    while view:
        view = view[os.write(descriptor, view):]


def read_message(descriptor: int, seconds: float | None) -> bytes | None:
    """One message, read as it comes: its bytes; ``b""`` if the other end closed first;
    None if ``seconds`` (0 or None: no limit) pass first."""
    deadline = time.monotonic() + seconds if seconds else None
    received = bytearray()
    wanted = HEADER.size
    while len(received) < wanted:
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            return None
        ready, _, _ = select.select([descriptor], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(descriptor, wanted - len(received))
        if not chunk:
            return b""
        received += chunk
        if wanted == HEADER.size and len(received) >= HEADER.size:
            wanted += HEADER.unpack_from(received)[0]
    return bytes(received[HEADER.size:])


# -- the worker's side -----------------------------------------------------------------------


def end_child(owner: int, pid: int, requests: int, answers: int, kill: bool = True) -> int:
    """Close a child's pipes, kill it (an idle child keeps nothing worth flushing) and
    reap it: its wait status. Only the process that forked it may: a fork of that
    process holds copies of its objects, and their children are not its own."""
    if os.getpid() != owner:
        return 0
    OPEN_PIPES.close(requests, answers)
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return reap(pid)


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


def answer_from(answer: tuple) -> Any:
    """What ``call`` returns for the child's answer, or the error it raises."""
    kind, *rest = answer
    if kind == "ok":
        return rest[0]
    if kind == "read_error":
        raise ReadError(*rest)
    summary, child_traceback = rest
    raise ReadingCrashed(f"{summary}\n--- in the reading process ---\n{child_traceback}")
