"""Keys typed in one burst across a change of screen or section land where they were meant."""

from __future__ import annotations

from textual.widgets import SelectionList

from meeting.agenda import meetings
from meeting.agenda.lookup import running_meeting
from meeting.entries import items
from meeting.foundations.clock import FixedClock
from meeting.foundations.statuses import MeetingStatus
from meeting.numbers import metrics
from screens.meeting.screen import MeetingScreen
from storage.db import Database
from tests.tui.helpers import screen_as, wait_for_screen
from tests.tui.test_fast_input import send_burst, settle
from tui.app import HuddleApp


def keys_of(text: str) -> list[str]:
    return [{" ": "space"}.get(c, c) for c in text]


async def test_a_section_number_then_an_entry(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    broken = meetings.get_meeting(demo_db, meeting_id).sections[3].id
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await send_burst(pilot, ["4", "a", *keys_of("Typed in a burst"), "enter"])
        await settle(pilot, lambda: len(items.items(demo_db, broken)) >= 1)
    assert [i.text for i in items.items(demo_db, broken)] == ["Typed in a burst"]


async def test_open_from_home_then_an_entry(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    broken = meetings.get_meeting(demo_db, meeting_id).sections[3].id
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await send_burst(pilot, ["enter", "4", "a", *keys_of("From home"), "enter"])
        await settle(pilot, lambda: len(items.items(demo_db, broken)) >= 1)
    assert [i.text for i in items.items(demo_db, broken)] == ["From home"]


async def test_a_number_typed_in_a_burst(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await send_burst(pilot, ["2", "enter", "4", "3", "5", "enter"])
        await settle(pilot, lambda: metrics.numbers(demo_db, meeting_id)[0].value is not None)
        assert screen_as(app, MeetingScreen).section.key == "numbers"
        assert metrics.numbers(demo_db, meeting_id)[0].value == 435
        # A value typed again replaces the one there, as in a spreadsheet's cell.
        await send_burst(pilot, ["up", "enter", "4", "4", "0", "enter"])
        await settle(pilot, lambda: metrics.numbers(demo_db, meeting_id)[0].value != 435)
    assert metrics.numbers(demo_db, meeting_id)[0].value == 440


async def test_enter_then_reopen_from_home(demo_db: Database, clock: FixedClock) -> None:
    """`enter R` on home's last meeting, ended: the R reopens it (it was lost on home)."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await send_burst(pilot, ["enter", "R"])
        await settle(pilot, lambda: running_meeting(demo_db) is not None)
        assert screen_as(app, MeetingScreen).meeting.status == MeetingStatus.RUNNING


async def test_start_a_meeting_then_enter_in_the_attendance(
    demo_db: Database, clock: FixedClock
) -> None:
    """`n enter enter`: the second enter is the attendance dialog's, not the meeting's
    table's under it."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await send_burst(pilot, ["n", "enter", "enter"])
        await settle(pilot, lambda: app.screen.__class__.__name__ == "AttendanceScreen")
        await pilot.pause(0.3)
        dialog = app.screen.query_one(SelectionList)
        assert len(dialog.selected) == dialog.option_count - 1  # the first one unticked
