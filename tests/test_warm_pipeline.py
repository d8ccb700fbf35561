"""The shared pipeline is warmed up where it is loaded, so the children forked per letter
inherit what the extractors build on first use instead of building it again."""

from __future__ import annotations

from pipeline.extract.dates import date_parser
from pipeline.process import shared_nlp


def test_the_date_parser_exists_once_the_pipeline_is_loaded():
    shared_nlp()
    assert date_parser.cache_info().currsize == 1
