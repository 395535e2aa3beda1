"""Numbers in the meeting and over time, driven by keys."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from meeting.agenda import meetings
from meeting.entries import items
from meeting.foundations.clock import FixedClock
from meeting.foundations.number_format import format_value
from meeting.numbers import metrics
from screens.meeting.screen import MeetingScreen
from screens.widgets.chart import BarChart
from storage.db import Database
from tests.tui.helpers import (
    screen_as,
    type_text,
    wait_for_rows,
    wait_for_screen,
    wait_for_value_line,
    workers_finished,
)
from tui.app import HuddleApp

SIZE = (130, 40)


async def start(demo_db: Database, clock: FixedClock) -> tuple[int, HuddleApp]:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    return meeting_id, HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)


async def test_values_show_change_target_trend_and_rates(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, app = await start(demo_db, clock)
    last = metrics.numbers(demo_db, meeting_id)[0].previous
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("2", "enter")
        await wait_for_value_line(pilot)
        await type_text(pilot, "500")
        await pilot.press("enter")
        await wait_for_value_line(pilot, open=False)
        await pilot.press("enter")  # cursor moved on to MQLs
        await type_text(pilot, "125")
        await pilot.press("enter")
        await wait_for_value_line(pilot, open=False)
        table = app.screen.query_one("#entries", DataTable)
        leads = [str(c) for c in table.get_row_at(0)]
        assert leads[:4] == ["Leads", "500", "420", "✓ hit"]
        assert leads[5].startswith(f"+{500 - last:.0f}")  # type: ignore[operator]  # the demo has a previous value
        assert len(leads[6]) == 12  # a 12-meeting sparkline
        assert [str(c) for c in table.get_row_at(1)][3] == "✗ miss"
        note = str(app.screen.query_one("#section-note").render())
        assert "Leads → MQLs 25%" in note


async def test_define_and_retire_a_metric(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, app = await start(demo_db, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("2", "a")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Webinar signups")
        await pilot.press("tab", "tab", "tab", "tab")
        await type_text(pilot, "50")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        names = [n.name for n in metrics.numbers(demo_db, meeting_id)]
        assert names[-1] == "Webinar signups"
        assert metrics.numbers(demo_db, meeting_id)[-1].target == 50
        table = app.screen.query_one("#entries", DataTable)
        table.move_cursor(row=len(names) - 1)
        await pilot.press("delete")
        assert "Webinar signups" not in [n.name for n in metrics.numbers(demo_db, meeting_id)]
        await pilot.press("u")
        assert "Webinar signups" in [n.name for n in metrics.numbers(demo_db, meeting_id)]


async def test_a_claim_backed_by_a_metric_shows_its_numbers(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, app = await start(demo_db, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "A")  # the full form, with the metric that backs the claim
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Webinars bring better leads")
        await pilot.press("tab", "tab", "space")  # open the metric list
        await pilot.press("down", "down", "enter")  # MQLs
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "MeetingScreen")
        working = screen_as(app, MeetingScreen).section.id
        [item] = items.items(demo_db, working)
        assert item.metric_id == metrics.numbers(demo_db, meeting_id)[1].metric_id
        claim = str(app.screen.query_one("#entries", DataTable).get_row_at(0)[-1])
        assert claim.startswith("MQLs ")
        assert "Backed by MQLs" in str(app.screen.query_one("#detail").render())


async def chart_of_sqls(pilot: Pilot) -> None:
    """From home to the Numbers screen, its chart on SQLs (the third metric), drawn."""
    await wait_for_screen(pilot, "HomeScreen")
    await pilot.press("g")
    await wait_for_screen(pilot, "NumbersScreen")
    await workers_finished(pilot.app)
    await pilot.pause()
    await pilot.press("down", "down")
    await workers_finished(pilot.app)
    await pilot.pause()


async def test_numbers_screen_charts_a_metric(demo_db: Database, clock: FixedClock) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await chart_of_sqls(pilot)
        title = str(app.screen.query_one("#chart-title").render())
        assert title.startswith("SQLs per meeting, 2026-08-24 to 2026-11-16, target 48")
        chart = app.screen.query_one("#chart", BarChart)
        assert len(chart.values) == 13 and None not in chart.values
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")


async def test_the_chart_holds_each_meeting_to_the_target_of_its_day(
    demo_db: Database, clock: FixedClock
) -> None:
    """SQLs' target went from 48 to 60 on 2026-10-01: the meetings before keep 48, in the
    line and in the title, as in their Numbers section, the scorecard and `metrics show`."""
    import datetime as dt

    from sqlmodel import select

    from meeting.catalog.target_history import change_target
    from storage.models import Metric

    with demo_db.write() as session:
        sqls = session.exec(select(Metric).where(Metric.name == "SQLs")).one()
        change_target(session, sqls, 60, dt.date(2026, 10, 1))
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await chart_of_sqls(pilot)
        title = str(app.screen.query_one("#chart-title").render())
        assert "2026-08-24 to 2026-11-16, target 48, then 60," in title
        chart = app.screen.query_one("#chart", BarChart)
        labels = dict(zip(chart.labels, chart.targets, strict=True))
        assert (labels["09-28"], labels["10-05"]) == (48, 60)


async def test_the_numbers_screen_shows_the_last_value_until_this_meeting_has_one(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, app = await start(demo_db, clock)
    leads = metrics.numbers(demo_db, meeting_id)[0]
    assert leads.value is None and leads.previous is not None
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("2", "g")
        await wait_for_screen(pilot, "NumbersScreen")
        table = app.screen.query_one("#metrics", DataTable)
        await wait_for_rows(pilot, table)
        shown = str(table.get_row_at(0)[2])
        assert shown == f"– (last {format_value(leads.previous, leads.unit)} on 2026-11-16)"


async def test_w_shows_the_months_waterfall_and_w_again_the_chart(
    demo_db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    """The waterfall the screen draws is the one `huddle waterfall` tells: each stage's total,
    conversion and days; the leads' stage dates give the days."""
    from sqlalchemy import delete

    from meeting.imports.lead_import import apply_lead_import, plan_lead_import
    from meeting.numbers.waterfall import waterfall
    from screens.widgets.waterfall_chart import WaterfallChart
    from storage.models import LeadStage, table_of

    with demo_db.write() as session:  # the demo's own dates forgotten: these known by hand
        session.execute(delete(table_of(LeadStage)))
    path = tmp_path / "leads.csv"
    path.write_text("name,created_at,mql_at\nAda,2026-11-02,2026-11-05 12:00\n")
    apply_lead_import(demo_db, plan_lead_import(demo_db, path), clock=clock)
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("g")
        await wait_for_screen(pilot, "NumbersScreen")
        await workers_finished(app)
        await pilot.press("w")
        await workers_finished(app)
        await pilot.pause()
        chart = app.screen.query_one(WaterfallChart)
        assert chart.display and not app.screen.query_one(BarChart).display
        expected = waterfall(
            demo_db, series_id=1, series_name="Weekly sync", periods=1, today=clock.today()
        )
        assert chart.steps == expected.periods[0].steps
        title = str(app.screen.query_one("#chart-title").render())
        assert title.startswith("Waterfall 2026-11: totals")
        lines = str(chart.render()).splitlines()
        assert [line.split()[0] for line in lines] == [
            "Leads",
            "MQLs",
            "SQLs",
            "Demos",
            "Closed-won",
        ]
        assert lines[0].endswith("in stage 3.5d (1 lead)")
        assert lines[1].endswith("in stage –") and "%" not in lines[4]
        await pilot.press("w")
        await workers_finished(app)
        await pilot.pause()
        assert app.screen.query_one(BarChart).display and not chart.display
        title = str(app.screen.query_one("#chart-title").render())
        assert title.startswith("Leads per meeting")
