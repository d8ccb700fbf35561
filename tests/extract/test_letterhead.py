"""The letterhead extractor: date, sender, recipients, subject and salutation from the
blocks beside the text, in the forms letters print them."""

from __future__ import annotations

import pytest

BODY = "Kære ordførere\n\nHermed sendes en orientering.\n\nMed venlig hilsen\n\nSophie Løhde"


@pytest.mark.parametrize(("lines", "expected"), [
    (["4. november 2020"], "2020-11-04"),
    (["Dato: 21-05-2025"], "2025-05-21"),
    (["Dato:   13. oktober 2023"], "2023-10-13"),
    (["København, den 12. marts 2019"], "2019-03-12"),
    (["12.03.2019"], "2019-03-12"),
])
def test_letter_date_from_a_dateline_or_label(analyse_text, lines, expected):
    doc = analyse_text(BODY, sidebar=[lines])
    assert doc._.letterhead.date == expected


def test_a_date_in_the_body_is_not_the_letter_date(analyse_text):
    doc = analyse_text("Kære ordførere\n\nI brev af 3. marts 2021 spurgte udvalget.")
    assert doc._.letterhead.date is None


def test_sender_details_from_a_sidebar(analyse_text):
    sidebar = [["Justitsministeriet"], ["Slotsholmsgade 10", "1216 København K"],
               ["Telefon 7226 8400", "E-mail jm@jm.dk", "www.justitsministeriet.dk"],
               ["CVR-nr. 1177 4960"]]
    sender = analyse_text(BODY, sidebar=sidebar)._.letterhead.sender
    assert sender.ministry == "Justitsministeriet"
    assert sender.address == "Slotsholmsgade 10, 1216 København K"
    assert sender.phone == "7226 8400"
    assert sender.email == "jm@jm.dk"
    assert sender.web == "www.justitsministeriet.dk"
    assert sender.cvr == "11774960"


def test_sender_details_from_a_one_line_footer(analyse_text):
    footer = [["Slotsholmsgade 12 · 1216 København K · Tlf. 3392 3300 · fm@fm.dk · www.fm.dk"]]
    sender = analyse_text(BODY, footer=footer)._.letterhead.sender
    assert sender.address == "Slotsholmsgade 12, 1216 København K"
    assert sender.phone == "3392 3300"
    assert sender.ministry == "Finansministeriet"  # from the web address


def test_ministry_from_the_ministers_title_alone(analyse_text):
    body = "Til Retsudvalget\n\nJustitsministeren har modtaget udvalgets henvendelse."
    assert analyse_text(body)._.letterhead.sender.ministry == "Justitsministeriet"


def test_minister_is_the_name_under_the_closing(analyse_text):
    assert analyse_text(BODY)._.letterhead.sender.minister == "Sophie Løhde"


def test_the_ner_runs_over_the_signature_alone(letter_nlp):
    """The NER is left out of the pipeline; the letterhead runs it where it reads it."""
    assert "ner" not in letter_nlp.pipe_names
    doc = letter_nlp("Vi har sendt sagen videre.\n\nMed venlig hilsen\n\nMette Frederiksen\n")
    signature = doc.char_span(doc.text.index("Mette"), len(doc.text), alignment_mode="expand")
    reader = letter_nlp.get_pipe("ministerbrev_letterhead")
    assert reader.people_in(signature) == {"Mette Frederiksen"}
    assert not [ent for ent in doc.ents if ent.label_ == "PER"]  # not over the whole letter


def test_no_minister_where_an_official_signs_on_the_ministers_behalf(analyse_text):
    body = "Kære udvalg\n\nTekst.\n\nMed venlig hilsen\n\nP.M.V.\n\nJens Jensen\nKontorchef"
    assert analyse_text(body)._.letterhead.sender.minister is None


def test_no_minister_where_an_official_signs_for_the_minister_without_a_closing_formula(
        analyse_text):
    body = "Kære udvalg\n\nTekst.\n\nP.M.V.\nE.B.\nJohan Legarth\n/\nAnne Holm Sørensen"
    assert analyse_text(body)._.letterhead.sender.minister is None


@pytest.mark.parametrize("lines", [
    ["Folketingets Finansudvalg", "Christiansborg", "1240 København K"],
    ["Til: Finansudvalget"],
    ["Finansudvalget", "Folketinget", "Christiansborg", "1240 København K"],
])
def test_recipient_committee_in_its_standard_form(analyse_text, lines):
    [recipient] = analyse_text(BODY, head=[lines])._.letterhead.recipients
    assert recipient.name == "Finansudvalget"
    assert recipient.organisation == "Folketinget"


def test_recipient_address_is_the_address_lines_of_the_block(analyse_text):
    head = [["Sundhedsudvalget", "Folketinget", "Christiansborg", "1240 København K"]]
    [recipient] = analyse_text(BODY, head=head)._.letterhead.recipients
    assert recipient.address == "Christiansborg, 1240 København K"


def test_subject_is_the_heading_below_the_address_not_the_letterhead(analyse_text):
    head = [["Ministeren   Skatteministeriet"], ["Skatteudvalget", "Folketinget"],
            ["Orientering om status for den nye ejendomsvurdering"]]
    head_doc = analyse_text(BODY, head=head)._.letterhead
    assert head_doc.subject == "Orientering om status for den nye ejendomsvurdering"


def test_an_address_broken_off_at_a_comma_over_a_blank_line_is_no_subject(analyse_text):
    head = [["Folketingets Udvalg for Fødevarer,"], ["Landbrug og Fiskeri"]]
    assert analyse_text(BODY, head=head)._.letterhead.subject is None


def test_an_address_whose_rest_stands_below_a_blank_line_is_no_subject(analyse_text):
    head = [["Medlemmerne af Folketingets Europaudvalg"], ["og deres stedfortrædere"]]
    assert analyse_text(BODY, head=head)._.letterhead.subject is None


def test_a_copys_addressee_joined_to_the_address_is_no_subject(analyse_text):
    head = [["Folketingets Transport-, Bygnings- og Boligudvalg Kopi til: Folketingets "
             "Finansudvalg"]]
    assert analyse_text(BODY, head=head)._.letterhead.subject is None


@pytest.mark.parametrize("line", ["Til orientering", "Koncernøkonomi og styring"])
def test_how_a_letter_goes_or_an_offices_name_is_no_subject(analyse_text, line):
    head = [["Sundhedsudvalget", "Christiansborg"], [line]]
    assert analyse_text(BODY, head=head)._.letterhead.subject is None


def test_labelled_subject(analyse_text):
    head = [["Til: Finansudvalget", "Fra: Finansministeriet", "Emne: Aktstykke nr. 12"]]
    assert analyse_text(BODY, head=head)._.letterhead.subject == "Aktstykke nr. 12"


def test_salutation_without_its_comma(analyse_text):
    doc = analyse_text("Kære udvalgsmedlemmer,\n\nHermed følger svar.")
    assert doc._.letterhead.salutation == "Kære udvalgsmedlemmer"


def test_salutation_glued_to_the_text_after_it(analyse_text):
    doc = analyse_text("Kære ArbejdsmarkedsudvalgDet er tidligere aftalt, at udvalget får "
                       "tilsendt de evalueringer, der gennemføres.")
    assert doc._.letterhead.salutation == "Kære Arbejdsmarkedsudvalg"


@pytest.mark.parametrize(("line", "names"), [
    ("Folketingets Transport-, Bygnings- og Boligudvalg",
     ["Transport-, Bygnings- og Boligudvalget"]),
    ("Til: Folketingets Forsvarsudvalg og Folketingets Finansudvalg",
     ["Forsvarsudvalget", "Finansudvalget"]),
    # a second committee whose name coordinates words
    ("Folketingets Erhvervsudvalg og Folketingets Klima-, Energi- og Forsyningsudvalg",
     ["Erhvervsudvalget", "Klima-, Energi- og Forsyningsudvalget"]),
    ("Folketingets Klima-, Energi- og Forsyningsudvalg",
     ["Klima-, Energi- og Forsyningsudvalget"]),
    ("Folketingets Trafikudvalg", ["Trafikudvalget"]),  # by the form of its name
    # two lines of the block read as one
    ("Folketingets Finansudvalg Folketingets Forsvarsudvalg",
     ["Finansudvalget", "Forsvarsudvalget"]),
])
def test_recipient_lines_name_whole_committees(analyse_text, line, names):
    recipients = analyse_text(BODY, head=[[line, "Christiansborg", "1240 København K"]])
    assert [r.name for r in recipients._.letterhead.recipients] == names


@pytest.mark.parametrize(("head", "expected"), [
    # the letterhead's next line read with the Lovsekretariat's
    (["Folketingets Lovsekretariat ERHVERVSMINISTEREN"], ("Folketingets Lovsekretariat", None)),
    # a member with Folketinget's name above its address
    (["Morten Messerschmidt (DF)", "Folketinget", "Christiansborg", "1240 København K"],
     ("Morten Messerschmidt", "Christiansborg, 1240 København K")),
])
def test_addressees_in_the_forms_ministries_print(analyse_text, head, expected):
    [recipient] = analyse_text(BODY, head=[head])._.letterhead.recipients
    assert (recipient.name, recipient.address) == expected


def test_a_letter_run_into_one_line_names_folketinget_before_its_address(analyse_text):
    doc = analyse_text("Udlændinge- og Integrationsudvalget Folketinget Christiansborg 1240 "
                       "København K Dato: 21. juni 2017 Svar: Der henvises til besvarelsen.")
    [recipient] = doc._.letterhead.recipients
    assert recipient.address == "Christiansborg, 1240 København K"
