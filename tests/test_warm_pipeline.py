"""The shared pipeline is warmed up where it is loaded, so the children forked per letter
inherit what the extractors build on first use instead of building it again."""

from __future__ import annotations

import gc

from pipeline.extract.dates import date_parser
from pipeline.process import shared_nlp


def test_the_date_parser_exists_once_the_pipeline_is_loaded():
    shared_nlp()
    assert date_parser.cache_info().currsize == 1


def test_the_loaded_model_is_left_out_of_garbage_collection():
    """Garbage collection walks what it tracks; the model lives as long as the process, so
    walking it, half a million objects, would only cost time and copied pages."""
    nlp = shared_nlp()
    assert gc.get_freeze_count() > 100_000
    assert not any(tracked is nlp for tracked in gc.get_objects())
