"""Who came to a meeting, marked by the facilitator: the minutes list attendees and
absentees by team, and a manager can see who keeps missing the sync."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import col, select

from meeting.entries.people import resolve_person
from meeting.foundations.ended import refuse_if_ended
from meeting.foundations.errors import HuddleError
from meeting.foundations.order import held_before, latest_first
from meeting.foundations.records import record_dict
from storage.db import Database
from storage.models import Attendance, Meeting, Person, stored_id


@dataclass
class Presence:
    name: str
    team: str
    present: bool


def presence(db: Database, meeting_id: int) -> list[Presence]:
    """Everyone on the list, by team then name, and whether they are marked present."""
    with db.read() as session:
        if session.get(Meeting, meeting_id) is None:
            raise HuddleError(f"no meeting with id {meeting_id} (try: huddle meeting list)")
        here = set(
            session.exec(select(Attendance.person_id).where(Attendance.meeting_id == meeting_id))
        )
        people = session.exec(select(Person).order_by(col(Person.team), col(Person.name)))
        return [Presence(p.name, p.team, p.id in here) for p in people]


def mark_present(db: Database, meeting_id: int, name: str, present: bool = True) -> Presence:
    """Mark one person present (or not) at a meeting; marking twice changes nothing."""
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        person = resolve_person(session, name)
        person_id = stored_id(person.id)
        marked = session.get(Attendance, (meeting_id, person_id)) is not None
        if present and not marked:
            session.add(Attendance(meeting_id=meeting_id, person_id=person_id))
        elif not present and marked:
            session.execute(
                delete(Attendance).where(
                    col(Attendance.meeting_id) == meeting_id,
                    col(Attendance.person_id) == person_id,
                )
            )
        return Presence(person.name, person.team, present)


def start_from_last_time(db: Database, meeting_id: int) -> list[str]:
    """Mark who came to the series' last meeting (the latest one before this with anyone
    marked), when nobody but the facilitator is marked here yet: the same people come most
    weeks, so the facilitator unticks who is missing instead of ticking everyone. Returns
    the names marked now."""
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise HuddleError(f"no meeting with id {meeting_id} (try: huddle meeting list)")
        refuse_if_ended(session, meeting_id)
        here = set(
            session.exec(select(Attendance.person_id).where(Attendance.meeting_id == meeting_id))
        )
        if here - {meeting.facilitator_id}:
            return []
        earlier = (
            select(col(Meeting.id))
            .join(Attendance, col(Attendance.meeting_id) == Meeting.id)
            .where(Meeting.series_id == meeting.series_id, Meeting.id != meeting_id)
            .where(held_before(col(Meeting.date), col(Meeting.id), meeting.date, meeting_id))
            .order_by(*latest_first(col(Meeting.date), col(Meeting.id)))
            .limit(1)
        )
        last = session.exec(earlier).first()
        if last is None:
            return []
        came = session.exec(
            select(Person)
            .join(Attendance, col(Attendance.person_id) == Person.id)
            .where(Attendance.meeting_id == last)
        ).all()
        marked = []
        for person in came:
            if person.id not in here:
                session.add(Attendance(meeting_id=meeting_id, person_id=stored_id(person.id)))
                marked.append(person.name)
        return sorted(marked)


@dataclass
class AttendanceStat:
    name: str
    team: str
    meetings: int  # meetings held in the period
    attended: int
    last_attended: dt.date | None

    @property
    def rate(self) -> float:
        return self.attended / self.meetings if self.meetings else 0.0

    def as_dict(self) -> dict[str, object]:
        names = ("name", "team", "meetings", "attended", "rate", "last_attended")
        return record_dict(self, names, ratios=("rate",))


def attendance_stats(
    db: Database,
    *,
    series_id: int | None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[AttendanceStat]:
    """Per person: of the meetings held (started) in the period with their attendance taken,
    how many they came to, lowest rate first, so who keeps missing the sync is on top. A
    meeting nobody marked anyone present at says "not recorded" in its minutes: it counts
    nobody absent either."""
    if since is not None and until is not None and until < since:
        raise HuddleError(f"--until {until} is before --since {since}; swap them")
    with db.read() as session:
        held = select(col(Meeting.id), col(Meeting.date)).where(
            col(Meeting.started_at).is_not(None)
        )
        if series_id is not None:
            held = held.where(Meeting.series_id == series_id)
        if since is not None:
            held = held.where(col(Meeting.date) >= since)
        if until is not None:
            held = held.where(col(Meeting.date) <= until)
        dates = dict(session.exec(held).all())
        if not dates:
            raise HuddleError("no meetings in that period (try a wider --since/--until)")
        came: dict[int, list[dt.date]] = {}
        taken: set[int] = set()
        for meeting_id, person_id in session.exec(
            select(Attendance.meeting_id, Attendance.person_id).where(
                col(Attendance.meeting_id).in_(list(dates))
            )
        ):
            came.setdefault(person_id, []).append(dates[meeting_id])
            taken.add(meeting_id)
        if not taken:
            raise HuddleError(
                "no meeting in that period has its attendance taken (P in a meeting marks who came)"
            )
        people = session.exec(select(Person).order_by(col(Person.team), col(Person.name))).all()
    rows = [
        AttendanceStat(
            p.name,
            p.team,
            len(taken),
            len(came.get(stored_id(p.id), [])),
            max(came[stored_id(p.id)]) if came.get(stored_id(p.id)) else None,
        )
        for p in people
    ]
    return sorted(rows, key=lambda r: (r.rate, r.team, r.name))
