"""Time comes from a clock object so tests can freeze and advance it.

Every entry point (the CLI, the TUI, the demo) asks `clock_from_env()` for its clock, so a
test, a demo or a screenshot can set the moment huddle believes it is with `HUDDLE_NOW`
without touching the machine's clock.
"""

from __future__ import annotations

import datetime as dt
import os
import time

NOW_VARIABLE = "HUDDLE_NOW"


class Clock:
    """Wall-clock time: `now()` is aware UTC, `today()` is the local calendar date."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return self.now().astimezone().date()


class FixedClock(Clock):
    """A clock that only moves when told to.

    Its `today()` is the local date of its instant, as for the wall clock, so dates typed
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
    from meeting.errors import HuddleError

    text = os.environ.get(NOW_VARIABLE, "").strip()
    if not text:
        return Clock()
    try:
        instant = parse_instant(text)
        return StartedClock(instant) if runs else FixedClock(instant)
    except ValueError:
        raise HuddleError(
            f"{NOW_VARIABLE}={text!r} is not a date and time "
            f"(use ISO 8601, e.g. 2026-11-23T15:00:00+00:00, or unset it)"
        ) from None
