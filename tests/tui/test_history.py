"""The history screen, from the keyboard: filter, sort, timeline, paging."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from textual.message import Message
from textual.widgets import DataTable, Input, Select
from textual.worker import Worker, WorkerState

from bench.generate import generate
from meeting.foundations.clock import FixedClock
from screens.history import HistoryScreen
from storage.db import Database
from storage.opening import open_database
from tests import both
from tests.tui.helpers import (
    screen_as,
    shown_lines,
    type_text,
    wait_for_screen,
    workers_done,
    workers_finished,
)
from tui.app import HuddleApp

demo_db = both.demo_db  # each test here on SQLite and on PostgreSQL

SIZE = (130, 40)


async def test_filter_by_owner_and_read_the_timeline(demo_db: Database, clock: FixedClock) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        screen = screen_as(app, HistoryScreen)
        everything = screen.total
        assert everything == len(screen.rows) > 0
        await pilot.press("slash")
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await workers_done(pilot)
        assert screen.rows and {r.owner for r in screen.rows} == {"Sam"}
        state = str(screen.query_one("#history-state").render())
        assert state.startswith("Filters: owner Sam · ")
        timeline = " ".join(shown_lines(screen.query_one("#timeline")))
        assert (
            timeline.startswith(f"#{screen.rows[0].id} ") and "created in Weekly sync" in timeline
        )
        figures = screen.query_one("#history-figures", DataTable)
        assert figures.row_count == 1
        await pilot.press("s")  # sort by the next column: status
        await workers_done(pilot)
        assert "sorted by Status ↑" in str(screen.query_one("#history-state").render())
        statuses = [r.status for r in screen.rows]
        assert statuses == sorted(statuses)
        await pilot.press("r")
        await workers_done(pilot)
        assert [r.status for r in screen.rows] == sorted(statuses, reverse=True)
        await pilot.press("c")
        await workers_done(pilot)
        assert screen.total == everything
        assert str(screen.query_one("#history-state").render()).startswith("Filters: none")


async def test_bad_date_filter_says_so_and_keeps_the_table(
    demo_db: Database, clock: FixedClock
) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        before = len(screen_as(app, HistoryScreen).rows)
        app.screen.query_one("#filter-since").focus()
        await type_text(pilot, "someday")
        await pilot.press("enter")
        await workers_done(pilot)
        assert "made since: bad date 'someday'" in str(
            app.screen.query_one("#history-state").render()
        )
        assert len(screen_as(app, HistoryScreen).rows) == before


async def test_big_history_is_paged(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "big.db"
    generate(path, meetings=100, actions=1500)
    db = open_database(f"sqlite:///{path}")
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        screen = screen_as(app, HistoryScreen)
        table = screen.query_one("#history", DataTable)
        assert (screen.total, len(screen.rows), table.row_count) == (1500, 100, 100)
        table.move_cursor(row=95)
        await workers_done(pilot)
        assert len(screen.rows) == table.row_count == 200
        ids = [r.id for r in screen.rows]
        assert len(set(ids)) == 200
    db.dispose()


async def test_filters_offer_the_teams_and_series_that_exist(
    demo_db: Database, clock: FixedClock
) -> None:
    """The choices load after the screen opens; once they are there, picking a team
    filters the table."""

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        screen = screen_as(app, HistoryScreen)
        assert screen.query_one("#filter-owner", Input).suggester is not None
        screen.query_one("#filter-series", Select).value = "Weekly sync"  # refused if unknown
        screen.query_one("#filter-team", Select).value = "sales"
        await workers_done(pilot)
        assert screen.rows and {r.team for r in screen.rows} == {"sales"}


async def test_edit_and_reopen_from_history(demo_db: Database, clock: FixedClock) -> None:
    from meeting.entries.actions import get_action

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        screen = screen_as(app, HistoryScreen)
        row = screen.rows[0]
        assert row.status == "done"
        await pilot.press("R")
        await workers_done(pilot)
        assert get_action(demo_db, row.id).status == "open"
        await pilot.press("e")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Reworded in History")
        await pilot.press("enter")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        assert get_action(demo_db, row.id).text == "Reworded in History"


async def test_leaving_history_while_it_loads_is_harmless(
    demo_db: Database, clock: FixedClock
) -> None:
    """The page, figures and timeline workers may answer after the screen has gone."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        for _ in range(8):
            await pilot.press("h")
            await pilot.pause(0.01)
            await pilot.press("down", "escape")
            await wait_for_screen(pilot, "HomeScreen")
        await workers_finished(app)
        await pilot.pause(0.2)
        assert app.is_running and type(app.screen).__name__ == "HomeScreen"


async def test_looking_keys_do_not_load_the_orm_and_others_do(
    demo_db: Database, clock: FixedClock
) -> None:
    """History, Leads and help only read; the first key that heads elsewhere starts the background
    load of the ORM, once."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        assert not app.preloading
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("L")
        await wait_for_screen(pilot, "LeadsScreen")
        await workers_done(pilot)
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        assert not app.preloading
        await pilot.press("down")
        assert app.preloading
        await workers_done(pilot)
        assert not [w for w in app.workers if w.group == "preload" and w.error]


async def test_a_filter_typed_in_one_burst_is_applied(demo_db: Database, clock: FixedClock) -> None:
    """`/`, a name and enter, all queued before the app handles the first: the owner field
    gets the name and the filter applies (the keys used to reach the table instead)."""
    from tests.tui.test_fast_input import send_burst

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        await send_burst(pilot, ["slash", "S", "a", "m", "enter"])
        await workers_done(pilot)
        screen = screen_as(app, HistoryScreen)
        assert type(screen).__name__ == "HistoryScreen"
        assert str(screen.query_one("#history-state").render()).startswith("Filters: owner Sam")
        assert screen.rows and {r.owner for r in screen.rows} == {"Sam"}


async def test_the_timeline_wraps_beside_its_dates(demo_db: Database, clock: FixedClock) -> None:
    """Each event's text wraps in its own column, so no date ends a line alone; at 80
    columns the figures step aside and the timeline has the width."""
    import re

    from meeting.entries.actions import comment_action

    note = "Slipped twice: the CRM admin was out, then the field had to be agreed with legal"
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 40)) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        screen = screen_as(app, HistoryScreen)
        comment_action(demo_db, screen.rows[0].id, note, clock=clock)
        await pilot.press("down", "up")
        await workers_done(pilot)
        timeline = screen.query_one("#timeline")
        assert timeline.size.width >= 70
        lines = shown_lines(timeline)
        assert not any(re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}", line) for line in lines), lines
        start = next(i for i, line in enumerate(lines) if "comment: Slipped" in line)
        assert re.match(r"\d{4}-\d{2}-\d{2}  comment", lines[start])
        assert lines[start + 1].startswith(" " * 12) and "legal" in " ".join(lines[start:])
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        lines = shown_lines(timeline)
        assert any(re.match(r"\d{4}-\d{2}-\d{2}  created", line) for line in lines), lines


async def test_waiting_for_the_screen_outlasts_a_timeline_replaced_midway(
    demo_db: Database, clock: FixedClock
) -> None:
    """The cursor moves on while an item's timeline is still loading: its group is exclusive,
    so Textual cancels the old worker. Waiting for the screen to load counts the cancelled
    one as finished and shows the new row's timeline (it raised WorkerCancelled instead)."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        screen = screen_as(app, HistoryScreen)
        answer = threading.Event()
        # Stands in for the first row's timeline query on a slow database.
        screen.run_worker(
            lambda: answer.wait(10), thread=True, group="history-timeline", exclusive=True
        )
        waiting = asyncio.create_task(workers_done(pilot))
        try:
            await pilot.press("down")
            await waiting
        finally:
            answer.set()
        timeline = shown_lines(screen.query_one("#timeline"))
        assert timeline[0].startswith(f"#{screen.rows[1].id} "), timeline


async def test_a_new_page_reads_its_first_timeline_once(
    demo_db: Database, clock: FixedClock
) -> None:
    """Sorting again reloads the page: its first row's timeline is read once (the page and
    the row's highlight each started it, the second cancelling the first), and a filter
    that matches nothing says so where the timeline goes."""
    started: list[Worker[object]] = []

    def record(message: Message) -> None:
        if (
            isinstance(message, Worker.StateChanged)
            and message.worker.group == "history-timeline"
            and message.state == WorkerState.RUNNING
        ):
            started.append(message.worker)

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE, message_hook=record) as pilot:
        await workers_done(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        started.clear()
        await pilot.press("s")
        await workers_done(pilot)
        screen = screen_as(app, HistoryScreen)
        assert len(started) == 1
        timeline = shown_lines(screen.query_one("#timeline"))
        assert timeline[0].startswith(f"#{screen.rows[0].id} "), timeline
        await pilot.press("slash", *["tab"] * 5)  # owner, team, status, series, overdue
        assert app.focused is not None and app.focused.id == "filter-search"
        await type_text(pilot, "no such words")
        await pilot.press("enter")
        await workers_done(pilot)
        assert not screen.rows and screen.query_one("#history", DataTable).row_count == 0
        shown = shown_lines(screen.query_one("#timeline"))
        assert shown[0] == "No action items match these filters.", shown
