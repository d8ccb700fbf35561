"""Danish numbers as letters write them: "73,4", "1.250.000", "fire", "toogtyve".

    >>> parse_number("73,4")
    73.4
    >>> parse_number("1.250")
    1250
    >>> number_word("toogtyve")
    22
"""

from __future__ import annotations

import re
from decimal import Decimal

from models.record import LARGEST_NUMBER

# A number in Danish notation: thousands with "." (or a thin/plain space), decimals with ",".
NUMBER = r"\d{1,3}(?:(?:\.|\u00a0|\u202f)\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

UNITS = {
    "nul": 0, "en": 1, "et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
    "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
    "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17, "atten": 18,
    "nitten": 19,
}  # fmt: skip
TENS = {
    "tyve": 20, "tredive": 30, "fyrre": 40, "fyrretyve": 40, "halvtreds": 50, "tres": 60,
    "halvfjerds": 70, "firs": 80, "halvfems": 90,
}  # fmt: skip
HUNDREDS = {"hundrede": 100, "hundred": 100, "tusind": 1000, "tusinde": 1000}

SCALES = {
    "mia.": 10**9, "mia": 10**9, "milliard": 10**9, "milliarder": 10**9, "mld.": 10**9,
    "mio.": 10**6, "mio": 10**6, "mill.": 10**6, "million": 10**6, "millioner": 10**6,
    "tusind": 10**3, "tusinde": 10**3, "t.": 10**3, "tkr.": 10**3,
}  # fmt: skip


def parse_number(text: str) -> int | float:
    """A Danish-notation number as int where whole, else float.

    Read as a decimal, not a float: "1" and 330 zeros is a whole number (too large for
    a record, which ``plausible`` tells), not infinity.

        >>> parse_number("1" + "0" * 30) == 10**30
        True
    """
    cleaned = re.sub(r"[.\s\u00a0\u202f](?=\d{3}\b)", "", text.strip()).replace(",", ".")
    value = Decimal(cleaned)
    return int(value) if value == value.to_integral_value() else float(value)


def plausible(*values: int | float | None) -> bool:
    """Whether each value is a number a letter can mean: at most ``LARGEST_NUMBER`` either way
    (None, a missing range end, passes). A longer run of digits is no amount or count.

        >>> plausible(73_400_000, None), plausible(10**23)
        (True, False)
    """
    return all(value is None or abs(value) <= LARGEST_NUMBER for value in values)


def written_as_year(digits: str) -> bool:
    """Four digits from 1900 to 2100: a year, as letters write one.

        >>> written_as_year("2019"), written_as_year("2.019"), written_as_year("4480")
        (True, False, False)
    """
    return bool(re.fullmatch(r"(?:19\d\d|20\d\d|2100)", digits))


def number_word(word: str) -> int | None:
    """The value of a Danish number word up to 99 ("fire", "toogtyve"), else None."""
    word = word.lower()
    if word in UNITS:
        return UNITS[word]
    if word in TENS:
        return TENS[word]
    if word in HUNDREDS:
        return HUNDREDS[word]
    match = re.fullmatch(r"(en|to|tre|fire|fem|seks|syv|otte|ni)og(\w+)", word)
    if match and match.group(2) in TENS:
        return UNITS[match.group(1)] + TENS[match.group(2)]
    return None


def whole(value: float) -> int | float:
    """Round away float noise: 73.4 * 10**6 is 73400000, not 73399999.99999999."""
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded
