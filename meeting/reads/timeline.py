"""One action item's timeline: made, carried, reviewed, changed, commented, in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from meeting.foundations.errors import HuddleError
from storage.db import Database
from storage.tables import ACTION, ACTION_EVENT, MEETING, PERSON, SERIES


@dataclass
class TimelineEntry:
    at: dt.datetime
    kind: str
    meeting: str | None
    old: str | None
    new: str | None
    by: str | None = None

    def describe(self) -> str:
        where = f" in {self.meeting}" if self.meeting else ""
        if self.by:
            where += f" by {self.by}"
        if self.kind == "entry":
            return f"from the entry in {self.old}: {self.new}"
        if self.kind == "created":
            return f"created{where}"
        if self.kind == "carried":
            return f"carried into{where[3:] if where else ' a meeting'}"
        if self.kind == "reviewed":
            return f"reviewed{where}: {self.new}"
        if self.kind == "comment":
            return f"comment{where}: {self.new}"
        if self.kind in ("deleted", "restored"):
            return f"{self.kind}{where}"
        return f"{self.kind} {self.old or '–'} → {self.new or '–'}{where}"


def timeline(db: Database, action_id: int) -> list[TimelineEntry]:
    """Read with Core: the history screen shows a timeline on every cursor move."""
    event = ACTION_EVENT
    with db.connect() as conn:
        found = conn.execute(select(ACTION.c.id).where(ACTION.c.id == action_id)).first()
        if found is None:
            raise HuddleError(f"no action item with id {action_id} (try: huddle actions list)")
        rows: Sequence[Any] = conn.execute(
            select(
                event.c.at,
                event.c.kind,
                event.c.old,
                event.c.new,
                MEETING.c.date,
                SERIES.c.name,
                PERSON.c.name,
            )
            .select_from(event)
            .join(MEETING, MEETING.c.id == event.c.meeting_id, isouter=True)
            .join(PERSON, PERSON.c.id == event.c.by_id, isouter=True)
            .join(SERIES, SERIES.c.id == MEETING.c.series_id, isouter=True)
            .where(event.c.action_id == action_id)
            .order_by(event.c.at, event.c.id)
        ).all()
    return [
        TimelineEntry(
            at=at,
            kind=kind,
            meeting=f"{series} {day}" if day else None,
            old=old,
            new=new,
            by=by,
        )
        for at, kind, old, new, day, series, by in rows
    ]
