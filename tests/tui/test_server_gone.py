"""The team's PostgreSQL server stops while huddle runs: every key says so in one line, what
was typed waits on screen and is saved once, in order, when the server is back; no key ends
in a traceback."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from meeting.agenda import meetings
from meeting.entries import items
from meeting.foundations.clock import FixedClock
from screens.meeting.screen import MeetingScreen
from screens.textual_patches import first_error, notifications
from storage.db import UI_BUSY_TIMEOUT_MS, Database
from storage.opening import open_database
from tests.tui.helpers import screen_as, type_text, wait_for_screen
from tui.app import HuddleApp

UNREACHABLE = "database server"  # what each notice about the stopped server names


@dataclass
class Server:
    """A server of this test's own, to stop and start again (see test_live_refresh.py)."""

    data: Path
    socket_dir: str
    user: str | None

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@/huddle?host={quote(self.socket_dir)}"

    def stop(self) -> None:
        from tests.postgres import pg_ctl

        pg_ctl(["-w", "-m", "fast", "stop"], self.data, self.user)

    def start(self) -> None:
        from tests.postgres import pg_ctl, real_clock_for_children

        with real_clock_for_children():
            pg_ctl(
                [
                    "-w",
                    "-o",
                    '-h ""',
                    "-o",
                    f"-k {self.socket_dir}",
                    "-l",
                    str(self.data / "log"),
                    "start",
                ],
                self.data,
                self.user,
            )


@pytest.fixture
def server() -> Iterator[Server]:
    from tests.postgres import own_server

    with own_server() as (running, data):
        socket_dir = running.get_uri().split("host=", 1)[1]
        running.psql("CREATE DATABASE huddle;")
        yield Server(data, socket_dir, running.system_user)


def notices(app: HuddleApp) -> list[str]:
    return [str(n.message) for n in notifications(app)]


def still_running(app: HuddleApp) -> None:
    assert app.return_code is None, first_error(app)
    assert first_error(app) is None, repr(first_error(app))
    assert app.is_running


async def until(pilot: Pilot[None], check: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not within the time allowed"
        await pilot.pause(0.1)


def open_db(server: Server) -> Database:
    return open_database(server.url, busy_ms=UI_BUSY_TIMEOUT_MS)


async def test_a_burst_of_entries_survives_the_server_stopping_midway(
    server: Server, clock: FixedClock
) -> None:
    db = open_db(server)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    working = meetings.get_meeting(db, meeting_id).sections[2].id
    typed = [f"Entry {n}" for n in range(1, 31)]
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("3", "a")
            for text in typed[:10]:
                await type_text(pilot, text)
                await pilot.press("enter")
            server.stop()  # mid-burst
            for n, text in enumerate(typed[10:20]):
                await type_text(pilot, text)
                await pilot.press("enter")
                if n == 0:  # said at once, in one line
                    await pilot.pause(0.2)
                    said = [m for m in notices(app) if UNREACHABLE in m]
                    assert said and all("\n" not in m for m in said), notices(app)
            await pilot.pause(0.2)
            still_running(app)
            waiting = str(app.screen.query_one("#pending").render())
            assert "Not saved yet (10 entries" in waiting, waiting
            # `a` again (the line closed, then opened) and more typing, the server still away
            await pilot.press("escape", "a")
            await pilot.pause()
            still_running(app)
            for text in typed[20:]:
                await type_text(pilot, text)
                await pilot.press("enter")
            await pilot.pause(0.2)
            still_running(app)
            assert "Not saved yet (20 entries" in str(app.screen.query_one("#pending").render())
            line = app.screen.query_one("#quick-text", Input)
            await type_text(pilot, "Half typed")
            server.start()
            # saved by itself once the server is back: no key needed
            await until(pilot, lambda: not screen_as(app, MeetingScreen).pending, seconds=15)
            await pilot.pause(0.3)
            still_running(app)
            assert line.value == "Half typed"  # what was being typed stays as it was
            assert not app.screen.query_one("#pending").display
        texts = [i.text for i in items.items(db, working)]
        assert texts == typed  # each once, in the order typed
    finally:
        db.dispose()


async def test_every_key_on_home_and_in_a_meeting_says_the_server_is_away(
    server: Server, clock: FixedClock
) -> None:
    db = open_db(server)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    app = HuddleApp(db, clock=clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "HomeScreen")
            server.stop()
            for key in ("n", "l", "L", "g", "P", "S", "x", "enter"):
                before = len(notices(app))
                await pilot.press(key)
                await pilot.pause(0.3)
                still_running(app)
                said = notices(app)[before:]
                if key == "S":  # the scorecard says it where its figures would be
                    said = [str(app.screen.query_one("#scorecard-state").render())]
                assert any(UNREACHABLE in n for n in said), (key, said)
                assert all("\n" not in n for n in said), said
                if type(app.screen).__name__ != "HomeScreen":
                    await pilot.press("escape")
                    await wait_for_screen(pilot, "HomeScreen")
            server.start()
            await pilot.press("enter")  # back: the meeting opens as usual
            await wait_for_screen(pilot, "MeetingScreen")
            assert screen_as(app, MeetingScreen).meeting_id == meeting_id
            server.stop()
            for key in ("a", "A", "P", "t", "n", "g"):
                await pilot.press("escape") if type(
                    app.screen
                ).__name__ != "MeetingScreen" else None
                await wait_for_screen(pilot, "MeetingScreen")
                await pilot.press(key)
                await pilot.pause(0.3)
                still_running(app)
            server.start()
    finally:
        db.dispose()


async def test_history_with_the_server_stopped_says_so_instead_of_loading(
    server: Server, clock: FixedClock
) -> None:
    db = open_db(server)
    meetings.start_meeting(db, clock=clock, facilitator="Dana")
    app = HuddleApp(db, clock=clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "HomeScreen")
            server.stop()
            await pilot.press("h")
            await wait_for_screen(pilot, "HistoryScreen")
            state = app.screen.query_one("#history-state")
            # Said once the connection gives up (5 s), not loading for ever; the bound
            # leaves room for a loaded machine.
            await until(pilot, lambda: UNREACHABLE in str(state.render()), seconds=15)
            still_running(app)
            server.start()  # tried again by itself: the items show
            await until(pilot, lambda: "Filters:" in str(state.render()), seconds=15)
            still_running(app)
    finally:
        db.dispose()


async def test_leads_with_the_server_stopped_say_so_and_fill_in_when_it_is_back(
    server: Server, clock: FixedClock
) -> None:
    from meeting.entries.leads import save_lead

    db = open_db(server)
    save_lead(db, None, name="Jane Cooper", company="Acme", clock=clock)
    app = HuddleApp(db, clock=clock)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "HomeScreen")
            server.stop()
            await pilot.press("L")
            await wait_for_screen(pilot, "LeadsScreen")
            state = app.screen.query_one("#leads-state")
            await until(pilot, lambda: UNREACHABLE in str(state.render()), seconds=5)
            still_running(app)
            server.start()  # read again by itself: the lead shows
            await until(pilot, lambda: "1 lead" in str(state.render()), seconds=15)
            assert app.screen.query_one("#leads", DataTable).row_count == 1
    finally:
        db.dispose()


async def test_a_value_typed_while_the_server_is_away_stays_on_its_line(
    server: Server, clock: FixedClock
) -> None:
    from meeting.numbers import metrics
    from screens.widgets.value_line import ValueLine
    from tests.tui.helpers import wait_for_value_line

    db = open_db(server)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("2", "enter")
            await wait_for_value_line(pilot)
            await type_text(pilot, "77")
            server.stop()
            await pilot.press("enter")
            # said once the save has found the server gone: on a loaded machine, later
            # than a fixed pause of 0.2 s
            await until(pilot, lambda: any(UNREACHABLE in m for m in notices(app)))
            still_running(app)
            said = [m for m in notices(app) if UNREACHABLE in m]
            assert said and all("\n" not in m for m in said), notices(app)
            line = app.screen.query_one(ValueLine)
            assert line.visible and line.line.value == "77"  # kept, to press enter again
            server.start()
            await pilot.press("enter")
            await wait_for_value_line(pilot, open=False)
            still_running(app)
        assert metrics.numbers(db, meeting_id)[0].value == 77
    finally:
        db.dispose()
