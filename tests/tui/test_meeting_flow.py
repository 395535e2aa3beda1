"""A whole meeting driven by keys, then the app reopened on the same file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import DataTable, SelectionList

from meeting.agenda import meetings
from meeting.agenda.lookup import list_meetings
from meeting.entries import actions, items, questions
from meeting.foundations.clock import FixedClock
from meeting.foundations.statuses import ActionStatus
from meeting.numbers import metrics
from screens.meeting.screen import MeetingScreen
from storage.db import Database
from storage.models import Person
from storage.opening import open_database
from tests.tui.helpers import (
    say_yes_to_new,
    screen_as,
    type_text,
    wait_for_screen,
    wait_for_value_line,
    workers_finished,
)
from tui.app import HuddleApp

SIZE = (130, 40)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_run_a_meeting_end_to_end_and_reopen(
    backend: str, db_path: Path, clock: FixedClock, request: pytest.FixtureRequest
) -> None:
    """The whole meeting on each database huddle supports."""
    url = f"sqlite:///{db_path}"
    if backend == "postgresql":
        url = request.getfixturevalue("postgres").fresh()
    db = open_database(url)
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("n")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("tab")
        await type_text(pilot, "Dana")
        await pilot.press("enter")  # two keystrokes from home, plus a name on a new database
        await say_yes_to_new(pilot, ["Dana"])  # a new person is added only once confirmed
        await wait_for_screen(pilot, "AttendanceScreen")  # a new meeting asks who is here
        assert app.screen.query_one("#attendance", SelectionList).selected == [
            "Dana"
        ]  # the facilitator
        await pilot.press("escape")
        await wait_for_screen(pilot, "MeetingScreen")
        screen = screen_as(app, MeetingScreen)
        assert screen.section.kind == "review"

        await pilot.press("n")  # numbers
        assert screen.section.kind == "numbers"
        await pilot.press("enter")
        await wait_for_value_line(pilot)
        await type_text(pilot, "412")
        await pilot.press("enter")
        await wait_for_value_line(pilot, open=False)
        assert (
            screen.query_one("#entries", DataTable).cursor_row == 1
        )  # on to MQLs, the next number

        await pilot.press("n", "a")  # working: the add line opens under the table
        await type_text(pilot, "[bold]Webinar[/] leads | book demos")
        await pilot.press("enter")
        await type_text(pilot, "Reps log call notes")  # the line stays open for the next one
        await pilot.press("enter", "escape")

        await pilot.press("n", "a")  # broken
        await type_text(pilot, "Trade-show leads lack phone numbers")
        await pilot.press("enter", "escape")

        await pilot.press("n", "a")  # leads
        await type_text(pilot, "What happened after the demo?")
        await pilot.press("tab")
        await type_text(pilot, "Jane Cooper")
        await pilot.press("tab")
        await type_text(pilot, "Priya")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await say_yes_to_new(pilot, ["Jane Cooper", "Priya", "Sam"])
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("r")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Booked a second call")
        await pilot.press("enter")  # no outcome chosen yet: the form stays, text kept
        assert type(app.screen).__name__ == "EntryForm"
        assert "needs an outcome" in str(app.screen.query_one("#error-outcome").render())
        await pilot.press("space")  # the cursor went to the outcomes: space opens the list
        await pilot.press("down", "enter")  # first outcome: working
        await pilot.press("enter")  # enter on the closed list saves
        await wait_for_screen(pilot, "MeetingScreen")

        await pilot.press("n", "a")  # actions
        await type_text(pilot, "Add phone as a required field")
        await pilot.press("tab")
        await type_text(pilot, "Priya")
        await pilot.press("tab", "tab")  # past Priya's team, on record
        await type_text(pilot, "fri")  # the due date is selected on focus, so typing replaces it
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")

        await pilot.press("P")  # Sam came too; marketing: Dana, Priya, then sales: Sam
        await wait_for_screen(pilot, "AttendanceScreen")
        await pilot.press("down", "down", "space", "escape")
        await wait_for_screen(pilot, "MeetingScreen")
        assert "2 present" in str(screen.query_one("#topbar").render())

        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await wait_for_screen(pilot, "SummaryScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
    db.dispose()

    reopened = open_database(url)
    [row] = list_meetings(reopened)
    assert row.status == "ended" and row.facilitator == "Dana"
    view = meetings.get_meeting(reopened, row.id)
    assert metrics.numbers(reopened, row.id)[0].value == 412
    assert [i.text for i in items.items(reopened, view.sections[2].id)] == [
        "[bold]Webinar[/] leads | book demos",
        "Reps log call notes",
    ]
    assert [i.text for i in items.items(reopened, view.sections[3].id)] == [
        "Trade-show leads lack phone numbers"
    ]
    [question] = questions.questions_for_meeting(reopened, row.id)
    assert (question.lead, question.asked_by, question.assignee) == ("Jane Cooper", "Priya", "Sam")
    assert (question.answer, question.outcome) == ("Booked a second call", "working")
    [action] = actions.actions_made_in(reopened, row.id)
    assert (action.text, action.owner, str(action.due)) == (
        "Add phone as a required field",
        "Priya",
        "2026-11-27",
    )
    with reopened.read() as session:
        assert session.exec(select(Person.team).where(Person.name == "Priya")).one() == "marketing"
    assert (view.attendees, view.absent) == (
        [("Dana", "marketing"), ("Sam", "sales")],
        [("Priya", "marketing")],
    )
    reopened.dispose()


async def test_review_marks_and_undo_delete(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        first, second = actions.review_rows(demo_db, meeting_id)[:2]
        await pilot.press("d")  # first done, cursor moves on
        await pilot.press("x")  # second dropped
        marks = {r.id: r.reviewed for r in actions.review_rows(demo_db, meeting_id)}
        assert (marks[first.id], marks[second.id]) == ("done", "dropped")
        assert actions.get_action(demo_db, second.id).status == "dropped"

        await pilot.press("3", "a")
        await type_text(pilot, "keep me")
        await pilot.press("enter", "escape")
        working = screen_as(app, MeetingScreen).section.id
        await pilot.press("delete")
        assert items.items(demo_db, working) == []
        await pilot.press("u")
        assert [i.text for i in items.items(demo_db, working)] == ["keep me"]


async def test_user_text_is_shown_literally(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    working = meetings.get_meeting(db, meeting_id).sections[2]
    hostile = "[@click=app.quit]q[/] [red]x[/] \x1b]0;title\x07"
    items.add_item(db, working.id, hostile, team="sales", clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3")
        table = app.screen.query_one("#entries", DataTable)
        shown = str(table.get_row_at(0)[1])
        assert shown == "[@click=app.quit]q[/] [red]x[/] \\x1b]0;title\\x07"
        detail = str(app.screen.query_one("#detail").render())
        assert "[red]x[/]" in detail


async def test_help_and_palette_list_the_meeting_actions(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("f1")
        await wait_for_screen(pilot, "HelpScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("question_mark")
        await wait_for_screen(pilot, "HelpScreen")
        await pilot.press("escape")
        from tui.commands import ScreenCommands

        provider = ScreenCommands(app.screen)
        titles = [title for title, _, _ in provider._commands()]
        assert "meeting: next section" in titles and "meeting: end meeting" in titles
        assert "meeting: add an entry" not in titles  # review section: nothing to add
        await pilot.press("ctrl+p")
        await type_text(pilot, "next section")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.pause()
        assert screen_as(app, MeetingScreen).section.kind == "numbers"


async def test_timer_key_pauses_and_the_agenda_shows_overrun(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        clock.advance(7 * 60)
        screen_as(app, MeetingScreen).tick()
        row = app.screen.query_one("#agenda-0")
        assert "+02:00 over" in str(row.render())
        assert row.has_class("-overrun")
        await pilot.press("t")
        clock.advance(60)
        screen_as(app, MeetingScreen).tick()
        assert "+02:00 over" in str(row.render())


async def test_footer_follows_the_section_and_the_focus(
    demo_db: Database, clock: FixedClock
) -> None:
    """The footer is rebuilt only when its keys change, so it must still change when they do."""
    from screens.textual_patches import FooterKey

    def shown() -> set[str]:
        return {key.description for key in app.screen.query(FooterKey) if key.description}

    async def settle() -> None:
        for _ in range(3):
            await pilot.pause()

    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await settle()
        review = shown()
        assert "Add" not in review and "Next" in review
        await pilot.press("3")  # What's working: entries can be added
        await settle()
        assert "Add" in shown()
        await pilot.press("a")  # the add line takes focus and offers its own key
        await settle()
        assert "Done adding" in shown()
        await pilot.press("escape")
        await settle()
        assert "Done adding" not in shown() and "Add" in shown()
        await pilot.press("1")
        await settle()
        assert shown() == review


async def test_escape_from_the_add_line_hands_keys_to_the_table(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "a")
        for text in ("first", "second"):
            await type_text(pilot, text)
            await pilot.press("enter")
        table = app.screen.query_one("#entries", DataTable)
        assert table.cursor_row == 1
        await pilot.press("escape", "up")
        assert app.screen.focused is table and table.cursor_row == 0
        assert "first" in str(app.screen.query_one("#detail").render())


async def test_after_ending_n_starts_a_new_meeting_and_R_reopens_on_purpose(
    demo_db: Database, clock: FixedClock
) -> None:
    first, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=first)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("ctrl+e", "y")
        await wait_for_screen(pilot, "SummaryScreen")
        await pilot.press("R")  # reopen, from the summary
        await wait_for_screen(pilot, "MeetingScreen")
        assert screen_as(app, MeetingScreen).meeting_id == first
        assert meetings.get_meeting(demo_db, first).status == "running"
        await pilot.press("ctrl+e", "y")
        await wait_for_screen(pilot, "SummaryScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await workers_finished(pilot.app)
        await pilot.press("n")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")
        await wait_for_screen(pilot, "AttendanceScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "MeetingScreen")
        second = screen_as(app, MeetingScreen).meeting_id
        assert second != first
        assert meetings.get_meeting(demo_db, first).status == "ended"  # not reopened
        assert meetings.get_meeting(demo_db, second).date == clock.today()


async def test_review_edits_an_action_where_it_is_discussed(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    first = actions.review_rows(demo_db, meeting_id)[0]
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        assert screen_as(app, MeetingScreen).section.kind == "review"
        await pilot.press("e")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "Priya")
        await pilot.press("tab", "tab", "ctrl+u")  # past her team, to the due date
        await type_text(pilot, "+7d")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
    edited = actions.get_action(demo_db, first.id)
    assert edited.owner == "Priya"
    assert edited.due == clock.today() + dt.timedelta(days=7)


async def test_the_next_meeting_shows_what_was_closed_and_answered_between(
    demo_db: Database, clock: FixedClock
) -> None:
    last = list_meetings(demo_db)[0].id
    from meeting.reads.history import ActionFilter, list_actions

    open_now = list_actions(demo_db, ActionFilter(status="open"), today=clock.today())
    closed = open_now[0].id
    open_question = next(
        q for q in questions.questions_for_meeting(demo_db, last) if q.status == "open"
    )
    clock.advance(3600)
    actions.set_status(demo_db, closed, ActionStatus.DONE, clock=clock)
    questions.answer_question(
        demo_db, open_question.id, answer="Signed", outcome="won", meeting_id=None, clock=clock
    )
    clock.advance(3600)
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        screen = screen_as(app, MeetingScreen)
        shown = screen.section_rows
        assert shown is not None
        first = shown.rows[0]
        assert first.key == str(closed) and first.cells[0].plain == "✓ done since"
        assert "closed since the last meeting" in shown.note
        await pilot.press("5")
        await pilot.pause()
        shown = screen.section_rows
        assert shown is not None
        first = shown.rows[0]
        assert first.key == str(open_question.id)
        assert "won · since" in [c.plain for c in first.cells]


async def test_the_narrow_agenda_shows_a_long_overrun_whole(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        clock.advance(20 * 60)  # the first section's 5 minutes, and 15 over
        screen_as(app, MeetingScreen).tick()
        await pilot.pause()
        row = app.screen.query_one("#agenda-0")
        shown = "".join(segment.text for segment in row.render_line(0))
        assert "⏵+15:00" in shown, shown
