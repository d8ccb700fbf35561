"""The letter's own facts, from the blocks around the text and from the letterhead lines
that a PDF's text stream puts anywhere in it: date, subject, sender, recipients, salutation.

    >>> head = doc._.letterhead  # doctest: +SKIP
    >>> head.sender.ministry, head.recipients[0].name  # doctest: +SKIP
    ('Udlændinge- og Integrationsministeriet', 'Udlændinge- og Integrationsudvalget')

Letterheads print one fact per line or per segment ("Tel. 6198 4000 · Mail uim@uim.dk"),
and a text stream often loses the breaks between them ("Slotsholmsgade 101216 København
K.Telefon 7226 8400"), so the rules here read segments, not prose, and put lost breaks
back where the genre's shapes show them (a postcode, a label, a lower-case letter glued
to a capital). What is read where:

- the letter's date: labelled ("Dato: ..."), a dateline, or a date glued to the line's
  other facts ("J.nr. NST-401-00157Den 23. maj 2011"); never a date in prose;
- recipients: a line (or segment) that is a committee's name, "Folketingets
  Lovsekretariat", or a member "Name (Party)" over "Christiansborg";
- the sender: the ministry by name, by the minister's title or by web domain, as it was
  called on the letter's date; street, postcode, phone, web and CVR from letterhead
  segments; the minister from the signature.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import takewhile

from spacy.language import Language
from spacy.tokens import Doc, Span

from models import Recipient, Sender
from pipeline.extract.base import document_of
from pipeline.extract.dates import MONTHS as MONTH_NUMBERS
from pipeline.extract.dates import parse_danish_date
from pipeline.nlp import gazetteer
from pipeline.reading import Block, Document
from pipeline.reading.layout import COLUMN_GAP, SALUTATION  # one pattern for both stages
from pipeline.reading.lineroles import stamp_role  # one idea of ft.dk's stamp for both stages

ORGANISATION = "Folketinget"
FOLKETINGET_ADDRESS = "Christiansborg, 1240 København K"
LOVSEKRETARIAT = "Folketingets Lovsekretariat"

MONTHS = "|".join(MONTH_NUMBERS)
DAY = r"(?:[12]\d|3[01]|0?[1-9])"
YEAR = r"(?:19|20)\d{2}"
# A date to the day, in the forms letters date themselves: "23. maj 2011", "7.april 2011",
# "28-11-2019", "12.03.2019".
# Abbreviated months only with their full stop ("4. nov. 2020").
MONTH_ABBREVIATIONS = r"jan|febr?|mar|apr|jun|jul|aug|sept?|okt|nov|dec"
DATE = (
    rf"(?:{DAY}\.\s?(?i:{MONTHS}|(?:{MONTH_ABBREVIATIONS})\.)\s*{YEAR}"
    rf"|{DAY}-(?:1[0-2]|0?[1-9])-{YEAR}|{DAY}\.(?:1[0-2]|0?[1-9])\.{YEAR}"
    rf"|{DAY}/(?:1[0-2]|0?[1-9])[ /-]{YEAR})"
)
# "Dato: 28-11-2019", "Dato:Kontor:Sagsnr.:Dok.:" / "11. april 2011...", "DatoJ. nr." /
# "4. april 2013...": the label, any other labels of its row, then the date.
LABELLED_DATE = re.compile(
    rf"(?:Dato|DATO|Date)(?![a-zæøå])[:.]?(?:\s*(?:[A-ZÆØÅ][\wæøå.\-]*|nr\.?|:))*?\s*"
    rf"(?P<date>{DATE}|{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d))"
)
# A line that begins with its date ("Den 23. maj 2011", "København, den 10. juni 2009",
# "24. april 2012J.nr. ..."), ending there or glued to a label or name, not running on in prose.
DATELINE = re.compile(
    rf"^\s*(?:[A-ZÆØÅ][a-zæøå]+,\s*)?(?:[Dd]en\s+|d\.\s*)?(?P<date>{DATE})"
    r"(?=\s*$|[^\s,.;:)]|\s+[A-ZÆØÅ\d])",
    re.MULTILINE,
)
# A date glued to what stands before it, where a line break was lost: "...00157Den 23. maj
# 2011", "FORSVARSMINISTEREN2. juli 2013", "...458114. juni 2009"; or after a code ("EUK").
GLUED_DATE = re.compile(
    rf"(?:(?<=[A-ZÆØÅ])(?:Den\s+)?|(?<=[a-zæøå\d])Den\s+|(?<=[\w)]\s)Den\s+"
    rf"|(?<=[A-ZÆØÅ]{{2}}\s))(?P<date>{DATE})"
    # glued to digits, the day has both its digits: "2009-458114. juni 2009"
    rf"|(?<=\d)(?P<day_glued>(?:[12]\d|3[01])\.\s?(?i:{MONTHS})\s*{YEAR})"
)

ANY_DATE = re.compile(DATE)


# Where a line break between two facts was lost: a lower-case letter glued to a capital
# ("FolketingetUdvalget"), a word to a postcode ("Christiansborg1240 København K").
CAMEL_GLUE = re.compile(
    r"(?<=[a-zæøå])(?=[A-ZÆØÅ])|(?<=[A-ZÆØÅ]{3})(?=[A-ZÆØÅ][a-zæøå]{2})"
    r"|(?<=MINISTEREN)(?=[A-ZÆØÅ])|(?<=MINISTERIET)(?=[A-ZÆØÅ])"  # "...MINISTERENØKONOMI- OG"
)
# Folketinget's address after the committee on the same line, its break lost to a space.
CHRISTIANSBORG_AFTER = re.compile(r"\s+(?=Christiansborg(?:\s*$|\s+\d{4}\s))")
# Words of a letterhead that a postcode's town or a street's name never is.
LABEL_WORDS = (
    r"(?:Dato|Telefon|Telefax|Tlf|Tel|Fax|Sags|Sagsnr|Dok|Dokument|Mail|Web|Side|Kontor)\b"
)
SEPARATORS = re.compile(r"\s*(?:[·•|]|\s{3,}|_{3,})\s*")
POSTAL = re.compile(
    rf"(?:DK-)?\d{{4}}[ \t]+(?!{LABEL_WORDS})"
    r"(?:København|KØBENHAVN|[A-ZÆØÅ][a-zæøå]+|[A-ZÆØÅ]{3,})"
    r"(?:\s[A-ZÆØÅ](?:(?![a-zæøå])|(?=www\.)))?"  # "København Kwww.km.dk": K, then the web
)
# A street's number (and letter) right before its postcode: "Frederiksholms Kanal 27 F1220".
STREET_NUMBER = re.compile(
    r"\s(?P<number>\d{1,3}(?:\s?-\s?\d{1,3})?(?:\s?[A-Z](?![a-zæøå]))?)[\s,·•|]*$"
)
POST_BOX_END = re.compile(r"[\s,·•|]*(?P<box>Postboks\s+\d+)$", re.IGNORECASE)
STREET_WORD = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ.\-]*$")
# The ministry, department or title a street's name is often glued to ("Miljøministeriet
# Højbro Plads 4", "Lovafdelingen Slotsholmsgade 10"): where the street's name stops.
NOT_STREET_WORD = re.compile(
    rf"(?i:.*(?:ministeriet|ministeren|afdelingen|departementet|kontoret|styrelsen|"
    rf"sekretariatet|centret)|{LABEL_WORDS}.*|nr\.?)$"
)
PHONE_NUMBER = r"(?:\+45\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}(?!\d)"
PHONE = re.compile(
    # "Telefon" may be glued to what went before ("www.km.dkTelefon"); "T" stands apart
    r"(?:[Tt]elefon|TELEFON|[Tt]lf|TLF|(?<![a-zæøå])(?:[Tt]el|TEL|T))\.?\s*:?\s*"
    rf"(?P<phone>{PHONE_NUMBER})"
)
PHONE_LABEL_ALONE = re.compile(r"(?<![a-zæøå])(?:[Tt]elefon|[Tt]lf|[Tt]el)\.?:?(?=\s)")
PHONE_SHAPE = re.compile(
    r"(?<![\d\-/])(?:\+45\s?)?(?:\d{4}\s\d{4}|\d{2}\s\d{2}\s\d{2}\s\d{2})(?![\d\-/])"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEB = re.compile(
    r"(?P<web>(?i:www)\.[\w-]+(?:\.[\w-]+)*?\.(?i:dk|eu|com|org|net|int))(?![a-z])"
)
LABELLED_WEB = re.compile(
    r"(?<![A-Za-zæøå])(?:W|Web|WEB|Hjemmeside)\s*:?\s*(?P<web>[\w-]+\.(?:dk|eu|com|org))(?![a-z])"
)
CVR = re.compile(
    r"cvr(?:-?\s?nr\.?)?\s*:?\s*(?P<cvr>\d{8}|\d{2}[\s-]\d{2}[\s-]\d{2}[\s-]\d{2})(?!\d)",
    re.IGNORECASE,
)
# "CVR-nr. 1680 5408": read in a line of its own, where no row of labels can run on into it.
CVR_SPACED = re.compile(r"\bcvr(?:-?\s?nr\.?)?[ \t]*:?[ \t]*(?P<cvr>\d{4} \d{4})$", re.IGNORECASE)
CVR_LABEL_ALONE = re.compile(r"\bcvr(?:-?\s?nr\.?)?\s*:?", re.IGNORECASE)
CVR_SHAPE = re.compile(r"(?<![\d-])(?<!\d\s)\d{8}(?!\d)")
# How far after a label standing alone (in a row of labels) its value may stand.
LABEL_REACH = 160
# Four words in lower case in a row: running text, no letterhead.
PROSE = re.compile(r"(?:\b[a-zæøå]+\s+){3}[a-zæøå]+\b")

LABELLED = re.compile(r"^[\w. -]{1,20}:|^(?i:(?:j|jour|sags?|dok|akt|ref|cvr|tlf|tel|telefon)\b)")
SUBJECT_LABEL = re.compile(r"^(emne|vedr\.?|vedrørende|om|angående)\s*:\s*", re.IGNORECASE)
# "Folketingets Trafikudvalg", "Miljøudvalget": a committee by the form of its name alone.
UNKNOWN_COMMITTEE = re.compile(
    r"(?:Folketingets\s+)?(?P<name>(?:[A-ZÆØÅ][\wæøå]*-,?\s+(?:[\wæøå]+-,?\s+)*og\s+)?"
    r"[A-ZÆØÅ][\wæøå]*udvalg)(?:et|ets|s)?"
)
RECIPIENT_LEAD = re.compile(r"^(til\s*:?\s*)?(medlemmerne\s+af\s+)?", re.IGNORECASE)
RECIPIENT_TAIL = re.compile(r"\s+og\s+deres\s+stedfortrædere\s*$|\s*,\s*$", re.IGNORECASE)
LOVSEKRETARIAT_LINE = re.compile(r"^(?:Til\s+)?Folketingets\s+Lovsekretariat$", re.IGNORECASE)
MEMBER = re.compile(
    r"^(?:Til\s+)?(?:Folketingsmedlem\s+)?(?P<name>[A-ZÆØÅ][\w'\-]+(?:\s+[A-ZÆØÅ][\w'\-.]*){1,3})"
    r"\s*\((?:[A-ZÆØÅ]{1,3}|[A-ZÆØÅ][a-zæøå]{0,2})\)$"
)
ADDRESS_LINE = re.compile(r"^(?:Christiansborg|Folketinget|Til\s+Folketinget|DK\s+Danmark)$")

CLOSING = re.compile(r"(?i:med)?\s*(?i:venlig(?:st)?|venlige)\s*(?i:hilsen)\b")
NAME = r"[A-ZÆØÅ][\w'\-]+(?:\s+(?:[A-ZÆØÅ][\w'\-.]*|af|von|van|de)){1,4}"
PERSON_NAME = re.compile(rf"^{NAME}$")
# "Lars Barfoed/Ole Hasselgaard", "Karen Ellemann / Helle Pilsgaard": the minister, then the
# official who drafted the letter.
SIGNED_FOR = re.compile(rf"(?:^|(?<=[.!?]\s))(?P<name>{NAME})\s*/\s*(?:{NAME})?\s*$", re.MULTILINE)
ON_BEHALF = re.compile(r"\bp\.\s?m\.\s?v\.|\be\.\s?b\.|\bpå ministerens vegne\b", re.IGNORECASE)
OFFICIAL_TITLE = re.compile(
    r"\b(kontorchef|afdelingschef|departementschef|direktør|chefkonsulent|specialkonsulent|"
    r"fuldmægtig|souschef|enhedschef|konsulent|sekretariatschef|kontorleder)\b",
    re.IGNORECASE,
)
# Words that make a line no name: the letterhead's and the closing's.
NOT_NAME_WORDS = re.compile(
    r"\b(?:Med|Venlig|Hilsen|Ministeriet|Folketinget|Christiansborg|Telefon|Side|Svar|"
    r"Spørgsmål|Bilag|Kontor|Dato)\b|ministeri|minister\b|udvalg",
    re.IGNORECASE,
)


@dataclass
class Letterhead:
    """What the letter says about itself; the ``letter`` part of the record, less kind."""

    date: str | None = None
    subject: str | None = None
    sender: Sender = field(default_factory=Sender)
    recipients: list[Recipient] = field(default_factory=list)
    salutation: str | None = None


# A function giving the names the NER tags as persons in a stretch of the letter.
PeopleFinder = Callable[[Span], set[str]]


@Language.factory("ministerbrev_letterhead")
def make_letterhead(nlp: Language, name: str) -> LetterheadReader:
    return LetterheadReader(nlp)


class LetterheadReader:
    """The component: sets ``doc._.letterhead``.

    The NER is read in one place only, the signature, so ``build_nlp`` leaves it out
    of the pipeline and this component runs it over the signature alone: over whole
    letters it took a quarter of the model's time.
    """

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.letterhead = read_letterhead(doc, self.people_in)
        return doc

    def people_in(self, span: Span) -> set[str]:
        """Persons the NER finds in ``span``. The span keeps the tok2vec's vectors of the
        whole letter, so the NER sees each word in its context, as over the whole letter."""
        if "ner" not in self.nlp.component_names or "ner" in self.nlp.pipe_names:
            return ents_of_people(span)  # no NER, or it ran over the whole letter
        return ents_of_people(self.nlp.get_pipe("ner")(span.as_doc())[:])


def read_letterhead(doc: Doc, people_in: PeopleFinder) -> Letterhead:
    document = document_of(doc)
    texts = letter_texts(document)
    date = letter_date(document)
    on = date or latest_date_in(texts)
    recipient_block = find_recipient_block(document)
    return Letterhead(
        date=date,
        subject=subject_of(document, recipient_block),
        sender=sender_of(doc, texts, on, people_in),
        recipients=recipients_of(document, on),
        salutation=salutation_of(doc.text),
    )


# -- the letter's lines ---------------------------------------------------------------------


def is_stamp_block(block: Block) -> bool:
    return block.region == "stamp" or any(stamp_role(line.strip()) for line in block.lines)


def letterhead_blocks(document: Document) -> list[Block]:
    """The blocks beside the running text, less ft.dk's stamp."""
    blocks = document.region("head", "sidebar", "header", "footer")
    return [block for block in blocks if not is_stamp_block(block)]


def letter_texts(document: Document) -> list[str]:
    """The lines of the blocks beside the text, each block also with its lines joined by
    spaces (a narrow sidebar wraps one printed line into several), then each line of the
    running text; no stamp lines."""
    texts = []
    for block in letterhead_blocks(document):
        lines = [line.strip() for line in block.lines if not stamp_role(line.strip())]
        texts += [*lines, " ".join(lines)] if len(lines) > 1 else lines
    body = [line for line in document.body_text.split("\n") if not stamp_role(line.strip())]
    return [text for text in texts + body if text.strip()]


def letter_lines(document: Document) -> list[str]:
    """Every line of the blocks beside the text, then of the running text; no stamp lines."""
    lines = [line for block in letterhead_blocks(document) for line in block.lines]
    lines += document.body_text.split("\n")
    return [line.strip() for line in lines if line.strip() and not stamp_role(line.strip())]


def segments_of(text: str) -> list[str]:
    """A letterhead line cut where its facts meet: separators, and breaks lost in the
    text stream ("FolketingetUdvalget for ForretningsordenenChristiansborg1240 København K"
    -> "Folketinget", "Udvalget for Forretningsordenen", "Christiansborg", "1240 København K").
    """
    text = re.sub(r",(?=[A-ZÆØÅ])", ", ", text)
    text = CHRISTIANSBORG_AFTER.sub(" | ", text)
    text = CAMEL_GLUE.sub(" | ", text)
    text = POSTAL.sub(lambda match: f" | {match.group(0)} | ", text)
    return [part.strip(" .") for part in SEPARATORS.split(text) if part.strip(" .")]


def is_prose(text: str) -> bool:
    return PROSE.search(text) is not None


# -- date ---------------------------------------------------------------------------------


def letter_date(document: Document) -> str | None:
    """The letter's own date: labelled ("Dato: ..."), else a dateline, else a date glued to
    the letterhead's other facts; from the blocks beside the text first, then its lines."""
    texts = letter_texts(document)
    # Last, the label and its date across a break between two blocks or a block and the text.
    searched = [(pattern, text) for pattern in (LABELLED_DATE, DATELINE, GLUED_DATE)
                for text in texts] + [(LABELLED_DATE, " ".join(texts))]
    for pattern, text in searched:
        for match in pattern.finditer(text):
            found = match.groupdict()
            value = parse_danish_date(found.get("date") or found.get("day_glued") or "")
            if value and len(value) == 10:
                return value
    return None


def latest_date_in(texts: list[str]) -> str | None:
    """The latest date a letter without its own date names ("i brev af 15. november 2013"):
    near enough to its date to tell which ministry and committee names held."""
    days = [parse_danish_date(match.group(0))
            for text in texts for match in ANY_DATE.finditer(text)]
    return max((day for day in days if day and len(day) == 10), default=None)


def is_dateline(line: str) -> bool:
    """"4. november 2020", "12-12-2023", "København, den 12. marts 2019": nothing but a date."""
    stripped = re.sub(r"^[A-ZÆØÅ][\wæøå]+,\s*(den\s+)?|^(den|d\.)\s+", "", line.strip())
    return len(stripped) <= 25 and parse_danish_date(stripped) is not None


# -- recipients -------------------------------------------------------------------------------


def find_recipient_block(document: Document) -> Block | None:
    for block in document.region("head", "sidebar"):
        if any(committees_in(line) for line in block.lines):
            return block
    return None


def committee_in(line: str, on: str | None = None) -> str | None:
    """The committee a recipient line names ("Til: Folketingets Finansudvalg"); one the
    gazetteer does not know by the form of its name ("Folketingets Xudvalg" -> "Xudvalget")."""
    text = RECIPIENT_TAIL.sub("", RECIPIENT_LEAD.sub("", line.strip()))
    known = gazetteer.canonical_committee(text, on=on)
    if known or not (unknown := UNKNOWN_COMMITTEE.fullmatch(text)):
        return known
    return unknown.group("name") + "et"


def committees_in(line: str, on: str | None = None) -> list[str]:
    """ "Til: Folketingets Forsvarsudvalg og Folketingets Finansudvalg" -> both; a name that
    coordinates words ("Transport-, Bygnings- og Boligudvalget") stays whole."""
    whole = committee_in(line, on)
    if whole:
        return [whole]
    parts = re.split(r",\s*|\s+og\s+(?=folketingets\b|\w+udvalg)", line, flags=re.IGNORECASE)
    names = [committee_in(part, on) for part in parts if not part.rstrip().endswith("-")]
    return [name for name in names if name] if len(parts) > 1 else []


def addressee_in(segment: str, following: list[str], on: str | None) -> list[str]:
    """Who a segment of the address block names: committees, the Lovsekretariat, or a
    member ("Morten Messerschmidt (DF)") where Christiansborg follows."""
    if LOVSEKRETARIAT_LINE.match(segment):
        return [LOVSEKRETARIAT]
    member = MEMBER.match(segment)
    if member and following[:1] == ["Christiansborg"]:
        return [member.group("name")]
    return committees_in(segment, on)


def recipients_of(document: Document, on: str | None = None) -> list[Recipient]:
    """The address block's addressees, with Folketinget's address where it is printed.
    Searched in the head first, then every letterhead segment; a letter printed as one
    long line names its committee at its very start."""
    head = [seg for block in document.region("head") for line in block.lines
            for seg in segments_of(line)]
    candidates = [head]
    candidates.append([seg for line in letter_lines(document) if not is_prose(line)
                       for seg in segments_of(line)])
    for segments in candidates:
        for index, segment in enumerate(segments):
            names = addressee_in(segment, segments[index + 1 :], on)
            if names:
                # "Grønlandsudvalget" / "Færøudvalget" / "Folketinget": one address for all
                for more in segments[index + 1 :]:
                    also = addressee_in(more, [], on)
                    if not also:
                        break
                    names += also
                    index += 1
                address = folketinget_address(segments[index + 1 : index + 5])
                return [Recipient(name=name, organisation=ORGANISATION, address=address)
                        for name in dict.fromkeys(names)]
    return recipients_at_start(document, on) or recipients_in_letterhead_run(document, on)


def recipients_in_letterhead_run(document: Document, on: str | None) -> list[Recipient]:
    """A committee's name inside a run of letterhead facts, between capitals ("... www.minff.dk
    [email protected] Udvalget for Fødevarer, Landbrug og Fiskeri MINISTEREN Dato: ...")."""
    for text in letter_texts(document):
        words = letterhead_part(text).split()
        for start, word in enumerate(words):
            if not word[:1].isupper():
                continue
            for end in range(min(len(words) - 1, start + 8), start, -1):
                name = committee_in(" ".join(words[start:end]), on)
                if name and words[end][:1].isupper():
                    return [Recipient(name=name, organisation=ORGANISATION, address=None)]
    return []


def folketinget_address(after: list[str]) -> str | None:
    """ "Christiansborg" and "1240 København K" as far as printed below the addressee."""
    block = list(takewhile(lambda seg: ADDRESS_LINE.match(seg) or POSTAL.fullmatch(seg), after))
    if "Christiansborg" not in block:
        return None
    postal = [seg for seg in block if POSTAL.fullmatch(seg) and seg.startswith("1240")]
    return FOLKETINGET_ADDRESS if postal else "Christiansborg"


def recipients_at_start(document: Document, on: str | None) -> list[Recipient]:
    """A letter whose text is one long line: the committee its first words name, where
    no running text follows the name ("Folketingets Energipolitiske Udvalg Christiansborg
    1240 København K Dato ...", "Medlemmerne af Folketingets Europaudvalg og deres
    stedfortrædere Bilag ...")."""
    firsts = [document.body_text.strip().split("\n", 1)[0]]
    firsts += [block.lines[0] for block in letterhead_blocks(document) if block.lines]
    for line in firsts:
        words = line.split()
        for length in range(min(len(words), 9), 1, -1):
            name = committee_in(" ".join(words[:length]), on)
            rest = words[length : length + 4]
            if name and (not rest or rest[0][:1].isupper()):
                address = None
                if rest[:1] == ["Christiansborg"]:
                    address = FOLKETINGET_ADDRESS if rest[1:2] == ["1240"] else "Christiansborg"
                return [Recipient(name=name, organisation=ORGANISATION, address=address)]
    return []


# -- subject and salutation ---------------------------------------------------------------------


def subject_of(document: Document, recipient_block: Block | None) -> str | None:
    """A labelled subject ("Emne: ..."), else a bold heading below the address, else the
    last heading-like block there. The letterhead above the address is never the subject."""
    blocks = document.region("head")
    for block in blocks:
        for index, line in enumerate(block.lines):
            if SUBJECT_LABEL.match(line):
                rest = takewhile(lambda more: not LABELLED.match(more), block.lines[index + 1 :])
                return " ".join([SUBJECT_LABEL.sub("", line).strip(), *rest]).strip() or None
    if recipient_block in blocks:
        blocks = blocks[blocks.index(recipient_block) + 1 :]
    headings = [block for block in blocks if looks_like_heading(block)]
    chosen = ([block for block in headings if block.bold] or headings[-1:] or [None])[0]
    return " ".join(chosen.lines) if chosen else None


def looks_like_heading(block: Block) -> bool:
    """A short block of words: no date, no label, no address, no row of separate columns."""
    text = " ".join(block.lines)
    return (
        len(block.lines) <= 3
        and len(text.split()) >= 3
        and COLUMN_GAP not in text
        and not any(is_dateline(line) or ":" in line[:20] for line in block.lines)
        and not POSTAL.match(block.lines[-1])
        and not any(gazetteer.canonical_ministry(line) for line in block.lines)
    )


def salutation_of(body_text: str) -> str | None:
    first_line = body_text.split("\n", 1)[0].strip()
    return first_line.rstrip(",!") if SALUTATION.match(first_line) else None


# -- sender -------------------------------------------------------------------------------------


def ents_of_people(span: Span) -> set[str]:
    """The names tagged as persons in ``span``."""
    return {ent.text for ent in span.ents if ent.label_ == "PER"}


def letterhead_part(text: str) -> str:
    """What stands before the running text starts in a line (a letter printed as one long
    line begins with its letterhead: "Stormgade 2-6 1470 København K T 33 95 13 10 ...")."""
    prose = PROSE.search(text)
    return text[: prose.start()] if prose else text


def sender_of(doc: Doc, texts: list[str], on: str | None, people_in: PeopleFinder) -> Sender:
    whole_heads = [text for text in texts if not is_prose(text)]
    heads = [part for text in texts if (part := letterhead_part(text)).strip()]
    segments = [seg for text in heads for seg in segments_of(text)]
    web = web_of(heads)
    email = labelled_email(segments)
    minister, title = signing_minister(doc, people_in, on)
    if minister is None:
        minister, title = signing_minister_in("\n".join(texts), on)
    return Sender(
        ministry=ministry_of(doc, whole_heads, web, email, on, minister, title),
        minister=minister,
        address=address_of(heads),
        phone=phone_of(heads, document_of(doc).body_text),
        email=email,
        web=web,
        cvr=cvr_of(heads, document_of(doc).body_text),
    )


def first_match(pattern: re.Pattern, texts: list[str], group: str) -> str | None:
    for text in texts:
        match = pattern.search(text)
        if match:
            return match.group(group).strip()
    return None


def value_after_label(label: re.Pattern, shape: re.Pattern, texts: list[str]) -> str | None:
    """A value printed after a row of labels: the first of its shape after its label
    ("Tel. Mail Web CVR-nr. 6198 4000 www.uim.dk 36977191")."""
    for text in texts:
        for match in label.finditer(text):
            value = shape.search(text[match.end() : match.end() + LABEL_REACH])
            if value:
                return value.group(0)
    return None


def phone_of(heads: list[str], body_text: str) -> str | None:
    """The main number after its label ("Telefon 7226 8400", "T +45 7226 9000"), not the fax."""
    found = first_match(PHONE, heads, "phone")
    if found:
        return found
    rows = [" ".join(body_text.split("\n")), *heads]
    return value_after_label(PHONE_LABEL_ALONE, PHONE_SHAPE, rows)


def cvr_of(heads: list[str], body_text: str) -> str | None:
    found = first_match(CVR, heads, "cvr") or first_match(CVR_SPACED, heads, "cvr")
    if not found:
        rows = [*heads, " ".join(body_text.split("\n"))]
        found = value_after_label(CVR_LABEL_ALONE, CVR_SHAPE, rows)
    return re.sub(r"\D", "", found) if found else None


def web_of(heads: list[str]) -> str | None:
    """ "www.mim.dk" as printed (glued or not), else a labelled bare domain ("W sum.dk")."""
    return first_match(WEB, heads, "web") or first_match(LABELLED_WEB, heads, "web")


def labelled_email(segments: list[str]) -> str | None:
    """The ministry's own address: one labelled Mail/E-mail, else the first one. One the
    published text hides ("[email protected]") is none."""
    found = [(seg, m.group(0)) for seg in segments if (m := EMAIL.search(seg))]
    labelled = [email for seg, email in found if re.match(r"(e-?)?mail", seg, re.IGNORECASE)]
    return (labelled or [email for _seg, email in found] or [None])[0]


def ministry_of(doc: Doc, heads: list[str], web: str | None, email: str | None, on: str | None,
                minister: str | None, title: str | None) -> str | None:
    """The sending ministry as named on the letter's date: by name in the letterhead, by the
    minister's title there ("FORSVARSMINISTEREN"), by web or mail domain, by the signer's
    title ("Fg. justitsminister") or name, else by the minister's title in the text."""
    by_name = named_in_letterhead(heads, gazetteer.canonical_ministry, on)
    by_title = named_in_letterhead(heads, gazetteer.ministry_for_title, on)
    domains = [gazetteer.ministry_for_domain(address, on=on) for address in (web, email)
               if address]
    by_domain = next(filter(None, domains), None)
    by_signer = gazetteer.ministry_for_title(title, on=on) if title else None
    appointment = gazetteer.minister(minister, on=on) if minister else None
    by_person = appointment.ministry if appointment else None
    return (by_name or by_title or by_domain or by_signer or by_person
            or ministry_in_text(doc, on))


def named_in_letterhead(heads: list[str], look_up: Callable[..., str | None],
                        on: str | None) -> str | None:
    """A ministry named by the first words of a letterhead segment ("Miljøministeriet •",
    "Kirkeministeriet Telefon ...", "ØKONOMI- OG" / "ERHVERVSMINISTERIET"), not followed by
    prose, no genitive ("Miljøministerens besvarelse"), no table row. The first in reading
    order, unless a longer name ends with it: "Økonomi- og Erhvervsministeriet" is not
    "Erhvervsministeriet"."""
    segments = [seg for text in heads if "\t" not in text for seg in segments_of(text)]
    found: list[tuple[str, str]] = []
    for index, segment in enumerate(segments):
        # "Udlændinge- og" / "Integrationsministeriet": a name over two lines, whole
        for candidate in (" ".join(segments[index : index + 2]), segment):
            if "minist" not in candidate.lower():
                continue  # every ministry's name and minister's title says "minist..."
            words = candidate.split()
            for end in range(min(len(words), 7), 0, -1):
                window = " ".join(words[:end])
                if words[end : end + 1] and words[end][:1].islower():
                    continue  # "Undervisningsministeriet og ..." runs on in prose
                if re.search(r"(?i:ets|ens)$", window):
                    continue
                if name := look_up(window, on=on):
                    found.append((window, name))
                    break
    if not found:
        return None
    first_window, chosen = found[0]
    for window, name in found[1:]:
        if len(window) > len(first_window) and window.lower().endswith(first_window.lower()):
            chosen = name
    return chosen


TITLE_WORD = re.compile(
    r"(?:\b[\wæøå]+-,?\s+(?:[\wæøå]+-,?\s+)*og\s+)?\b[\wæøå]*minister(?:en)?(?=s?\b)",
    re.IGNORECASE,
)


def ministry_in_text(doc: Doc, on: str | None = None) -> str | None:
    """The minister's title in the subject or heading ("Beskæftigelsesministerens
    besvarelse"), else the last ministry the text names (by name or title): the signature's."""
    heads = [block.text for block in document_of(doc).region("head")]
    for title in (match.group(0) for text in heads for match in TITLE_WORD.finditer(text)):
        name = gazetteer.ministry_for_title(title, on=on)
        if name:
            return name
    mentions = [ent.ent_id_ for ent in doc.ents if ent.label_ == "MINISTRY" and ent.ent_id_]
    if mentions:
        return gazetteer.canonical_ministry(mentions[-1], on=on) or mentions[-1]
    for title in [match.group(0) for match in TITLE_WORD.finditer(doc.text)][::-1]:
        name = gazetteer.ministry_for_title(title, on=on)
        if name:
            return name
    return None


def signing_minister(doc: Doc, people_in: PeopleFinder,
                     on: str | None = None) -> tuple[str | None, str | None]:
    """The minister who signs, and the title line under the name if any ("Fg.
    justitsminister"): the name under the closing formula ("Med venlig hilsen", also split
    over lines or glued), else a name before "/" ("Lars Barfoed/Ole Hasselgaard"), else a
    name line the ministers list knows. None where an official signs on the minister's behalf.
    """
    text = doc.text
    closings = list(CLOSING.finditer(text))
    people: set[str] = set()
    if closings:
        span = doc.char_span(closings[-1].end(), len(text), alignment_mode="expand")
        people = people_in(span) if span is not None else set()
    return signing_minister_in(text, on, people)


def signing_minister_in(text: str, on: str | None = None,
                        people: frozenset[str] | set[str] = frozenset()
                        ) -> tuple[str | None, str | None]:
    """``signing_minister`` over plain text, ``people`` the names the NER found there.

    >>> signing_minister_in("Venlig hilsen\\nPernille Rosenkrantz-Theil\\nSocial- og boligminister")
    ('Pernille Rosenkrantz-Theil', 'Social- og boligminister')
    """
    closings = list(CLOSING.finditer(text))
    if closings:
        lines = [line.strip() for line in text[closings[-1].end() :].splitlines()]
        lines = [line for line in lines if line]
        if any(ON_BEHALF.search(line) or OFFICIAL_TITLE.search(line) for line in lines[:4]):
            return None, None
        for index, line in enumerate(lines[:3]):
            name = name_in_signature(line, people)
            if name:
                return name, title_after(lines[index + 1 : index + 3])
    signed = [match.group("name") for match in SIGNED_FOR.finditer(text)]
    signed += [line for line, after in lines_with_next(text) if after.startswith("/")
               and PERSON_NAME.match(line) and not NOT_NAME_WORDS.search(line)]
    if signed:
        return signed[-1].strip(), None
    return known_minister_line(text, on), None


def lines_with_next(text: str) -> list[tuple[str, str]]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return list(zip(lines, lines[1:], strict=False))


def name_in_signature(line: str, people: set[str]) -> str | None:
    """The name a signature line starts with ("Peter Hummelgaard / Niklas V. Johansen",
    "Flemming Hansen" after a closing on the same line)."""
    line = line.split("/")[0].strip()
    if line in people:
        return line
    words = takewhile(lambda word: re.match(r"^(?:[A-ZÆØÅ][\w'\-.]*|af|von|van|de)$", word),
                      line.split())
    name = " ".join(list(words)[:5])
    while name and not PERSON_NAME.match(name):
        name = " ".join(name.split()[:-1])
    if not name or NOT_NAME_WORDS.search(name) or len(name.split()) < 2:
        return None
    return name


def title_after(lines: list[str]) -> str | None:
    """A minister's title under the name ("Social- og boligminister", "Fg. justitsminister")."""
    for line in lines:
        title = re.sub(r"^(?:fg\.|konst\.|fungerende)\s*", "", line, flags=re.IGNORECASE)
        if re.search(r"minister$", title, re.IGNORECASE) and len(title) < 60:
            return title
    return None


def known_minister_line(text: str, on: str | None) -> str | None:
    """With no closing formula and no "/": the last line that is a name the ministers list
    knows as a minister on the letter's date."""
    if getattr(gazetteer, "minister", None) is None:
        return None
    for line in reversed([line.strip() for line in text.splitlines()]):
        is_name = PERSON_NAME.match(line) and not NOT_NAME_WORDS.search(line)
        if is_name and gazetteer.minister(line, on=on):
            return line
    return None


def address_of(heads: list[str]) -> str | None:
    """A street and the postcode after it ("Slotsholmsgade 10, 1216 København K"), not
    Folketinget's: glued parts set apart ("Slotsholmsgade 101216 København K"); in one
    letterhead line, else over two or three lines in a row ("Holbergsgade 6" / "DK-1057 ...").
    """
    runs = [*heads, *(" | ".join(heads[i : i + size]) for size in (2, 3)
                      for i in range(len(heads) - size + 1))]
    for text in runs:
        cleaned = CAMEL_GLUE.sub(" | ", re.sub(r"_{2,}", " ", text))
        for postal in POSTAL.finditer(cleaned):
            if re.match(r"(?:DK-)?1240\b", postal.group(0)):
                continue  # Folketinget's, the recipient's
            before = cleaned[: postal.start()].rstrip(" ,·•|")
            box = POST_BOX_END.search(before)
            street = street_before(before[: box.start()] if box else before)
            if street:
                parts = [street, box.group("box") if box else None, postal.group(0).strip()]
                return ", ".join(part for part in parts if part)
    return None


def street_before(text: str) -> str | None:
    """The street that ends ``text``: its number, and up to three capitalised words before
    it that are no ministry, department or label ("Miljøministeriet Højbro Plads 4" ->
    "Højbro Plads 4").

    >>> street_before("Beskæftigelsesministeriet | Ved Stranden 8")
    'Ved Stranden 8'
    """
    number = STREET_NUMBER.search(" " + text)
    if not number:
        return None
    words: list[str] = []
    for word in reversed(text[: max(0, number.start() - 1)].split()[-3:]):
        if not STREET_WORD.match(word) or NOT_STREET_WORD.match(word):
            break
        words.insert(0, word)
    return " ".join([*words, number.group("number")]) if words else None
