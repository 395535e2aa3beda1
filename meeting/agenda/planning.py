"""Meetings put in the calendar before they happen: planned, moved, cancelled, and used up
when a meeting of the series starts on (or after) the planned date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, col, select

from meeting.agenda.series import next_meeting_date
from meeting.catalog.templates import get_template
from meeting.foundations.clock import Clock
from meeting.foundations.dates import add_cadence, parse_date
from meeting.foundations.errors import HuddleError
from meeting.foundations.records import record_dict
from storage.db import Database
from storage.errors import WriteConflict
from storage.models import Meeting, PlannedMeeting, Series, stored_id


@dataclass
class PlannedRow:
    series: str
    date: dt.date
    template: str

    def as_dict(self) -> dict[str, object]:
        return record_dict(self, ("series", "date", "template"))


def plan_meeting(
    db: Database,
    series: Series,
    *,
    on: dt.date | None = None,
    template: str | None = None,
    clock: Clock,
) -> PlannedRow:
    """Put the series' next meeting (or one on `on`) in the calendar."""
    series_id = stored_id(series.id)
    day = on or _after_the_plans(db, series, clock)
    _not_past(day, clock)
    with db.read() as session:
        template_key = get_template(template or series.template_key, session).key
    taken = HuddleError(
        f"a meeting of {series.name!r} is already planned on {day} "
        f"(move it: huddle meeting reschedule {day} --date DATE)"
    )
    try:
        with db.write() as session:
            if _plan_on(session, series_id, day) is not None:
                raise taken
            session.add(
                PlannedMeeting(
                    series_id=series_id,
                    date=day,
                    template_key=template_key,
                    created_at=clock.now(),
                )
            )
    except WriteConflict:  # planned from another terminal in the same moment
        raise taken from None
    return PlannedRow(series.name, day, template_key)


def planned_meetings(db: Database, series: Series | None = None) -> list[PlannedRow]:
    """Every plan not yet used, soonest first (a past one is a meeting that did not happen)."""
    with db.read() as session:
        query = (
            select(col(Series.name), col(PlannedMeeting.date), col(PlannedMeeting.template_key))
            .join(Series, col(Series.id) == PlannedMeeting.series_id)
            .order_by(col(PlannedMeeting.date), col(Series.name))
        )
        if series is not None:
            query = query.where(PlannedMeeting.series_id == series.id)
        return [PlannedRow(name, day, key) for name, day, key in session.exec(query)]


def reschedule(db: Database, series: Series, when: str, to: dt.date, *, clock: Clock) -> PlannedRow:
    """Move a planned meeting to another date."""
    _not_past(to, clock)
    series_id = stored_id(series.id)
    try:
        with db.write() as session:
            plan = _find_plan(session, series, when, clock)
            if plan.date != to:
                if _plan_on(session, series_id, to) is not None:
                    raise HuddleError(
                        f"a meeting of {series.name!r} is already planned on {to} "
                        f"(cancel one: huddle meeting cancel {to})"
                    )
                plan.date = to
                session.add(plan)
            return PlannedRow(series.name, plan.date, plan.template_key)
    except WriteConflict:
        raise HuddleError(f"a meeting of {series.name!r} is already planned on {to}") from None


def cancel_plan(db: Database, series: Series, when: str, *, clock: Clock) -> PlannedRow:
    with db.write() as session:
        plan = _find_plan(session, series, when, clock)
        row = PlannedRow(series.name, plan.date, plan.template_key)
        session.delete(plan)
        return row


def use_plans(session: Session, series_id: int, day: dt.date) -> str | None:
    """A meeting starts on `day`: the plans up to that day are used (a plan whose day has
    passed was for this meeting, held late). Returns the template the latest one chose."""
    plans = session.exec(
        select(PlannedMeeting)
        .where(PlannedMeeting.series_id == series_id, col(PlannedMeeting.date) <= day)
        .order_by(col(PlannedMeeting.date).desc())
    ).all()
    if not plans:
        return None
    session.execute(
        delete(PlannedMeeting).where(
            col(PlannedMeeting.series_id) == series_id, col(PlannedMeeting.date) <= day
        )
    )
    return plans[0].template_key


def _after_the_plans(db: Database, series: Series, clock: Clock) -> dt.date:
    """The series' next meeting, or, when that is planned already, the one after the
    last planned: `huddle meeting plan` run three times plans three meetings."""
    with db.read() as session:
        last = session.exec(
            select(col(PlannedMeeting.date))
            .where(
                PlannedMeeting.series_id == series.id,
                col(PlannedMeeting.date) >= clock.today(),
            )
            .order_by(col(PlannedMeeting.date).desc())
        ).first()
    if last is not None:
        return add_cadence(last, series.cadence)
    return next_meeting_date(db, stored_id(series.id), clock=clock)


def _not_past(day: dt.date, clock: Clock) -> None:
    if day < clock.today():
        raise HuddleError(f"{day} is in the past; plan a meeting for today or later")


def _plan_on(session: Session, series_id: int, day: dt.date) -> PlannedMeeting | None:
    return session.exec(
        select(PlannedMeeting).where(
            PlannedMeeting.series_id == series_id, PlannedMeeting.date == day
        )
    ).first()


def _find_plan(session: Session, series: Series, when: str, clock: Clock) -> PlannedMeeting:
    """The plan on a date (`next`: the soonest from today), or an error that says what is
    planned instead."""
    series_id = stored_id(series.id)
    today = clock.today()
    if when.strip().lower() == "next":
        plan = session.exec(
            select(PlannedMeeting)
            .where(PlannedMeeting.series_id == series_id, col(PlannedMeeting.date) >= today)
            .order_by(col(PlannedMeeting.date))
        ).first()
        if plan is None:
            raise HuddleError(
                f"no meeting of {series.name!r} is planned (plan one: huddle meeting plan)"
            )
        return plan
    day = parse_date(when, today)
    plan = _plan_on(session, series_id, day)
    if plan is not None:
        return plan
    held = session.exec(
        select(col(Meeting.id)).where(Meeting.series_id == series_id, Meeting.date == day)
    ).first()
    if held is not None:
        raise HuddleError(
            f"meeting {held} of {series.name!r} on {day} has been held; only a planned "
            f"meeting can be moved or cancelled"
        )
    planned = session.exec(
        select(col(PlannedMeeting.date))
        .where(PlannedMeeting.series_id == series_id)
        .order_by(col(PlannedMeeting.date))
    ).all()
    known = ", ".join(str(d) for d in planned[:5]) or "nothing yet"
    raise HuddleError(
        f"no meeting of {series.name!r} on {day} (planned: {known}; see: huddle meeting planned)"
    )
