"""Forms answer keys the same way every time: tab order, errors, yes and no."""

from __future__ import annotations

from meeting import meetings
from tests.tui.helpers import type_text, wait_for_screen
from tui.app import HuddleApp


async def open_question_form(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, "MeetingScreen")
    await pilot.press("5", "a")
    await wait_for_screen(pilot, "EntryForm")
    await type_text(pilot, "Did the trial convert?")
    await pilot.press("tab")
    await type_text(pilot, "Acme")
    await pilot.press("tab")


async def test_a_known_names_team_takes_tab_too(demo_db, clock) -> None:  # type: ignore[no-untyped-def]
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
        assert not team.expanded  # type: ignore[attr-defined]
        await pilot.press("tab")
        await type_text(pilot, "Sam")
        form = app.screen.values()  # type: ignore[attr-defined]
        assert (form["asked_by"], form["assignee"]) == ("Priya", "Sam")
        assert form.teams["asked_by"] == "marketing"


async def test_a_new_names_team_takes_tab_in_the_same_place(demo_db, clock) -> None:  # type: ignore[no-untyped-def]
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_question_form(pilot)
        await type_text(pilot, "Noor")
        await pilot.press("tab", "space", "down", "enter")  # a new name: its team can change
        await pilot.press("tab")
        await type_text(pilot, "Sam")
        form = app.screen.values()  # type: ignore[attr-defined]
        assert (form["asked_by"], form["assignee"]) == ("Noor", "Sam")
        assert form.teams["asked_by"] != "marketing"
