"""References to committee questions: "spørgsmål nr. 12 (Alm. del)" -> number 12, series "Alm. del".

Forms:

- "spørgsmål nr. 12 (Alm. del)", "spm. nr. 12", "Spørgsmål 32 (alm. del)",
  "spørgsmål 172 alm. del", "TRU alm. del nr. 32", and as line breaks glue
  them: "påspørgsmål nr. 14", "spørgsmålnr.144af", "spørgs-mål nr. 178", "spørg s-mål";
- a series letter before the number: "spørgsmål nr. S 1234" -> series "S", as
  is "Folketingets spm. nr. 2034" and a "§ 20-spørgsmål" (§ 20 questions), and an answer's
  "Besvarelse af S 1234";
- a bill or act in brackets, before or after: "spørgsmål 45 (L 123)",
  "L 45 - spørgsmål 7", "spørgsmål nr. 15 til L 140", "Aktstk. 98" -> "L 45", "Aktstk. 98";
- several numbers at once: "spørgsmål nr. 12, 13 og 14 (Alm. del)", "spørgsmål nr. 12 og
  nr. 13" -> a reference each; "spm. 5, 2010-11" is one (2010-11 is the session);
- the asking committee, canonical: "Finansudvalgets spørgsmål nr. 12",
  "spørgsmål nr. 3 stillet af Folketingets Retsudvalg", or by its abbreviation
  ("MOF alm. del", "PØU B 49 - spørgsmål 12") where the gazetteer knows it.

The head blocks (where a subject line says "Svar på spørgsmål nr. 12") are
searched first, then the body; a question is listed once per (number, series).
Completed from the letter: a committee question with no series is "Alm. del"
unless the letter names one bill; one with no committee takes the committee
the letter names (its recipient). The question the letter answers (the first
named in its subject or in a sentence that answers, not one it only cites) is
``answered``; a letter correcting an earlier answer answers none. Committees are read
by ``committee_names``.

    >>> [(q.number, q.series) for q in question_refs_in("Svar på spm. nr. 12 (alm. del)")]
    [(12, 'Alm. del')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from models import QuestionRef
from pipeline.extract.base import document_of
from pipeline.extract.committee_names import committee_in
from pipeline.extract.dates import find_date_spans
from pipeline.extract.letterhead.recipients import recipients_of
from pipeline.nlp import gazetteer
from pipeline.reading import Document

# A committee's abbreviation as ft.dk prints it: "MOF", "URU", "PØU", "UUI".
ABBREVIATION = r"(?-i:[A-ZÆØÅ]{2,5})"
# A bill or proposal: "L 123", "B 12" (capital letter, so "i 2020" is none); an act "Aktstk. 98".
# ("akt. 133" in the Finansudvalg's letters; "L   148" where a conversion widened the space)
BILL = (r"(?:(?-i:[LBFVR])[ \t]{0,3}\d{1,3}(?!\d)"
        r"|(?:aktstk\.?|aktstykke|akt\.)\s*(?:nr\.?\s*)?\d{1,3}(?!\d))")
# "L 45 - spørgsmål 7", "URU alm. del spm. 115", "PØU B 49 – spørgsmål 12"
SERIES_BEFORE = (
    rf"(?:(?<![\wæøå])(?:(?P<abbr>{ABBREVIATION})\s+)?(?P<before>{BILL}|alm\.\s*del)\s*[-–,:]?\s*"
    r"(?:svar\s+på\s+)?)?"
)
# "spørgsmål", "spm.", glued to a lost line break's neighbour ("påspørgsmål", "spørgsmålnr."),
# or broken at a line's end, a conversion's space before the break ("spørg s-" / "mål").
QUESTION = (
    # also as a compound's last part after a committee: "forsvarsudvalgsspørgsmål nr. 247"
    r"(?:(?<![\wæøå])|(?<=på)|(?<=af)|(?<=udvalgs))"
    r"(?:spørg[ \t]?s-?\s*mål(?:ene)?(?:(?![a-zæøå])|(?=nr))|spm\.?)"
)
# A session ("2010-11", "2019/20") after a number is no further question number.
ONE_NUMBER = r"\d{1,5}(?!\d)(?![-/]\d)"
# A run of questions: "spørgsmål nr. 567-570" (a session's second year is smaller: no run).
NUMBER_RUN = r"\d{1,5}[ \t]*[-–][ \t]*\d{1,5}(?![\d/-])"
ONE_OR_RUN = rf"(?:{NUMBER_RUN}|{ONE_NUMBER})"
NUMBERS = (rf"(?P<numbers>{ONE_OR_RUN}(?:\s*(?:,|og)\s*(?:nr\.\s*)?(?:S[ \t]?)?{ONE_OR_RUN})*)"
           r"(?![\d.,]\d)")
# The most questions a run may span.
LONGEST_RUN = 30
SERIES_AFTER = (
    r"(?:\s*\((?P<after>[^()\n]{1,30})\)"
    r"|\s+(?P<after_alm>alm\.\s*del)"
    # "spørgsmål nr. 3 til L 77", "spørgsmål nr. 14 ad L 175 og L 176" (its first bill)
    rf"|\s+(?:til|ad)\s+(?:lovforslag\s+)?(?:nr\.\s*)?(?P<after_bill>{BILL}))?"
)
QUESTION_REF = re.compile(
    rf"{SERIES_BEFORE}{QUESTION}\s*(?:,\s*)?(?:nr\.?\s*)?"
    rf"(?:(?P<letter>(?-i:[A-ZÆØÅ]{{1,2}}))[ \t]?)?{NUMBERS}{SERIES_AFTER}",
    re.IGNORECASE,
)
# "TRU alm. del nr. 32", "SUU alm. del. 409": the series and a number, the word "spørgsmål"
# left out ("nr." too, where a committee's abbreviation says whose series it is).
ALM_DEL_NUMBER = re.compile(
    rf"(?<![\wæøå])(?:(?P<abbr>{ABBREVIATION})\s+)?(?P<before>alm\.\s*del)"
    rf"(?:\s*[-–]?\s*nr\.|(?(abbr)\.?|(?!)))\s*"
    rf"(?P<letter>)(?P<numbers>{ONE_NUMBER})(?![\d.,]\d)",
    re.IGNORECASE,
)
# Where an answer names the question it answers: "svar på ", "besvarelsen af ".
AFTER_ANSWER = r"(?:(?<=svar på )|(?<=svaret på )|(?<=besvarelse af )|(?<=besvarelsen af ))"
# "svar på TRU 111 (alm. del)": a committee's question by its abbreviation, number and series,
# the word "spørgsmål" left out, where an answer names it.
ANSWER_BY_ABBREVIATION = re.compile(
    rf"{AFTER_ANSWER}(?P<abbr>{ABBREVIATION})[ \t]+(?P<letter>)"
    rf"(?P<numbers>{ONE_NUMBER})(?![\d.,]\d)\s*\((?P<after>alm\.\s*del)\)",
    re.IGNORECASE,
)
# "Besvarelse af S 1234": a § 20 question by its series and number alone, where an answer
# names it (a bare "S 1234" elsewhere is ft.dk's stamp).
ANSWERED_S_NUMBER = re.compile(
    rf"{AFTER_ANSWER}(?P<letter>(?-i:S))[ \t]?(?P<numbers>{ONE_NUMBER})(?![\d.,]\d)",
    re.IGNORECASE,
)
ALM_DEL = re.compile(r"alm\.?\s*del", re.IGNORECASE)
BILL_SERIES = re.compile(
    r"(?<![\wæøå])(?:(?P<letter>[LBFVR])[ \t]{0,3}(?P<number>\d{1,3})(?!\d)"
    r"|(?i:aktstk\.?|aktstykke|akt\.)\s*(?:nr\.?\s*)?(?P<act>\d{1,3})(?!\d))"
)
# A bill or act a letter is about: "L 45", "B 49", "Aktstk. 98" (not "F 33 95 13 11", a fax;
# not "som beskrevet i aktstykke 31", an act the text cites in words) ...
BILL_BY_LETTER = r"(?<![\wæøå])(?:(?P<letter>[LB])[ \t]{0,3}(?P<number>\d{1,3})(?![\d])(?! ?\d)|"
ACT_NUMBER = r"\.?\s*(?:nr\.?\s*)?(?P<act>\d{1,3})(?!\d))"
LETTER_BILL = re.compile(BILL_BY_LETTER + r"(?i:aktstk)" + ACT_NUMBER)
# ... and in a subject, the act in words too: "(Aktstykke 190, § 7)".
HEAD_BILL = re.compile(BILL_BY_LETTER + r"(?i:aktstk|aktstykke)" + ACT_NUMBER)
# "Folketingets spørgsmål nr. 2034", "§ 20-spørgsmål": questions to a minister, not a committee.
SECTION_20 = re.compile(r"(?:folketingets|§\s*20-?)\s*$", re.IGNORECASE)

# A committee named in the genitive just before a reference: "Finansudvalgets spørgsmål".
GENITIVE_BEFORE = re.compile(r"(?:\S+\s+){0,4}\S*udvalg(?:et)?s\s+$", re.IGNORECASE)
COMMITTEE_WINDOW = 160  # characters searched on either side of a reference
# A sentence ends at a full stop before a capital, or at a blank line; a line break
# alone does not end it ("stillet af Det Energipolitiske\nUdvalg").
SENTENCE_END = re.compile(r"[.!?:](?=\s+[A-ZÆØÅ\"”])|\n\s*\n")

# Words that make a reference a citation of an earlier answer, just before it.
# Words that send the sender's own answer: "Hermed sendes mit svar på ...", "Vedlagt følger
# min besvarelse af ...", "Hermed sender jeg mit svar": no earlier answer cited.
SENDING_OWN = ("følger", "sendes", "sender", "sender jeg", "vedlægges", "vedlægger jeg",
               "vedlagt", "hermed")
CITING = re.compile(
    r"henvis\w*\s+(?:(?:i\s+øvrigt|endvidere|desuden|også)\s+)?til\s+(?:[\w-]+\s+){0,4}(?:svar|besvarelse)|forlængelse\s+af|identisk\s+med"
    rf"|(?<!om ){''.join(f'(?<!{word} )' for word in SENDING_OWN)}"
    r"\b(?:mit|min|mine|tidligere)\s+(?:\w+\s+)?(?:svar|besvarelse)|\bsvaret\s+på"
    r"|\bjf\.|\bjævnfør|\bsom\s+lovet\s+i\b|\bsom\s+det\s+fremgår\s+af\b"
    # a question before this one ("Som opfølgning på spørgsmål nr. 5", "Jeg har tidligere
    # besvaret spørgsmål nr. 5", "udvalgets tidligere spørgsmål")
    r"|\b(?:opfølgning\s+på|følger\s+op\s+på|uddybning\s+af|supplement\s+til|tillæg\s+til)"
    r"|\btidligere\s+(?:\w+\s+)?(?:besvaret|besvarede|stillede|spørgsmål)"
    # an answer still to come, in another letter ("Redegørelsen vil også indgå i besvarelsen
    # af udvalgets spørgsmål nr. 205")
    r"|\bindgå\s+i\s+(?:\w+\s+)?(?:svar|besvarelse)"
    # an answer given before ("den daværende ministers besvarelse af 21. juni 1993 af ...",
    # "den daværende økonomi- og indenrigsministers besvarelse af spørgsmål 2")
    r"|\bdaværende\s+(?:[\w,-]+\s+){0,4}?\w*minister|\b(?:svar|besvarelse)\w*\s+af\s+\d{1,2}\.\s*[a-zæøå]+\s+\d{4}",
    re.IGNORECASE,
)
CITING_WINDOW = 120
PRELIMINARY = re.compile(r"foreløbig", re.IGNORECASE)
# A sentence that gives an answer, or asks the question it is answering.
ANSWERING = re.compile(r"svar|besvar|stillet|spurgt|anmodet|bedt", re.IGNORECASE)
# The stamp ft.dk puts on a published letter: a committee and its session.
STAMP = re.compile(r"^.*udvalg\w*\s+\d{4}-\d{2}\b.*$", re.IGNORECASE | re.MULTILINE)
OPENING = 600  # characters of running text where a letter's address block and opening stand
# A letter that corrects an earlier answer answers no question.
CORRECTION = re.compile(r"\b(?:berigtigelse|berigtiger|rettelse|korrektion)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """One place a question is named, and whether that place answers it."""

    ref: QuestionRef
    answering: bool
    start: int  # where it stands in the text searched


def series_of(match: re.Match[str]) -> str | None:
    """ "Alm. del", "L 123", "Aktstk. 98" or the series letter ("S"), wherever the
    reference gives it."""
    groups = match.groupdict()
    for key in ("after", "after_alm", "after_bill", "before"):
        text = groups.get(key)
        if not text:
            continue
        if ALM_DEL.search(text):
            return "Alm. del"
        bill = BILL_SERIES.search(text)
        if bill and bill.group("act"):
            return f"Aktstk. {bill.group('act')}"
        if bill:
            return f"{bill.group('letter').upper()} {bill.group('number')}"
    return groups.get("letter") or None


def section_20_series(text: str, match: re.Match[str], series: str | None) -> str | None:
    """ "S" for "Folketingets spm. nr. 2034" and "§ 20-spørgsmål 12", else ``series``."""
    if series is None and SECTION_20.search(text[max(0, match.start() - 20) : match.start()]):
        return "S"
    return series


def numbers_of(match: re.Match[str]) -> list[int]:
    """ "12, 13 og 14" -> [12, 13, 14]; "567-570" -> [567, 568, 569, 570]."""
    numbers: list[int] = []
    for first, last in re.findall(r"(\d+)(?:[ \t]*[-–][ \t]*(\d+))?", match.group("numbers")):
        start, end = int(first), int(last or first)
        if end < start:
            continue  # a session ("2010-11"), no question
        numbers += list(range(start, end + 1)) if end <= start + LONGEST_RUN else [start]
    return numbers


COMMITTEE_COMPOUND = re.compile(r"\b([a-zæøå]+udvalg)s?-?$", re.IGNORECASE)


def committee_near(text: str, match: re.Match[str], on: str | None = None) -> str | None:
    """The committee named just before the reference (genitive), else by the
    abbreviation before its series ("MOF alm. del"), else later in its sentence
    ("stillet af Folketingets Retsudvalg"), else earlier in it."""
    before = text[max(0, match.start() - COMMITTEE_WINDOW) : match.start()]
    genitive = GENITIVE_BEFORE.search(before)
    committee = committee_in(genitive.group(0)) if genitive else None
    # the committee as the first part of a compound: "forsvarsudvalgsspørgsmål nr. 247"
    compound = COMMITTEE_COMPOUND.search(before)
    return (
        committee
        or (committee_in(compound.group(1).capitalize() + "et") if compound else None)
        or committee_of_abbreviation(match, before, on)
        or committee_in(sentence_after(text, match.end()))
        or committee_in(sentence_before(before))
    )


def committee_of_abbreviation(match: re.Match[str], before: str, on: str | None) -> str | None:
    """The committee an abbreviation names ("TRU alm. del", "(MOF alm. del)") on the
    letter's day ``on`` ("TRU" was "Trafikudvalget" in 2009), where the gazetteer offers
    ``committee_for_abbreviation``."""
    lookup = getattr(gazetteer, "committee_for_abbreviation", None)
    if lookup is None:
        return None
    candidates = [match.groupdict().get("abbr")]
    after = match.groupdict().get("after") or ""
    candidates += re.findall(rf"({ABBREVIATION})\s+[Aa]lm\.\s*del", after)
    candidates += re.findall(rf"({ABBREVIATION})\s*$", before)  # "TRU spørgsmål nr. 160"
    for abbreviation in filter(None, candidates):
        committee = lookup(abbreviation, on=on)
        if committee:
            return committee
    return None


def sentence_after(text: str, start: int) -> str:
    after = text[start : start + COMMITTEE_WINDOW]
    end = SENTENCE_END.search(after)
    return after[: end.start()] if end else after


def sentence_before(before: str) -> str:
    ends = list(SENTENCE_END.finditer(before))
    return before[ends[-1].end() :] if ends else before




BILL_LETTERS = ("L", "B")


def mentions_in(text: str, in_head: bool = False, on: str | None = None) -> list[Mention]:
    """Every question reference in ``text``, one per number, in text order, each
    marked whether its place answers the question."""
    # "spørgsmål nr. L 140 – Spørgsmål 96": a bill's letter and number name the bill
    matches = [*(match for match in QUESTION_REF.finditer(text)
                 if (match.group("letter") or "").upper() not in BILL_LETTERS),
               *(match for match in ALM_DEL_NUMBER.finditer(text)
                 if names_a_question(text, match)),
               *ANSWERED_S_NUMBER.finditer(text),
               *ANSWER_BY_ABBREVIATION.finditer(text)]
    matches = sorted(without_overlaps(matches), key=lambda match: match.start())
    mentions = []
    previous: re.Match[str] | None = None
    for match in (match for match in matches if not after_file_name_label(text, match)):
        series = section_20_series(text, match, series_of(match))
        committee = None if series == "S" else committee_near(text, match, on)
        raw = " ".join(match.group(0).split())  # a reference broken over lines reads as one
        answering = (in_head or answers_here(text, match)) and not (
            is_cited(text, match) and not answers_anew(text, previous, match)) and not (
            ANSWERED_ELSEWHERE.match(sentence_after(text, match.end())))
        previous = match
        mentions += [
            Mention(QuestionRef(number=number, series=series, committee=committee, raw=raw),
                    answering, match.start())
            for number in numbers_of(match)
        ]
    return mentions


# An answer's words before "SUU alm. del. 409": a question, where "nr." is left out.
ANSWER_BEFORE = re.compile(r"\b(?:svar|besvar)\w*\s+(?:af\s+|på\s+)?\S*\s*$", re.IGNORECASE)


def names_a_question(text: str, match: re.Match[str]) -> bool:
    """ "TRU alm. del nr. 32" names a question; "TRU alm. del 424" only after an answer's
    words ("besvarelse af SUU alm. del. 409"), elsewhere the series' document 424."""
    if re.search(r"nr\.", match.group(0)):
        return True
    return bool(ANSWER_BEFORE.search(text[max(0, match.start() - 40) : match.start()]))


# The date block's "Fil-navn: TRU spm. 325" names the document's file, not a question.
# The name is short and ends the cell: what follows a tab or further on is the letter's.
FILE_NAME_LABEL = re.compile(r"fil-?navn:?\s*[^\n\t]{0,30}$", re.IGNORECASE)


def after_file_name_label(text: str, match: re.Match[str]) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    return bool(FILE_NAME_LABEL.search(text, line_start, match.start()))


def without_overlaps(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    kept: list[re.Match[str]] = []
    for match in sorted(matches, key=lambda m: (m.start(), -m.end())):
        if not any(match.start() < other.end() and other.start() < match.end() for other in kept):
            kept.append(match)
    return kept


def answers_here(text: str, match: re.Match[str]) -> bool:
    """A heading ("Spørgsmål nr. 12:" starting a line) or a sentence that answers or
    says who asked ("... har stillet følgende spørgsmål nr. 12, som hermed besvares")."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    if not text[line_start : match.start()].strip() or text.startswith(":", match.end()):
        return True  # the heading above the quoted question: "Spørgsmål 31:"
    before = sentence_before(text[max(0, match.start() - COMMITTEE_WINDOW) : match.start()])
    return bool(ANSWERING.search(before + match.group(0) + sentence_after(text, match.end())))


# A question the letter says it answers in another letter: "... spørgsmål 112 om ..., som jeg
# vil besvare særskilt" (a forwarding that names the question its paper serves).
TO_BE_ANSWERED_ELSEWHERE = re.compile(
    r"\b(?:som|der)\s+(?:jeg|vi|ministeriet)?\s*(?:vil|skal|vil\s+blive)\s+"
    r"(?:besvare|besvaret)\s+(?:\w+\s+)?(?:særskilt|separat)\b", re.IGNORECASE)
ANSWERED_ELSEWHERE = re.compile(rf"[^.!?]{{0,120}}?{TO_BE_ANSWERED_ELSEWHERE.pattern}",
                                re.IGNORECASE)


# A clause that answers now, after a citation's reference: "I forlængelse af min besvarelse
# af spørgsmål nr. 5 kan jeg hermed besvare spørgsmål nr. 6".
ANSWERS_NOW = re.compile(r"\b(?:hermed|besvare[rs]?|svarer)\b", re.IGNORECASE)
# ... or asks it: "Udvalget har i forlængelse af spørgsmål nr. 5 stillet spørgsmål nr. 6".
ASKED_NOW = re.compile(r"\bstillet\s+(?:mig\s+)?(?:følgende\s+)?$", re.IGNORECASE)


def answers_anew(text: str, previous: re.Match[str] | None, match: re.Match[str]) -> bool:
    """Whether the citation before this reference named the reference before it, and the
    words between the two answer: the citation ended there."""
    if previous is None:
        return False
    window_start = max(0, match.start() - CITING_WINDOW)
    window = text[window_start : match.start()]
    sentence_start = window_start + len(window) - len(sentence_before(window))
    citations = list(CITING.finditer(text, sentence_start, match.start()))
    between = text[previous.end() : match.start()]
    return bool(citations) and citations[-1].end() <= previous.start() and bool(
        ANSWERS_NOW.search(between) or ASKED_NOW.search(between))


def is_cited(text: str, match: re.Match[str] | int) -> bool:
    """ "Jeg henviser til min besvarelse af spm. 65", "i forlængelse af svaret på ..."; the
    reference found by ``match`` or standing at that offset."""
    start = match if isinstance(match, int) else match.start()
    before = sentence_before(text[max(0, start - CITING_WINDOW) : start])
    # the sender's own preliminary answer to the question names the one answered now ("Som
    # opfølgning på mit foreløbige svar på spørgsmål nr. 6 sender jeg hermed ...")
    return any(not PRELIMINARY.search(before, found.start()) for found in CITING.finditer(before))


def question_refs_in(text: str) -> list[QuestionRef]:
    """Every question reference in ``text``, one per number, in text order."""
    return [mention.ref for mention in mentions_in(text)]


def find_question_refs(doc: Doc) -> list[QuestionRef]:
    """References in the head blocks and the body, one per question.

    Mentions of one number are one question: "spørgsmål nr. 12 (Alm. del)" in the
    subject and "Spørgsmål nr. 12:" above the quoted question merge, each lending
    what the other lacks. A reference with no series takes the bill the letter's
    head names ("L 45 - ... Svar på spørgsmål 7"), and one with no committee takes
    the committee the letter is addressed to, else the one the letter's other references
    agree on, else the one it names.
    """
    heads = [block.text for block in document_of(doc).region("head", "header")
             if not is_stamp(block.text)]
    on = letter_day(doc)
    mentions = [m for text in heads for m in mentions_in(text, in_head=True, on=on)]
    in_body = mentions_in(doc.text, on=on)
    first_in_body = in_body[0].start if in_body else len(doc.text)
    mentions += in_body
    merged: list[QuestionRef] = []
    for mention in mentions:
        ref = mention.ref
        same = next((known for known in merged if same_question(known, ref)), None)
        if same is None:
            merged.append(ref)
        else:
            merged[merged.index(same)] = completed(same, ref)
    answered = answered_questions(mentions, heads, doc.text)
    addressed = addressed_committee(document_of(doc), on)
    refs = with_letter_context(merged, heads, doc.text, first_in_body, addressed,
                               filed_under(document_of(doc)))
    return [ref.model_copy(update={"answered": is_answered(ref, answered)}) for ref in refs]


def is_answered(ref: QuestionRef, answered: list[QuestionRef]) -> bool:
    return any(same_question(ref, question) for question in answered)


# A dateline: the date alone on its line, perhaps after "Dato:", "Den", "København, den".
DATELINE = re.compile(r"^[ \t]*(?:dato:?|(?:københavn,?[ \t]+)?den)?[ \t]*(?P<date>[^\n]{6,25}?)"
                      r"[ \t]*$", re.IGNORECASE | re.MULTILINE)


def letter_day(doc: Doc) -> str | None:
    """The letter's day, near enough to name its committees as they were then ("TRU" was
    "Trafikudvalget" in 2009): its dateline in the text, else the latest full date of its
    blocks (where a template puts the date), else of its text (a letter dates itself
    after what it mentions)."""
    for line in DATELINE.finditer(doc.text):
        days = full_days(line.group("date"))
        if days:
            return days[0]
    blocks = [day for block in document_of(doc).blocks for day in full_days(block.text)]
    return max(blocks or full_days(doc.text), default=None)


def full_days(text: str) -> list[str]:
    return [value for _s, _e, value in find_date_spans(text) if len(value) == len("YYYY-MM-DD")]


def answered_questions(mentions: list[Mention], heads: list[str], text: str) -> list[QuestionRef]:
    """The questions first named where the letter answers ("Svar på spørgsmål nr. 12 og 13"
    answers both); none in a correction."""
    purpose = " ".join([*heads, text[:400]])
    first = next((mention for mention in mentions if mention.answering), None)
    if CORRECTION.search(purpose) or first is None:
        return []
    return [mention.ref for mention in mentions
            if (mention.start, mention.ref.raw) == (first.start, first.ref.raw)]


def same_question(a: QuestionRef, b: QuestionRef) -> bool:
    return a.number == b.number and (a.series == b.series or None in (a.series, b.series))


def completed(known: QuestionRef, other: QuestionRef) -> QuestionRef:
    return known.model_copy(update={
        "series": known.series or other.series,
        "committee": known.committee or other.committee,
    })


def with_letter_context(
    refs: list[QuestionRef], heads: list[str], text: str, first_mention: int,
    addressed: str | None = None, filed: str | None = None,
) -> list[QuestionRef]:
    """Series and committee a reference leaves out, from the rest of the letter: the bill
    it names, else ``filed``, the bill ft.dk's stamp files it under, else the one bill named
    before its first reference ("L 148 - Forslag til Lov om ... Hermed fremsendes svar på
    spørgsmål nr. 1 - 12", where the answer cites L 61 below); the committee it
    names, else ``addressed``, the committee the letter is addressed to wherever its
    address stands (a letterhead's run of facts), else the one committee the other
    references name (a question cited with its committee, "SAU alm. del spørgsmål 20",
    does not name the addressed committee's question the letter answers)."""
    bill = letter_bill(heads, text) or filed or (
        only_series(LETTER_BILL.finditer(text[:first_mention])) or one_bill_named(refs))
    committees = {ref.committee for ref in refs if ref.committee}
    if addressed:
        committee = addressed
    elif len(committees) == 1:
        committee = committees.pop()
    else:
        committee = letter_committee(heads, text, first_mention)
    completed_refs = []
    for ref in refs:
        series = ref.series or bill or "Alm. del"
        completed_refs.append(ref.model_copy(update={
            "series": series,
            "committee": None if series == "S" else ref.committee or committee,
        }))
    return completed_refs


def one_bill_named(refs: list[QuestionRef]) -> str | None:
    """The bill, where the only series the references name is one: the questions a letter
    answering "spørgsmål nr. 14 ad L 175 og L 176" cites as "mit svar på spørgsmål 4"."""
    named = {ref.series for ref in refs if ref.series}
    series = named.pop() if len(named) == 1 else None
    return series if series and BILL_SERIES.fullmatch(series) else None


def addressed_committee(document: Document, on: str | None) -> str | None:
    """The first committee among the letter's recipients, where it has one."""
    recipients = recipients_of(document, on)
    names = [recipient.name for recipient in recipients]
    return next((name for name in names if gazetteer.canonical_committee(name, on=on)), None)


def letter_bill(heads: list[str], text: str) -> str | None:
    """The one bill or act the letter's head and opening name ("L 45", "Aktstk. 98")."""
    return only_series([*HEAD_BILL.finditer(" ".join(heads)), *LETTER_BILL.finditer(text[:1500])])


def filed_under(document: Document) -> str | None:
    """The one bill or act ft.dk's stamp files the letter under ("Aktstk. 21", "L 69
    Bilag 3"): the series of a question the letter's own words leave without one."""
    stamps = " ".join(block.text for block in document.blocks if block.region == "stamp")
    return only_series(LETTER_BILL.finditer(stamps))


def only_series(matches: Iterable[re.Match[str]]) -> str | None:
    """The series the matches name, where they all name one."""
    found = {series_text(match) for match in matches}
    return found.pop() if len(found) == 1 else None


def series_text(match: re.Match[str]) -> str:
    if match.group("act"):
        return f"Aktstk. {match.group('act')}"
    return f"{match.group('letter').upper()} {match.group('number')}"


def letter_committee(heads: list[str], text: str, first_mention: int) -> str | None:
    """The committee the letter is addressed to: named in its head, or in its opening up
    to the sentence of its first question reference; never ft.dk's stamp
    ("Udenrigsudvalget 2011-12"), which files a letter, not addresses it."""
    opening = text[: min(OPENING, first_mention)] + sentence_after(text, first_mention)
    for part in [*heads, STAMP.sub(" ", opening)]:
        committee = committee_in(part)
        if committee:
            return committee
    return None


def is_stamp(text: str) -> bool:
    """ft.dk's stamp ("Udenrigsudvalget 2011-12 / URU Alm.del / Offentligt"): it files
    the letter, and is neither its subject nor its address.

    >>> is_stamp("Udenrigsudvalget 2011-12\\nURU Alm.del\\nOffentligt")
    True
    """
    lines = [line.strip() for line in text.splitlines()]
    return "Offentligt" in lines or bool(lines and STAMP.fullmatch(lines[0]))


@Language.component("ministerbrev_question_refs")
def question_refs_component(doc: Doc) -> Doc:
    """Write ``doc._.question_refs``."""
    doc._.question_refs = find_question_refs(doc)
    return doc
