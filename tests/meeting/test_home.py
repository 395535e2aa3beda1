"""The home screen's Core queries count what the ORM counts (their columns are held to the
schema by tests/storage/test_tables.py)."""

from __future__ import annotations

from meeting.agenda import home, meetings
from meeting.agenda.lookup import list_meetings, overview, running_meeting
from meeting.foundations.clock import FixedClock
from storage.db import Database


def test_summary_counts_what_the_orm_counts(demo_db: Database, clock: FixedClock) -> None:
    meetings.start_meeting(demo_db, clock=clock)
    summary = home.home_summary(demo_db, clock=clock)
    assert summary.overview == overview(demo_db, clock=clock)
    assert summary.running == running_meeting(demo_db)
    assert summary.recent[:5] == list_meetings(demo_db, limit=5)
    assert summary.overview.overdue_actions > 0 and summary.overview.meetings == 14
