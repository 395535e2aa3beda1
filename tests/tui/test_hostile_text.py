"""No name or text anyone typed or imported reaches the terminal as a control sequence.

Every screen is rendered to the bytes a terminal would receive, with hostile text in every
field that reaches it: series, facilitator, people, leads and companies, metrics, entries,
actions and questions. The only escape sequences allowed are the ones Textual makes for
colours and cursor moves.
"""

from __future__ import annotations

import re

from textual.widgets import DataTable

from meeting.agenda import meetings
from meeting.catalog.metric_catalog import add_metric
from meeting.entries import actions, items, questions
from meeting.entries.leads import find_or_add_lead
from meeting.entries.people import remember_person
from meeting.foundations.clock import FixedClock
from storage.db import Database
from tests import both
from tests.tui.helpers import wait_for_screen, wait_for_value_line, workers_finished
from tui.app import HuddleApp

db = both.db  # every screen on SQLite and on PostgreSQL

OSC52 = "X\x1b]52;c;QkFOTkVS\x1b\\Y"
CLEAR = "\x1b[2J"
BIDI = "\u202egnp.exe"
HOSTILE = f"{OSC52}{CLEAR}\x07\x9b31m{BIDI}"
# Textual's own output: SGR colours (`ESC [ ... m`), cursor moves (`ESC [ row ; col H`),
# and a few mode switches; nothing else may start with ESC.
ALLOWED = re.compile(r"\x1b\[[0-9;]*[mHJKl]|\x1b\[\?[0-9;]*[hl]")


def terminal_bytes(app: HuddleApp) -> str:
    update = app.screen._compositor.render_full_update()
    return update.render_segments(app.console)


def assert_inert(output: str, where: str) -> None:
    stripped = ALLOWED.sub("", output)
    for bad, name in (("\x1b", "ESC"), ("\x07", "BEL"), ("\x9b", "CSI"), ("\u202e", "bidi")):
        assert bad not in stripped, f"{name} reached the terminal on {where}"


def hostile_database(db: Database, clock: FixedClock) -> int:
    name = f"Sync {HOSTILE}"
    meeting_id, _ = meetings.start_meeting(
        db, clock=clock, series=name, facilitator=f"Dana{HOSTILE}", create_series_if_missing=True
    )
    view = meetings.get_meeting(db, meeting_id)
    with db.write() as session:
        remember_person(session, f"Sam{HOSTILE}", "sales")
        find_or_add_lead(session, f"Lead{HOSTILE} (Co{HOSTILE})", clock=clock)
    add_metric(db, view.series_id, name=f"Metric{HOSTILE}", team="sales")
    items.add_item(db, view.sections[2].id, f"Entry{HOSTILE}", team="sales", clock=clock)
    actions.add_action(
        db,
        meeting_id=meeting_id,
        text=f"Action{HOSTILE}",
        owner=f"Sam{HOSTILE}",
        due=clock.today(),
        clock=clock,
    )
    questions.ask_question(
        db,
        series_id=view.series_id,
        meeting_id=meeting_id,
        text=f"Question{HOSTILE}",
        lead=f"Lead{HOSTILE} (Co{HOSTILE})",
        assignee=f"Sam{HOSTILE}",
        asked_by=f"Sam{HOSTILE}",
        due=clock.today(),
        clock=clock,
    )
    return meeting_id


async def test_every_screen_keeps_hostile_text_inert(db: Database, clock: FixedClock) -> None:
    meeting_id = hostile_database(db, clock)
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await workers_finished(app)
        await pilot.pause()
        assert_inert(terminal_bytes(app), "home")
        for key, screen in (("h", "HistoryScreen"), ("l", "QuestionsScreen"), ("L", "LeadsScreen")):
            await pilot.press(key)
            await wait_for_screen(pilot, screen)
            await workers_finished(app)
            await pilot.pause(0.2)
            assert_inert(terminal_bytes(app), screen)
            await pilot.press("escape")
            await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("g")
        await wait_for_screen(pilot, "NumbersScreen")
        await workers_finished(app)
        await pilot.pause(0.2)
        assert_inert(terminal_bytes(app), "NumbersScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("r")
        await wait_for_screen(pilot, "MeetingScreen")
        for section in "123456":
            await pilot.press(section)
            await pilot.pause()
            assert_inert(terminal_bytes(app), f"meeting section {section}")
        await pilot.press("2")  # the hostile metric's name on the line its value is typed on
        numbers = app.screen.query_one("#entries", DataTable)
        numbers.move_cursor(row=numbers.row_count - 1)
        await pilot.press("enter")
        await wait_for_value_line(pilot)
        assert "Metric" in str(app.screen.query_one("#value-label").render())
        assert_inert(terminal_bytes(app), "value line")
        await pilot.press("escape")
        await wait_for_value_line(pilot, open=False)
        await pilot.press("6", "e")  # a form with the hostile owner in it
        await wait_for_screen(pilot, "EntryForm")
        await pilot.pause()
        assert_inert(terminal_bytes(app), "action form")
        await pilot.press("escape", "ctrl+e", "y")
        await wait_for_screen(pilot, "SummaryScreen")
        await pilot.pause()
        assert_inert(terminal_bytes(app), "summary")
    assert meeting_id


def test_the_terminal_guard_drops_control_characters_left_in_text() -> None:
    """The backstop on its own: a strip whose text still holds an escape sequence renders
    without it, and its own colours survive."""
    from rich.console import Console
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    import tui.app  # noqa: F401  (puts the guard in place)

    strip = Strip([Segment(f"name {OSC52}{CLEAR}\u202e end", Style(color="red"))])
    output = strip.render(Console(color_system="truecolor"))
    assert "name X]52;c;QkFOTkVS\\Y[2J end" in output
    assert ALLOWED.sub("", output).count("\x1b") == 0 and "\x1b[31m" in output
