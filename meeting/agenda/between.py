"""What happened between two meetings of a series: actions closed and lead questions
answered outside any meeting. It belongs to the next meeting, which shows it first."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from meeting.entries.action_rows import ActionRow
from meeting.entries.actions import rows_where
from meeting.entries.question_rows import QuestionRow
from meeting.entries.questions import rows_of
from meeting.foundations.statuses import ACTION_CLOSED, QuestionStatus
from storage.db import Database
from storage.models import ActionEvent, ActionItem, LeadQuestion, Meeting, Person


def since_last(
    session: Session, meeting_id: int
) -> tuple[int, dt.datetime | None, dt.datetime] | None:
    """The series, and the time from the series' previous meeting's start to this one's;
    None for a meeting that never started (nothing can be "since" it). By start time, not
    by the meetings' dates (foundations/order.py says why)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.started_at is None:
        return None
    previous = session.exec(
        select(Meeting.started_at)
        .where(
            Meeting.series_id == meeting.series_id,
            col(Meeting.started_at) < meeting.started_at,
            Meeting.id != meeting_id,
        )
        .order_by(col(Meeting.started_at).desc())
    ).first()
    return meeting.series_id, previous, meeting.started_at


def closed_since_last(db: Database, meeting_id: int) -> list[ActionRow]:
    """Actions of the series done or dropped between its previous meeting and this one,
    oldest closure first, with the status they were given then."""
    with db.read() as session:
        window = since_last(session, meeting_id)
        if window is None:
            return []
        series_id, since, until = window
        closing = (
            select(col(ActionEvent.action_id), col(Person.name))
            .join(Person, col(Person.id) == ActionEvent.by_id, isouter=True)
            .where(
                ActionEvent.kind == "status",
                col(ActionEvent.new).in_(ACTION_CLOSED),
                col(ActionEvent.meeting_id).is_(None),
                col(ActionEvent.at) < until,
                *([col(ActionEvent.at) > since] if since is not None else []),
            )
            .order_by(col(ActionEvent.id))
        )
        closed_by = dict(session.exec(closing).all())  # the latest closing wins
        rows = rows_where(
            session,
            col(ActionItem.series_id) == series_id,
            col(ActionItem.id).in_(list(closed_by)),
            col(ActionItem.status).in_(ACTION_CLOSED),
        )
    for row in rows:
        row.closed_by = closed_by.get(row.id)
    return sorted(rows, key=lambda r: (r.closed_at or until, r.id))


def answered_since_last(db: Database, meeting_id: int) -> list[QuestionRow]:
    """Lead questions of the series answered between its previous meeting and this one."""
    with db.read() as session:
        window = since_last(session, meeting_id)
        if window is None:
            return []
        series_id, since, until = window
        rows = rows_of(
            session,
            col(LeadQuestion.series_id) == series_id,
            col(LeadQuestion.status) == QuestionStatus.ANSWERED,
            col(LeadQuestion.answered_meeting_id).is_(None),
            col(LeadQuestion.answered_at) < until,
            *([col(LeadQuestion.answered_at) > since] if since is not None else []),
        )
    return sorted(rows, key=lambda q: (q.answered_at or until, q.id))
