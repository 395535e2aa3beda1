"""An ended meeting takes nothing new until it is reopened: a second terminal sees it end
within the poll and stops offering its writing keys, a write already under way is refused
with one line naming R, and the summary's `o` shows the meeting to read, not to add to."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from meeting.agenda import meetings
from meeting.entries import actions, items
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.reports import closing
from screens.textual_patches import FooterKey, notifications
from storage.opening import open_database
from tests.tui.helpers import type_text, wait_for_screen
from tui.app import HuddleApp

SIZE = (120, 40)


def footer(app: HuddleApp) -> set[str]:
    return {key.description for key in app.screen.query(FooterKey) if key.description}


async def settle(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def until(pilot: Pilot, check: Callable[[], bool]) -> float:
    """Seconds until `check` holds (at most two)."""
    started = time.monotonic()
    while not check() and time.monotonic() - started < 2:
        await pilot.pause(0.05)
    return time.monotonic() - started


async def test_ended_in_one_terminal_the_other_stops_offering_writes(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    here, there = open_database(url), open_database(url)  # two terminals, one file
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    ending = HuddleApp(here, clock=clock, meeting_id=meeting_id)
    other = HuddleApp(there, clock=clock, meeting_id=meeting_id)
    try:
        async with ending.run_test(size=SIZE) as one, other.run_test(size=SIZE) as two:
            await wait_for_screen(one, "MeetingScreen")
            await wait_for_screen(two, "MeetingScreen")
            await two.press("6")  # New actions
            await settle(two)
            assert "Add" in footer(other) and "Reopen" not in footer(other)

            await one.press("ctrl+e", "y")
            await wait_for_screen(one, "SummaryScreen")
            assert await until(two, lambda: "Add" not in footer(other)) < 1.0, "not in a second"
            await settle(two)
            shown = footer(other)
            assert "Edit" not in shown and "Delete" not in shown and "End meeting" not in shown
            assert "Reopen" in shown
            assert " · ended" in str(other.screen.query_one("#topbar").render())
            await two.press("a")  # nothing to add to: no form opens
            await settle(two)
            assert type(other.screen).__name__ == "MeetingScreen"

            await one.press("R")  # reopened on the summary: the other takes entries again
            await wait_for_screen(one, "MeetingScreen")
            assert await until(two, lambda: "Add" in footer(other)) < 1.0, "not in a second"
            assert " · running" in str(other.screen.query_one("#topbar").render())
    finally:
        there.dispose()
        here.dispose()


async def test_a_write_under_way_when_another_terminal_ends_it_is_refused(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    here, there = open_database(url), open_database(url)
    add_person(here, "Sam", "sales")
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    ending = HuddleApp(here, clock=clock, meeting_id=meeting_id)
    other = HuddleApp(there, clock=clock, meeting_id=meeting_id)
    try:
        async with ending.run_test(size=SIZE) as one, other.run_test(size=SIZE) as two:
            await wait_for_screen(one, "MeetingScreen")
            await wait_for_screen(two, "MeetingScreen")
            await two.press("6", "a")  # a new action, half typed when the meeting ends
            await wait_for_screen(two, "EntryForm")
            await type_text(two, "Send the deck")
            await two.press("tab")
            await type_text(two, "Sam")

            await one.press("ctrl+e", "y")
            await wait_for_screen(one, "SummaryScreen")
            await two.press("enter")
            await settle(two)
            assert type(other.screen).__name__ == "EntryForm"  # what was typed stays
            said = str(other.screen.query_one("#form-error").render())
            assert said == (
                "The meeting of 2026-11-23 has ended: press R to reopen it, then add to it."
            )
            assert actions.actions_made_in(there, meeting_id) == []
    finally:
        there.dispose()
        here.dispose()


async def test_the_add_line_keeps_what_it_could_not_save_until_reopened(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    here, there = open_database(url), open_database(url)
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    working = meetings.get_meeting(here, meeting_id).sections[2].id
    app = HuddleApp(here, clock=clock, meeting_id=meeting_id)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("3", "a")
            await type_text(pilot, "Webinar leads convert")
            closing.end_meeting(there, meeting_id, clock=clock)  # in the same moment
            await pilot.press("enter")
            await settle(pilot)
            assert items.items(there, working) == []
            said = [n.message for n in notifications(app)]
            assert (
                "The meeting of 2026-11-23 has ended: press R to reopen it, and the entry "
                "waiting is saved." in said
            )
            assert "Webinar leads convert" in str(app.screen.query_one("#pending").render())
            await pilot.press("escape")
            await pilot.pause(0.5)  # the poll sees the end
            await pilot.press("R")
            await settle(pilot)
            assert [i.text for i in items.items(there, working)] == ["Webinar leads convert"]
            assert meetings.get_meeting(there, meeting_id).status == "running"
    finally:
        there.dispose()
        here.dispose()


async def test_o_on_the_summary_shows_the_meeting_to_read_and_R_reopens_it(
    db_path: Path, clock: FixedClock
) -> None:
    db = open_database(f"sqlite:///{db_path}")
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    working = meetings.get_meeting(db, meeting_id).sections[2].id
    items.add_item(db, working, "Webinar leads convert", team="sales", clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("ctrl+e", "y")
            await wait_for_screen(pilot, "SummaryScreen")
            await pilot.press("o")
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("6")
            await settle(pilot)
            assert "Add" not in footer(app) and "Reopen" in footer(app)
            await pilot.press("a")
            await settle(pilot)
            assert type(app.screen).__name__ == "MeetingScreen"  # no form: nothing added
            said = [n.message for n in notifications(app)]  # `a` alone says why, in one line
            assert said == [
                "The meeting of 2026-11-23 has ended: press R to reopen it, then add to it."
            ]
            await pilot.press("3", "enter", "v", "delete")  # edit, vote, delete: none of them
            await settle(pilot)
            assert type(app.screen).__name__ == "MeetingScreen"
            told = len(notifications(app))
            await pilot.press("H")  # who ran it is part of the record: no one to hand it to
            await settle(pilot)
            assert type(app.screen).__name__ == "MeetingScreen"
            assert meetings.get_meeting(db, meeting_id).facilitator == "Dana"
            assert [n.message for n in notifications(app)][told:] == [
                "The meeting of 2026-11-23 has ended: press R to reopen it, then add to it."
            ]
            assert [i.text for i in items.items(db, working)] == ["Webinar leads convert"]
            said = [n.message for n in notifications(app)]
            assert (
                "The meeting of 2026-11-23 has ended: press R to reopen it, then add to it." in said
            )

            await pilot.press("R")  # running again: it takes what was missed
            await settle(pilot)
            assert meetings.get_meeting(db, meeting_id).status == "running"
            assert "Add" in footer(app) and "Reopen" not in footer(app)
            await pilot.press("6", "a")
            await wait_for_screen(pilot, "EntryForm")
            assert actions.actions_made_in(db, meeting_id) == []
    finally:
        db.dispose()


async def test_a_review_mark_in_an_ended_meeting_says_how_to_reopen_it(
    db_path: Path, clock: FixedClock
) -> None:
    """`d` `o` `x` carry a second word (`section('mark', 'done')`): refused in one line
    like every other writing key, not dropped in silence."""
    db = open_database(f"sqlite:///{db_path}")
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    actions.add_action(
        db, meeting_id=meeting_id, text="Send the webinar list", owner="Dana", due=None, clock=clock
    )
    closing.end_meeting(db, meeting_id, clock=clock)
    later, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    closing.end_meeting(db, later, clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=later)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("d")
            await settle(pilot)
            said = [n.message for n in notifications(app)]
            assert said[-1:] == [
                "The meeting of 2026-11-23 has ended: press R to reopen it, then add to it."
            ]
    finally:
        db.dispose()
