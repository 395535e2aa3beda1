"""The clock every entry point takes: set by HUDDLE_NOW, local dates in any time zone."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from meeting.foundations.clock import Clock, FixedClock, StartedClock, clock_from_env
from meeting.foundations.errors import HuddleError
from storage.db import Database
from tests.cli.helpers import invoke


@pytest.fixture
def far_east(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """UTC+14, where 15:00 UTC is already tomorrow."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_huddle_now_freezes_a_command_and_starts_the_tui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUDDLE_NOW", "2028-02-29T23:50:00+00:00")
    frozen = clock_from_env()
    assert isinstance(frozen, FixedClock)
    assert frozen.now() == dt.datetime(2028, 2, 29, 23, 50, tzinfo=dt.UTC)
    assert frozen.today() == dt.date(2028, 2, 29)
    running = clock_from_env(runs=True)
    assert isinstance(running, StartedClock)
    assert running.now() >= dt.datetime(2028, 2, 29, 23, 50, tzinfo=dt.UTC)


def test_without_huddle_now_it_is_the_wall_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUDDLE_NOW")
    assert type(clock_from_env()) is Clock


def test_a_bad_huddle_now_is_one_line(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    monkeypatch.setenv("HUDDLE_NOW", "next tuesday")
    with pytest.raises(HuddleError, match="HUDDLE_NOW='next tuesday' is not a date"):
        clock_from_env()
    result = invoke(
        str(db_path), "meeting", "start", "--series", "Sync", "--new-series", "--no-open"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("huddle: HUDDLE_NOW='next tuesday' is not a date")
    assert "Traceback" not in result.output


def test_a_local_time_without_zone_is_read_in_the_machines_zone(
    far_east: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC))
    assert clock.today() == dt.date(2026, 11, 24)  # 05:00 on the 24th in Kiritimati
    monkeypatch.setenv("HUDDLE_NOW", "2026-11-24T05:00:00")
    assert clock_from_env().now() == clock.now()


def test_dates_agree_far_from_utc(far_east: None, db: Database) -> None:
    """An action made at 05:00 local time is made today, not yesterday, and is due today
    when its due date is today's local date."""
    from meeting.agenda.meetings import start_meeting
    from meeting.entries import actions
    from meeting.reads import history

    clock = FixedClock(dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC))
    meeting_id, _ = start_meeting(
        db, clock=clock, facilitator="Dana", create_series_if_missing=True
    )
    actions.add_action(
        db,
        meeting_id=meeting_id,
        text="Call back",
        owner="Sam",
        owner_team="sales",
        due=clock.today(),
        clock=clock,
    )
    [row] = history.list_actions(db, history.ActionFilter(), today=clock.today())
    assert row.made_on == dt.date(2026, 11, 24)
    assert row.age_days(clock.today()) == 0
    assert not row.is_overdue(clock.today())
    clock.advance(24 * 3600)
    assert row.is_overdue(clock.today())
