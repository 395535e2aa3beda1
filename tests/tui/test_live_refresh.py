"""Several terminals on one meeting: what another saves shows here within a second, without
a key pressed, the cursor moved or a word being typed touched; on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from meeting.agenda import meetings
from meeting.agenda.attendance import mark_present
from meeting.entries import items
from meeting.entries.votes import vote
from meeting.foundations.clock import FixedClock
from screens.meeting.screen import MeetingScreen
from storage.opening import open_database
from tests.tui.helpers import screen_as, type_text, wait_for_screen
from tui.app import HuddleApp


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_another_terminals_entries_show_here(
    backend: str, db_path: Path, clock: FixedClock, request: pytest.FixtureRequest
) -> None:
    url = f"sqlite:///{db_path}"
    if backend == "postgresql":
        url = request.getfixturevalue("postgres").fresh()
    here, there = open_database(url), open_database(url)  # two terminals, two connections
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    working = meetings.get_meeting(here, meeting_id).sections[2].id
    first = items.add_item(here, working, "Webinar leads convert", team="sales", clock=clock)
    items.add_item(here, working, "Case studies get replies", team="sales", clock=clock)
    app = HuddleApp(here, clock=clock, meeting_id=meeting_id)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            screen = screen_as(app, MeetingScreen)
            await pilot.press("3")
            await pilot.pause()
            await pilot.press("a")  # the add line, half typed when the others save
            await type_text(pilot, "Trade-show leads lack")
            table = screen.query_one("#entries", DataTable)
            cursor_key = screen.selected_key()
            assert cursor_key is not None

            items.add_item(there, working, "Pricing page confuses", team="marketing", clock=clock)
            vote(there, first, by="Dana", clock=clock)
            mark_present(there, meeting_id, "Dana", present=False)
            started = time.monotonic()
            while table.row_count < 3 and time.monotonic() - started < 2:
                await pilot.pause(0.05)
            assert time.monotonic() - started < 1.0, "not within a second"
            await pilot.pause(0.3)

            shown = screen.section_rows
            assert shown is not None
            texts = [[c.plain for c in row.cells] for row in shown.rows]
            assert any("Pricing page confuses" in cells for cells in texts)
            assert any("1" in cells for cells in texts)  # the vote
            assert screen.selected_key() == cursor_key  # the cursor stayed on its entry
            line = screen.query_one("#quick-text", Input)
            assert line.value == "Trade-show leads lack" and line.has_focus
            assert "attendance not taken" in str(screen.query_one("#topbar").render())
            await pilot.press("enter", "escape")  # and what was typed is saved as usual
            await pilot.pause(0.3)
            assert any(i.text == "Trade-show leads lack" for i in items.items(there, working))
    finally:
        there.dispose()
        here.dispose()


@pytest.mark.parametrize("choice", ["m", "t"])
async def test_one_entry_edited_in_two_terminals_asks_which_text(
    choice: str, db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    here, there = open_database(url), open_database(url)
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    working = meetings.get_meeting(here, meeting_id).sections[2].id
    entry = items.add_item(here, working, "Webinar leads", team="sales", clock=clock)
    app = HuddleApp(here, clock=clock, meeting_id=meeting_id)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("3", "e")
            await wait_for_screen(pilot, "EntryForm")
            await type_text(pilot, " convert 2x")
            items.update_item(there, entry, text="Webinar leads book demos", team="sales")
            await pilot.press("enter")
            await wait_for_screen(pilot, "ChangedScreen")
            shown = "".join(str(w.render()) for w in app.screen.query("Static"))
            assert "Webinar leads book demos" in shown and "Webinar leads convert 2x" in shown
            await pilot.press(choice)
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.pause(0.3)
    finally:
        there.dispose()
    [saved] = [i.text for i in items.items(here, working) if i.id == entry]
    here.dispose()
    expected = "Webinar leads convert 2x" if choice == "m" else "Webinar leads book demos"
    assert saved == expected


async def test_the_question_of_which_text_shows_centred(db_path: Path, clock: FixedClock) -> None:
    url = f"sqlite:///{db_path}"
    here, there = open_database(url), open_database(url)
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    working = meetings.get_meeting(here, meeting_id).sections[2].id
    entry = items.add_item(here, working, "Webinar leads", team="sales", clock=clock)
    app = HuddleApp(here, clock=clock, meeting_id=meeting_id)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("3", "e")
            await wait_for_screen(pilot, "EntryForm")
            await type_text(pilot, " convert 2x")
            items.update_item(there, entry, text="Webinar leads book demos", team="sales")
            await pilot.press("enter")
            await wait_for_screen(pilot, "ChangedScreen")
            await pilot.pause()
            box = app.screen.query_one("#form-box").region
            assert abs(box.x - (80 - box.right)) <= 1, box  # was drawn at the top left
            assert abs(box.y - (24 - box.bottom)) <= 1, box
    finally:
        there.dispose()
        here.dispose()


async def test_the_agenda_shows_who_else_is_here_and_f_follows(
    db_path: Path, clock: FixedClock
) -> None:
    import datetime as dt

    from meeting.agenda import presence
    from meeting.foundations.clock import FixedClock

    url = f"sqlite:///{db_path}"
    here, there = open_database(url), open_database(url)
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    earlier = FixedClock(clock.now() - dt.timedelta(minutes=1))  # opened it first: leads
    presence.here(there, meeting_id, "dana-laptop", "dana@laptop", 3, clock=earlier)
    presence.here(there, meeting_id, "dana-laptop", "dana@laptop", 3, clock=clock)
    app = HuddleApp(here, clock=clock, meeting_id=meeting_id)

    async def until(check: Callable[[], bool]) -> None:
        for _ in range(40):
            if check():
                return
            await pilot.pause(0.05)
        raise AssertionError("not within two seconds")

    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            screen = screen_as(app, MeetingScreen)
            note = screen.query_one("#here-too")
            await until(lambda: "dana@laptop · 4 ▶" in str(note.render()))
            assert screen.meeting.current_position == 0
            await pilot.press("f")
            await until(lambda: screen.meeting.current_position == 3)
            presence.here(there, meeting_id, "dana-laptop", "dana@laptop", 4, clock=clock)
            await until(lambda: screen.meeting.current_position == 4)  # no key pressed
            await pilot.press("n")  # moving on one's own stops following
            await pilot.pause(0.2)
            assert not screen.following and screen.meeting.current_position == 5
            await until(
                lambda: any(
                    o.who == "dana@laptop"
                    for o in presence.others(there, meeting_id, "someone-else", clock=clock)
                )
            )
        # The app has closed: its row is gone, the other terminal's stays.
        left = presence.others(there, meeting_id, "someone-else", clock=clock)
        assert [o.who for o in left] == ["dana@laptop"]
    finally:
        there.dispose()
        here.dispose()


async def test_a_server_restart_mid_meeting_keeps_what_was_typed(clock: FixedClock) -> None:
    """A server of its own, stopped while an entry is typed and started again: the entry
    waits under the table with a one-line reason, and enter saves it once."""
    from urllib.parse import quote

    from tests.postgres import own_server, pg_ctl, real_clock_for_children

    with own_server() as (server, data):
        socket_dir = server.get_uri().split("host=", 1)[1]
        server.psql("CREATE DATABASE huddle;")
        db = open_database(f"postgresql+psycopg://postgres@/huddle?host={quote(socket_dir)}")
        meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
        working = meetings.get_meeting(db, meeting_id).sections[2].id
        app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await wait_for_screen(pilot, "MeetingScreen")
                await pilot.press("3", "a")
                pg_ctl(["-w", "-m", "fast", "stop"], data, server.system_user)
                await type_text(pilot, "Said while the server restarts")
                await pilot.press("enter")
                await pilot.pause(0.5)
                waiting = str(app.screen.query_one("#pending").render())
                assert "Not saved yet (1 entry" in waiting, waiting
                assert app.screen.is_running  # no traceback, the meeting goes on
                with real_clock_for_children():
                    pg_ctl(
                        [
                            "-w",
                            "-o",
                            '-h ""',
                            "-o",
                            f"-k {socket_dir}",
                            "-l",
                            str(data / "log"),
                            "start",
                        ],
                        data,
                        server.system_user,
                    )
                await pilot.press("enter")  # enter on the empty add line tries again
                await pilot.pause(0.5)
                texts = [i.text for i in items.items(db, working)]
                assert texts == ["Said while the server restarts"]
        finally:
            db.dispose()
