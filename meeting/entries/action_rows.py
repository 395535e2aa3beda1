"""An action item as every screen, command and export shows it, apart from the code that
changes items, so the read-only screens load without the ORM."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meeting.foundations.clock import local_day
from meeting.foundations.records import record_dict
from meeting.foundations.statuses import ActionStatus


@dataclass
class ActionRow:
    """An action item as every screen, command and export shows it."""

    id: int
    text: str
    owner: str
    team: str
    due: dt.date | None
    status: str
    meeting_id: int | None
    made_on: dt.date | None = None
    reviewed: str | None = None  # the mark given in the meeting being shown
    series: str = ""
    created_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    carried: int = 0  # meetings it was carried into
    closed_by: str | None = None  # who closed it between meetings, when they said so

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == ActionStatus.OPEN and self.due is not None and self.due < today

    def age_days(self, today: dt.date) -> int:
        """Days from when it was made to when it closed, or to today while it is open."""
        if self.created_at is None:
            return 0
        end = local_day(self.closed_at) if self.closed_at else today
        return (end - local_day(self.created_at)).days

    def as_dict(self) -> dict[str, object]:
        names = ("id", "text", "owner", "team", "due", "status", "meeting_id")
        return record_dict(self, names)

    def as_history_dict(self) -> dict[str, object]:
        names = ("id", "text", "owner", "team", "due", "status", "meeting_id", "made_on")
        return record_dict(
            self, (*names, "series", "carried"), renamed={"carried": "times_carried"}
        )
