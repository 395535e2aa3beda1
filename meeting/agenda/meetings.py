"""A meeting's life: started from a template with what is still open carried over, read
back as a view, ended. Series are in series.py, timers in timers.py, finding meetings in
lookup.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import or_
from sqlmodel import Session, col, select

from meeting.agenda.planning import use_plans
from meeting.agenda.series import (
    DEFAULT_SERIES,
    create_series,
    default_series_name_in,
    find_series,
    next_planned,
    resolve_series,
)
from meeting.catalog.metric_catalog import ensure_default_metrics
from meeting.catalog.templates import get_template
from meeting.entries.people import remember_person
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import (
    ActionStatus,
    MeetingStatus,
    QuestionStatus,
    SectionKind,
    SectionPhase,
)
from meeting.foundations.text import a_or_an
from meeting.foundations.views import MeetingView, SectionView
from storage.db import Database
from storage.errors import WriteConflict
from storage.models import (
    ActionEvent,
    ActionItem,
    Attendance,
    LeadQuestion,
    Meeting,
    MinutesRecord,
    Person,
    QuestionCarry,
    Section,
    Series,
    stored_id,
)

# ---------------------------------------------------------------- series


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
    """Start a meeting on `on` (default today), or return the one already running in the
    series: a series runs one meeting at a time, and may meet more than once a day.

    Returns (meeting id, whether it was created now).
    """
    if template is not None:
        with db.read() as session:
            get_template(template, session)
    try:
        return _start(
            db,
            clock=clock,
            series=series,
            template=template,
            facilitator=facilitator,
            facilitator_team=facilitator_team,
            on=on,
            create_series_if_missing=create_series_if_missing,
            cadence=cadence,
        )
    except WriteConflict:
        # Another terminal started one in the same moment: the database kept theirs.
        with db.read() as session:
            found = find_series(session, series or default_series_name_in(session) or "")
            running = _running_in(session, found.id) if found is not None else None
        if running is None:
            raise
        return stored_id(running.id), False


def _running_in(session: Session, series_id: int | None) -> Meeting | None:
    query = select(Meeting).where(
        Meeting.series_id == series_id, Meeting.status == MeetingStatus.RUNNING
    )
    return session.exec(query).first()


def _start(
    db: Database,
    *,
    clock: Clock,
    series: str | None,
    template: str | None,
    facilitator: str | None,
    facilitator_team: str | None,
    on: dt.date | None,
    create_series_if_missing: bool,
    cadence: str,
) -> tuple[int, bool]:
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
        running = _running_in(session, found.id)
        if running is not None:
            if on is not None and on != running.date:
                raise HuddleError(
                    f"meeting {running.id} of {found.name!r} ({running.date}) is still "
                    f"running; end it first (huddle meeting end {running.id})"
                )
            if template is not None and template != running.template_key:
                raise HuddleError(
                    f"{a_or_an(running.template_key)} {running.template_key} meeting of "
                    f"{found.name!r} is running "
                    f"(meeting {running.id}, {running.date}); end it before starting a "
                    f"{template} one, or leave out --template to resume it"
                )
            return stored_id(running.id), False
        day = on or clock.today()
        planned_template = use_plans(session, stored_id(found.id), day)
        meeting = _create_meeting(
            session,
            found,
            day=day,
            template_key=template or planned_template or found.template_key,
            facilitator=facilitator,
            facilitator_team=facilitator_team,
            clock=clock,
        )
        return stored_id(meeting.id), True


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
    template = get_template(template_key, session)
    now = clock.now()
    person = remember_person(session, facilitator, facilitator_team) if facilitator else None
    meeting = Meeting(
        series_id=stored_id(series.id),
        date=day,
        template_key=template.key,
        facilitator_id=person.id if person else None,
        status=MeetingStatus.RUNNING,
        current_position=0,
        started_at=now,
    )
    session.add(meeting)
    session.flush()
    for position, spec in enumerate(template.sections):
        takes_entries = spec.kind == SectionKind.ITEMS  # only entries are written alone
        session.add(
            Section(
                meeting_id=stored_id(meeting.id),
                position=position,
                kind=spec.kind,
                key=spec.key,
                title=spec.title,
                timebox_seconds=spec.minutes * 60,
                running_since=now if position == 0 else None,
                hint=spec.hint,
                writing=spec.writing and takes_entries,
                phase=SectionPhase.WRITING if spec.writing and takes_entries else SectionPhase.OPEN,
                anonymous=spec.anonymous and takes_entries,
            )
        )
    if person is not None:
        session.add(Attendance(meeting_id=stored_id(meeting.id), person_id=stored_id(person.id)))
    ensure_default_metrics(session, stored_id(series.id))
    carry_over(session, meeting, clock=clock)
    from meeting.agenda.prepared import take_pending  # prepared entries add items: imported here

    take_pending(session, stored_id(series.id), stored_id(meeting.id))
    return meeting


def carry_over(session: Session, meeting: Meeting, *, clock: Clock) -> None:
    """Bring every open action item and lead question of the series into `meeting`."""
    open_actions = session.exec(
        select(col(ActionItem.id)).where(
            ActionItem.series_id == meeting.series_id,
            ActionItem.status == ActionStatus.OPEN,
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
            LeadQuestion.status == QuestionStatus.OPEN,
            col(LeadQuestion.deleted_at).is_(None),
        )
    ).all()
    for question_id in open_questions:
        session.add(
            QuestionCarry(question_id=stored_id(question_id), meeting_id=stored_id(meeting.id))
        )


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
        id=stored_id(meeting.id),
        series_id=stored_id(series.id),
        series=series.name,
        cadence=series.cadence,
        date=meeting.date,
        status=MeetingStatus(meeting.status),
        template_key=meeting.template_key,
        facilitator=facilitator.name if facilitator else None,
        facilitator_id=meeting.facilitator_id,
        current_position=min(meeting.current_position, max(len(sections) - 1, 0)),
        started_at=meeting.started_at,
        ended_at=meeting.ended_at,
        sections=[SectionView.of(s) for s in sections],
        attendees=[(name, team) for name, team in attendees],
        absent=absentees(session, attendees),
        planned_next=next_planned(session, stored_id(series.id), meeting.date),
    )


def absentees(session: Session, attendees: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Everyone on the list who was not marked present; nobody while nobody is marked
    (attendance not taken)."""
    if not attendees:
        return []
    here = {name for name, _ in attendees}
    everyone = session.exec(
        select(col(Person.name), col(Person.team)).order_by(col(Person.team), col(Person.name))
    ).all()
    return [(name, team) for name, team in everyone if name not in here]


# ---------------------------------------------------------------- agenda and timers


def reopen_meeting(db: Database, meeting_id: int, *, clock: Clock) -> None:
    """Run an ended meeting again, on purpose: its timers stay where they stopped. A series
    runs one meeting at a time, so another running one must end first."""
    try:
        with db.write() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise HuddleError(f"no meeting with id {meeting_id} (try: huddle meeting list)")
            if meeting.status == MeetingStatus.RUNNING:
                return
            running = _running_in(session, meeting.series_id)
            if running is not None:
                raise _another_runs(running)
            meeting.status = MeetingStatus.RUNNING
            meeting.ended_at = None
            if meeting.started_at is None:
                meeting.started_at = clock.now()
            record = session.get(MinutesRecord, meeting_id)
            if record is not None:
                session.delete(record)  # written anew when it ends again
    except WriteConflict:
        with db.read() as session:
            found = session.get(Meeting, meeting_id)
            running = _running_in(session, found.series_id) if found else None
        if running is None:
            raise
        raise _another_runs(running) from None


def _another_runs(running: Meeting) -> HuddleError:
    return HuddleError(
        f"meeting {running.id} ({running.date}) of the same series is running; end it "
        f"first (huddle meeting end {running.id}), then reopen this one"
    )


# ---------------------------------------------------------------- finding meetings
