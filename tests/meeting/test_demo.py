from __future__ import annotations

import datetime as dt

from meeting.agenda import meetings
from meeting.agenda.lookup import list_meetings
from meeting.entries import actions, questions
from meeting.foundations.clock import FixedClock
from storage.db import Database


def test_demo_has_three_months_of_weekly_meetings(demo_db: Database, clock: FixedClock) -> None:
    rows = list_meetings(demo_db)
    assert len(rows) == 13
    assert rows[0].date == dt.date(2026, 11, 16) and rows[-1].date == dt.date(2026, 8, 24)
    assert all(r.status == "ended" for r in rows)


def test_next_meeting_in_demo_carries_actions_and_an_aging_question(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, created = meetings.start_meeting(demo_db, clock=clock)
    assert created
    assert actions.review_rows(demo_db, meeting_id)
    carried = questions.questions_for_meeting(demo_db, meeting_id)
    oldest = max(carried, key=lambda q: q.carried)
    assert oldest.status == "open" and oldest.carried >= 3
    assert oldest.age_days(clock.today()) >= 21
