from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import col, select

from meeting.agenda import meetings
from meeting.entries import actions, items, questions
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.number_format import parse_value
from meeting.foundations.statuses import ActionStatus
from meeting.foundations.views import MeetingView
from meeting.numbers import metrics
from meeting.reports import closing
from storage.db import Database
from storage.models import ActionEvent, Lead, Person


@pytest.fixture
def meeting(db: Database, clock: FixedClock) -> MeetingView:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    return meetings.get_meeting(db, meeting_id)


def events(db: Database, action_id: int) -> list[tuple[str, str | None, str | None]]:
    with db.read() as session:
        rows = session.exec(
            select(ActionEvent)
            .where(ActionEvent.action_id == action_id)
            .order_by(col(ActionEvent.id))
        )
        return [(e.kind, e.old, e.new) for e in rows]


def test_each_action_change_writes_its_event(
    db: Database, clock: FixedClock, meeting: MeetingView
) -> None:
    action_id = actions.add_action(
        db,
        meeting_id=meeting.id,
        text="Call Acme",
        owner="Sam",
        due=dt.date(2026, 11, 30),
        clock=clock,
    )
    assert events(db, action_id) == [("created", None, "Call Acme")]
    actions.update_action(
        db,
        action_id,
        text="Call Acme today",
        owner="Jordan",
        due=dt.date(2026, 11, 30),
        clock=clock,
    )
    assert events(db, action_id)[1:] == [
        ("text", "Call Acme", "Call Acme today"),
        ("owner", "Sam", "Jordan"),
    ]
    actions.review_action(db, meeting.id, action_id, ActionStatus.DONE, clock=clock)
    assert events(db, action_id)[3:] == [("reviewed", None, "done"), ("status", "open", "done")]
    assert actions.get_action(db, action_id).status == "done"


def test_deleted_action_comes_back_with_undo(
    db: Database, clock: FixedClock, meeting: MeetingView
) -> None:
    action_id = actions.add_action(
        db, meeting_id=meeting.id, text="x", owner="Sam", due=None, clock=clock
    )
    actions.delete_action(db, action_id, meeting_id=meeting.id, clock=clock)
    assert actions.actions_made_in(db, meeting.id) == []
    actions.restore_action(db, action_id, meeting_id=meeting.id, clock=clock)
    assert [a.id for a in actions.actions_made_in(db, meeting.id)] == [action_id]


def test_items_keep_text_exactly_and_refuse_empty(
    db: Database, clock: FixedClock, meeting: MeetingView
) -> None:
    working = meeting.sections[2]
    text = "  [red]x[/] | `code` \x1b[2J émoji 🎉  "
    item_id = items.add_item(db, working.id, text, team="Sales", author="Priya", clock=clock)
    assert [(i.text, i.team, i.author) for i in items.items(db, working.id)] == [
        (text, "sales", "Priya")
    ]
    with pytest.raises(HuddleError, match="empty"):
        items.add_item(db, working.id, "   ", team="sales", clock=clock)
    items.delete_item(db, item_id, clock=clock)
    assert items.items(db, working.id) == []
    items.restore_item(db, item_id)
    assert len(items.items(db, working.id)) == 1


def test_people_are_remembered_once_with_their_team(
    db: Database, clock: FixedClock, meeting: MeetingView
) -> None:
    actions.add_action(
        db,
        meeting_id=meeting.id,
        text="a",
        owner="Priya",
        owner_team="marketing",
        due=None,
        clock=clock,
    )
    actions.add_action(
        db,
        meeting_id=meeting.id,
        text="b",
        owner="priya",
        owner_team="sales",
        due=None,
        clock=clock,
    )
    with db.read() as session:
        people = [(p.name, p.team) for p in session.exec(select(Person).order_by(Person.name))]
    assert people == [("Dana", "sales"), ("Priya", "marketing")]


def test_answer_needs_an_outcome_and_nurture_goes_back_to_marketing(
    db: Database, clock: FixedClock, meeting: MeetingView
) -> None:
    qid = questions.ask_question(
        db,
        series_id=meeting.series_id,
        meeting_id=meeting.id,
        text="Why quiet?",
        lead="Jane Cooper",
        assignee="Sam",
        asked_by="Priya",
        due=None,
        clock=clock,
    )
    with pytest.raises(HuddleError, match="needs an outcome"):
        questions.answer_question(db, qid, answer="Budget frozen", outcome="", clock=clock)
    with pytest.raises(HuddleError, match="unknown outcome 'maybe'"):
        questions.answer_question(db, qid, answer="Budget frozen", outcome="maybe", clock=clock)
    questions.answer_question(
        db, qid, answer="Budget frozen", outcome="nurture", meeting_id=meeting.id, clock=clock
    )
    row = questions.get_question(db, qid)
    assert (row.status, row.outcome, row.answer) == ("answered", "nurture", "Budget frozen")
    with db.read() as session:
        assert session.exec(select(Lead.status)).one() == "nurture"


def test_withdrawn_question_cannot_be_answered(
    db: Database, clock: FixedClock, meeting: MeetingView
) -> None:
    qid = questions.ask_question(
        db,
        series_id=meeting.series_id,
        meeting_id=meeting.id,
        text="?",
        lead="Omar",
        assignee="Sam",
        asked_by=None,
        due=None,
        clock=clock,
    )
    questions.withdraw_question(db, qid)
    with pytest.raises(HuddleError, match="withdrawn"):
        questions.answer_question(db, qid, answer="x", outcome="won", clock=clock)


def test_numbers_show_value_previous_and_change(
    db: Database, clock: FixedClock, meeting: MeetingView
) -> None:
    leads = metrics.numbers(db, meeting.id)[0]
    assert [n.name for n in metrics.numbers(db, meeting.id)] == [
        "Leads",
        "MQLs",
        "SQLs",
        "Demos",
        "Closed-won",
        "Revenue",
    ]
    metrics.record_value(db, meeting.id, leads.metric_id, 100, clock=clock)
    closing.end_meeting(db, meeting.id, clock=clock)
    clock.advance(7 * 86400)
    second, _ = meetings.start_meeting(db, clock=clock)
    metrics.record_value(db, second, leads.metric_id, 120, clock=clock)
    row = metrics.numbers(db, second)[0]
    assert (row.value, row.previous, row.change) == (120, 100, 20)
    metrics.record_value(db, second, leads.metric_id, None, clock=clock)
    assert metrics.numbers(db, second)[0].value is None


@pytest.mark.parametrize(
    ("typed", "value"), [("1,200", 1200), ("12.5", 12.5), ("40%", 40), ("$3,000", 3000), ("0", 0)]
)
def test_metric_values_as_people_type_them(typed: str, value: float) -> None:
    assert parse_value(typed, "Leads") == value


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("abc", "not a number"), ("-3", "negative"), ("nan", "not a number"), ("inf", "not a number")],
)
def test_bad_metric_values_are_named(typed: str, problem: str) -> None:
    with pytest.raises(HuddleError, match=problem):
        parse_value(typed, "Leads")


@pytest.mark.parametrize(
    ("typed", "unit", "problem"),
    [
        ("12,50", "count", r"'12,50' is unclear: a comma only groups thousands \(1,250\)"),
        ("12,5", "currency", "a comma only groups thousands"),
        ("1,2,3", None, "a comma only groups thousands"),
        ("2.5", "count", "Leads is a count: '2.5' is not a whole number"),
        ("1.200", "count", "a point starts decimals: for 1200, type 1200"),
        ("$3,000", "count", "Leads is a count, not money"),
        ("€3000", "currency", "Leads is kept in \\$"),
    ],
)
def test_odd_numbers_are_refused_not_guessed(typed: str, unit: str | None, problem: str) -> None:
    """A value ten or a hundred times off is worse than a refusal: nothing is guessed."""
    with pytest.raises(HuddleError, match=problem):
        parse_value(typed, "Leads", unit)


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [("1,250", "count", 1250), ("12,500.50", "currency", 12500.5), ("$3,000", "currency", 3000)],
)
def test_thousands_and_dollars_as_typed(typed: str, unit: str, value: float) -> None:
    assert parse_value(typed, "Leads", unit) == value
