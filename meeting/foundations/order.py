"""The order of a series' meetings, and so what "the previous meeting" and "last meeting"
mean everywhere: by date, then by id, so a second meeting on one day comes after the first
and compares with it, not with the day before. The TUI, the CLI, the minutes, export --all
and the scorecard all ask this module; none keeps a rule of its own.

One question is about time, not this order: what happened *between* meetings (actions
closed and questions answered outside one, agenda/between.py) is what was done after the
last meeting began and before this one did, by the clock. A meeting recorded later for an
earlier date must not hide, or show twice, what was done in the days around it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import and_, or_

Value = TypeVar("Value")


def order_key(day: dt.date, meeting_id: int) -> tuple[dt.date, int]:
    """Sorts meetings oldest first."""
    return (day, meeting_id)


def latest_first(date_column: Any, id_column: Any) -> tuple[Any, Any]:
    """SQL ORDER BY: the last meeting first, so `.first()` after `held_before` is the
    previous meeting, and alone it is the latest one."""
    return date_column.desc(), id_column.desc()


def held_before(date_column: Any, id_column: Any, day: dt.date, meeting_id: int) -> Any:
    """SQL: the meetings that come before the meeting of `day` with id `meeting_id`."""
    return or_(date_column < day, and_(date_column == day, id_column < meeting_id))


def held_up_to(date_column: Any, id_column: Any, day: dt.date, meeting_id: int) -> Any:
    """SQL: the meeting itself and those before it."""
    return or_(date_column < day, and_(date_column == day, id_column <= meeting_id))


def previous_recorded(values: Sequence[Value | None]) -> list[int | None]:
    """For each meeting, in order, the index of the last earlier meeting that recorded a
    value (a meeting that skipped a number compares with the one before it); None when no
    earlier meeting did."""
    found: list[int | None] = []
    last: int | None = None
    for index, value in enumerate(values):
        found.append(last)
        if value is not None:
            last = index
    return found
