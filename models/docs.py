"""``docs/record.md``, written from the models: every field's key, type and description.

    python -m models.docs > docs/record.md

The page is made from the pydantic models alone (class docstrings, field types,
constraints and ``Field(description=...)``), so it says what the code validates;
``tests/test_record_docs.py`` fails when the committed page differs from this output.

    >>> from models.record import Evidence
    >>> print(field_row("page", Evidence.model_fields["page"]))
    | `page` | integer ≥ 1 | no | The page the fact stands on, counted from 1. |
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from models.failure import FAILURE_MEANINGS, Failure, FailureCode
from models.record import LetterRecord, held_models

COMMAND = "python -m models.docs > docs/record.md"

INTRO = f"""\
# The letter record

<!-- Generated from models/record.py and models/failure.py: do not edit by hand.
     After changing a model, run `{COMMAND}`. -->

Each processed letter gives one JSON object, a `LetterRecord`: one file in
`records/<doc_id>.json` and one line of `records.jsonl`. The pydantic models in
`models/record.py` validate it, and `ministerbrev schema` prints their JSON Schema.

Every key below is always present: a value that was not found is `null` or `[]`, never
a missing key. New keys may be added; these are not renamed or dropped. Unknown keys
are refused. Every fact (amount, date, period, count, recommendation) has `evidence`
that quotes `body_text` exactly: `body_text[evidence.start:evidence.end] == raw`.

The column *null* says whether the value can be `null`. Types are JSON's: a *string*
pattern is a regular expression the whole value matches.
"""

JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean",
              datetime: "string (ISO 8601 date and time)"}


def anchor(model: type[BaseModel]) -> str:
    """A Markdown link to a model's section.

    >>> anchor(LetterRecord)
    '[LetterRecord](#letterrecord)'
    """
    return f"[{model.__name__}](#{model.__name__.lower()})"


def without_none(annotation) -> tuple[object, bool]:
    """The annotation without ``None``, and whether ``None`` was in it.

    >>> without_none(str | None)
    (<class 'str'>, True)
    """
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        rest = members[0] if len(members) == 1 else Union[tuple(members)]  # noqa: UP007
        return rest, len(members) < len(get_args(annotation))
    return annotation, False


def type_name(annotation) -> str:
    """How the docs write a (non-null) type.

    >>> type_name(list[Failure]), type_name(int | float), type_name(Literal["a", "b"])
    ('list of [Failure](#failure)', 'number', '`"a"` \\\\| `"b"`')
    >>> from pydantic import Field
    >>> type_name(Annotated[int, Field(ge=0, le=9)] | Annotated[float, Field(ge=0, le=9)])
    'number ≥ 0 ≤ 9'
    """
    origin = get_origin(annotation)
    if origin is list:
        return "list of " + type_name(get_args(annotation)[0])
    if origin is Literal:
        return " \\| ".join(f'`"{value}"`' for value in get_args(annotation))
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        return type_name(base) + bounds(metadata)
    if origin in (Union, types.UnionType):
        names = dict.fromkeys(type_name(arg) for arg in get_args(annotation))
        numbers = {name.replace("integer", "number", 1) for name in names}
        if len(numbers) == 1 and all(name.startswith(("integer", "number")) for name in names):
            return numbers.pop()  # int | float: one JSON number
        return " or ".join(names)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return anchor(annotation)
    return JSON_TYPES[annotation]


def constraints(field: FieldInfo) -> str:
    """The field's bounds and pattern, as the type column adds them.

    >>> constraints(LetterRecord.model_fields["doc_id"])
    ', pattern `^[0-9a-f]{16}$`'
    """
    out = bounds(field.metadata)
    for rule in field.metadata:
        if getattr(rule, "pattern", None) is not None:
            out += f", pattern `{rule.pattern}`"
    return out


def bounds(metadata) -> str:
    """The lower and upper bounds among a field's or a type's rules.

    >>> from pydantic import Field
    >>> bounds(Field(ge=1, le=10).metadata)
    ' ≥ 1 ≤ 10'
    """
    out = ""
    for rule in metadata:
        if isinstance(rule, FieldInfo):  # Annotated[int, Field(ge=0)] holds its rules in one
            out += bounds(rule.metadata)
            continue
        for name, sign in (("ge", "≥"), ("le", "≤")):
            if getattr(rule, name, None) is not None:
                out += f" {sign} {getattr(rule, name)}"
    return out


def field_row(name: str, field: FieldInfo) -> str:
    """One table row: key, type, whether it can be null, description."""
    if not field.description:
        raise ValueError(f"field {name!r} has no description: add Field(description=...)")
    annotation, nullable = without_none(field.annotation)
    kind = type_name(annotation) + constraints(field)
    description = " ".join(field.description.split()).replace("|", "\\|")
    return f"| `{name}` | {kind} | {'yes' if nullable else 'no'} | {description} |"


def prose(docstring: str | None) -> str:
    """A docstring without its doctest examples, which are for the code's readers.

    >>> from models.record import OdaProvenance
    >>> prose(OdaProvenance.__doc__).splitlines()[-1]
    "Times are ODA's own: Danish local time without a zone, as ODA wrote them."
    """
    paragraphs = inspect.cleandoc(docstring or "").split("\n\n")
    return "\n\n".join(p for p in paragraphs if not p.lstrip().startswith(">>>"))


def model_section(model: type[BaseModel]) -> str:
    """A model's heading, docstring and one row per field."""
    rows = [field_row(name, field) for name, field in model.model_fields.items()]
    return "\n".join([f"## {model.__name__}", "", prose(model.__doc__), "",
                      "| key | type | null | description |", "| --- | --- | --- | --- |", *rows])


def models_in(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """``root`` and every model its fields hold, breadth first, each once.

    >>> [model.__name__ for model in models_in(Failure)]
    ['Failure']
    """
    queue, seen = [root], {root}
    while queue:
        model = queue.pop(0)
        yield model
        for field in model.model_fields.values():
            for held in held_models(field.annotation):
                if held not in seen:
                    seen.add(held)
                    queue.append(held)


def failure_codes() -> str:
    """The table of failure codes and what each means."""
    rows = [f"| `{code}` | {FAILURE_MEANINGS[code]} |" for code in get_args(FailureCode)]
    return "\n".join(["### Failure codes", "", "| code | meaning |", "| --- | --- |", *rows])


def render() -> str:
    """The whole page, as ``docs/record.md`` holds it."""
    sections = [INTRO, *map(model_section, models_in(LetterRecord)), model_section(Failure),
                failure_codes()]
    return "\n\n".join(section.strip("\n") for section in sections) + "\n"


if __name__ == "__main__":
    print(render(), end="")
