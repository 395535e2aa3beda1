"""Run by test_crash.py in its own process: type entries into a live meeting and report
each one once the screen shows it. The parent kills this process with SIGKILL."""

from __future__ import annotations

import asyncio
import sys

from textual.widgets import DataTable

from meeting.agenda.meetings import start_meeting
from storage.opening import open_database
from tests.tui.helpers import type_text
from tui.app import HuddleApp


async def main(path: str, prefix: str) -> None:
    db = open_database(f"sqlite:///{path}")
    from meeting.foundations.clock import Clock

    meeting_id, _ = start_meeting(db, clock=Clock(), facilitator="Dana")
    app = HuddleApp(db, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3", "a")  # the add line stays open: type, enter, type, enter...
        await pilot.pause()
        number = 0
        while True:
            number += 1
            text = f"{prefix} entry {number} said in the room"
            await type_text(pilot, text)
            await pilot.press("enter")
            await pilot.pause()
            table = app.screen.query_one("#entries", DataTable)
            shown = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
            if text in shown:
                print(f"SHOWN {text}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
