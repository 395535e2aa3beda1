"""Heads-ups: what one team must know from the other. A campaign or promotion runs between
two dates; content, an objection or a lost-deal reason is news for one meeting. One with an
end date is shown again in every meeting until it ends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import col, or_, select

from meeting.entries.headsup_rows import HeadsUpRow as HeadsUpRow
from meeting.entries.people import normalise_team, resolve_person
from meeting.foundations.clock import Clock
from meeting.foundations.ended import refuse_if_ended
from meeting.foundations.errors import HuddleError
from meeting.foundations.order import held_before, latest_first
from meeting.foundations.statuses import SectionKind
from meeting.foundations.views import MeetingView
from storage.db import Database
from storage.models import HeadsUp, Meeting, Person, stored_id

KINDS = ("campaign", "content", "objection", "lost-reason", "other")


def check_kind(kind: str | None) -> str:
    value = (kind or "other").strip().lower()
    if value not in KINDS:
        raise HuddleError(f"unknown kind {kind!r} (choose one of: {', '.join(KINDS)})")
    return value


def add_headsup(
    db: Database,
    text: str,
    *,
    team: str,
    clock: Clock,
    kind: str | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    by: str | None = None,
    meeting_id: int | None = None,
) -> int:
    cleaned = text.strip()
    if not cleaned:
        raise HuddleError("the heads-up is empty (type what the other team must know)")
    chosen_kind = check_kind(kind)
    chosen_team = normalise_team(team)
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise HuddleError(
            f"the heads-up ends ({ends_on}) before it starts ({starts_on}); check its dates"
        )
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        author = resolve_person(session, by) if by else None  # a typo adds nobody
        headsup = HeadsUp(
            team=chosen_team,
            kind=chosen_kind,
            text=cleaned,
            starts_on=starts_on,
            ends_on=ends_on,
            meeting_id=meeting_id,
            author_id=author.id if author else None,
            created_at=clock.now(),
        )
        session.add(headsup)
        session.flush()
        return stored_id(headsup.id)


def delete_headsup(
    db: Database, headsup_id: int, *, clock: Clock, meeting_id: int | None = None
) -> None:
    """`meeting_id`: the meeting it is deleted in, if any."""
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        found = session.get(HeadsUp, headsup_id)
        if found is None or found.deleted_at is not None:
            raise HuddleError(f"no heads-up with id {headsup_id} (try: huddle headsup list --all)")
        found.deleted_at = clock.now()


def list_headsups(db: Database, *, today: dt.date, everything: bool = False) -> list[HeadsUpRow]:
    """What is running or still to come (all of them with `everything`), soonest end first."""
    query = (
        select(HeadsUp, col(Person.name))
        .join(Person, col(Person.id) == HeadsUp.author_id, isouter=True)
        .where(col(HeadsUp.deleted_at).is_(None))
    )
    if not everything:
        query = query.where(col(HeadsUp.ends_on) >= today)
    query = query.order_by(col(HeadsUp.ends_on), col(HeadsUp.id))
    with db.read() as session:
        return [_row(h, who) for h, who in session.exec(query)]


def for_meeting(db: Database, meeting_id: int) -> list[HeadsUpRow]:
    """What a meeting shows: heads-ups running on its date or starting later (carried until
    they end), and news without dates raised in it or since the meeting before it."""
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise HuddleError(f"no meeting with id {meeting_id} (try: huddle meeting list)")
        previous = session.exec(
            select(Meeting)
            .where(
                Meeting.series_id == meeting.series_id,
                held_before(col(Meeting.date), col(Meeting.id), meeting.date, meeting_id),
            )
            .order_by(*latest_first(col(Meeting.date), col(Meeting.id)))
        ).first()
        between: Any = col(HeadsUp.meeting_id).is_(None)
        if previous is not None and previous.ended_at is not None:
            between = between & (col(HeadsUp.created_at) > previous.ended_at)
        raised_here: Any = col(HeadsUp.meeting_id) == meeting_id
        news = col(HeadsUp.ends_on).is_(None) & (raised_here | between)
        query = (
            select(HeadsUp, col(Person.name))
            .join(Person, col(Person.id) == HeadsUp.author_id, isouter=True)
            .where(
                col(HeadsUp.deleted_at).is_(None),
                or_(col(HeadsUp.ends_on) >= meeting.date, news),
                or_(HeadsUp.meeting_id == meeting_id, col(HeadsUp.created_at) <= _end_of(meeting)),
            )
            .order_by(col(HeadsUp.ends_on).is_(None), col(HeadsUp.ends_on), col(HeadsUp.id))
        )
        return [_row(h, who) for h, who in session.exec(query)]


def _end_of(meeting: Meeting) -> dt.datetime:
    """Heads-ups made after a meeting ended belong to the next one, not to its record."""
    if meeting.ended_at is not None:
        return meeting.ended_at
    return dt.datetime.max.replace(tzinfo=dt.UTC)


def _row(headsup: HeadsUp, who: str | None) -> HeadsUpRow:
    return HeadsUpRow(
        id=stored_id(headsup.id),
        team=headsup.team,
        kind=headsup.kind,
        text=headsup.text,
        starts_on=headsup.starts_on,
        ends_on=headsup.ends_on,
        author=who,
        created_at=headsup.created_at,
    )


def restore_headsup(db: Database, headsup_id: int, *, meeting_id: int | None = None) -> None:
    """Undo a delete."""
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        found = session.get(HeadsUp, headsup_id)
        if found is not None:
            found.deleted_at = None


def shown_in(db: Database, meeting: MeetingView) -> list[HeadsUpRow]:
    """A meeting's heads-ups, when its agenda has a section for them (its minutes)."""
    if not any(s.kind == SectionKind.HEADS_UP for s in meeting.sections):
        return []
    return for_meeting(db, meeting.id)
