"""The roles of a column's lines read in order: where the head ends and the letter
proper starts on page 1, which lines below it are no running text, and which lines go
on from the line above (wrapped at the column's edge).

    >>> roles = MainRoles(lines, head_count=0, right_edge=535.0)  # doctest: +SKIP
    >>> roles.in_running_text(0)  # doctest: +SKIP
    False
"""

from __future__ import annotations

import re

from pipeline.contact_patterns import ANY_STREET, TOWN
from pipeline.reading.lineroles import (
    ANY_LABEL,
    BARE_PAGE,
    BODY_MARKER,
    CONTACT,
    CONVERTER_BANNER,
    DATEBLOCK,
    DATELINE,
    LABEL,
    MEMBER,
    MONTHS,
    ONE_LABEL,
    OPENING_CLAUSE,
    OPENING_VERB,
    PAGE,
    PLACE,
    POSTCODE,
    PROSE,
    PROSE_WORD,
    RECIPIENT,
    SENDER,
    SET_APART,
    SIGNED_FOR_LINE,
    STAMP,
    STRONG,
    SUBJECT,
    SUBJECT_START,
    VALUE,
    WEAK,
    WRAPPING,
    is_glued_letterhead,
    labels_of,
    role_of,
    run_labels,
)
from pipeline.reading.mending import COLONS, SEPARATED, pair_labels, value_lines
from pipeline.reading.pdf import Line

# -- lines wrapped at a column's edge ----------------------------------------------------------

# A phone label ending a line, and the number starting the next: one item.
LABEL_AT_END = re.compile(r"(?i:telefon|telefax|tlf\.?|tel\.?|fax\.?)\s*:?$")
NUMBER_AT_START = re.compile(r"^\+?\d{2}[\d ]{6,}")
# What starts an item of its own on a line, so that the line is no wrapped one's remainder;
# Folketinget's name or palace alone on its line is an address block's ("Udlændinge- og
# Integrationsudvalget" filling the column, then "Folketinget").
STARTS_ITEM = re.compile(
    rf"^(?:www\.|[\w.+-]+@|\[email|[•·]|\./\.|\d{{4}}\s+[A-ZÆØÅ]|\d{{5,9}}_\d{{4}}\.png|Offentligt$"
    rf"|(?:Folketinget|Christiansborg)$"
    rf"|[A-ZÆØÅ]{{2,4}},?\s+Alm\.del|(?i:{ANY_LABEL})(?![a-zæøå]))"
)


def goes_on_wrapped(role: str | None, text: str, previous: str = "") -> bool:
    """Whether a line wrapped from one of ``role`` takes that role: the stamp's, the
    letterhead's and the date block's long lines do, unless what follows is running text
    (a letterhead line that fills the column, then the letter's first sentence); an address
    block's too, where what goes on is short (a postcode), not a paragraph glued to it."""
    if role == STAMP:
        # the stamp's title line goes on with the question's own words, up to the letter's
        # question heading ("Spørgsmål nr. 858 (Alm. del) fra ..."); the converter's banner
        # ("PDF to HTML - Convert PDF files to HTML files") is one line whatever its width
        return not CONVERTER_BANNER.match(previous) and not QUESTION_STARTS.match(text)
    if role in WRAPPING or role == SENDER and is_glued_letterhead(previous):
        # a ministry's name glued to its contact facts ("BeskæftigelsesministerietVed Stranden
        # 8...CVR" / "10172748EAN ...") wraps as a letterhead line does; the opening
        # sentence after it is text, also where numbers break its small words ("Folketings-
        # medlem X (V) har den 18. april 2012 stillet")
        # a heading after a date block's last line ("Sagsnr.: 2012-3051-0033" /
        # "Justitsministeriets foreløbige svar på") starts the subject
        return not PROSE.search(text) and not opens_the_text(text) and not (
            role == DATEBLOCK and SUBJECT_START.match(text))
    return role == RECIPIENT and len([word for word in text.split() if word.strip("|•·")]) <= 4


# The opening sentence's verb among enough words to be a sentence, not a letterhead's rest.
OPENING_WORDS = 6


def opens_the_text(text: str) -> bool:
    return len(text.split()) >= OPENING_WORDS and bool(OPENING_VERB.search(text))


def char_width(line: Line) -> float:
    """A character's average width on the line, in points."""
    return line.width / max(len(line.text), 1)


# A "word" this long is several glued by lost spaces or line breaks.
GLUED_WORD = 25


# A postcode's town ends an address line: "1240 København K", "København K" under its postcode.
TOWN_AT_END = re.compile(rf"(?:\b\d{{4}}\s+{TOWN}|^[A-ZÆØÅ][a-zæøå]+\s+[A-ZÆØÅ]{{1,2}})$")
# ... as a member's name ends with the party: "Victoria Velasquez (EL)".
# An address block's addressee named in full: "Folketingets Udenrigsudvalg".
ADDRESSEE_LINE = re.compile(
    r"^(?:Til\s+)?Folketingets\s+[\wæøåÆØÅ\-, ]{0,80}?(?:[Uu]dvalg|Lovsekretariat)$")
# A sentence that opens with the committee that asked: "Folketingets Sundheds- og Ældreudvalg
# har bedt om min kommentar ..."
COMMITTEE_ASKED = re.compile(
    r"^Folketingets\s+(?:[\wæøåÆØÅ-]+\s+){0,4}?[\wæøå-]*[Uu]dvalg\s+(?:har|er|bad|spurgte)\b")
# A question's asker in a heading: "... stillet af Kristian Pihl Lorentzen (V)".
ASKED_BY = re.compile(r"\bstillet\s+af\b")
# A line in capitals, a name: "TRANSPORTMINISTERIET", "MINISTEREN FOR LIGESTILLING".
CAPITALS_LINE = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ\-]{7,}(?:\s+[A-ZÆØÅ\-,]+)*$")
# One word in capitals: what a paper is ("GRUNDNOTAT", "KOMITÉSAG", "INVITATION").
CAPITALS_WORD = re.compile(r"[A-ZÆØÅ][A-ZÆØÅÉ]{5,}")
ITEM_AT_END = re.compile(rf"{TOWN_AT_END.pattern}|\s\([A-ZÆØÅ]{{1,3}}\)$")


def is_wrapped(line: Line, following: Line, right_edge: float) -> bool:
    """Whether ``line`` was cut at the column's edge and goes on in ``following``: the next
    line's first word would not have fitted after it, and that line starts no item of its
    own (a label, an address, a web or mail address). A line with no space was cut inside
    its one word only where it fills the column."""
    if following.page != line.page or not (
            -0.5 * line.size < following.top - line.bottom <= 0.8 * line.size):
        return False
    if abs(following.x0 - line.x0) > 3 * char_width(line) and not line.row_rest:
        # the next line starts in another column: no continuation (a row's rest cut where
        # the letter's text starts began at the column's edge with its row)
        return False
    if ITEM_AT_END.search(line.text.strip()):
        # an address ends with its town, a member's name with the party, whatever the next
        # line's width ("Victoria Velasquez (EL)" / "Beskæftigelsesministeriet")
        return False
    text = following.text.strip()
    if ADDRESSEE_LINE.match(text) and not OPEN_ENDED.search(line.text.strip()):
        # a committee named in full after a heading that fills the column ends no wrapped
        # line: "Oversendelse af redegørelse om ..." / "Folketingets Udenrigsudvalg"
        return False
    if text[:1].isupper() and DATELINE.match(text):
        # a date line of its own ("Den 30. maj 2007") after a heading that fills the column; a
        # heading's day goes on in small letters ("... stillet" / "den 3. maj 2021")
        return False
    if CAPITALS_LINE.match(text) and not CAPITALS_LINE.match(line.text.strip()):
        # a name in capitals after a heading ends it: "Besvarelse af ..." / "TRANSPORTMINISTERIET"
        return False
    first_word = text.split(" ", 1)[0]
    word_width = following.first_word_width
    room = right_edge - line.x1
    if " " not in line.text.strip():
        # cut inside its one word where it fills the column, or wrapped before a word glued
        # from several ("Folketingets" / "LovsekretariatFolketingetChristiansborg1240")
        glued_next = len(first_word) >= GLUED_WORD and room < word_width
        return (room < 2 * char_width(line) or glued_next) and not STARTS_ITEM.match(text)
    return room < word_width + char_width(line) and not STARTS_ITEM.match(text)




def label_goes_on(line: Line, following: Line) -> bool:
    """A line that ends in a phone label, its number on the next line."""
    return bool(LABEL_AT_END.search(line.text) and NUMBER_AT_START.match(following.text))


def both_separated(line: Line, following: Line) -> bool:
    """Both lines hold items set apart by separators ("Nygade 4 • 1234 Byby K")."""
    return bool(SEPARATED.search(line.text) and SEPARATED.search(following.text))


def joined_line(line: Line, following: Line, last_piece: Line | None = None) -> Line:
    """Two pieces of a wrapped line as one; a word cut in two (a line with no space, as
    long as the column is wide) joins without a space. ``last_piece``: the part of
    ``line`` drawn last, where ``line`` is itself joined from pieces."""
    piece = (last_piece or line).text.strip()
    # a piece as long as the column, with no space, is a word cut in two; a short one is a
    # word the next (a long glued one) did not fit after
    glue = "" if " " not in piece and len(piece) >= GLUED_WORD else " "
    return Line(text=f"{line.text.rstrip()}{glue}{following.text.lstrip()}", page=line.page,
                x0=min(line.x0, following.x0), x1=max(line.x1, following.x1), top=line.top,
                bottom=following.bottom, size=line.size, bold=line.bold and following.bold,
                first_word_x1=line.first_word_x1 if glue else None)


# -- the roles of a column's lines ------------------------------------------------------------

# A word wider than this share of the column wraps after anything: no sign of a wrapped line.
FULL_SHARE = 0.8
# Roles a line may show only together with the rest of it wrapped to the next line.
WRAPPED_ROLES = {STAMP, CONTACT, RECIPIENT, DATEBLOCK}

DAY_AT_END = re.compile(r"\b\d{1,2}\.$")
MONTH_AT_START = re.compile(rf"^{MONTHS}\s+\d{{4}}", re.IGNORECASE)
# ... also a month alone on its line, its day ending the line before ("... den 15." /
# "december" / "2020").
MONTH_AT_END = re.compile(rf"(?:\b\d{{1,2}}\.\s*|^){MONTHS}$", re.IGNORECASE)
YEAR_LINE = re.compile(r"^(?:19|20)\d{2}\b")
# ft.dk's title of a bill's answer in its stamp: "L 41 - endeligt svar på spørgsmål 6".
BILL_ANSWER_STAMP = re.compile(
    r"^(?:[A-ZÆØÅ]{2,4}\s+)?[LB]\s?\d{1,4}\s+[-–]\s+(?:(?:endeligt|foreløbigt|supplerende)\s+)?"
    r"svar\s+på\s+spørgsmål\s+\d+", re.IGNORECASE)
FOLKETINGETS_POSTCODE = re.compile(r"^(?:DK-)?1240\s+København\s+K$")
# "3. maj" / "2021": a date line broken before its year.
DAY_AND_MONTH = re.compile(rf"^(?:den\s+)?\d{{1,2}}\.\s*{MONTHS}$", re.IGNORECASE)
YEAR_ALONE = re.compile(r"^(?:19|20)\d\d$")
NUMERIC = re.compile(r"^[\d.,%\s-]+$")
# A vertical gap this many times the line's size (a blank line) ends the subject.
SUBJECT_GAP_EMS = 0.8
SUBJECT_MAX_LINES = 6
# A line of more words than a heading has is the letter's text run into one line
# ("Svar på spørgsmål nr. 248 (Alm. del):I brev af ...": its line breaks lost).
SUBJECT_MAX_WORDS = 45
# A heading's line that ends on a word or sign wanting more goes on to the next line.
# A line that breaks off before the day it names: "... stillet af Anne Hansen (DD) den".
BEFORE_A_DAY = re.compile(r"\b(?:den|d\.)$", re.IGNORECASE)
OPEN_ENDED = re.compile(r"(?:\b(?:af|fra|om|til|og|i|på|for|med|ved|vedrørende)|[-,(])$",
                        re.IGNORECASE)
# A heading in plain words: how many lines and words it may have, and the word in small
# letters that makes it a topic rather than a name ("Center for Sundhedsøkonomi og Politik").
PLAIN_HEADING_LINES = 3
PLAIN_HEADING_WORDS = (2, 30)
TOPIC_WORD = re.compile(r"[a-zæøå][a-zæøå\-]{4,}")
# ... also after an abbreviation: "VVM-redegørelse", "EU-miljømærkekriterier".
ABBREVIATED_COMPOUND = re.compile(r"[A-ZÆØÅ0-9]{2,}-[a-zæøå]{4,}")
# ... or a year, which no name of an office or person holds ("Årsrapport 2016 for Politiets
# Efterretningstjeneste").
YEAR_WORD = re.compile(r"(?:19|20)\d\d")
# A line that says how or to whom the letter goes ("Til orientering", "Sendt pr. e-mail",
# "Kopi til ..."), whose reference it is ("Deres reference"), or who handles it ("Kontor for
# skattepolitik", "Jens Hansen, fuldmægtig"): no heading.
NO_HEADING = re.compile(
    r"^(?i:til|pr\.|per|via|att\.?|sendt|kopi|cc|deres|vores)(?![\wæøå])"
    r"|^(?i:tak\s+for)\s"  # thanks that open the text: "Tak for udvalgets spørgsmål"
    r"|^(?i:fortroligt|embargo)\b"  # how it may be used: "Fortroligt indtil fremsættelse"
    r"|^(?:Kontor|Kontoret|Center|Centret|Enhed|Enheden|Afdeling|Afdelingen|Sekretariatet)"
    r"\s+for\s"
    r"|^[A-ZÆØÅ][\wæøå'\-]+(?:\s+[A-ZÆØÅ][\wæøå'\-.]*){1,3},\s*[a-zæøå][a-zæøå\- ]*$"
    # an office named by two fields: "Koncernøkonomi og styring", "Natur og miljø"
    r"|^[A-ZÆØÅ][a-zæøå\-]+\s+og\s+[a-zæøå\-]+$")
# How a heading may end that a sentence or a name does not: a bracket of words ("(Skærpet
# straf for vold)", "(Alm. del)"; not a party's "(EL)"), "m.v.".
HEADING_END = re.compile(
    r"\((?![A-ZÆØÅ]{1,3}\)$)[^()]*(?:\([^()]*\)[^()]*)*\)$|\bm\.\s?[vm]\.$|\bmv\.$")
# A subject or finite verb of a sentence: the text's first line, not a heading.
CLAUSE_WORD = re.compile(r"\b(?:jeg|vi|har|er|var|vil|kan|skal|blev|bliver|kunne)\b")
# A line that starts with the letter's heading over the question it answers.
QUESTION_STARTS = re.compile(r"^Spørgsmål(?:\s+nr\.)?\s*(?:S\s*)?\d+\b")
# The heading over the quoted question, after the subject: "URU alm. del spørgsmål 3:".
QUESTION_HEADING_LINE = re.compile(r"spørgsmål\s*(?:nr\.\s*)?(?:S\s*)?\d+\s*:$", re.IGNORECASE)
# ft.dk's stamp title broken before the question's description, also over a page break:
# "SOU, Alm.del - 2020-21 - Endeligt svar på spørgsmål 430:" / "Spm. om ministeren vil ...".
STAMP_TITLE_BROKEN = re.compile(r"^[A-ZÆØÅ]{2,4},?\s+Alm\.\s?del\b.*\bspørgsmål\s+\d+:\n"
                                r"Spm\.,?\s")
# A committee's series on a line of its own above the heading that answers in it.
SERIES_LINE = re.compile(r"^(?-i:[A-ZÆØÅ]{2,5})\s+alm\.?\s*del\.?$", re.IGNORECASE)
DASH_LINE = re.compile(r"^[-–]$")
# ... and the same series before a dash on the subject's own line.
SERIES_BEFORE_DASH = re.compile(r"^(?-i:[A-ZÆØÅ]{2,5})\s+alm\.?\s*del\.?\s*[-–]\s*",
                                re.IGNORECASE)
# The same title's row cut where the question's words start, its first part wrapped:
# "REU, Alm.del - 2024-25 - Endeligt svar på" / "spørgsmål 858:" + "Spm. om ...".
STAMP_TITLE_CUT = re.compile(r"^.*\bspørgsmål\s+\d+:\n(?:Spm\.,?\s)")
# A label with its colon anywhere in a line, also glued to the word before it.
LABEL_WITH_COLON = re.compile(rf"(?i:{ANY_LABEL})\s*:")
# Any letter or digit: a line without one holds no text ("|", a table rule's rest).
HAS_TEXT = re.compile(r"\w")
# A heading cut before the committee it names: "... fra Folketingets" + "Grønlandsudvalg",
# "... (Alm. del) fra" + "Folketingets Sundhedsudvalg".
BEFORE_A_NAME = re.compile(r"\b(?:Folketingets|fra)$")


class MainRoles:
    """The roles of the main column's lines, read in order.

    On page 1, the lines above the letter proper are its head: what stands there is the
    recipient, subject, letterhead, date block or stamp, also where only its words say so
    (a text printed in one column). Below it, the lines that are surely not running text
    (stamp, page numbers, letterhead, date block) are set apart wherever they stand.

    ``head_count``: how many lines the page's geometry already puts above the letter.
    """

    def __init__(self, lines: list[Line], head_count: int, right_edge: float):
        texts = [line.text.strip() for line in lines]
        raw = [role_of(text) for text in texts]
        for index in range(len(texts) - 1):
            if DAY_AND_MONTH.match(texts[index]) and YEAR_ALONE.match(texts[index + 1]):
                raw[index] = raw[index + 1] = DATEBLOCK  # a date broken before its year
            if texts[index] == "Christiansborg" and FOLKETINGETS_POSTCODE.match(texts[index + 1]):
                raw[index + 1] = raw[index]  # Folketinget's address, wherever it stands
            if raw[index] == STAMP and BILL_ANSWER_STAMP.match(texts[index + 1]):
                raw[index + 1] = STAMP  # the stamp's title of a bill's answer, below its session
        # The column's edge is where its widest line ends: the body column's right edge is
        # a percentile, which in a short letter falls short of it and makes lines wrapped.
        right_edge = max([right_edge, *(line.x1 for line in lines)])
        # A line wrapped at the column's edge goes on on the next: one role for both.
        wrapped = [index > 0 and (
                       is_wrapped(lines[index - 1], lines[index], right_edge)
                       or bool(STAMP_TITLE_BROKEN.match(f"{texts[index - 1]}\n{texts[index]}"))
                       or lines[index].row_rest and bool(STAMP_TITLE_CUT.match(
                           f"{texts[index - 1]}\n{texts[index]}")))
                   for index in range(len(lines))]
        for index in range(1, len(lines)):
            if wrapped[index] and goes_on_wrapped(raw[index - 1], texts[index],
                                                  texts[index - 1]) and (
                    raw[index] is None or raw[index] in WEAK):
                raw[index] = raw[index - 1]
            elif wrapped[index] and raw[index - 1] is None and PROSE.search(texts[index - 1]) \
                    and (raw[index] != CONTACT or OPEN_ENDED.search(texts[index - 1])) and not (
                    raw[index] == DATEBLOCK and texts[index - 1].endswith((".", "!", "?"))
                    and not DATELINE.match(texts[index])):
                # a sentence's rest ("august 2018, og vil ..."): its text; a letterhead line
                # of contact facts after a paragraph that fills the column stays letterhead,
                # but not after a sentence broken off at a small word ("... tilmelding ske
                # til" / "sekretariatet på [email protected] eller tlf. 33 92 03 43."); a date
                # block's line of more than the date after a sentence that ended keeps its role
                # ("... (DF)." / "21. maj 2012J.nr. 2012-0006331")
                raw[index] = None
            elif raw[index - 1] == RECIPIENT and raw[index] is None and (
                    OPEN_ENDED.search(texts[index - 1])
                    or wrapped[index] and texts[index][:1].islower()) and (
                    OPENING_VERB.search(texts[index]) and PROSE.search(texts[index])):
                # "Folketingets Udvalg for Fødevarer, Landbrug og" / "Fiskeri har i brev af
                # ...", "Folketingets Miljø- og Planlægningsudvalg" / "har i brev af ...":
                # the opening sentence names the committee, no address
                raw[index - 1] = None
        for index in range(len(lines) - 1):
            if role := role_wrapped_over(index, lines, texts, raw, wrapped):
                raw[index] = role
                # the rest takes the role where its own is weak ("16191" after "Sagsnr.:"),
                # the stamp's whatever role its wrap lent it before
                raw[index + 1] = role if role == STAMP or raw[index + 1] in WEAK \
                    else raw[index + 1] or role
            elif raw[index] in WEAK and starts_subject(texts, wrapped, index):
                raw[index] = None  # "Ministeren for flygtninge, indvandrere og" / "integrations
                #                    besvarelse af ...": a subject, not the sender's name
        mark_values(texts, raw)
        for index in range(1, len(lines)):
            if wrapped[index] and raw[index - 1] == VALUE and raw[index] is None and not (
                    PROSE.search(texts[index])):
                raw[index] = VALUE  # a row of values wrapped: "...Thomas" / "Højgaard2014-..."
        page_one = sum(1 for line in lines if line.page == lines[0].page) if lines else 0
        self.head_end = head_end(lines, texts, raw, head_count, page_one, wrapped)
        self.roles = resolved(texts, raw, self.head_end, [line.bold for line in lines], wrapped)

    def role(self, index: int) -> str | None:
        return self.roles[index]

    def in_running_text(self, index: int) -> bool:
        return index >= self.head_end and self.roles[index] not in SET_APART


# How many lines a line wrapped at the column's edge may run on over (a stamp of a page filed
# under three committees).
WRAPPED_RUN_LINES = 3


def role_wrapped_over(index: int, lines: list[Line], texts: list[str], raw: list[str | None],
                      wrapped: list[bool]) -> str | None:
    """The role of a line that shows none until the rest wrapped to the next line is read
    with it: the stamp ("Udlændinge- og Integrationsudvalget 2018-19 (1." / "samling)"),
    an address ("Folketingets Miljø- og" / "PlanlægningsudvalgChristiansborg1240 ..."), a
    letterhead ("...LigestillingsafdelingenVed Stranden" / "81061 København K T 72 26 97 80").
    """
    column = max(line.x1 for line in lines) - min(line.x0 for line in lines)
    following = lines[index + 1]
    word = texts[index + 1].split(" ", 1)[0]
    first_word = following.first_word_width
    # a line left open ("Udvalget for Fødevarer, Landbrug og") goes on, whether or not the
    # next word would have fitted after it
    left_open = bool(OPEN_ENDED.search(texts[index]))
    if raw[index] not in (None, RECIPIENT) or not (wrapped[index + 1] or left_open) or (
            # a rule of underscores fits after nothing
            first_word > FULL_SHARE * column and not any(char.isalpha() for char in word)
            or BODY_MARKER.match(texts[index]) or SIGNED_FOR_LINE.match(texts[index])):
        return None
    # Words of running text wrap to running text; only ft.dk's stamp, whose committees'
    # names hold many an "og", is read whole ("Social- og Indenrigsudvalget 2019-20,
    # Social- og Indenrigsudvalget 2019-20, Social- og" / "Indenrigsudvalget 2019-20").
    sentence = is_sentence_text(texts[index])
    joined, end = texts[index], index + 1
    while end < len(texts) and (wrapped[end] or end == index + 1 and left_open) and (
            end - index <= WRAPPED_RUN_LINES):
        joined, end = f"{joined} {texts[end]}", end + 1
        role = role_of(joined)
        # an address line shows its true role only as ft.dk's stamp ("Udvalget for X
        # 2009-10, Udvalget for" / "X 2009-10")
        if role == STAMP or role in WRAPPED_ROLES and raw[index] is None and not sentence:
            return role
    return None


# How many of prose's small words make a line running text ("hjemmesider. Der vil ikke").
PROSE_WORDS_IN_TEXT = 3


def is_sentence_text(text: str) -> bool:
    """Words of running text: four small words in a row, or three of prose's small words
    (an address's name has one or two: "Udvalget for Fødevarer, Landbrug og")."""
    return bool(PROSE.search(text)) or len(PROSE_WORD.findall(text.lower())) >= PROSE_WORDS_IN_TEXT


# A label of the page's number in a run of labels ("Dato" / "J. nr." / "Side").
PAGE_LABEL = re.compile(r"^\s*Side\s*:?\s*$")


def mark_values(texts: list[str], raw: list[str | None]) -> None:
    """Lines that hold the values of the label lines above them become ``VALUE``."""
    index = 0
    while index < len(texts):
        labels = labels_of(texts[index]) if raw[index] == LABEL else []
        end = index + 1
        if not labels and end < len(texts) and raw[end] == LABEL and (
                labels := run_labels(texts, index)):
            raw[index] = LABEL  # "Bilag" heading a column of labels
        while labels and end < len(texts) and (
                raw[end] == LABEL and labels_of(texts[end]) or PAGE_LABEL.match(texts[end])):
            # "Side" among the labels names the page its value ("1/2") numbers
            labels += labels_of(texts[end]) or [texts[end].strip()]
            raw[end] = LABEL
            end += 1
        while labels and end < len(texts) and COLONS.match(texts[end]):
            raw[end] = LABEL  # the labels' colons in a column of their own ("Dato" / ":")
            end += 1
        if not labels:
            index += 1
            continue
        consumed = pair_labels(labels, value_lines(texts, end, labels)).consumed
        for value in range(end, end + consumed):
            raw[value] = VALUE
        index = end + consumed


# The rule a table's cell ends with where the published text kept its rules as "|".
CELL_END = re.compile(r"\s\|$")


def head_end(lines: list[Line], texts: list[str], raw: list[str | None], start: int,
             limit: int, wrapped: list[bool]) -> int:
    """Index of the first line of the letter proper on page 1: past every line with a role
    of the head, a subject, and the lines the geometry puts above the letter."""
    index = 0
    while index < limit:
        text = texts[index]
        if raw[index] is not None or not HAS_TEXT.search(text):
            index += 1  # a line with a role of the head, or a rule's rest ("|")
        elif starts_subject(texts, wrapped, index):
            end = subject_end(lines, texts, raw, index, limit, wrapped)
            if end == index:
                break  # no heading: the letter's text, its line breaks lost
            index = end
        elif QUESTION_HEADING_LINE.search(text):
            # the question's heading, after the subject or with none: "EUU alm. del spørgsmål
            # 47:" starts the letter, no heading of its own
            break
        elif (index < start and (lines[index].bold or not looks_like_body(text))) or (
                is_short_unknown(text) and (any(raw[index + 1:min(index + 3, limit)]) or (
                    index + 1 < limit and starts_subject(texts, wrapped, index + 1)))):
            # above the letter by position, or a short line among head lines or above the
            # subject ("Asylkontoret" / "Endeligt svar på spørgsmål nr. 311 ...")
            index += 1
        elif CELL_END.search(text) and not looks_like_body(text):
            index += 1  # a cell of the head's table, its rule kept: "Økonomi- og Analysekontoret |"
        else:
            end = plain_heading_end(texts, raw, index, limit, wrapped)
            raw[index:end] = [SUBJECT] * (end - index)
            return end
    return index


def plain_heading_end(texts: list[str], raw: list[str | None], index: int, limit: int,
                      wrapped: list[bool]) -> int:
    """A heading in plain words where the letter proper starts ("Status for efterforskning
    og indvinding af geotermisk energi", "Delrapport om ... for en fast for-" / "bindelse
    over Kattegat"): a line or two of a phrase, no sentence, that the running text follows
    on a line of its own; a word in capitals over it names the paper ("GRUNDNOTAT" /
    "Statsstøtte til fremme af ..."). The index after it, or ``index`` where there is none."""
    if CAPITALS_WORD.fullmatch(texts[index]) and index + 1 < limit and raw[index + 1] is None:
        end = phrase_end(texts, raw, index + 1, limit, wrapped)
        if end > index + 1:
            return end
    return phrase_end(texts, raw, index, limit, wrapped)


def phrase_end(texts: list[str], raw: list[str | None], index: int, limit: int,
               wrapped: list[bool]) -> int:
    """The index after a heading's phrase that starts at ``index`` and that the running text
    follows, or ``index`` where there is none."""
    end = index + 1
    # a line goes on where it wrapped, or broke off after a hyphen or a small word before
    # words in small letters ("... i særlige tilfælde i" / "forbindelse med identitetsmisbrug")
    while end < limit and raw[end] is None and end - index < PLAIN_HEADING_LINES and (
            wrapped[end] or (texts[end - 1].endswith("-") or OPEN_ENDED.search(texts[end - 1]))
            and texts[end][:1].islower()):
        end += 1
    # the date block may stand between the heading and the text ("Liste over ..." /
    # "JTEU j.nr. 2015 - 30240" / "13. april 2018" / "Til orientering fremsendes ...")
    text_start = end
    while text_start < limit and raw[text_start] in (DATEBLOCK, VALUE):
        text_start += 1
    if text_start >= limit or (index and wrapped[index]) or raw[text_start] is not None or \
            wrapped[text_start]:
        return index
    heading = " ".join(texts[index:end])
    is_phrase = (
        (reads_as_heading(heading) or is_one_word_topic(heading) or is_dated_heading(heading))
        and not ONE_LABEL.match(heading)
        and (not heading.endswith(tuple(".,;:?!)\"”")) or bool(HEADING_END.search(heading)))
    )
    # the text's first line; after the date block, also one that fills the column and wraps
    # onto the next (a narrow page's "Til orientering fremsendes nedenstående liste over")
    text_starts = text_follows(texts[text_start]) or (
        text_start > end and texts[text_start][:1].isupper()
        and text_start + 1 < len(wrapped) and wrapped[text_start + 1])
    return end if is_phrase and text_starts else index


def text_follows(line: str) -> bool:
    """Whether a line opens the letter's running text."""
    return bool(BODY_MARKER.match(line)) or (line[:1].isupper() and looks_like_body(line))


def starts_subject(texts: list[str], wrapped: list[bool], index: int) -> bool:
    """Whether a subject starts at line ``index``, read alone or with its wrapped rest, or
    after the series it answers in ("GRU alm. del" / "–" / "svar på spørgsmål 111 ...")."""
    if SUBJECT_START.match(texts[index]):
        return True
    if (series := SERIES_BEFORE_DASH.match(texts[index])) and SUBJECT_START.match(
            texts[index][series.end():].capitalize()):
        return True  # "URU alm. del – svar på spørgsmål 148 fra ..."
    if SERIES_LINE.match(texts[index]):
        after = [text for text in texts[index + 1 : index + 3] if not DASH_LINE.match(text)]
        return bool(after) and bool(SUBJECT_START.match(after[0][:1].upper() + after[0][1:]))
    return index + 1 < len(texts) and wrapped[index + 1] and bool(
        SUBJECT_START.match(f"{texts[index]} {texts[index + 1]}"))


def subject_end(lines: list[Line], texts: list[str], raw: list[str | None], index: int,
                limit: int, wrapped: list[bool]) -> int:
    """Mark the subject starting at ``index`` and the lines that go on with it; the index
    after it. A subject ends at a blank line, at the letter's first heading or greeting,
    or at a line with a role of its own, unless the subject's words go on there (a line
    wrapped at the column's edge, "af 30." + "august 2021", "stillet af" + a member).
    Where the lines that go on hold more words than a heading has, there is no subject:
    ``index`` itself is returned."""
    end = index + 1
    while (end < limit and end - index < SUBJECT_MAX_LINES
           and (lines[end].top - lines[end - 1].bottom < SUBJECT_GAP_EMS * lines[end].size
                or continues_across_gap(texts[end - 1], texts[end]))
           and not lines[end].row_rest  # the row was cut where the subject ends
           and goes_on(texts[end - 1], texts[end], raw[end], wrapped[end],
                       lines[end - 1].bold, lines[end].bold)):
        end += 1
    if sum(len(text.split()) for text in texts[index:end]) > SUBJECT_MAX_WORDS:
        return index
    raw[index:end] = [SUBJECT] * (end - index)
    return end


def continues_across_gap(previous: str, text: str) -> bool:
    """ "... besvarelse af spørgsmål nr. 117" / (a blank line) / "(alm. del). Spørgsmålet ...",
    "... (alm. del) stillet" / (a blank line) / "af Folketingets ...": a heading's series in
    brackets, or its words in small letters, go with it across the gap."""
    if text.startswith("("):
        return not previous.endswith((".", ":", ")"))
    return text[:1].islower() and not previous.endswith((".", ":"))


# The sentence that names the member a question was asked for, which Udenrigsministeriet's
# headings end with.
ASKED_FOR_BY = re.compile(r"^Spørgsmålet\s+er\s+stillet\s+efter\b")


def goes_on(previous: str, text: str, role: str | None, wrapped: bool, bold: bool = False,
            next_bold: bool = False) -> bool:
    """Whether a subject's line ``previous`` goes on in ``text``."""
    if wrapped and previous.endswith(".") and role in (SENDER, CONTACT):
        return False  # "... (V)." / "ERHVERVSMINISTERIET": the heading ended, the letterhead
    if wrapped and COMMITTEE_ASKED.match(text) and not OPEN_ENDED.search(previous) and \
            not previous.endswith((" som", " der", " at")):
        return False  # "Kommentar til henvendelse ..." / "Folketingets Xudvalg har bedt om ..."
    # the letter's own headings and opening start with a capital or an enclosure's mark
    starts_anew = text[:1].isupper() or text.startswith("./.")
    if wrapped and not ((BODY_MARKER.match(text) or OPENING_CLAUSE.match(text)) and starts_anew):
        # "... på" / "spørgsmål nr. S 2748 stillet af ...": one heading; a sentence's start
        # ("Jeg henviser til ...") after a heading as wide as the short letter's column is not
        return True
    if bold != next_bold:
        return False  # a bold heading ends where the plain text starts
    if ASKED_FOR_BY.match(text):
        return True  # "... EUU alm. del – spørgsmål 47." / "Spørgsmålet er stillet efter ønske fra"
    if previous.count("(") > previous.count(")") and not BODY_MARKER.match(text):
        return True  # "... (L 206 - § 7." / "Finansministeriet) af ...": its bracket is open
    # The letter's own headings and opening start with a capital; "spørgsmål 159" after
    # "Svar på alm. del" is the heading's wrapped rest.
    if previous.endswith(":") or (BODY_MARKER.match(text) and starts_anew) or \
            SUBJECT_START.match(text) or QUESTION_HEADING_LINE.search(text):
        return False
    if role is None:
        # A long line that starts a sentence after a finished heading is the letter itself.
        return not (looks_like_body(text) and text[:1].isupper()
                    and not OPEN_ENDED.search(previous))
    # "... af 30." / "august 2021", "... den 14. juni" / "2021": a date broken in a heading
    cut_date = DAY_AT_END.search(previous) and MONTH_AT_START.match(text) or (
        MONTH_AT_END.search(previous) and YEAR_LINE.match(text))
    cut_name = MEMBER.match(text) and not previous.endswith((".", ")"))
    cut_committee = role == RECIPIENT and BEFORE_A_NAME.search(previous)
    # "... spørgsmål nr. 2 (Aktstykke nr. 227) af" / "27. april 2021", "... stillet af Anne
    # Hansen (DD) den" / "25. februar 2025.": the question's day
    cut_before_day = (OPEN_ENDED.search(previous) or BEFORE_A_DAY.search(previous)) and (
        DATELINE.match(text))
    # "... stillet af Kristian Pihl Lorentzen (V)" / "den 24. april 2020": the day it was asked
    asked_on = ASKED_BY.search(previous) and text.startswith("den ") and DATELINE.match(text)
    return bool(cut_date or cut_name or cut_committee or cut_before_day or asked_on)


def looks_like_body(text: str) -> bool:
    return bool(BODY_MARKER.match(text) or OPENING_CLAUSE.match(text)) or len(text.split()) >= 8


def is_short_unknown(text: str) -> bool:
    """A short line among head lines: an office ("Koncernøkonomi"), a name."""
    return len(text) <= 45 and len(text.split()) <= 5 and not text.endswith((".", ":")) and (
        not BODY_MARKER.match(text))


def is_short_heading(text: str) -> bool:
    """A heading of a few words where the letter proper starts, below the date block
    ("Stedfortrædere for ministrene", "Notat om jordforurening i Aalborg")."""
    return reads_as_heading(text) and not text.endswith(tuple(".,;:?!"))


def reads_as_heading(text: str) -> bool:
    """Words a heading has, not a sentence, a label's line or a name: capitalised, no clause
    or date, and a topic among them (a word in small letters or a year, which an office's
    or a person's name has not)."""
    words = text.split()
    return (PLAIN_HEADING_WORDS[0] <= len(words) <= PLAIN_HEADING_WORDS[1]
            and text[:1].isupper()
            and not BODY_MARKER.match(text) and not DATELINE.search(text)
            and not CLAUSE_WORD.search(text)
            and not LABEL_WITH_COLON.search(text)  # a date block's rest: "GieseSagsnr.: 2013-"
            and not NO_HEADING.match(text) and names_a_topic(words))


# A heading of one word, a topic in the indefinite ("Fravær", "Ressortændringer",
# "Berigtigelse"), also in capitals ("INVITATION"), not an office or institution in the
# definite ("Departementet", "MINISTERIET"), a post ("Kontorchef") or a town.
ONE_WORD_TOPIC = re.compile(r"[A-ZÆØÅ](?:[a-zæøå]{5,}|[A-ZÆØÅÉ]{5,})")
NOT_A_TOPIC_END = re.compile(
    r"(?:et|en|chef|konsulent|fuldmægtig|behandler|direktør|minister|sekretær|medarbejder"
    r"|assistent|rådgiver|jurist|økonom|havn|borg|rup|strup|lev|sted|købing|by|bro|holm)$")


def is_one_word_topic(text: str) -> bool:
    """
    >>> [is_one_word_topic(word) for word in ("Fravær", "Departementet", "Kontorchef",
    ...                                       "Spørgsmål", "INVITATION", "STATSMINISTERIET")]
    [True, False, False, False, True, False]
    """
    return bool(ONE_WORD_TOPIC.fullmatch(text)) and not NOT_A_TOPIC_END.search(
        text.lower()) and (
        not NO_HEADING.match(text)) and not BODY_MARKER.match(text)  # "Spørgsmål", "Svar"


# A date or month that ends a heading: "Samråd den 7. november 2013", "Statusrapport for
# hjemløsestrategien, marts 2012".
DATE_AT_END = re.compile(rf",?\s+(?:den\s+)?(?:\d{{1,2}}\.\s*)?{MONTHS}\s+(?:19|20)\d\d$",
                         re.IGNORECASE)


def is_dated_heading(text: str) -> bool:
    """A heading that ends with the date it is of, its words before the date a topic's, or a
    publication's title before its month ("Økonomisk Redegørelse, august 2019").

    >>> [is_dated_heading(text) for text in ("Samråd den 7. november 2013",
    ...                                      "Økonomisk Redegørelse, august 2019",
    ...                                      "København, den 7. november 2013")]
    [True, True, False]
    """
    date = DATE_AT_END.search(text)
    if date is None or not date.start():
        return False
    words = text[: date.start()]
    return reads_as_heading(words) or is_one_word_topic(words) or bool(
        PUBLICATION_MONTH.fullmatch(text))


# A publication's title in capitalised words, then its month after a comma: "Økonomisk
# Redegørelse, august 2019".
PUBLICATION_MONTH = re.compile(
    rf"(?:[A-ZÆØÅ][a-zæøå]+[ \t]+){{1,4}}[A-ZÆØÅ][a-zæøå]+,[ \t]+(?i:{MONTHS})[ \t]+"
    r"(?:19|20)\d\d")


def names_a_topic(words: list[str]) -> bool:
    """A heading's words, not a name's, an office's or a ministry's: a word in small letters
    but a month's ("Ministrenes stedfortrædere"), or a year ("Årsrapport 2016 for Politiets
    Efterretningstjeneste")."""
    if any(TOPIC_WORD.fullmatch(word) and not re.fullmatch(MONTHS, word)
           or ABBREVIATED_COMPOUND.fullmatch(word) for word in words):
        return True
    # a year among three words or more, not a date's ("Dato . september 2006")
    return len(words) >= 3 and any(YEAR_WORD.fullmatch(word) for word in words) and not any(
        re.fullmatch(MONTHS, word, re.IGNORECASE) for word in words)


def resolved(texts: list[str], raw: list[str | None], end: int, bold: list[bool],
             wrapped: list[bool]) -> list[str | None]:
    """Weak roles made strong or dropped by where they stand; short unknown head lines (an
    office's name among the date block's lines) joined to their neighbours, unless wrapped
    from an unknown line above ("... fra det midlertidige" / "AMO-udvalg": a heading's rest)."""
    roles = list(raw)
    for index in range(end):
        roles[index] = head_role(roles, index, texts)
    for index in range(end):
        if roles[index] is None and is_short_unknown(texts[index]) and not bold[index] and not (
                wrapped[index] and index and roles[index - 1] is None) and not (
                index == end - 1 and is_short_heading(texts[index])):
            roles[index] = neighbour_role(roles, index, end, texts[index])
    for start, stop in runs(roles, end):
        strong = any(roles[index] in STRONG for index in range(start, stop)) or (
            has_street_and_postcode(roles, texts, start, stop))
        for index in range(start, stop):
            roles[index] = body_role(roles[index], strong)
    for index in range(end, len(roles)):
        if roles[index] == PAGE and is_table_number(texts, index):
            roles[index] = None
    return roles


def head_role(roles: list[str | None], index: int, texts: list[str]) -> str | None:
    """In the head, a place is the recipient's; a postcode is whoever's stands above it,
    where two columns' lines come in turns, whoever's address it ends: Folketinget's 1240
    after Christiansborg, the sender's after its street ("Folketinget" / "Slotsholmsgade 10"
    / "Retsudvalget" / "1216 København K." / "Christiansborg" / "Telefon ..." / "1240 ...")."""
    role = roles[index]
    previous = roles[index - 1] if index else None
    if role == PLACE:
        return RECIPIENT
    if role != POSTCODE:
        return role
    above = texts[max(0, index - 3) : index]
    folketingets = FOLKETINGETS_POSTCODE.match(texts[index].rstrip("."))
    if folketingets and "Christiansborg" in above:
        return RECIPIENT
    if not folketingets and previous in {RECIPIENT, PLACE} and "Christiansborg" not in above[-1:] \
            and any(ANY_STREET.match(text) for text in above[:-1]):
        return CONTACT
    return RECIPIENT if previous in {RECIPIENT, PLACE} else CONTACT


def neighbour_role(roles: list[str | None], index: int, end: int, text: str = "") -> str | None:
    """The role of the line above, else below; below first where the line is left open
    ("Klima-, Energi- og" / "BygningsudvalgetFolketinget...")."""
    order = (index + 1, index - 1) if OPEN_ENDED.search(text) else (index - 1, index + 1)
    for other in order:
        if 0 <= other < end and roles[other] is not None:
            return roles[other]
    return None


def runs(roles: list[str | None], start: int) -> list[tuple[int, int]]:
    """(start, stop) of each run of lines with a role, from ``start`` on."""
    found: list[tuple[int, int]] = []
    index = start
    while index < len(roles):
        if roles[index] is None:
            index += 1
            continue
        stop = index
        while stop < len(roles) and roles[stop] is not None:
            stop += 1
        found.append((index, stop))
        index = stop
    return found


def has_street_and_postcode(roles: list[str | None], texts: list[str], start: int,
                            stop: int) -> bool:
    """A street line with a postcode line below it: an address, though each is weak."""
    return any(roles[index] == POSTCODE and ANY_STREET.match(texts[index - 1]) is not None
               for index in range(max(start, 1), stop))


def body_role(role: str | None, strong_run: bool) -> str | None:
    """Below the head: the recipient and subject are running text; weak roles count only
    beside a line that is surely letterhead, date block or stamp."""
    if role in {RECIPIENT, PLACE, SUBJECT}:
        return None
    if role in WEAK:
        return (CONTACT if role == POSTCODE else role) if strong_run else None
    return role


def is_table_number(texts: list[str], index: int) -> bool:
    """A bare number with numbers above or below it is a table's, not a page number."""
    neighbours = [texts[other] for other in (index - 1, index + 1) if 0 <= other < len(texts)]
    return BARE_PAGE.match(texts[index]) is not None and any(
        NUMERIC.match(text) for text in neighbours)
