"""After an edit re-sorts a section, the cursor stays on the entry just edited."""

from __future__ import annotations

from meeting.agenda import meetings
from meeting.entries import actions
from meeting.foundations.clock import FixedClock
from storage.db import Database
from tests.tui.helpers import type_text, wait_for_screen
from tui.app import HuddleApp


async def test_a_later_due_date_in_review_keeps_the_cursor_on_that_action(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    before = actions.review_rows(demo_db, meeting_id)
    assert len(before) > 1
    first = before[0]
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        screen = app.screen
        assert screen.section.kind == "review"  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        assert screen.selected_key() == first.id  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        await pilot.press("e")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("tab", "tab", "tab", "ctrl+u")  # owner, team, due
        await type_text(pilot, "+90d")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.pause()
        keys = [int(row.key) for row in screen.section_rows.rows]  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        assert keys[-1] == first.id  # the list re-sorted by due date
        assert screen.selected_key() == first.id  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        await pilot.press("x")  # so x drops this action, not the one that took its row
        await pilot.pause()
    marks = {r.id: r.reviewed for r in actions.review_rows(demo_db, meeting_id)}
    assert marks[first.id] == "dropped"
    assert [mark for key, mark in marks.items() if key != first.id] == [None] * (len(marks) - 1)
