"""Peak resident memory and CPU time of a run's processes, by role, sampled from ``/proc``.

Each process's ``VmHWM`` (the kernel's high-water mark of its resident set) is
read every ``interval`` seconds, so a long-lived process's peak is caught in
full whatever the sampling rate; a worker's child lives for up to 256 letters,
so every one is seen.

Roles: ``main`` (the command: Prefect's client, the task threads, the writing),
``worker`` (process-pool workers, only where processes cannot fork), ``reader``
(a worker's child, forked by the main process, that works on the letters within
limits), ``server`` (Prefect's temporary API server) and ``other``.
"""

from __future__ import annotations

import contextlib
import subprocess
import time

import psutil


class PeakSampler:
    """Samples the process tree under ``pid`` until the process ends, and the ``servers``
    beside it (the shared Prefect server a run uses, not its child): their peak and the
    CPU they used while the run ran."""

    def __init__(self, pid: int, interval: float = 0.2, servers: tuple[int, ...] = ()):
        self.pid = pid
        self.interval = interval
        self.servers = servers
        self.roles: dict[int, str] = {}
        self.peak_kb: dict[int, int] = {}
        self.cpu_seconds: dict[int, float] = {}  # the last reading: CPU time only grows
        self.cpu_before: dict[int, float] = {}  # a server's CPU time when the run began
        for server in servers:
            with contextlib.suppress(psutil.Error):
                times = psutil.Process(server).cpu_times()
                self.cpu_before[server] = times.user + times.system

    def run_until_exit(self, process: subprocess.Popen) -> dict[str, float]:
        """Sample until ``process`` exits; the peak of each role in MiB (the largest
        process of that role), how many processes of each role were seen (``_count``) and
        their CPU seconds (``_cpu``, as last sampled every 0.2 s)."""
        while process.poll() is None:
            self.sample()
            time.sleep(self.interval)
        return self.peaks_by_role()

    def sample(self) -> None:
        try:
            root = psutil.Process(self.pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return  # the run ended between poll() and now
        for server in self.servers:
            with contextlib.suppress(psutil.Error):
                tree.append(psutil.Process(server))
        for process in tree:
            peak = high_water_mark_kb(process.pid)
            if peak is None:
                continue
            if process.pid not in self.roles or self.roles[process.pid] == "reader":
                # A process seen between its fork and its exec (Prefect's server) still has
                # its parent's command line, like a reader: look again until it differs.
                self.roles[process.pid] = self.role_of(process)
            self.peak_kb[process.pid] = max(peak, self.peak_kb.get(process.pid, 0))
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                self.cpu_seconds[process.pid] = times.user + times.system

    def role_of(self, process: psutil.Process) -> str:
        try:
            command = process.cmdline()
            parent = process.parent()
            parent_command = parent.cmdline() if parent else []
        except psutil.Error:
            return "other"
        if process.pid == self.pid:
            return "main"
        if parent and self.roles.get(parent.pid) in {"main", "worker"} \
                and command == parent_command:
            return "reader"  # forked: same command line as the process it came from
        text = " ".join(command)
        if "uvicorn" in text or "pipeline.run.shared_server" in text:
            return "server"
        if "spawn_main" in text and "resource_tracker" not in text:
            return "worker"
        return "other"

    def peaks_by_role(self) -> dict[str, float]:
        peaks: dict[str, float] = {}
        for pid, role in self.roles.items():
            peaks[role] = max(peaks.get(role, 0.0), self.peak_kb.get(pid, 0) / 1024)
            peaks[f"{role}_count"] = peaks.get(f"{role}_count", 0) + 1
            peaks[f"{role}_cpu"] = peaks.get(f"{role}_cpu", 0.0) + self.cpu_seconds.get(
                pid, 0.0) - self.cpu_before.get(pid, 0.0)
        return peaks


def high_water_mark_kb(pid: int) -> int | None:
    """``VmHWM`` of ``pid`` in KiB, or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None
