"""The facilitator's controls stay with the facilitator: someone else who said who they are
moves only their own view, follows the facilitator, and is refused the timer, ending and
reopening in one line; the facilitator hands the meeting over with H."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable

from meeting.agenda import meetings
from meeting.agenda.facilitator import hand_over
from meeting.entries.identity import me_named
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.foundations.statuses import MeetingStatus
from meeting.reports.closing import end_meeting
from screens.meeting.screen import MeetingScreen
from storage.db import Database
from storage.opening import open_database
from tests.tui.helpers import screen_as, type_text, wait_for_screen
from tui.app import HuddleApp


def said(app: HuddleApp) -> str:
    return " ".join(" ".join(str(n.message).split()) for n in app._notifications)


def start(db: Database, clock: FixedClock, facilitator: str | None = "Dana") -> int:
    for name in ("Dana", "Sam"):
        add_person(db, name, "sales")
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator=facilitator)
    return meeting_id


async def test_a_participant_moves_only_their_own_view(db: Database, clock: FixedClock) -> None:
    meeting_id = start(db, clock)
    before = meetings.get_meeting(db, meeting_id)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Sam"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        screen = screen_as(app, MeetingScreen)
        assert screen.following  # someone else runs it: this terminal follows them
        await pilot.press("n", "]", "4")
        await pilot.pause(0.2)
        assert screen.meeting.current_position == 3
        await pilot.press("p", "[")
        await pilot.pause(0.2)
        assert screen.meeting.current_position == 1
    after = meetings.get_meeting(db, meeting_id)
    assert after.current_position == before.current_position == 0  # nothing saved
    assert [s.running_since for s in after.sections] == [s.running_since for s in before.sections]


async def test_the_facilitators_keys_are_refused_to_a_participant_in_one_line(
    db: Database, clock: FixedClock
) -> None:
    meeting_id = start(db, clock)
    before = meetings.get_meeting(db, meeting_id)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Sam"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        screen = screen_as(app, MeetingScreen)
        for action in ("toggle_timer", "end_meeting", "reopen", "hand_over"):
            assert screen.check_action(action, ()) is False  # not in the footer
        assert screen.check_action("next_section", ()) is True
        footer = " ".join(str(k.render()) for k in screen.query("FooterKey"))
        assert "Timer" not in footer and "End meeting" not in footer
        await pilot.press("t")
        await pilot.pause()
        assert "Dana facilitates this meeting and runs the timers" in said(app)
        assert "huddle meeting facilitator" in said(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"  # no "End the meeting?"
        assert "and ends it" in said(app)
        await pilot.press("H")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        assert "and hands it over" in said(app)
    after = meetings.get_meeting(db, meeting_id)
    assert after.status == MeetingStatus.RUNNING and after.facilitator == "Dana"
    assert [s.running_since for s in after.sections] == [s.running_since for s in before.sections]

    end_meeting(db, meeting_id, clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Sam"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("R")
        await pilot.pause()
        assert "and reopens it" in said(app)
        # Not "ask them to hand it over": an ended meeting's facilitator is on its record.
        assert (
            f"ask them to reopen it (R on their screen, or: huddle meeting reopen {meeting_id})"
            in said(app)
        )
    assert meetings.get_meeting(db, meeting_id).status == MeetingStatus.ENDED


async def test_the_facilitator_and_everyone_without_one_drive(
    db: Database, clock: FixedClock
) -> None:
    danas = start(db, clock)
    nobodys, _ = meetings.start_meeting(
        db, clock=clock, series="Retro", create_series_if_missing=True, facilitator=None
    )
    for meeting_id, me in ((danas, "Dana"), (nobodys, "Sam")):
        app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, me))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            screen = screen_as(app, MeetingScreen)
            assert not screen.following
            assert screen.check_action("toggle_timer", ()) is True
            await pilot.press("n")
            await pilot.pause(0.2)
        assert meetings.get_meeting(db, meeting_id).current_position == 1  # saved


async def test_h_hands_the_meeting_over_and_this_terminal_follows(
    db: Database, clock: FixedClock
) -> None:
    meeting_id = start(db, clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Dana"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        screen = screen_as(app, MeetingScreen)
        await pilot.press("H")
        await wait_for_screen(pilot, "PickPerson")
        await type_text(pilot, "sa")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.pause()
        assert meetings.get_meeting(db, meeting_id).facilitator == "Sam"
        assert screen.following and screen.check_action("toggle_timer", ()) is False
        assert "Sam facilitates this meeting now" in said(app)


async def test_a_hand_over_elsewhere_reaches_this_terminal(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    here, there = open_database(url), open_database(url)
    try:
        meeting_id = start(here, clock)
        app = HuddleApp(here, clock=clock, meeting_id=meeting_id, me=me_named(here, "Sam"))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            screen = screen_as(app, MeetingScreen)
            assert screen.check_action("toggle_timer", ()) is False
            hand_over(there, meeting_id, "sam")  # `huddle meeting facilitator`, say
            for _ in range(40):
                if screen.check_action("toggle_timer", ()):
                    break
                await pilot.pause(0.05)
            assert screen.check_action("toggle_timer", ()) is True
            assert not screen.following
            assert "You facilitate this meeting now" in said(app)
            await pilot.press("t")  # and the timer is Sam's now
            await pilot.pause()
        assert not any(s.running for s in meetings.get_meeting(there, meeting_id).sections)
    finally:
        there.dispose()
        here.dispose()


async def test_arrows_still_move_after_following_through_an_empty_section(
    db_path: Path, clock: FixedClock
) -> None:
    """Sam follows Dana into a section with no entries (its table hidden, which took the
    focus from it) and back: the arrows move Sam's cursor again without a click."""
    import datetime as dt

    from meeting.agenda import presence
    from meeting.entries.items import add_item

    url = f"sqlite:///{db_path}"
    here, there = open_database(url), open_database(url)
    try:
        meeting_id = start(here, clock)
        working = meetings.get_meeting(here, meeting_id).sections[2].id
        for said in ("Webinars", "Pricing page"):
            add_item(here, working, said, team="sales", clock=clock)
        dana = me_named(here, "Dana")
        assert dana is not None
        earlier = FixedClock(clock.now() - dt.timedelta(minutes=1))

        def dana_at(position: int, at: FixedClock = clock) -> None:
            presence.here(
                there, meeting_id, "dana-tab", "Dana", position, clock=at, person_id=dana.id
            )

        dana_at(2, earlier)
        dana_at(2)
        app = HuddleApp(here, clock=clock, meeting_id=meeting_id, me=me_named(here, "Sam"))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            screen = screen_as(app, MeetingScreen)

            async def until(check: Callable[[], bool]) -> None:
                for _ in range(60):
                    if check():
                        return
                    await pilot.pause(0.05)
                raise AssertionError("not within three seconds")

            await until(lambda: screen.meeting.current_position == 2)
            dana_at(3)  # What's broken: nothing there yet
            await until(lambda: screen.meeting.current_position == 3)
            dana_at(2)
            await until(lambda: screen.meeting.current_position == 2)
            await pilot.press("down")
            await pilot.pause(0.1)
            assert screen.query_one("#entries", DataTable).cursor_row == 1
    finally:
        there.dispose()
        here.dispose()
