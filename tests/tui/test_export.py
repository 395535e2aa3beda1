"""Exporting minutes from the summary screen and from the meeting list."""

from __future__ import annotations

from pathlib import Path

from meeting import meetings
from tests.tui.helpers import wait_for_screen
from tui.app import HuddleApp


async def test_export_from_the_meeting_list(demo_db, clock, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("x")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")
        await wait_for_screen(pilot, "HomeScreen")
        written = tmp_path / "2026-11-16-weekly-sync.md"
        assert written.read_text().startswith("# Weekly sync — 2026-11-16")
        assert any(str(written) in str(n.message) for n in app._notifications)
        await pilot.press("x")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")  # exists: the form stays and says so
        assert "already exists" in str(app.screen.query_one("#form-error").render())


async def test_export_from_the_summary(db, clock, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    meeting_id, _ = meetings.start_meeting(
        db, clock=clock, series="Retro", template="ssc", create_series_if_missing=True
    )
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("ctrl+e", "y")
        await wait_for_screen(pilot, "SummaryScreen")
        await pilot.press("x")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")
        await wait_for_screen(pilot, "SummaryScreen")
    text = (tmp_path / "2026-11-23-retro.md").read_text()
    assert "## Start\n\nNothing was recorded." in text
    assert "## Lead questions" not in text
