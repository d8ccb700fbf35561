"""Bugs once fixed in the limits on one document (``pipeline.limits``)."""

from __future__ import annotations

import gc
import os
import threading

import pytest

from pipeline.limits import Limits, child_for


def test_a_threads_child_ends_with_the_thread():
    """A scheduled service runs flow after flow, each with new task threads: the children
    of threads that have ended must not pile up.

    Once, a thread's forked child ended only when the whole process exited, so a service
    running flow after flow was left with one idle child per task thread it had ever had.
    The child must end, and be reaped, once its thread is gone."""
    pids = []
    thread = threading.Thread(target=lambda: pids.append(child_for(os.getpid, Limits()).call()))
    thread.start()
    thread.join()
    del thread
    gc.collect()
    [pid] = pids
    with pytest.raises(ChildProcessError):  # ended and reaped: no longer this process's child
        os.waitpid(pid, os.WNOHANG)
