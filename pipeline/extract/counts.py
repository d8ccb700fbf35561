"""Counts of things: "22 initiativer" -> 22, noun "initiativer", lemma "initiativ".

    >>> [(c.value, c.lemma) for c in doc._.counts]  # doctest: +SKIP
    [(4, 'indsatsområde'), (22, 'initiativ')]

A count is a whole number (in digits or words, "fire") followed by a noun,
adjectives allowed between ("to helt centrale områder"). The noun is a word:
never a line break, a bullet or a cut-off word at the end of the text. Not
counts: years, amounts, dates, case numbers (the earlier components found
those, so their spans are skipped), question numbers, numbers in web
addresses, ordinals ("4."), list markers ("1)"), numbers after "nr.", "§",
"stk." and the like, one group of a number set in groups (phones "33 92 33 33",
"2020 - 6967", CVR), numbers after a label ("Tlf.", "CVR", "Postboks") or a
street name ("Holbergsgade 6"), units and ages ("3 GW", "under 18 år"), names
with digits ("Covid-19"), the article "en/et", the English "to" of a quotation
("contributed to that outcome"), and the factors of a product ("2 x 20 pladser").

A table column headed "Antal børn" counts children in each of its cells.
"""

from __future__ import annotations

import re
from itertools import takewhile

from spacy.lang.da.stop_words import STOP_WORDS as DA_STOP_WORDS
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from models import Count
from pipeline.extract.amounts import COLUMN_LABEL, unit_of
from pipeline.extract.base import located, sentence_at
from pipeline.extract.dates import MONTHS
from pipeline.extract.letterhead.signature import CLOSING, PERSON_NAME
from pipeline.extract.numbers import (
    HUNDREDS,
    SCALES,
    number_word,
    parse_number,
    plausible,
    whole,
    written_as_year,
)
from pipeline.extract.questions import ALM_DEL_NUMBER, QUESTION_REF
from pipeline.extract.tables import cell_per_line_tables
from pipeline.nlp.lemmatizer import compound_lemma, lemmy_lemma, lemmy_lemmas

# Words before a number that make it a reference, not a count: "nr. 12", "§ 5", "stk. 2".
REFERENCE_WORDS = {
    "nr", "nr.", "§", "§§", "stk", "stk.", "kapitel", "kap.", "bilag", "punkt", "pkt.",
    "side", "s.", "bind", "spørgsmål", "spm.", "lov", "l", "b", "tabel", "figur", "afsnit",
    "artikel", "art.", "version", "niveau", "kl.", "klokken", "uge", "tv", "fase", "runde", "litra",
    "aktstk", "aktstk.", "sagsnr", "sagsnr.", "dok", "dok.", "doknr", "doknr.", "j.nr",
    "j.nr.", "akt-id", "postboks", "tlf", "tlf.", "tel", "tel.", "telefon", "fax", "fax.",
    "telefax", "t", "f", "cvr", "cvr-nr", "cvr-nr.", "ean", "ean-nr", "dk",
    "blok", "etape", "trin", "kategori", "modul", "sektion",  # "Avedøreværkets blok 2"
}  # fmt: skip
# Words before a number that make it a rate's denominator: "pr. 1.000 indbyggere".
RATE_WORDS = {"pr", "pr.", "per"}
# A street before its number: "Holbergsgade 6", "Frederiksholms Kanal 27", "Højbro Plads 4".
STREET = re.compile(
    r"(?:gade|vej|plads|kanal|allé|alle|torv|stræde|boulevard|vænge|bro|have|holm|bakke|"
    r"passage|brygge|kaj|park|slotsplads|ring)$", re.IGNORECASE)  # "Motorring 3", "Ring 3"
# Words that say how near a number comes ("Ca. 60.000 husstande", "Omkring 600", "Alle 98
# kommuner"): starting a sentence, they name nothing the number numbers, and no street.
APPROXIMATIONS = {
    "ca", "ca.", "cirka", "omkring", "alle", "knap", "godt", "små", "over", "under", "næsten",
    "mindst", "højst", "kun", "blot", "heraf", "hvoraf", "yderligere", "samlet", "hele",
    "præcis", "nøjagtig", "ialt", "tilsammen", "endnu", "omtrent",
}  # fmt: skip
# Words that strengthen the adjective after them: "to helt centrale områder".
INTENSIFIERS = {"helt", "meget", "særligt", "særdeles", "ganske", "yderst", "mere", "mest",
                "næsten", "lige", "forholdsvis"}
# Words between a number and its noun that say which of the things: "6 andre skoler".
OTHERS = {"andre", "yderligere"}
# A noun is a word of letters, hyphenated compounds allowed: never "\n", "•" or "[".
# A compound's first parts may hold digits ("covid-19-patienter"); its last part may not. An
# abbreviation may take its ending after an apostrophe ("NGO'er") or start a compound
# ("ph.d.-studerende"), or a name with digits ("IC4-togsæt").
WORD = re.compile(r"(?:(?:[^\W\d_]{1,4}\.)+(?=-)|[^\W\d_]{2,}(?:\d{1,3}(?=-))?|[^\W\d_](?=-))"
                  r"(?:-[^\W_]+)*(?<!\d)(?:['’][a-zæøå]{1,4})?")
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Nouns that make a number a measure, not a count of things.
# ("tre gange" counts repetitions: not a unit.)
UNIT_LEMMAS = {
    "år", "måned", "uge", "dag", "døgn", "time", "minut", "sekund", "procent",
    "pct", "pct.", "procentpoint", "kr", "kr.", "krone", "mio", "mio.", "mia", "mia.",
    "million", "milliard", "tusind", "ton", "kg", "km", "meter", "m", "m2", "kvm", "gw", "mw",
    "kw", "twh", "gwh", "mwh", "liter", "ha", "hektar", "euro", "eur", "dkk", "point", "øre",
    "gram", "g", "mg", "kilo", "kilometer", "cm", "mm", "m3", "kwh", "pj", "tj", "db", "decibel",
    "m²", "m³", "km2", "km²", "kvadratkilometer", "tons", "watt", "kilowatt", "megawatt",
    "sømil", "mil", "knob", "grad", "promille", "ects-point", "ects",
    "centimeter", "millimeter", "decimeter", "dl", "deciliter", "cl", "centiliter", "ml",
    "milliliter", "hk", "hestekraft", "pund", "dollar", "usd", "oktan", "kcal", "kalorie",
    "volt", "ampere", "franc", "kvadratmeter", "kvadratcentimeter", "etagekvm",
    "etagekvadratmeter",
}  # fmt: skip
NOT_COUNT_WORDS = {"en", "et", "én", "ét"}
# Nouns a cover letter abbreviates, with the word they stand for: "Hermed sendes 175 eks.".
ABBREVIATED_NOUNS = {"eks.": "eksemplar", "ekspl.": "eksemplar"}
# Scale words between a number and what it counts: "13 mio. mennesker".
COUNT_SCALES = {"mio.", "mio", "mia.", "mia", "millioner", "milliarder", "million", "milliard",
                "tusind", "tusinde", "hundrede"}
# Words that make "tusinde" or "hundrede" after them no number: "flere tusinde henvendelser".
VAGUE_BEFORE_SCALE = {"flere", "mange", "nogle", "adskillige", "få"}
QUALIFIER_VERBS = {"er", "blev", "bliver", "var", "har", "havde", "været", "blevet", "nu", "alle"}
MAX_ADJECTIVES = 3
# Plural surface forms of units, for when a lemma is missing or odd.
UNITS = {"timer", "måneder", "uger", "dage", "minutter", "sekunder", "procentpoint",
         "kubikmeter", "kvadratmeter", "hverdage", "arbejdsdage", "arbejdsuger"}
# Units that end a compound ("løntimer"); "uger" and "dage" end other words too ("bruger").
UNIT_ENDINGS = tuple(unit for unit in UNITS if len(unit) >= 5)


@Language.component(
    "ministerbrev_counts",
    requires=["doc._.amounts", "doc._.dates", "doc._.periods", "doc._.case_numbers"],
)
def counts_component(doc: Doc) -> Doc:
    doc._.counts = find_counts(doc)
    return doc


def find_counts(doc: Doc) -> list[Count]:
    taken = taken_spans(doc)
    english = english_sentences(doc)
    counts = []
    for token in doc:
        value = count_value(token)
        if value is None or is_reference(token) or overlaps(token, taken) or \
                repeats_the_word_before(token) or english and token.sent.start in english:
            continue
        if grouped := grouped_by_spaces(token):
            value, last = grouped  # "12 500 personer"
        elif in_number_group(token, taken) or after_label_or_street(token) or \
                SERIES_AFTER.match(doc.text, token.idx + len(token.text)) or \
                factor_of_a_product(token):
            continue
        else:
            value, last = scaled_count(token, value)
        last = digits_after_the_word(last) or last
        if not plausible(value):
            continue
        noun = counted_noun(last) or noun_of_the_whole(token, taken) or \
            noun_of_the_next_number(token, taken) or noun_of_the_group(last)
        if noun is not None and is_word(noun) and not is_multiplier(noun) and \
                not names_no_thing(noun) and not names_a_size_class(token):
            counts.append(make_count(doc, token, noun, value))
    counts += counts_glued_to_their_noun(doc, taken)
    return sorted([*counts, *counts_in_tables(doc)], key=lambda count: count.evidence.start)


# A number glued to the noun after it where a conversion lost the space: "2.617førstegangs-
# ansøgninger"; the tokenizer keeps them one token.
GLUED_COUNT = re.compile(r"(?P<number>\d{1,3}(?:\.\d{3})+|\d{1,4})(?P<noun>[a-zæøå]{4,})")


def counts_glued_to_their_noun(doc: Doc, taken: list[tuple[int, int]]) -> list[Count]:
    """Counts whose number and noun are one token, the space between them lost.

    The noun is read by its form alone (the tagger never saw it apart): a word in small
    letters in the plural's commonest ending ("-er": "188note" is a footnote's mark,
    "1nedenfor" no count), no unit; a reference word before it ("nr.", "§") or a year
    makes none.
    """
    counts = []
    for token in doc:
        glued = GLUED_COUNT.fullmatch(token.text)
        if glued is None or overlaps(token, taken) or is_reference(token):
            continue
        value = int(glued["number"].replace(".", ""))
        noun = glued["noun"]
        lemma = lemmy_lemma("NOUN", noun)
        no_noun = unit_word(noun, lemma) or noun in MONTHS or noun in DA_STOP_WORDS
        if written_as_year(glued["number"]) or no_noun or value < 2 or \
                not noun.endswith("er") or not plausible(value):
            continue
        start, end = token.idx, token.idx + len(token.text)
        counts.append(Count(value=value, noun=noun, lemma=lemma,
                            sentence=sentence_at(doc, start, end), **located(doc, start, end)))
    return counts


# A month after a number is a date without its day's full stop ("Den  2 maj 2005"); a
# question's heading after one is the next heading of a letter run into one line.
HEADING_WORDS = {"spørgsmål", "svar"}


# A share ("to tredjedele af kommunerne") or an age ("25 årige"): no things counted.
SHARE_OR_AGE = re.compile(
    r"(?:halv|tredje|fjerde|femte|sjette|syvende|ottende|niende|tiende|tyvende|hundrede)"
    r"del(?:e|en|ene)?|\w*årig(?:e)?", re.IGNORECASE)


def names_no_thing(noun: Token) -> bool:
    """ "2 maj", "Motorring 4 Spørgsmål 1:": no thing counted (a counted "spørgsmål" is in
    small letters: "40 spørgsmål"); "to tredjedele", "25 årige": a share, an age."""
    return noun.lower_ in MONTHS or (noun.is_title and noun.lower_ in HEADING_WORDS) or bool(
        SHARE_OR_AGE.fullmatch(noun.text))


# A question's number before its series: "stillet følgende spørg smål 44 alm. del".
SERIES_AFTER = re.compile(r"\s*\(?alm\.?\s*del\b", re.IGNORECASE)
THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def in_number_group(number: Token, taken: list[tuple[int, int]]) -> bool:
    """One group of a number set in groups: "33 92 33 33", "2020 - 6967", "6198 4000";
    not a number after a date ("1. oktober 2021 46 anbefalinger")."""
    text = number.doc.text
    line_start = text.rfind("\n", 0, number.idx) + 1
    line_end = text.find("\n", number.idx)
    before = text[line_start : number.idx]
    after = text[number.idx + len(number.text) : line_end if line_end >= 0 else len(text)]
    group_before = re.search(r"\d[ \t]*[-–/]?[ \t]*$", before)
    if group_before and any(start <= line_start + group_before.start() < end
                            for start, end in taken):
        group_before = None  # the digit ends a date or an amount, not a group of this number
    if group_before and THOUSANDS.fullmatch(number.text) and not re.search(
            r"[-–/]", group_before.group(0)):
        group_before = None  # "i 2021 1.234 anmeldelser": a number set with points is whole
    if group_before and YEAR_BEFORE.search(before):
        group_before = None  # "i 2023 12 NGO'er": the year the things were counted in
    return bool(group_before or re.match(r"[ \t]*[-–/]?[ \t]*\d", after))


def grouped_by_spaces(number: Token) -> tuple[int, Token] | None:
    """A number whose thousands are set apart by spaces, as amounts also are ("12 500
    personer", "1 250 000 indbyggere"): its value and its last group. Groups of two or four
    digits make a phone number ("33 92 33 00"), no count; nor does a group after a number.

    >>> import spacy
    >>> doc = spacy.blank("da")("i alt 12 500 personer")
    >>> grouped_by_spaces(doc[2])
    (12500, 500)
    """
    doc = number.doc
    before = doc[number.i - 1] if number.i else None
    if not re.fullmatch(r"\d{1,3}", number.text) or (before is not None and before.like_num):
        return None
    last = number
    while last.whitespace_ == " " and last.i + 1 < len(doc) and re.fullmatch(
            r"\d{3}", doc[last.i + 1].text):
        last = doc[last.i + 1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if last is number or after is None or after.like_num or not after.is_alpha:
        return None
    return int("".join(token.text for token in doc[number.i : last.i + 1])), last


# A year after a preposition, right before a number: "støtter i 2023 12 NGO'er".
YEAR_BEFORE = re.compile(r"\b(?:i|år|siden|fra|til|pr\.)[ \t]+(?:19|20)\d\d[ \t]+$", re.IGNORECASE)


# A product of two numbers, "2 x 20 pladser": the things number the product, which the text
# does not write, so neither factor counts them.
PRODUCT_BEFORE = re.compile(r"\d[ \t]*[x×][ \t]*$")
PRODUCT_AFTER = re.compile(r"[ \t]*[x×][ \t]*\d")


def factor_of_a_product(number: Token) -> bool:
    """The "2" and the "20" of "2 x 20 pladser"."""
    text, end = number.doc.text, number.idx + len(number.text)
    return bool(PRODUCT_BEFORE.search(text, max(0, number.idx - 8), number.idx)
                or PRODUCT_AFTER.match(text, end))


def after_label_or_street(number: Token) -> bool:
    """ "Tlf. 7226 8400", "CVR-nr. 1009", "Holbergsgade 6", "Frederiksholms Kanal 27"."""
    before = previous_word(number)
    if before is None:
        return False
    word = before.text.lower().rstrip(":")
    if word in APPROXIMATIONS and starts_a_sentence(before):
        return False  # "Omkring 600 husstande", "Alle 98 kommuner": no street
    return word in REFERENCE_WORDS or bool(before.text[:1].isupper() and STREET.search(word))


def previous_word(token: Token) -> Token | None:
    index = token.i - 1
    while index >= 0 and (token.doc[index].is_space or token.doc[index].text == ":"):
        index -= 1
    return token.doc[index] if index >= 0 else None


def is_word(noun: Token) -> bool:
    """A real word: letters, not all capitals (a letterhead's "UDENRIGSMINISTERIET"), and
    not the last word of a text cut off in the middle of it ("to alternati")."""
    if noun.lower_ in ABBREVIATED_NOUNS:
        return True
    if not WORD.fullmatch(noun.text):
        return False
    if noun.text.isupper() and compound_continuation(noun) is None and \
            ending_after_apostrophe(noun) is None:
        return False
    # A text cut off mid-word ends with it, or the signature follows it (where a page set the
    # signature after the text); a list's last item ends its paragraph too ("- 40 nye
    # pladser" / "" / "Det er godt.").
    rest = noun.doc.text[noun.idx + len(noun.text) :]
    if not re.match(r"[ \t]*\n[ \t]*\n", rest):
        return bool(rest.strip())
    following = rest.strip().split("\n", 1)[0].strip()
    return bool(following) and not (CLOSING.match(following) or PERSON_NAME.match(following))


def digits_after_the_word(number: Token) -> Token | None:
    """The closing bracket of the digits that repeat a number word: ")" of "fem (5) nye
    stillinger", the count's noun after it."""
    doc = number.doc
    if not number.is_alpha or number.i + 3 >= len(doc):
        return None
    opening, digits, closing = doc[number.i + 1 : number.i + 4]
    repeated = opening.text == "(" and closing.text == ")" and digits.is_digit and \
        int(digits.text) == number_word(number.text)
    return closing if repeated else None


def repeats_the_word_before(digits: Token) -> bool:
    """The "5" of "fem (5) nye stillinger": one count with its word."""
    return digits.i >= 2 and digits_after_the_word(digits.doc[digits.i - 2]) is not None


def scaled_count(number: Token, value: int | float) -> tuple[int | float, Token]:
    """ "5,1 mio. brugere" counts 5100000; returns the value and the token before the noun."""
    doc = number.doc
    if number.i + 1 < len(doc) and doc[number.i + 1].lower_ in COUNT_SCALES:
        scale = doc[number.i + 1].lower_
        return whole(value * (SCALES.get(scale) or HUNDREDS[scale])), doc[number.i + 1]
    return value, number


def taken_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans other extractors already claimed (amounts, dates, periods), and
    question references and web addresses, whose numbers count nothing."""
    facts = [*(doc._.amounts or []), *(doc._.dates or []), *(doc._.periods or [])]
    spans = [(fact.evidence.start, fact.evidence.end) for fact in facts]
    for pattern in (QUESTION_REF, ALM_DEL_NUMBER, URL):
        spans += [match.span() for match in pattern.finditer(doc.text)]
    return spans


def overlaps(token: Token, spans: list[tuple[int, int]]) -> bool:
    end = token.idx + len(token.text)
    return any(start < end and token.idx < stop for start, stop in spans)


def count_value(token: Token) -> int | None:
    """A whole number in digits (not a year, not an ordinal) or a number word."""
    text = token.text
    if re.fullmatch(r"\d{1,3}(\.\d{3})*|\d+", text):
        value = int(text.replace(".", ""))
        is_year = written_as_year(text) and not counts_in_a_years_digits(token)
        followed_by_dot = token.i + 1 < len(token.doc) and token.nbor().text == "."
        ordinal = followed_by_dot and not token.whitespace_  # "4. kvartal"
        return None if is_year or ordinal else value
    if re.fullmatch(r"\d+,\d+", text) and next_is_scale(token):
        return parse_number(text)  # "1,1 mia. transaktioner"
    if text.lower() in NOT_COUNT_WORDS or in_english(token):
        return None
    if text.lower() in COUNT_SCALES and token.i > 0 and (
            token.nbor(-1).lower_ in VAGUE_BEFORE_SCALE or count_value(token.nbor(-1))):
        return None  # "flere tusinde henvendelser"; "to hundrede" is read from its "to"
    return number_word(text)


# Words before a year: "i 2021", "siden 2015", "maj 2021", "år 2030", "2019 og 2020".
BEFORE_A_YEAR = {"år", "året", "primo", "medio", "ultimo", "og", "eller", "-", "–", "/", "pr."}


def counts_in_a_years_digits(number: Token) -> bool:
    """A number written as a year that counts the plural noun right after it: "afvist 1944
    personer", "i alt 2017 sager"; not a year after a preposition or month ("i 2021 blev")."""
    before = previous_word(number)
    if before is None or before.pos_ == "ADP" or before.lower_ in BEFORE_A_YEAR or \
            before.lower_ in MONTHS or before.is_digit:
        return False
    noun = counted_noun(number)
    return noun is not None and noun.pos_ == "NOUN" and noun.is_lower and \
        "Plur" in noun.morph.get("Number")


# English function words that are no Danish words (less the Danish words among them: "give
# to eksempler", "de to former for"): beside them "to" is English ("contributed to that
# outcome" in a quotation).
ENGLISH_ONLY = EN_STOP_WORDS - DA_STOP_WORDS - {
    "give", "side", "top", "part", "last", "made", "former", "front"}


# A sentence with this many of these English function words, none of them a Danish word or
# abbreviation ("ca", "it", "per"), is English (a letter of the European Council's president
# quoted whole), where "to" is no number and "23 March" no count.
ENGLISH_FUNCTION_WORDS = {"the", "of", "and", "will", "with", "is", "are", "we", "this",
                          "which", "from", "on", "in", "has", "have", "been", "would",
                          "should", "their", "our"}
ENGLISH_SENTENCE_WORDS = 3


def in_english(token: Token) -> bool:
    """ "to" beside an English function word is the English preposition, not "two": "to
    the", a template's left-over "Click here to enter text"; so is "to" before a word in
    -ing, which no Danish plural but "ting" ends in: "look forward to meeting you"."""
    if token.lower_ != "to":
        return False
    around = [token.doc[index] for index in (token.i - 1, token.i + 1)
              if 0 <= index < len(token.doc)]
    after = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
    return any(word.lower_ in ENGLISH_ONLY for word in around) or (
        after.endswith("ing") and after != "ting" and after.isalpha())


def english_sentences(doc: Doc) -> set[int]:
    """The first token's index of each sentence in English, whose numbers count nothing ("...
    held on 22 and 23 March 2005 in the Justus Lipsius Building"); none in a text without
    sentence boundaries."""
    if not doc.has_annotation("SENT_START"):
        return set()
    return {sentence.start for sentence in doc.sents
            if sum(word.lower_ in ENGLISH_FUNCTION_WORDS for word in sentence)
            >= ENGLISH_SENTENCE_WORDS}


def next_is_scale(token: Token) -> bool:
    return token.i + 1 < len(token.doc) and token.nbor().lower_ in COUNT_SCALES


def is_adverb_of_manner(word: Token) -> bool:
    """An adjective's neuter used as an adverb, which may describe the word after it: the
    "alvorligt" of "12 alvorligt tilskadekomne"."""
    return word.pos_ == "ADV" and word.lower_.endswith("t") and \
        lemmy_lemma("ADJ", word.text) + "t" == word.lower_


def is_degree_adverb(word: Token) -> bool:
    """An adverb's superlative or comparative before the adjective it grades: the "bedst" of
    "de otte bedst placerede hold", the "hårdest" of "de fem hårdest ramte kommuner"."""
    after = next_word(word)
    return word.pos_ == "ADV" and word.morph.get("Degree") in (["Sup"], ["Cmp"]) and \
        after is not None and is_adjective(after)


# Quotation marks a counted noun may stand in: 'tre såkaldte "fyrtårnsprojekter"'.
QUOTATION_MARKS = {'"', "»", "«", "“", "”", "„"}
# Signs a number may follow with no space between: a bracket or a quotation mark.
OPENERS = {"(", "[", "'", "‘", "’", *QUOTATION_MARKS}


def is_reference(token: Token) -> bool:
    if token.i == 0:
        return False
    before = token.nbor(-1)
    # "Covid-19", "E45"; not a number that starts a paragraph, after its blank line's token,
    # or a quotation: "»18 strategiske partnerskaber«"
    glued = not before.whitespace_ and not before.is_space and before.text not in OPENERS
    word = before.text.lower().lstrip("-–(")
    if word == "." and token.i >= 2:
        word = token.nbor(-2).lower_ + "."  # "art. 133": the abbreviation's full stop apart
    return (glued or word in REFERENCE_WORDS or word in RATE_WORDS
            or word.endswith(("spørgsmål", "§"))
            or heads_its_sentence(before) or pages_in_all(token) or ends_a_range_of(token)
            or bool(EU_DOCUMENT_BEFORE.search(token.doc.text[max(0, token.idx - 20) : token.idx])))


# The EU's document numbers: "KOM (2005) 171", "KOM(2010)0372", "SEK (2009) 12".
EU_DOCUMENT_BEFORE = re.compile(r"\b(?:KOM|COM|SEK|SEC|SWD|JOIN)\s*\(\d{4}\)\s*$")


RANGE_WORDS = {"til", "og", "-", "–", "eller"}


def ends_a_range_of(number: Token) -> bool:
    """The last of references named together: "3" of "Tabel 1 til 3", "bilag 2 og 3"."""
    if number.i < 2 or number.nbor(-1).lower_ not in RANGE_WORDS:
        return False
    first = number.nbor(-2)
    return first.like_num and is_reference(first)


def pages_in_all(number: Token) -> bool:
    """The page count of a page number: "5" of "Side 2 af 5" run into the text."""
    if number.i < 3:
        return False
    side, page, of = number.doc[number.i - 3 : number.i]
    # "Side" may be glued to the word it broke: "Kommissi o-Side 2 af 5 nens opfattelse"
    return side.lower_.endswith("side") and page.like_num and of.lower_ == "af"


def heads_its_sentence(word: Token) -> bool:
    """A capitalised noun that starts its sentence or line names what the number after it
    numbers: "Tiltag 13 udfaser ...", "Scenarie 2 forudsætter ..."."""
    return starts_a_sentence(word) and word.is_title and word.pos_ in ("NOUN", "PROPN") and \
        word.lower_ not in APPROXIMATIONS and not (  # "Ca. 60.000 husstande": the tagger's noun
            "Gen" in word.morph.get("Case") or GENITIVE.search(word.lower_))


# A noun in the genitive owns the things its number counts: "Landets 94 jobcentre".
GENITIVE = re.compile(r"(?:et|en|ne)s$|['’]s$")


def starts_a_sentence(word: Token) -> bool:
    """The word starts its sentence or line; a sentence the parser starts inside a name
    ("hurtigfærgen Villum" / "Clausen 612.000 passagerer") is none."""
    before = word.nbor(-1) if word.i else None
    return before is None or before.is_space or bool(word.is_sent_start and before.is_punct)


def in_brackets_alone(sign: Token) -> bool:
    """A bracket of a pair around one word: "(" or ")" of "(vedlagte)"."""
    doc = sign.doc
    if sign.text == "(":
        return sign.i + 2 < len(doc) and doc[sign.i + 2].text == ")" and doc[sign.i + 1].is_alpha
    return sign.text == ")" and sign.i >= 2 and doc[sign.i - 2].text == "(" and \
        doc[sign.i - 1].is_alpha


def is_acronym_before_a_plural(word: Token) -> bool:
    """A name's capitals ("EFSI", "EU") right before a noun in small letters in the plural."""
    after = word.nbor() if word.i + 1 < len(word.doc) else None
    return word.is_alpha and word.is_upper and 2 <= len(word.text) <= 6 and after is not None \
        and word.whitespace_ == " " and after.is_lower and after.pos_ == "NOUN" \
        and "Plur" in after.morph.get("Number")


def counted_noun(number: Token) -> Token | None:
    """The noun a number counts, skipping up to three adjectives ("12 nye lokale tiltag").

    With no noun after them, the last adjective is the thing counted: "3.400 frivillige",
    "249.198 studerende".
    """
    doc = number.doc
    adjectives: list[Token] = []
    line_break = False
    for offset in range(1, MAX_ADJECTIVES + 3):
        if number.i + offset >= len(doc):
            break
        word = doc[number.i + offset]
        if word.is_space:
            if "\n\n" in word.text and adjectives and broken_over_blank_line(word):
                return None  # "tre nye" / "" / "geotermitilladelser": a heading broken apart
            if "\n\n" in word.text or alone_on_line(number):
                break  # a paragraph's end; a table's cell ("195" / "April"), whatever the tagger
            line_break = line_break or "\n" in word.text
            continue  # a line break inside the phrase: "to helt centrale\nområder"
        if line_break and word.text[:1].isupper():
            break  # the next line starts afresh: "Dok. nr.: 669610\nFolketingets ..."
        if (word.lower_ in INTENSIFIERS | OTHERS or is_adverb_of_manner(word) or
                is_degree_adverb(word)) and not adjectives:
            # "12 helt nye", "6 andre skoler", "12 alvorligt tilskadekomne",
            # "de otte bedst placerede hold"
            continue
        if NAME_WITH_DIGITS.fullmatch(word.text) and not adjectives:
            continue  # "12 Covid-19 testcentre": a name with digits before the noun it describes
        if in_brackets_alone(word):
            continue  # "to (vedlagte) fælleserklæringer": the brackets around an adjective
        if word.text in QUOTATION_MARKS and (quoted := next_word(word)) is not None and \
                quoted.is_alpha:
            continue  # 'tre såkaldte "fyrtårnsprojekter"', "12 »frikommuner«": the noun quoted
        if is_acronym_before_a_plural(word) and not adjectives:
            continue  # "206 EFSI projekter": a name's letters before the noun it describes
        if word.lower_ in ABBREVIATED_NOUNS:
            return word  # "Hermed sendes 175 eks. af betænkningen"
        if is_unit(word):
            return None  # "160 gram tobak": a measure, whatever the tagger calls the unit
        if glued_plural_length(word):
            return word  # "17.405 opholdstilladelserpå asylområdet": the next word glued on
        if ending_after_apostrophe(word) is not None:
            return word  # "5 NGO’er", whatever the tagger calls the word split from its ending
        if word.pos_ in {"NOUN", "ADV"} and adjective_tagged_a_noun(word):
            # "3.400 praktiserende læger", "tre mest berørte kommuner"
            adjectives.append(word)
            continue
        if is_noun(word):
            if is_definite_singular(word):
                return None  # part of a name: "inden for 12 sømilegrænsen"
            if participle_before_noun(word):
                adjectives.append(word)  # "291 tilbagetrukne asylansøgninger", mistagged
                continue
            return None if is_unit(word) else word
        if not is_adjective(word):
            if looks_like_mistagged_noun(word) and (
                    adjectives and word.lower_ not in DA_STOP_WORDS or word.pos_ == "X" or (
                        is_a_whole(number) and reads_as_a_plural_noun(word)) or (
                        after_a_determiner(number) and word.lower_ not in DA_STOP_WORDS)):
                # "9 nye sagsbehandlere", the noun tagged as an adverb; "de fem socialtilsyn"
                # after a determiner; "FN's 17 verdensmål",
                # the noun the tagger left untagged; "10 ud af 14 prioritetslande", the
                # whole's noun tagged as an adverb
                return word
            if plural_noun_tagged_a_verb(word):
                return word  # "landets 14 havne med ...", "ti ekstra togafgange i ..."
            if plural_genitive_tagged_an_adverb(word):
                return word  # "for fire medlemslandes vedkommende"
            break
        adjectives.append(word)
    after = adjectives[-1].i + 1 if adjectives else number.i + 1
    # A participle used as a noun may take an object after it: "320.418 studerende SU".
    phrase_goes_on = {"NOUN", "ADJ"} if adjectives and adjectives[-1].lower_.endswith("ende") \
        else {"NOUN", "PROPN", "ADJ", "ADV", "X"}
    ends_phrase = after >= len(doc) or doc[after].pos_ not in phrase_goes_on or \
        is_adverbial_participle(doc[after])
    if adjectives and adjectives[-1].text.endswith("e") and ends_phrase and (
            adjectives[-1].lower_ not in COMPARATIVES) and not (
            is_plural_participle(adjectives[-1]) and names_a_size_class(number, people=True)):
        return adjectives[-1]
    if len(adjectives) == 1 and is_uninflected_noun(adjectives[0]) and (
            after >= len(doc) or doc[after].pos_ not in {"NOUN", "PROPN", "ADJ", "X"}):
        return adjectives[0]  # "2.400 mink", "17 mio. mink", tagged as adjectives
    return None


def is_uninflected_noun(word: Token) -> bool:
    """A noun whose plural is its singular, which the tagger read as an adjective: after a
    number an adjective ends in -e ("3 nye"); one in -t is a participle ("3 samlet"), and
    those in -sk and -ig are adjectives said of the things ("kun 2 rask")."""
    return word.pos_ == "ADJ" and word.is_alpha and word.is_lower and \
        not word.lower_.endswith(("e", "t", "s", "sk", "ig")) and len(word.text) >= 3


# A name with digits after its hyphen: "Covid-19", "F-35".
NAME_WITH_DIGITS = re.compile(r"[^\W\d_]+-\d+")
# A part of a whole named after it: "17 ud af 98 kommuner", "3 af de 5 regioner", "ti af
# landets 12 politikredse", "84 af de nuværende 97 museer" (the adjective perhaps broken over
# a line's end: "nu-" / "værende").
PART_OF = re.compile(
    r"\s+(?:ud\s+)?af\s+(?:de\s+(?:[a-zæøå]+(?:-\s*\n\s*[a-zæøå]+)?e\s+)?|i\s+alt\s+|"
    r"[a-zæøå]+s\s+)?", re.IGNORECASE)


def noun_of_the_whole(part: Token, taken: list[tuple[int, int]]) -> Token | None:
    """The noun a part counts where the whole it is part of comes after it: "kommuner" for
    "17" in "17 ud af 98 kommuner" (17 municipalities as well as 98)."""
    doc = part.doc
    whole = next((word for word in doc[part.i + 2 : part.i + 8] if word.like_num), None)
    if whole is None or not PART_OF.fullmatch(doc.text[part.idx + len(part.text) : whole.idx]):
        return None
    part_value, whole_value = count_value(part), count_value(whole)
    if part_value is None or whole_value is None or part_value > whole_value \
            or is_reference(whole) or overlaps(whole, taken):
        return None
    return counted_noun(whole)


def noun_of_the_group(part: Token) -> Token | None:
    """The things a part of a group named in the definite counts: "børnene" for "23" in "23 af
    børnene", "sigtede" in "2 af de sigtede" (people a participle names)."""
    words = [word for word in part.doc[part.i + 1 : part.i + 5] if not word.is_space]
    if len(words) < 2 or words[0].lower_ != "af" or (
            part.i > 0 and part.nbor(-1).lower_ == "af"):
        return None  # "3 ud af 4 af forældrene": a share, no group counted
    if words[1].lower_ == "de" and len(words) > 2:
        group, after = words[2], words[3] if len(words) > 3 else None
        people = (group.pos_ in {"ADJ", "VERB", "NOUN"} and group.is_lower and
                  group.lower_.endswith(PARTICIPLE_ENDINGS) and group.lower_.endswith("e"))
        return group if people and (after is None or after.pos_ != "NOUN") else None
    group = words[1]
    definite_plural = group.morph.get("Definite") == ["Def"] and "Plur" in group.morph.get(
        "Number") or group.lower_.endswith(("erne", "ene"))
    return group if is_noun(group) and group.is_lower and definite_plural else None


def after_a_determiner(number: Token) -> bool:
    """A number after "de", "disse" or "samtlige" goes before a noun: "de fem socialtilsyn"."""
    before = previous_word(number)
    return before is not None and before.lower_ in {"de", "disse", "samtlige"}


def is_a_whole(number: Token) -> bool:
    """The whole a part is part of: "14" in "10 ud af 14 prioritetslande"."""
    doc = number.doc
    part = next((word for word in reversed(doc[max(0, number.i - 7) : number.i])
                 if word.like_num), None)
    return part is not None and bool(
        PART_OF.fullmatch(doc.text[part.idx + len(part.text) : number.idx]))


def reads_as_a_plural_noun(word: Token) -> bool:
    """A word the lemmatizer reads as a noun in the plural ("prioritetslande" ->
    "prioritetsland"); an adverb after a whole stays one ("3 ud af 4 fortsat")."""
    return word.lower_ not in DA_STOP_WORDS and word.lower_.endswith(("e", "er")) and \
        lemmy_lemma("NOUN", word.text) != word.lower_


# Words before the first of two numbers that make them a range's bounds: "mellem 10 og 15".
BOUNDS_BEFORE = {"mellem", "imellem"}


def noun_of_the_next_number(first: Token, taken: list[tuple[int, int]]) -> Token | None:
    """The noun of the number after "og", for a number that has none of its own:
    "kontroller" for "2.000" in "henholdsvis 2.000 og 2.500 kontroller"; none for a range's
    bounds ("mellem 10 og 15 sager") or a year ("i 2019 og 2020", no count)."""
    doc = first.doc
    if first.i + 2 >= len(doc) or first.nbor().lower_ != "og":
        return None
    second = first.nbor(2)
    if second.is_space and "\n\n" not in second.text and first.i + 3 < len(doc):
        second = first.nbor(3)  # "henholdsvis 1.840 og" / "2.210 kontroller"
    before = previous_word(first)
    if count_value(second) is None or is_reference(second) or overlaps(second, taken) or (
            before is not None and before.lower_ in BOUNDS_BEFORE):
        return None
    return counted_noun(second)


def broken_over_blank_line(space: Token) -> bool:
    """The words before a blank line go on after it, in small letters."""
    after = space.i + 1
    return after < len(space.doc) and space.doc[after].is_lower


# A number that bounds a class of sizes is no count. Things described by a bound on their size:
# "klasser med mindre end 10 elever og flere end 35 elever", "skoler med over 500 elever"; not
# an upper bound on a count ("effektivisering med op til 23 årsværk", "motorveje med op til
# 95.000 køretøjer"). People a participle names, after a bare bound or before "eller flere":
# "virksomheder havde under 10 ansatte", "mellem 10 og 49 ansatte", "50 ansatte eller flere"
# (before other things a bare bound bounds a count: "mindst tre gange").
BOUND = r"(?:under|over|højst|mindst|mellem\s+[\d.]+\s+og)"
COMPARED = r"(?:mindre|flere|færre|mere)"
WITH_A_BOUND_BEFORE = re.compile(
    rf"\b[a-zæøå]+(?:er|e)\s+med\s+(?:\S+\s+){{0,5}}?(?:{BOUND}|{COMPARED}\s+end)\s+$",
    re.IGNORECASE)
BOUND_BEFORE = re.compile(rf"\b{BOUND}\s+$", re.IGNORECASE)
OR_MORE_AFTER = re.compile(rf"\W+\w+\s+eller\s+{COMPARED}\b", re.IGNORECASE)


def names_a_size_class(number: Token, people: bool = False) -> bool:
    """ "Klasser med mindre end 10 elever": a class of things by their size, no count; with
    ``people`` (the number's noun a participle in the plural) also "under 10 ansatte", "50
    ansatte eller flere"."""
    text = number.doc.text
    before = text[max(0, number.idx - 80) : number.idx]
    if WITH_A_BOUND_BEFORE.search(before):
        return True
    after = text[number.idx + len(number.text) :][:60]
    return people and bool(BOUND_BEFORE.search(before[-30:]) or OR_MORE_AFTER.match(after))


# Endings of a past participle in the plural, which the tagger may take for a noun:
# "tilbagetrukne", "afviste", "indkomne", "registrerede".
PARTICIPLE_ENDINGS = ("ne", "ede", "te")


def participle_before_noun(word: Token) -> bool:
    """A participle tagged as a noun, right before the noun it describes on the same line."""
    after = word.nbor() if word.i + 1 < len(word.doc) else None
    return (after is not None and word.whitespace_ == " " and after.pos_ == "NOUN"
            and after.is_lower and after.is_alpha and not is_unit(after)
            and word.lower_.endswith(PARTICIPLE_ENDINGS) and word.is_lower)


# "fem gange så mange", "7 gange højere": a factor, not a count of repetitions.
COMPARISON_AFTER = re.compile(r"[ \t\n]*(?:så\b|[a-zæøå]+ere\b)", re.IGNORECASE)
# Comparatives used as nouns count nothing: "500 færre vil miste retten".
COMPARATIVES = {"færre", "flere", "mere", "mindre"}


def is_multiplier(noun: Token) -> bool:
    """ "gange" before a comparison ("fem gange så mange", "næsten 7 gange højere")."""
    rest = noun.doc.text[noun.idx + len(noun.text) :]
    return noun.lower_ == "gange" and bool(COMPARISON_AFTER.match(rest))


def alone_on_line(number: Token) -> bool:
    """A number on a line of its own (a page number, a table cell) runs into no noun."""
    text = number.doc.text
    line_start = text.rfind("\n", 0, number.idx) + 1
    return not text[line_start : number.idx].strip() and text[number.idx + len(number.text) :
                                                            ].startswith("\n")


# -- tables: a column headed "Antal børn" --------------------------------------------------

COUNT_HEADER = re.compile(
    r"^[ \t]*(?:[A-ZÆØÅ][\wæøå-]*[ \t]+)?Antal[ \t]+(?P<noun>[^\W\d_]{2,})"
    r"(?:[ \t]+\([^)\n]*\))?[ \t]*$", re.MULTILINE)
# A cell's number on a line of its own, or after its row's name, on the line or the one before
# ("Region Antal børn" / "Hovedstaden 1.245", "Politikreds" / "Antal anholdte" / "Fyns Politi" /
# "312"); a row may be named by its year ("År Antal sager" / "2019 345"). A line of its own that
# ends in a number is a row of its own, not the next row's name ("Region Sjælland 312").
ROW_NAME = r"[A-ZÆØÅ][\wæøå'-]*(?:[ \t]+[\wæøå'-]+){0,4}"
ROW_YEAR = r"(?:19|20)\d\d"
CELL_LINE = re.compile(
    rf"(?:[ \t]*{ROW_NAME}(?<!\d)[ \t]*\n)?[ \t]*(?:(?:{ROW_NAME}|{ROW_YEAR})[ \t]+)?"
    r"(?P<number>\d{1,3}(?:\.\d{3})+|\d+)[ \t]*(?:\n|$)")


# A row named "Antal <noun>" with a number in each column: "Antal anmeldelser 1.212 1.304 1.398"
# under the years "2015 2016 2017".
CELL = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
COUNT_ROW = re.compile(
    rf"^[ \t]*Antal[ \t]+(?P<noun>[^\W\d_]{{2,}})(?P<cells>(?:[ \t]+(?:{CELL.pattern}))+)[ \t]*$",
    re.MULTILINE)


def counts_in_tables(doc: Doc) -> list[Count]:
    """The cells under a column header "Antal <noun>", one number per line, perhaps after its
    row's name: each counts the header's noun ("Antal børn" / "32" / "14" -> 32 and 14
    children)."""
    counts = []
    for header in COUNT_HEADER.finditer(doc.text):
        if (named := noun_after_antal(doc, header)) is None:
            continue
        noun, lemma = named
        position = header.end() + 1
        while (cell := CELL_LINE.match(doc.text, position)) is not None:
            start, end = cell.span("number")
            value = int(cell.group("number").replace(".", ""))
            if plausible(value) and not written_as_year(cell.group("number")):  # a year's row
                counts.append(Count(value=value, noun=noun.text, lemma=lemma,
                                    sentence=header.group(0).strip(), **located(doc, start, end)))
            position = cell.end()
    counts += counts_in_rows(doc) + counts_under_columns(doc) + counts_under_years(doc) + \
        counts_in_cell_tables(doc) + counts_under_word_header(doc)
    # a cell two readers count keeps the first one's reading ("Antal børn" over a column of
    # cells, which also reads as a table set one cell to a line)
    counted: set[int] = set()
    unique = []
    for count in counts:
        if count.evidence.start not in counted:
            counted.add(count.evidence.start)
            unique.append(count)
    return unique


# Words a column's label may go on with after the noun it names: "Nye stillinger uden for
# hovedstaden", "Sager i alt".
LABEL_GOES_ON = {"i", "på", "for", "med", "uden", "af", "fra", "til", "inden", "under", "over",
                 "pr.", "per", "alt"}


def counts_in_cell_tables(doc: Doc) -> list[Count]:
    """The cells of a table set one cell to a line whose column is labelled by the things it
    counts: "Anmeldelser", "Opklarede sager", "Antal anholdte" ("Politikreds" /
    "Anmeldelser" / "Nordjyllands Politi" / "3.104" -> 3104 reports); where the columns are
    years ("Skoleår" / "2016/17" / "2017/18"), by the things its row's label names ("Antal
    elever i specialklasser" / "10.845" / "11.203"). A table of amounts (its cells claimed as
    amounts) counts nothing."""
    taken = [(amount.evidence.start, amount.evidence.end) for amount in doc._.amounts or []]
    counts = []
    for table in cell_per_line_tables(doc.text):
        columns = [noun_of_column(doc, label) for label in table.columns] or [
            None] * len(table.rows[0].cells)  # one column, listed after its rows' labels
        for row in table.rows:
            by_row = noun_of_column(doc, row.label) if not any(columns) else None
            for (start, end), named in zip(row.cells, columns, strict=True):
                named = named or by_row
                cell = doc.text[start:end].strip()
                start = doc.text.index(cell, start)
                value = int(cell.replace(".", "")) if CELL.fullmatch(cell) else None
                if named is None or value is None or not plausible(value) or any(
                        first < start + len(cell) and start < last for first, last in taken):
                    continue
                counts.append(Count(value=value, noun=named[0].text, lemma=named[1],
                                    sentence=f"{doc.text[slice(*row.label)].strip()} {cell}",
                                    **located(doc, start, start + len(cell))))
    return counts


def noun_of_column(doc: Doc, label: tuple[int, int]) -> tuple[Span, str] | None:
    """The plural noun a column's or row's label names, and its lemma: the last word before
    what goes on after it ("Antal nye stillinger uden for hovedstaden", "Heraf børnecentre");
    None for a label that names no things ("Politikreds", "Andel", "2020")."""
    words = doc.char_span(*label, alignment_mode="contract")
    if words is None:
        return None
    tokens = [token for token in words if not token.is_space and not token.is_punct]
    if tokens and tokens[0].lower_ == "antal":
        tokens = tokens[1:]  # "Antal nye stillinger uden for hovedstaden"
    tokens = list(takewhile(lambda token: token.lower_ not in LABEL_GOES_ON, tokens))
    if not tokens or tokens[-1].lower_ == "heraf":
        return None
    noun = tokens[-1]
    word = noun.lower_
    if not word.isalpha() or len(word) < 3:
        return None
    if names_people(noun):
        return doc[noun.i : noun.i + 1], participle_singular(word)
    lemma = lemmy_lemma("NOUN", word)
    plural = "Plur" in noun.morph.get("Number") or (lemma != word and word.endswith(("e", "er")))
    return (doc[noun.i : noun.i + 1], lemma) if plural and lemma != word else None


def counts_in_rows(doc: Doc) -> list[Count]:
    """The cells of a row named "Antal <noun>": each counts the row's noun ("Antal
    anmeldelser 1.212 1.304" -> 1212 and 1304 reports)."""
    counts = []
    for row in COUNT_ROW.finditer(doc.text):
        cells = list(CELL.finditer(row.group("cells")))
        if all(written_as_year(cell.group()) for cell in cells):
            continue  # the columns' years: "Antal sager 2019 2020" heads the rows below it
        if (named := noun_after_antal(doc, row)) is not None:
            counts += cell_counts(doc, named, row, cells)
    return counts


def cell_counts(doc: Doc, named: tuple[Span, str], row: re.Match[str],
                cells: list[re.Match[str]]) -> list[Count]:
    """Each cell of a row that holds a plausible number counts the noun ``named``."""
    noun, lemma = named
    counts = []
    for cell in cells:
        start = row.start("cells") + cell.start()
        value = int(cell.group().replace(".", ""))
        if plausible(value):
            counts.append(Count(value=value, noun=noun.text, lemma=lemma,
                                sentence=row.group(0).strip(),
                                **located(doc, start, start + len(cell.group()))))
    return counts


# A header "Antal <noun>" before its columns' labels ("Antal personer 1. kvt. 2. kvt. 3. kvt."),
# its rows a label and a number for each column ("Opbrugt dagpengeret 2.100 3.400 9.800").
COLUMNS_HEADER = re.compile(
    rf"^[ \t]*Antal[ \t]+(?P<noun>[^\W\d_]{{2,}})(?P<columns>(?:[ \t]+{COLUMN_LABEL})+)[ \t]*$",
    re.MULTILINE | re.IGNORECASE)
LABELLED_CELLS = re.compile(
    rf"[ \t]*[^\d\n]{{2,60}}?(?P<cells>(?:[ \t]+(?:{CELL.pattern}))+)[ \t]*(?:\n|$)")


def counts_under_columns(doc: Doc) -> list[Count]:
    """The cells of the rows under a header "Antal <noun>" followed by its columns' labels,
    where a row holds a number for each column: each counts the header's noun."""
    counts = []
    for header in COLUMNS_HEADER.finditer(doc.text):
        if (named := noun_after_antal(doc, header)) is None:
            continue
        columns = re.findall(COLUMN_LABEL, header.group("columns"), re.IGNORECASE)
        for row in rows_of_cells(doc.text, header.end() + 1, len(columns)):
            counts += cell_counts(doc, named, row, list(CELL.finditer(row.group("cells"))))
    return counts


# A header of years alone, perhaps after a word over the rows' labels ("2013 2014 2015", "År
# 2019 2020"); a header that names a unit heads amounts, not counts.
YEARS_HEADER = re.compile(
    rf"^[ \t]*(?:[^\d\n]{{1,40}}[ \t]+)?(?P<columns>{ROW_YEAR}(?:[ \t]+{ROW_YEAR})+)[ \t]*$",
    re.MULTILINE)


def counts_under_years(doc: Doc) -> list[Count]:
    """The cells of rows under a header of years whose label names the things counted, a
    number for each year: "2013 2014 2015" / "Asylansøgninger 7.557 14.792 21.316" /
    "Heraf børnecentre 4 6 9"."""
    counts = []
    for header in YEARS_HEADER.finditer(doc.text):
        if unit_of(header.group(0)):
            continue
        columns = header.group("columns").split()
        for row in rows_of_cells(doc.text, header.end() + 1, len(columns)):
            named = noun_of_column(doc, (row.start(), row.start("cells")))
            if named is not None:
                counts += cell_counts(doc, named, row, list(CELL.finditer(row.group("cells"))))
    return counts


# A header of words only over rows that end in numbers: the row labels' header, then a word
# per column ("Politikreds Zoner Visitationer Sigtelser", "Stift Vakante stillinger").
WORD_HEADER = re.compile(r"^[ \t]*(?=[^\n]*[^\W\d_])[^\d\n.:;!?]{3,80}?[ \t]*$", re.MULTILINE)


def counts_under_word_header(doc: Doc) -> list[Count]:
    """The cells of rows under a header of words whose last words name the things each
    column counts, one word a column: "Politikreds Zoner Visitationer Sigtelser" /
    "Fyns Politi 5 611 38" -> 5 zones, 611 searches, 38 charges."""
    counts = []
    for header in WORD_HEADER.finditer(doc.text):
        rows = rows_of_cells(doc.text, header.end() + 1)
        words = list(re.finditer(r"\S+", header.group(0)))
        width = len(CELL.findall(rows[0].group("cells"))) if rows else 0
        if len(rows) < 2 or not 0 < width < len(words) or unit_of(header.group(0)):
            continue
        columns = [noun_of_column(doc, (header.start() + word.start(), header.start() + word.end()))
                   for word in words[-width:]]
        for row in rows:
            cells = list(CELL.finditer(row.group("cells")))
            for column, cell in zip(columns, cells, strict=True):
                if column is not None:
                    counts += cell_counts(doc, column, row, [cell])
    return counts


def rows_of_cells(text: str, position: int, width: int | None = None) -> list[re.Match[str]]:
    """The rows from ``position`` on that each end in ``width`` numbers (as many as the first
    row where ``width`` is None): a label, then a number for each column."""
    rows = []
    while (row := LABELLED_CELLS.match(text, position)) is not None:
        cells = len(CELL.findall(row.group("cells")))
        width = cells if width is None else width
        if cells != width:
            break
        rows.append(row)
        position = row.end()
    return rows


def noun_after_antal(doc: Doc, found: re.Match[str]) -> tuple[Span, str] | None:
    """The noun of a header or row "Antal <noun>" and its lemma; None for a word that names
    no things or people."""
    noun = doc.char_span(*found.span("noun"))
    if noun is None or not noun[0].is_lower:
        return None
    if names_people(noun[0]):
        return noun, participle_singular(noun[0].lower_)
    # after "Antal" a noun, whatever the tagger says of a table's header ("Antal læger")
    return noun, lemma_of(noun[0]) if is_noun(noun[0]) else lemmy_lemma("NOUN", noun[0].text)


def names_people(word: Token) -> bool:
    """A plural participle heading a column of people: "Antal anholdte"."""
    return word.pos_ in ("ADJ", "VERB") and word.is_lower and word.lower_.endswith(
        PARTICIPLE_ENDINGS)


def looks_like_mistagged_noun(token: Token) -> bool:
    """A word in small letters, a compound's parts joined by hyphens allowed ("cpr-numre"),
    that the tagger called an adverb or left untagged."""
    letters = token.text.replace("-", "")
    return (letters.isalpha() and token.is_lower and len(letters) > 3 and
            token.pos_ in {"ADV", "X"} and not is_adverbial_participle(token))


# Endings of a verb's past tense ("afviste", "arbejdede"): after a number, the verb of a
# clause whose subject the number is ("hvoraf 3 afviste tilbuddet").
PAST_TENSE_ENDINGS = ("ede", "te", "agde", "avde")


def plural_noun_tagged_a_verb(token: Token) -> bool:
    """A plural noun in -e the tagger took for an infinitive, which cannot follow a number:
    "14 havne med statsstøttet færgefart", "ti ekstra togafgange i myldretiden"; it ends its
    phrase (a preposition, a conjunction or a sign follows). A verb in the present ("2
    ønsker at ...") or the past ("3 afviste") stays a verb."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    # ... or a past participle follows it: "Siden 2007 er 19 skadestuer lukket"
    ends_phrase = after is None or after.is_space or after.pos_ in {"ADP", "CCONJ", "PUNCT"} or (
        after.pos_ == "VERB" and "Part" in after.morph.get("VerbForm")
        and token.lower_.endswith("er"))
    if not (token.pos_ == "VERB" and token.is_lower and token.is_alpha and ends_phrase):
        return False
    number = previous_word(token)
    before = previous_word(number) if number is not None else None
    # The number an object, after a verb or preposition: "var i alt 331.000 kørsler med";
    # "hvoraf 2 arbejder i Aarhus" keeps its verb.
    number_is_an_object = before is not None and (
        before.pos_ in {"VERB", "AUX", "ADP"} or before.lower_ in {"alt", "ca.", "cirka"})
    if number_is_an_object and "Fin" in token.morph.get("VerbForm") and len(token.text) > 2 \
            and token.lower_ not in DA_STOP_WORDS:
        return True  # no verb can follow an object: "DSB har 4 tog i reserve", "er 5 cases"
    if not (len(token.text) > 3 and reads_as_a_plural_noun(token)):
        return False
    if token.lower_.endswith("er"):
        # a plural in -er only where the number is an object, or the things a genitive owns:
        # "styrelsens 31 skibsinspektører, der ..."
        return number_is_an_object or before is not None and bool(
            GENITIVE.search(before.lower_)) and before.pos_ in {"NOUN", "PROPN"}
    return token.lower_.endswith("e") and not token.lower_.endswith(PAST_TENSE_ENDINGS)


def plural_genitive_tagged_an_adverb(token: Token) -> bool:
    """A plural noun in the genitive the tagger took for an adverb, before the noun it owns:
    "medlemslandes" of "for fire medlemslandes vedkommende"."""
    after = next_word(token)
    return looks_like_mistagged_noun(token) and token.lower_.endswith(("es", "ers", "nes")) \
        and after is not None and after.pos_ == "NOUN" and \
        lemmy_lemma("NOUN", token.text) not in {token.lower_, token.lower_[:-1]}


def adjective_tagged_a_noun(token: Token) -> bool:
    """An adjective in -e the tagger took for a noun, before the plural noun it describes:
    "mobile" of "3 mobile testenheder", "praktiserende" of "3.400 praktiserende læger"."""
    after = next_word(token)
    if after is None or after.pos_ != "NOUN" or not after.is_lower or not (
            "Plur" in after.morph.get("Number")
            or not after.morph.get("Number") and after.lower_.endswith("er")):
        return False
    return token.is_lower and token.lower_.endswith("e") and (
        token.lower_.endswith("ende") or lemmy_lemma("ADJ", token.text) != token.lower_)


def is_adverbial_participle(token: Token) -> bool:
    """ "efterfølgende", "tilsvarende" used as adverbs: "1.218 værnepligtige efterfølgende
    søgte"."""
    return token.pos_ == "ADV" and token.lower_.endswith("ende")


def is_unit(token: Token) -> bool:
    """A unit, also as a compound's last part: "løntimer", "arbejdstimer"."""
    return unit_word(token.lower_, lemma_of(token))


def unit_word(word: str, lemma: str) -> bool:
    """A unit by a word in small letters and its lemma."""
    return (lemma in UNIT_LEMMAS or word in UNIT_LEMMAS or word in UNITS
            or word.endswith(UNIT_ENDINGS))


def is_noun(token: Token) -> bool:
    if token.doc.has_annotation("POS"):
        return token.pos_ == "NOUN"
    # Without a tagger: a lower-case word that is not a function word.
    return token.is_alpha and token.is_lower and not token.is_stop


def is_adjective(token: Token) -> bool:
    """An adjective, or a participle used as one ("studerende", "ubesatte stillinger")."""
    if not token.doc.has_annotation("POS"):
        return False
    if token.pos_ == "ADJ":
        return True
    after = next_word(token)
    before_noun = after is not None and (after.pos_ == "NOUN" or before_its_noun(after))
    if BROKEN_WORD.fullmatch(token.text) and before_noun:
        return True  # a word broken at a line's end, whatever the tagger: "fire forskelli-ge"
    return token.pos_ == "VERB" and (token.lower_.endswith("ende") or
                                     (token.lower_.endswith("e") and before_noun)
                                     or is_plural_participle(token))


def before_its_noun(word: Token) -> bool:
    """An adjective right before a noun: the "russiske historikere" that makes a participle
    the tagger read as a verb an adjective too ("To kendte russiske historikere")."""
    after = next_word(word)
    return word.pos_ == "ADJ" and after is not None and after.pos_ == "NOUN"


def is_plural_participle(token: Token) -> bool:
    """A past participle in the plural, which may stand for the people it describes:
    "140.000 ansatte", "12 anholdte"."""
    return (token.morph.get("VerbForm") == ["Part"] and token.morph.get("Number") == ["Plur"]
            and token.lower_.endswith("e"))


def participle_singular(plural: str) -> str:
    """A past participle's singular, the counted people's lemma: "ansatte" -> "ansat",
    "anholdte" -> "anholdt", "sigtede" -> "sigtet"."""
    if plural.endswith("tte"):
        return plural[:-2]
    if plural.endswith("ede"):
        return plural[:-3] + "et"
    return plural[:-1]


def is_definite_singular(noun: Token) -> bool:
    """A noun in the definite singular ("sømilegrænsen"): after a number, part of a name
    ("12 sømilegrænsen"), never the things counted."""
    return (noun.morph.get("Definite") == ["Def"] and noun.morph.get("Number") == ["Sing"]
            and noun.lower_.endswith(("en", "et"))
            # not a word that only ends so: "31 skydevåben", "4 bilvrag"
            and lemmy_lemma("NOUN", noun.text) != noun.lower_)


# A word broken at a line's end with its hyphen left in the text: "ansøg-ninger".
BROKEN_WORD = re.compile(r"[a-zæøå]{2,}-[a-zæøå]{2,}")
# A part before the hyphen without a vowel is no syllable of a broken word but an abbreviation
# that a compound starts with: "cpr-numre", "sms-beskeder".
ABBREVIATION_BEFORE_HYPHEN = re.compile(r"(?:[bcdfghjklmnpqrstvwxz]+|it|eu|ikt)-")


def next_word(token: Token) -> Token | None:
    """The word after ``token``, past a line break ("de 3 oversendte" / "videoer"), not past a
    paragraph's end."""
    for after in token.doc[token.i + 1 :]:
        if not after.is_space:
            return after
        if "\n\n" in after.text:
            return None
    return None


# The plural past participle of a verb in -ere, however tagged: "indkvarterede",
# "registrerede" (the people counted: "indkvarteret").
PARTICIPLE_OF_ERE = re.compile(r"[a-zæøå]{3,}erede")
# A plural past participle in -ede, which the lemmatizer may strip of its -e alone.
STRIPPED_PARTICIPLE = re.compile(r"[a-zæøå]{3,}ede")  # "smittede", not "smede"


def lemma_of(token: Token) -> str:
    if token.lower_ in ABBREVIATED_NOUNS:
        return ABBREVIATED_NOUNS[token.lower_]  # "175 eks." -> "eksemplar"
    if token.lower_.endswith("ende"):
        return token.lower_  # a present participle is its own lemma: "studerende"
    if BROKEN_WORD.fullmatch(token.text) and not ABBREVIATION_BEFORE_HYPHEN.match(token.lower_):
        return lemmy_lemma("NOUN", token.text.replace("-", ""))
    if is_plural_participle(token) or PARTICIPLE_OF_ERE.fullmatch(token.lower_):
        return participle_singular(token.lower_)
    lemma = token.lemma_ if token.doc.has_annotation("LEMMA") else ""
    lemma = (lemma or token.text).lower()
    if looks_like_mistagged_noun(token) or plural_noun_tagged_a_verb(token) or (
            token.pos_ == "ADJ" and lemma == token.lower_):
        # read as the noun it is: "prioritetslande", "23 hovedvandoplande" (tagged an adjective),
        # a compound by its last part: "12 observatørlande"
        lemma = plural_noun_lemma(token.lower_)
    if lemma == token.lower_[:-2] and token.lower_.endswith("ede") and \
            previous_word(token) is not None and previous_word(token).lower_ == "de":
        return participle_singular(token.lower_)  # "tre af de smittede": "smittet"
    if lemma == token.lower_[:-1] and token.lower_.endswith("tte"):
        return token.lower_[:-2]  # "indsatte", tagged an adjective: "indsat", not "indsatt"
    if lemma == token.lower_[:-1] and STRIPPED_PARTICIPLE.fullmatch(token.lower_):
        # a participle tagged as a noun, lemmatized by its plural -e alone: "smitted"
        return participle_singular(token.lower_)
    if lemma == token.lower_ and "Plur" in token.morph.get("Number"):
        return plural_lemma(token)
    head, _, last = token.lower_.rpartition("-")
    if head and lemma == token.lower_ and last.isalpha():
        # a compound the lemmatizer does not know: "covid-19-patienter" by its last part
        return f"{head}-{lemmy_lemma('NOUN', last)}"
    # The Latin neuter: "ministerier" -> "ministerium", "gymnasier" -> "gymnasium", not the
    # lemmatizer's "ministerie"; "jobcentre" is the plural of "jobcenter", not of "centrum".
    lemma = re.sub(r"(ministeri|gymnasi|kriteri|stipendi|laboratori)e$", r"\1um", lemma)
    lemma = re.sub(r"centrum$", "center", lemma) if token.lower_.endswith("centre") else lemma
    if token.lower_ == "søer" and PIGS.search(text_around(token, PIGS_WINDOW)):
        return "so"  # "163.037 søer" among pigs are sows, not lakes
    return COUNTED_SENSE.get(token.lower_, lemma)


# A plural read two ways, in the sense a ministry's letter counts: cows, not queues
# ("180.000 køer").
COUNTED_SENSE = {"køer": "ko", "malkekøer": "malkeko"}
# Words of pig farming, which make "søer" sows.
PIGS = re.compile(r"\b(?:svin|slagtesvin|grise|smågrise|pattegrise|polte|orner|farestald\w*"
                  r"|so(?:hold|besætning\w*|bokse?)|svinebesætning\w*|svineproduktion)\b",
                  re.IGNORECASE)
PIGS_WINDOW = 400  # characters either side


def text_around(token: Token, width: int) -> str:
    """The text ``width`` characters either side of a token."""
    text = token.doc.text
    return text[max(0, token.idx - width) : token.idx + width]


def plural_lemma(token: Token) -> str:
    """The lemma of a word in the plural that the lemmatizer left as it stands: a noun one of
    whose readings is its own singular ("klager", a complainant, or the plural of "klage"),
    a compound ("klagesager"),
    or a past participle in the plural standing for people ("indsatte" -> "indsat",
    "omkomne" -> "omkommen")."""
    word = token.lower_
    if (word.endswith("ne") or token.pos_ != "NOUN") and (
            singular := participle_lemma(word)) is not None:
        return singular
    others = [lemma for lemma in lemmy_lemmas("NOUN", word) if lemma != word] \
        if token.pos_ == "NOUN" else []
    # ... or a compound whose last part lemmy knows alone: "klagesager" -> "klagesag"
    return others[0] if others else compound_lemma("NOUN", word)


def participle_lemma(word: str) -> str | None:
    """The singular of a past participle in the plural ("indsatte" -> "indsat", "omkomne" ->
    "omkommen"); None for a word in none of its endings."""
    if word.endswith("ne"):
        singular = lemmy_lemma("ADJ", word)  # "omkommen": its consonant doubled
        return singular if singular.endswith("en") and singular != word else None
    return participle_singular(word) if word.endswith(PARTICIPLE_ENDINGS) else None


def noun_of_its_own_lemma(noun: Token, lemma: str, value: int) -> bool:
    """A word after a number above one that the tagger took for a noun that is its own
    lemma, in the singular ("80 fastansatte") or the plural ("80 deltidsansatte"): in a
    participle's ending, the participle standing for people."""
    return value > 1 and noun.pos_ == "NOUN" and lemma == noun.lower_


# Small words a lost line break or space glues to the noun before them ("er" and "der" are
# left out: plurals end so, "armeer", "steder").
GLUED_SMALL_WORDS = ("på", "af", "og", "til", "for", "med", "om", "fra", "ved", "mod", "hos",
                     "som", "blev", "har", "var", "vedrørende", "inden", "efter")


def glued_plural_length(word: Token) -> int | None:
    """The length of a plural noun that a small word after it is glued to
    ("opholdstilladelserpå", "klagesagervedrørende", "søerog"); None for any other word."""
    lower = word.lower_
    if not (word.is_alpha and word.is_lower) or plural_noun_lemma(lower) not in {
            lower, lower[:-1]}:
        return None  # a word lemmy reads whole ("behandlingssteder"), not one read as a genitive
    for small in GLUED_SMALL_WORDS:
        noun = lower[: -len(small)]
        if lower.endswith(small) and len(noun) >= 4 and noun.endswith(("er", "e")) and (
                plural_noun_lemma(noun) != noun):
            return len(noun)
    return None


def plural_noun_lemma(word: str) -> str:
    """A plural noun's lemma by lemmy, or by its last part for a compound lemmy does not
    know."""
    lemma = lemmy_lemma("NOUN", word)
    return lemma if lemma != word else compound_lemma("NOUN", word)


def make_count(doc: Doc, number: Token, noun: Token, value: int) -> Count:
    start, end = number.idx, noun.idx + len(noun.text)
    noun_text, lemma = noun.text, lemma_of(noun)
    if glued := glued_plural_length(noun):
        end = noun.idx + glued  # the noun without the small word glued to it
        noun_text = noun.text[:glued]
        lemma = plural_noun_lemma(noun_text.lower())
    if noun_of_its_own_lemma(noun, lemma, value):
        # more than one is a plural: "1.126 kontroller" -> "kontrol" where the tagger left the
        # number unmarked
        lemma = participle_lemma(noun.lower_) or (
            plural_lemma(noun) if noun.lower_.endswith("er") else lemma)
    if (continued := compound_continuation(noun)) is not None:
        # "TV 2-virksomheder": the name and its compound are one noun
        end = continued.idx + len(continued.text)
        noun_text = doc.text[noun.idx : end]
        lemma = f"{noun.lower_} {lemma_of(continued)}"
        noun = continued
    if (ending := ending_after_apostrophe(noun)) is not None:
        end = ending.idx + len(ending.text)
        noun_text = doc.text[noun.idx : end]
        lemma = lemmy_lemma("NOUN", noun_text.replace("’", "'"))  # as "NGO'er" reads: "ngo"
        noun = ending
    return Count(
        value=int(value),
        noun=noun_text,
        lemma=lemma,
        qualifier=qualifier_after(noun),
        sentence=sentence_at(doc, start, end),
        **located(doc, start, end),
    )


# An abbreviation's ending after a curly apostrophe, which the tokenizer splits off (a
# straight one it leaves in the word: "NGO'er"): "NGO’er", "pc’er".
APOSTROPHE_ENDING = re.compile(r"er(?:ne)?")


def ending_after_apostrophe(word: Token) -> Token | None:
    """The ending of "NGO’er", split off with its apostrophe: "er" after "NGO"."""
    doc = word.doc
    if word.i + 2 >= len(doc) or word.whitespace_ or not word.is_alpha:
        return None
    apostrophe, ending = doc[word.i + 1], doc[word.i + 2]
    glued = apostrophe.text == "’" and not apostrophe.whitespace_
    return ending if glued and APOSTROPHE_ENDING.fullmatch(ending.text) else None


def compound_continuation(noun: Token) -> Token | None:
    following = noun.nbor() if noun.i + 1 < len(noun.doc) else None
    if following is not None and re.fullmatch(r"\d+-[a-zæøå]+", following.text):
        return following
    return None


def qualifier_after(noun: Token) -> str | None:
    """What the clause says of the counted things: "er gennemført som planlagt" -> its
    predicate, "gennemført som planlagt"."""
    doc, index = noun.doc, noun.i + 1
    if index >= len(doc) or doc[index].lower_ not in QUALIFIER_VERBS:
        return None
    while index < len(doc) and doc[index].lower_ in QUALIFIER_VERBS:
        index += 1
    words = []
    while index < len(doc) and not doc[index].is_punct and doc[index].text != "\n":
        words.append(doc[index])
        index += 1
    if not words:
        return None
    return doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]
