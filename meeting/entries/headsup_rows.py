"""A heads-up as screens, minutes and commands show it, apart from the code that changes
heads-ups: the meeting screen's agenda shows them before the ORM is loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meeting.foundations.records import record_dict


@dataclass
class HeadsUpRow:
    id: int
    team: str
    kind: str
    text: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    author: str | None
    created_at: dt.datetime

    def running_on(self, day: dt.date) -> bool:
        return (self.starts_on is None or self.starts_on <= day) and (
            self.ends_on is not None and day <= self.ends_on
        )

    def dates(self) -> str:
        """'2026-12-01 – 2026-12-12', 'until 2026-12-12', or '' for news without dates."""
        if self.ends_on is None:
            return ""
        end = self.ends_on.isoformat()
        return f"{self.starts_on.isoformat()} – {end}" if self.starts_on else f"until {end}"

    def as_dict(self) -> dict[str, object]:
        names = ("id", "team", "kind", "text", "starts_on", "ends_on", "author", "created_at")
        return record_dict(self, names)
