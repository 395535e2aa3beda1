"""What the main screens look like, at a fixed size and a frozen clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from meeting.agenda import meetings
from meeting.agenda.attendance import mark_present
from meeting.entries.identity import me_named
from meeting.foundations.clock import FixedClock
from meeting.reports import closing
from screens.widgets.chart import BarChart
from storage.db import Database
from tests.tui.helpers import workers_finished
from tui.app import HuddleApp

SIZE = (120, 34)


def test_home_screen(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    async def loaded(pilot: Pilot[None]) -> None:
        await workers_finished(pilot.app)
        await pilot.pause()

    assert snap_compare(HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=loaded)


def test_meeting_review_section(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    clock.advance(4 * 60)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    assert snap_compare(app, terminal_size=SIZE, press=["d"])


def test_meeting_numbers_section(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    clock.advance(6 * 60)  # the review ran a minute over
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    assert snap_compare(app, terminal_size=SIZE, press=["n"])


def test_meeting_pulse_section(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    """Jordan (sales) has rated the first statement: the room sees how many, no score."""
    meeting_id, _ = meetings.start_meeting(
        demo_db, clock=clock, template="alignment", facilitator="Dana"
    )
    for name in ("Alex", "Maya", "Jordan", "Riley", "Sam"):
        mark_present(demo_db, meeting_id, name)
    me = me_named(demo_db, "Jordan")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id, me=me)
    assert snap_compare(app, terminal_size=SIZE, press=["9", "4"])


def test_numbers_screen(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    async def loaded(pilot: Pilot[None]) -> None:
        await workers_finished(pilot.app)
        await pilot.press("g")
        # The table loads in one worker, then the chart in another: wait for the chart.
        for _ in range(200):
            await pilot.pause(0.02)
            charts = pilot.app.screen.query("#chart")
            if charts and charts.first(BarChart).values:
                break
        await workers_finished(pilot.app)
        await pilot.pause()

    assert snap_compare(HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=loaded)


def test_numbers_waterfall(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    """`w` on the Numbers screen: November's funnel, two leads with stage dates."""
    from meeting.imports.lead_import import apply_lead_import, plan_lead_import
    from screens.widgets.waterfall_chart import WaterfallChart

    path = tmp_path / "leads.csv"
    path.write_text(
        "name,created_at,mql_at,sql_at\n"
        "Ada,2026-11-02,2026-11-05 12:00,2026-11-09\n"
        "Bob,2026-11-01,2026-11-03,\n"
    )
    apply_lead_import(demo_db, plan_lead_import(demo_db, path), clock=clock)

    async def loaded(pilot: Pilot[None]) -> None:
        await workers_finished(pilot.app)
        await pilot.press("g")
        for _ in range(200):
            await pilot.pause(0.02)
            charts = pilot.app.screen.query("#chart")
            if charts and charts.first(BarChart).values:
                break
        await pilot.press("w")
        for _ in range(200):
            await pilot.pause(0.02)
            if pilot.app.screen.query_one(WaterfallChart).steps:
                break
        await workers_finished(pilot.app)
        await pilot.pause()

    assert snap_compare(HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=loaded)


def test_meeting_at_80x24(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    """A laptop split in two: the agenda is a strip, lead questions show whole dates and
    states, and the footer keeps end meeting, home and help."""
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    assert snap_compare(app, terminal_size=(80, 24), press=["5"])


def opened(key: str, table: str, *then: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Press `key` on home, wait until the screen's `table` has rows, then press `then`."""

    async def loaded(pilot: Pilot[None]) -> None:
        await workers_finished(pilot.app)
        await pilot.press(key)
        for _ in range(200):
            await pilot.pause(0.02)
            tables = pilot.app.screen.query(table)
            if tables and tables.first(DataTable).row_count:
                break
        await workers_finished(pilot.app)
        await pilot.press(*then)
        await pilot.pause(0.1)  # a table refitted once laid out has settled
        await pilot.pause()

    return loaded


def test_history_at_80x24(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    app = HuddleApp(demo_db, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opened("h", "#history-figures"))


async def wait_for(pilot: Pilot[None], ready: Callable[[], object], rounds: int = 250) -> None:
    """Until `ready()` holds and every worker is done: what the person sees, settled."""
    for _ in range(rounds):
        await pilot.pause(0.02)
        if ready():
            break
    await workers_finished(pilot.app)
    await pilot.pause()


def test_meeting_items_section(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    assert snap_compare(app, terminal_size=SIZE, press=["3", "a", *"Webinar leads converted"])


def test_meeting_leads_section(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    assert snap_compare(app, terminal_size=SIZE, press=["5"])


def test_action_form(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    assert snap_compare(app, terminal_size=SIZE, press=["6", "a", *"Call back Acme", "tab"])


def test_summary_screen(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    clock.advance(50 * 60)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    assert snap_compare(app, terminal_size=SIZE, press=["ctrl+e", "y"])


def test_ended_meeting(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    clock.advance(50 * 60)
    closing.end_meeting(demo_db, meeting_id, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    assert snap_compare(app, terminal_size=SIZE, press=["2"])


def test_questions_screen(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    async def loaded(pilot: Pilot[None]) -> None:
        await workers_finished(pilot.app)
        await pilot.press("l")
        await wait_for(
            pilot, lambda: pilot.app.screen.query("DataTable").first(DataTable).row_count
        )

    assert snap_compare(HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=loaded)


def test_leads_screen(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    async def loaded(pilot: Pilot[None]) -> None:
        await workers_finished(pilot.app)
        await pilot.press("L")
        await wait_for(
            pilot, lambda: pilot.app.screen.query("DataTable").first(DataTable).row_count
        )

    assert snap_compare(HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=loaded)


def test_start_meeting_form(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    assert snap_compare(
        HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=start_form_open
    )


async def start_form_open(pilot: Pilot[None]) -> None:
    """Home read, then `n`: the start form, its fields in place."""
    await workers_finished(pilot.app)
    await pilot.press("n")
    await wait_for(pilot, lambda: pilot.app.screen.query("Input"))


def test_attendance_over_a_new_meeting(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    """Who is here, asked as a meeting starts: over the meeting, dimmed, not a blank screen."""

    async def started(pilot: Pilot[None]) -> None:
        await start_form_open(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "AttendanceScreen")
        await pilot.pause()

    assert snap_compare(HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=started)


def test_help_screen(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    async def loaded(pilot: Pilot[None]) -> None:
        await workers_finished(pilot.app)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: pilot.app.screen.query("Markdown"))

    assert snap_compare(HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=loaded)


def test_damaged_database_screen(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    from screens.damaged import DamagedScreen

    async def damaged(pilot: Pilot[None]) -> None:
        await workers_finished(pilot.app)
        message = (
            "huddle.db is damaged (database disk image is malformed): run `huddle db check "
            "huddle.db`, then restore a backup (huddle.db.0001.bak)"
        )
        await pilot.app.push_screen(DamagedScreen(message))
        await pilot.pause()

    assert snap_compare(HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=damaged)


def test_people_screen(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    async def loaded(pilot: Pilot[None]) -> None:
        await workers_finished(pilot.app)
        await pilot.press("P")
        await wait_for(
            pilot, lambda: pilot.app.screen.query("DataTable").first(DataTable).row_count
        )

    assert snap_compare(HuddleApp(demo_db, clock=clock), terminal_size=SIZE, run_before=loaded)


def test_scorecard_at_80x24(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    """Both teams and leadership fit side by side in 80 columns."""
    app = HuddleApp(demo_db, clock=clock)
    loaded = opened("S", "#scorecard", "down", "down", "down", "down")
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


def test_who_are_you_in_a_browser(
    snap_compare: Callable[..., bool], demo_db: Database, clock: FixedClock
) -> None:
    """`huddle serve`'s first screen for a browser that has not said who it is."""
    app = HuddleApp(demo_db, clock=clock, browser="Zm9vYmFyYmF6cXV4MTIz")
    assert snap_compare(app, terminal_size=(80, 24), press=["a"])


def writing_alone(db: Database, clock: FixedClock, *done: str) -> int:
    """A sync whose What's broken is written alone: Priya wrote two entries, Sam one; those
    in `done` said they are done writing."""
    from meeting.agenda.attendance import mark_present
    from meeting.entries import items, writing
    from meeting.entries.identity import me_named
    from meeting.entries.people_changes import add_person

    for name, team in (("Dana", "marketing"), ("Priya", "sales"), ("Sam", "sales")):
        add_person(db, name, team)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    for name in ("Priya", "Sam"):
        mark_present(db, meeting_id, name)
    broken = meetings.get_meeting(db, meeting_id).sections[3].id
    writing.set_writing(db, broken, True)
    for text, author in (
        ("Leads reach sales two days late", "Priya"),
        ("Nobody owns the pricing page", "Sam"),
        ("Demo requests land in a shared inbox", "Priya"),
    ):
        items.add_item(db, broken, text, team="marketing", author=author, clock=clock)
    for name in done:
        writing.mark_done(db, broken, me_named(db, name))
    return meeting_id


def test_writing_alone(snap_compare: Callable[..., bool], db: Database, clock: FixedClock) -> None:
    """Priya sees her two entries, and how many each wrote: not Sam's."""
    from meeting.entries.identity import me_named

    meeting_id = writing_alone(db, clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Priya"))
    assert snap_compare(app, terminal_size=SIZE, press=["4"])


def test_ready_check(snap_compare: Callable[..., bool], db: Database, clock: FixedClock) -> None:
    """The facilitator: who is done writing and who is not, and O to reveal."""
    from meeting.entries.identity import me_named

    meeting_id = writing_alone(db, clock, "Priya", "Sam")
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Dana"))
    assert snap_compare(app, terminal_size=SIZE, press=["4"])


def test_meeting_section_with_a_theme(
    snap_compare: Callable[..., bool], db: Database, clock: FixedClock
) -> None:
    """A theme with its votes and its entries under it, and an entry marked to group."""
    from meeting.entries import items, themes
    from meeting.entries.people_changes import add_person
    from meeting.entries.votes import vote

    for name, team in (("Dana", "marketing"), ("Priya", "sales"), ("Sam", "sales")):
        add_person(db, name, team)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    broken = meetings.get_meeting(db, meeting_id).sections[3].id
    said = [
        items.add_item(db, broken, text, team=team, author=author, clock=clock)
        for text, team, author in (
            ("Leads reach sales two days late", "marketing", "Priya"),
            ("Nobody owns the pricing page", "sales", "Sam"),
            ("Hand-over form loses the lead's source", "marketing", "Sam"),
            ("Demo requests land in a shared inbox", "sales", "Priya"),
        )
    ]
    theme = themes.group(db, [said[0], said[2]], title="Lead hand-over", clock=clock).theme_id
    for voter in ("Priya", "Sam"):
        vote(db, theme, by=voter, clock=clock)
    vote(db, said[1], by="Dana", clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    assert snap_compare(app, terminal_size=SIZE, press=["4", "down", "down", "down", "space"])
