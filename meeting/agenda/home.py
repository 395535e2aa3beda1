"""What the home screen shows, read with SQLAlchemy Core alone.

The home screen is huddle's first frame. It is drawn before SQLModel, pydantic and the
table classes are imported (about 0.15 s of start-up), so its queries read the Core
table clauses of `storage.tables`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, TableClause, case, func, select

from meeting.foundations.clock import Clock
from meeting.foundations.order import latest_first
from meeting.foundations.records import record_dict
from meeting.foundations.statuses import ActionStatus, MeetingStatus, QuestionStatus
from storage.db import Database
from storage.tables import ACTION, HEADSUP, MEETING, PERSON, PLANNED, QUESTION, SERIES


@dataclass
class MeetingRow:
    id: int
    date: dt.date
    series: str
    status: str
    facilitator: str | None

    def as_dict(self) -> dict[str, object]:
        return record_dict(self, ("id", "date", "series", "status", "facilitator"))


@dataclass
class Overview:
    open_actions: int
    overdue_actions: int
    open_questions: int
    overdue_questions: int
    meetings: int


@dataclass
class HomeSummary:
    series: list[tuple[str, str, int]]  # name, cadence, meetings
    recent: list[MeetingRow]
    running: MeetingRow | None
    overview: Overview
    default_series: str | None
    last_facilitator: str | None
    planned: list[tuple[str, dt.date]] = field(default_factory=list)  # soonest first
    # Heads-ups running today: text, team, last day; the soonest to end first.
    headsups: list[tuple[str, str, dt.date]] = field(default_factory=list)


def home_summary(db: Database, *, clock: Clock, recent: int = 50) -> HomeSummary:
    """Everything the home screen shows, in a handful of indexed queries in one transaction."""
    today = clock.today()
    rows_query = (
        select(MEETING.c.id, MEETING.c.date, SERIES.c.name, MEETING.c.status, PERSON.c.name)
        .select_from(MEETING)
        .join(SERIES, SERIES.c.id == MEETING.c.series_id)
        .join(PERSON, PERSON.c.id == MEETING.c.facilitator_id, isouter=True)
    )

    def tally(kind: TableClause, still_open: str) -> Select[tuple[Any, Any]]:
        is_open = (kind.c.status == still_open) & kind.c.deleted_at.is_(None)
        return select(
            func.coalesce(func.sum(case((is_open, 1), else_=0)), 0),
            func.coalesce(func.sum(case((is_open & (kind.c.due < today), 1), else_=0)), 0),
        ).where(kind.c.status == still_open)

    with db.connect() as conn:
        counted: Sequence[Any] = conn.execute(
            select(SERIES.c.name, SERIES.c.cadence, func.count(MEETING.c.id))
            .select_from(SERIES)
            .join(MEETING, MEETING.c.series_id == SERIES.c.id, isouter=True)
            .group_by(SERIES.c.id)
            .order_by(SERIES.c.name)
        ).all()
        latest: Sequence[Any] = conn.execute(
            rows_query.order_by(*latest_first(MEETING.c.date, MEETING.c.id)).limit(recent)
        ).all()
        running: Any = conn.execute(
            rows_query.where(MEETING.c.status == MeetingStatus.RUNNING).order_by(
                MEETING.c.started_at.desc()
            )
        ).first()
        actions: Any = conn.execute(tally(ACTION, ActionStatus.OPEN)).one()
        questions: Any = conn.execute(tally(QUESTION, QuestionStatus.OPEN)).one()
        open_actions, overdue_actions = actions
        open_questions, overdue_questions = questions
        meetings_count = conn.execute(select(func.count()).select_from(MEETING)).scalar()
        planned: Sequence[Any] = conn.execute(
            select(SERIES.c.name, PLANNED.c.date)
            .select_from(PLANNED)
            .join(SERIES, SERIES.c.id == PLANNED.c.series_id)
            .where(PLANNED.c.date >= today)
            .order_by(PLANNED.c.date, SERIES.c.name)
            .limit(3)
        ).all()
        headsups: Sequence[Any] = conn.execute(
            select(HEADSUP.c.text, HEADSUP.c.team, HEADSUP.c.ends_on)
            .where(
                HEADSUP.c.deleted_at.is_(None),
                HEADSUP.c.ends_on >= today,
                HEADSUP.c.starts_on.is_(None) | (HEADSUP.c.starts_on <= today),
            )
            .order_by(HEADSUP.c.ends_on)
        ).all()
    recent_rows = [MeetingRow(*row) for row in latest]
    return HomeSummary(
        series=[(name, cadence, count) for name, cadence, count in counted],
        recent=recent_rows,
        running=MeetingRow(*running) if running else None,
        overview=Overview(
            open_actions, overdue_actions, open_questions, overdue_questions, meetings_count or 0
        ),
        default_series=recent_rows[0].series
        if recent_rows
        else (counted[0][0] if counted else None),
        last_facilitator=next((r.facilitator for r in recent_rows if r.facilitator), None),
        headsups=[(text, team, ends) for text, team, ends in headsups],
        planned=[(name, day) for name, day in planned],
    )
