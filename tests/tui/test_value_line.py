"""A metric's value typed on the line under the Numbers table: what a refused value, escape,
a busy database and a meeting ended elsewhere do to what was typed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual import events
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable

from meeting.agenda import meetings
from meeting.foundations.clock import FixedClock
from meeting.numbers import metrics
from meeting.reports import closing
from screens.textual_patches import notifications
from screens.widgets.value_line import ValueLine
from storage import db as storage_db
from storage.db import Database
from storage.opening import open_database
from tests.locks import hold_write_lock
from tests.tui.helpers import type_text, wait_for_screen, wait_for_value_line
from tests.tui.test_fast_input import settle
from tui.app import HuddleApp

SIZE = (120, 36)


@asynccontextmanager
async def on_numbers(
    db: Database, clock: FixedClock
) -> AsyncIterator[tuple[HuddleApp, Pilot[None], DataTable[object]]]:
    """A meeting started now, on its Numbers section: the app, its pilot and the table."""
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("2")
        await pilot.pause()
        yield app, pilot, app.screen.query_one("#entries", DataTable)


@asynccontextmanager
async def on_leads_line(
    db: Database, meeting_id: int, clock: FixedClock
) -> AsyncIterator[tuple[HuddleApp, Pilot[None]]]:
    """The meeting's Numbers, with the value line open on its first metric, Leads."""
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("2", "enter")
        await wait_for_value_line(pilot)
        yield app, pilot


def leads(db: Database, meeting_id: int) -> float | None:
    return metrics.numbers(db, meeting_id)[0].value


async def test_a_refused_value_stays_on_the_line_to_be_fixed(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    async with on_leads_line(demo_db, meeting_id, clock) as (app, pilot):
        line = app.screen.query_one(ValueLine)
        assert "Leads this period (empty clears it)" in str(line.query_one("#value-label").render())
        await type_text(pilot, "12,50")
        await pilot.press("enter")
        await pilot.pause()
        assert line.visible and line.line.has_focus and line.line.value == "12,50"
        said = [str(n.message) for n in notifications(app)]
        assert any("'12,50' is unclear" in text for text in said), said
        assert leads(demo_db, meeting_id) is None
        await pilot.press("ctrl+u")
        await type_text(pilot, "1,250")
        await pilot.press("enter")
        await wait_for_value_line(pilot, open=False)
        assert leads(demo_db, meeting_id) == 1250
        table = app.screen.query_one("#entries", DataTable)
        assert str(table.get_row_at(0)[1]) == "1,250"
        assert table.has_focus and table.cursor_row == 1  # on to the next metric


async def test_the_table_keeps_its_look_while_a_value_is_typed(
    demo_db: Database, clock: FixedClock
) -> None:
    """Its rows are not drawn again when focus moves to the line: they are drawn as they
    were, the metric being typed for lit under the cursor."""
    async with on_numbers(demo_db, clock) as (_, pilot, table):
        looked = (table.get_pseudo_class_state(), table.rich_style)
        cursor = table.get_component_styles("datatable--cursor").rich_style
        await pilot.press("enter")
        await wait_for_value_line(pilot)
        assert not table.has_focus
        assert (table.get_pseudo_class_state(), table.rich_style) == looked
        assert table.get_component_styles("datatable--cursor").rich_style == cursor
        await pilot.press("escape")
        await wait_for_value_line(pilot, open=False)
        assert table.has_focus and not table.has_class("-typed-row")
        assert (table.get_pseudo_class_state(), table.rich_style) == looked


async def test_a_value_saved_draws_again_only_its_row_and_the_next(
    demo_db: Database, clock: FixedClock
) -> None:
    """Focus going to the line and back, the value saved and the cursor moving on: of the
    table's cells, only those of the metric saved and of the next one are drawn again
    (once the columns have their widths: the meeting's first value gives them new ones)."""

    async def typed(value: str) -> None:
        await pilot.press("enter")
        await wait_for_value_line(pilot)
        await type_text(pilot, value)
        await pilot.press("enter")
        await wait_for_value_line(pilot, open=False)
        await pilot.pause()

    async with on_numbers(demo_db, clock) as (_, pilot, table):
        await typed("420")  # Leads
        cells = table._cell_render_cache
        drawings = cells.keys  # an LRUCache: no iteration of its own
        before = {key: id(cells[key]) for key in drawings()}
        assert {key[0].value for key in before} >= {"1", "2", "3", "4", "5", "6"}
        await typed("130")  # MQLs
        assert str(table.get_row_at(1)[1]) == "130"
        drawn_again = {key[0].value for key in drawings() if before.get(key) != id(cells[key])}
        second, third = (
            table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value for row in (1, 2)
        )
        assert drawn_again == {second, third}


async def test_the_footer_says_the_lines_keys_then_the_sections_again(
    demo_db: Database, clock: FixedClock
) -> None:
    """The line shows at once and its keys a frame later; back at the table, the section's."""
    from screens.textual_patches import FooterKey

    def keys() -> set[str]:
        return {key.description for key in app.screen.query(FooterKey) if key.description}

    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("2")
        await settle(pilot, lambda: "Metric" in keys())
        await pilot.press("enter")
        await wait_for_value_line(pilot)
        await settle(pilot, lambda: "Cancel" in keys())
        assert "Cancel" in keys() and "Metric" not in keys()
        await pilot.press("escape")
        await wait_for_value_line(pilot, open=False)
        await settle(pilot, lambda: "Metric" in keys())
        assert "Metric" in keys() and "Cancel" not in keys()
        await pilot.press("3")  # a section's keys after the line's come at once, as always
        await settle(pilot, lambda: "Vote" in keys())
        assert "Vote" in keys()


async def test_escape_keeps_the_value_and_typing_replaces_it(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    metrics.record_value(
        demo_db, meeting_id, metrics.numbers(demo_db, meeting_id)[0].metric_id, 300, clock=clock
    )
    async with on_leads_line(demo_db, meeting_id, clock) as (app, pilot):
        await type_text(pilot, "999")
        await pilot.press("escape")
        await wait_for_value_line(pilot, open=False)
        assert leads(demo_db, meeting_id) == 300
        table = app.screen.query_one("#entries", DataTable)
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("enter")  # the value there opens selected: typing replaces it
        await wait_for_value_line(pilot)
        assert app.screen.query_one(ValueLine).line.value == "300"
        await type_text(pilot, "310")
        await pilot.press("enter")
        await wait_for_value_line(pilot, open=False)
        assert leads(demo_db, meeting_id) == 310
        await pilot.press("up", "enter")  # empty clears it
        await wait_for_value_line(pilot)
        await pilot.press("ctrl+u", "enter")
        await wait_for_value_line(pilot, open=False)
        assert leads(demo_db, meeting_id) is None


async def test_a_value_waits_for_a_busy_database(db_path: Path, clock: FixedClock) -> None:
    database = open_database(f"sqlite:///{db_path}", busy_ms=storage_db.UI_BUSY_TIMEOUT_MS)
    meeting_id, _ = meetings.start_meeting(
        database, clock=clock, facilitator="Dana", create_series_if_missing=True
    )
    async with on_leads_line(database, meeting_id, clock) as (app, pilot):
        holder = hold_write_lock(db_path, 1.5)
        await type_text(pilot, "77")
        await pilot.press("enter")
        await settle(pilot, lambda: any("Waiting" in str(n.message) for n in notifications(app)))
        line = app.screen.query_one(ValueLine)
        assert line.visible and line.line.value == "77"  # kept on screen while it waits
        holder.join()
        await wait_for_value_line(pilot, open=False, seconds=20)
    assert leads(database, meeting_id) == 77
    database.dispose()


async def test_a_meeting_ended_elsewhere_keeps_the_value_typed(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    async with on_leads_line(demo_db, meeting_id, clock) as (app, pilot):
        await type_text(pilot, "42")
        closing.end_meeting(demo_db, meeting_id, clock=clock)  # another terminal ends it
        await pilot.press("enter")
        await pilot.pause()
        line = app.screen.query_one(ValueLine)
        said = [str(n.message) for n in notifications(app)]
        assert any("ended" in text for text in said), said
        assert line.visible and line.line.value == "42"  # kept, to be seen and written down
    assert leads(demo_db, meeting_id) is None


async def test_a_value_typed_stays_when_the_section_changes_under_it(
    demo_db: Database, clock: FixedClock
) -> None:
    """Followed here, the meeting moving on in another terminal changes the section under
    a value being typed: the line stays open with it, and enter saves it to its metric."""
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    async with on_leads_line(demo_db, meeting_id, clock) as (app, pilot):
        await type_text(pilot, "55")
        line = app.screen.query_one(ValueLine)
        line.belongs_here(False)  # what a new section (no values there) asks of it
        await pilot.pause()
        assert line.visible and line.display and line.line.value == "55"
        await pilot.press("enter")
        await wait_for_value_line(pilot, open=False)
        line.belongs_here(False)  # nothing typed now: it closes, and gives its room back
        assert not line.display
    assert leads(demo_db, meeting_id) == 55


async def test_a_pasted_value_is_saved_and_two_are_refused(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    async with on_leads_line(demo_db, meeting_id, clock) as (app, pilot):
        line = app.screen.query_one(ValueLine)
        line.line.post_message(events.Paste("5\r6"))  # a value and the start of another
        await pilot.pause()
        said = [str(n.message) for n in notifications(app)]
        assert any("One value at a time" in text for text in said), said
        assert line.visible and line.line.value == "5" and leads(demo_db, meeting_id) is None
        await pilot.press("ctrl+u")
        line.line.post_message(events.Paste("48\r"))  # a terminal's paste of one line
        await wait_for_value_line(pilot, open=False)
    assert leads(demo_db, meeting_id) == 48
