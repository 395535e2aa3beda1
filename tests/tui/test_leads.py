"""The Leads screen on a CRM's worth of leads: paged, searched and edited across pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from bench.generate import generate
from meeting.foundations.clock import FixedClock
from meeting.reads.lead_rows import PAGE, list_leads
from screens.leads import LeadsScreen
from storage.db import Database
from storage.opening import open_database
from tests.cli.helpers import invoke
from tests.tui.helpers import screen_as, type_text, wait_for_screen, workers_done
from tui.app import HuddleApp

SIZE = (120, 40)
LEADS = 2500  # every tenth one on the nurture list


@pytest.fixture
def big(tmp_path: Path) -> Iterator[tuple[Path, Database]]:
    """Leads bulk-inserted with Core, as the benchmarks' database is."""
    path = tmp_path / "leads.db"
    generate(path, meetings=20, actions=50, leads=LEADS)
    database = open_database(f"sqlite:///{path}")
    yield path, database
    database.dispose()


def state_of(screen: LeadsScreen) -> str:
    return str(screen.query_one("#leads-state").render())


def listed(path: Path, *args: str) -> int:
    """How many leads `huddle leads list` prints for the same search."""
    result = invoke(str(path), "leads", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return len(json.loads(result.output))


async def open_leads(app: HuddleApp, pilot: Pilot[None]) -> None:
    await workers_done(pilot)
    await pilot.press("L")
    await wait_for_screen(pilot, "LeadsScreen")
    await workers_done(pilot)


async def test_leads_open_a_page_at_a_time_and_page_to_the_last(
    big: tuple[Path, Database], clock: FixedClock
) -> None:
    path, db = big
    last = list_leads(db, offset=LEADS - 1)[0]
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_leads(app, pilot)
        screen = screen_as(app, LeadsScreen)
        table = screen.query_one("#leads", DataTable)
        assert (screen.total, len(screen.rows), table.row_count) == (LEADS, PAGE, PAGE)
        assert screen.total == listed(path)
        assert state_of(screen) == f"Showing all leads · {PAGE} of {LEADS:,} leads"
        for _ in range(LEADS // PAGE + 1):  # to the last loaded: the next page comes
            await pilot.press("ctrl+end")
            await workers_done(pilot)
        assert len(screen.rows) == table.row_count == LEADS
        assert len({lead.id for lead in screen.rows}) == LEADS  # none twice
        assert table.cursor_row == LEADS - 1 and screen.rows[-1].id == last.id
        assert state_of(screen) == f"Showing all leads · {LEADS:,} leads"
        await pilot.press("e")  # the lead under the cursor, on the last page
        await wait_for_screen(pilot, "EntryForm")
        assert last.name in str(app.screen.query_one("#form-title").render())


async def test_search_and_nurture_find_leads_on_later_pages(
    big: tuple[Path, Database], clock: FixedClock
) -> None:
    path, db = big
    far = list_leads(db, offset=LEADS - 3, limit=1)[0]  # on the last page of all leads
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_leads(app, pilot)
        screen = screen_as(app, LeadsScreen)
        assert far.id not in {lead.id for lead in screen.rows}
        await pilot.press("slash")
        await type_text(pilot, far.name)
        await pilot.press("enter")
        await workers_done(pilot)
        assert [lead.id for lead in screen.rows] == [far.id]
        assert screen.total == listed(path, "--search", far.name) == 1
        assert state_of(screen) == f"Showing leads matching {far.name!r} · 1 lead"
        await pilot.press("e")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("escape")
        await wait_for_screen(pilot, "LeadsScreen")
        # The nurture list, searched more widely: a page of its own, counted as the CLI does.
        screen.query_one("#lead-search", Input).value = ""
        await pilot.press("slash", "enter")
        await workers_done(pilot)
        await pilot.press("n")
        await workers_done(pilot)
        nurture = listed(path, "--status", "nurture")
        assert screen.total == nurture == LEADS // 10
        assert len(screen.rows) == PAGE and {lead.status for lead in screen.rows} == {"nurture"}
        assert state_of(screen) == f"Showing marketing's nurture list · {PAGE} of {nurture} leads"


async def test_a_saved_lead_keeps_the_pages_loaded(
    big: tuple[Path, Database], clock: FixedClock
) -> None:
    """Editing a lead far down reloads as many rows as were there: the cursor stays put."""
    _path, db = big
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_leads(app, pilot)
        screen = screen_as(app, LeadsScreen)
        table = screen.query_one("#leads", DataTable)
        for _ in range(3):
            await pilot.press("ctrl+end")
            await workers_done(pilot)
        row = table.cursor_row
        lead = screen.rows[row]
        assert row >= 3 * PAGE - 1
        await pilot.press("e")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("tab", "tab")  # to the email
        await type_text(pilot, "x@example.com")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "LeadsScreen")
        await workers_done(pilot)
        assert len(screen.rows) > row and table.cursor_row == row
        assert screen.rows[row].id == lead.id and screen.rows[row].email.endswith("x@example.com")
