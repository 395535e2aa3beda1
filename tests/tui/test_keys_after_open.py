"""A key typed right after the key that opens a screen (`L n`, `h o` in one burst) is the
screen's table's: the first input on the screen had focus until the screen mounted, and
took the letter as text."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from meeting.foundations.clock import FixedClock
from screens.leads import LeadsScreen
from screens.widgets.ticks import TickBox
from storage.db import Database
from tests import both
from tests.tui.helpers import screen_as, wait_for_screen
from tests.tui.test_lead_decisions import loaded
from tui.app import HuddleApp

demo_db = both.demo_db  # on SQLite and on PostgreSQL


async def test_a_key_typed_right_after_l_is_the_tables(
    demo_db: Database, clock: FixedClock
) -> None:
    """`L n` in one burst: the n reached the search box, which had focus until the screen
    mounted, instead of showing the nurture list."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.post_message(events.Key("L", "L"))
        app.post_message(events.Key("n", "n"))
        await wait_for_screen(pilot, "LeadsScreen")
        await loaded(pilot)
        screen = screen_as(app, LeadsScreen)
        assert screen.query_one("#lead-search", Input).value == ""
        assert screen.nurture_only


async def test_a_key_typed_right_after_h_is_the_tables(
    demo_db: Database, clock: FixedClock
) -> None:
    """`h o` in one burst: the o went into the owner filter instead of showing overdue
    items only."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.post_message(events.Key("h", "h"))
        app.post_message(events.Key("o", "o"))
        await wait_for_screen(pilot, "HistoryScreen")
        await loaded(pilot)
        assert app.screen.query_one("#filter-owner", Input).value == ""
        assert app.screen.query_one("#filter-overdue", TickBox).value
