"""Sales accepts and rejects leads on the Leads screen: `y` and `r`, shown in the footer."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable

from meeting.entries.lead_decisions import decisions_of
from meeting.foundations.clock import FixedClock
from screens.leads import LeadsScreen
from screens.textual_patches import FooterKey
from storage.db import Database
from tests import both
from tests.tui.helpers import keys_handled, screen_as, wait_for_screen, workers_finished
from tui.app import HuddleApp

demo_db = both.demo_db  # on SQLite and on PostgreSQL


async def loaded(pilot: Pilot[None]) -> None:
    for _ in range(2):  # a key that waited for the rows starts a worker of its own
        await keys_handled(pilot)
        await workers_finished(pilot.app)
        await pilot.pause()


async def test_reject_with_a_reason_from_the_list_then_accept_again(
    demo_db: Database, clock: FixedClock
) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("L")
        await wait_for_screen(pilot, "LeadsScreen")
        await loaded(pilot)
        screen = screen_as(app, LeadsScreen)
        await pilot.pause(0.2)
        shown = [key.key for key in screen.query(FooterKey)]  # at 80 columns too
        assert {"y", "r", "n", "slash", "escape"} <= set(shown), shown
        first = screen.rows[0]
        earlier = decisions_of(demo_db, first.id)  # the demo's own decision on it
        await pilot.press("r")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter", "enter")  # no reason is chosen for you: nothing saved
        await pilot.pause(0.2)
        assert decisions_of(demo_db, first.id) == earlier
        assert app.screen.__class__.__name__ == "EntryForm"
        await pilot.press("space", "down", "down", "down", "enter", "enter")  # no budget
        await wait_for_screen(pilot, "LeadsScreen")
        await loaded(pilot)
        assert [d.said() for d in decisions_of(demo_db, first.id)[len(earlier) :]] == [
            f"rejected (no budget), {clock.today()} by {first.owner}"
        ]
        assert screen.rows[0].status == "nurture"
        # The nurture list says why sales sent it back.
        table = screen.query_one("#leads", DataTable)
        labels = [column.label.plain for column in table.columns.values()]
        status = table.get_row_at(0)[labels.index("Status")]
        assert status.plain == "nurture · no budget"
        await pilot.press("n")
        await loaded(pilot)
        assert first.id in [lead.id for lead in screen.rows]
        assert next(lead for lead in screen.rows if lead.id == first.id).rejected_for == (
            "no budget"
        )
        await pilot.press("n")
        await loaded(pilot)
        await pilot.press("y")
        await loaded(pilot)
        decided = decisions_of(demo_db, first.id)[len(earlier) :]
        # the same day, on the same hand-over: the rejection was a mistake put right
        assert [d.decision for d in decided] == ["accepted"]
        assert screen.rows[0].status == "accepted" and screen.rows[0].rejected_for is None
