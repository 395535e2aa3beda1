"""Finding meetings: by id, date or `latest`, the running one, lists and counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func
from sqlalchemy import select as select_columns
from sqlmodel import col, select

from meeting.agenda.home import MeetingRow, Overview
from meeting.agenda.series import resolve_series
from meeting.foundations.clock import Clock
from meeting.foundations.order import latest_first
from meeting.foundations.statuses import ActionStatus, MeetingStatus, QuestionStatus
from storage.db import Database
from storage.models import (
    ActionItem,
    LeadQuestion,
    Meeting,
    Person,
    Series,
)


def _meeting_rows() -> Select[int | None, dt.date, str, str, str]:
    """The columns of a MeetingRow, not ORM objects: `export --all` lists thousands."""
    return (
        select_columns(
            col(Meeting.id),
            col(Meeting.date),
            col(Series.name),
            col(Meeting.status),
            col(Person.name),
        )
        .join(Series, col(Series.id) == Meeting.series_id)
        .join(Person, col(Person.id) == Meeting.facilitator_id, isouter=True)
    )


def list_meetings(
    db: Database, *, series: str | None = None, limit: int | None = None
) -> list[MeetingRow]:
    with db.read() as session:
        query = _meeting_rows().order_by(*latest_first(col(Meeting.date), col(Meeting.id)))
        if series is not None:
            query = query.where(col(Meeting.series_id) == resolve_series(session, series).id)
        if limit is not None:
            query = query.limit(limit)
        rows: Sequence[Any] = session.execute(query).all()
        return [MeetingRow(*row) for row in rows]


def running_meeting(db: Database, *, series: str | None = None) -> MeetingRow | None:
    """The running meeting (of `series`, if named); the one started last if several series
    run one."""
    with db.read() as session:
        query = _meeting_rows().where(col(Meeting.status) == MeetingStatus.RUNNING)
        if series is not None:
            query = query.where(col(Meeting.series_id) == resolve_series(session, series).id)
        row: Any = session.execute(query.order_by(col(Meeting.started_at).desc())).first()
        return None if row is None else MeetingRow(*row)


def overview(db: Database, *, clock: Clock) -> Overview:
    today = clock.today()
    with db.read() as session:
        live_actions = (
            select(func.count())
            .select_from(ActionItem)
            .where(ActionItem.status == ActionStatus.OPEN, col(ActionItem.deleted_at).is_(None))
        )
        live_questions = (
            select(func.count())
            .select_from(LeadQuestion)
            .where(
                LeadQuestion.status == QuestionStatus.OPEN, col(LeadQuestion.deleted_at).is_(None)
            )
        )
        return Overview(
            open_actions=session.exec(live_actions).one(),
            overdue_actions=session.exec(live_actions.where(col(ActionItem.due) < today)).one(),
            open_questions=session.exec(live_questions).one(),
            overdue_questions=session.exec(
                live_questions.where(col(LeadQuestion.due) < today)
            ).one(),
            meetings=session.exec(select(func.count()).select_from(Meeting)).one(),
        )
