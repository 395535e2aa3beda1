"""Keys typed in one burst across a change of screen or section land where they were meant."""

from __future__ import annotations

import datetime as dt

from textual.coordinate import Coordinate
from textual.widgets import DataTable, SelectionList

from meeting.agenda import meetings
from meeting.agenda.lookup import running_meeting
from meeting.entries import items
from meeting.entries.question_rows import question_rows
from meeting.foundations.clock import FixedClock
from meeting.foundations.statuses import ActionStatus, MeetingStatus, QuestionStatus
from meeting.numbers import metrics
from meeting.reads import history
from screens.meeting.screen import MeetingScreen
from storage.db import Database
from tests.tui.helpers import screen_as, wait_for_screen, workers_done
from tests.tui.test_fast_input import send_burst, settle
from tui.app import HuddleApp


def keys_of(text: str) -> list[str]:
    return [{" ": "space"}.get(c, c) for c in text]


async def test_a_section_number_then_an_entry(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    broken = meetings.get_meeting(demo_db, meeting_id).sections[3].id
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await send_burst(pilot, ["4", "a", *keys_of("Typed in a burst"), "enter"])
        await settle(pilot, lambda: len(items.items(demo_db, broken)) >= 1)
    assert [i.text for i in items.items(demo_db, broken)] == ["Typed in a burst"]


async def test_open_from_home_then_an_entry(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    broken = meetings.get_meeting(demo_db, meeting_id).sections[3].id
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await send_burst(pilot, ["enter", "4", "a", *keys_of("From home"), "enter"])
        await settle(pilot, lambda: len(items.items(demo_db, broken)) >= 1)
    assert [i.text for i in items.items(demo_db, broken)] == ["From home"]


async def test_a_number_typed_in_a_burst(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await send_burst(pilot, ["2", "enter", "4", "3", "5", "enter"])
        await settle(pilot, lambda: metrics.numbers(demo_db, meeting_id)[0].value is not None)
        assert screen_as(app, MeetingScreen).section.key == "numbers"
        assert metrics.numbers(demo_db, meeting_id)[0].value == 435
        # A value typed again replaces the one there, as in a spreadsheet's cell.
        await send_burst(pilot, ["up", "enter", "4", "4", "0", "enter"])
        await settle(pilot, lambda: metrics.numbers(demo_db, meeting_id)[0].value != 435)
    assert metrics.numbers(demo_db, meeting_id)[0].value == 440


async def test_enter_then_reopen_from_home(demo_db: Database, clock: FixedClock) -> None:
    """`enter R` on home's last meeting, ended: the R reopens it (it was lost on home)."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await send_burst(pilot, ["enter", "R"])
        await settle(pilot, lambda: running_meeting(demo_db) is not None)
        assert screen_as(app, MeetingScreen).meeting.status == MeetingStatus.RUNNING


async def test_start_a_meeting_then_enter_in_the_attendance(
    demo_db: Database, clock: FixedClock
) -> None:
    """`n enter enter`: the second enter is the attendance dialog's, not the meeting's
    table's under it."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await send_burst(pilot, ["n", "enter", "enter"])
        await settle(pilot, lambda: app.screen.__class__.__name__ == "AttendanceScreen")
        await pilot.pause(0.3)
        dialog = app.screen.query_one(SelectionList)
        assert len(dialog.selected) == dialog.option_count - 1  # the first one unticked


async def test_a_key_after_a_filter_acts_on_the_filtered_rows(
    demo_db: Database, clock: FixedClock
) -> None:
    """`o w` on the Questions screen with the cursor on a question that is not overdue: the
    `w` withdrew that hidden question, before the overdue filter's rows had come."""
    late = {q.id for q in question_rows(demo_db, overdue_on=clock.today())}
    before = withdrawn(demo_db)
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("l")
        await wait_for_screen(pilot, "QuestionsScreen")
        await workers_done(pilot)
        shown = app.screen.query_one("#questions", DataTable)
        while (
            int(str(shown.coordinate_to_cell_key(Coordinate(shown.cursor_row, 0)).row_key.value))
            in late
        ):
            await pilot.press("down")
        await send_burst(pilot, ["o", "w"])
        await settle(pilot, lambda: bool(withdrawn(demo_db) - before))
    assert late and withdrawn(demo_db) - before <= late and withdrawn(demo_db) - before


def withdrawn(db: Database) -> set[int]:
    return {q.id for q in question_rows(db, status=QuestionStatus.WITHDRAWN)}


async def test_a_key_after_a_history_filter_acts_on_its_first_row(
    demo_db: Database, clock: FixedClock
) -> None:
    """`o d` on History: the d was lost while the overdue filter's first page was on its way
    (and before, it marked the row of the filter before)."""
    today = clock.today()
    overdue = {
        r.id for r in history.list_actions(demo_db, history.ActionFilter(overdue=True), today=today)
    }
    before = done(demo_db, today)
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await workers_done(pilot)
        await send_burst(pilot, ["o", "d"])
        await settle(pilot, lambda: bool(done(demo_db, today) - before))
    marked = done(demo_db, today) - before
    assert len(marked) == 1 and marked <= overdue


def done(db: Database, today: dt.date) -> set[int]:
    rows = history.list_actions(db, history.ActionFilter(status=ActionStatus.DONE), today=today)
    return {r.id for r in rows}
