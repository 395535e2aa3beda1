"""A meeting started in the TUI from the team's own template, kept in the database."""

from __future__ import annotations

from textual.widgets import Static

from meeting.catalog.template_store import save_template
from meeting.foundations.clock import FixedClock
from screens.meeting.screen import MeetingScreen
from screens.widgets.choice import Choice
from storage.db import Database
from tests.tui.helpers import screen_as, wait_for_screen
from tui.app import HuddleApp

OURS = """\
name = "Ours"

[[section]]
key = "wins"
kind = "items"
title = "Wins\\n\\u001b[31mred"
prompt = "what closed\\nand why"
timebox = 7

[[section]]
kind = "actions"
title = "Next"
timebox = 3
"""


async def test_the_start_form_offers_the_team_s_templates(db: Database, clock: FixedClock) -> None:
    save_template(db, OURS, source="ours.toml", key="ours", clock=clock)
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("n")
        await wait_for_screen(pilot, "EntryForm")
        choice = app.screen.query_one("#field-template", Choice)
        choice.value = "ours"  # refused unless the form offers it
        await pilot.press("enter")
        await wait_for_screen(pilot, "AttendanceScreen")  # a new meeting asks who is here
        await pilot.press("escape")
        await wait_for_screen(pilot, "MeetingScreen")
        screen = screen_as(app, MeetingScreen)
        assert [(s.key, s.timebox_seconds) for s in screen.meeting.sections] == [
            ("wins", 420),
            ("next", 180),
        ]
        title = screen.query_one("#section-title", Static)
        hint = screen.query_one("#section-hint", Static)
        # A title holding a line end and an escape shows on its one line, made visible.
        assert str(title.render()) == "1. Wins ↵ \\x1b[31mred"
        assert str(hint.render()) == "what closed\nand why"
        row = str(screen.query_one("#agenda-0", Static).render())
        assert row.startswith("▶ 1 Wins ↵ \\x1b[31m…") and "\x1b" not in row
