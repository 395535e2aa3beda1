"""The pulse on the scorecard screen (`S`): each team's averages under the figures, the
figure that answers a statement on the highlighted row's line, and no one's rating."""

from __future__ import annotations

from textual.widgets import DataTable

from meeting.agenda.meetings import reopen_meeting
from meeting.entries import pulse
from meeting.foundations.clock import FixedClock
from meeting.reads.recorded import find_meeting
from meeting.reports.closing import end_meeting
from storage.db import Database
from tests.tui.helpers import wait_for_screen, workers_done
from tui.app import HuddleApp


def rated(db: Database, clock: FixedClock) -> None:
    """A November meeting of the demo's without a pulse: three of sales rate lead quality,
    two of marketing follow-up."""
    meeting_id = find_meeting(db, "2026-11-09", clock=clock)
    reopen_meeting(db, meeting_id, clock=clock)
    for name, score in (("Jordan", 2), ("Riley", 1), ("Sam", 2)):
        pulse.rate(db, meeting_id, name, {"lead-quality": score}, clock=clock)
    for name, score in (("Alex", 4), ("Maya", 5)):
        pulse.rate(db, meeting_id, name, {"follow-up": score}, clock=clock)
    end_meeting(db, meeting_id, clock=clock)


async def test_the_scorecard_screen_shows_each_teams_pulse_beside_its_figure(
    demo_db: Database, clock: FixedClock
) -> None:
    rated(demo_db, clock)
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(130, 40)) as pilot:
        await workers_done(pilot)
        await pilot.press("S")
        await wait_for_screen(pilot, "ScorecardScreen")
        await workers_done(pilot)
        table = app.screen.query_one("#scorecard", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        header = [str(c.label) for c in table.columns.values()]
        # November: the demo's own three of sales (4, 4, 5) and these three (2, 1, 2).
        lead = next(r for r in rows if r[0] == "pulse: lead-quality")
        assert "3.0" in lead[header.index("sales")]
        # Marketing's two leave November's average as the demo's three made it.
        follow = next(r for r in rows if r[0] == "pulse: follow-up")
        assert follow[header.index("marketing")].strip().startswith("3.7")
        assert not any("4.5" in c or "Alex" in c or "Maya" in c for r in rows for c in r)
        for _ in range(rows.index(lead)):
            await pilot.press("down")
        line = str(app.screen.query_one("#scorecard-detail").render())
        assert line.startswith("pulse: lead-quality — sales: 1.7 → 2.0 → 3.0")
        assert "sales beside MQLs → SQLs" in line


async def test_the_highlighted_rows_line_stays_on_screen_below_a_long_table(
    demo_db: Database, clock: FixedClock
) -> None:
    """At 80x24 the demo's figures and pulse rows are more than the screen holds: the table
    scrolls, and the line about the highlighted row stays above the footer."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await workers_done(pilot)
        await pilot.press("S")
        await wait_for_screen(pilot, "ScorecardScreen")
        await workers_done(pilot)
        table = app.screen.query_one("#scorecard", DataTable)
        for _ in range(table.row_count - 1):
            await pilot.press("down")
        await pilot.pause()
        detail = app.screen.query_one("#scorecard-detail")
        assert str(detail.render()).startswith(str(table.get_row_at(table.row_count - 1)[0]))
        footer = app.screen.query_one("Footer")
        assert detail.region.height >= 1 and detail.region.bottom <= footer.region.y
        assert table.virtual_size.height > table.size.height  # the table scrolls instead
