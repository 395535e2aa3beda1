"""A section's timebox running out is heard (the terminal bell) and seen (its agenda line
flashes), once per run-out in each app, whatever is done past zero."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

import tui.app
from meeting.agenda import meetings
from meeting.agenda.timers import toggle_timer
from meeting.foundations.clock import FixedClock
from screens.meeting.screen import MeetingScreen
from screens.widgets import agenda
from storage.db import Database
from storage.opening import open_database
from tests.tui.helpers import screen_as, wait_for_screen
from tui.app import HuddleApp

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def long_flash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A flash lit long enough to be seen by a test on a busy machine (its blinking at the
    real pace is a test of its own)."""
    monkeypatch.setattr(agenda, "FLASH_SECONDS", 5.0)


class CountingApp(HuddleApp):
    """huddle's App, counting its bells (Textual's own bell writes nothing headless)."""

    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))
    rings = 0

    def bell(self) -> None:
        self.rings += 1
        super().bell()


def flashing(app: HuddleApp, position: int) -> bool:
    return app.screen.query_one(f"#agenda-{position}").has_class("-time-up")


async def tick(pilot: Pilot, clock: FixedClock, seconds: float) -> None:
    """Time passes and the screen's second comes round (in its own app's loop: a test may
    run two apps, and a widget's app is the one whose loop runs it)."""
    clock.advance(seconds)
    pilot.app.call_later(screen_as(pilot.app, MeetingScreen).tick)
    await pilot.pause()


async def test_the_bell_rings_once_and_the_line_flashes_when_the_timebox_runs_out(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)  # Review actions: 5 minutes
    app = CountingApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await tick(pilot, clock, 4 * 60 + 59)
        assert (app.rings, flashing(app, 0)) == (0, False)
        await tick(pilot, clock, 2)  # 00:01 over
        assert app.rings == 1
        assert flashing(app, 0)
        await tick(pilot, clock, 60)
        await pilot.press("t")  # paused past zero, and started again
        await tick(pilot, clock, 30)
        await pilot.press("t")
        await tick(pilot, clock, 30)
        screen_as(app, MeetingScreen).refresh_from_others()  # a save read again
        await pilot.press("escape")  # home, and back to the meeting
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("r")
        await wait_for_screen(pilot, "MeetingScreen")
        await tick(pilot, clock, 60)
        assert app.rings == 1


async def test_the_flash_blinks_and_ends(
    db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(agenda, "FLASH_SECONDS", 0.5)  # lit, dark, lit... for 2.5 s
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    app = CountingApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await tick(pilot, clock, 6 * 60)
        started, seen = time.monotonic(), []
        while time.monotonic() - started < 4:
            seen.append(flashing(app, 0))
            await pilot.pause(0.05)
        changes = [lit for lit, before in zip(seen[1:], seen, strict=False) if lit != before]
        assert changes[:3] == [False, True, False]  # it blinks
        assert not flashing(app, 0)  # and ends
        assert not flashing(app, 1)


@pytest.mark.parametrize(("level", "lit"), [("none", False), ("basic", True)])
async def test_the_flash_follows_textuals_animation_setting(
    db: Database, clock: FixedClock, level: str, lit: bool
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    app = CountingApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none" if level == "none" else "basic"
        await wait_for_screen(pilot, "MeetingScreen")
        await tick(pilot, clock, 6 * 60)
        assert app.rings == 1  # heard either way
        assert flashing(app, 0) is lit
        if lit:  # held, not blinking
            for _ in range(8):
                await pilot.pause(0.1)
                assert flashing(app, 0)


async def test_each_section_rings_once_however_the_agenda_is_walked(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    app = CountingApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:  # the narrow agenda flashes too
        await wait_for_screen(pilot, "MeetingScreen")
        await tick(pilot, clock, 6 * 60)
        assert app.rings == 1
        await pilot.press("n")  # the timer moves on to Numbers (10 minutes)
        await tick(pilot, clock, 9 * 60)
        await pilot.press("p")  # back to the section that ran out: its timer runs again
        await tick(pilot, clock, 60)
        await pilot.press("n")
        await tick(pilot, clock, 30)
        assert app.rings == 1
        await tick(pilot, clock, 31)  # Numbers' 10 minutes are up
        assert app.rings == 2
        assert flashing(app, 1)
        await pilot.press("3")
        await pilot.press("2")
        await tick(pilot, clock, 60)
        assert app.rings == 2


async def test_a_section_already_over_when_the_meeting_opens_rings_nothing(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    clock.advance(6 * 60)  # ran out before this terminal joined
    app = CountingApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await tick(pilot, clock, 60)
        assert (app.rings, flashing(app, 0)) == (0, False)
        await pilot.press("n")  # Numbers' run-out is seen here: that one rings
        await tick(pilot, clock, 9 * 60)
        assert app.rings == 0
        await tick(pilot, clock, 61)
        assert (app.rings, flashing(app, 1)) == (1, True)


async def test_every_terminal_on_the_meeting_rings_its_own_bell_once(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    facilitator, participant = open_database(url), open_database(url)
    meeting_id, _ = meetings.start_meeting(facilitator, clock=clock, facilitator="Dana")
    first = CountingApp(facilitator, clock=clock, meeting_id=meeting_id)
    second = CountingApp(participant, clock=clock, meeting_id=meeting_id)
    try:
        async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
            await wait_for_screen(one, "MeetingScreen")
            await wait_for_screen(two, "MeetingScreen")
            clock.advance(6 * 60)
            for pilot in (one, two):
                await tick(pilot, clock, 1)
            assert flashing(first, 0)
            assert flashing(second, 0)
            for pilot in (one, two):
                await tick(pilot, clock, 1)
            toggle_timer(facilitator, meeting_id, clock=clock)  # paused in the other terminal
            toggle_timer(facilitator, meeting_id, clock=clock)  # and run again
            for pilot in (one, two):
                pilot.app.call_later(screen_as(pilot.app, MeetingScreen).refresh_from_others)
                await tick(pilot, clock, 5)
            assert (first.rings, second.rings) == (1, 1)
    finally:
        facilitator.dispose()
        participant.dispose()


async def test_bell_off_in_the_personal_settings_keeps_it_quiet_and_still_flashes(
    db: Database, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text('bell = "off"\n', encoding="utf-8")
    monkeypatch.setenv("HUDDLE_CONFIG", str(settings))
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    app = CountingApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await tick(pilot, clock, 6 * 60)
        assert app.rings == 0
        assert flashing(app, 0)


async def test_a_settings_file_that_cannot_be_read_is_said_and_the_bell_rings(
    db: Database, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text("bell = \n", encoding="utf-8")
    monkeypatch.setenv("HUDDLE_CONFIG", str(settings))
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    app = CountingApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        said = [n.message for n in app._notifications]
        assert any("not valid TOML" in m and str(settings) in m for m in said), said
        await tick(pilot, clock, 6 * 60)
        assert app.rings == 1
