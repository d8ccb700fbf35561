"""Tracebacks and notes go to the output folder's ``ministerbrev.log``, never to the screen."""

from __future__ import annotations

import logging

from pipeline.run.logs import configure_logging


def file_handlers() -> list[logging.FileHandler]:
    return [handler for handler in logging.getLogger("ministerbrev").handlers
            if isinstance(handler, logging.FileHandler)]


def test_a_folders_log_is_set_up_once_however_many_letters_ask(tmp_path):
    configure_logging(tmp_path / "out")
    configure_logging(tmp_path / "out")
    assert [handler.baseFilename for handler in file_handlers()] == [
        str(tmp_path / "out" / "ministerbrev.log")]


def test_a_second_batch_into_another_folder_logs_there(tmp_path):
    configure_logging(tmp_path / "first")
    logging.getLogger("ministerbrev").warning("about the first batch")
    configure_logging(tmp_path / "second")
    logging.getLogger("ministerbrev").warning("about the second batch")
    for handler in file_handlers():
        handler.flush()
    assert "first batch" in (tmp_path / "first" / "ministerbrev.log").read_text()
    second = (tmp_path / "second" / "ministerbrev.log").read_text()
    assert "second batch" in second and "first batch" not in second
    assert len(file_handlers()) == 1
