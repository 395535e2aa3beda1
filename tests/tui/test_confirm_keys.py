"""Only y says yes to adding a person or lead, merging or ending: enter, which a fast
typist presses next, says no."""

from __future__ import annotations

from meeting.agenda import meetings
from meeting.agenda.lookup import list_meetings
from meeting.entries import actions
from meeting.entries.people_changes import add_person, list_people
from meeting.foundations.clock import FixedClock
from screens.meeting.screen import MeetingScreen
from screens.textual_patches import notifications
from storage.db import Database
from tests.tui.helpers import screen_as, type_text, wait_for_screen, workers_done
from tui.app import HuddleApp


def names(db: Database) -> set[str]:
    return {p.name for p in list_people(db)}


async def test_a_typo_then_enter_enter_adds_nobody(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    before = names(demo_db)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("6", "a")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Call Acme")
        await pilot.press("tab")
        await type_text(pilot, "Jordna")
        await pilot.press("enter", "enter")
        await wait_for_screen(pilot, "EntryForm")
        assert "person-name" in app.screen.focused.classes  # type: ignore[union-attr]  # a field has focus here
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("escape")  # escape is no too, back to the name
        await wait_for_screen(pilot, "EntryForm")
        assert "person-name" in app.screen.focused.classes  # type: ignore[union-attr]  # a field has focus here
        assert names(demo_db) == before
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "dan")  # Jordan
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
    assert names(demo_db) == before
    [made] = actions.actions_made_in(demo_db, meeting_id)
    assert made.owner == "Jordan"


async def test_enter_does_not_merge_people(demo_db: Database, clock: FixedClock) -> None:
    add_person(demo_db, "Samm", "sales")
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 34)) as pilot:
        await workers_done(pilot)
        await pilot.press("P")
        await wait_for_screen(pilot, "PeopleScreen")
        await workers_done(pilot)
        row = [p.name for p in app.screen.rows].index("Samm")  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("m")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("enter")
        await wait_for_screen(pilot, "PeopleScreen")
        await workers_done(pilot)
    assert "Samm" in names(demo_db)


async def test_enter_does_not_end_the_meeting(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
    assert meetings.get_meeting(demo_db, meeting_id).status == "running"


async def test_a_name_typed_into_the_series_field_starts_no_series(
    demo_db: Database, clock: FixedClock
) -> None:
    """The start form opens on the series: 'Maya' typed for the facilitator made a series
    'Weekly syncMaya'. The series offered is selected, so what is typed replaces it, and a
    new series takes y, as a new person does."""
    from meeting.agenda.series import list_series

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await workers_done(pilot)
        await pilot.press("n")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Maya")
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("enter")  # no: back to the name
        await wait_for_screen(pilot, "EntryForm")
        assert [s.name for s in list_series(demo_db)] == ["Weekly sync"]
        await pilot.press("enter", "y")  # asked again; y starts it
        await wait_for_screen(pilot, "AttendanceScreen")
        assert {s.name for s in list_series(demo_db)} == {"Weekly sync", "Maya"}


async def test_starting_a_meeting_another_terminal_started_meanwhile_joins_it(
    demo_db: Database, clock: FixedClock
) -> None:
    """Home drawn before another terminal started an alignment meeting: the start form
    (its agenda the series' own, sync) was refused with the CLI's "leave out --template".
    It joins the running meeting, and says so."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await workers_done(pilot)
        elsewhere, _ = meetings.start_meeting(demo_db, clock=clock, template="alignment")
        await pilot.press("n")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        assert screen_as(app, MeetingScreen).meeting_id == elsewhere
        assert any("you joined it" in str(n.message) for n in notifications(app))
    assert len([m for m in list_meetings(demo_db) if m.status == "running"]) == 1
