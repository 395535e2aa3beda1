"""Planned meetings: in the calendar before they happen, moved, cancelled, used up by a
start, and never counted as meetings held."""

from __future__ import annotations

import datetime as dt

import pytest

from meeting.agenda import meetings
from meeting.agenda.lookup import list_meetings, overview
from meeting.agenda.planning import cancel_plan, plan_meeting, planned_meetings, reschedule
from meeting.agenda.series import next_meeting_date
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.reports import closing
from storage.db import Database
from storage.models import Series


def series(db: Database) -> Series:
    with db.read() as session:
        from sqlmodel import select

        return session.exec(select(Series)).one()


def dates(db: Database) -> list[dt.date]:
    return [row.date for row in planned_meetings(db)]


def test_plans_follow_the_cadence_and_set_the_next_date(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    closing.end_meeting(db, meeting_id, clock=clock)
    today = clock.today()
    weekly = series(db)
    assert plan_meeting(db, weekly, clock=clock).date == today + dt.timedelta(weeks=1)
    assert plan_meeting(db, weekly, clock=clock).date == today + dt.timedelta(weeks=2)
    # A plan off the cadence is what due dates default to.
    reschedule(db, weekly, "next", today + dt.timedelta(days=9), clock=clock)
    assert next_meeting_date(db, weekly.id, clock=clock) == today + dt.timedelta(days=9)  # type: ignore[arg-type]  # an id read back from the database
    assert meetings.get_meeting(db, meeting_id).next_date == today + dt.timedelta(days=9)
    # Plans are not meetings: lists and counts are of meetings held.
    assert [row.id for row in list_meetings(db)] == [meeting_id]
    assert overview(db, clock=clock).meetings == 1


def test_starting_on_the_day_uses_the_plan_and_its_agenda(db: Database, clock: FixedClock) -> None:
    first, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    closing.end_meeting(db, first, clock=clock)
    weekly = series(db)
    today = clock.today()
    missed = today + dt.timedelta(days=1)
    planned = today + dt.timedelta(days=2)
    later = today + dt.timedelta(days=9)
    plan_meeting(db, weekly, on=missed, clock=clock)
    plan_meeting(db, weekly, on=planned, template="4ls", clock=clock)
    plan_meeting(db, weekly, on=later, clock=clock)
    started, created = meetings.start_meeting(db, clock=clock, on=planned)
    assert created and meetings.get_meeting(db, started).template_key == "4ls"
    # The plan held late and the plan for the day are used; the later one stays.
    assert dates(db) == [later]


def test_bad_plans_change_nothing(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    weekly = series(db)
    today = clock.today()
    soon = today + dt.timedelta(days=3)
    plan_meeting(db, weekly, on=soon, clock=clock)
    plan_meeting(db, weekly, on=soon + dt.timedelta(days=1), clock=clock)
    with pytest.raises(HuddleError, match="in the past"):
        plan_meeting(db, weekly, on=today - dt.timedelta(days=1), clock=clock)
    with pytest.raises(HuddleError, match="already planned on"):
        plan_meeting(db, weekly, on=soon, clock=clock)
    with pytest.raises(HuddleError, match=r"already planned on .*cancel one"):
        reschedule(db, weekly, str(soon), soon + dt.timedelta(days=1), clock=clock)
    with pytest.raises(
        HuddleError, match=rf"no meeting of 'Weekly sync' on 2027-01-01 \(planned: {soon}"
    ):
        reschedule(db, weekly, "2027-01-01", soon, clock=clock)
    with pytest.raises(HuddleError, match=rf"meeting {meeting_id} .* has been held"):
        cancel_plan(db, weekly, str(today), clock=clock)
    with pytest.raises(HuddleError, match="in the past"):
        reschedule(db, weekly, str(soon), today - dt.timedelta(days=1), clock=clock)
    with pytest.raises(HuddleError, match="unknown template"):
        plan_meeting(db, weekly, on=soon + dt.timedelta(days=5), template="nope", clock=clock)
    assert dates(db) == [soon, soon + dt.timedelta(days=1)]

    assert cancel_plan(db, weekly, str(soon), clock=clock).date == soon
    assert dates(db) == [soon + dt.timedelta(days=1)]
