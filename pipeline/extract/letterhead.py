"""The letter's own facts, from the blocks around the text and its first and
last lines: date, subject, sender, recipients and salutation.

    >>> head = doc._.letterhead  # doctest: +SKIP
    >>> head.sender.ministry, head.recipients[0].name  # doctest: +SKIP
    ('Udlændinge- og Integrationsministeriet', 'Udlændinge- og Integrationsudvalget')

Sidebars, letterheads and footers print one fact per line or per segment
("Tel. 6198 4000 · Mail uim@uim.dk"), so the rules here read segments, not prose.
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
from pipeline.extract.dates import parse_danish_date
from pipeline.nlp import gazetteer
from pipeline.reading import Block, Document
from pipeline.reading.layout import COLUMN_GAP, SALUTATION  # one pattern for both stages

ORGANISATION = "Folketinget"

SEGMENT_SEPARATORS = re.compile(r"\s*(?:[·•|]|\s{3,})\s*")
DATE_LABEL = re.compile(r"^(dato|date)\s*[:.]?\s*", re.IGNORECASE)
PHONE = re.compile(
    r"^(?:direkte\s+)?(?:t|tel|tlf|telefon|phone|direkte)\.?(?:\s*nr\.?)?\s*:?\s*"
    r"(\+?\d[\d ]{6,}\d)",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEB = re.compile(r"\b(?:https?://)?(www\.[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
CVR = re.compile(r"\bcvr(?:-?\s?nr\.?)?\s*:?\s*((?:\d\s?){7}\d)\b", re.IGNORECASE)
POSTAL = re.compile(r"^(?:DK-)?\d{4}\s+[A-ZÆØÅ][\w.]*(?:\s+[\wÆØÅæøå.]+)*$")
# Labels of numbers, which neither a street nor a subject starts with.
NUMBER_LABEL = r"(?i:(?:j|jour|sags?|dok|akt|ref|cvr|tlf|tel|telefon)\b)"
STREET = re.compile(
    rf"^(?!{NUMBER_LABEL})"  # a label, not a street
    r"[A-ZÆØÅ][\wæøåÆØÅ.\- ]*\s\d+(?:\s?[A-Za-z])?(?:\s?[-–]\s?\d+[A-Za-z]?)?(?:,\s*[\w. ]+)?$"
    r"|^Christiansborg$"
)
POST_BOX = re.compile(r"^postboks\s+\d+$", re.IGNORECASE)
SENDER_LABEL = re.compile(r"^(fra|afsender|afs\.)\s*:\s*", re.IGNORECASE)
LABELLED = re.compile(rf"^[\w. -]{{1,20}}:|^{NUMBER_LABEL}")
SUBJECT_LABEL = re.compile(r"^(emne|vedr\.?|vedrørende|om|angående)\s*:\s*", re.IGNORECASE)
# "Folketingets Trafikudvalg", "Miljøudvalget": a committee by the form of its name alone.
UNKNOWN_COMMITTEE = re.compile(
    r"(?:Folketingets\s+)?(?P<name>(?:[A-ZÆØÅ][\wæøå]*-,?\s+(?:[\wæøå]+-,?\s+)*og\s+)?"
    r"[A-ZÆØÅ][\wæøå]*udvalg)(?:et|ets|s)?"
)
RECIPIENT_LEAD = re.compile(r"^(til\s*:?\s*)?(medlemmerne\s+af\s+)?", re.IGNORECASE)
CLOSING = re.compile(r"^(med\s+)?(venlig(st)?|venlige)\s+hilsen\b.*$", re.IGNORECASE | re.MULTILINE)
PERSON_NAME = re.compile(r"^[A-ZÆØÅ][\w'\-]+(?:\s+(?:[A-ZÆØÅ][\w'\-.]*|af|von|van|de)){1,4}$")
ON_BEHALF = re.compile(r"\bp\.\s?m\.\s?v\.|\be\.\s?b\.|\bpå ministerens vegne\b", re.IGNORECASE)
OFFICIAL_TITLE = re.compile(
    r"\b(kontorchef|afdelingschef|departementschef|direktør|chefkonsulent|specialkonsulent|"
    r"fuldmægtig|souschef|enhedschef|konsulent|sekretariatschef|kontorleder)\b",
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
    recipient_block = find_recipient_block(document)
    sender_blocks = [b for b in document.region("head", "sidebar", "header", "footer")
                     if b is not recipient_block]
    return Letterhead(
        date=letter_date(document),
        subject=subject_of(document, recipient_block),
        sender=sender_of(doc, sender_blocks, people_in),
        recipients=recipients_of(document, recipient_block),
        salutation=salutation_of(doc.text),
    )


# -- date ---------------------------------------------------------------------------------


def letter_date(document: Document) -> str | None:
    """A labelled date ("Dato: ..."), else a line that is only a (place and) date."""
    lines = [line for block in document.region("head", "sidebar", "header") for line in block.lines]
    labelled = [DATE_LABEL.sub("", line) for line in lines if DATE_LABEL.match(line)]
    for candidate in labelled + [line for line in lines if is_dateline(line)]:
        value = parse_danish_date(candidate)
        if value:
            return value
    first_lines = document.body_text.split("\n", 2)[:2]
    dated = [line for line in first_lines if is_dateline(line)]
    return parse_danish_date(dated[0]) if dated else None


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


def committee_in(line: str) -> str | None:
    """The committee a recipient line names ("Til: Folketingets Finansudvalg"); one the
    gazetteer does not know by the form of its name ("Folketingets Xudvalg" -> "Xudvalget")."""
    text = RECIPIENT_LEAD.sub("", line.strip())
    known = gazetteer.canonical_committee(text)
    if known or not (unknown := UNKNOWN_COMMITTEE.fullmatch(text)):
        return known
    return unknown.group("name") + "et"


def committees_in(line: str) -> list[str]:
    """ "Til: Folketingets Forsvarsudvalg og Folketingets Finansudvalg" -> both; a name that
    coordinates words ("Transport-, Bygnings- og Boligudvalget") stays whole."""
    whole = committee_in(line)
    if whole:
        return [whole]
    parts = re.split(r",\s*|\s+og\s+(?=folketingets\b|\w+udvalg)", line, flags=re.IGNORECASE)
    names = [committee_in(part) for part in parts if not part.rstrip().endswith("-")]
    return [name for name in names if name] if len(parts) > 1 else []


def recipients_of(document: Document, block: Block | None) -> list[Recipient]:
    if block is None:
        return recipients_in_opening(document.body_text)
    names = [name for line in block.lines for name in committees_in(line)]
    rest = [line for line in block.lines if not committees_in(line) and line != ORGANISATION]
    address = ", ".join(line for line in rest if STREET.match(line) or POSTAL.match(line))
    return [
        Recipient(name=name, organisation=ORGANISATION, address=address or None)
        for name in dict.fromkeys(names)
    ]


def recipients_in_opening(body_text: str) -> list[Recipient]:
    """Letters with no address block name the committee in their first line."""
    first_line = body_text.split("\n", 1)[0].rstrip(",:")
    name = committee_in(first_line)
    return [Recipient(name=name, organisation=ORGANISATION, address=None)] if name else []


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


def sender_of(doc: Doc, blocks: list[Block], people_in: PeopleFinder) -> Sender:
    segments = [seg for block in blocks for line in block.lines for seg in segments_of(line)]
    web = first_group(WEB, segments)
    email = labelled_email(segments)
    return Sender(
        ministry=ministry_of(doc, blocks, web, email),
        minister=signing_minister(doc, people_in),
        address=address_of(blocks),
        phone=first_group(PHONE, segments),
        email=email,
        web=web,
        cvr=(first_group(CVR, segments) or "").replace(" ", "") or None,
    )


def segments_of(line: str) -> list[str]:
    return [part for part in SEGMENT_SEPARATORS.split(line.strip()) if part]


def first_group(pattern: re.Pattern, segments: list[str]) -> str | None:
    for segment in segments:
        match = pattern.search(segment)
        if match:
            return match.group(1).strip()
    return None


def labelled_email(segments: list[str]) -> str | None:
    """The ministry's own address: one labelled Mail/E-mail, else the first one."""
    found = [(seg, m.group(0)) for seg in segments if (m := EMAIL.search(seg))]
    labelled = [email for seg, email in found if re.match(r"(e-?)?mail", seg, re.IGNORECASE)]
    return (labelled or [email for _seg, email in found] or [None])[0]


def ministry_of(doc: Doc, blocks: list[Block], web: str | None, email: str | None) -> str | None:
    """By name in the letterhead or sidebar, else by web or mail domain, else by the minister's
    title in the text ("justitsministeren")."""
    for block in blocks:
        for candidate in line_windows([SENDER_LABEL.sub("", line) for line in block.lines]):
            name = gazetteer.canonical_ministry(candidate)
            name = name or gazetteer.ministry_for_title(candidate)
            if name:
                return name
    for address in (web, email):
        name = gazetteer.ministry_for_domain(address) if address else None
        if name:
            return name
    return ministry_in_text(doc)


def line_windows(lines: list[str]) -> list[str]:
    """Each line, and each pair joined: names wrap ("Udlændinge- og" / "Integrations...")."""
    pairs = [f"{a} {b}" for a, b in zip(lines, lines[1:], strict=False)]
    return pairs + lines


def ministry_in_text(doc: Doc) -> str | None:
    """The last ministry the text names (by name or minister's title): the signature's."""
    mentions = [ent.ent_id_ for ent in doc.ents if ent.label_ == "MINISTRY" and ent.ent_id_]
    if mentions:
        return mentions[-1]
    for title in re.findall(r"\b[\w\-, ]{0,40}minister(?:en)?\b", doc.text, re.IGNORECASE)[::-1]:
        name = gazetteer.ministry_for_title(title.strip())
        if name:
            return name
    return None


def signing_minister(doc: Doc, people_in: PeopleFinder) -> str | None:
    """The name under the closing, unless an official signs on the minister's behalf.

    A signature line is a name when the NER tags a person there, or when it has a
    name's shape (two to five capitalised words), for names the NER does not know.
    """
    closings = list(CLOSING.finditer(doc.text))
    if not closings:
        return None
    start = closings[-1].end()
    # "Peter Hummelgaard / Niklas V. Johansen": the minister, then the official who drafted.
    signature = [line.split(" / ")[0].strip() for line in doc.text[start:].splitlines()]
    signature = [line for line in signature if line]
    if any(ON_BEHALF.search(line) or OFFICIAL_TITLE.search(line) for line in signature[:4]):
        return None
    signature_span = doc.char_span(start, len(doc.text), alignment_mode="expand")
    people = people_in(signature_span) if signature_span is not None else set()
    names = [line for line in signature[:3] if line in people or PERSON_NAME.match(line)]
    return names[0] if names else None


def address_of(blocks: list[Block]) -> str | None:
    """A street line, any post box, then a postcode line ("Slotsholmsgade 10, 1216 København K"),
    from the sidebar, footer or header before the head, where the recipient's address stands."""
    order = {"sidebar": 0, "footer": 1, "header": 2, "head": 3}
    for block in sorted(blocks, key=lambda block: order[block.region]):
        if any(ORGANISATION in line for line in block.lines):
            continue
        parts = [seg for line in block.lines for seg in segments_of(line)]
        for index, part in enumerate(parts):
            if not STREET.match(part):
                continue
            rest = parts[index + 1 :]
            boxes = list(takewhile(POST_BOX.match, rest))
            if len(rest) > len(boxes) and POSTAL.match(rest[len(boxes)]):
                return ", ".join([part, *boxes, rest[len(boxes)]])
    return None
