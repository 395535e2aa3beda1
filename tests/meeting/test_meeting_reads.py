"""The meeting screen's first frame reads with Core (meeting/reads/meeting_view.py and
section_rows.py); the rest of huddle reads the same records through the ORM. Both must say
the same of every meeting, or a meeting would change when the ORM loads behind it."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from meeting.agenda import attendance, between, meetings, timers
from meeting.agenda.planning import plan_meeting
from meeting.agenda.series import find_series
from meeting.entries import actions, headsups
from meeting.foundations.clock import FixedClock
from meeting.foundations.statuses import ActionStatus
from meeting.reads import meeting_view, section_rows
from storage.db import Database
from storage.models import Meeting


def every_meeting(db: Database) -> list[int]:
    with db.read() as session:
        return [i for i in session.exec(select(Meeting.id).order_by(col(Meeting.id))) if i]


def assert_reads_agree(db: Database) -> None:
    found = every_meeting(db)
    assert found
    for meeting_id in found:
        assert meeting_view.read_meeting(db, meeting_id) == meetings.get_meeting(db, meeting_id)
        assert meeting_view.headsups_for(db, meeting_id) == headsups.for_meeting(db, meeting_id)
        assert section_rows.actions_made_in(db, meeting_id) == actions.actions_made_in(
            db, meeting_id
        )
        assert section_rows.review_rows(db, meeting_id) == actions.review_rows(db, meeting_id)
        assert section_rows.closed_since_last(db, meeting_id) == between.closed_since_last(
            db, meeting_id
        )


def test_the_demo_reads_the_same_with_core_and_the_orm(demo_db: Database) -> None:
    assert_reads_agree(demo_db)


def test_a_running_meeting_reads_the_same_with_core_and_the_orm(
    demo_db: Database, clock: FixedClock
) -> None:
    """Running, its timer counting, people marked present (and so others absent), a
    review mark given, a heads-up raised in it and a meeting planned after it."""
    clock.advance(7 * 24 * 3600)
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    view = meetings.get_meeting(demo_db, meeting_id)
    if not view.current.running:
        timers.toggle_timer(demo_db, meeting_id, clock=clock)
    attendance.mark_present(demo_db, meeting_id, "Dana")
    attendance.mark_present(demo_db, meeting_id, "Sam")
    carried = actions.review_rows(demo_db, meeting_id)
    assert carried
    actions.review_action(demo_db, meeting_id, carried[0].id, ActionStatus.DONE, clock=clock)
    headsups.add_headsup(
        demo_db, "Webinar next week", team="marketing", clock=clock, meeting_id=meeting_id
    )
    with demo_db.read() as session:
        series = find_series(session, view.series)
    assert series is not None
    plan_meeting(demo_db, series, on=clock.today() + dt.timedelta(days=9), clock=clock)
    running = meeting_view.read_meeting(demo_db, meeting_id)
    assert running.current.running
    assert running.attendees and running.absent and running.planned_next
    assert meeting_view.headsups_for(demo_db, meeting_id)
    assert section_rows.review_rows(demo_db, meeting_id)[0].reviewed == ActionStatus.DONE
    assert_reads_agree(demo_db)
