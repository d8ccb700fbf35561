"""What the letter is for: answer, forwarding, information, or other.

    >>> letter_kind("Kære udvalg\\n\\nHermed oversendes rapporten til orientering.", [], None)
    'oversendelse'

The contract's order of judgement: a letter that answers a numbered question is
an answer, whatever else it does, unless it corrects an earlier answer; requests,
invitations and corrections are "other"; one whose purpose is to forward a report
is a forwarding; the rest inform in their own text.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from models import QuestionRef
from pipeline.extract.base import document_of, unglued
from pipeline.extract.questions import TO_BE_ANSWERED_ELSEWHERE, is_cited, sentence_before
from pipeline.reading import Document
from pipeline.reading.layout import SALUTATION

# A preliminary answer says it will answer ("yderligere tid til at besvare spørgsmålet",
# "et endeligt svar").
ANSWER = re.compile(
    r"\b(svar(er|et)? på|besvar(e|else|elsen|es|er)|som svar|hermed besvares"
    r"|foreløbig[et]?\s+(?:svar|besvarelse)|endelig[et]?\s+(?:svar|besvarelse)"
    # "Hermed sendes udenrigsministerens svar", "... bedt mig kommentere henvendelsen"
    r"|(?:over|frem)?sendes\s+(?:hermed\s+)?(?:\w+\s+){0,2}?svar(?:et)?"
    r"|bedt\s+mig\s+(?:om\s+at\s+)?(?:kommentere|redegøre|oplyse|svare|besvare)"
    # "Udvalget har bedt om en redegørelse for ... (spørgsmål 14, Alm. del)"
    r"|har\s+bedt\s+(?:mig\s+)?om\s+(?:en\s+|et\s+|min\s+|mit\s+)?(?:redegørelse|kommentar"
    r"|vurdering|oplysning|oversigt|opgørelse)"
    # "Udvalget har stillet følgende spørgsmål:", "... stillet mig følgende spørgsmål nr. 12"
    r"|stillet\s+(?:mig\s+)?følgende\s+spørgsmål"
    # "Jeg er blevet spurgt om, hvordan ...", "Ministeriet er blevet bedt om at redegøre for"
    r"|(?:jeg|ministeriet)\s+er\s+blevet\s+(?:bedt|spurgt)\b"
    # "Udvalget har spurgt, hvor mange ... (L 45 - spørgsmål 7)"; not what it asked before
    r"|udvalget\s+(?:har\s+(?!tidligere\b)(?:\w+\s+){0,3}?spurgt|spørger)"
    # "Med henvisning til udvalgets spørgsmål 22 skal jeg oplyse ...": the question it answers
    r"|(?:med\s+henvisning|henviser\s+jeg|jeg\s+henviser)\s+til\s+(?:\w+\s+){0,2}?"
    r"spørgsmål(?=\s*(?:nr\.?\s*)?(?:S\s*)?\d)|spørgsmål(?:et)?\s+har\s+følgende\s+ordlyd)\b",
    re.IGNORECASE,
)
# Any character but a sentence's end ("alm. del" is no end).
WITHIN_SENTENCE = r"(?:(?![.!?]\s+(?-i:[A-ZÆØÅ])).)"
# A preliminary answer may only promise the answer: "Spørgsmålet vil blive besvaret hurtigst
# muligt", "Svaret vil blive fremsendt snarest", "Jeg forventer at kunne sende udvalget et svar
# inden udgangen af april", "... anmode om udsættelse af fristen".
PROMISED_ANSWER = re.compile(
    r"\b(?:blive|forventes|bliver)\s+besvaret\b"
    r"|\b(?:over|frem)?sende\s+(?:\w+\s+){0,2}?(?:et|mit)\s+(?:endeligt\s+)?svar\b"
    r"|\bmodtage\s+(?:et|mit)\s+(?:endeligt\s+)?svar\b"
    rf"|\bsvaret\b{WITHIN_SENTENCE}{{0,30}}?\b(?:vil|forventes|kan)\s+(?:\w+\s+){{0,2}}?"
    r"(?:blive\s+)?(?:over|frem)?sendt\b"
    r"|\budsættelse\s+(?:af|med)\s+(?:fristen|besvarelsen)\b"
    # "... bede udvalget om at forlænge fristen", "det trækker ud med at svare på ..."
    r"|\bforlænge\s+fristen\b|\bfristforlængelse\b"
    r"|\btrækker\s+ud\s+med\s+(?:at\s+)?(?:svare|besvare|besvarelsen)\b",
    re.IGNORECASE)
# "Rettelse" and "korrektion" correct a letter only of a letter ("rettelse til svar på ...");
# alone they are a topic ("korrektion vedrørende overudligning").
CORRECTION = re.compile(
    r"\b(berigtigelse|berigtiger)\b"
    # "fejl i mit svar", "fejl i det fremsendte notat"; not the topics "fejl i det nye
    # IT-system", "fejl i ministeriets sagsbehandling"
    r"|\bfejl\s+i\s+(?:min|mit|ministeriets|den|det)\s+(?:\w+\s+){0,2}?"
    r"(?:svar|besvarelse|brev|notat|orientering|redegørelse)\b"
    # "en fejl i besvarelsen af spørgsmål nr. 12", "Korrigeret svar på ...", "... at der i
    # mit svar af 3. maj på spørgsmål nr. 12 var en fejl"
    r"|\bfejl\s+i\s+(?:besvarelsen|svaret)\s+(?:af|på)\s+(?:\S+\s+){0,3}?spørgsmål"
    r"|\b(?:korrigere|rette|revidere)(?:t|de)\s+(?:version\s+af\s+)?(?:svar|besvarelse|notat)\w*"
    # "Der er desværre fejl i tabel 2 i mit svar af 25. april 2007"
    r"|\bfejl\s+i\s+(?:\w+\s+){1,3}?i\s+(?:min|mit|ministeriets)\s+(?:svar|besvarelse|brev|notat)\b"
    # "der er en regnefejl i notatets tabel 2"
    r"|\b(?:regne|taste)?fejl\s+i\s+(?:notatets|svarets|besvarelsens|brevets|oversigtens)\b"
    # "besvarelsen af spørgsmål nr. 45 indeholdt en ukorrekt oplysning", "der i svaret på
    # spørgsmål nr. 45 er anført et forkert tal"
    rf"|\b(?:besvarelsen|svaret)\s+(?:af|på)\s+spørgsmål{WITHIN_SENTENCE}{{0,60}}?"
    r"\b(?:ukorrekt|forkert|fejlagtig|ikke\s+retvisende)\w*"
    r"|\bi\s+(?:mit|min|ministeriets)\s+(?:svar|besvarelse)\b"
    rf"{WITHIN_SENTENCE}{{0,80}}?(?<!ikke\s)\ben\s+fejl\b"
    # "Ved en fejl blev der i mit svar på spørgsmål nr. 233 angivet ...", "I svaret på
    # spørgsmål nr. 584 er det ved en fejl anført ..."
    rf"|\bved\s+en\s+fejl\b{WITHIN_SENTENCE}{{0,40}}?\bi\s+(?:(?:mit|min|ministeriets)\s+"
    r"(?:svar|besvarelse)|svaret|besvarelsen)\b"
    r"|\bi\s+(?:svaret|besvarelsen)\s+(?:af|på)\s+(?:\S+\s+){0,3}?spørgsmål"
    rf"{WITHIN_SENTENCE}{{0,80}}?(?<!ikke\s)\ben\s+fejl\b"
    r"|\b(?:rettelse|korrektion)\s+(?:af|til|i)\s+(?:[\wæøå.]+\s+){0,3}?"
    r"(?:svar|besvarelse|brev|orientering|notat|oplysning)"
    # "som jeg hermed vil rette"; "vil rette henvendelse til" contacts, "vil rette op på" mends
    r"|\bindehold(?:t|er)\s+(?:\w+\s+)?en\s+(?:regne|taste)?fejl\b"
    r"|\bvil rette\b(?!\s+(?:henvendelse|op)\b)"
    # "skal tallet rettelig være 231,4 mia. kr.", "oplyste jeg fejlagtigt, at ..."
    # "Det korrekte antal er 72.000 personer og ikke 78.000 som anført", "Rettelsesblad til ..."
    r"|\bog\s+ikke\s+[\d.,]+\s+(?:\w+\s+)?som\s+(?:anført|oplyst|angivet)\b|\brettelsesblad"
    r"|\brettelig(?:t)?\b|\b(?:oplyste|anførte|skrev|angav)\s+(?:jeg|vi|ministeriet)\s+fejlagtigt\b"
    r"|\bfejlagtigt\s+(?:oplyst|anført|angivet)\b",
    re.IGNORECASE,
)
# A correction the letter refers to is another letter's: "Jeg henviser i øvrigt til den
# beklagelse og korrektion af svar på ... spørgsmål nr. 194, som blev fremsendt ..."
CITED_CORRECTION = re.compile(r"\bhenvis\w*\s+(?:[\w-]+\s+){0,3}?til\s+(?:[\w-]+\s+){0,4}$",
                              re.IGNORECASE)
# A correction may only state the right figure after naming the answer it corrects: "I mit
# svar på spørgsmål nr. 12 anførte jeg, at der var 40 sager. Det korrekte antal er 45."
RIGHT_FIGURE = re.compile(
    r"\b(?:det|den)\s+korrekte\s+(?:tal|antal|beløb|opgørelse)\s+(?:er|var|udgør)\b",
    re.IGNORECASE)
EARLIER_ANSWER = re.compile(
    r"\b(?:mit|min|ministeriets)\s+(?:\w+\s+)?(?:svar|besvarelse)\b|\b(?:svaret|besvarelsen)\s+"
    r"(?:af|på)\b", re.IGNORECASE)
# Who sends: the minister, the ministry ("Justitsministeriet fremsender hermed ...").
SENDER_WORD = r"(?:jeg|vi|\w*ministeriet)"
# What a cover letter sends: a paper of its own ("det lovede notat", "kopi af mit brev", "den
# ønskede redegørelse"); a status or a report's findings told in the letter's own words leave
# the letter informing ("Jeg sender hermed årets status ...", "... sender jeg hermed udvalget
# den 13. statusredegørelse" followed by its figures).
PAPER = (r"(?:kopi(?:en)?|\w*notat(?:et)?|\w*rapport(?:en)?|\w*oversigt(?:en)?|\w*brev(?:et)?"
         r"|materiale(?:t)?|pressemeddelelse(?:n)?|betænkning(?:en)?|\w*-?redegørelse(?:n)?"
         r"|udkast(?:et)?|anbefalinger(?:ne)?|\w*analyse(?:n)?|\w*undersøgelse(?:n)?"
         r"|publikation(?:en)?|\w*vejledning(?:en)?|\w*beretning(?:en)?"
         # "sender jeg hermed talepapiret", "... udvalget en opgørelse over ...", "fortegnelse
         # over ministrenes stedfortrædere", "de indkomne høringssvar"
         r"|talepapir(?:et|er|erne)?|\w*opgørelse(?:n|r|rne)?|fortegnelse(?:n)?"
         # (not a plan or strategy, more often the topic: "en evaluering af handlingsplanen,
         # som jeg hermed sender")
         r"|\w*høringssvar(?:et|ene)?|\w*skema(?:et|er)?|lovforslag(?:et)?|bekendtgørelse(?:n)?"
         r"|skrivelse(?:n)?|aktstykke(?:t)?)")
# Sent "hermed", an evaluation is a paper too ("Hermed sender jeg til udvalgets orientering den
# internationale evaluering af universitetsloven"); told of first, it leaves the letter
# informing ("Der er nu gennemført en evaluering, som jeg hermed sender ...").
PAPER_SENT = rf"(?:{PAPER}|\w*evaluering(?:en)?)"
# What may stand between "sender hermed" and the paper: who it is for, up to four words
# before the paper's name ("til udvalgets orientering Vejdirektoratets rapport", "DR's public
# service-redegørelse", "udvalget Statens Serum Instituts undersøgelse").
SENT_PAPER = rf"(?:til\s+(?:\w+\s+)?orientering\s+)?(?:[\w'’-]+\s+){{0,4}}?{PAPER_SENT}\b"
FORWARDING = re.compile(
    # "Hermed oversendes ...", "... sendes hermed forslag til lov", "Til orientering sendes
    # vedlagt redegørelse ...", "fremsendes vedlagte ministerredegørelse", "Hermed
    # videresendes henvendelse fra ...", "... henvendelse fra Advokatrådet, som jeg hermed
    # videresender til udvalget"
    r"\b(?:hermed|vedlagt\w*|vedhæftet\w*|vedlægges)\s+(?:over|frem|videre)?sendes\b"
    r"|\b(?:over|frem|videre)?sendes\s+(?:hermed|vedlagt\w*|vedhæftet\w*)\b"
    rf"|\b{SENDER_WORD}\s+(?:hermed\s+)?(?:over|frem|videre)sender\b"
    rf"|\b(?:over|frem|videre)sender\s+{SENDER_WORD}\b"
    # "Vedlagt sender jeg den bekendtgørelse ...", "skal jeg hermed fremsende ...", "Jeg
    # tillader mig hermed at fremsende ..."
    rf"|\b(?:vedlagt\w*|vedhæftet\w*)\s+sender\s+{SENDER_WORD}\b"
    r"|\b(?:jeg|vi)\s+sender\s+(?:vedlagt|vedhæftet)\b"
    r"|\bhermed\s+(?:at\s+)?(?:over|frem|videre)sende\b"
    # "Da brevet også er stilet til udvalget, sender jeg det hermed til udvalget"
    r"|\bsender\s+(?:jeg|vi)\s+(?:det|dem|den)\s+hermed\b"
    # "Til udvalgets orientering sender jeg hermed kopi af ...", "Jeg skal hermed sende
    # udvalget det lovede notat"
    rf"|\bsende[rs]?\s+(?:{SENDER_WORD}\s+)?hermed\s+{SENT_PAPER}"
    # a paper sent by its name, "til orientering": "jeg sender hermed KF20 til udvalgets
    # orientering" (not a status told in the letter: "Jeg sender hermed årets status ...")
    r"|\bsende[rs]?\s+(?:jeg\s+|vi\s+)?hermed\s+(?-i:[A-ZÆØÅ])[\w'’.-]*(?:\s+[\w'’.()-]+){0,5}?"
    r"\s+til\s+(?:\w+\s+)?orientering\b"
    # a heading that names the letter a forwarding: "Oversendelse af Statens Serum Instituts ..."
    r"|(?:^|\n)\s*(?:Over|Frem|Videre)sendelse\s+af\b"
    rf"|\bhermed\s+sende[r]?\s+(?:{SENDER_WORD}\s+)?{SENT_PAPER}"
    rf"|\b{PAPER}\w*,?\s+som\s+(?:jeg|vi)\s+hermed\s+(?:over|frem|videre)?sender\b"
    # "Ministeriet sender til orientering udvalget en kopi af ...", "Jeg tillader mig at sende
    # udvalget vedlagte redegørelse", "Jeg har hermed fornøjelsen af at sende ..."
    rf"|\bsender\s+(?:{SENDER_WORD}\s+)?(?:til\s+(?:\w+\s+)?orientering\s+)?udvalget\s+"
    rf"(?:\w+\s+){{0,2}}?{PAPER}\b"
    # "Jeg sender kopi af brevet til udvalgets orientering", "Til orientering sender jeg kopi
    # af ..."
    rf"|\b{SENDER_WORD}\s+sender\s+(?:\w+\s+){{0,3}}?{PAPER}\b{WITHIN_SENTENCE}{{0,80}}?"
    r"\btil\s+(?:\w+\s+)?orientering\b"
    rf"|\borientering\s+sender\s+{SENDER_WORD}\s+(?:\w+\s+){{0,3}}?{PAPER}\b"
    r"|\b(?:over|frem|videre)?sende[rs]?\s+(?:\w+\s+){0,3}?vedlagte\b"
    rf"|\bhermed\b{WITHIN_SENTENCE}{{0,40}}?\bat\s+(?:over|frem|videre)?sende\b"
    # "... fremsendes til orientering notat om ...", "Vedlagte notat om X oversendes til
    # udvalgets orientering", "I forlængelse af samrådet oversendes notat om ..."; a paper
    # promised for later is no forwarding ("Rapporten oversendes til udvalget, når ...")
    r"|\b(?:over|frem|videre)?sendes\s+til\s+(?:\w+\s+){0,2}?orientering\b"
    r"|\bvedlagte\s+(?:[\w.-]+\s+){1,6}?(?:over|frem|videre)?sendes\b"
    # "... oversendes notat om ...", "Som aftalt på udvalgsmødet sendes notatet om ..."
    rf"|\b(?:over|frem|videre)?sendes\s+(?:\w+\s+){{0,3}}?{PAPER}\b"
    # "Hermed en kopi af ...", "Vedlagt er en kopi af ...", "Udvalget vil hermed få tilsendt"
    rf"|(?:^|[.!?:]\s+)Hermed\s+(?:en\s+|et\s+)?{PAPER}\b"
    r"|(?:^|[.!?:]\s+)(?:Vedlagt|Vedhæftet)\s+(?:er|findes)\b|\btilsendes\b"
    r"|\bfår?\s+(?:hermed\s+)?tilsendt\b|\borientering\s+er\s+vedlagt\b"
    # "Udvalget modtager hermed til orientering ...", "Udvalget modtager vedlagt kopi af ..."
    r"|\b(?:udvalget\s+modtager|modtager\s+udvalget)\s+(?:hermed|vedlagt)\b"
    # "Udvalget vil hermed modtage regeringens strategi ..."
    r"|\budvalget\s+(?:vil|skal)\s+hermed\s+modtage\b"
    # "Til udvalgets orientering vedlægges høringsskemaet", "... orientering fremsendes
    # høringsnotat, høringssvar og høringsoversigt"
    # ("En oversigt ... er vedlagt." only adds to a letter that informs in its own text)
    r"|\bvedlægge[rs]\b|\borientering\s+(?:over|frem|videre)?sendes\b"
    # "Opgørelsen pr. 3. kvartal 2023 er vedlagt som bilag 1."
    r"|\bvedlagt\s+som\s+bilag\b"
    # "Vedlagt følger i 5 eksemplarer høringsbrev ...", "Hermed følger rapporten"
    r"|\b(?:vedlagt|hermed)\s+følger\b(?!\s+(?:\w+\s+){0,3}(?:svar|besvarelse))"
    # "Til udvalgets orientering følger vedlagt kopi af ..."
    r"|\bfølger\s+(?:hermed|vedlagt)\b(?!\s+(?:\w+\s+){0,3}(?:svar|besvarelse))",
    re.IGNORECASE,
)
# An answer says so near the question it answers ("som jeg hermed skal besvare", "svar på
# spørgsmål nr. 12"), or sets the question and its answer under headings ("Spørgsmål 31:"
# ... "Svar:"); a question reference need not have been read for that.
ANSWERS_A_QUESTION = re.compile(
    rf"\b(svar|besvarelse)\b{WITHIN_SENTENCE}{{0,80}}\b(?:samråds)?spørgsmål"
    rf"|\bspørgsmål{WITHIN_SENTENCE}{{0,160}}\b(besvares|besvarer|besvare)\b|\bbesvares\s+hermed\b",
    re.IGNORECASE,
)
# What makes "svar på spørgsmål" name one question: a number, the question set out after
# it ("følgende spørgsmål:"), its date or who put it ("spørgsmål af 3. maj", "stillet af").
ONE_QUESTION = re.compile(
    r"\bspørgsmål(?:et)?\s*(?:nr\.?\s*)?(?:S\s*)?\d|følgende|\bspørgsmål(?:et)?\s*:"
    r"|\bsamrådsspørgsmål\s+(?-i:[A-ZÆØÅ]{1,2})\b"  # lettered: "samrådsspørgsmål A"
    r"|\bspørgsmål(?:et)?\s+(?:af\s+\d|vedr|om\b|stillet)|\bspørgsmålet\b",
    re.IGNORECASE,
)
# An answer announces itself early in its sentence or "hermed"; deep in a sentence the words
# are a topic ("peget på problemer i forhold til besvarelse af spørgsmål fra udvalget").
ANNOUNCING_WORDS = 8
# Headings stand on lines of their own, or glued to the text around them where the line
# breaks were lost ("... 25. juni 2013Spørgsmål 922 fra ...", "... besøget?Svar:").
# A heading may name the question's series before it ("URU alm. del spørgsmål 151:"), or
# the opening announce the question it sets out ("... stillet mig følgende spørgsmål:").
QUESTION_HEADING = re.compile(
    r"(?<![^\W\d_])Spørgsmål(?:\s+nr\.)?\s*(?:S\s)?\d+\s*:?|(?<![^\W\d_])Spørgsmål\s*:"
    r"|(?i:alm\.\s*del)\s*[-–]?\s*spørgsmål(?:\s+nr\.)?\s*\d+"
    # the question announced and set out after a colon: "stillet mig følgende spørgsmål:"
    r"|(?i:følgende\s+spørgsmål)\s*:")
ANSWER_HEADING = re.compile(r"(?:^|[\s?.!”\")])Svar\s*:|^Svar\s*$|[?.!”\"]\s*Svar[ \t]*$",
                            re.MULTILINE)
# A question to the minister quoted on a line of its own: '"Ministeren bedes redegøre for ...',
# '”Vil ministeren oplyse ...', also after what it starts from: '”Det fremgår af lovforslaget,
# at ... Kan ministeren mere præcist sige, ...'.
QUOTED_QUESTION = re.compile(
    r"^[ \t]*[\"”“»„][^\"”“«»]{0,400}?(?<![\w,])\s*"
    r"(?:Ministeren\s+bedes|(?:Vil|Kan|Mener|Finder|Agter)\s+ministeren)\b",
    re.MULTILINE)
QUOTED_QUESTION_SPAN = 600
# A quoted question: ”Hvor mange borgere omfattes af ordningen?”
QUOTED_ASKING = r"[\"”“»„][^\"”“«»]{1,600}\?[ \t]*[\"”“«]"
# The text opening with a quoted question, its heading above it in the head.
QUOTED_QUESTION_FIRST = re.compile(rf"\s*{QUOTED_ASKING}")
# A question's heading on a line of its own, a bill's number before it, and the question
# quoted below or after its "ordlyd": "Spørgsmål nr. 103 (Alm. del)" / "”Hvor mange ...?”".
QUOTED_UNDER_HEADING = re.compile(
    r"^[ \t]*(?:[LB][ \t]*\d+[ \t]*[-–][ \t]*)?[Ss]pørgsmål(?:[ \t]+nr\.)?[ \t]*(?:S[ \t]*)?\d+"
    rf"[^\n]{{0,80}}?(?:\s*\n[^\n]{{0,60}}?ordlyd:?|ordlyd:?)?\s*{QUOTED_ASKING}",
    re.MULTILINE)
# A question set out without quotes: "... som hermed besvares: Vil ministeren redegøre for,
# hvorfor der var en fejl i ministeriets svar?"
ASKED = re.compile(rf"(?:(?<=[:.!?])|^)\s*[A-ZÆØÅ]{WITHIN_SENTENCE}{{0,400}}?\?", re.MULTILINE)
# A quotation: the question as the committee put it, a phrase of someone else's.
QUOTED = re.compile(r"[\"”“»„][^\"”“«»]{0,600}?[\"”“«]")
# How much of the letter's start states its purpose, and where its headings stand.
HEADINGS_SPAN = 3000
# ft.dk's stamp files a letter that answers a question as such ("SOU Alm.del - endeligt
# svar på spørgsmål 39"); most stamps name only the case ("SOU Alm.del").
FILED_AS_ANSWER = re.compile(r"\bsvar\s+på\s+(?:\w+\s+)?spørgsmål\b", re.IGNORECASE)
# Asking for the committee's consent, or inviting it. The request is the sender's, put to
# the committee ("anmoder hermed om Finansudvalgets tilslutning", "Anmodning om tilslutning
# til ..."); the committee's own request answered ("I forlængelse af udvalgets anmodning om
# ..."), one told of in a paper sent ("mit brev, hvor jeg anmoder om ...") and "forlængelse af
# godkendelse af aktivstoffer" are none.
CONSENT = r"(?:tilslutning|godkendelse|tiltrædelse|samtykke|bemyndigelse)"
REQUEST = re.compile(
    # "... anmode om Folketingets Finansudvalgs tilslutning til ..."
    rf"\banmoder?\s+(?:hermed\s+)?(?:\w+\s+)?om\s+(?:Folketingets\s+)?(?:\w*udvalg\w*\s+)?"
    rf"{CONSENT}\b"
    r"|\banmoder?\s+(?:hermed\s+)?(?:\w*udvalget|Folketinget)\b"
    rf"|\banmodning\s+om\s+(?:\w+\s+)?{CONSENT}\b"
    # asked for, not told of: "til Finansudvalgets godkendelse", "med henblik på udvalgets
    # tiltrædelse"; not "har modtaget Finansudvalgets godkendelse"
    r"|\b(?:om|til|henblik\s+på)\s+(?:\w*udvalg(?:et)?s\s+)?(?:tilslutning|godkendelse|tiltrædelse)\b"
    # invitations of the committee: "udvalgets medlemmer er velkomne til at deltage"
    r"|\b(?:invitere|indbyde)\s+(?:\w+\s+){0,2}?(?:\w*udvalget|udvalgets|medlemmer\w*|jer|Dem"
    r"|ordførerne)\b"
    r"|\b(?:\w*udvalget|medlemmer\w*)\s+(?:\w+\s+){0,3}?(?:inviteres|indbydes)\b"
    r"|\bvelkom(?:men|ne)\s+til\s+at\s+(?:deltage|besøge)\b"
    # "Jeg skal bede Finansudvalget om at tiltræde, at ..."
    r"|\bbede[r]?\s+(?:\w+\s+){0,2}?(?:\w*udvalget|Folketinget)\s+(?:om\s+at\s+)?"
    r"(?:tiltræde|godkende|tilslutte)\b",
    re.IGNORECASE,
)

# An invitation, or thanks for one or for a visit, that opens the letter: "Tak for
# invitationen til udvalgets temadag", "Tak for udvalgets besøg på Flyvestation Skrydstrup";
# further down, an invitation is the letter's own only where it invites the committee ("Jeg
# vil invitere Folketingets partier til drøftelser" after what the letter tells).
INVITATION = re.compile(
    r"\b(?:invitation\w*|invitere[rs]?|indbyde[rs]?|indbydelse\w*)\b"
    r"|^\s*tak\s+for\s+(?:\w+\s+){0,2}?(?:besøg\w*|gæstfrihed\w*)\b"
    # "Jeg vil gerne takke udvalget for et godt og udbytterigt besøg i Haderslev Stift"
    r"|\btakke[r]?\s+(?:\w+\s+){0,3}?for\s+(?:\w+\s+){0,4}?(?:besøg\w*|gæstfrihed\w*)\b",
    re.IGNORECASE)
# A samråd's practicalities: "Jeg har modtaget udvalgets indkaldelse til samråd ... Jeg kan
# deltage", "... skal jeg anmode om, at samrådet udskydes".
SAMRAAD_PRACTICAL = re.compile(
    r"\bindkald\w*\s+(?:\w+\s+){0,2}?til\s+samråd"
    # "Jeg kan oplyse, at jeg kan deltage i samrådet torsdag den 24. april 2008 kl. 10.00"
    r"|\b(?:kan|vil)\s+(?:gerne\s+)?deltage\s+i\s+(?:det\s+(?:\w+\s+)?)?samrådet\b"
    # "... at samrådet udskydes", "Det aftalte møde mellem udvalget og mig ... må flyttes"
    rf"|\b(?:samrådet|mødet|det\s+aftalte\s+møde)\b{WITHIN_SENTENCE}{{0,150}}?"
    r"\b(?:udskydes|flyttes|aflyses|udsættes)\b",
    re.IGNORECASE)

# Offering the committee a briefing: an invitation in other words ("vil gerne tilbyde udvalget en
# teknisk gennemgang", "Ministeriet afholder den 1. april en teknisk gennemgang af reformen for
# udvalgets medlemmer"), as the letter's first sentence; a letter that informs or forwards and
# offers one besides does what it does first.
OFFER = re.compile(
    r"\btilbyde[rs]?\s+(?:\w+\s+){0,2}?udvalget\b"
    r"|\b(?:af)?holde[rs]?\s+(?:\S+\s+){0,6}?(?:gennemgang|briefing|\w*møde)\b"
    rf"{WITHIN_SENTENCE}{{0,60}}?\bfor\s+(?:udvalget|udvalgets\s+medlemmer)\b",
    re.IGNORECASE,
)


# A letter that opens with its enclosure: "Kopi af kongelig resolution er vedlagt." (after a
# letter's own words, "En oversigt ... er vedlagt." only adds to them).
ENCLOSED_FIRST = re.compile(
    rf"^\s*(?:(?:en|et)\s+)?{PAPER}\b{WITHIN_SENTENCE}{{0,100}}?\b(?:er|findes)\s+vedlagt\b",
    re.IGNORECASE)
# A letter that opens with the paper it promised, and encloses it in the next sentence:
# "Under samrådet lovede jeg at sende udvalget en redegørelse for ... Redegørelsen er vedlagt."
PROMISED = re.compile(
    rf"\b(?:lov(?:ede|et)|tilsag(?:de|t))\b{WITHIN_SENTENCE}{{0,60}}?\bat\s+(?:over|frem)?sende\b",
    re.IGNORECASE)
# A letter that opens by informing in its own words: "Til udvalgets orientering kan jeg
# oplyse, at ...", "Jeg skal hermed orientere udvalget om ...".
INFORMS = re.compile(
    r"\b(?:kan|skal|vil)\s+jeg\s+(?:(?:hermed|gerne)\s+)*(?:oplyse|orientere|meddele|informere)\b"
    r"|\bjeg\s+(?:kan|skal|vil)\s+(?:(?:hermed|gerne)\s+)*(?:oplyse|orientere|meddele|informere)\b",
    re.IGNORECASE)
# A sentence that sends a copy of the letter itself: it forwards no paper ("Jeg sender en
# kopi af dette brev til Udvalget for ... til orientering", "Kopi af nærværende brev er
# sendt til ...").
COPY_OF_THIS_LETTER = re.compile(
    rf"(?:(?<=[.!?])|^){WITHIN_SENTENCE}*?\bkopi(?:en)?\s+af\s+(?:dette|nærværende)\s+"
    rf"(?:brev|svar|skrivelse)\b{WITHIN_SENTENCE}*[.!?]?", re.IGNORECASE | re.MULTILINE)
# A sentence's end, also where the space after it was lost ("... Kastrup.Det er sket ...").
SENTENCE_END = re.compile(r"[.!?](?:\s+|(?=[A-ZÆØÅ][a-zæøå]))(?=[A-ZÆØÅ\"”])")


@Language.component("ministerbrev_kind", requires=["doc._.question_refs", "doc._.letterhead"])
def kind_component(doc: Doc) -> Doc:
    subject = doc._.letterhead.subject if doc._.letterhead else None
    # A letter read as one long line may stand wholly in a block beside an empty body.
    text = doc.text if doc.text.strip() else "\n".join(
        block.text for block in document_of(doc).blocks if block.region != "stamp")
    kind = letter_kind(text, doc._.question_refs or [], subject)
    if kind in ("orientering", "oversendelse") and filed_as_answer(document_of(doc)):
        kind = "svar_paa_spoergsmaal"
    doc._.letter_kind = kind
    return doc


def filed_as_answer(document: Document) -> bool:
    """Whether ft.dk's stamp on the letter files it as the answer to a question: where the
    letter's own words leave it a forwarding or information (a cover letter that only says
    "Hermed fremsendes ...", or an opening lost in the conversion)."""
    return any(FILED_AS_ANSWER.search(block.text)
               for block in document.blocks if block.region == "stamp")


def letter_kind(body_text: str, question_refs: list[QuestionRef], subject: str | None) -> str:
    """Judged on the subject and the opening, where letters state their purpose; words
    glued where line breaks were lost are read apart ("UDENRIGSMINISTERIETSvar på")."""
    body_text, subject = unglued(body_text), unglued(subject) if subject else None
    body_text = COPY_OF_THIS_LETTER.sub(" ", body_text)
    opened = opening(body_text)
    purpose = " ".join(filter(None, [subject, opened]))
    if corrects(own_words(purpose)):
        return "other"
    # A question only cited makes an answer of a letter that does nothing else: one that
    # forwards a report and cites an earlier answer ("Der henvises til ...") is a forwarding.
    answered = any(ref.answered for ref in question_refs) or (
        question_refs and not FORWARDING.search(purpose))
    # An answer cited says nothing of this letter ("I forbindelse med den daværende ministers
    # besvarelse af spørgsmål 2 ... blev det tilkendegivet, at ..."); a text that opens with
    # the question's heading sets out the question it answers, also where the published text
    # is cut before its "Svar:" ("Spørgsmål nr. 12:" / "Vil ministeren ...").
    says_so = own_answer_word(purpose) or ANSWER_HEADING.search(body_text[:HEADINGS_SPAN]) or (
        PROMISED_ANSWER.search(purpose)) or QUOTED_QUESTION_FIRST.match(body_text) or (
        QUESTION_HEADING.match(opening_line(body_text)))
    # A letter that forwards a paper and answers no question of its own: the answers below
    # are the paper's ("Til orientering fremsendes mit talepapir fra samrådet" / "2. Svar på
    # spørgsmål A ...").
    # The same holds where the question the paper serves is to be answered in another letter.
    forwards_only = FORWARDING.search(purpose) and (
        not ANSWER.search(purpose) or TO_BE_ANSWERED_ELSEWHERE.search(purpose)) and not any(
        ref.answered for ref in question_refs)
    if answered and says_so or not forwards_only and answers_a_question(subject, body_text):
        return "svar_paa_spoergsmaal"
    first = first_sentence(opened)
    # an invitation by its first sentence, or by its heading ("INVITATION", "Invitation til ...")
    if REQUEST.search(purpose) or INVITATION.search(first) or (
            subject and INVITATION.match(subject.strip())):
        return "other"
    # A letter says what it does in its first sentence, or in its second after a sentence of
    # background that forwards nothing ("Under samrådet tilkendegav jeg, at ... Jeg skal
    # hermed oplyse, at ..."). What it encloses after informing adds to what it says.
    second = "" if FORWARDING.search(first) else first_sentence(opened[len(first):]).strip()
    if SAMRAAD_PRACTICAL.search(f"{first} {second}"):
        return "other"  # a samråd's time and place, also where the letter "kan oplyse" them
    if any(INFORMS.search(sentence) and not FORWARDING.search(sentence)
           for sentence in (first, second)):
        return "orientering"
    if ENCLOSED_FIRST.match(first) or PROMISED.search(first) and ENCLOSED_FIRST.match(
            first_sentence(opened[len(first):])):
        return "oversendelse"  # the enclosure is what the letter opens with, or promised
    # A forwarding may say so below letterhead lines the reading left in the text.
    if FORWARDING.search(purpose) or FORWARDING.search(body_text[:HEADINGS_SPAN // 2]):
        return "oversendelse"
    if OFFER.search(first) or SAMRAAD_PRACTICAL.search(purpose):
        return "other"  # an offer that opens the letter, a samråd's time and place
    return "orientering"


def corrects(purpose: str) -> bool:
    """Whether the letter corrects an earlier answer or letter of the sender's.

    >>> corrects("I mit svar på spørgsmål 12 anførte jeg 40 sager. Det korrekte antal er 45.")
    True
    >>> corrects("Det korrekte antal kan ikke opgøres.")
    False
    >>> corrects("Jeg henviser i øvrigt til den korrektion af svar på spørgsmål nr. 194, som ...")
    False
    """
    flat = re.sub(r"\s+", " ", purpose)
    own_corrections = [found for found in CORRECTION.finditer(flat)
                       if not CITED_CORRECTION.search(flat[: found.start()][-80:])]
    return bool(own_corrections) or bool(
        RIGHT_FIGURE.search(purpose) and EARLIER_ANSWER.search(purpose))


def own_answer_word(purpose: str) -> bool:
    """Whether the letter's purpose speaks of an answer of its own, not one it cites.

    >>> own_answer_word("Hermed sendes svar på spørgsmål nr. 4.")
    True
    >>> own_answer_word("I forbindelse med den daværende ministers besvarelse af spørgsmål 2 "
    ...                 "blev det tilkendegivet, at der udarbejdes en opgørelse.")
    False
    """
    flat = re.sub(r"\s+", " ", purpose)
    # the words before the answer word and the word itself: "Som jeg oplyste i mit svar på"
    return any(not is_cited(flat, found.end()) for found in ANSWER.finditer(flat))


def own_words(text: str) -> str:
    """The letter's text without the question it quotes: an answer to a question about
    errors ("Vil ministeren redegøre for fejl i det nye IT-system?") corrects nothing.

    >>> own_words('Spørgsmål nr. 4:\\n”Er der fejl?”\\nSvar:\\nNej. Han sagde ”fejl”.')
    'Svar:\\nNej. Han sagde  .'
    """
    heading = QUESTION_HEADING.search(text)
    answer = ANSWER_HEADING.search(text, heading.end()) if heading else None
    if heading and answer:
        text = text[: heading.start()] + text[answer.start() :].lstrip()
    return ASKED.sub(" ", QUOTED.sub(" ", text))


def answers_a_question(subject: str | None, body_text: str) -> bool:
    """An answer by its own words, or by its headings: a question, then "Svar:".

    >>> answers_a_question(None, "Spørgsmål 31:\\nEr det korrekt?\\nSvar:\\nJa.")
    True
    """
    start = " ".join(filter(None, [subject, body_text[:HEADINGS_SPAN]]))
    flat = re.sub(r"\s+", " ", start)
    # "Der henvises til den daværende ministers besvarelse af ... spørgsmål nr. 12" cites
    if any(not is_cited(flat, match.end()) and announces_an_answer(flat, match)
           for match in ANSWERS_A_QUESTION.finditer(flat)):
        return True
    heading = QUESTION_HEADING.search(start)
    if heading and ANSWER_HEADING.search(start, heading.end()):
        return True
    # The question quoted at the letter's start, the answer after it with no heading; or
    # quoted under its heading ("L 45 - spørgsmål 7" / "”Hvor mange omfattes?”").
    return bool(QUOTED_QUESTION.search(body_text[:QUOTED_QUESTION_SPAN])
                or QUOTED_UNDER_HEADING.search(start))


def announces_an_answer(flat: str, match: re.Match[str]) -> bool:
    """Whether the words ``match`` found say that the letter answers one question: they name
    it, or stand at their sentence's start or after "hermed".

    >>> flat = ("Udvalget har ved brev af 26. februar peget på problemer i forhold til "
    ...         "besvarelse af spørgsmål fra udvalget og anmodninger om bistand.")
    >>> announces_an_answer(flat, ANSWERS_A_QUESTION.search(flat))
    False
    """
    if ONE_QUESTION.search(flat, match.start(), match.end() + 40):
        return True
    before = sentence_before(flat[max(0, match.start() - 200) : match.start()])
    return len(before.split()) <= ANNOUNCING_WORDS or "hermed" in before.lower()


def opening_line(body_text: str) -> str:
    """The text's first line after its salutation."""
    lines = [line.strip() for line in body_text.split("\n") if line.strip()]
    if lines and SALUTATION.match(lines[0]):
        lines = lines[1:]
    return lines[0] if lines else ""


def first_sentence(text: str) -> str:
    """ "Til orientering kan jeg oplyse, at X. Jeg vedlægger Y." -> its first sentence."""
    found = SENTENCE_END.search(text)
    return text[: found.start() + 1] if found else text


# The line a speech enclosed after the letter opens with: what follows is the speech's.
SPEECH_HEADER = re.compile(r"^\s*det talte ord gælder\b", re.IGNORECASE | re.MULTILINE)


def opening(body_text: str) -> str:
    """The first two paragraphs after the salutation; a short line before them (a heading
    left in the text: "Rettelse til besvarelse af spørgsmål nr. 123") goes with them. A
    speech enclosed after them ("DET TALTE ORD GÆLDER" / ...) is no part of them."""
    body_text = SPEECH_HEADER.split(body_text, maxsplit=1)[0]
    paragraphs = [p for p in body_text.split("\n\n") if p.strip()]
    if paragraphs and SALUTATION.match(paragraphs[0].strip()):
        paragraphs = paragraphs[1:]
    short_first = bool(paragraphs) and len(paragraphs[0]) < 60 and "\n" not in paragraphs[0]
    return "\n\n".join(paragraphs[: 3 if short_first else 2])
