"""What a meeting looks like to its readers: plain records, no database session needed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from meeting.foundations.dates import add_cadence
from meeting.foundations.statuses import MeetingStatus, SectionKind, SectionPhase


@dataclass
class SectionView:
    id: int
    position: int
    kind: SectionKind
    key: str
    title: str
    timebox_seconds: int
    elapsed_seconds: float
    running_since: dt.datetime | None
    # As the template said when the meeting started: the prompt under the title, whether
    # everyone writes alone first, whether entries keep no author.
    hint: str = ""
    phase: str = SectionPhase.OPEN  # a SectionPhase word, as stored
    anonymous: bool = False  # its entries keep no author

    @classmethod
    def of(cls, row: Any) -> SectionView:
        """A stored section, a table object or a Core row alike (whatever has its columns
        as attributes)."""
        return cls(
            id=row.id,
            position=row.position,
            kind=SectionKind(row.kind),
            key=row.key,
            title=row.title,
            timebox_seconds=row.timebox_seconds,
            elapsed_seconds=row.elapsed_seconds,
            running_since=row.running_since,
            hint=row.hint,
            phase=SectionPhase(row.phase),
            anonymous=row.anonymous,
        )

    @property
    def writing(self) -> bool:
        """Its entries are each writer's alone until the facilitator reveals them."""
        return self.phase == SectionPhase.WRITING

    def elapsed_at(self, now: dt.datetime) -> float:
        running = (now - self.running_since).total_seconds() if self.running_since else 0.0
        return self.elapsed_seconds + max(running, 0.0)

    def remaining_at(self, now: dt.datetime) -> float:
        """Seconds left in the timebox; negative once the section has overrun."""
        return self.timebox_seconds - self.elapsed_at(now)

    @property
    def running(self) -> bool:
        return self.running_since is not None


@dataclass
class MeetingView:
    id: int
    series_id: int
    series: str
    cadence: str
    date: dt.date
    status: MeetingStatus
    template_key: str
    facilitator: str | None
    current_position: int
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    sections: list[SectionView] = field(default_factory=list)
    attendees: list[tuple[str, str]] = field(default_factory=list)  # (name, team), marked
    absent: list[tuple[str, str]] = field(default_factory=list)  # everyone else on the list

    planned_next: dt.date | None = None  # the series' next planned meeting, if one is
    facilitator_id: int | None = None  # who holds the meeting's controls, if anyone

    @property
    def next_date(self) -> dt.date:
        return self.planned_next or add_cadence(self.date, self.cadence)

    @property
    def current(self) -> SectionView:
        return self.sections[self.current_position]

    def label(self) -> str:
        return f"{self.series} · {self.date.isoformat()}"

    def section_records(self) -> list[dict[str, object]]:
        """One row per section, as `huddle meeting show` writes them."""
        return [
            {
                "meeting_id": self.id,
                "series": self.series,
                "date": self.date.isoformat(),
                "status": self.status,
                "position": s.position + 1,
                "section": s.title,
                "kind": s.kind,
                "minutes": round(s.elapsed_seconds / 60, 1),
                "timebox_minutes": s.timebox_seconds // 60,
                "current": s.position == self.current_position,
                # Entries only: open, writing (alone, until revealed), revealed, ...
                "phase": str(s.phase) if s.kind == SectionKind.ITEMS else "",
                "anonymous": s.anonymous,
            }
            for s in self.sections
        ]
