"""Aging, carry-over counts and figures per assignee, with hand-computed expectations."""

from __future__ import annotations

import datetime as dt

import pytest

from meeting.agenda import meetings
from meeting.agenda.lookup import running_meeting
from meeting.agenda.series import list_series, next_meeting_date
from meeting.entries import question_figures, questions
from meeting.entries.question_rows import QuestionRow
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.reports import closing
from storage.db import Database
from storage.models import stored_id


def ask(
    db: Database,
    clock: FixedClock,
    series_id: int,
    meeting_id: int | None,
    assignee: str = "Sam",
    due: dt.date | None = None,
    lead: str = "Acme",
) -> int:
    return questions.ask_question(
        db,
        series_id=series_id,
        meeting_id=meeting_id,
        text="?",
        lead=lead,
        assignee=assignee,
        asked_by="Priya",
        due=due,
        clock=clock,
    )


def test_open_question_ages_and_counts_meetings_carried(db: Database, clock: FixedClock) -> None:
    first, _ = meetings.start_meeting(db, clock=clock)
    series_id = meetings.get_meeting(db, first).series_id
    qid = ask(db, clock, series_id, first)
    for _ in range(3):
        closing.end_meeting(db, running_meeting(db).id, clock=clock)  # type: ignore[union-attr]  # a meeting is running here
        clock.advance(7 * 86400)
        latest, _ = meetings.start_meeting(db, clock=clock)
    [row] = questions.questions_for_meeting(db, latest)
    assert (row.id, row.carried, row.age_days(clock.today())) == (qid, 3, 21)


def test_answered_question_stops_coming_back(db: Database, clock: FixedClock) -> None:
    first, _ = meetings.start_meeting(db, clock=clock)
    series_id = meetings.get_meeting(db, first).series_id
    qid = ask(db, clock, series_id, first)
    questions.answer_question(db, qid, answer="Won it", outcome="won", clock=clock)
    closing.end_meeting(db, first, clock=clock)
    clock.advance(7 * 86400)
    second, _ = meetings.start_meeting(db, clock=clock)
    assert questions.questions_for_meeting(db, second) == []


def test_figures_per_assignee(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    series_id = meetings.get_meeting(db, meeting_id).series_id
    monday = clock.today()
    # Sam: answered after 2 days (due in 3: on time) and after 6 days (due in 3: late); one open.
    on_time = ask(db, clock, series_id, meeting_id, due=monday + dt.timedelta(days=3))
    late = ask(db, clock, series_id, meeting_id, due=monday + dt.timedelta(days=3))
    ask(db, clock, series_id, meeting_id, due=monday - dt.timedelta(days=1))  # overdue
    # Jordan: one open, not due yet.
    ask(db, clock, series_id, meeting_id, assignee="Jordan", due=monday + dt.timedelta(days=7))
    clock.advance(2 * 86400)
    questions.answer_question(db, on_time, answer="a", outcome="working", clock=clock)
    clock.advance(4 * 86400)
    questions.answer_question(db, late, answer="b", outcome="lost", clock=clock)
    rows = questions.list_questions(db, today=clock.today())
    figures = {
        f.assignee: f.as_dict() for f in question_figures.question_figures(rows, clock.today())
    }
    assert figures["Sam"] == {
        "assignee": "Sam",
        "open": 1,
        "overdue": 1,
        "answered": 2,
        "median_days_to_answer": 4.0,
        "answered_by_due": 50.0,  # a percentage to the tenth, as the scorecard writes
    }
    assert figures["Jordan"] == {
        "assignee": "Jordan",
        "open": 1,
        "overdue": 0,
        "answered": 0,
        "median_days_to_answer": None,
        "answered_by_due": None,
    }


def test_filters(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    series_id = meetings.get_meeting(db, meeting_id).series_id
    ask(db, clock, series_id, meeting_id, assignee="Sam", lead="Acme")
    jordan = ask(db, clock, series_id, meeting_id, assignee="Jordan", lead="Brightline")
    today = clock.today()
    assert [q.id for q in questions.list_questions(db, today=today, assignee="jordan")] == [jordan]
    assert [q.id for q in questions.list_questions(db, today=today, lead="brightline")] == [jordan]
    with pytest.raises(HuddleError, match=r"unknown person 'Jordn' \(did you mean: Jordan\?\)"):
        questions.list_questions(db, today=today, assignee="Jordn")
    with pytest.raises(HuddleError, match="unknown lead 'Acmee'"):
        questions.list_questions(db, today=today, lead="Acmee")


def test_strict_ask_refuses_unknown_names(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    series_id = meetings.get_meeting(db, meeting_id).series_id
    with pytest.raises(HuddleError, match="unknown lead 'Nobody'"):
        questions.ask_question(
            db,
            series_id=series_id,
            meeting_id=None,
            text="?",
            lead="Nobody",
            assignee="Sam",
            asked_by=None,
            due=None,
            clock=clock,
            strict=True,
        )
    assert questions.list_questions(db, today=clock.today()) == []


def test_next_meeting_date_follows_the_cadence(demo_db: Database, clock: FixedClock) -> None:
    series_id = stored_id(list_series(demo_db)[0].id)
    # Last demo meeting 2026-11-16, weekly: next is today, Monday 2026-11-23.
    assert next_meeting_date(demo_db, series_id, clock=clock) == dt.date(2026, 11, 23)
    clock.advance(86400)
    assert next_meeting_date(demo_db, series_id, clock=clock) == dt.date(2026, 11, 30)


def test_answered_by_its_due_date_on_the_teams_calendar() -> None:
    """An answer's day is the team's, as every other date: answered at 02:00 on the 25th in
    the team's zone (still the 24th on this UTC machine) is after a due date of the 24th."""
    from zoneinfo import ZoneInfo

    from meeting.foundations.clock import set_team_zone

    set_team_zone(ZoneInfo("Pacific/Kiritimati"))  # UTC+14
    answered = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
    row = QuestionRow(
        id=1,
        text="Budget?",
        lead="Bob",
        company="",
        asked_by=None,
        assignee="Sam",
        due=dt.date(2026, 11, 24),
        status="answered",
        answer="yes",
        outcome="qualified",
        created_at=answered - dt.timedelta(days=1),
        answered_at=answered,
    )
    [figures] = question_figures.question_figures([row], dt.date(2026, 11, 26))
    assert figures.answered_by_due == 0.0
