"""An ended meeting takes nothing new until it is reopened: every kind of write into it is
refused with one line that names how to reopen it, and changes nothing. Writes between
meetings (no meeting named) go on as before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from meeting.agenda import attendance, facilitator, meetings
from meeting.catalog.metric_catalog import list_metrics
from meeting.entries import actions, agreements, headsups, items, questions
from meeting.entries.people_changes import add_person
from meeting.entries.votes import unvote, vote
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import MeetingClosed
from meeting.foundations.statuses import ActionStatus
from meeting.numbers import metrics
from meeting.reports import closing
from meeting.reports.minutes import minutes_markdown
from storage.db import Database


@dataclass
class Ended:
    """A meeting with one of everything in it, ended."""

    id: int
    series_id: int
    working: int  # the section of what's working
    entry: int  # an entry in it, with a vote from Sam
    action: int  # an action made in it
    carried: int  # an action carried into it from the meeting before
    question: int  # a question asked in it
    headsup: int  # a heads-up raised in it
    metric: int


@pytest.fixture
def ended(db: Database, clock: FixedClock) -> Ended:
    add_person(db, "Sam", "sales")
    add_person(db, "Priya", "marketing")
    before, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    carried = actions.add_action(
        db, meeting_id=before, text="Call Acme", owner="Sam", due=None, clock=clock
    )
    closing.end_meeting(db, before, clock=clock)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    view = meetings.get_meeting(db, meeting_id)
    working = next(s for s in view.sections if s.key == "working").id
    entry = items.add_item(db, working, "Webinar leads convert", team="marketing", clock=clock)
    vote(db, entry, by="Sam", clock=clock)
    action = actions.add_action(
        db, meeting_id=meeting_id, text="Send the deck", owner="Sam", due=None, clock=clock
    )
    question = questions.ask_question(
        db,
        series_id=view.series_id,
        meeting_id=meeting_id,
        text="Why did Nora go quiet?",
        lead="Nora Walsh",
        assignee="Sam",
        asked_by="Priya",
        due=None,
        clock=clock,
    )
    headsup = headsups.add_headsup(
        db, "Black Friday promotion", team="marketing", meeting_id=meeting_id, clock=clock
    )
    metric = list_metrics(db, view.series_id)[0].id
    closing.end_meeting(db, meeting_id, clock=clock)
    return Ended(
        meeting_id,
        view.series_id,
        working,
        entry,
        action,
        carried,
        question,
        headsup,
        metric,
    )


def writes(db: Database, clock: FixedClock, m: Ended) -> dict[str, Callable[[], object]]:
    """Every write the meeting screen or the CLI makes into a meeting, by what it is."""
    question: dict[str, Any] = {
        "text": "Why?",
        "lead": "Nora Walsh",
        "assignee": "Sam",
        "asked_by": None,
    }
    return {
        "review mark": lambda: actions.review_action(
            db, m.id, m.carried, ActionStatus.DONE, clock=clock
        ),
        "number": lambda: metrics.record_value(db, m.id, m.metric, 42, clock=clock),
        "entry added": lambda: items.add_item(db, m.working, "More", team="sales", clock=clock),
        "entry edited": lambda: items.update_item(db, m.entry, text="Less", team="sales"),
        "entry deleted": lambda: items.delete_item(db, m.entry, clock=clock),
        "entry restored": lambda: items.restore_item(db, m.entry),
        "vote": lambda: vote(db, m.entry, by="Priya", clock=clock),
        "vote taken back": lambda: unvote(db, m.entry, by="Sam"),
        "question asked": lambda: questions.ask_question(
            db, series_id=m.series_id, meeting_id=m.id, due=None, clock=clock, **question
        ),
        "question edited": lambda: questions.update_question(
            db, m.question, due=None, clock=clock, meeting_id=m.id, **question
        ),
        "question answered": lambda: questions.answer_question(
            db, m.question, answer="Went cold", outcome="nurture", meeting_id=m.id, clock=clock
        ),
        "question withdrawn": lambda: questions.withdraw_question(db, m.question, meeting_id=m.id),
        "question reopened": lambda: (
            questions.withdraw_question(db, m.question),  # type: ignore[func-returns-value]  # between meetings: it may be; a tuple runs both
            questions.reopen_question(db, m.question, meeting_id=m.id),  # type: ignore[func-returns-value]  # as above
        ),
        "question deleted": lambda: questions.delete_question(
            db, m.question, clock=clock, meeting_id=m.id
        ),
        "action added": lambda: actions.add_action(
            db, meeting_id=m.id, text="More", owner="Sam", due=None, clock=clock
        ),
        "entry to action": lambda: actions.add_action(
            db,
            meeting_id=None,
            series_id=m.series_id,
            text="More",
            owner="Sam",
            due=None,
            clock=clock,
            from_item=m.entry,
        ),
        "action edited": lambda: actions.update_action(
            db, m.action, text="Send it", owner="Sam", due=None, meeting_id=m.id, clock=clock
        ),
        "action deleted": lambda: actions.delete_action(db, m.action, meeting_id=m.id, clock=clock),
        "action status": lambda: actions.set_status(
            db, m.action, ActionStatus.DONE, meeting_id=m.id, clock=clock
        ),
        "action comment": lambda: actions.comment_action(
            db, m.action, "Why it slipped", meeting_id=m.id, clock=clock
        ),
        "agreement": lambda: agreements.edit_agreement(
            db, "mql", "Downloads twice", meeting_id=m.id, clock=clock
        ),
        "heads-up added": lambda: headsups.add_headsup(
            db, "New deck", team="sales", meeting_id=m.id, clock=clock
        ),
        "heads-up deleted": lambda: headsups.delete_headsup(
            db, m.headsup, meeting_id=m.id, clock=clock
        ),
        "attendance": lambda: attendance.mark_present(db, m.id, "Sam"),
        "handed over": lambda: facilitator.hand_over(db, m.id, "Priya"),
    }


KINDS = list(writes(None, None, None))  # type: ignore[arg-type]  # only the keys are read


@pytest.mark.parametrize("kind", KINDS)
def test_every_write_into_an_ended_meeting_is_refused(
    db: Database, clock: FixedClock, ended: Ended, kind: str
) -> None:
    before = minutes_markdown(db, ended.id, today=clock.today())
    with pytest.raises(MeetingClosed) as refused:
        writes(db, clock, ended)[kind]()
    said = str(refused.value)
    assert said == (
        "the meeting of 2026-11-23 has ended; reopen it with `huddle meeting reopen "
        f"{ended.id}` to add to it"
    )
    assert "\n" not in said
    assert minutes_markdown(db, ended.id, today=clock.today()) == before  # nothing of it was saved


@pytest.mark.parametrize("kind", KINDS)
def test_once_reopened_it_takes_each_write_again(
    db: Database, clock: FixedClock, ended: Ended, kind: str
) -> None:
    meetings.reopen_meeting(db, ended.id, clock=clock)
    writes(db, clock, ended)[kind]()


def test_the_reopen_command_names_the_date_when_no_other_meeting_shares_it(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    closing.end_meeting(db, meeting_id, clock=clock)
    with pytest.raises(MeetingClosed, match=r"reopen it with `huddle meeting reopen 2026-11-23`"):
        actions.add_action(
            db, meeting_id=meeting_id, text="Call Acme", owner="Sam", due=None, clock=clock
        )
    refused = MeetingClosed(meeting_id, clock.today(), "2026-11-23")
    assert refused.said("leave out --meeting to add it for the next meeting") == (
        "the meeting of 2026-11-23 has ended; reopen it with `huddle meeting reopen "
        "2026-11-23`, or leave out --meeting to add it for the next meeting"
    )


def test_writes_between_meetings_go_on(db: Database, clock: FixedClock, ended: Ended) -> None:
    """Not tied to the ended meeting: they belong to the next one."""
    add = actions.add_action(
        db, meeting_id=None, series_id=ended.series_id, text="Call", owner="Sam", due=None,
        clock=clock,
    )  # fmt: skip
    actions.set_status(db, ended.action, ActionStatus.DONE, clock=clock)
    actions.comment_action(db, add, "On it", clock=clock)
    questions.answer_question(db, ended.question, answer="Cold", outcome="nurture", clock=clock)
    questions.ask_question(
        db, series_id=ended.series_id, meeting_id=None, text="And Acme?", lead="Acme",
        assignee="Sam", asked_by=None, due=None, clock=clock,
    )  # fmt: skip
    headsups.add_headsup(db, "New pricing page", team="marketing", clock=clock)
    agreements.edit_agreement(db, "mql", "Two downloads", clock=clock)
