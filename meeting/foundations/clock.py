"""Time comes from a clock object so tests can freeze and advance it; dates are the team's.

Every entry point (the CLI, the TUI, the demo) asks `clock_from_env()` for its clock, so a
test, a demo or a screenshot can set the moment huddle believes it is with `HUDDLE_NOW`
without touching the machine's clock.

A team works to one calendar: once the database is open, `use_team_zone(db)` makes its time
zone the one every date is worked out in (today, a stored time's day, a day's midnight),
whatever the TZ of the terminal. Before that (and in code that never opens one) it is the
machine's zone.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from typing import TYPE_CHECKING

from meeting.foundations.errors import HuddleError

if TYPE_CHECKING:
    from storage.db import Database

NOW_VARIABLE = "HUDDLE_NOW"


# The dates huddle takes: a meeting, a due date or a CSV row outside them is a typo (9999
# for 2026), and a date near either end of the calendar breaks the date arithmetic that a
# cadence, a due date or the minutes do later.
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)
WINDOW = f"huddle takes dates from {EARLIEST.isoformat()} to {LATEST.isoformat()}"


def in_window(day: dt.date, typed: str) -> dt.date:
    """`day` if it is one huddle takes; otherwise one line saying which dates it takes."""
    if not EARLIEST <= day <= LATEST:
        raise HuddleError(f"the date {typed.strip()!r} is out of range: {WINDOW}")
    return day


class _Team:
    zone: dt.tzinfo | None = None  # None: the machine's zone


def set_team_zone(zone: dt.tzinfo | None) -> None:
    _Team.zone = zone


def use_team_zone(db: Database) -> dt.tzinfo:
    """Work out every date in `db`'s time zone from now on (one database per process)."""
    from zoneinfo import ZoneInfo

    from storage.settings import team_zone_name

    zone = ZoneInfo(team_zone_name(db))
    set_team_zone(zone)
    return zone


def local(moment: dt.datetime) -> dt.datetime:
    """A stored (UTC) time on the team's wall clock."""
    return moment.astimezone(_Team.zone)


def local_day(moment: dt.datetime) -> dt.date:
    """The team's date of a stored (UTC) time."""
    return moment.astimezone(_Team.zone).date()


def on_team_clock(moment: dt.datetime) -> dt.datetime:
    """A time read off the team's wall clock (no offset given), made aware."""
    return moment.astimezone() if _Team.zone is None else moment.replace(tzinfo=_Team.zone)


def midnight(day: dt.date) -> dt.datetime:
    """The (UTC) moment `day` begins on the team's calendar."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=_Team.zone)
    return start.astimezone(dt.UTC)


def end_of(day: dt.date) -> dt.datetime:
    """The (UTC) moment `day` ends on the team's calendar (the next day's midnight): a
    stored time on `day` or before it is earlier."""
    return midnight(day + dt.timedelta(days=1))


# The instants `utc_offsets` covers: a day either side of the dates huddle takes, so every
# stored time of a date it takes falls inside. Offsets are sampled a day apart (no zone has
# held an offset for less than a week since 2000) and each change is then found to the
# second by halving, as tzdata's changes fall on whole seconds.
_SPAN = (
    dt.datetime.combine(EARLIEST, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=1),
    dt.datetime.combine(LATEST, dt.time(), tzinfo=dt.UTC) + dt.timedelta(days=2),
)
_SAMPLE = 86400


def utc_offsets() -> tuple[tuple[dt.datetime, int], ...]:
    """The team zone's offsets from UTC, in seconds, each with the (UTC) instant it takes
    effect, oldest first (the first also holds before its instant, the last after): lets
    the database work out a stored time's team day itself, daylight saving included."""
    zone = _Team.zone
    # The machine's zone can change under a running process (TZ): worked out afresh.
    return _offsets_of(zone) if zone is not None else _offsets_of.__wrapped__(None)


@functools.lru_cache(maxsize=8)
def _offsets_of(zone: dt.tzinfo | None) -> tuple[tuple[dt.datetime, int], ...]:
    def ahead(second: int) -> int:
        offset = dt.datetime.fromtimestamp(second, dt.UTC).astimezone(zone).utcoffset()
        assert offset is not None  # an aware time always has one
        return int(offset.total_seconds())

    start, stop = (int(moment.timestamp()) for moment in _SPAN)
    seconds = ahead(start)
    found = [(_SPAN[0], seconds)]
    low = start
    while low < stop:
        high = min(low + _SAMPLE, stop)
        if ahead(high) != seconds:
            while high - low > 1:  # the offset is `seconds` at low, another one at high
                middle = (low + high) // 2
                low, high = (middle, high) if ahead(middle) == seconds else (low, middle)
            seconds = ahead(high)
            found.append((dt.datetime.fromtimestamp(high, dt.UTC), seconds))
        low = high
    return tuple(found)


class Clock:
    """Wall-clock time: `now()` is aware UTC, `today()` is the team's calendar date."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return local_day(self.now())


class FixedClock(Clock):
    """A clock that only moves when told to.

    Its `today()` is the team's date of its instant, as for the wall clock, so dates typed
    and dates derived from stored timestamps agree in every time zone.
    """

    def __init__(self, start: dt.datetime) -> None:
        self.current = start if start.tzinfo else start.replace(tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += dt.timedelta(seconds=seconds)


class StartedClock(Clock):
    """A clock set to a given instant that then runs at the speed of real time, so a TUI
    started with `HUDDLE_NOW` still counts its section timers down."""

    def __init__(self, start: dt.datetime) -> None:
        self.start = start
        self.started = time.monotonic()

    def now(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=time.monotonic() - self.started)


def parse_instant(text: str) -> dt.datetime:
    """An ISO 8601 date or date and time; without a zone it is local time."""
    value = dt.datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.astimezone()  # the machine's zone, as a person reading a wall clock
    return value.astimezone(dt.UTC)


def clock_from_env(*, runs: bool = False) -> Clock:
    """The wall clock, or the moment `HUDDLE_NOW` names: frozen there for a command, so
    every date it works out agrees; running on from there (`runs`) for the TUI's timers."""
    text = os.environ.get(NOW_VARIABLE, "").strip()
    if not text:
        return Clock()
    try:
        try:
            in_window(dt.datetime.fromisoformat(text).date(), text)
        except HuddleError:
            raise HuddleError(
                f"{NOW_VARIABLE}={text!r} is out of range: {WINDOW} (set another or unset it)"
            ) from None
        instant = parse_instant(text)
        return StartedClock(instant) if runs else FixedClock(instant)
    except ValueError:
        raise HuddleError(
            f"{NOW_VARIABLE}={text!r} is not a date and time "
            f"(use ISO 8601, e.g. 2026-11-23T15:00:00+00:00, or unset it)"
        ) from None


def change_team_zone(db: Database, name: str) -> tuple[str, str]:
    """Make `name` (an IANA name such as Europe/Berlin) the database's time zone, and this
    process's; returns (the zone before, the zone now)."""
    from storage.settings import TIME_ZONE, team_zone_name, write_setting, zone_of

    zone = zone_of(name)
    if zone is None:
        raise HuddleError(
            f"unknown time zone {name.strip()!r}: give an IANA name such as Europe/Berlin, "
            "America/New_York or UTC"
        )
    before = team_zone_name(db)
    write_setting(db, TIME_ZONE, zone.key)
    set_team_zone(zone)
    return before, zone.key
