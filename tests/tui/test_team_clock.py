"""The TUI works to the team's calendar, whatever the terminal's zone."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator

import pytest

from meeting.agenda.meetings import start_meeting
from meeting.entries import actions
from meeting.foundations.clock import FixedClock, change_team_zone, set_team_zone
from storage.db import Database
from tests.tui.helpers import wait_for_screen, workers_done
from tui.app import HuddleApp

# 13:30 on 30 November in Adak (the team's zone), 13:30 on 1 December in Kiritimati.
LATE = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)


@pytest.fixture
def in_kiritimati() -> Iterator[None]:
    os.environ["TZ"] = "Pacific/Kiritimati"
    time.tzset()
    try:
        yield
    finally:
        os.environ["TZ"] = "UTC"
        time.tzset()


async def test_an_action_due_today_is_not_overdue_a_day_ahead(
    db: Database, in_kiritimati: None
) -> None:
    clock = FixedClock(LATE)
    change_team_zone(db, "America/Adak")
    meeting_id, _ = start_meeting(
        db, clock=clock, facilitator="Dana", create_series_if_missing=True
    )
    actions.add_action(
        db, meeting_id=meeting_id, text="Call back", owner="Sam", owner_team="sales",
        due=dt.date(2026, 11, 30), clock=clock,
    )  # fmt: skip
    set_team_zone(None)  # another terminal, started afresh on the same database
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await workers_done(pilot)
        stats = str(app.screen.query_one("#stats").render())
        assert "Open actions 1 · overdue 0" in stats
        assert clock.today() == dt.date(2026, 11, 30)
