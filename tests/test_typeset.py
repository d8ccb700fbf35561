"""Setting a letter's text into a PDF: the flow keeps every line, the template places them."""

from __future__ import annotations

from pipeline.genuine import roles_of
from pipeline.reading import read_document
from pipeline.reading.pdf import read_pdf_text
from pipeline.typeset import FONT, flow_pdf, template_pdf, wrapped

TEXT = "\n".join([
    "Finansudvalget 2020-21",                       # 1 stamp
    "FIU Alm.del",                                  # 2 stamp
    "Offentligt",                                   # 3 stamp
    "Folketingets Finansudvalg",                    # 4 recipient
    "Christiansborg",                               # 5 recipient
    "Finansministeriet • Christiansborg Slotsplads 1 • 1218 København K",  # 6 letterhead
    "Dato: 2. marts 2022",                          # 7 dateblock
    "",
    "Hermed sendes svar på spørgsmål nr. 424 (Alm. del), som Finansudvalget har stillet til "
    "finansministeren den 30. august 2021.",        # 9 body
    "Med venlig hilsen",                            # 10 signature
    "Nicolai Wammen",                               # 11 signature
])
ROLES = roles_of({"stamp": "1-3", "recipient": "4-5", "letterhead": "6", "dateblock": "7",
                  "body": "9", "signature": "10-11"})


def drawn_lines(pdf: bytes) -> list[str]:
    return [line.text for page in read_pdf_text(pdf).pages for line in page.lines]


def test_the_flow_draws_every_line_in_order_and_wraps_the_long_one():
    lines = drawn_lines(flow_pdf(TEXT))
    assert lines[:7] == TEXT.split("\n")[:7]
    assert " ".join(lines[7:-2]) == TEXT.split("\n")[8]
    assert lines[-2:] == ["Med venlig hilsen", "Nicolai Wammen"]


def test_the_template_keeps_letterhead_stamp_and_recipient_out_of_the_body():
    document = read_document(template_pdf(TEXT, ROLES))
    assert document.body_text.startswith("Hermed sendes svar")
    assert "Slotsplads" not in document.body_text
    assert "Offentligt" not in document.body_text
    blocks = [line for block in document.blocks for line in block.lines]
    assert "Folketingets Finansudvalg" in blocks
    assert "Dato: 2. marts 2022" in blocks


def test_the_template_prints_the_page_number_at_the_foot_below_the_signature():
    roles = {**ROLES, 12: "footer"}
    pdf = template_pdf(TEXT + "\nSide 1/1", roles)
    lines = [line for page in read_pdf_text(pdf).pages for line in page.lines]
    footer = next(line for line in lines if line.text == "Side 1/1")
    signature = next(line for line in lines if line.text == "Nicolai Wammen")
    assert footer.top > signature.top
    assert footer.top > 780


def test_a_glued_word_wider_than_the_column_is_cut_inside_it():
    parts = wrapped("Slotsholmsgade 101216 KøbenhavnK.Telefon72268400Telefax33933510www.jm.dk",
                    FONT, 10, 120)
    assert len(parts) > 2
    assert "".join(parts).replace(" ", "") == (
        "Slotsholmsgade101216KøbenhavnK.Telefon72268400Telefax33933510www.jm.dk")


def test_roles_read_ranges_and_single_lines():
    assert roles_of({"body": "3-4,7", "stamp": "1"}) == {1: "stamp", 3: "body", 4: "body",
                                                         7: "body"}
