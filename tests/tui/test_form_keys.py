"""Forms answer keys the same way every time: tab order, errors, yes and no."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from meeting.agenda import meetings
from meeting.entries import actions
from meeting.foundations.clock import FixedClock
from storage.db import Database
from tests.tui.helpers import type_text, wait_for_screen
from tui.app import HuddleApp


async def open_question_form(pilot: Pilot[None]) -> None:
    await wait_for_screen(pilot, "MeetingScreen")
    await pilot.press("5", "a")
    await wait_for_screen(pilot, "EntryForm")
    await type_text(pilot, "Did the trial convert?")
    await pilot.press("tab")
    await type_text(pilot, "Acme")
    await pilot.press("tab")


async def test_a_known_names_team_takes_tab_too(demo_db: Database, clock: FixedClock) -> None:
    """Priya tab tab Sam: Sam lands in the next name field, known name or not (it was lost
    in the next field's team list when Priya's team was skipped)."""
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_question_form(pilot)
        await type_text(pilot, "Priya")
        await pilot.press("tab")
        team = app.screen.focused
        assert team is not None and "person-team" in team.classes
        await pilot.press("space")  # her team is on record: the list does not open
        assert not team.expanded  # type: ignore[attr-defined]  # query_one gives a Widget; this one is a Select
        await pilot.press("tab")
        await type_text(pilot, "Sam")
        form = app.screen.values()  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        assert (form["asked_by"], form["assignee"]) == ("Priya", "Sam")
        assert form.teams["asked_by"] == "marketing"


async def test_a_new_names_team_takes_tab_in_the_same_place(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_question_form(pilot)
        await type_text(pilot, "Noor")
        await pilot.press("tab", "space", "down", "enter")  # a new name: its team can change
        await pilot.press("tab")
        await type_text(pilot, "Sam")
        form = app.screen.values()  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        assert (form["asked_by"], form["assignee"]) == ("Noor", "Sam")
        assert form.teams["asked_by"] != "marketing"


async def open_action_form(pilot: Pilot[None]) -> None:
    await wait_for_screen(pilot, "MeetingScreen")
    await pilot.press("6", "a")
    await wait_for_screen(pilot, "EntryForm")


def error_under(form: Screen[Any], key: str) -> str:
    shown = form.query_one(f"#error-{key}")
    return str(shown.render()) if shown.display else ""


async def test_a_refused_value_takes_the_cursor_with_the_reason_under_it(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_action_form(pilot)
        await type_text(pilot, "Call Acme")
        await pilot.press("tab")
        await type_text(pilot, "Sam")
        await pilot.press("tab", "tab", "ctrl+u")
        await type_text(pilot, "fri2")
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # back up to the action
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "EntryForm"
        assert error_under(form, "due").startswith("bad date 'fri2'")
        assert form.focused is form.query_one("#field-due")
        assert str(form.query_one("#form-error").render()) == ""
        await pilot.press("backspace")  # the cursor is after the text, not selecting it
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
    [made] = actions.actions_made_in(demo_db, meeting_id)
    assert made.due == dt.date(2026, 11, 27)  # fri, from Monday 23 November


async def test_an_empty_field_the_refusal_names_takes_the_cursor(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_action_form(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert error_under(form, "text") == "the action is empty (type what will be done)"
        assert form.focused is form.query_one("#field-text")
        await type_text(pilot, "Call Acme")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
    [made] = actions.actions_made_in(demo_db, meeting_id)
    assert (made.text, made.owner) == ("Call Acme", "Sam")


async def test_a_question_without_anyone_to_answer_it_puts_the_cursor_there(
    demo_db: Database, clock: FixedClock
) -> None:
    from meeting.entries.leads import lead_labels

    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("5", "a")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Did the trial convert?")
        await pilot.press("tab")
        await type_text(pilot, lead_labels(demo_db)[0])
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert error_under(form, "assignee").startswith("a question needs someone to answer")
        assert form.focused is form.query_one("#field-assignee .person-name")


def test_a_misspelt_field_kind_is_refused_at_once() -> None:
    """A kind no form knows used to give a text box without a word."""
    from screens.form_fields import Field

    with pytest.raises(ValueError, match="unknown kind 'persn'"):
        Field("owner", "Owner", kind="persn")  # type: ignore[arg-type]
