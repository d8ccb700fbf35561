"""An overall deadline for one download. httpx limits the wait for each read only, so a
server that trickles a byte every few seconds would hold a download for ever: here the
connection a download reads from is cut when its deadline comes, whatever phase it is in
(connecting, headers, body).

    >>> with Deadline("https://oda.ft.dk/api/Dokument", 600.0) as deadline:
    ...     deadline.remaining() > 599
    True
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time

from pipeline.sources.oda.errors import DeadlineExceeded

# httpcore's trace events that hand over a new connection's stream (plain, then TLS).
NEW_STREAM_EVENTS = (".connect_tcp.complete", ".start_tls.complete")


class Deadline:
    """The moment a download must be over by, and a timer that cuts its connections then.

    ``trace`` is given to each request as httpcore's ``trace`` extension: it notes the
    socket of every connection the download opens, which the timer shuts down at the
    deadline, so a blocked read ends at once. A connection kept alive from an earlier
    request is never traced, so the client opens a connection for each request.
    """

    def __init__(self, url: str, seconds: float):
        self.url = url
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.cut = False
        self.timer = threading.Timer(seconds, self.cut_connections)
        self.timer.name = "oda-deadline"
        self.timer.daemon = True  # a timer never keeps a process alive

    def __enter__(self) -> Deadline:
        self.timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.timer.cancel()

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def passed(self) -> bool:
        return self.cut or self.remaining() <= 0

    def check(self, wait: float = 0.0) -> None:
        """``DeadlineExceeded`` if the deadline has come, or would come during ``wait``."""
        if self.passed() or self.remaining() <= wait:
            raise self.exceeded()

    def exceeded(self) -> DeadlineExceeded:
        return DeadlineExceeded(self.url, self.seconds)

    def trace(self, event: str, info: dict) -> None:
        """httpcore's trace hook: note each new connection's socket."""
        if not event.endswith(NEW_STREAM_EVENTS):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is None:
            return
        with self.lock:
            self.sockets.append(sock)
            cut = self.cut
        if cut:  # the deadline came while this connection was being made
            shut_down(sock)

    def cut_connections(self) -> None:
        """The timer's end: every connection of this download shut down, so reads end."""
        with self.lock:
            self.cut = True
            sockets = list(self.sockets)
        for sock in sockets:
            shut_down(sock)


def shut_down(sock: socket.socket) -> None:
    """Shut a socket down both ways: a read blocked on it in another thread returns at once
    (closing it would not wake that read). A socket already closed is left as it is. A TLS
    socket is shut down as a plain one: its own ``shutdown`` would drop its TLS state under
    the read still using it."""
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
