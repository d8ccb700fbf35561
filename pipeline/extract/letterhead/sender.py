"""The sender: the ministry by name, by the minister's title or by web domain, as it was
called on the letter's date; its contact facts; the minister from the signature.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from models import Sender
from pipeline.extract.base import document_of
from pipeline.extract.committee_names import WORD_BROKEN_AT_HYPHEN  # "udviklingsmini-steren"
from pipeline.extract.letterhead.contact import (
    address_of,
    cvr_of,
    labelled_email,
    phone_of,
    web_of,
)
from pipeline.extract.letterhead.lines import (
    is_prose,
    letterhead_blocks,
    letterhead_part,
    segments_of,
)
from pipeline.extract.letterhead.signature import (
    PeopleFinder,
    signing_minister,
    signing_minister_in,
)
from pipeline.nlp import gazetteer
from pipeline.reading.layout import SUSPENDED_HYPHEN_NEXT  # one idea of it for both stages


def sender_of(doc: Doc, texts: list[str], on: str | None, people_in: PeopleFinder) -> Sender:
    whole_heads = [text for text in texts if not is_prose(text)]
    heads = [part for text in texts if (part := letterhead_part(text)).strip()]
    segments = [seg for text in heads for seg in segments_of(text)]
    web = web_of(heads)
    email = labelled_email(segments)
    minister, title = signing_minister(doc, people_in, on)
    if minister is None:
        minister, title = signing_minister_in("\n".join(texts), on)
    address = address_of(heads)
    return Sender(
        ministry=ministry_of(doc, whole_heads, web, email, on, minister, title, address),
        minister=minister,
        address=address,
        phone=phone_of(heads, document_of(doc).body_text),
        email=email,
        web=web,
        cvr=cvr_of(heads, document_of(doc).body_text),
    )


def ministry_of(doc: Doc, heads: list[str], web: str | None, email: str | None, on: str | None,
                minister: str | None, title: str | None, address: str | None = None) -> str | None:
    """The sending ministry as named on the letter's date: by name in the letterhead, by the
    minister's title there ("FORSVARSMINISTEREN"), by web or mail domain, by the signer's
    title ("Fg. justitsminister") or name (before a domain whose ministry had another name
    that day), else by the minister's title in the text, else by the letterhead's street
    where one ministry sat there that day."""
    by_name = named_in_letterhead(heads, gazetteer.canonical_ministry, on)
    by_title = named_in_letterhead(heads, gazetteer.ministry_for_title, on)
    domains = [gazetteer.ministry_for_domain(address, on=on) for address in (web, email)
               if address]
    by_domain = next(filter(None, domains), None)
    by_signer = gazetteer.ministry_for_title(title, on=on) if title else None
    # A letter printed as one long line starts with its letterhead ("UDENRIGSMINISTERIETSvar
    # på spørgsmål nr. 140 ...").
    first_line = document_of(doc).body_text.strip().split("\n", 1)[0]
    at_start = named_in_letterhead([letterhead_part(first_line)], gazetteer.canonical_ministry, on)
    if by_name and by_domain and by_domain.lower().endswith(by_name.lower()) and \
            not gazetteer.in_use(by_name, on):
        # a name not in use that day is the end of the domain's longer one, broken over
        # lines ("ØKONOMI- OG" / "ERHVERVSMINISTERIET")
        by_name = by_domain
    if by_name and by_domain and by_name != by_domain and gazetteer.in_use(by_domain, on) \
            and not named_beside_text(doc, on):
        # a name in the running text only, as a table's row ("Kulturministeriet" above
        # "Børne- og Undervisningsministeriet"): the letterhead's web address says more
        by_name = None
    # A letterhead may keep a web address a while after its ministry's name changed
    # ("www.uibm.dk" in January 2017): the signer's post that day then says more.
    stale_domain = by_domain if by_domain and not gazetteer.in_use(by_domain, on) else None
    return (by_name or by_title or (by_domain if not stale_domain else None) or by_signer
            or signers_post(doc, minister, on) or stale_domain or at_start
            or ministry_in_text(doc, on)
            # the one ministry that sat at the letterhead's street that day
            or (gazetteer.ministry_at_address(address, on) if address else None))


def named_beside_text(doc: Doc, on: str | None) -> str | None:
    """The ministry named in the blocks beside the running text, if any."""
    lines = [line for block in letterhead_blocks(document_of(doc)) for line in block.lines]
    return named_in_letterhead(lines, gazetteer.canonical_ministry, on)


def signers_post(doc: Doc, minister: str | None, on: str | None) -> str | None:
    """The ministry of the signer's post that day; where the opening says the question was
    put to another minister, the signer stands in for that minister: that ministry."""
    post = post_of(doc, minister, on)
    if post is None:
        return None
    addressed = addressed_ministry(doc, on)
    # a question put to a minister whose ministry was renamed before the answer ("stillet til
    # velfærdsministeren" in March 2009, answered in May by the indenrigs- og socialminister)
    return addressed if addressed and gazetteer.in_use(addressed, on) else post


def post_of(doc: Doc, minister: str | None, on: str | None) -> str | None:
    """The ministry of the signer's post that day; of two posts held at once, the one the
    text names ("til ministeren for flygtninge, indvandrere og integration")."""
    if minister is None:
        return None
    if on is None:  # an undated letter: the post the text names, else the signer's latest
        posts = {appointment.ministry for appointment in gazetteer.appointments_of(minister)}
        if len(posts) > 1 and (named := ministry_in_text(doc, on)) in posts:
            return named
        latest = gazetteer.minister(minister)
        return latest.ministry if latest else None
    posts = [appointment.ministry for appointment in gazetteer.appointments_on(minister, on)]
    if len(posts) > 1 and (named := ministry_in_text(doc, on)) in posts:
        return named
    return posts[0] if posts else None


# The most words a ministry's name or its minister's title has in the gazetteer ("Ministeriet
# for Børn, Ligestilling, Integration og Sociale Forhold" has eight), and two to spare.
NAME_WORDS = 2 + max(len(name.split()) for ministry in gazetteer.ministries()
                     for name in (ministry.name, *ministry.aliases, *ministry.minister_titles))


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
            for end in range(min(len(words), NAME_WORDS), 0, -1):
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
    # "ministeren for sundhed og forebyggelse", "ministeren for fødevarer, landbrug og fiskeri"
    r"\bminister(?:en)?\s+for\s+[a-zæøå]+(?:,\s+[a-zæøå]+)*(?:\s+og\s+[a-zæøå]+)?"
    r"|(?:\b[\wæøå]+-,?\s+(?:[\wæøå]+-,?\s+)*og\s+)?\b[\wæøå]*minister(?:en)?(?=s?\b)",
    re.IGNORECASE,
)
# "stillet følgende spørgsmål ... til social- og indenrigsministeren": whom it was put to.
ADDRESSED_TITLE = re.compile(rf"\btil\s+(?P<title>{TITLE_WORD.pattern})", re.IGNORECASE)
OPENING = 800  # characters of running text where the opening sentence stands
# "det daværende Indenrigs- og Sundhedsministerium": a ministry of the past, not the sender.
FORMER = re.compile(r"\b(?:daværende|tidligere|forhenværende|fhv\.|hidtidige)\s*$", re.IGNORECASE)


# A heading's word broken at a line's end, its lines joined by a space or a line break: "til
# mini- steren for flygtninge" (not "Miljø- og Fødevareministeriet": the words that follow a
# suspended hyphen are the running text's).
HYPHEN_BEFORE_LINE_BREAK = re.compile(
    rf"(?<=[a-zæøå])-\s+(?!(?:{'|'.join(map(re.escape, SUSPENDED_HYPHEN_NEXT))})\b)"
    r"(?=[a-zæøå])")
# "Indenrigs- og Sundhedsministeriet har oplyst følgende:": a ministry quoted, not the sender.
INFORMANT = re.compile(r"\s+(?:har\s+(?:\w+\s+)?(?:oplyst|meddelt|udtalt)|oplyser|meddeler)\b",
                       re.IGNORECASE)


def addressed_ministry(doc: Doc, on: str | None) -> str | None:
    """The ministry of the minister the opening says the question was put to ("stillet ...
    til justitsministeren")."""
    opening = WORD_BROKEN_AT_HYPHEN.sub("", re.sub(r"\s+", " ", doc.text[:OPENING]))
    for match in ADDRESSED_TITLE.finditer(opening):
        if name := gazetteer.ministry_for_title(match.group("title"), on=on):
            return name
    return None


def ministry_in_text(doc: Doc, on: str | None = None) -> str | None:
    """The minister's title in the subject or heading ("Beskæftigelsesministerens
    besvarelse"), else the minister the opening says the question was put to ("stillet
    ... til social- og indenrigsministeren, som hermed besvares"), else the last ministry
    the text names (by name or title): the signature's."""
    heads = [WORD_BROKEN_AT_HYPHEN.sub("", HYPHEN_BEFORE_LINE_BREAK.sub("", block.text))
             for block in document_of(doc).region("head")]
    # a heading too long to be read as one opens the text: "Miljøministerens besvarelse af
    # spørgsmål nr. 5 til L 102, forslag til lov om ... stillet den 27. februar 2024 af ..."
    first_line = doc.text.lstrip().split("\n", 1)[0]
    if re.match(r"[\wæøå ,-]*minister(?:en)?s\s+(?:foreløbige\s+)?(?:svar|besvarelse)\b",
                first_line, re.IGNORECASE):
        heads.append(first_line)
    for title in (match.group(0) for text in heads for match in TITLE_WORD.finditer(text)):
        name = gazetteer.ministry_for_title(title, on=on)
        if name:
            return name
    if name := addressed_ministry(doc, on):
        return name
    mentions = [ent for ent in doc.ents if ent.label_ == "MINISTRY" and ent.ent_id_
                and not FORMER.search(doc.text[max(0, ent.start_char - 20) : ent.start_char])
                and not INFORMANT.match(doc.text, ent.end_char)]
    if mentions:
        # the ruler's id is undated: "socialministerens" named another ministry in 2007
        last = mentions[-1]
        return (gazetteer.canonical_ministry(last.text, on=on)
                or gazetteer.ministry_for_title(last.text, on=on) or last.ent_id_)
    for title in [match.group(0) for match in TITLE_WORD.finditer(doc.text)][::-1]:
        name = gazetteer.ministry_for_title(title, on=on)
        if name:
            return name
    return None

