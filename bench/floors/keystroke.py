"""Add an entry to a section that already holds 200, from the key that saves it to the
repainted screen; the floor adds a row to the same widget in a bare app and moves the
cursor to it, as huddle does so the entry just typed is on screen."""

import asyncio
import datetime as dt
import json
import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable

ADDS = 10


class Bare(App[None]):
    BINDINGS = [("a", "add", "Add")]

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("About", "Entry", "By", "Backed by")
        for n in range(200):
            table.add_row("marketing", f"entry {n}", "Sam", "")

    def action_add(self) -> None:
        table = self.query_one(DataTable)
        table.add_row("marketing", "one more", "Sam", "")
        table.move_cursor(row=table.row_count - 1)


async def bare() -> list[float]:
    app = Bare()
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        for _ in range(ADDS):
            count = table.row_count
            started = time.perf_counter()
            await pilot.press("a")
            while table.row_count == count:
                await asyncio.sleep(0)
            await pilot.pause()
            times.append(time.perf_counter() - started)
    return times


async def huddle(folder: Path) -> list[float]:
    from sqlalchemy import insert

    from meeting.clock import FixedClock
    from meeting.meetings import get_meeting, start_meeting
    from storage.db import open_database
    from storage.models import Item
    from tui.app import HuddleApp

    path = folder / f"keystroke-{time.monotonic_ns()}.db"
    db = open_database(f"sqlite:///{path}")
    clock = FixedClock(dt.datetime(2026, 11, 23, 15, tzinfo=dt.UTC))
    meeting_id, _ = start_meeting(db, clock=clock)
    section = get_meeting(db, meeting_id).sections[2].id
    with db.write() as session:
        session.execute(
            insert(Item),
            [
                {
                    "section_id": section,
                    "text": f"entry {n}",
                    "team": "marketing",
                    "created_at": clock.now(),
                }
                for n in range(200)
            ],
        )
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#entries", DataTable)
        await pilot.press("a")  # the add line under the table stays open between entries
        await pilot.pause()
        for _ in range(ADDS):
            for char in "one more":
                await pilot.press("space" if char == " " else char)
            count = table.row_count
            started = time.perf_counter()
            await pilot.press("enter")
            while table.row_count == count:
                await asyncio.sleep(0)
            await pilot.pause()
            times.append(time.perf_counter() - started)
    db.dispose()
    return times


if __name__ == "__main__":
    mode, folder = sys.argv[1], Path(sys.argv[2])
    seconds = asyncio.run(huddle(folder) if mode == "huddle" else bare())
    print(json.dumps({"seconds": seconds}))
