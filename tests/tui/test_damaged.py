"""A database damaged under the TUI ends on a screen that says what to do."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from meeting.foundations.clock import FixedClock
from screens.textual_patches import notifications
from storage.opening import open_database
from tests.cli.test_bad_files import corrupt_a_page_of
from tests.tui.helpers import wait_for_screen
from tui.app import HuddleApp


async def test_a_page_corrupted_under_the_app_shows_a_message(
    demo_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "damaged.db"
    shutil.copy(demo_file, path)
    db = open_database(f"sqlite:///{path}")
    db.engine.dispose()  # no page of the file cached: the next read goes to the disk
    app = HuddleApp(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        db.engine.dispose()
        corrupt_a_page_of(path, "actionitem")
        await pilot.press("h")  # History reads every action item, in a worker
        for _ in range(200):
            await asyncio.sleep(0.02)
            if type(app.screen).__name__ == "DamagedScreen":
                break
        assert type(app.screen).__name__ == "DamagedScreen"
        shown = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "database disk image is malformed" in shown and "huddle db check" in shown
        await pilot.press("q")
    db.dispose()


async def test_a_read_only_database_is_browsed_section_by_section(
    demo_file: Path, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meeting.agenda import meetings
    from storage import opening as storage_db

    path = tmp_path / "team.db"
    shutil.copy(demo_file, path)
    writable = open_database(f"sqlite:///{path}")
    meeting_id, _ = meetings.start_meeting(writable, clock=clock)
    writable.dispose()
    monkeypatch.setattr(storage_db, "writable", lambda _path: False)  # as on a read-only mount
    db = open_database(f"sqlite:///{path}")
    assert db.read_only
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        seen = []
        for key in "23456":
            await pilot.press(key)
            await pilot.pause()
            seen.append(app.screen.section.key)  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        assert seen == ["numbers", "working", "broken", "leads", "actions"]
        assert not [n for n in notifications(app) if n.severity == "error"]
        screen = app.screen

        def running() -> list[int]:
            return [s.position for s in screen.meeting.sections if s.running]  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen

        assert running() == [5]  # the countdown moved along, on screen
        await pilot.press("t")
        assert running() == []
        assert any("on screen only" in str(n.message) for n in notifications(app))
        await pilot.press("t", "2")
        await pilot.pause()
        assert running() == [1]
    db.dispose()
