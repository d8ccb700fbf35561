"""Which question a letter answers, and references as genuine letters print them."""

from __future__ import annotations

import pytest

from pipeline.extract import questions
from pipeline.extract.questions import question_refs_in


def refs(doc):
    return [(q.number, q.series, q.committee, q.answered) for q in doc._.question_refs]


def test_the_question_of_the_opening_is_answered_and_a_cited_one_is_not(letter):
    body = ("Hermed sendes besvarelse af spørgsmål nr. 15 (Alm. del), som Folketingets Udvalg "
            "for Forretningsordenen har stillet til justitsministeren den 7. april 2011.\n\n"
            "Som det fremgår af min besvarelse af spørgsmål nr. 5 fra Folketingets Udvalg for "
            "Forretningsordenen, er sagen under behandling.")
    assert refs(letter(body)) == [
        (15, "Alm. del", "Udvalget for Forretningsordenen", True),
        (5, "Alm. del", "Udvalget for Forretningsordenen", False),
    ]


def test_the_subject_in_the_head_names_the_answered_question(letter):
    doc = letter("Spørgsmål nr. 802\n\nSpørgsmål 802 er helt identisk med spørgsmål 801.",
                 head=["Folketingets Miljø- og Fødevareudvalg\nChristiansborg",
                       "Besvarelse af spørgsmål nr. 802 (Alm. del)"])
    assert refs(doc) == [(802, "Alm. del", "Miljø- og Fødevareudvalget", True),
                         (801, "Alm. del", "Miljø- og Fødevareudvalget", False)]


def test_a_committee_named_as_the_first_part_of_the_word_question_asked_it(letter):
    doc = letter("Spørgsmål nr. 247:\nHvad koster det?\n\nSvar:\nDet koster intet.",
                 head=["Besvarelse af forsvarsudvalgsspørgsmål nr. 247 stillet af "
                       "folketingsmedlem Anne Hansen, V."])
    assert refs(doc) == [(247, "Alm. del", "Forsvarsudvalget", True)]


def test_a_bill_named_after_the_word_question_is_the_series_of_the_question_after_it(letter):
    doc = letter("Spørgsmål L 140 - Spørgsmål 96:\nMinisteren bedes kommentere henvendelsen.",
                 head=["Besvarelse af spørgsmål nr. L 140 – Spørgsmål 96, som Sundhedsudvalget "
                       "har stillet til indenrigs- og sundhedsministeren den 2. maj 2006"])
    assert refs(doc) == [(96, "L 140", "Sundhedsudvalget", True)]


@pytest.mark.parametrize("citing", [
    "Jeg henviser til min besvarelse af spm. 65 alm. del stillet af Folketingets Kommunaludvalg.",
    "Der henvises til svar på spørgsmål nr. 65 (Alm. del).",
    "Det er som nævnt i mit svar på spørgsmål 65 min opfattelse, at planen holder.",
    "Der henvises i øvrigt til besvarelsen af Retsudvalgets spørgsmål nr. 65 vedrørende sagen.",
    # an earlier minister's answer, and its date
    "Der henvises til den daværende skatteministers besvarelse af 3. marts 1998 af spørgsmål "
    "nr. 65 om en årlig redegørelse.",
    # ... whose title is of several words
    "I forbindelse med den daværende økonomi- og indenrigsministers besvarelse af spørgsmål "
    "65 til lovforslaget blev det tilkendegivet, at der udarbejdes en opgørelse.",
    # an answer still to come, in another letter
    "Redegørelsen vil også indgå i besvarelsen af udvalgets spørgsmål nr. 65 (UVT alm. del) om "
    "universiteternes indberetningspraksis.",
])
def test_a_letter_that_only_cites_an_answer_answers_nothing(letter, citing):
    [ref] = letter(citing)._.question_refs
    assert (ref.number, ref.answered) == (65, False)


def test_a_correction_of_an_earlier_answer_answers_nothing(letter):
    doc = letter("Desværre indeholdt besvarelsen en fejl, som jeg hermed vil rette.",
                 head=["Berigtigelse af svar på spørgsmål nr. 212 (Alm. del)"])
    assert [(q.number, q.answered) for q in doc._.question_refs] == [(212, False)]


def test_an_answer_asked_for_is_no_citation(letter):
    body = ("Udvalget har ved skrivelse af 12. juni 2005 anmodet om min besvarelse af "
            "spørgsmål nr. 31.")
    assert [q.answered for q in letter(body)._.question_refs] == [True]


@pytest.mark.parametrize(("text", "expected"), [
    ("Endelig besvarelse af spørgsmålnr.144af 8. juni 2012", [(144, None)]),  # glued
    ("følger hermed mit svar påspørgsmål nr. 14 (SOU Alm. del).", [(14, "Alm. del")]),
    ("har stillet følgende spørgs-mål nr. 178, som hermed besvares.", [(178, None)]),
    # broken at the line's end, a conversion's space before the break
    ("har stillet følgende spørg s-\nmål nr. 584, som hermed besvares.", [(584, None)]),
    ("stillet mig følgende spørgsmål, nr. 325 (Alm. del), som", [(325, "Alm. del")]),
    ("Besvarelse af spørgsmål    115  alm.  del stillet af udvalget", [(115, "Alm. del")]),
    ("Jeg henviser til min besvarelse af TRU alm. del nr. 32.", [(32, "Alm. del")]),
    ("i forlængelse af svaret på UFO – alm. del spm. 5, 2010-11, redegøre", [(5, "Alm. del")]),
    ("Der henvises til svar på spørgsmål nr. S 2346 og S 2347 om", [(2346, "S"), (2347, "S")]),
    ("mine svar af 25. januar 2006 på Folketingets spm. nr. 2034 og 2035", [(2034, "S"),
                                                                         (2035, "S")]),
    ("stillet følgende spørgsmål nr. 15 til L 140 efter ønske fra", [(15, "L 140")]),
    ("Der henvises til besvarelse af SUU alm. del. 409 del a.", [(409, "Alm. del")]),
    # the series and a number without "nr." or an answer's words: its document, no question
    ("jf. folketingsåret 2004-05, 2. samling TRU alm. del 424.", []),
    ("Svar på Finansudvalgets spørgsmål nr. 2 (Aktstykke nr. 227) af", [(2, "Aktstk. 227")]),
    ("besvarelse af afspørgsmål 407, 408 og 409 (TRU alm. del).", [(407, "Alm. del"),
                                                                 (408, "Alm. del"),
                                                                 (409, "Alm. del")]),
])
def test_references_as_genuine_letters_print_them(text, expected):
    assert [(q.number, q.series) for q in question_refs_in(text)] == expected


def test_a_question_without_series_takes_the_letters_act_or_the_general_part(letter):
    act = letter("Folketingets Finansudvalg har den 10. februar 2010 til Aktstk. 98 stillet "
                 "følgende § 16 spørgsmål 1 til ministeren, som hermed besvares.")
    plain = letter("Folketingets Forsvarsudvalg har stillet følgende spørgsmål nr. 317 til "
                   "ministeren, som hermed besvares.")
    assert refs(act) == [(1, "Aktstk. 98", "Finansudvalget", True)]
    assert refs(plain) == [(317, "Alm. del", "Forsvarsudvalget", True)]


def test_a_question_without_series_takes_the_act_the_stamp_files_the_letter_under(letter):
    doc = letter("Finansudvalget har i brev af 5. november stillet mig følgende spørgsmål, som "
                 "jeg hermed skal besvare.\nSpørgsmål nr. 5:\nVil ministeren oplyse planerne?",
                 head=["Finansudvalget\nFolketinget"],
                 stamp=["Finansudvalget 2019-20\nAktstk. 21\nOffentligt"])
    assert refs(doc) == [(5, "Aktstk. 21", "Finansudvalget", True)]


def test_a_subject_names_the_act_in_words(letter):
    doc = letter("Spørgsmål:\nVil ministeren oplyse planerne?", head=[
        "Endeligt svar på Finansudvalgets spørgsmål nr. 76 af 23. juni 2008 (Aktstykke 190, § 7)."])
    assert refs(doc) == [(76, "Aktstk. 190", "Finansudvalget", True)]


def test_a_file_name_names_no_question_but_the_text_after_it_does(letter):
    doc = letter("Fil-navn: TRU spm. 325\tUnder henvisning til udvalgets brev af 7. december 2004 "
                 "følger hermed besvarelsen af spørgsmål nr. 46 ad L 97.")
    assert refs(doc) == [(46, "L 97", None, True)]
    assert refs(letter("Kontor: Kommunaløkonomisk kt. Fil-navn:\tTRU spm. 325")) == []


def test_an_act_cited_in_words_is_not_the_letters_bill(letter):
    doc = letter("Folketingets Forsvarsudvalg har den 4. december 2017 stillet følgende spørgsmål "
                 "nr. 25 vedr. B40 til ministeren, som hermed besvares.\nSvar:\nSom beskrevet "
                 "i aktstykke 31 følger programmet en kontraktmodel.")
    assert refs(doc) == [(25, "B 40", "Forsvarsudvalget", True)]


def test_a_section_20_question_has_no_committee(letter):
    doc = letter("Folketingets Lovsekretariat\n\nFolketingsmedlem Karsten Lauritzen (V) har "
                 "stillet følgende spørgsmål nr. S 2993, som hermed besvares.")
    assert refs(doc) == [(2993, "S", None, True)]


def test_the_addressed_committee_completes_a_reference_that_names_none(letter):
    doc = letter("Svar på spørgsmål 192 (Alm. del):\n\nI brev af 17. januar 2019 har udvalget "
                 "stillet mig følgende spørgsmål.", head=["Undervisningsudvalget\nChristiansborg"])
    assert refs(doc) == [(192, "Alm. del", "Undervisningsudvalget", True)]


def test_the_addressed_committee_goes_before_another_committees_cited_question(letter):
    # The question cited names its committee; the one answered, addressed to another, not.
    doc = letter("Hermed sendes endeligt svar på spørgsmål nr. 239 af 29. juni 2023 (alm. del)."
                 "\nSpørgsmål\nVil ministeren opdatere svaret på SAU alm. del spørgsmål 20?",
                 head=["Til Folketinget\nFinansudvalget"])
    assert refs(doc) == [(239, "Alm. del", "Finansudvalget", True),
                         (20, "Alm. del", "Skatteudvalget", False)]


def test_a_committee_addressed_amid_the_letterheads_facts_completes_a_reference(letter):
    sidebar = ["www.minff.dk [email protected] Udvalget for Fødevarer, Landbrug og Fiskeri "
               "MINISTEREN Dato: 13. juni 2005"]
    doc = letter("Udvalget har anmodet om min besvarelse af følgende spørgsmål: Spørgsmål 31: "
                 "”Er det korrekt?” Svar: Ja.", sidebar=sidebar)
    assert refs(doc) == [(31, "Alm. del", "Udvalget for Fødevarer, Landbrug og Fiskeri", True)]


def test_the_stamp_names_no_committee(letter):
    doc = letter("Endelig besvarelse af spørgsmål nr. 144 af 8. juni 2012 til Europaministeren.",
                 head=["Udenrigsudvalget 2011-12\nURU Alm.del\nOffentligt"])
    assert refs(doc) == [(144, "Alm. del", None, True)]


@pytest.mark.parametrize(("text", "committee"), [
    ("Besvarelse af spørgsmål 115 alm. del stillet af Det Energipolitiske\nUdvalg den 29. maj.",
     "Det Energipolitiske Udvalg"),
    ("Svar på Indenrigs- og Boligudvalgets spørgsmål nr. 146 (Alm. del)",
     "Indenrigs- og Boligudvalget"),
    ("Folketingets Udvalg for Udlændinge- og Integrationspolitik har stillet spørgsmål nr. 4.",
     "Udvalget for Udlændinge- og Integrationspolitik"),
    ("Folketingets Udvalg for Fødevarer, Landbrug og Fiskeri har stillet spørgsmål nr. 369.",
     "Udvalget for Fødevarer, Landbrug og Fiskeri"),
    ("svar på spørgsmål nr. 45 (alm. del - bilag 76), Kunstrådets Scenekunstudvalgs "
     "støttetildeling, stillet af Folketingets Kulturudvalg den 30. januar 2006.",
     "Kulturudvalget"),
])
def test_committees_of_every_form(text, committee):
    assert [q.committee for q in question_refs_in(text)] == [committee]


def test_an_abbreviation_names_its_committee_where_the_gazetteer_knows_it(monkeypatch):
    known = {"MOF": "Miljø- og Fødevareudvalget", "TRU": "Transportudvalget"}
    monkeypatch.setattr(questions.gazetteer, "committee_for_abbreviation",
                        lambda abbreviation, on=None: known.get(abbreviation), raising=False)
    text = "Der henvises til svar på TRU spørgsmål nr. 160 og besvarelsen af MOF alm. del spm. 5."
    assert [(q.number, q.committee) for q in question_refs_in(text)] == [
        (160, "Transportudvalget"), (5, "Miljø- og Fødevareudvalget")]


def test_every_question_an_answer_names_at_once_is_answered(letter):
    doc = letter("Hermed svar på spørgsmål nr. 12 og 13 (Alm. del). Se også svaret på spørgsmål 9.")
    assert [(q.number, q.answered) for q in doc._.question_refs] == [
        (12, True), (13, True), (9, False)]


def test_a_question_referred_to_with_jf_is_cited(letter):
    doc = letter("Der er ikke nye oplysninger, jf. spørgsmål nr. 40 (Alm. del).")
    assert [(q.number, q.answered) for q in doc._.question_refs] == [(40, False)]


def test_an_abbreviation_names_the_committee_of_the_letters_day(monkeypatch, letter):
    def committee_for_abbreviation(abbreviation, on=None):
        if abbreviation == "TRU":
            return "Trafikudvalget" if on and on < "2011-10-01" else "Transportudvalget"
        return None

    monkeypatch.setattr(questions.gazetteer, "committee_for_abbreviation",
                        committee_for_abbreviation, raising=False)
    body = ("Den 23. november 2009\n\nHermed svar på spørgsmål 144 (TRU alm. del). Fristen for "
            "planen er 1. januar 2030.")
    assert [q.committee for q in letter(body)._.question_refs] == ["Trafikudvalget"]


def test_a_question_answered_after_a_cited_one_in_one_sentence_is_answered(letter):
    body = ("I forlængelse af min besvarelse af spørgsmål nr. 5 (Alm. del) kan jeg hermed "
            "besvare spørgsmål nr. 6 (Alm. del), som Retsudvalget har stillet den 2. april 2020.")
    assert refs(letter(body)) == [(5, "Alm. del", "Retsudvalget", False),
                                  (6, "Alm. del", "Retsudvalget", True)]
    # both named by one citation stay cited
    body = "Jeg henviser til mine svar på spørgsmål nr. 5 og spørgsmål nr. 7 fra Retsudvalget."
    assert [answered for *_, answered in refs(letter(body))] == [False, False]


def test_a_section_20_question_named_by_its_series_and_number_alone(letter):
    doc = letter("Svar:\nDer er 100.000 ledige.",
                 head=["Folketingets Lovsekretariat\nChristiansborg",
                       "Besvarelse af S 1234 stillet af Jens Hansen (V)"])
    assert refs(doc) == [(1234, "S", None, True)]
    # elsewhere, "S 1234" alone is no reference
    assert question_refs_in("Jeg henviser til S 1234.") == []


@pytest.mark.parametrize("body", [
    "Som opfølgning på spørgsmål nr. 5 har udvalget stillet spørgsmål nr. 6, som hermed besvares.",
    "Udvalget har i forlængelse af spørgsmål nr. 5 stillet spørgsmål nr. 6, som hermed besvares.",
    "Jeg har tidligere besvaret spørgsmål nr. 5. Hermed besvares spørgsmål nr. 6.",
])
def test_a_question_before_the_one_asked_now_is_cited(letter, body):
    assert [(number, answered) for number, *_, answered in refs(letter(body))] == [
        (5, False), (6, True)]


def test_the_senders_preliminary_answer_names_the_question_answered_now(letter):
    body = ("Som opfølgning på mit foreløbige svar på spørgsmål nr. 6 (Alm. del) sender jeg "
            "hermed det endelige svar.")
    assert [answered for *_, answered in refs(letter(body))] == [True]
