"""A server login that may read but not write (a manager's, an analyst's): every change is
refused in one line with the text kept, in the CLI and the TUI, never a crash."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from textual.widgets import Input

from meeting.agenda import meetings
from meeting.foundations.clock import FixedClock
from screens.textual_patches import notifications
from storage.db import UI_BUSY_TIMEOUT_MS
from storage.opening import open_database
from tests.cli.helpers import invoke
from tests.postgres import PostgresServer
from tests.tui.helpers import type_text, wait_for_screen
from tui.app import HuddleApp

REFUSED = "lets this login read but not change"


@pytest.fixture
def reader_url(postgres: PostgresServer, clock: FixedClock) -> str:
    """A database with a running meeting, and a login that may only read it."""
    url = postgres.fresh()
    owner = open_database(url)
    meetings.start_meeting(owner, clock=clock, facilitator="Dana")
    with owner.engine.connect() as conn:
        conn.execute(
            text("DO $$ BEGIN CREATE ROLE reader LOGIN; EXCEPTION WHEN OTHERS THEN END $$")
        )
        conn.execute(text("GRANT USAGE ON SCHEMA public TO reader"))
        conn.execute(text("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader"))
        conn.commit()
    owner.dispose()
    return url.replace("postgres@", "reader@")


def test_a_change_from_the_cli_says_the_login_cannot_write(reader_url: str) -> None:
    listed = invoke(reader_url, "meeting", "list")
    assert listed.exit_code == 0, listed.output
    added = invoke(reader_url, "actions", "add", "Call Acme", "--owner", "Dana")
    assert added.exit_code == 1
    assert REFUSED in added.output and added.output.count("\n") == 1, added.output
    assert "lost the connection" not in added.output


async def test_an_entry_typed_in_the_tui_is_refused_and_kept(
    reader_url: str, clock: FixedClock
) -> None:
    db = open_database(reader_url, busy_ms=UI_BUSY_TIMEOUT_MS)
    app = HuddleApp(db, clock=clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "HomeScreen")
            await pilot.press("r")
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("3", "a")  # what's working: the add line
            await pilot.pause()
            await type_text(pilot, "Denied entry")
            await pilot.press("enter")
            await pilot.pause(0.5)
            assert app.return_code is None and app.is_running  # no crash
            said = [n.message for n in notifications(app)]
            assert any(REFUSED in m for m in said), said
            kept = app.screen.query_one("#quick-text", Input).value
            waiting = str(app.screen.query_one("#pending").render())
            assert "Denied entry" in kept or "Denied entry" in waiting
    finally:
        db.dispose()
