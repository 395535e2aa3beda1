"""The meeting screen's parts work on their own: each holds its own state behind a few
calls, so the timers kept on a read-only database, or which keys an ended meeting
refuses, are checked without a screen."""

from __future__ import annotations

import shutil
from pathlib import Path

from meeting.agenda import meetings
from meeting.foundations.statuses import MeetingStatus
from screens.meeting import MeetingScreen, keys
from screens.meeting.timebox import ON_SCREEN_ONLY, Timebox
from screens.sections import kind_of
from storage.opening import open_database


def never_busy() -> None:
    raise AssertionError("a read-only database is not busy")


def test_a_read_only_database_keeps_moves_and_timers_on_screen(  # type: ignore[no-untyped-def]
    demo_file: Path, tmp_path: Path, clock, monkeypatch
) -> None:
    from storage import opening

    path = tmp_path / "team.db"
    shutil.copy(demo_file, path)
    writable = open_database(f"sqlite:///{path}")
    meeting_id, _ = meetings.start_meeting(writable, clock=clock)
    writable.dispose()
    monkeypatch.setattr(opening, "writable", lambda _path: False)  # as on a read-only mount
    db = open_database(f"sqlite:///{path}")
    timebox = Timebox(db, clock, meeting_id, busy=never_busy)
    shown = meetings.get_meeting(db, meeting_id)
    assert shown.current_position == 0 and shown.sections[0].running

    shown = timebox.go(shown, 2)
    assert shown.current_position == 2 and timebox.position_to_save == 2
    assert shown.sections[2].running and not shown.sections[0].running  # moved on screen
    assert timebox.read(0).current_position == 2  # a read keeps this terminal's place
    assert meetings.get_meeting(db, meeting_id).current_position == 0  # nothing saved

    shown, running, note = timebox.toggle(shown)
    assert (running, note) == (False, ON_SCREEN_ONLY)
    assert not any(s.running for s in timebox.read(2).sections)
    db.dispose()


def test_an_ended_meeting_refuses_its_writing_keys_and_offers_reopening() -> None:
    items = kind_of("items")

    def offered(
        action: str, *parameters: object, status: MeetingStatus = MeetingStatus.ENDED
    ) -> bool | None:
        return keys.offered(
            action,
            parameters,
            status=status,
            kind=lambda: items,
            can_undo=True,
            can_follow=False,
        )

    assert offered("add") is False and offered("undo") is False
    assert offered("section", "vote") is False and offered("section", "sort") is True
    assert offered("reopen") is True and offered("reopen", status=MeetingStatus.RUNNING) is False
    assert offered("add", status=MeetingStatus.RUNNING) is True and offered("follow") is None
    assert keys.writes("a", items.offers) and keys.writes("v", items.offers)
    assert not keys.writes("n", items.offers) and not keys.writes("s", items.offers)


def test_the_screen_calls_its_parts_rather_than_mixing_them_in() -> None:
    assert [base.__name__ for base in MeetingScreen.__bases__] == ["CoverableScreen"]
    assert [base.__name__ for base in MeetingScreen.__bases__[0].__bases__] == ["Screen"]
