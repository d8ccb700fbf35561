"""Gazetteer API and the entity ruler built from it."""

import doctest
import json
from datetime import date

import pytest

from pipeline.nlp import (
    MODEL_DIR,
    gazetteer,
    gazetteer_data,
    gazetteer_forms,
    gazetteer_upkeep,
    load,
    ruler,
)


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
    # a stray space inside a word, as older converted letters print one
    assert gazetteer.canonical_ministry("Justits  ministeriet") == "Justitsministeriet"
    assert gazetteer.canonical_ministry("Justits ministeriet for") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Folketingets Sundheds- og ldreudvalg", "Sundheds- og Ældreudvalget"),  # left out
    ("Folketingets Sundheds- og \ufffdldreudvalg", "Sundheds- og Ældreudvalget"),  # a sign
    ("Milj - og Planlgningsudvalget", "Miljø- og Planlægningsudvalget"),
    ("Udvalget for F devarer, Landbrug og Fiskeri", "Udvalget for Fødevarer, Landbrug og Fiskeri"),
])
def test_a_committee_whose_danish_letters_a_conversion_lost(text, expected):
    assert gazetteer.canonical_committee(text) == expected


def test_a_ministry_whose_danish_letters_a_conversion_lost():
    assert gazetteer.canonical_ministry("Milj\ue001ministeriet") == "Miljøministeriet"
    assert gazetteer.canonical_ministry("Udl ndinge- og Integrationsministeriet") == (
        "Udlændinge- og Integrationsministeriet")
    assert gazetteer.canonical_ministry("Miljministeriets konsulent") is None  # more words


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


# --- over time: the data, and look-ups by the letter's date ---------------------------------


def test_data_files_are_consistent_and_name_their_sources():
    assert gazetteer.data_problems() == []
    for path in (gazetteer.DATA_FILE, gazetteer.MINISTERS_FILE):
        sources = json.loads(path.read_text(encoding="utf-8"))["_sources"]
        assert sources and all(source["name"] for source in sources)


def test_model_patterns_follow_the_data():
    """The trained model carries a copy of the ruler's patterns: rebuild it after editing
    the data (``python -m pipeline.nlp.gazetteer --refresh-model``)."""
    path = MODEL_DIR / "gazetteer_ruler" / "patterns.jsonl"
    copied = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert copied == ruler.patterns()


def test_the_loaded_ruler_matches_as_spacys_own_load_does():
    """``load()`` builds the ruler's phrases with the tokenizer alone; spaCy's plain load
    runs the whole pipeline over them. Every phrase, as written and in capitals, must be
    found alike."""
    import spacy

    ours = load().get_pipe(ruler.RULER_NAME)
    plain = spacy.load(MODEL_DIR)
    theirs = plain.get_pipe(ruler.RULER_NAME)
    assert len(ours) == len(theirs) > 600
    phrases = [pattern["pattern"] for pattern in ruler.patterns()]
    for text in phrases + [phrase.upper() for phrase in phrases]:
        found = [ruler_(plain.make_doc(f"Til {text} i dag")).ents for ruler_ in (ours, theirs)]
        spans = [[(e.start_char, e.end_char, e.label_, e.ent_id_) for e in ents] for ents in found]
        assert spans[0] == spans[1] and spans[0], text


def test_undated_look_ups_agree_with_the_ruler_ids():
    for pattern in ruler.patterns():
        text, name = pattern["pattern"], pattern["id"]
        if pattern["label"] == "COMMITTEE":
            assert gazetteer.canonical_committee(text) == name, text
        else:
            assert name in (gazetteer.canonical_ministry(text),
                            gazetteer.ministry_for_title(text)), text


def test_every_ministrys_name_answers_for_itself_on_any_date():
    for ministry in gazetteer.ministries():
        for form in (ministry.name, *ministry.aliases):
            assert gazetteer.canonical_ministry(form) == ministry.name
            assert gazetteer.canonical_ministry(form, on="2024-06-01") == ministry.name


def test_every_committees_name_answers_for_itself_undated_and_in_its_time():
    for committee in gazetteer.committees():
        assert gazetteer.canonical_committee(committee.name) == committee.name
        for period in committee.periods:
            day = period.start or period.end
            if day is not None:
                assert gazetteer.canonical_committee(committee.name, on=day) == committee.name


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ministeriet for Social og Integration", "Social- og Integrationsministeriet"),
        ("Integrationsministeriet", "Ministeriet for Flygtninge, Indvandrere og Integration"),
        ("Familie- og Forbrugerministeriet", "Ministeriet for Familie- og Forbrugeranliggender"),
        ("Velfærdsministeriets", "Velfærdsministeriet"),
        ("Transport- og Energiministeriet", "Transport- og Energiministeriet"),
        ("Ministeriet for Videnskab, Teknologi og Udvikling",
         "Ministeriet for Videnskab, Teknologi og Udvikling"),
        ("Miljø- og Ligestillingsministeriet", "Miljø- og Ligestillingsministeriet"),
    ],
)
def test_names_of_the_past(text, expected):
    assert gazetteer.canonical_ministry(text) == expected


@pytest.mark.parametrize(
    "title, on, expected",
    [
        ("sundhedsministeren", "2018-08-14", "Sundheds- og Ældreministeriet"),
        ("sundhedsministeren", "2010-06-01", "Indenrigs- og Sundhedsministeriet"),
        ("sundhedsministeren", "2008-03-01", "Ministeriet for Sundhed og Forebyggelse"),
        ("sundhedsministeren", "2013-03-01", "Ministeriet for Sundhed og Forebyggelse"),
        ("sundhedsministeren", "2021-06-01", "Sundhedsministeriet"),
        ("sundhedsministeren", "2024-02-22", "Indenrigs- og Sundhedsministeriet"),
        ("sundhedsministeren", "2000-05-01", "Sundhedsministeriet"),
        # the day a name changes belongs to the new name
        ("sundhedsministeren", "2015-06-27", "Ministeriet for Sundhed og Forebyggelse"),
        ("sundhedsministeren", "2015-06-28", "Sundheds- og Ældreministeriet"),
        ("Justitsministeren", "2003-01-01", "Justitsministeriet"),
        ("transportministeren", "2019-11-21", "Transport- og Boligministeriet"),
        ("transportministeren", "2022-01-25", "Transportministeriet"),
        ("social- og boligministeren", "2023-12-12", "Social-, Bolig- og Ældreministeriet"),
        ("social- og boligministeren", "2025-01-16", "Social- og Boligministeriet"),
        ("ældreministeren", "2018-01-01", "Sundheds- og Ældreministeriet"),
        ("ældreministeren", "2023-09-14", "Social-, Bolig- og Ældreministeriet"),
        ("ældreministeren", "2025-01-01", "Ældreministeriet"),
        ("velfærdsministeren", "2008-04-07", "Velfærdsministeriet"),
        ("indenrigs- og socialministerens", "2009-11-06", "Indenrigs- og Socialministeriet"),
        ("Fødevareministeren", "2009-06-10", "Ministeriet for Fødevarer, Landbrug og Fiskeri"),
        ("miljøministeren", "2011-05-23", "Miljøministeriet"),
        ("kirkeministeren", "2024-03-01", "By-, Land- og Kirkeministeriet"),
        ("børne- og undervisningsministeren", "2013-09-19", "Ministeriet for Børn og Undervisning"),
        ("børne- og undervisningsministeren", "2021-06-17", "Børne- og Undervisningsministeriet"),
        # a title of the past means its ministry whatever the date
        ("velfærdsministeren", "2020-01-01", "Velfærdsministeriet"),
    ],
)
def test_ministry_for_title_on_a_date(title, on, expected):
    assert gazetteer.ministry_for_title(title, on=on) == expected


def test_undated_title_look_ups_keep_their_answers():
    assert gazetteer.ministry_for_title("justitsministeren") == "Justitsministeriet"
    assert gazetteer.ministry_for_title("miljøministeren") == "Miljøministeriet"
    assert gazetteer.ministry_for_title("ældreministeren") == "Ældreministeriet"
    assert gazetteer.ministry_for_title("transportministeren") == "Transportministeriet"


@pytest.mark.parametrize(
    "text, on, expected",
    [
        ("sum.dk", "2019-04-02", "Sundheds- og Ældreministeriet"),
        ("www.sum.dk", "2010-06-01", "Indenrigs- og Sundhedsministeriet"),
        ("www.sum.dk", "2010-02-10", "Ministeriet for Sundhed og Forebyggelse"),
        ("W sum.dk", "2022-05-19", "Sundhedsministeriet"),
        ("sum.dk", "2024-02-22", "Indenrigs- og Sundhedsministeriet"),
        ("www.justitsministeriet.dk", "2011-04-11", "Justitsministeriet"),
        ("www.sm.dk", "2012-06-01", "Social- og Integrationsministeriet"),
        ("www.sm.dk", "2023-12-12", "Social-, Bolig- og Ældreministeriet"),
        ("www.uvm.dk", "2012-05-01", "Ministeriet for Børn og Undervisning"),
        # children moved to the social ministry on 9 August 2013
        ("www.uvm.dk", "2015-01-27", "Undervisningsministeriet"),
        ("www.uvm.dk", "2016-07-13", "Ministeriet for Børn, Undervisning og Ligestilling"),
        ("www.uvm.dk", "2019-02-01", "Undervisningsministeriet"),
        ("www.km.dk", "2013-03-12", "Ministeriet for Ligestilling og Kirke"),
        ("www.oem.dk", "2004-12-20", "Økonomi- og Erhvervsministeriet"),
        ("oem.dk", "2024-01-01", "Økonomiministeriet"),
        ("www.minff.dk", "2005-06-13", "Ministeriet for Familie- og Forbrugeranliggender"),
        ("info@uibm.dk", "2016-02-11", "Udlændinge-, Integrations- og Boligministeriet"),
        ("www.mim.dk", "2024-05-27", "Miljøministeriet"),
        ("ft.dk", "2020-01-01", None),
    ],
)
def test_ministry_for_domain_on_a_date(text, on, expected):
    assert gazetteer.ministry_for_domain(text, on=on) == expected


def test_a_date_is_iso_and_may_be_a_date_object():
    assert gazetteer.ministry_for_domain("sum.dk", on=date(2019, 4, 2)) == (
        "Sundheds- og Ældreministeriet")
    with pytest.raises(ValueError):
        gazetteer.ministry_for_title("sundhedsministeren", on="14-08-2018")


@pytest.mark.parametrize(
    "name, on, title, ministry",
    [
        ("Ellen Trane Nørby", "2018-08-14", "sundhedsministeren", "Sundheds- og Ældreministeriet"),
        ("lars løkke rasmussen", "2010-01-01", "statsministeren", "Statsministeriet"),
        ("Lars Løkke Rasmussen", "2005-01-01", "indenrigs- og sundhedsministeren",
         "Indenrigs- og Sundhedsministeriet"),
        ("Lars Løkke Rasmussen", None, "udenrigsministeren", "Udenrigsministeriet"),
        ("  METTE  frederiksen ", "2012-04-24", "beskæftigelsesministeren",
         "Beskæftigelsesministeriet"),
        ("Karen Ellemann", "2009-11-06", "indenrigs- og socialministeren",
         "Indenrigs- og Socialministeriet"),
        ("Jakob Axel Nielsen", "2010-02-10", "ministeren for sundhed og forebyggelse",
         "Ministeriet for Sundhed og Forebyggelse"),
        ("Kaare Dybvad", "2023-01-01", "udlændinge- og integrationsministeren",
         "Udlændinge- og Integrationsministeriet"),
        ("Per Stig Møller", "2011-06-01", "kulturministeren", "Kulturministeriet"),
        ("Ole Birk Olesen", "2017-12-22", "transport-, bygnings- og boligministeren",
         "Transport-, Bygnings- og Boligministeriet"),
    ],
)
def test_minister_on_a_date(name, on, title, ministry):
    appointment = gazetteer.minister(name, on=on)
    assert (appointment.title, appointment.ministry) == (title, ministry)
    assert on is None or appointment.covers(on)


def test_minister_none_and_frozen():
    assert gazetteer.minister("Ellen Trane Nørby", on="2021-01-01") is None
    assert gazetteer.minister("Ingen Sådan Person") is None
    appointment = gazetteer.minister("Peter Hummelgaard")
    assert appointment.title == "justitsministeren" and appointment.end is None
    with pytest.raises(AttributeError):
        appointment.name = "x"


def test_ministers_of_a_ministry_on_a_date():
    assert [a.name for a in gazetteer.ministers_of("Justitsministeriet", on="2014-05-05")] == [
        "Karen Hækkerup"]


def test_every_ministry_has_had_ministers():
    """Every name in the gazetteer has at least one appointment in ministers.json."""
    staffed = {a.ministry for a in gazetteer.ministers()}
    unstaffed = {m.name for m in gazetteer.ministries()} - staffed
    assert unstaffed == set()


@pytest.mark.parametrize(
    "abbreviation, on, expected",
    [
        ("UFO", None, "Udvalget for Forretningsordenen"),
        ("ufo", "2011-04-11", "Udvalget for Forretningsordenen"),
        ("SUU", None, "Sundhedsudvalget"),
        ("SUU", "2005-09-16", "Sundhedsudvalget"),
        ("SUU", "2012-02-17", "Sundheds- og Forebyggelsesudvalget"),
        ("SUU", "2018-08-14", "Sundheds- og Ældreudvalget"),
        ("SUU", "2020-12-22", "Sundheds- og Ældreudvalget"),
        ("SUU", "2022-05-19", "Sundhedsudvalget"),
        ("FIU", "2010-02-10", "Finansudvalget"),
        ("REU", "2012-09-07", "Retsudvalget"),
        ("UUI", "2014-05-05", "Udvalget for Udlændinge- og Integrationspolitik"),
        ("UUI", "2018-01-10", "Udlændinge- og Integrationsudvalget"),
        ("SAU", "2020-06-11", "Skatteudvalget"),
        ("MPU", "2011-05-23", "Miljø- og Planlægningsudvalget"),
        ("MOF", "2024-05-27", "Miljø- og Fødevareudvalget"),
        ("TRU", "2009-11-23", "Trafikudvalget"),
        ("TRU", "2013-04-04", "Transportudvalget"),
        ("TRU", "2017-12-22", "Transport-, Bygnings- og Boligudvalget"),
        ("KUU", "2021-07-02", "Kulturudvalget"),
        ("SOU", "2023-12-12", "Socialudvalget"),
        ("SOU", "2016-11-18", "Social- og Indenrigsudvalget"),
        ("SOU", "2016-12-21", "Social-, Indenrigs- og Børneudvalget"),
        ("SOU", "2022-03-11", "Social- og Ældreudvalget"),
        ("EUU", "2005-01-07", "Europaudvalget"),
        ("URU", "2012-06-25", "Udenrigsudvalget"),
        ("EPU", "2005-05-03", "Det Energipolitiske Udvalg"),
        ("PØU", "2008-04-22", "Det Politisk-Økonomiske Udvalg"),
        ("POEU", "2009-06-14", "Det Politisk-Økonomiske Udvalg"),
        ("BOU", "2022-03-17", "Indenrigs- og Boligudvalget"),
        ("UUI", "2016-01-18", "Udlændinge-, Integrations- og Boligudvalget"),
        ("UUI", "2018-05-01", "Udlændinge- og Integrationsudvalget"),
        ("ULOE", None, "Udvalget for Landdistrikter og Øer"),
        ("TRU", "2016-03-03", "Transport- og Bygningsudvalget"),
        ("ERU", "2018-09-18", "Erhvervs-, Vækst- og Eksportudvalget"),
        ("ERU", "2022-05-10", "Erhvervsudvalget"),
        ("XYZ", None, None),
    ],
)
def test_committee_for_abbreviation(abbreviation, on, expected):
    assert gazetteer.committee_for_abbreviation(abbreviation, on=on) == expected


@pytest.mark.parametrize(("text", "on", "expected"), [
    # a name used years outside its time stands for the committee's name on the day
    ("Folketingets Udlændinge- og Integrationsudvalg", "2012-05-01",
     "Udvalget for Udlændinge- og Integrationspolitik"),
    ("Folketingets Sundhedsudvalg", "2018-03-01", "Sundheds- og Ældreudvalget"),
    # near its time, or undated, a name answers for itself
    ("Folketingets Sundheds- og Ældreudvalg", "2015-06-20", "Sundheds- og Ældreudvalget"),
    ("Folketingets Sundhedsudvalg", None, "Sundhedsudvalget"),
    ("Folketingets Kulturudvalg", "2012-05-01", "Kulturudvalget"),
    ("Folketingets Boligudvalg", "2010-08-10", "Boligudvalget"),  # before By- og Bolig...
    ("Folketingets Boligudvalg", "2013-05-01", "By- og Boligudvalget"),
])
def test_a_committee_is_named_as_on_the_letters_day(text, on, expected):
    assert gazetteer.canonical_committee(text, on=on) == expected


def test_abbreviations_are_not_committee_names():
    assert gazetteer.canonical_committee("UFO") is None
    assert gazetteer.canonical_committee("SUU alm. del") is None
    assert _ents("Svar på SUU spørgsmål 12 til FIU", "COMMITTEE") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Folketingets Lovsekretariat", "Folketingets Lovsekretariat"),
        ("Til Folketingets Lovsekretariat", "Folketingets Lovsekretariat"),
        ("Lovsekretariatet", "Folketingets Lovsekretariat"),
        ("Folketingets Finansudvalg", "Finansudvalget"),
        ("Folketinget", None),
    ],
)
def test_recipients_include_the_lovsekretariat(text, expected):
    assert gazetteer.canonical_recipient(text) == expected


def test_the_lovsekretariat_is_no_committee():
    assert gazetteer.canonical_committee("Folketingets Lovsekretariat") is None
    assert "Folketingets Lovsekretariat" not in [c.name for c in gazetteer.committees()]


def test_ministries_carry_periods_domains_and_addresses():
    by_name = {m.name: m for m in gazetteer.ministries()}
    sam = by_name["Sundheds- og Ældreministeriet"]
    assert sam.former and not sam.in_use("2021-01-21") and sam.in_use("2021-01-20")
    assert sam.address == "Holbergsgade 6, 1057 København K"
    assert "sum.dk" in sam.domains
    assert not by_name["Justitsministeriet"].former
    assert by_name["Justitsministeriet"].address == "Slotsholmsgade 10, 1216 København K"


@pytest.mark.parametrize("module", [gazetteer, gazetteer_data, gazetteer_forms, gazetteer_upkeep])
def test_docstring_examples_hold(module):
    failures, _tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_every_ministry_name_and_title_says_minist():
    """The letterhead reader looks a segment up only where it says "minist..."."""
    forms = [form for ministry in gazetteer.ministries()
             for form in [*gazetteer.ministry_forms(ministry),
                          *gazetteer.ministry_title_forms(ministry)]]
    assert forms and all("minist" in form.lower() for form in forms)
