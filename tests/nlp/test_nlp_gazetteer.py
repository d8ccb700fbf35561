"""Gazetteer API and the entity ruler built from it."""

import pytest

from pipeline.nlp import gazetteer, load


def test_lists_are_frozen_dataclasses():
    ministries = gazetteer.ministries()
    committees = gazetteer.committees()
    jm = next(m for m in ministries if m.name == "Justitsministeriet")
    assert "jm.dk" in jm.domains and "justitsministeren" in jm.minister_titles
    assert any(c.name == "Finansudvalget" for c in committees)
    with pytest.raises(AttributeError):
        jm.name = "x"


@pytest.mark.parametrize(
    "name",
    [
        "Statsministeriet", "Udenrigsministeriet", "Finansministeriet", "Erhvervsministeriet",
        "Skatteministeriet", "Økonomiministeriet", "Justitsministeriet", "Forsvarsministeriet",
        "Ministeriet for Samfundssikkerhed og Beredskab", "Udlændinge- og Integrationsministeriet",
        "Social- og Boligministeriet", "Indenrigs- og Sundhedsministeriet",
        "Beskæftigelsesministeriet", "Ældreministeriet", "Uddannelses- og Forskningsministeriet",
        "Børne- og Undervisningsministeriet", "Kulturministeriet", "Kirkeministeriet",
        "Miljøministeriet", "Ministeriet for Fødevarer, Landbrug og Fiskeri",
        "Digitaliseringsministeriet", "Ministeriet for Grøn Trepart", "Transportministeriet",
        "Klima-, Energi- og Forsyningsministeriet", "Sundheds- og Ældreministeriet",
        "Social-, Bolig- og Ældreministeriet", "Transport- og Bygningsministeriet",
        "Økonomi- og Indenrigsministeriet", "Udlændinge-, Integrations- og Boligministeriet",
    ],
)
def test_every_ministry_of_the_issue_is_known(name):
    assert gazetteer.canonical_ministry(name) == name


@pytest.mark.parametrize(
    "text, expected",
    [
        ("www.uim.dk", "Udlændinge- og Integrationsministeriet"),
        ("uim@uim.dk", "Udlændinge- og Integrationsministeriet"),
        ("https://www.jm.dk/nyheder/2024", "Justitsministeriet"),
        ("Fm@FM.dk", "Finansministeriet"),
        ("sm.dk", "Social- og Boligministeriet"),
        ("ft.dk", None),
        ("example.com", None),
    ],
)
def test_ministry_for_domain(text, expected):
    assert gazetteer.ministry_for_domain(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("justitsministeren", "Justitsministeriet"),
        ("Justitsministerens", "Justitsministeriet"),
        ("justitsminister", "Justitsministeriet"),
        ("Udlændinge- og integrationsministeren", "Udlændinge- og Integrationsministeriet"),
        ("ministeren for fødevarer, landbrug og fiskeri",
         "Ministeriet for Fødevarer, Landbrug og Fiskeri"),
        ("Ministeren for Fødevarer,  Landbrug og Fiskeri",
         "Ministeriet for Fødevarer, Landbrug og Fiskeri"),
        ("ministeren", None),
    ],
)
def test_ministry_for_title(text, expected):
    assert gazetteer.ministry_for_title(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Finansudvalget", "Finansudvalget"),
        ("Finansudvalgets", "Finansudvalget"),
        ("Folketingets Finansudvalg", "Finansudvalget"),
        ("Folketingets Finansudvalgs", "Finansudvalget"),
        ("Til medlemmerne af Folketingets Finansudvalg", "Finansudvalget"),
        ("folketingets  retsudvalg", "Retsudvalget"),
        ("Udlændinge- og Integrations-\nudvalget", "Udlændinge- og Integrationsudvalget"),
        ("Klima-, Energi- og Forsyningsudvalget", "Klima-, Energi- og Forsyningsudvalget"),
        ("Udvalget for Digitalisering og It", "Udvalget for Digitalisering og It"),
        ("udvalget", None),
        ("Statsrevisorerne", None),
    ],
)
def test_canonical_committee(text, expected):
    assert gazetteer.canonical_committee(text) == expected


def test_canonical_ministry_tolerates_hyphenation_case_and_spaces():
    assert gazetteer.canonical_ministry("Udlændinge-\nog Integrations-\nministeriet") == (
        "Udlændinge- og Integrationsministeriet")
    assert gazetteer.canonical_ministry("JUSTITSMINISTERIETS") == "Justitsministeriet"
    assert gazetteer.canonical_ministry("Justits  ministeriet") is None


def _ents(text, label):
    return [(e.text, e.ent_id_) for e in load()(text).ents if e.label_ == label]


def test_ruler_committee_in_address_line():
    assert _ents("Til Folketingets Finansudvalg", "COMMITTEE") == [
        ("Folketingets Finansudvalg", "Finansudvalget")]


def test_ruler_committee_forms():
    text = ("Finansudvalgets spørgsmål er stillet efter ønske fra Retsudvalget, "
            "og udvalgets medlemmer har fået svar.")
    assert _ents(text, "COMMITTEE") == [("Finansudvalgets", "Finansudvalget"),
                                        ("Retsudvalget", "Retsudvalget")]


def test_ruler_minister_titles_lower_and_capitalised():
    text = ("Justitsministeren har bedt udlændinge- og integrationsministeren om at "
            "svare Udlændinge- og Integrationsudvalget.")
    assert _ents(text, "MINISTRY") == [
        ("Justitsministeren", "Justitsministeriet"),
        ("udlændinge- og integrationsministeren", "Udlændinge- og Integrationsministeriet"),
    ]
    assert _ents(text, "COMMITTEE") == [
        ("Udlændinge- og Integrationsudvalget", "Udlændinge- og Integrationsudvalget")]


def test_ruler_overrides_ner_and_keeps_person():
    doc = load()("justitsminister Peter Hummelgaard har sendt svaret til Justitsministeriet.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["justitsminister"] == "MINISTRY"
    assert labels["Justitsministeriet"] == "MINISTRY"
    assert labels.get("Peter Hummelgaard") == "PER"
