"""A meeting as its screen first shows it, read with Core alone: the meeting and its
sections (the agenda), who attended, and the heads-ups beside the agenda. The same records
meeting.agenda.meetings.get_meeting and meeting.entries.headsups.for_meeting read through
the ORM (tests/meeting/test_meeting_reads.py holds them equal), so opening a meeting paints
before SQLModel, pydantic and the table classes are imported (about 0.2 s)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, or_, select

from meeting.entries.headsup_rows import HeadsUpRow
from meeting.foundations.errors import HuddleError
from meeting.foundations.order import held_before, latest_first
from meeting.foundations.statuses import MeetingStatus
from meeting.foundations.views import MeetingView, SectionView
from storage.db import Database
from storage.tables import ATTENDANCE, HEADSUP, MEETING, PERSON, PLANNED, SECTION, SERIES


def read_meeting(db: Database, meeting_id: int) -> MeetingView:
    """The meeting, its sections and who attended, as `get_meeting` reads them."""
    with db.connect() as conn:
        return meeting_view(conn, meeting_id)


def meeting_view(conn: Connection, meeting_id: int) -> MeetingView:
    m, s = MEETING.c, SERIES.c
    found = conn.execute(
        select(
            m.id,
            m.series_id,
            s.name,
            s.cadence,
            m.date,
            m.status,
            m.template_key,
            m.facilitator_id,
            m.current_position,
            m.started_at,
            m.ended_at,
        )
        .join_from(MEETING, SERIES, s.id == m.series_id)
        .where(m.id == meeting_id)
    ).first()
    if found is None:
        raise HuddleError(f"no meeting with id {meeting_id} (try: huddle meeting list)")
    facilitator = None
    if found.facilitator_id:
        facilitator = conn.execute(
            select(PERSON.c.name).where(PERSON.c.id == found.facilitator_id)
        ).scalar()
    c = SECTION.c
    sections = [
        SectionView.of(row)
        for row in conn.execute(
            select(
                c.id,
                c.position,
                c.kind,
                c.key,
                c.title,
                c.timebox_seconds,
                c.elapsed_seconds,
                c.running_since,
                c.hint,
                c.phase,
                c.anonymous,
            )
            .where(c.meeting_id == meeting_id)
            .order_by(c.position)
        )
    ]
    p = PERSON.c
    marked: Sequence[Any] = conn.execute(
        select(p.name, p.team)
        .join_from(PERSON, ATTENDANCE, ATTENDANCE.c.person_id == p.id)
        .where(ATTENDANCE.c.meeting_id == meeting_id)
        .order_by(p.team, p.name)
    ).all()
    attendees: list[tuple[str, str]] = [(name, team) for name, team in marked]
    absent: list[tuple[str, str]] = []
    if attendees:  # nobody is absent while nobody is marked (attendance not taken)
        here = {name for name, _ in attendees}
        everyone: Sequence[Any] = conn.execute(
            select(p.name, p.team).order_by(p.team, p.name)
        ).all()
        absent = [(name, team) for name, team in everyone if name not in here]
    planned_next = conn.execute(
        select(PLANNED.c.date)
        .where(PLANNED.c.series_id == found.series_id, PLANNED.c.date > found.date)
        .order_by(PLANNED.c.date)
        .limit(1)
    ).scalar()
    return MeetingView(
        id=found.id,
        series_id=found.series_id,
        series=found.name,
        cadence=found.cadence,
        date=found.date,
        status=MeetingStatus(found.status),
        template_key=found.template_key,
        facilitator=facilitator,
        facilitator_id=found.facilitator_id,
        current_position=min(found.current_position, max(len(sections) - 1, 0)),
        started_at=found.started_at,
        ended_at=found.ended_at,
        sections=sections,
        attendees=attendees,
        absent=absent,
        planned_next=planned_next,
    )


def headsups_for(db: Database, meeting_id: int) -> list[HeadsUpRow]:
    """What a meeting shows: heads-ups running on its date or starting later (carried until
    they end), and news without dates raised in it or since the meeting before it; as
    `headsups.for_meeting` reads them."""
    m, h = MEETING.c, HEADSUP.c
    with db.connect() as conn:
        meeting = conn.execute(
            select(m.series_id, m.date, m.ended_at).where(m.id == meeting_id)
        ).first()
        if meeting is None:
            raise HuddleError(f"no meeting with id {meeting_id} (try: huddle meeting list)")
        previous_ended = conn.execute(
            select(m.ended_at)
            .where(
                m.series_id == meeting.series_id,
                held_before(m.date, m.id, meeting.date, meeting_id),
            )
            .order_by(*latest_first(m.date, m.id))
            .limit(1)
        ).first()
        between = h.meeting_id.is_(None)
        if previous_ended is not None and previous_ended.ended_at is not None:
            between = between & (h.created_at > previous_ended.ended_at)
        news = h.ends_on.is_(None) & ((h.meeting_id == meeting_id) | between)
        end = meeting.ended_at or dt.datetime.max.replace(tzinfo=dt.UTC)
        query = (
            select(
                h.id, h.team, h.kind, h.text, h.starts_on, h.ends_on, PERSON.c.name, h.created_at
            )
            .join_from(HEADSUP, PERSON, PERSON.c.id == h.author_id, isouter=True)
            .where(
                h.deleted_at.is_(None),
                or_(h.ends_on >= meeting.date, news),
                or_(h.meeting_id == meeting_id, h.created_at <= end),
            )
            .order_by(h.ends_on.is_(None), h.ends_on, h.id)
        )
        return [
            HeadsUpRow(
                id=r.id,
                team=r.team,
                kind=r.kind,
                text=r.text,
                starts_on=r.starts_on,
                ends_on=r.ends_on,
                author=r.name,
                created_at=r.created_at,
            )
            for r in conn.execute(query)
        ]
