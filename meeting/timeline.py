"""One action item's timeline: made, carried, reviewed, changed, commented, in order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import aliased
from sqlmodel import col, select

from meeting.errors import HuddleError
from storage.db import Database
from storage.models import ActionEvent, ActionItem, Meeting, Person, Series


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
    meeting = aliased(Meeting)
    with db.read() as session:
        found = session.get(ActionItem, action_id)
        if found is None:
            raise HuddleError(f"no action item with id {action_id} (try: huddle actions list)")
        rows = session.exec(
            select(ActionEvent, col(meeting.date), col(Series.name), col(Person.name))
            .join(meeting, col(meeting.id) == ActionEvent.meeting_id, isouter=True)
            .join(Person, col(Person.id) == ActionEvent.by_id, isouter=True)
            .join(Series, col(Series.id) == meeting.series_id, isouter=True)
            .where(col(ActionEvent.action_id) == action_id)
            .order_by(col(ActionEvent.at), col(ActionEvent.id))
        ).all()
    return [
        TimelineEntry(
            at=event.at,
            kind=event.kind,
            meeting=f"{series} {day}" if day else None,
            old=event.old,
            new=event.new,
            by=by,
        )
        for event, day, series, by in rows
    ]
