"""A series runs one meeting at a time, on any date, as often as a day needs; an ended
meeting is reopened only on purpose."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from meeting.agenda import meetings
from meeting.agenda.lookup import list_meetings
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.views import MeetingView
from meeting.reports import closing
from storage.db import Database
from storage.models import Meeting


def start(db: Database, clock: FixedClock, **kwargs: Any) -> int:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, **kwargs)
    return meeting_id


def test_starting_after_an_end_makes_a_new_meeting_the_same_day(
    db: Database, clock: FixedClock
) -> None:
    first = start(db, clock)
    closing.end_meeting(db, first, clock=clock)
    second, created = meetings.start_meeting(db, clock=clock)
    assert created and second != first
    assert meetings.get_meeting(db, first).status == "ended"  # not reopened
    assert [m.date for m in list_meetings(db)] == [clock.today(), clock.today()]


def test_a_meeting_on_a_chosen_date(db: Database, clock: FixedClock) -> None:
    day = clock.today() + dt.timedelta(days=3)
    meeting_id = start(db, clock, on=day)
    assert meetings.get_meeting(db, meeting_id).date == day


def test_a_date_other_than_the_running_meetings_is_refused(db: Database, clock: FixedClock) -> None:
    running = start(db, clock)
    with pytest.raises(HuddleError, match=f"huddle meeting end {running}"):
        start(db, clock, on=clock.today() + dt.timedelta(days=1))
    assert len(list_meetings(db)) == 1


def test_reopen_runs_an_ended_meeting_again_unless_another_runs(
    db: Database, clock: FixedClock
) -> None:
    first = start(db, clock)
    closing.end_meeting(db, first, clock=clock)
    second = start(db, clock)
    with pytest.raises(HuddleError, match=f"end it first \\(huddle meeting end {second}\\)"):
        meetings.reopen_meeting(db, first, clock=clock)
    assert meetings.get_meeting(db, first).status == "ended"
    closing.end_meeting(db, second, clock=clock)
    meetings.reopen_meeting(db, first, clock=clock)
    view: MeetingView = meetings.get_meeting(db, first)
    assert view.status == "running" and view.ended_at is None


def test_the_database_keeps_one_running_meeting_when_the_check_is_raced(
    db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if another terminal started one between our check and our insert: the unique
    index refuses ours, and we join theirs."""
    theirs = start(db, clock)
    real = meetings._running_in
    calls: list[int | None] = []

    def missed_it(session: Session, series_id: int | None) -> Meeting | None:
        calls.append(series_id)
        return None if len(calls) == 1 else real(session, series_id)

    monkeypatch.setattr(meetings, "_running_in", missed_it)
    ours, created = meetings.start_meeting(db, clock=clock)
    assert (ours, created) == (theirs, False)
    assert len(list_meetings(db)) == 1


def test_three_processes_starting_at_once_make_one_meeting(db_path: Path, db: Database) -> None:
    db.dispose()
    command = [
        sys.executable,
        "-c",
        "from tui.cli import main; main()",
        "--db",
        str(db_path),
        "meeting",
        "start",
        "--no-open",
    ]
    root = Path(__file__).parents[2]
    starts = [
        subprocess.Popen(
            command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=60) for p in starts]
    assert [p.returncode for p in starts] == [0, 0, 0], outputs
    assert all("Traceback" not in out + err for out, err in outputs)
    said = sorted(out.split(" ", 1)[0] for out, _ in outputs)
    assert said == ["Resuming", "Resuming", "Started"], outputs
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM meeting").fetchone() == (1,)
