"""How letterheads print the sender's contact facts: street, postcode, phone, mail, web, CVR.

Two stages read them. ``reading.lineroles`` tells a line that is one of these facts from
running text (the ``*_LINE`` patterns match whole lines); ``extract.letterhead`` reads the
values out of letterhead segments (named groups). The pieces both mean alike are spelled
once here (``HOUSE_NUMBER``, ``POST_BOX``, ``EIGHT_DIGITS``, ``EMAIL_ADDRESS``,
``CVR_LABEL``); the rest differ on purpose, a whole line being surer than a segment.

    >>> bool(STREET_LINE.match("Slotsholmsgade 10")), POSTAL.search("1216 København K")[0]
    (True, '1216 København K')
    >>> PHONE.search("Telefon 7226 8400")["phone"], CVR.search("CVR-nr. 11 86 12 63")["cvr"]
    ('7226 8400', '11 86 12 63')
"""

from __future__ import annotations

import re

# Words of a letterhead that a postcode's town or a street's name never is.
LABEL_WORDS = (
    r"(?:Dato|Telefon|Telefax|Tlf|Tel|Fax|Sags|Sagsnr|Dok|Dokument|Mail|Web|Side|Kontor)\b"
)

# -- street -------------------------------------------------------------------------------------

# How Danish street names end.
STREET_SUFFIX = (r"(?:gade|vej|kanal|plads|stræde|allé|alle|torv|stranden|bro|gård|boulevard"
                 r"|vænge|brygge|holm|parken|passage|kaj|bakke|have|tårn)")
HOUSE_NUMBER = r"\d{1,3}(?:\s?[A-Z])?"  # "10", "27 F"
POST_BOX = r"Postboks\s+\d+"
# "Slotsholmsgade 10", "Frederiksholms Kanal 27 F", "Ved Stranden 8", "Slotsholmsgade 10-12".
STREET_LINE = re.compile(
    rf"^(?:[A-ZÆØÅ][\wæøå.\-]*\s+){{0,3}}[\wæøåÆØÅ.\-]*{STREET_SUFFIX}\s+{HOUSE_NUMBER}"
    rf"(?:\s?-\s?\d{{1,3}})?,?$|^{POST_BOX}$",
    re.IGNORECASE,
)
# A street of any name: capitalised words and a house number.
ANY_STREET = re.compile(rf"^[A-ZÆØÅ][a-zæøå]+(?:\s[A-ZÆØÅ][a-zæøå]+){{0,2}}\s{HOUSE_NUMBER},?$")
# A house number and the postcode glued to it: "Slotsholmsgade 101216 København".
STREET_AND_POSTCODE = re.compile(
    rf"((?i:{STREET_SUFFIX})\s{HOUSE_NUMBER})(\d{{4}}\s+[A-ZÆØÅ])"
)
# A street's number (and letter) right before its postcode: "Frederiksholms Kanal 27 F1220".
STREET_NUMBER = re.compile(
    r"\s(?P<number>\d{1,3}(?:\s?-\s?\d{1,3})?(?:\s?[A-Z](?![a-zæøå]))?)[\s,·•|]*$"
)
POST_BOX_END = re.compile(rf"[\s,·•|]*(?P<box>{POST_BOX})$", re.IGNORECASE)
STREET_WORD = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ.\-]*$")
# The ministry, department or title a street's name is often glued to ("Miljøministeriet
# Højbro Plads 4", "Lovafdelingen Slotsholmsgade 10", "Koncernafdeling Frederiksholms Kanal
# 25", "... og Sociale Forhold Holmens Kanal 22"): where the street's name stops.
NOT_STREET_WORD = re.compile(
    rf"(?i:.*(?:ministeriet|ministeren|afdeling(?:en)?|departementet|kontoret|styrelsen|"
    rf"sekretariatet|centret|forhold)|{LABEL_WORDS}.*|nr\.?)$"
)

# -- postcode -----------------------------------------------------------------------------------

# A town after its postcode, with its district's letters: "København K", "Aarhus C".
TOWN = r"[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ]{1,2})?"
POSTCODE_LINE = re.compile(r"^(?:DK-?\s?)?\d{4}\s+[A-ZÆØÅ][\wæøåÆØÅ]+(?:\s+[A-ZÆØÅ]{1,2})?\.?$")
POSTAL = re.compile(
    # not "Den 26. november": a case number's last digits before the date
    rf"(?:DK-)?\d{{4}}[ \t]+(?!{LABEL_WORDS}|Den\s+\d)"
    r"(?:København|KØBENHAVN|[A-ZÆØÅ][a-zæøå]+|[A-ZÆØÅ]{3,})"
    r"(?:\s[A-ZÆØÅ](?:(?![a-zæøå])|(?=www\.)))?"  # "København Kwww.km.dk": K, then the web
)

# -- phone --------------------------------------------------------------------------------------

# In pairs or fours, and Forsvarsministeriet's "728 10000".
EIGHT_DIGITS = r"(?:\d{2}\s?\d{2}\s?\d{2}\s?\d{2}|\d{3}\s\d{5})"
# A phone line may print its country code apart ("+ 45"); a value is read without it.
PHONE_DIGITS = rf"(?:\+\s?45\s?)?{EIGHT_DIGITS}"
PHONE_NUMBER = rf"(?:\+45\s?)?{EIGHT_DIGITS}(?!\d)"
LABELLED_PHONE = (r"(?:(?:direkte\s+)?(?:telefax|telefon|tlf|tel|fax|mobil|direkte|[TFM])\.?"
                  rf"(?:\s*nr\.?)?\s*:?\s*){PHONE_DIGITS}")
# A line of phone numbers, each after its label: "Tlf. 33 92 33 00", also with the fax after
# it ("Telefon 33 92 33 00 - Telefax 33 11 16 65").
PHONE_LINE = re.compile(
    rf"^[•·]?\s*{LABELLED_PHONE}(?:\s*[-–·•|,]?\s*{LABELLED_PHONE})*$", re.IGNORECASE)
PHONE = re.compile(
    # "Telefon" may be glued to what went before ("www.km.dkTelefon"); "T" stands apart; a
    # direct line ("Direkte tlf.: 7226 8512") is the case officer's, not the ministry's
    r"(?<!(?i:direkte)\s)(?<!(?i:dir)\.\s)"
    r"(?:[Tt]elefon|TELEFON|[Tt]lf|TLF|(?<![a-zæøå])(?:[Tt]el|TEL|T))\.?(?:\s?nr\.?)?\s*:?\s*"
    rf"(?:\+\s45\s?)?(?P<phone>{PHONE_NUMBER})"
)
PHONE_LABEL_ALONE = re.compile(r"(?<![a-zæøå])(?:[Tt]elefon|[Tt]lf|[Tt]el)\.?:?(?=\s)")
# A phone number's eight digits as printed apart: in fours, in pairs, or three and five.
SPACED_EIGHT_DIGITS = r"(?:\d{4}\s\d{4}|\d{2}\s\d{2}\s\d{2}\s\d{2}|\d{3}\s\d{5})"
PHONE_SHAPE = re.compile(rf"(?<![\d\-/])(?:\+45\s?)?{SPACED_EIGHT_DIGITS}(?![\d\-/])")

# -- mail and web -------------------------------------------------------------------------------

EMAIL_ADDRESS = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
EMAIL = re.compile(EMAIL_ADDRESS)
EMAIL_LINE = re.compile(
    rf"^(?:(?:e-?mail|e-post|mail|[EM])\s*:?\s*)?(?:{EMAIL_ADDRESS}|\[email\s?protected\])$",
    re.IGNORECASE,
)
# A web address as printed, its scheme too ("http://www.um.dk"); not a closing slash.
WEB_LINE = re.compile(
    r"^[:•·]?\s*(?:(?:web|hjemmeside|W)\s*:?\s*)?(?P<web>(?:https?://)?(?:www\.)?[\w-]+"
    r"(?:\.[\w-]+)*\.(?:dk|eu|com|org|net|gl|fo))/?$",
    re.IGNORECASE,
)
WEB = re.compile(
    r"(?P<web>(?i:https?://)?(?i:www)\.[\w-]+(?:\.[\w-]+)*?\.(?i:dk|eu|com|org|net|int))"
    r"(?![a-z])"
)
LABELLED_WEB = re.compile(
    r"(?<![A-Za-zæøå])(?:W|Web|WEB|Hjemmeside)\s*:?\s*(?P<web>[\w-]+\.(?:dk|eu|com|org))(?![a-z])"
)

# -- CVR and EAN --------------------------------------------------------------------------------

NUMBER_ID_LINE = re.compile(r"^[•·]?\s*(?:cvr|ean)[\w .-]{0,6}:?\s*[\d -]{8,}$", re.IGNORECASE)
CVR_LABEL = r"cvr(?:-?\s?nr\.?)?"
CVR = re.compile(
    rf"{CVR_LABEL}\s*:?\s*(?P<cvr>\d{{8}}|\d{{2}}[\s-]\d{{2}}[\s-]\d{{2}}[\s-]\d{{2}})(?!\d)",
    re.IGNORECASE,
)
# "CVR-nr. 1680 5408": read in a line of its own, where no row of labels can run on into it.
CVR_SPACED = re.compile(rf"\b{CVR_LABEL}[ \t]*:?[ \t]*(?P<cvr>\d{{4}} \d{{4}})$", re.IGNORECASE)
CVR_LABEL_ALONE = re.compile(rf"\b{CVR_LABEL}\s*:?", re.IGNORECASE)
CVR_SHAPE = re.compile(r"(?<![\d-])(?<!\d\s)\d{8}(?!\d)")
