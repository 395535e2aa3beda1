"""Ticked and unticked read differently without colour, and attendance starts from who
came last time."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Checkbox

from meeting.agenda import meetings
from meeting.agenda.attendance import presence
from meeting.foundations.clock import FixedClock
from storage.db import Database
from tests.tui.helpers import wait_for_screen
from tui.app import HuddleApp


def lines_of(widget: Widget) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def test_attendance_ticks_read_without_colour(demo_db: Database, clock: FixedClock) -> None:
    """A meeting just started: last time's people start ticked ([x]), and unticking one
    shows [ ], not just another colour."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("n")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")
        await wait_for_screen(pilot, "AttendanceScreen")
        await pilot.pause(0.1)
        listed = app.screen.query_one("#attendance")
        rows = [line for line in lines_of(listed) if "(" in line]
        assert len(rows) == 7 and all("[x]" in line for line in rows), rows
        assert "7 of 7" in str(app.screen.query_one("#form-title").render())
        await pilot.press("down", "space")
        await pilot.pause(0.1)
        rows = [line for line in lines_of(listed) if "(" in line]
        assert "[ ] Alex" in rows[1], rows


async def test_reopening_attendance_keeps_what_was_unticked(
    demo_db: Database, clock: FixedClock
) -> None:
    """Only a meeting just started takes last time's people: P later shows what was marked."""
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("P")
        await wait_for_screen(pilot, "AttendanceScreen")
        await pilot.pause(0.1)
        rows = [line for line in lines_of(app.screen.query_one("#attendance")) if "(" in line]
        assert sum("[x]" in line for line in rows) == 1 and "[x] Dana" in rows[0], rows
    assert [p.name for p in presence(demo_db, meeting_id) if p.present] == ["Dana"]


async def test_history_overdue_filter_reads_without_colour(
    demo_db: Database, clock: FixedClock
) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        box = app.screen.query_one("#filter-overdue", Checkbox)
        assert str(box.render()).startswith("[ ] overdue")
        box.value = True
        await pilot.pause()
        assert str(box.render()).startswith("[x] overdue")
