"""The letter's own date: labelled ("Dato: ..."), a dateline, a date glued to the line's
other facts ("J.nr. NST-401-00157Den 23. maj 2011") or right after a case number or town
("Eksp.nr. 192498 26. maj 2005", "1240 København K 13. oktober 2005"); never a date in prose.

    >>> is_dateline("København, den 12. marts 2019"), is_dateline("I brev af 12. marts 2019 ...")
    (True, False)
"""

from __future__ import annotations

import re
from datetime import date

from pipeline.contact_patterns import PHONE_NUMBER
from pipeline.extract.case_numbers import CASE_NUMBER
from pipeline.extract.dates import MONTHS as MONTH_NUMBERS
from pipeline.extract.dates import NOISY_MONTH, century_of, parse_danish_date
from pipeline.extract.letterhead.lines import letter_texts
from pipeline.reading import Document
from pipeline.reading.lineroles import DATE_STAMP, DAY_OR_SEAT

MONTHS = "|".join(MONTH_NUMBERS)
DAY = r"(?:[12]\d|3[01]|0?[1-9])"
YEAR = r"(?:19|20)\d{2}"
# A date to the day, in the forms letters date themselves: "23. maj 2011", "7.april 2011",
# "28-11-2019", "12.03.2019".
# Abbreviated months only with their full stop ("4. nov. 2020").
MONTH_ABBREVIATIONS = r"jan|febr?|mar|apr|jun|jul|aug|sept?|okt|nov|dec"
DATE = (
    # "28 . maj 2009": a conversion's space before the day's full stop; "28. sepetmber 2021": a
    # month's name mistyped
    rf"(?:{DAY}\s?\.\s?(?i:{MONTHS}|(?:{MONTH_ABBREVIATIONS})\.|{NOISY_MONTH})\s*{YEAR}"
    rf"|{DAY}-(?:1[0-2]|0?[1-9])-{YEAR}|{DAY}\.(?:1[0-2]|0?[1-9])\.{YEAR}"
    # "26.03.10": a two-digit year, two digits to each part
    r"|(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])\.\d{2}(?!\d|\.\d)"
    rf"|{DAY}/(?:1[0-2]|0?[1-9])[ /-]{YEAR}"
    # "14, november 2023": a comma typed for the day's full stop
    rf"|{DAY},\s(?i:{MONTHS})\s+{YEAR}"
    # after "Den", the day's full stop may be lost: "Den  2 maj 2005"
    rf"|(?<=[Dd]en\s)\s*{DAY}\s+(?i:{MONTHS})\s+{YEAR})"
)
# "Dato: 28-11-2019", "Dato:Kontor:Sagsnr.:Dok.:" / "11. april 2011...", "DatoJ. nr." /
# "4. april 2013...": the label, any other labels of its row, then the date.
LABELLED_DATE = re.compile(
    rf"(?:Dato|DATO|Date)(?![a-zæøå])[:.]?(?:\s*(?:[A-ZÆØÅ][\wæøå.\-]*|nr\.?|:))*?\s*"
    rf"(?P<date>{DATE}|{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d))"
)
# A line that begins with its date ("Den 23. maj 2011", "København, den 10. juni 2009",
# "24. april 2012J.nr. ...", "København den 3. maj 2021", "Mandag den 3. maj 2021"), ending
# there (also with a full stop: "Den 10. februar 2009.") or glued to a label or name, not
# running on in prose.
DATELINE = re.compile(
    rf"^\s*(?:[A-ZÆØÅ][a-zæøå]+,\s*(?:[Dd]en\s+|d\.\s*)?|(?:(?i:{DAY_OR_SEAT})\s+)?"
    rf"(?:[Dd]en\s+|d\.\s*))?(?P<date>{DATE})"
    r"(?=\.?\s*$|[^\s,.;:)]|\s+[A-ZÆØÅ\d])",
    re.MULTILINE,
)
# A date glued to what stands before it, where a line break was lost: "...00157Den 23. maj
# 2011", "FORSVARSMINISTEREN2. juli 2013", "...458114. juni 2009"; or after a code ("EUK").
GLUED_DATE = re.compile(
    rf"(?:(?<=[A-ZÆØÅ])(?:Den\s+)?|(?<=[a-zæøå\d.:])Den\s+|(?<=[\w)]\s)Den\s+"
    # "Ministeren30. september 2009": the sender's title line, the date after it
    rf"|(?<=(?i:ministeren))|(?<=(?i:ministeriet))"
    rf"|(?<=[A-ZÆØÅ]{{2}}\s))(?P<date>{DATE})"
    # glued to digits, the day has both its digits: "2009-458114. juni 2009"
    rf"|(?<=\d)(?P<day_glued>(?:[12]\d|3[01])\.\s?(?i:{MONTHS})\s*{YEAR})"
    # a line of its own glued at both ends: "(alm. del)25. juni 2013Spørgsmål 922"
    rf"|(?<=\))(?P<between>{DATE})(?=[A-ZÆØÅ])"
    # ending a line glued to the sentence before it: "... den 4. februar 2010.10. marts 2010"
    rf"|(?<=(?:19|20)\d\d\.)(?P<after_year>{DATE})\s*$"
)
# A dateline with a two-digit year, on a line of its own: "19-10-15", "19.10.15".
SHORT_DATELINE = re.compile(
    r"^\s*(?P<day>0?[1-9]|[12]\d|3[01])(?P<sep>[-.])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<year>\d{2})\s*$")
# In a letter run into one line, the date after the letterhead's case number, the address's
# town or a phone number: "ØKONOMI- OG ERHVERVSMINISTEREN Eksp.nr. 192498 26. maj 2005
# Besvarelse af ...", "Christiansborg 1240 København K 13. oktober 2005 På UNESCO's ...".
POSTCODE_AND_TOWN = r"\b\d{4}[ \t]+(?-i:[A-ZÆØÅ][a-zæøå]+(?:[ \t]+[A-ZÆØÅ]{1,2})?)"
# "Tlf. 3392 5000 Fax 3392 5547 29. september 2005": a labelled phone or fax number
LABELLED_PHONE = rf"\b(?:tlf|telefon|fax|telefax)\.?[ \t]*:?[ \t]*{PHONE_NUMBER}"
DATE_AFTER_LETTERHEAD = re.compile(
    rf"(?:{CASE_NUMBER.pattern}|{POSTCODE_AND_TOWN}|{LABELLED_PHONE})[ \t]+(?:[Dd]en\s+)?"
    rf"(?P<date>{DATE})", re.IGNORECASE)

ANY_DATE = re.compile(DATE)
# A date stamp's line (``DATE_STAMP``, "03 DEC. 2019", or read from a scan "0 3 C. 2019"): its
# month is the one month whose abbreviation ends so.
STAMP_MONTHS = {"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAJ": 5, "JUN": 6, "JUL": 7, "AUG": 8,
                "SEP": 9, "SEPT": 9, "OKT": 10, "NOV": 11, "DEC": 12}


def letter_date(document: Document) -> str | None:
    """The letter's own date: labelled ("Dato: ..."), else a dateline, else a date glued to
    the letterhead's other facts; from the blocks beside the text first, then its lines."""
    texts = letter_texts(document)
    # Last, the label and its date across a break between two blocks or a block and the text.
    # a line that goes on from the one before is no dateline
    datelines = [text for before, text in zip(["", *texts], texts, strict=False)
                 if not PROSE_GOES_ON.search(before) and not (
                     text.rstrip().endswith(".") and WORDS_GO_ON.search(before))]
    searched = [(pattern, text) for pattern in (LABELLED_DATE, DATELINE, GLUED_DATE,
                                                DATE_AFTER_LETTERHEAD)
                for text in (datelines if pattern is DATELINE else texts)]
    searched += [(LABELLED_DATE, " ".join(texts))]
    for pattern, text in searched:
        for match in pattern.finditer(text):
            found = match.groupdict()
            raw = next(filter(None, (found.get(group) for group in (
                "date", "day_glued", "between", "after_year"))), "")
            # "28 . maj 2009", "2 maj 2005" and "14, november 2023" read as "28. maj 2009",
            # "2. maj 2005" and "14. november 2023"
            day_stop = re.sub(r"^\s*(\d{1,2})(?:\s+|,\s*)(?=[^\W\d])", r"\1. ", raw)
            value = parse_danish_date(re.sub(r"(?<=\d)\s+\.", ".", day_stop))
            if value and len(value) == 10:
                return value
    return next(filter(None, map(short_dateline, texts)), None) or next(
        filter(None, map(stamped_date, texts)), None)


def short_dateline(text: str) -> str | None:
    """The date of a line that holds only a date with a two-digit year, as "YYYY-MM-DD".

    >>> short_dateline("19-10-15"), short_dateline("31-11-15"), short_dateline("Sag 19-10-15")
    ('2015-10-19', None, None)
    """
    match = SHORT_DATELINE.match(text)
    try:
        return date(int(century_of(match["year"])), int(match["month"]),
                    int(match["day"])).isoformat() if match else None
    except ValueError:
        return None  # no such day


def stamped_date(text: str) -> str | None:
    """The date of a date stamp's line, as "YYYY-MM-DD".

    >>> stamped_date("0 3 C. 2019"), stamped_date("12 JUN. 2019"), stamped_date("3 N. 2019")
    ('2019-12-03', '2019-06-12', None)
    """
    for match in DATE_STAMP.finditer(text):
        spelt_out = MONTH_NUMBERS.get(match["month"].lower())  # "03 JULI 2018"
        months = {spelt_out} if spelt_out else {
            number for name, number in STAMP_MONTHS.items() if name.endswith(match["month"])}
        if len(months) == 1:
            try:
                return date(int(match["year"]), months.pop(),
                            int(re.sub(r"\s", "", match["day"]))).isoformat()
            except ValueError:
                continue  # no such day: "31 NOV. 2019"
    return None


# A line that breaks off its sentence: after a preposition or a short abbreviation ("... siden
# indførelsen af 28-årsreglen pr." / "1. januar 2004" / "med henvisning til ...").
PROSE_GOES_ON = re.compile(r"\b(?:af|fra|til|siden|før|efter|per|pr\.|jf\.|ca\.)\s*$",
                           re.IGNORECASE)
# A line whose last word is in small letters goes on: a date with a full stop after it on
# the next line ends that sentence ("Reglen trådte i kraft den" / "1. januar 2004.").
WORDS_GO_ON = re.compile(r"(?:^|\s)[a-zæøå][\wæøå]*,?\s*$")


def latest_date_in(texts: list[str]) -> str | None:
    """The latest date a letter without its own date names ("i brev af 15. november 2013"):
    near enough to its date to tell which ministry and committee names held."""
    # a month broken over a line where the line break was lost: "1. no- vember 2005"
    texts = [re.sub(r"(?<=[a-zæøå])-\s+(?=[a-zæøå])", "", text) for text in texts]
    days = [parse_danish_date(match.group(0))
            for text in texts for match in ANY_DATE.finditer(text)]
    return max((day for day in days if day and len(day) == 10), default=None)


def is_dateline(line: str) -> bool:
    """"4. november 2020", "12-12-2023", "København, den 12. marts 2019": nothing but a date."""
    stripped = re.sub(r"^[A-ZÆØÅ][\wæøå]+,\s*(den\s+)?|^(den|d\.)\s+", "", line.strip())
    return len(stripped) <= 25 and parse_danish_date(stripped) is not None

