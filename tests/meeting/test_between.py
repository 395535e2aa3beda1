"""What is closed or answered between meetings is shown by the next meeting, once."""

from __future__ import annotations

import datetime as dt

from meeting.agenda import meetings
from meeting.agenda.between import answered_since_last, closed_since_last
from meeting.entries import actions, questions
from meeting.foundations.clock import FixedClock
from meeting.foundations.statuses import ActionStatus
from meeting.reports import closing
from storage.db import Database


def test_closures_and_answers_between_meetings_belong_to_the_next_one(
    db: Database, clock: FixedClock
) -> None:
    first, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    view = meetings.get_meeting(db, first)
    kept = actions.add_action(
        db, meeting_id=first, text="Call Acme", owner="Sam", due=None, clock=clock
    )
    closed = actions.add_action(
        db, meeting_id=first, text="Send the deck", owner="Sam", due=None, clock=clock
    )
    asked = questions.ask_question(
        db,
        series_id=view.series_id,
        meeting_id=first,
        text="Why quiet?",
        lead="Nora Walsh",
        assignee="Sam",
        asked_by=None,
        due=None,
        clock=clock,
    )
    closing.end_meeting(db, first, clock=clock)

    clock.advance(2 * 24 * 3600)  # Wednesday, from the CLI: no meeting runs
    actions.set_status(db, closed, ActionStatus.DONE, clock=clock)
    questions.answer_question(
        db, asked, answer="Went with a rival", outcome="lost", meeting_id=None, clock=clock
    )

    clock.advance(5 * 24 * 3600)  # Monday's meeting
    second, _ = meetings.start_meeting(db, clock=clock)
    assert [a.id for a in closed_since_last(db, second)] == [closed]
    assert [q.id for q in answered_since_last(db, second)] == [asked]
    assert kept in [a.id for a in actions.review_rows(db, second)]  # still open: carried
    closing.end_meeting(db, second, clock=clock)

    clock.advance(7 * 24 * 3600)  # the week after: told once, not again
    third, _ = meetings.start_meeting(db, clock=clock)
    assert closed_since_last(db, third) == []
    assert answered_since_last(db, third) == []
    assert meetings.get_meeting(db, third).date == clock.today()
    assert clock.today() - meetings.get_meeting(db, first).date == dt.timedelta(days=14)


def test_a_meeting_that_never_started_has_nothing_since(db: Database, clock: FixedClock) -> None:
    """Imported or older records may lack a start time: nothing is 'since' them."""
    from storage.models import Meeting

    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    with db.write() as session:
        found = session.get(Meeting, meeting_id)
        assert found is not None
        found.started_at = None
    assert closed_since_last(db, meeting_id) == []
    assert answered_since_last(db, meeting_id) == []
