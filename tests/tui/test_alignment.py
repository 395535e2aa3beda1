"""A monthly alignment meeting from its template: agreements written and changed in the
meeting, heads-ups added with their dates, all by keys."""

from __future__ import annotations

from textual.widgets import DataTable

from meeting.agenda import meetings
from meeting.entries import agreements, headsups
from meeting.foundations.clock import FixedClock
from storage.db import Database
from tests.tui.helpers import type_text, wait_for_screen
from tui.app import HuddleApp

SIZE = (130, 40)


def alignment(db: Database, clock: FixedClock) -> int:
    meeting_id, _ = meetings.start_meeting(
        db,
        clock=clock,
        series="Monthly alignment",
        template="alignment",
        facilitator="Dana",
        create_series_if_missing=True,
    )
    return meeting_id


async def test_write_an_agreement_over_several_lines_in_the_meeting(
    db: Database, clock: FixedClock
) -> None:
    meeting_id = alignment(db, clock)
    keys = [s.key for s in meetings.get_meeting(db, meeting_id).sections]
    assert keys == [
        "review",
        "numbers",
        "agreements",
        "headsups",
        "working",
        "broken",
        "leads",
        "actions",
        "pulse",
    ]
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("down", "down", "down", "e")  # sql
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Budget and need confirmed.")
        await pilot.press("enter")  # a new line, not a save
        await type_text(pilot, "A date for the decision.")
        await pilot.press("tab")
        await type_text(pilot, "SQLs never booked demos")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.pause()
        sql = agreements.get_agreement(db, "sql", clock=clock)
        assert sql.text == "Budget and need confirmed.\nA date for the decision."
        assert sql.current is not None and sql.current.meeting_id == meeting_id
        assert (sql.current.changed_by, sql.current.why) == ("Dana", "SQLs never booked demos")
        detail = str(app.screen.query_one("#detail").render())
        assert "A date for the decision." in detail and "by Dana in Monthly alignment" in detail


async def test_sla_numbers_are_checked_in_the_form(db: Database, clock: FixedClock) -> None:
    meeting_id = alignment(db, clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3")
        await pilot.pause()
        await pilot.press(*["down"] * 5, "e")  # follow-up-sla
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Sales calls every MQL.")
        await pilot.press("tab", "tab", "tab")  # why, changed by (name, team), hours
        await pilot.press("tab")
        await type_text(pilot, "-4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "EntryForm"  # kept open, nothing lost
        error = str(app.screen.query_one("#error-hours").render())  # under the field
        assert "must be a positive number" in error
        assert agreements.get_agreement(db, agreements.SLA, clock=clock).versions == []


async def test_add_a_campaign_heads_up_with_its_dates(db: Database, clock: FixedClock) -> None:
    meeting_id = alignment(db, clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("4", "a")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Black Friday promotion")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "2026-11-25")
        await pilot.press("tab")
        await type_text(pilot, "2026-11-30")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.pause()
        [shown] = headsups.for_meeting(db, meeting_id)
        assert (shown.text, shown.team, shown.kind) == (
            "Black Friday promotion",
            "marketing",
            "campaign",
        )
        assert str(shown.ends_on) == "2026-11-30"
        await pilot.press("delete")
        await pilot.pause()
        assert headsups.for_meeting(db, meeting_id) == []
        await pilot.press("u")
        await pilot.pause()
        assert len(headsups.for_meeting(db, meeting_id)) == 1


async def test_the_scorecard_screen_shows_misses_first_by_month_and_quarter(
    demo_db: Database, clock: FixedClock
) -> None:
    from tests.tui.helpers import workers_done

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.press("S")
        await wait_for_screen(pilot, "ScorecardScreen")
        await workers_done(pilot)
        table = app.screen.query_one("#scorecard", DataTable)
        header = [str(c.label) for c in table.columns.values()]
        assert header == ["Figure", "Target", "marketing", "sales", "leadership"]
        state = app.screen.query_one("#scorecard-state").render()
        assert str(state).startswith("2026-09 to 2026-11 · ")
        missed = ["✗" in "".join(map(str, table.get_row_at(i))) for i in range(table.row_count)]
        assert missed[0] and missed == sorted(missed, reverse=True) and not missed[-1]
        # The highlighted row's line has every period's value of each team.
        actions = next(
            i
            for i in range(table.row_count)
            if str(table.get_row_at(i)[0]) == "actions done on time"
        )
        for _ in range(actions):
            await pilot.press("down")
        line = str(app.screen.query_one("#scorecard-detail").render())
        assert line.startswith("actions done on time — marketing: ")
        assert " → " in line and "sales: " in line and line.endswith("target 80%")
        await pilot.press("p")
        await workers_done(pilot)
        state = app.screen.query_one("#scorecard-state").render()
        assert str(state).startswith("2026-Q2 to 2026-Q4 · ")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")


async def test_a_sync_meeting_shows_running_heads_ups_under_its_agenda(
    db: Database, clock: FixedClock
) -> None:
    import datetime as dt

    meeting_id, _ = meetings.start_meeting(
        db, clock=clock, facilitator="Dana", create_series_if_missing=True
    )
    headsups.add_headsup(
        db,
        "Promo\x1b[2J",
        team="marketing",
        ends_on=clock.today() + dt.timedelta(days=9),
        clock=clock,
    )
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.pause()
        shown = str(app.screen.query_one("#agenda-headsups").render())
        assert shown.startswith("Heads-ups:\n⚑ Promo") and "\x1b" not in shown
        assert "to 02 Dec" in shown


async def test_keys_typed_right_after_s_reach_the_scorecard(
    demo_db: Database, clock: FixedClock
) -> None:
    """`S` then `p` in one burst: the `p` goes to the scorecard it opened, not to home."""
    from tests.tui.helpers import workers_done
    from tests.tui.test_fast_input import send_burst

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await send_burst(pilot, ["S", "p"])
        await wait_for_screen(pilot, "ScorecardScreen")
        await workers_done(pilot)
        assert str(app.screen.query_one("#topbar").render()).endswith("by quarter")
