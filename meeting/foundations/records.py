"""Records as the JSON and CSV outputs show them: one function, so every command writes
dates, ratios and missing values the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

FIGURE_PLACES = 1  # the tenth: a close call's extra digit, the finest any screen shows


def to_tenth(value: float | None) -> float | None:
    """A computed figure (a percentage, days, hours, an average) as JSON and CSV write it:
    to the tenth, so a script reads the number the scorecard, the waterfall, the pulse and
    the targets plan show, the same in each."""
    return None if value is None else round(value, FIGURE_PLACES)


def record_dict(
    record: object,
    names: Iterable[str],
    *,
    renamed: dict[str, str] | None = None,
    ratios: Iterable[str] = (),
) -> dict[str, object]:
    """`names` of `record` (fields or properties) in that order: dates as ISO text, and the
    `ratios` (0..1 in the record) as percentages to the tenth, as the scorecard writes its
    own (`83.3`, not `0.833`). `renamed` gives a name another key."""
    renamed = renamed or {}
    ratio_names = set(ratios)
    out: dict[str, object] = {}
    for name in names:
        value = getattr(record, name)
        if isinstance(value, dt.date):  # datetimes too
            value = value.isoformat()
        elif name in ratio_names and value is not None:
            value = to_tenth(value * 100)
        out[renamed.get(name, name)] = value
    return out
