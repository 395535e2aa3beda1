"""The end-of-meeting summary is kept as it was at the end, like the minutes."""

from __future__ import annotations

import pytest

from meeting.agenda import meetings
from meeting.agenda.attendance import mark_present
from meeting.entries import actions, questions
from meeting.entries.people_changes import rename_person
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import MeetingClosed
from meeting.foundations.statuses import ActionStatus
from meeting.numbers.metrics import numbers, record_value
from meeting.reports import closing
from meeting.reports.summary import summarise
from storage.db import Database


def test_the_summary_of_an_ended_meeting_does_not_move(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    view = meetings.get_meeting(db, meeting_id)
    question = questions.ask_question(
        db,
        series_id=view.series_id,
        meeting_id=meeting_id,
        text="Why quiet?",
        lead="Nora Walsh",
        assignee="Sam",
        asked_by="Sam",
        due=None,
        clock=clock,
    )
    action = actions.add_action(
        db, meeting_id=meeting_id, text="Call Acme", owner="Sam", due=None, clock=clock
    )
    closing.end_meeting(db, meeting_id, clock=clock)
    at_the_end = summarise(db, meeting_id)
    assert (at_the_end.questions_open, at_the_end.questions_answered) == (1, 0)
    assert [(a.text, a.owner) for a in at_the_end.new_actions] == [("Call Acme", "Sam")]

    # Between meetings: the answer comes, the action closes, a name is corrected. A late
    # number and attendance after the fact are refused: the meeting has ended.
    questions.answer_question(db, question, answer="Gone cold", outcome="nurture", clock=clock)
    actions.set_status(db, action, ActionStatus.DONE, clock=clock)
    rename_person(db, "Sam", "Samuel")
    late_number = numbers(db, meeting_id)[0].metric_id
    with pytest.raises(MeetingClosed):
        record_value(db, meeting_id, late_number, 12, clock=clock)
    with pytest.raises(MeetingClosed):
        mark_present(db, meeting_id, "Samuel", present=False)

    assert summarise(db, meeting_id) == at_the_end
    # Reopened on purpose and ended again, it is summarised afresh.
    meetings.reopen_meeting(db, meeting_id, clock=clock)
    record_value(db, meeting_id, late_number, 12, clock=clock)
    running = summarise(db, meeting_id)
    assert running.questions_answered == 1 and running.metrics_recorded == 1
    closing.end_meeting(db, meeting_id, clock=clock)
    assert summarise(db, meeting_id) == running
