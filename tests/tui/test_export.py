"""Exporting minutes from the summary screen and from the meeting list."""

from __future__ import annotations

from pathlib import Path

import pytest

from meeting.agenda import meetings
from meeting.agenda.lookup import list_meetings
from meeting.foundations.clock import FixedClock
from meeting.reports import closing
from screens.textual_patches import notifications
from storage.db import Database
from tests.tui.helpers import wait_for_screen, workers_finished
from tui.app import HuddleApp


async def test_export_from_the_meeting_list(
    demo_db: Database, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_finished(app)
        await pilot.pause()
        await pilot.press("x")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")
        await wait_for_screen(pilot, "HomeScreen")
        written = tmp_path / "2026-11-16-weekly-sync.md"
        assert written.read_text().startswith("# Weekly sync — 2026-11-16")
        assert any(str(written) in str(n.message) for n in notifications(app))
        await pilot.press("x")
        await wait_for_screen(pilot, "EntryForm")
        written.write_text("notes of my own")
        await pilot.press("enter")  # exists: asked first, and enter is no
        await wait_for_screen(pilot, "ConfirmScreen")
        question = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Replace 2026-11-16-weekly-sync.md?" in question
        await pilot.press("enter")
        await wait_for_screen(pilot, "EntryForm")
        assert written.read_text() == "notes of my own"
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await wait_for_screen(pilot, "HomeScreen")
        assert written.read_text().startswith("# Weekly sync — 2026-11-16")


async def test_the_path_is_not_selected_and_second_meetings_get_their_own_name(
    db: Database, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    closing.end_meeting(db, first, clock=clock)
    with db.write() as session:  # a second meeting of the series on the same day
        from storage.models import Meeting

        source = session.get(Meeting, first)
        session.add(
            Meeting(
                series_id=source.series_id,  # type: ignore[union-attr]  # the source meeting exists
                date=source.date,  # type: ignore[union-attr]  # the source meeting exists
                status="ended",
                template_key="sync",
                current_position=0,
            )
        )
    second = max(m.id for m in list_meetings(db))
    from meeting.reports.file_names import meeting_file_name

    assert meeting_file_name(db, first) == "2026-11-23-weekly-sync.md"
    assert meeting_file_name(db, second) == f"2026-11-23-weekly-sync-{second}.md"
    app = HuddleApp(db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_finished(app)
        await pilot.pause()
        await pilot.press("x")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.pause()
        await pilot.press("x")  # typed after the name, not in place of the whole path
        path = app.screen.values()["path"]  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        assert path.endswith(".mdx") and path.startswith(str(tmp_path))


async def test_export_from_the_summary(
    db: Database, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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


async def test_the_file_is_no_more_readable_than_the_database(
    demo_db: Database, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    monkeypatch.chdir(tmp_path)
    os.chmod(demo_db.path, 0o600)  # type: ignore[arg-type]  # the demo is a SQLite file
    old = os.umask(0o022)
    try:
        app = HuddleApp(demo_db, clock=clock)
        async with app.run_test(size=(120, 36)) as pilot:
            await workers_finished(app)
            await pilot.pause()
            await pilot.press("x")
            await wait_for_screen(pilot, "EntryForm")
            await pilot.press("enter")
            await wait_for_screen(pilot, "HomeScreen")
    finally:
        os.umask(old)
    written = tmp_path / "2026-11-16-weekly-sync.md"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
