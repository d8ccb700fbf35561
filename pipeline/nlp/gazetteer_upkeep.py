"""Keeping the gazetteer right: what is inconsistent in its data files, and the trained
model's copy of the entity ruler's patterns rewritten from them.

    $ python -m pipeline.nlp.gazetteer                  # check the data
    $ python -m pipeline.nlp.gazetteer --refresh-model  # check, then rewrite the patterns
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pipeline.nlp.gazetteer_data import ALWAYS, Period, committees, ministers, ministries
from pipeline.nlp.gazetteer_forms import Entry, lookup_tables, normalize

# --- checking the data -----------------------------------------------------------------------


def data_problems() -> list[str]:
    """What is inconsistent in the data files (empty when all is well): periods out of
    order or overlapping, a domain or abbreviation claimed twice at once, a minister whose
    ministry, title or dates the ministry does not have.

    >>> data_problems()
    []
    """
    problems: list[str] = []
    names: dict[str, str] = {}
    for m in ministries():
        problems += _period_problems(m.name, m.periods)
        for form in (m.name, *m.aliases):
            if names.setdefault(normalize(form), m.name) != m.name:
                problems.append(f"{form!r} names both {names[normalize(form)]} and {m.name}")
        for d in m.domain_periods:
            if d.period is not ALWAYS and not _within(d.period, m.periods):
                problems.append(f"{m.name}: {d.domain} dated outside the ministry's periods")
        if m.successor and not any(x.name == m.successor for x in ministries()):
            problems.append(f"{m.name}: unknown successor {m.successor!r}")
    problems += _shared_problems("domain", lookup_tables()["domain"])
    for c in committees():
        if c.periods != ():
            problems += _period_problems(c.name, c.periods)
    problems += _shared_problems("abbreviation", lookup_tables()["abbreviation"])
    by_name = {m.name: m for m in ministries()}
    for a in ministers():
        where = f"{a.name} ({a.title}, {a.start})"
        ministry = by_name.get(a.ministry)
        if ministry is None:
            problems.append(f"{where}: unknown ministry {a.ministry!r}")
            continue
        if a.title not in ministry.minister_titles:
            problems.append(f"{where}: {a.ministry} has no title {a.title!r}")
        problems += _period_problems(where, (Period(a.start, a.end),))
        if not _within(Period(a.start, a.end), ministry.periods):
            problems.append(f"{where}: outside the periods of {a.ministry}")
    return problems


def _period_problems(what: str, periods: Sequence[Period]) -> list[str]:
    problems = []
    for period in periods:
        if period.start and period.end and period.start >= period.end:
            problems.append(f"{what}: period ends before it starts")
    ordered = sorted(periods, key=lambda p: p.start or date.min)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.end is None or (b.start is not None and b.start < a.end) or b.start is None:
            problems.append(f"{what}: overlapping periods")
    return problems


def _within(inner: Period, periods: Sequence[Period]) -> bool:
    """Whether ``inner`` lies inside one of ``periods``."""
    for outer in periods:
        starts_after = outer.start is None or (inner.start or date.min) >= outer.start
        ends_before = outer.end is None or (inner.end or date.max) <= outer.end
        if starts_after and ends_before:
            return True
    return False


def _shared_problems(kind: str, table: dict[str, list[Entry]]) -> list[str]:
    """Keys that two entries claim on the same day."""
    problems = []
    for key, entries in table.items():
        for i, (name_a, periods_a) in enumerate(entries):
            for name_b, periods_b in entries[i + 1 :]:
                if any(_overlap(a, b) for a in periods_a for b in periods_b):
                    problems.append(f"{kind} {key!r}: {name_a} and {name_b} at the same time")
    return problems


def _overlap(a: Period, b: Period) -> bool:
    return ((a.start is None or b.end is None or a.start < b.end)
            and (b.start is None or a.end is None or b.start < a.end))


# --- the model's copy of the patterns --------------------------------------------------------


def refresh_model_patterns(model_dir: Path | None = None) -> Path:
    """Write the entity ruler's patterns (``ruler.patterns()``, from this data) into the
    trained model's ``gazetteer_ruler`` folder, as ``--stage assemble`` does, leaving the
    rest of the model as it is. Returns the folder.

    >>> refresh_model_patterns()  # doctest: +SKIP
    PosixPath('.../pipeline/nlp/model/gazetteer_ruler')
    """
    import spacy

    from pipeline.nlp import MODEL_DIR
    from pipeline.nlp.ruler import RULER_NAME, add_gazetteer_ruler

    folder = (model_dir or MODEL_DIR) / RULER_NAME
    ruler = add_gazetteer_ruler(spacy.blank("da"))
    ruler.to_disk(folder)
    return folder



def main(args: list[str]) -> int:
    """Print the data's problems (or that there are none); with ``--refresh-model``, also
    rewrite the model's patterns. Returns the exit status: 1 where the data has problems."""
    found = data_problems()
    print("\n".join(found) or "gazetteer data: no problems")
    if "--refresh-model" in args:
        print("patterns written to", refresh_model_patterns())
    return 1 if found else 0
