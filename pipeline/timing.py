"""Seconds spent per stage of the pipeline, summed per document and per run.

A ``perf_counter`` span costs well under a microsecond, so the clock is always
on; ``benchmarks/run.py`` reads the sums to show where a run's time goes.

    >>> clock = StageClock()
    >>> with clock.stage("nlp"):
    ...     pass
    >>> sorted(clock.seconds)
    ['nlp']
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

# The stages, in the order a letter passes through them.
STAGES = ("reading", "ocr", "nlp", "extraction", "validation", "writing")


class StageClock:
    """Seconds per stage name, added up over every span timed with it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the body of the ``with`` block and add it to ``name``'s total."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def add_all(self, seconds: Mapping[str, float]) -> None:
        """Another clock's totals (a worker's, for one document) added to these."""
        for name, value in seconds.items():
            self.add(name, value)
