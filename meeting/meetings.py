"""Series and meetings: starting one from a template, carrying over what is still open,
moving through the agenda with timeboxes, ending it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, or_
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from meeting.clock import Clock
from meeting.dates import CADENCES, add_cadence, parse_date
from meeting.errors import HuddleError
from meeting.home import MeetingRow, Overview
from meeting.metrics import ensure_default_metrics
from meeting.people import close_matches, remember_person
from meeting.templates import get_template
from meeting.text import required
from storage.db import Database
from storage.models import (
    ActionEvent,
    ActionItem,
    Attendance,
    LeadQuestion,
    Meeting,
    Person,
    QuestionCarry,
    Section,
    Series,
    stored_id,
)

DEFAULT_SERIES = "Weekly sync"


@dataclass
class SectionView:
    id: int
    position: int
    kind: str
    key: str
    title: str
    timebox_seconds: int
    elapsed_seconds: float
    running_since: dt.datetime | None

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
    status: str
    template_key: str
    facilitator: str | None
    current_position: int
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    sections: list[SectionView] = field(default_factory=list)
    attendees: list[tuple[str, str]] = field(default_factory=list)

    @property
    def next_date(self) -> dt.date:
        return add_cadence(self.date, self.cadence)

    @property
    def current(self) -> SectionView:
        return self.sections[self.current_position]

    def label(self) -> str:
        return f"{self.series} · {self.date.isoformat()}"


# ---------------------------------------------------------------- series


def find_series(session: Session, name: str) -> Series | None:
    return session.exec(
        select(Series).where(func.lower(Series.name) == name.strip().lower())
    ).first()


def resolve_series(session: Session, name: str) -> Series:
    series = find_series(session, name)
    if series is None:
        names = list(session.exec(select(col(Series.name))))
        hint = close_matches(names, name.strip()) or (
            f" (known: {', '.join(names)})" if names else " (no series yet)"
        )
        raise HuddleError(f"unknown series {name.strip()!r}{hint}")
    return series


def create_series(
    session: Session, name: str, *, cadence: str, template_key: str, clock: Clock
) -> Series:
    cleaned = required(name, "series name")
    if cadence not in CADENCES:
        raise HuddleError(f"unknown cadence {cadence!r} (choose one of: {', '.join(CADENCES)})")
    get_template(template_key)
    if find_series(session, cleaned) is not None:
        raise HuddleError(f"series {cleaned!r} already exists (pick it instead)")
    series = Series(
        name=cleaned, cadence=cadence, template_key=template_key, created_at=clock.now()
    )
    session.add(series)
    session.flush()
    ensure_default_metrics(session, series.id)  # type: ignore[arg-type]
    return series


def list_series(db: Database) -> list[Series]:
    with db.read() as session:
        return list(session.exec(select(Series).order_by(col(Series.name))))


def default_series_name(db: Database) -> str | None:
    """The series of the most recent meeting, so 'start' needs no typing."""
    with db.read() as session:
        return default_series_name_in(session)


# ---------------------------------------------------------------- meetings


def start_meeting(
    db: Database,
    *,
    clock: Clock,
    series: str | None = None,
    template: str | None = None,
    facilitator: str | None = None,
    facilitator_team: str | None = None,
    on: dt.date | None = None,
    create_series_if_missing: bool = False,
    cadence: str = "weekly",
) -> tuple[int, bool]:
    """Start a meeting, or return the one already running in the series.

    Returns (meeting id, whether it was created now).
    """
    if template is not None:
        get_template(template)
    with db.write() as session:
        series_name = series if series is not None else default_series_name_in(session)
        series_name = series_name or DEFAULT_SERIES
        found = find_series(session, series_name)
        if found is None:
            if series is not None and not create_series_if_missing:
                resolve_series(session, series_name)  # raises with close matches
            found = create_series(
                session,
                series_name,
                cadence=cadence,
                template_key=template or "sync",
                clock=clock,
            )
        running = session.exec(
            select(Meeting).where(Meeting.series_id == found.id, Meeting.status == "running")
        ).first()
        if running is not None:
            if template is not None and template != running.template_key:
                raise HuddleError(
                    f"a {running.template_key} meeting of {found.name!r} is running "
                    f"(meeting {running.id}, {running.date}); end it before starting a "
                    f"{template} one, or leave out --template to resume it"
                )
            return running.id, False  # type: ignore[return-value]
        day = on or clock.today()
        same_day = session.exec(
            select(Meeting).where(Meeting.series_id == found.id, Meeting.date == day)
        ).first()
        if same_day is not None:
            return same_day.id, False  # type: ignore[return-value]
        meeting = _create_meeting(
            session,
            found,
            day=day,
            template_key=template or found.template_key,
            facilitator=facilitator,
            facilitator_team=facilitator_team,
            clock=clock,
        )
        return meeting.id, True  # type: ignore[return-value]


def default_series_name_in(session: Session) -> str | None:
    return (
        session.exec(
            select(col(Series.name))
            .join(Meeting, col(Meeting.series_id) == Series.id)
            .order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
        ).first()
        or session.exec(select(col(Series.name)).order_by(col(Series.id))).first()
    )


def _create_meeting(
    session: Session,
    series: Series,
    *,
    day: dt.date,
    template_key: str,
    facilitator: str | None,
    facilitator_team: str | None,
    clock: Clock,
) -> Meeting:
    template = get_template(template_key)
    now = clock.now()
    person = remember_person(session, facilitator, facilitator_team) if facilitator else None
    meeting = Meeting(
        series_id=series.id,  # type: ignore[arg-type]
        date=day,
        template_key=template.key,
        facilitator_id=person.id if person else None,
        status="running",
        current_position=0,
        started_at=now,
    )
    session.add(meeting)
    session.flush()
    for position, spec in enumerate(template.sections):
        session.add(
            Section(
                meeting_id=meeting.id,  # type: ignore[arg-type]
                position=position,
                kind=spec.kind,
                key=spec.key,
                title=spec.title,
                timebox_seconds=spec.minutes * 60,
                running_since=now if position == 0 else None,
            )
        )
    if person is not None:
        session.add(Attendance(meeting_id=meeting.id, person_id=person.id))  # type: ignore[arg-type]
    ensure_default_metrics(session, series.id)  # type: ignore[arg-type]
    carry_over(session, meeting, clock=clock)
    return meeting


def carry_over(session: Session, meeting: Meeting, *, clock: Clock) -> None:
    """Bring every open action item and lead question of the series into `meeting`."""
    open_actions = session.exec(
        select(col(ActionItem.id)).where(
            ActionItem.series_id == meeting.series_id,
            ActionItem.status == "open",
            col(ActionItem.deleted_at).is_(None),
            or_(col(ActionItem.meeting_id).is_(None), col(ActionItem.meeting_id) != meeting.id),
        )
    ).all()
    now = clock.now()
    for action_id in open_actions:
        session.add(
            ActionEvent(
                action_id=stored_id(action_id), at=now, kind="carried", meeting_id=meeting.id
            )
        )
    open_questions = session.exec(
        select(col(LeadQuestion.id)).where(
            LeadQuestion.series_id == meeting.series_id,
            LeadQuestion.status == "open",
            col(LeadQuestion.deleted_at).is_(None),
        )
    ).all()
    for question_id in open_questions:
        session.add(QuestionCarry(question_id=question_id, meeting_id=meeting.id))  # type: ignore[arg-type]


def get_meeting(db: Database, meeting_id: int) -> MeetingView:
    with db.read() as session:
        return meeting_view(session, meeting_id)


def meeting_view(session: Session, meeting_id: int) -> MeetingView:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise HuddleError(f"no meeting with id {meeting_id} (try: huddle meeting list)")
    series = session.get(Series, meeting.series_id)
    assert series is not None
    facilitator = session.get(Person, meeting.facilitator_id) if meeting.facilitator_id else None
    sections = session.exec(
        select(Section).where(Section.meeting_id == meeting_id).order_by(col(Section.position))
    ).all()
    attendees = session.exec(
        select(col(Person.name), col(Person.team))
        .join(Attendance, col(Attendance.person_id) == Person.id)
        .where(Attendance.meeting_id == meeting_id)
        .order_by(col(Person.team), col(Person.name))
    ).all()
    return MeetingView(
        id=meeting.id,  # type: ignore[arg-type]
        series_id=series.id,  # type: ignore[arg-type]
        series=series.name,
        cadence=series.cadence,
        date=meeting.date,
        status=meeting.status,
        template_key=meeting.template_key,
        facilitator=facilitator.name if facilitator else None,
        current_position=min(meeting.current_position, max(len(sections) - 1, 0)),
        started_at=meeting.started_at,
        ended_at=meeting.ended_at,
        sections=[
            SectionView(
                id=s.id,  # type: ignore[arg-type]
                position=s.position,
                kind=s.kind,
                key=s.key,
                title=s.title,
                timebox_seconds=s.timebox_seconds,
                elapsed_seconds=s.elapsed_seconds,
                running_since=s.running_since,
            )
            for s in sections
        ],
        attendees=[(name, team) for name, team in attendees],
    )


def add_attendee(session: Session, meeting_id: int, person: Person) -> None:
    """People named in a meeting (facilitator, authors, owners) count as attending."""
    if session.get(Attendance, (meeting_id, person.id)) is None:
        session.add(Attendance(meeting_id=meeting_id, person_id=person.id))  # type: ignore[arg-type]


# ---------------------------------------------------------------- agenda and timers


def _pause(section: Section | SectionView, now: dt.datetime) -> None:
    if section.running_since is not None:
        section.elapsed_seconds += max((now - section.running_since).total_seconds(), 0.0)
        section.running_since = None


def move_timer(
    sections: Sequence[Section | SectionView], position: int, now: dt.datetime, *, running: bool
) -> None:
    """Going to `position`: a running countdown moves along (if the meeting runs). The
    rule for the stored sections and for a view kept in memory alike."""
    was_running = any(s.running_since is not None for s in sections)
    for section in sections:
        _pause(section, now)
    if was_running and running:
        sections[position].running_since = now


def toggle_section_timer(
    sections: Sequence[Section | SectionView], index: int, now: dt.datetime
) -> bool:
    """Start or pause the countdown of section `index`; returns whether it now runs."""
    current = sections[index]
    if current.running_since is not None:
        _pause(current, now)
        return False
    for section in sections:
        _pause(section, now)
    current.running_since = now
    return True


def go_to_section(db: Database, meeting_id: int, position: int, *, clock: Clock) -> None:
    """Make `position` the current section; a running timer moves along with it."""
    now = clock.now()
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        sections = session.exec(
            select(Section).where(Section.meeting_id == meeting_id).order_by(col(Section.position))
        ).all()
        if not 0 <= position < len(sections):
            return
        move_timer(sections, position, now, running=meeting.status == "running")
        meeting.current_position = position


def toggle_timer(db: Database, meeting_id: int, *, clock: Clock) -> bool:
    """Start or pause the current section's countdown. Returns whether it now runs."""
    now = clock.now()
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        if meeting.status != "running":
            raise HuddleError("this meeting has ended; its timers are stopped")
        sections = session.exec(
            select(Section).where(Section.meeting_id == meeting_id).order_by(col(Section.position))
        ).all()
        return toggle_section_timer(sections, min(meeting.current_position, len(sections) - 1), now)


def end_meeting(db: Database, meeting_id: int, *, clock: Clock) -> None:
    now = clock.now()
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise HuddleError(f"no meeting with id {meeting_id}")
        for section in session.exec(select(Section).where(Section.meeting_id == meeting_id)):
            _pause(section, now)
        meeting.status = "ended"
        meeting.ended_at = now


# ---------------------------------------------------------------- finding meetings


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
        query = _meeting_rows().order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
        if series is not None:
            query = query.where(col(Meeting.series_id) == resolve_series(session, series).id)
        if limit is not None:
            query = query.limit(limit)
        rows: Sequence[Any] = session.execute(query).all()
        return [MeetingRow(*row) for row in rows]


def find_meeting(
    db: Database, ref: str = "latest", *, series: str | None = None, clock: Clock
) -> int:
    """A meeting by id, date or `latest`; an unknown one names how to list them."""
    value = ref.strip().lower()
    with db.read() as session:
        query = select(col(Meeting.id))
        if series is not None:
            query = query.where(col(Meeting.series_id) == resolve_series(session, series).id)
        where = f' in series "{series}"' if series else ""
        if value == "latest":
            found = session.exec(
                query.order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
            ).first()
            if found is None:
                raise HuddleError(f"no meetings yet{where} (start one: huddle meeting start)")
            return found
        if value.isascii() and value.isdigit():
            found = session.exec(query.where(Meeting.id == int(value))).first()
            if found is None:
                raise HuddleError(f"no meeting with id {value}{where} (try: huddle meeting list)")
            return found
        day = parse_date(value, clock.today())
        found_ids = session.exec(query.where(Meeting.date == day)).all()
        if not found_ids:
            raise HuddleError(f"no meeting on {day}{where} (try: huddle meeting list)")
        if len(found_ids) > 1:
            raise HuddleError(
                f"{len(found_ids)} meetings on {day} (pick one by id: huddle meeting list)"
            )
        return stored_id(found_ids[0])


def running_meeting(db: Database) -> MeetingRow | None:
    with db.read() as session:
        row: Any = session.execute(
            _meeting_rows()
            .where(col(Meeting.status) == "running")
            .order_by(col(Meeting.started_at).desc())
        ).first()
        return None if row is None else MeetingRow(*row)


def overview(db: Database, *, clock: Clock) -> Overview:
    today = clock.today()
    with db.read() as session:
        live_actions = (
            select(func.count())
            .select_from(ActionItem)
            .where(ActionItem.status == "open", col(ActionItem.deleted_at).is_(None))
        )
        live_questions = (
            select(func.count())
            .select_from(LeadQuestion)
            .where(LeadQuestion.status == "open", col(LeadQuestion.deleted_at).is_(None))
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


def next_meeting_date(db: Database, series_id: int, *, clock: Clock) -> dt.date:
    """When the series meets next: its cadence after the last meeting, not before today."""
    today = clock.today()
    with db.read() as session:
        series = session.get(Series, series_id)
        if series is None:
            raise HuddleError(f"no series with id {series_id}")
        last = session.exec(
            select(col(Meeting.date))
            .where(Meeting.series_id == series_id)
            .order_by(col(Meeting.date).desc())
        ).first()
    if last is None:
        return add_cadence(today, series.cadence)
    upcoming = add_cadence(last, series.cadence)
    while upcoming < today:
        upcoming = add_cadence(upcoming, series.cadence)
    return upcoming
