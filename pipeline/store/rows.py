"""A record as the store's rows: one ``letters`` row, and rows for each fact table.

    >>> letter_row(record)["year"], len(fact_rows(record)["amounts"])  # doctest: +SKIP
    (2021, 3)
"""

from __future__ import annotations

import json

from models import LetterRecord
from models.record import OdaProvenance
from pipeline.store.schema import TableSpec


def letter_row(record: LetterRecord) -> dict:
    """The ``letters`` row of a record, with the derived columns analysts filter by."""
    letter, sender, source = record.letter, record.letter.sender, record.source
    return {
        "doc_id": record.doc_id, "date": letter.date,
        "year": int(letter.date[:4]) if letter.date else None,
        "kind": letter.kind, "subject": letter.subject,
        "ministry": sender.ministry, "minister": sender.minister,
        "recipient": "; ".join(r.name for r in letter.recipients) or None,
        "salutation": letter.salutation,
        "sender_address": sender.address, "sender_phone": sender.phone,
        "sender_email": sender.email, "sender_web": sender.web, "sender_cvr": sender.cvr,
        "recommendations": "\n".join(r.text for r in record.recommendations) or None,
        "warnings": json.dumps(record.warnings, ensure_ascii=False),
        "body_text": record.body_text,
        "path": source.path, "source_path": source.absolute_path,
        "filename": source.filename, "sha256": source.sha256,
        "bytes": source.bytes, "pages": source.pages, "media_type": source.media_type,
        "text_layer": source.text_layer, "processed_at": source.processed_at.isoformat(),
        "schema_version": record.schema_version,
        **oda_columns(record.source.oda),
    }


def oda_columns(oda: OdaProvenance | None) -> dict:
    """A letter from ODA: its id, title and address on ft.dk (its page, else its file)."""
    if oda is None:
        return {"oda_id": None, "oda_title": None, "ft_url": None}
    return {"oda_id": oda.dokument_id, "oda_title": oda.title,
            "ft_url": oda.page_url or oda.file_url}


def fact_rows(record: LetterRecord) -> dict[str, list[dict]]:
    """Rows for every fact table, keyed by table name: each item's fields and its evidence."""
    items = {
        "recipients": record.letter.recipients,
        "case_numbers": record.letter.case_numbers,
        "question_refs": record.letter.question_refs,
        "amounts": record.amounts, "dates": record.dates, "periods": record.periods,
        "counts": record.counts, "recommendations": record.recommendations,
    }
    return {table: [item_row(record.doc_id, position, item) for position, item in enumerate(found)]
            for table, found in items.items()}


def item_row(doc_id: str, position: int, item) -> dict:
    """One item's fields, with its evidence flattened into page/char_start/char_end."""
    row = {"doc_id": doc_id, "position": position, **item.model_dump(exclude={"evidence"})}
    evidence = getattr(item, "evidence", None)
    if evidence is not None:
        row.update(page=evidence.page, char_start=evidence.char_start,
                   char_end=evidence.char_end)
    return row


def insert_sql(spec: TableSpec) -> str:
    names = ", ".join(f'"{name}"' for name in spec.column_names)
    values = ", ".join(f":{name}" for name in spec.column_names)
    return f"INSERT INTO {spec.name} ({names}) VALUES ({values})"

