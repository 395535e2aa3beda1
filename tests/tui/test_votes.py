"""Voting on what's broken and turning the top entry into an action, by keys."""

from __future__ import annotations

from meeting.agenda import meetings
from meeting.entries import actions, items
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.reads.timeline import timeline
from storage.db import Database
from tests.tui.helpers import type_text, wait_for_screen
from tui.app import HuddleApp

SIZE = (130, 40)


async def test_vote_sort_and_turn_the_top_entry_into_an_action(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    for name, team in (("Sam", "sales"), ("Priya", "marketing")):
        add_person(db, name, team)
    view = meetings.get_meeting(db, meeting_id)
    broken = next(s for s in view.sections if s.key == "broken")
    first = items.add_item(db, broken.id, "Trade-show leads go cold", team="sales", clock=clock)
    second = items.add_item(db, broken.id, "No phone numbers", team="marketing", clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        screen = app.screen
        await pilot.press(str(broken.position + 1))
        await pilot.pause()
        await pilot.press("down", "v")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("v")  # the form offers Sam again: one key per vote
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("up", "v")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Priya")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        note = screen.section_rows.note  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        assert "Priya 1/3" in note and "Sam 2/3" in note

        await pilot.press("s")  # most votes first, the cursor on the top one
        await pilot.pause()
        assert [r.key for r in screen.section_rows.rows] == [str(second), str(first)]  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        await pilot.press("T")
        await wait_for_screen(pilot, "EntryForm")
        assert app.screen.values()["text"] == "No phone numbers"  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        await type_text(pilot, ": ask for one on the form")  # the cursor is after the text
        await pilot.press("tab")
        await type_text(pilot, "Priya")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.pause()
        top = screen.section_rows.rows[0]  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        assert "→ open" in [c.plain for c in top.cells]

        await pilot.press("V")  # Priya's last vote was on the other entry: nothing to take
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "EntryForm"  # the error is shown in the form
        await pilot.press("escape")
        await wait_for_screen(pilot, "MeetingScreen")

    votes_now = {row.id: row.votes for row in items.items(db, broken.id)}
    assert votes_now == {first: 1, second: 2}
    (made,) = actions.actions_made_in(db, meeting_id)
    assert (made.text, made.owner) == ("No phone numbers: ask for one on the form", "Priya")
    assert any(e.kind == "entry" for e in timeline(db, made.id))
