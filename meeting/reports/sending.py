"""Who gets an ended meeting's minutes, and the record of every send: `huddle send` reads
it before sending, so minutes already sent to an address (or posted to the series' chat)
are not sent again unless asked to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session, col, func, select

from meeting.entries.people import find_person, normalise_team, resolve_person
from meeting.foundations.addresses import checked_email
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import MeetingStatus
from meeting.reads.recorded import recorded_minutes
from storage.db import Database
from storage.models import Attendance, Meeting, Person, Sent, Series

EVERYONE = ("team", "everyone")


@dataclass
class Recipients:
    """The addresses a send goes to, in the order asked for, and the people it cannot reach
    (no email address yet)."""

    addresses: list[tuple[str, str | None]] = field(default_factory=list)  # (address, name)
    unreachable: list[str] = field(default_factory=list)

    def add(self, address: str, name: str | None) -> None:
        if address.lower() not in {a.lower() for a, _ in self.addresses}:
            self.addresses.append((address, name))

    def add_person(self, person: Person) -> None:
        if person.email:
            self.add(person.email, person.name)
        elif person.name not in self.unreachable:
            self.unreachable.append(person.name)


def recipients(db: Database, meeting_id: int, wanted: list[str]) -> Recipients:
    """Each of `wanted` is `attendees`, `team` (everyone on the list), a team's name
    (sales), a person's name or an address. A person named alone must have an address."""
    found = Recipients()
    with db.read() as session:
        teams = set(session.exec(select(col(Person.team)).distinct()).all())
        for raw in wanted:
            value = raw.strip()
            if "@" in value:
                found.add(checked_email(value), None)
            elif value.lower() == "attendees":
                for person in _attendees(session, meeting_id):
                    found.add_person(person)
            elif value.lower() in EVERYONE or normalise_team(value) in teams:
                query = select(Person).order_by(func.lower(Person.name))
                if value.lower() not in EVERYONE:
                    query = query.where(Person.team == normalise_team(value))
                for person in session.exec(query).all():
                    found.add_person(person)
            else:
                person = resolve_person(session, value)
                if not person.email:
                    raise HuddleError(
                        f"{person.name} has no email address "
                        f"(add one: huddle people email {person.name!r} ADDRESS)"
                    )
                found.add(person.email, person.name)
    return found


def _attendees(session: Session, meeting_id: int) -> list[Person]:
    return list(
        session.exec(
            select(Person)
            .join(Attendance, col(Attendance.person_id) == Person.id)
            .where(Attendance.meeting_id == meeting_id)
            .order_by(func.lower(Person.name))
        ).all()
    )


def ended_minutes(db: Database, meeting_id: int) -> str:
    """The minutes as recorded when the meeting ended: what is sent is the record, never a
    running meeting's draft."""
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise HuddleError(f"no meeting with id {meeting_id}")
        status = meeting.status
    if status != MeetingStatus.ENDED:
        raise HuddleError(
            f"meeting {meeting_id} is still running: minutes are sent once it has ended "
            f"(huddle meeting end {meeting_id})"
        )
    text = recorded_minutes(db, [meeting_id]).get(meeting_id)
    if text is None:
        raise HuddleError(
            f"meeting {meeting_id} has no recorded minutes (reopen and end it to record them: "
            f"huddle meeting reopen {meeting_id})"
        )
    return text


def series_webhook(db: Database, meeting_id: int) -> tuple[str, str]:
    """The series' chat webhook URL and its name, or one line saying how to set one."""
    with db.read() as session:
        row = session.exec(
            select(Series.name, Series.chat_webhook)
            .join(Meeting, col(Meeting.series_id) == Series.id)
            .where(Meeting.id == meeting_id)
        ).first()
    if row is None:
        raise HuddleError(f"no meeting with id {meeting_id}")
    name, url = row
    if not url:
        raise HuddleError(
            f"series {name!r} has no chat webhook (set one: huddle series webhook {name!r} URL)"
        )
    return url, name


def sent_before(db: Database, meeting_id: int, channel: str) -> dict[str, dt.datetime]:
    """Where the meeting's minutes went on `channel` already (lowercased), and when."""
    with db.read() as session:
        rows = session.exec(
            select(Sent.recipient, Sent.sent_at).where(
                Sent.meeting_id == meeting_id, Sent.channel == channel
            )
        ).all()
    return {recipient.lower(): at for recipient, at in rows}


def record_sent(
    db: Database,
    meeting_id: int,
    channel: str,
    sent_to: list[str],
    *,
    by: str | None,
    clock: Clock,
) -> None:
    """Keep that the minutes went to each of `sent_to`, by whom when they said who."""
    now = clock.now()
    with db.write() as session:
        person = find_person(session, by) if by else None
        by_id = person.id if person is not None else None
        for recipient in sent_to:
            session.add(
                Sent(
                    meeting_id=meeting_id,
                    channel=channel,
                    recipient=recipient,
                    sent_at=now,
                    by_id=by_id,
                )
            )
