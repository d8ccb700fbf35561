"""Recommendations: the recommended content, one item per list element, no lead-in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def texts(doc):
    return [r.text for r in doc._.recommendations]


def test_a_list_of_noun_phrases_gives_one_item_each(analyse_text):
    doc = analyse_text("Rapporten indeholder anbefalinger om bedre vejledning, flere "
                       "sagsbehandlere og kortere ventetider.")
    assert texts(doc) == ["bedre vejledning", "flere sagsbehandlere", "kortere ventetider"]


def test_a_relative_clause_stays_with_its_item_and_a_closing_one_is_left_out(analyse_text):
    doc = analyse_text("Evalueringen indeholder anbefalinger i relation til hjælp til ofre, "
                       "støtte til familier, der flytter, og øget viden, som ministeriet vil se "
                       "nærmere på.")
    assert texts(doc) == ["hjælp til ofre", "støtte til familier, der flytter", "øget viden"]


def test_that_clauses_give_one_item_each(analyse_text):
    doc = analyse_text("Evalueringen anbefaler, at der etableres et nationalt videnscenter, "
                       "og at kommunerne får bedre vejledning.")
    assert texts(doc) == ["der etableres et nationalt videnscenter",
                          "kommunerne får bedre vejledning"]


def test_listed_recommendations_after_a_colon_lose_their_at_and_og(analyse_text):
    doc = analyse_text("Udvalget anbefaler følgende:\n- at reglerne forenkles\n"
                       "- at fristerne forlænges, og\n- at gebyret afskaffes.\n\n"
                       "Det er ministeriets vurdering.")
    assert texts(doc) == ["reglerne forenkles", "fristerne forlænges", "gebyret afskaffes"]


@pytest.mark.parametrize("body", [
    "Rapporten indeholder 12 anbefalinger.",
    "Regeringen vil se nærmere på anbefalingerne.",
    "Der er ingen anbefalinger i rapporten.",
])
def test_mentioning_that_recommendations_exist_gives_none(analyse_text, body):
    assert texts(analyse_text(body)) == []


def test_evidence_quotes_each_item(analyse_text):
    doc = analyse_text("Kære udvalg\n\nDet anbefales, at tilskuddet forhøjes.")
    [item] = doc._.recommendations
    assert doc.text[item.evidence.start:item.evidence.end] == item.text == "tilskuddet forhøjes"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_any_text_gives_items_that_quote_it(analyse_text, text):
    doc = analyse_text("anbefaler, at " + text)
    for item in doc._.recommendations:
        assert doc.text[item.evidence.start:item.evidence.end] == item.text


def test_a_verb_lead_in_followed_by_noun_phrases(analyse_text):
    doc = analyse_text("Udvalget anbefaler en skærpelse af loftet over, hvor meget den enkelte "
                       "kan eje, oprettelse af en kvotebank og bedre muligheder for unge.")
    assert texts(doc) == ["en skærpelse af loftet over, hvor meget den enkelte kan eje",
                          "oprettelse af en kvotebank", "bedre muligheder for unge"]


def test_a_closing_clause_about_the_whole_is_left_out(analyse_text):
    doc = analyse_text("Det anbefales at etablere en fælles platform, hvilket styrelsen vil "
                       "igangsætte i 2024.")
    assert texts(doc) == ["etablere en fælles platform"]


def test_a_sentence_ended_on_an_abbreviation_stops_at_the_next_lines_label(analyse_text):
    doc = analyse_text("Finansrådet anbefaler, at overgangsperioden forlænges til 1. januar 2011,\n"
                       "og at kravene kun gælder for pengeinstitutter med en kapital over 250\n"
                       "mio. kr.\nKommentar: Ministeriet er enig i, at en overgangsperiode er "
                       "hensigtsmæssig.")
    assert texts(doc) == ["overgangsperioden forlænges til 1. januar 2011",
                          "kravene kun gælder for pengeinstitutter med en kapital over 250\n"
                          "mio. kr."]


def test_a_list_after_a_lead_in_that_names_some(analyse_text):
    doc = analyse_text("Rapporten indeholder i alt 26 anbefalinger.\nEkspertgruppen anbefaler "
                       "blandt andet:\n- at kravet om jobsamtaler lempes,\n- at opfølgningen "
                       "målrettes, og\n- at virksomhedsrettede tilbud prioriteres.\nDet er godt.")
    assert texts(doc) == ["kravet om jobsamtaler lempes", "opfølgningen målrettes",
                          "virksomhedsrettede tilbud prioriteres"]


def test_the_lists_last_item_ends_at_its_full_stop_where_the_next_paragraph_joined_it(
        analyse_text):
    doc = analyse_text("Ekspertgruppen anbefaler blandt andet:\n- at kravet lempes, og\n- at "
                       "tilbud prioriteres frem for vejledning. Regeringen vil drøfte "
                       "anbefalingerne med partierne.")
    assert texts(doc) == ["kravet lempes", "tilbud prioriteres frem for vejledning"]


def test_a_time_between_the_lead_in_and_its_clause(analyse_text):
    doc = analyse_text("Et udvalg i stiftet anbefalede i juni 2012, at 14 kirker tages ud af brug.")
    assert texts(doc) == ["14 kirker tages ud af brug"]


def test_a_question_about_recommendations_makes_none(analyse_text):
    doc = analyse_text("”Vil ministeren redegøre for ekspertgruppens anbefalinger om statens "
                       "it-sikkerhed og oplyse, hvordan regeringen vil følge op på dem?”")
    assert texts(doc) == []


def test_an_item_ends_where_its_quotation_closes(analyse_text):
    doc = analyse_text("Rigspolitiet oplyser: ”Vi har anbefalet, at opgørelsen fremover foretages "
                       "halvårligt.”Jeg kan henholde mig til det oplyste.")
    assert texts(doc) == ["opgørelsen fremover foretages halvårligt"]


def test_a_list_after_anbefaler_bl_a_with_its_colon(analyse_text):
    doc = analyse_text("Evalueringen anbefaler bl.a.:\n- at der indføres en differentiering af "
                       "besparelserne,\n- at dokumentationen styrkes, og\n- at indsatsen rettes "
                       "mod erhvervslivet.\nRegeringen vil inddrage anbefalingerne.")
    assert texts(doc) == ["der indføres en differentiering af besparelserne",
                          "dokumentationen styrkes", "indsatsen rettes mod erhvervslivet"]


def test_a_list_whose_items_open_their_lines_with_at(analyse_text):
    doc = analyse_text("Ekspertudvalget anbefaler bl.a.:\nat der indføres en national "
                       "visitationsmodel,\nat sagsbehandlingstiden nedbringes til højst 12 uger, "
                       "og\nat der afsættes 350 mio. kr. årligt til et kompetenceløft.\n"
                       "Regeringen vil forholde sig til anbefalingerne.")
    assert texts(doc) == ["der indføres en national visitationsmodel",
                          "sagsbehandlingstiden nedbringes til højst 12 uger",
                          "der afsættes 350 mio. kr. årligt til et kompetenceløft"]


@pytest.mark.parametrize("lead", ["anbefalede i sin rapport af 15. marts 2006, at",
                                  "anbefalede i sin rapport fra 2016, at"])
def test_a_clause_after_the_papers_date(analyse_text, lead):
    doc = analyse_text(f"Tænketanken {lead} introduktionsprogrammet tilrettelægges med "
                       "virksomhedspraktik. Regeringen har fulgt anbefalingen.")
    assert texts(doc) == ["introduktionsprogrammet tilrettelægges med virksomhedspraktik"]


def test_a_listed_item_broken_over_two_lines_goes_on_in_the_next(analyse_text):
    doc = analyse_text("Virksomhedsforum anbefaler i årsrapporten:\n- at myndighederne genbruger "
                       "oplysningerne,\n- at der afsættes 75 mio. kr. årligt til "
                       "kompetenceudvikling af\noffentligt ansatte, og\n- at "
                       "sagsbehandlingstiden fastsættes.\n"
                       "Regeringen vil besvare anbefalingerne.")
    assert texts(doc) == ["myndighederne genbruger oplysningerne",
                          "der afsættes 75 mio. kr. årligt til kompetenceudvikling af\noffentligt "
                          "ansatte", "sagsbehandlingstiden fastsættes"]


@pytest.mark.parametrize(("body", "expected"), [
    # the noun that names recommendations made leads in nothing after "og"
    ("Regeringen vil nu gennemgå anbefalingerne og forventer at præsentere en strategi.", []),
    # ... but says what the recommendation is after "er"
    ("Anbefalingen er, at tilsynet styrkes.", ["tilsynet styrkes"]),
])
def test_the_noun_leads_in_only_where_it_says_what_is_recommended(analyse_text, body, expected):
    assert texts(analyse_text(body)) == expected
