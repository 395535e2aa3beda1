"""A due date in the past, typed in a form, is saved only after an explicit y."""

from __future__ import annotations

import datetime as dt

from meeting.agenda import meetings
from meeting.entries import actions, questions
from meeting.entries.leads import lead_labels
from meeting.foundations.clock import FixedClock
from storage.db import Database
from tests.tui.helpers import type_text, wait_for_screen
from tui.app import HuddleApp


def asked(app: HuddleApp) -> str:
    return " ".join(str(s.render()) for s in app.screen.query("Static"))


async def test_a_new_action_due_in_the_past_waits_for_y(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("6", "a")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Call Acme")
        await pilot.press("tab")
        await type_text(pilot, "Sam")
        await pilot.press("tab", "tab", "ctrl+u")
        await type_text(pilot, "2025-11-27")  # 2025 for 2026
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        assert "A due date in the past (361 days ago)?" in asked(app)
        await pilot.press("enter")  # no: back to the date, nothing saved
        await wait_for_screen(pilot, "EntryForm")
        assert app.screen.focused is app.screen.query_one("#field-due")
        assert actions.actions_made_in(demo_db, meeting_id) == []
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await wait_for_screen(pilot, "MeetingScreen")
    [made] = actions.actions_made_in(demo_db, meeting_id)
    assert made.due == dt.date(2025, 11, 27)


async def test_rewording_an_overdue_action_asks_nothing(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    late = actions.add_action(
        demo_db,
        meeting_id=meeting_id,
        text="Call Acme",
        owner="Sam",
        due=clock.today() - dt.timedelta(days=3),
        clock=clock,
    )
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("6", "e")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, " back")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
    assert actions.get_action(demo_db, late).text == "Call Acme back"


async def test_a_lead_question_due_in_the_past_waits_for_y(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    before = len(questions.questions_for_meeting(demo_db, meeting_id))
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("5", "a")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Did the trial convert?")
        await pilot.press("tab")
        await type_text(pilot, lead_labels(demo_db)[0])
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Sam")
        await pilot.press("tab", "tab", "ctrl+u")
        await type_text(pilot, "-1d")
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        assert "A due date in the past (yesterday)?" in asked(app)
        await pilot.press("escape")
        await wait_for_screen(pilot, "EntryForm")
        assert len(questions.questions_for_meeting(demo_db, meeting_id)) == before
        await pilot.press("ctrl+u")
        await type_text(pilot, "+1d")
        await pilot.press("enter")  # a date to come: saved at once
        await wait_for_screen(pilot, "MeetingScreen")
    made = questions.questions_for_meeting(demo_db, meeting_id)
    assert len(made) == before + 1
    assert made[-1].due == clock.today() + dt.timedelta(days=1)
