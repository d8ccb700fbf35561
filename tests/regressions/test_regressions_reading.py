"""Bugs once fixed in reading a PDF (``pipeline.reading``)."""

from __future__ import annotations

from pipeline.reading import read_document
from pipeline.typeset import flow_pdf


def test_a_subject_ends_where_the_letter_starts_without_a_blank_line():
    """A short letter printed in one column: its widest line is the body's, and the body
    starts on the line after the subject, with no white space between them.

    Once, with no blank line under the heading, the body's first sentence was read as more
    of the subject. The subject must end where the body starts, and the body text start
    with the letter's first sentence."""
    text = "\n".join([
        "Folketingets Skatteudvalg", "Christiansborg", "1240 København K.",
        "d. 12/3 2014",
        "Svar på Skatteudvalgets spørgsmål nr. 212 (Alm. del) af 3. februar 2014",
        "Udvalget har stillet følgende spørgsmål, som hermed besvares. Der er afsat 12,5 mio. "
        "kr. til 3 nye initiativer i perioden 2014-2016.",
        "Med venlig hilsen", "Morten Østergaard",
    ])
    document = read_document(flow_pdf(text))
    assert document.body_text.startswith("Udvalget har stillet")
    assert ["Svar på Skatteudvalgets spørgsmål nr. 212 (Alm. del) af 3. februar 2014"] in [
        block.lines for block in document.region("head")]
