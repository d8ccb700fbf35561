"""What a line is, from its words alone: ft.dk's stamp, a page number, the sender's
letterhead, the date and case-number block, the recipient's address, the subject.

A PDF printed from a letter's text, or a conversion that lost the page's geometry, sets
every line in one column: then nothing but the words tells the letterhead from the body.
These rules read the words; ``layout`` uses them to set such lines apart from the
running text wherever they stand (top, inside, after the signature).

    >>> role_of("Slotsholmsgade 10"), role_of("SUU Alm.del"), role_of("Dato: 28-11-2019")
    ('contact', 'stamp', 'dateblock')
    >>> role_of("Hermed sendes besvarelse af spørgsmål nr. 15") is None
    True

Some lines are only *weak* evidence ("Ministeren", "Tlf.", "Christiansborg", a bare
number): they count where they stand among other such lines, not on their own.

``mending`` pairs labels with their values and cuts glued lines apart; ``columnroles``
reads a column's lines in order. The shapes of contact lines (street, phone, mail, web,
CVR) are ``pipeline.contact_patterns``'s, which the letterhead's reader shares. Every
pattern is compiled once: these run on every line.
"""

from __future__ import annotations

import re

from pipeline.contact_patterns import (
    ANY_STREET,
    EMAIL_LINE,
    NUMBER_ID_LINE,
    PHONE_LINE,
    POSTCODE_LINE,
    STREET_LINE,
    STREET_SUFFIX,
    WEB_LINE,
)

# -- roles ------------------------------------------------------------------------------------

STAMP = "stamp"  # ft.dk's stamp, page-image markers
PAGE = "page"  # page numbers
CONTACT = "contact"  # the sender's street, postcode, phone, mail, web, CVR/EAN
SENDER = "sender"  # weak: ministry or department name, a contact label or bare number
DATEBLOCK = "dateblock"  # a date line, a labelled case number or office
LABEL = "label"  # weak: labels alone, their values on the lines below
VALUE = "value"  # a value paired with a label above it
RECIPIENT = "recipient"  # a committee, "Til Folketinget", a member
PLACE = "place"  # weak: "Folketinget", "Christiansborg", "DK Danmark"
POSTCODE = "postcode"  # weak: the recipient's or the sender's, by what stands before it
SUBJECT = "subject"  # a heading saying what the letter is

WEAK = {SENDER, LABEL, PLACE, POSTCODE}
# Lines of one family that stand together make one block.
ROLE_FAMILY = {
    STAMP: "stamp", PAGE: "page", CONTACT: "letterhead", SENDER: "letterhead",
    DATEBLOCK: "dateblock", LABEL: "dateblock", VALUE: "dateblock", RECIPIENT: "recipient",
    PLACE: "recipient", POSTCODE: "recipient", SUBJECT: "subject",
}  # fmt: skip
# The region of the Document each family's blocks go to.
REGION_OF = {
    "stamp": "stamp", "page": "footer", "letterhead": "sidebar", "dateblock": "sidebar",
    "recipient": "head", "subject": "head", "head": "head",
}  # fmt: skip
# Roles whose lines are taken out of the running text wherever they stand.
SET_APART = {STAMP, PAGE, CONTACT, SENDER, DATEBLOCK, LABEL, VALUE}
# Roles of lines long enough to wrap at the column's edge: their next line goes on with them.
WRAPPING = {STAMP, CONTACT, DATEBLOCK}
# Roles that set a run of lines apart on their own; weak ones go along with them.
STRONG = {STAMP, CONTACT, DATEBLOCK, VALUE}

# -- patterns ---------------------------------------------------------------------------------

MONTHS = (r"(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november"
          r"|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?")
# "14, november 2023": a comma typed for the day's full stop.
DATE = (rf"(?:\d{{1,2}}\s?\.\s?{MONTHS}\s+\d{{4}}|\d{{1,2}}[-./]\d{{1,2}}[-./]\d{{2,4}}"
        rf"|\d{{1,2}}/\d{{1,2}}\s\d{{4}}|{MONTHS}\s+\d{{4}}|\d{{1,2}},\s{MONTHS}\s+\d{{4}})")
# Where a dateline may name the day without a comma: "København den 3. maj 2021", "Mandag
# den 3. maj 2021" (not a heading's rest: "Udvalg den 29. november 2004.").
DAY_OR_SEAT = (r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|København|Aarhus|Århus"
               r"|Odense|Aalborg|Esbjerg|Nuuk|Tórshavn)")
# "22. marts 2023", "Den 23. maj 2011", "København, den 10. juni 2009", "Dato: 14-08-2018".
DATELINE = re.compile(
    rf"^(?:(?:dato|date)\s*[:.]?\s*|[A-ZÆØÅ][\wæøå]+,\s*(?:den\s+|d\.\s*)?"
    rf"|(?:{DAY_OR_SEAT}\s+)?(?:den|d\.)\s+)?{DATE}\.?$",
    re.IGNORECASE,
)
# A date line in figures ("Dato: 28-11-2019."), which a full stop does not make prose. (A
# date in words with a full stop, "4. maj 2020.", stays prose here: it may end a sentence
# wrapped onto a line of its own; the letter date takes it where nothing goes before it.)
DAY_DATE_LINE = re.compile(r"^\D{0,20}\d{1,2}-")
# A line that starts with a date, perhaps glued to more: "24. april 2012J.nr. ...".
DATE_LEAD = re.compile(
    rf"^(?:(?:dato|date)\s*[:.]?\s*|(?:[A-ZÆØÅ][\wæøå]+,\s*|{DAY_OR_SEAT}\s+)?(?:den|d\.)\s+)?"
    rf"{DATE}",
    re.IGNORECASE,
)
# A date glued to the case number before it: "J.nr. 2009-458114. juni 2009".
# (Not the day's second digit after its label: "Dato29. august 2012", "Dato:12. april 2018"
# are whole.)
GLUED_DATE_TAIL = re.compile(
    rf"(?<!\s\d)(?<!:\d)(?<![Dd][Aa][Tt][OoEe]\d)(?<=\d)[0-3]?\d\.\s?{MONTHS}\s+\d{{4}}$",
    re.IGNORECASE)

# Labels of the date block and the letterhead, longest spellings first.
DATE_LABELS = r"dato|date"
CASE_LABELS = (
    r"sag/id\s?nr\.?|sagsnummer|sags\.?\s?nr\.?|sag\s?nr\.?|sagsnr\.?|journalnummer"
    r"|journal\.?\s?nr\.?|j\.?\s?nr\.?|jnr\.?|vores\s+sag|vores\s+ref\.?|deres\s+ref\.?"
    r"|ref\.?\s?-?\s?nr\.?|dokument\s?nr\.?|dok\.?\s?nr\.?|doknr\.?|dok\.?\s?id|dok\."
    r"|akt\s?-?\s?id|eksp\.?\s?nr\.?|fil-?navn"
)
# "Bilag:" only with its colon: "Bilag 1" heads an enclosure, "L 69 Bilag 3" is the stamp.
TEXT_LABELS = r"kontor|enhed|afdeling|sagsbehandler|sagsbeh\.?|initialer|bilag(?=\s*:)"
CONTACT_LABELS = (
    r"telefax|telefon|tlf\.?|tel\.?|fax\.?|direkte|mobil|e-?mail|e-post|mail|web|hjemmeside"
    r"|cvr\s?-?\s?nr\.?|cvr|ean\s?-?\s?nr\.?|ean"
)
ANY_LABEL = rf"(?:{CASE_LABELS}|{TEXT_LABELS}|{DATE_LABELS}|{CONTACT_LABELS})"
# One label: its words, then a colon or nothing; no letter may follow in the same word.
ONE_LABEL = re.compile(rf"\s*[•·]?\s*({ANY_LABEL})(?-i:(?![a-zæøå]))\s*:?\s*", re.IGNORECASE)
LABEL_KINDS = [
    ("date", re.compile(rf"^(?:{DATE_LABELS})", re.IGNORECASE)),
    ("case", re.compile(rf"^(?:{CASE_LABELS})", re.IGNORECASE)),
    ("text", re.compile(rf"^(?:{TEXT_LABELS})", re.IGNORECASE)),
    ("phone", re.compile(r"^(?:telefax|telefon|tlf|tel|fax|direkte|mobil)", re.IGNORECASE)),
    ("mail", re.compile(r"^(?:e-?mail|e-post|mail)", re.IGNORECASE)),
    ("web", re.compile(r"^(?:web|hjemmeside)", re.IGNORECASE)),
    ("number", re.compile(r"^(?:cvr|ean)", re.IGNORECASE)),
    ("enclosures", re.compile(r"^bilag$", re.IGNORECASE)),
]
# "Bilag" without its colon heads a column of labels ("Bilag" / "Sag/ID Nr." / "Enhed" /
# "Dato", then "1" / "2015 - 2977" / ...): a label only where more labels follow it.
ENCLOSURES_LABEL = re.compile(r"^\s*Bilag\s*$")
# A line that starts with a date-block label and a value: "Sagsnr.: 1805818", "J.nr. 2022 - 1",
# also after an office's letters: "ØK/ Sagsnr. ...", "JTEU j.nr. 2015 - 30240".
LABELLED_DATEBLOCK = re.compile(
    rf"^(?:[A-ZÆØÅ]{{2,5}}/\s?|[A-ZÆØÅ]{{2,5}}\s(?=(?i:{CASE_LABELS})))?"
    rf"(?i:{CASE_LABELS}|{TEXT_LABELS}|{DATE_LABELS})"
    r"(?![a-zæøå])\s*(?::|\.?\s*\d|\s+[\dA-ZÆØÅ]{2})"
)
# A bare case number on a line of its own: "2023 - 8669", "2019-6346", "04-201-52/101-0012".
BARE_CASE = re.compile(r"^(?:[A-ZÆØÅ]{2,5}[-. ])?\d{2,}(?:\s?[-/]\s?\w*\d\w*)+$")
BARE_NUMBER = re.compile(r"^\d{4,13}$")

# ft.dk's stamp: "Sundheds- og Ældreudvalget 2019-20", "SUU Alm.del", "Offentligt",
# "982702_0001.png", "L 69 Bilag 3", "S 2993", "Aktstk. 98", and its title line
# "SAU, Alm.del - 2019-20 - Endeligt svar på spørgsmål 413: ...", and its archive's
# "-- AKT 2204055 -- BILAG 3 -- [ 1. Svar på BEU 504 ] --". A page filed under a bill and
# its parts names each: "L 200 , L 200 A , L 200 B".
# The banner ft.dk's PDF converter put on each page of older letters.
CONVERTER_BANNER = re.compile(r"^PDF to HTML\b")
STAMP_BILL = r"(?:[LBSFVR]\s?\d{1,4}(?:\s[A-C])?|Aktstk\.\s?\d{1,4})"
STAMP_LINE = re.compile(
    r"^\d{5,9}_\d{4}\.png$|^--\s*AKT\s+\d+\s+--"
    rf"|^Offentligt$|^Udkast$|{CONVERTER_BANNER.pattern}"
    r"|^[A-ZÆØÅ]{2,4},?\s+Alm\.del\b"
    rf"|^(?:[A-ZÆØÅ]{{2,4}}\s+)?{STAMP_BILL}(?:\s+Bilag\s+\d{{1,4}})?(?:\s*,\s*{STAMP_BILL})*$"
    r"|^(?:[LBSFVR]\s?\d{1,4}|[A-ZÆØÅ]{2,4},?\s+Alm\.\s?del)\s+-\s+\d{4}-\d{2}\b"
)
# A ministry's name glued to the line after it: "STATSMINISTERIETDato: 15. april 2009".
GLUED_MINISTRY = re.compile(r"^([A-ZÆØÅ][\w,\- ]{0,60}?(?i:ministeriet))(?=[A-ZÆØÅ]\S)")
# A session of Folketinget: "2019-20", "2010-11 (1. samling)".
SESSION = r"(?:19|20)\d\d-\d\d(?:\s*\(\d\.\s*samling\))?"
# "Retsudvalget 2019-20"; on a page filed under several: "Forsvarsudvalget 2012-13,
# Forsvarsudvalget 2012-13" (names may hold commas: "Udvalget for Fødevarer, Landbrug og ...").
STAMP_COMMITTEE = re.compile(
    rf"^[A-ZÆØÅ][^\d:]{{2,80}}?\s{SESSION}(?:\s*,\s*[A-ZÆØÅ][^\d:]{{2,80}}?\s{SESSION})*$")
# The stamp's lines run into one: "Retsudvalget 2011-12REU alm. del , endeligt svar på
# spørgsmål 315Offentligt" (a second stamp, of the committee that asked, below the first).
GLUED_STAMP = re.compile(
    rf"^[A-ZÆØÅ][^\d:]{{2,80}}?\s{SESSION}\s*[A-ZÆØÅ]{{2,4}},?\s+(?i:alm\.?\s?del)\b.{{0,200}}"
    r"Offentligt$")
SESSION_LINE = re.compile(rf"^{SESSION}$")
COMMITTEE_WORD = re.compile(r"udvalg|nævn|lovsekretariat", re.IGNORECASE)

# "Side 1 af 2", "Side 1/2", "1/3", "Side", "- 2 -"; a bare number counts where no table is.
PAGE_NUMBER = re.compile(
    r"^(?:side\s*)?\d{1,3}\s*(?:af|/)\s*\d{1,3}$|^side(?:\s+\d{1,3})?$|^-\s*\d{1,3}\s*-$",
    re.IGNORECASE,
)
BARE_PAGE = re.compile(r"^\d{1,2}$")

# What a letterhead line glued from several holds: each counts once.
GLUE_SIGNALS = [
    re.compile(r"\d{4}\s+[A-ZÆØÅ][a-zæøåA-ZÆØÅ]+"),
    re.compile(r"telefon|telefax|tlf\.|(?<![a-zæøå])fax|(?<![\w])T \+?\d", re.IGNORECASE),
    re.compile(r"www\.|\.dk\b", re.IGNORECASE),
    re.compile(r"@|\[email", re.IGNORECASE),
    re.compile(r"cvr|ean\s", re.IGNORECASE),
    re.compile(STREET_SUFFIX + r"\s+\d", re.IGNORECASE),
]
# Four words in lower case in a row: running text, never a letterhead's or date block's.
PROSE = re.compile(r"(?:\b[a-zæøå]+\s+){3}[a-zæøå]+\b")
# Words of running prose: a letterhead glued from parts has few of them.
PROSE_WORD = re.compile(
    r"\b(?:og|at|der|som|er|har|til|for|af|den|det|en|et|i|på|med|ikke|vil|kan|jeg)\b"
)

# Sender's names: "Miljøministeriet", "MINISTEREN", "Kulturministeren", "Lovafdelingen",
# "Departementet", one that coordinates three words ("Udlændinge-, Integrations- og
# Boligministeriet"), and a name wrapped over lines ("Udlændinge- og"); not a heading that
# names one after a year or a preposition ("Årsrapport 2005 for Fødevarestyrelsen").
SENDER_NAME = re.compile(
    r"^(?!.*\d)(?!.*\s(?:for|om|fra|til|af|med|vedr\.?|vedrørende)\s\S+$)"
    r"(?:[\wæøåÆØÅ]+-,\s*)*[\wæøåÆØÅ\- ]{0,50}(?:ministeriet|ministeren|ministerium"
    r"|afdelingen|departementet|styrelsen)$|^[\wæøåÆØÅ]+-\s+og$"
    r"|^minister(?:iet|en)\s+for\s+[\wæøåÆØÅ\-, ]{3,60}$",
    re.IGNORECASE,
)

# The recipient: "Folketingets Finansudvalg", "Skatteudvalget", "Til Folketinget",
# "Udvalget for Forretningsordenen", "Folketingets Lovsekretariat", a member "Navn (DF)",
# a copy under the first ("(også sendt til Folketingets Beskæftigelsesudvalg)").
RECIPIENT_NAME = re.compile(
    r"^(?:\((?:også\s+sendt\s+til|kopi\s+til)\s+)?(?:Til:?\s+)?(?:Medlemmerne\s+af\s+)?"
    r"(?:Folketingets\s+|Det\s+)?"
    r"(?:[A-ZÆØÅ][\wæøåÆØÅ\-,. ]{0,80})?(?:[Uu]dvalg(?:et)?(?:\s+for\s+[\wæøåÆØÅ,\- ]{3,60})?"
    r"|Lovsekretariat(?:et)?|Nævn(?:et)?)(?:\s+og\s+deres\s+stedfortrædere)?\)?$"
)
RECIPIENT_TO = re.compile(r"^Til:?\s+[A-ZÆØÅ][\wæøå]+(?:\s+[\wæøåÆØÅ\-]+){0,5}$")
# A signature: the minister's name and the official's after a slash ("Karen Hækkerup/Anne
# Berg Mansfeld-Giese"), a line of its own even where it fills the column.
SIGNED_FOR_LINE = re.compile(
    r"^[A-ZÆØÅ][\wæøå'\-]+(?:\s+[A-ZÆØÅ][\wæøå'\-.]*){1,3}\s*/\s*"
    r"[A-ZÆØÅ][\wæøå'\-]+(?:\s+[A-ZÆØÅ][\wæøå'\-.]*){0,3}$")
# A member of Folketinget addressed: "Karin Liltorp (M)", "Karin Liltorp, MF", "MF Karin Liltorp".
PERSON = r"[A-ZÆØÅ][\wæøå\-]+(?:\s+[A-ZÆØÅ][\wæøå\-.]*){1,3}"
MEMBER = re.compile(rf"^(?:MF\s+{PERSON}|(?!Kære\b){PERSON}(?:\s+\([A-ZÆØÅ]{{1,3}}\)|,?\s+MF))$")
DIGIT = re.compile(r"\d")
# Words an address block of Folketinget's holds, checked before cutting a line into parts.
RECIPIENT_HINT = re.compile(r"Christiansborg|Folketing|[Uu]dvalg|Lovsekretariat|Nævn")
PLACE_LINE = re.compile(r"^(?:Folketinget|Christiansborg|DK\s+Danmark|Danmark)$"
                        # Folketinget's address on one line: "Christiansborg, 1240 København K"
                        r"|^(?:Folketinget,?\s+)?Christiansborg,?\s+(?:DK-)?1240\s+København\s+K$")
# Verbs of an opening sentence: a line with one is no address.
OPENING_VERB = re.compile(r"\b(?:har|er|stillet|bedt|sendes|besvare[sr]?|fremsendes)\b")

# A subject: "Svar på Finansudvalgets spørgsmål nr. 234", "Besvarelse af spørgsmål 278",
# "Miljøministerens besvarelse af ...", "Orientering om ...", "Fremsættelse af ...",
# "Europaudvalgets spørgsmål 28 ...".
SUBJECT_START = re.compile(
    # the one answering in the genitive: "Skatteministerens", "Miljø- og fødevareministerens",
    # "Ministeren for flygtninge, indvandrere og integrations"
    r"^(?:(?:[A-ZÆØÅ][\wæøå\-]*\s+){0,3}[A-ZÆØÅ][\wæøå\-]*s\s+"
    r"|[A-ZÆØÅ][\wæøå]*-\s+og\s+[\wæøå]*minister\w*s\s+"
    r"|Minister(?:en|iet)\s+for\s+[\wæøå\-, ]{3,60}?s\s+)?"
    r"(?i:(?:(?:endelig|foreløbig|supplerende|skriftlig)\w*\s+)?(?:svar|besvarelse)(?:\s*\(\w+\))?"
    r"\s+(?:på|af)(?:\s|$))"
    # "Europaudvalgets spørgsmål 28 ad EUU alm. del af den 7. marts 2007" (not the heading
    # over the question restated: "Retsudvalgets spørgsmål nr. 54 (Alm. del):")
    r"|^(?!.*:$)(?:[A-ZÆØÅ][\wæøå\-]*\s+){0,2}[A-ZÆØÅ][\wæøå\-]*udvalg(?:et)?s\s+"
    r"(?i:spørgsmål|spm\.)"
    r"\s+(?i:nr\.\s*)?(?:S\s?)?\d"
    r"|^(?i:orientering\s+om|fremsættelse\s+af|(?:over|frem)sendelse\s+af|spørgsmål\s+fra|vedr\.?:?"
    r"|anmodning\s+om|redegørelse\s+om|høring\s+over|invitation\s+til|ad"
    r"|kommentar(?:er)?\s+til|bemærkninger\s+til|vedrørende:?|angående:?|emne:"
    r"|berigtigelse\s+af|rettelse\s+(?:af|til)|rettelsesblad\s+til|udkast\s+til)\s"
)
# Where the letter proper starts: a question heading, "Svar", a greeting, an opening.
BODY_MARKER = re.compile(
    r"^(?:spørgsmål|spm\.)(?!\s+fra\b)|^svar\b"
    r"|^(?:kære|hej|til\s+udvalget|til\s+udvalgets|hermed|i\s+brev|under\s+henvisning|\./\.)",
    re.IGNORECASE,
)
# A sentence's opening, however short the line: "Jeg kan oplyse følgende:", "Jeg henviser til
# vedlagte notat.", "Ministeriet har behov for mere tid." (no heading starts so).
OPENING_CLAUSE = re.compile(
    r"^(?:Jeg|Vi)\s+[a-zæøå]+\b"
    r"|^(?:Der|Det|Udvalget|Regeringen|Ministeriet|[A-ZÆØÅ][\wæøå-]*ministeriet)\s+"
    r"(?:kan|skal|vil|har|er|må|blev|bliver|kunne|skulle|ville|havde|var|[a-zæøå]+(?:er|es))\b")
# Parts of a glued letterhead, to be set apart: before each label or web or mail address,
# where a capital follows a small letter, and a one-letter label after the district
# ("København KT 72 20 50 00").
GLUED_CONTACT_CUT = re.compile(
    r"(?<=\S)(?=(?i:telefax|telefon|tlf\.|e-mail|e-post|cvr\b|cvr-|cvr:|ean\b|ean:"
    r"|hjemmeside|mail:|web:|www\.|\[email)|DK-\d{4}\s)"
    r"|(?<=[^\seE])(?=(?i:fax\.?\s))"
    r"|(?<=\d)\s+(?=(?i:www\.|\[email))"
    r"|(?<=[a-zæøå])(?=[A-ZÆØÅ])"
    r"|(?<=\s[KVCNSØ])(?=[TFEM]\s\+?\d)|(?<=\d)(?=[EFMTW]\s\S)"
    # an e-mail address glued to the web address or number before it ("...ministeriet.dk" +
    # "jm@jm.dk", "9001" + "M" + "sum@sum.dk"), its one-letter label kept
    r"|(?<=\.dk)(?=[a-z][\w.-]*@)|(?<=\d)(?=M?[a-z][\w.-]*@[\w-]+\.)"
    r"|(?<=\dM)(?=[a-z][\w.-]*@[\w-]+\.)"
)
# Parts of a glued address block: before "Christiansborg", "Folketinget", a committee, the
# postcode, an e-mail ("FolketingetUdvalget for ...Christiansborg1240 København K").
GLUED_RECIPIENT_CUT = re.compile(
    r"(?<=[a-zæøå])(?=Christiansborg|(?:Folketinget|Udvalget|Folketingets)(?![a-zæøå])|\d{4}\s)|(?<=\S)(?=\[email)"
    r"|(?<=Folketinget)(?=[A-ZÆØÅ])|(?<=udvalg)(?=[A-ZÆØÅ])|(?<=udvalget)(?=[A-ZÆØÅ])"
    r"|(?<=Christiansborg)(?=\d)|(?<=[a-zæøå])\s+(?=Christiansborg\b)"
    r"|(?<=Christiansborg)\s+(?=\d{4}\s)"
)
# Parts of a glued date block: before each label that has a value after it, and before
# "Den" glued to a case number ("J.nr. ABC-123-45678Den 4. maj 2020").
GLUED_DATEBLOCK_CUT = re.compile(
    rf"(?<=\S)(?=(?i:{CASE_LABELS}|{TEXT_LABELS}|dato)(?![a-zæøå])\s*[:.]?\s*[\w\d])"
    r"|(?<=\d)(?=Den\s+\d)"
)


def role_of(text: str) -> str | None:
    """The role a line's words alone give it, or None for running text.

    >>> [role_of(t) for t in ("982702_0001.png", "Side 1 af 2", "T +45 7226 9000",
    ...                       "W sum.dk", "Folketingets Finansudvalg", "Ministeren")]
    ['stamp', 'page', 'contact', 'contact', 'recipient', 'sender']
    """
    text = text.strip()
    if not text or len(text) > 300 or BODY_MARKER.match(text):
        return None  # a question heading, "Svar", a greeting: the letter proper
    if is_glued_recipient(text):
        return RECIPIENT
    if glued_ministry(text):
        return SENDER
    return (stamp_role(text) or page_role(text) or contact_role(text) or dateblock_role(text)
            or recipient_role(text) or sender_role(text))


def glued_ministry(text: str) -> str | None:
    """The ministry's name at the head of a line glued from it and a letterhead or date-block
    line: "TESTMINISTERIETDato: 15. april 2009" -> "TESTMINISTERIET"."""
    found = GLUED_MINISTRY.match(text)
    return found.group(1) if found and role_of(text[found.end():]) is not None else None


def stamp_role(text: str) -> str | None:
    if STAMP_LINE.match(text) or GLUED_STAMP.match(text) and COMMITTEE_WORD.search(text):
        return STAMP
    if STAMP_COMMITTEE.match(text) and COMMITTEE_WORD.search(text) and (
            len(text) < 100 * len(re.findall(SESSION, text))):  # each name under 100
        return STAMP
    return None


def page_role(text: str) -> str | None:
    return PAGE if PAGE_NUMBER.match(text) or BARE_PAGE.match(text) else None


def contact_role(text: str) -> str | None:
    if len(text) <= 80 and (STREET_LINE.match(text) or PHONE_LINE.match(text)
                            or EMAIL_LINE.match(text) or WEB_LINE.match(text)
                            or NUMBER_ID_LINE.match(text)):
        return CONTACT
    if POSTCODE_LINE.match(text):
        return POSTCODE
    return CONTACT if is_glued_letterhead(text) else None


def is_glued_letterhead(text: str) -> bool:
    """A letterhead whose lines were glued by a lost line break or set on one row with
    separators: "Slotsholmsgade 101216 København K.Telefon 7226 8400Telefax ..."."""
    signals = sum(1 for signal in GLUE_SIGNALS if signal.search(text))
    if signals < 2:
        return False
    words = text.split()
    return len(PROSE_WORD.findall(text)) <= max(1, len(words) // 6)


# A date stamp's line, in capitals and without the day's full stop: "03 DEC. 2019", "- 3 DEC.
# 2019". Read from a scan, the stamp may lose letters and split its digits ("0 3 C. 2019").
DATE_STAMP = re.compile(
    r"^[ \t]*(?:(?:Dato|DATO)[ \t]*:?[ \t]*)?[-–]?[ \t]*(?P<day>\d(?:[ \t]?\d)?)[ \t]+"
    r"(?P<month>[A-ZÆØÅ]{1,4}|JANUAR|FEBRUAR|MARTS|APRIL|AUGUST|SEPTEMBER|OKTOBER|NOVEMBER"
    r"|DECEMBER)\.?[ \t]+(?P<year>(?:19|20)\d{2})[ \t]*$", re.MULTILINE)


def dateblock_role(text: str) -> str | None:
    if DATE_STAMP.match(text):
        return DATEBLOCK  # "0 3 DEC. 2019"
    if DATELINE.match(text):
        # "august 2022." ending a sentence is running text; a date line has no full stop.
        return LABEL if text.endswith(".") and not DAY_DATE_LINE.match(text) else DATEBLOCK
    if labels_of(text):
        return LABEL
    if LABELLED_DATEBLOCK.match(text) and len(text) <= 200:
        return DATEBLOCK
    if DATE_LEAD.match(text) and GLUED_DATEBLOCK_CUT.search(text):
        return DATEBLOCK  # "24. april 2012J.nr. 2012-0005712/2012-4252"
    return LABEL if BARE_CASE.match(text) else None


def recipient_role(text: str) -> str | None:
    if PLACE_LINE.match(text):
        return PLACE
    if OPENING_VERB.search(text) or BODY_MARKER.match(text) or (
            DIGIT.search(text) and not is_glued_recipient(text)):
        return None
    if SUBJECT_START.match(text):
        return None  # a heading that ends in a committee's name: "Spørgsmål fra Forsvarsudvalget"
    if RECIPIENT_NAME.match(text) or RECIPIENT_TO.match(text) or MEMBER.match(text):
        return RECIPIENT
    return RECIPIENT if is_glued_recipient(text) else None


def is_glued_recipient(text: str) -> bool:
    """ "Folketingets TrafikudvalgChristiansborg1240 København K": an address block glued."""
    if len(text) > 160 or not RECIPIENT_HINT.search(text) or OPENING_VERB.search(text) or (
            BODY_MARKER.match(text)):
        return False
    parts = split_recipient(text)
    return len(parts) >= 2 and any(RECIPIENT_NAME.match(part) for part in parts)


# The longest name a ministry has had: "Ministeriet for Børn, Ligestilling, Integration og
# Sociale Forhold" (66 characters); a longer line is prose.
SENDER_NAME_LENGTH = 70


def sender_role(text: str) -> str | None:
    if SENDER_NAME.match(text) and len(text) <= SENDER_NAME_LENGTH:
        return SENDER
    if ANY_STREET.match(text):
        return SENDER  # "Landgreven 4": a street by its shape alone, beside a postcode
    if BARE_NUMBER.match(text.replace(" ", "")) and len(text) <= 16:
        return SENDER  # a phone or CVR number below its label
    return None


# -- labels and their values -----------------------------------------------------------------


def labels_of(text: str) -> list[str]:
    """The labels a line holds and nothing else: "Dato:Kontor:Sagsnr.:Dok.:" -> four.

    >>> labels_of("Dato:Kontor:Sagsnr.:Dok.:"), labels_of("Dato: 4. maj 2020")
    (['Dato:', 'Kontor:', 'Sagsnr.:', 'Dok.:'], [])
    """
    labels: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = ONE_LABEL.match(text, position)
        if not match or match.end() == position:
            return []
        labels.append(match.group(0).strip(" •·"))
        position = match.end()
    return labels


def run_labels(texts: list[str], index: int) -> list[str]:
    """The labels of line ``index``, with "Bilag" a label where label lines follow it.

    >>> run_labels(["Bilag", "Sag/ID Nr.", "Enhed"], 0), run_labels(["Bilag", "Jeppe Kofod"], 0)
    (['Bilag'], [])
    """
    if ENCLOSURES_LABEL.match(texts[index]):
        follows = index + 1 < len(texts) and bool(labels_of(texts[index + 1]))
        return [texts[index].strip()] if follows else []
    return labels_of(texts[index])


def kind_of_label(label: str) -> str:
    for kind, pattern in LABEL_KINDS:
        if pattern.match(label.strip(" •·")):
            return kind
    return "text"


# -- glued address blocks -------------------------------------------------------------------


def split_recipient(text: str) -> list[str]:
    parts = GLUED_RECIPIENT_CUT.split(text.strip(" |"))
    return [part.strip(" |") for part in parts if part and part.strip(" |")]


# -- blocks -----------------------------------------------------------------------------------


def leading_names(lines: list[str]) -> int:
    """How many of a letterhead's first lines name the sender ("Udlændinge- og",
    "Integrationsministeriet", "MINISTEREN") before its address, where an address follows."""
    count = 0
    while count < len(lines) and SENDER_NAME.match(lines[count].strip()):
        count += 1
    rest = lines[count:count + 2]
    addressed = any(STREET_LINE.match(line) or POSTCODE_LINE.match(line) for line in rest)
    return count if addressed else 0


def is_stamp_block(lines: list[str]) -> bool:
    """A block of ft.dk's stamp: stamp lines, and the committee and session they name."""
    return all(stamp_role(line) or RECIPIENT_NAME.match(line) or SESSION_LINE.match(line)
               for line in lines)
