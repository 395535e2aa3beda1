"""Home says what runs now: heads-ups with their team and last day, shown literally."""

from __future__ import annotations

import datetime as dt

from meeting import headsups
from tests.tui.helpers import workers_done
from tui.app import HuddleApp


async def test_home_lists_running_heads_ups(db, clock) -> None:  # type: ignore[no-untyped-def]
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
