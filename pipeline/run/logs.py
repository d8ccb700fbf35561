"""Where a run's log goes: ``OUT/ministerbrev.log``, never the user's screen.

    >>> configure_logging(Path("outputs"))  # doctest: +SKIP
    >>> logging.getLogger("ministerbrev").handlers[0].baseFilename  # doctest: +SKIP
    '/home/me/ministerbrev/outputs/ministerbrev.log'
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path

# Every letter's task sets the log up, from several worker threads at once.
LOG_SETUP = threading.Lock()
# Prefect's loggers for a run: a flow that fails logs its traceback there.
RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


class TracebacksToFile(logging.Filter):
    """On the screen's log handler: a record of a flow or task run that carries a traceback
    goes to the run's log file instead; the command says what failed in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.name.startswith(RUN_LOGGERS):
            logging.getLogger("ministerbrev").handle(record)
            return False
        return True


class RunLogFile(logging.FileHandler):
    """The run's log file. A line it cannot write (a full disk) is dropped without a word:
    the screen gets the command's one line about what went wrong, not logging's traceback
    about the log."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        pass


def configure_logging(out: Path) -> None:
    """Tracebacks go to ``out/ministerbrev.log``, never to the user's screen (Prefect's
    among them: ``keep_tracebacks_off_screen``).

    Every letter's task calls it (a worker process must log there too), so it returns at
    once when the log already goes to that folder; a process that runs a batch into
    another folder after that moves its log there.
    """
    logger = logging.getLogger("ministerbrev")
    log_file = os.path.abspath(out / "ministerbrev.log")
    with LOG_SETUP:
        keep_tracebacks_off_screen()
        files = [handler for handler in logger.handlers if isinstance(handler, logging.FileHandler)]
        if [handler.baseFilename for handler in files] == [log_file]:
            return
        for handler in files:
            logger.removeHandler(handler)
            handler.close()
        out.mkdir(parents=True, exist_ok=True)
        handler = RunLogFile(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def keep_tracebacks_off_screen() -> None:
    """Prefect's console handler (on the root logger, once Prefect is imported) passes a
    run's tracebacks to ``ministerbrev.log`` rather than print them. Before Prefect is
    imported there is none: a run that needs no flow never imports it."""
    handlers = sys.modules.get("prefect.logging.handlers")
    if handlers is None:
        return
    PrefectConsoleHandler = handlers.PrefectConsoleHandler  # noqa: N806 (a class)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrefectConsoleHandler) and not any(
                isinstance(known, TracebacksToFile) for known in handler.filters):
            handler.addFilter(TracebacksToFile())
