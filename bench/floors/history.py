"""Open huddle's history screen on a big database; report how long the first page and one
filter change take, and the peak RSS."""

import asyncio
import contextlib
import datetime as dt
import json
import sys
import time

from peak import own_peak_bytes
from textual.worker import WorkerCancelled

from meeting.clock import FixedClock
from storage.db import open_database
from tui.app import HuddleApp


async def until(pilot, condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Until the rows are in the table: Pilot.pause would also wait for the totals and
    figures that follow in the background, which is not what a person waits for."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("history did not load")
        await asyncio.sleep(0.001)


async def main(path: str) -> None:
    db = open_database(f"sqlite:///{path}")
    app = HuddleApp(db, clock=FixedClock(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = time.perf_counter()
        # The key's handler itself: Pilot.press would wait for every worker to finish.
        app.screen.action_history()
        await until(
            pilot,
            lambda: (
                type(app.screen).__name__ == "HistoryScreen"
                and any(t.row_count for t in app.screen.query("#history"))
            ),
        )
        opened = time.perf_counter() - started
        # A person reads the first page before changing a filter: let the totals settle.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        started = time.perf_counter()
        screen.set_filter(owner="Sam")
        await until(pilot, lambda: screen.rows and all(r.owner == "Sam" for r in screen.rows))
        filtered = time.perf_counter() - started
        with contextlib.suppress(WorkerCancelled):  # superseded timeline loads
            await app.workers.wait_for_complete()
    peak = own_peak_bytes()
    db.dispose()
    print(json.dumps({"open": opened, "filter": filtered, "peak_rss": peak}))


asyncio.run(main(sys.argv[1]))
