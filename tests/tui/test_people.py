"""The People screen, from the keyboard: merge a duplicate, rename, change team."""

from __future__ import annotations

from textual.widgets import DataTable

from meeting.entries.people_changes import add_person, list_people
from meeting.foundations.clock import FixedClock
from storage.db import Database
from tests import both
from tests.tui.helpers import type_text, wait_for_screen, workers_done
from tui.app import HuddleApp

demo_db = both.demo_db  # each test here on SQLite and on PostgreSQL


async def test_merge_a_duplicate_and_rename_from_the_people_screen(
    demo_db: Database, clock: FixedClock
) -> None:
    add_person(demo_db, "Samm", "sales")
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 34)) as pilot:
        await workers_done(pilot)
        await pilot.press("P")
        await wait_for_screen(pilot, "PeopleScreen")
        await workers_done(pilot)
        screen = app.screen
        row = [p.name for p in screen.rows].index("Samm")  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("m")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")  # a merge cannot be undone: asked first
        assert "Samm" in [p.name for p in list_people(demo_db)]
        await pilot.press("y")
        await wait_for_screen(pilot, "PeopleScreen")
        await workers_done(pilot)
        assert "Samm" not in [p.name for p in list_people(demo_db)]
        screen.query_one("#people", DataTable).move_cursor(row=0)
        await pilot.press("e")  # the first row: Alex
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Alex Moreau")
        await pilot.press("enter")
        await wait_for_screen(pilot, "PeopleScreen")
        await workers_done(pilot)
        assert screen.rows[0].name == "Alex Moreau"  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
