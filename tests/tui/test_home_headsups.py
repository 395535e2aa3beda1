"""Home says what runs now: heads-ups with their team and last day, shown literally."""

from __future__ import annotations

import datetime as dt

from meeting.entries import headsups
from meeting.foundations.clock import FixedClock
from screens.home import HomeScreen
from storage.db import Database
from tests.tui.helpers import screen_as, wait_for_screen, workers_done
from tui.app import HuddleApp


async def test_home_lists_running_heads_ups(db: Database, clock: FixedClock) -> None:
    headsups.add_headsup(
        db,
        "Webinar [b]series[/b]\x1b[2J",
        team="marketing",
        ends_on=clock.today() + dt.timedelta(days=5),
        clock=clock,
    )
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await workers_done(pilot)
        line = str(app.screen.query_one("#headsups").render())
        assert line.startswith("Running now:")
        assert "Webinar [b]series[/b]" in line and "\x1b" not in line
        assert "(marketing, until Sat 28 Nov)" in line


async def test_home_keeps_the_cursor_on_its_meeting_when_one_is_added_above(
    demo_db: Database, clock: FixedClock
) -> None:
    """Another terminal starts a meeting: it comes first in the list, and enter or `x`
    must still act on the meeting the cursor was on, not on the row now in its place."""
    from textual.coordinate import Coordinate
    from textual.widgets import DataTable

    from meeting.agenda import meetings
    from meeting.agenda.home import home_summary

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        table = app.screen.query_one("#meetings", DataTable)
        table.focus()
        await pilot.press("down", "down")
        chosen = table.coordinate_to_cell_key(Coordinate(2, 0)).row_key.value
        meetings.start_meeting(demo_db, clock=clock)  # as from another terminal
        screen_as(app, HomeScreen).show(home_summary(demo_db, clock=clock))
        await pilot.pause()
        assert table.cursor_row == 3
        assert table.coordinate_to_cell_key(Coordinate(3, 0)).row_key.value == chosen
