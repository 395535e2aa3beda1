"""The rows of the sections a meeting most often opens on, read with Core alone: the review
of earlier meetings' actions (where a meeting starts) and its new actions (where an ended
one stopped). The same rows meeting.entries.actions and meeting.agenda.between read through
the ORM (tests/meeting/test_meeting_reads.py holds them equal), so the meeting screen's
first frame needs no ORM."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, select

from meeting.entries.action_rows import ActionRow
from meeting.foundations.statuses import ACTION_CLOSED
from storage.db import Database
from storage.tables import ACTION as ITEM
from storage.tables import ACTION_EVENT as EVENT
from storage.tables import MEETING, PERSON


def _base_query() -> Select[Any]:
    a = ITEM.c
    return (
        select(
            a.id,
            a.text,
            PERSON.c.name,
            PERSON.c.team,
            a.due,
            a.status,
            a.meeting_id,
            MEETING.c.date,
            a.created_at,
            a.closed_at,
        )
        .join_from(ITEM, PERSON, PERSON.c.id == a.owner_id)
        .join(MEETING, MEETING.c.id == a.meeting_id, isouter=True)
        .where(a.deleted_at.is_(None))
    )


def _rows(conn: Connection, query: Select[Any]) -> list[ActionRow]:
    return [
        ActionRow(
            id=r.id,
            text=r.text,
            owner=r.name,
            team=r.team,
            due=r.due,
            status=r.status,
            meeting_id=r.meeting_id,
            made_on=r.date,
            created_at=r.created_at,
            closed_at=r.closed_at,
        )
        for r in conn.execute(query)
    ]


def actions_made_in(db: Database, meeting_id: int) -> list[ActionRow]:
    """The actions made in the meeting, as `actions.actions_made_in` reads them."""
    with db.connect() as conn:
        return _rows(conn, _base_query().where(ITEM.c.meeting_id == meeting_id).order_by(ITEM.c.id))


def review_rows(db: Database, meeting_id: int) -> list[ActionRow]:
    """Actions carried into this meeting, with the mark each was given here, as
    `actions.review_rows` reads them."""
    e = EVENT.c
    with db.connect() as conn:
        carried = (
            select(e.action_id)
            .where(e.meeting_id == meeting_id, e.kind == "carried")
            .scalar_subquery()
        )
        a = ITEM.c
        rows = _rows(
            conn,
            _base_query().where(a.id.in_(carried)).order_by(a.due.is_(None), a.due, a.id),
        )
        # Every mark given in the meeting, oldest first: the last one per item stands.
        given = (
            select(e.action_id, e.new)
            .where(e.meeting_id == meeting_id, e.kind == "reviewed")
            .order_by(e.id)
        )
        marks: dict[Any, Any] = dict(conn.execute(given).all())
    for row in rows:
        row.reviewed = marks.get(row.id)
    return rows


def closed_since_last(db: Database, meeting_id: int) -> list[ActionRow]:
    """Actions of the series done or dropped between its previous meeting and this one,
    oldest closure first, as `between.closed_since_last` reads them."""
    m, e, a = MEETING.c, EVENT.c, ITEM.c
    with db.connect() as conn:
        meeting = conn.execute(select(m.series_id, m.started_at).where(m.id == meeting_id)).first()
        if meeting is None or meeting.started_at is None:
            return []
        until = meeting.started_at
        since = conn.execute(
            select(m.started_at)
            .where(m.series_id == meeting.series_id, m.started_at < until, m.id != meeting_id)
            .order_by(m.started_at.desc())
            .limit(1)
        ).scalar()
        closing = (
            select(e.action_id, PERSON.c.name)
            .join_from(EVENT, PERSON, PERSON.c.id == e.by_id, isouter=True)
            .where(
                e.kind == "status",
                e.new.in_(ACTION_CLOSED),
                e.meeting_id.is_(None),
                e.at < until,
                *([e.at > since] if since is not None else []),
            )
            .order_by(e.id)
        )
        closed_by: dict[Any, Any] = dict(conn.execute(closing).all())
        rows = _rows(
            conn,
            _base_query().where(
                a.series_id == meeting.series_id,
                a.id.in_(list(closed_by)),
                a.status.in_(ACTION_CLOSED),
            ),
        )
    for row in rows:
        row.closed_by = closed_by.get(row.id)
    return sorted(rows, key=lambda r: (r.closed_at or until, r.id))
