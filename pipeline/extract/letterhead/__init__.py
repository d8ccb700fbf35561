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
  segments; the minister from the signature;
- the subject: labelled ("Emne: ..."), else a heading below the address; the salutation.

One module a part: ``lines`` (the letterhead's lines and segments), ``letter_date``,
``recipients``, ``subject``, ``sender`` (the ministry), ``contact`` (street, phone, mail,
web, CVR) and ``signature`` (the minister).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from models import Recipient, Sender
from pipeline.extract.base import document_of
from pipeline.extract.letterhead.letter_date import latest_date_in, letter_date
from pipeline.extract.letterhead.lines import letter_texts
from pipeline.extract.letterhead.recipients import find_recipient_block, recipients_of
from pipeline.extract.letterhead.sender import sender_of
from pipeline.extract.letterhead.signature import PeopleFinder, ents_of_people
from pipeline.extract.letterhead.subject import salutation_of, subject_of
from pipeline.nlp.linebreaks import run_without_breaks


@dataclass
class Letterhead:
    """What the letter says about itself; the ``letter`` part of the record, less kind."""

    date: str | None = None
    subject: str | None = None
    sender: Sender = field(default_factory=Sender)
    recipients: list[Recipient] = field(default_factory=list)
    salutation: str | None = None


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
        ner = self.nlp.get_pipe("ner")
        return ents_of_people(run_without_breaks([ner], span.as_doc())[:])


def read_letterhead(doc: Doc, people_in: PeopleFinder) -> Letterhead:
    document = document_of(doc)
    texts = letter_texts(document)
    date = letter_date(document)
    # the text whole as well: a date may be broken over its lines ("den 20." / "december 2007")
    on = date or latest_date_in([*texts, document.body_text])
    recipient_block = find_recipient_block(document)
    return Letterhead(
        date=date,
        subject=subject_of(document, recipient_block),
        sender=sender_of(doc, texts, on, people_in),
        recipients=recipients_of(document, on),
        salutation=salutation_of(doc.text),
    )
