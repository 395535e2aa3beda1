"""Time comes from a clock object so tests can freeze and advance it."""

from __future__ import annotations

import datetime as dt


class Clock:
    """Wall-clock time: `now()` is aware UTC, `today()` is the local calendar date."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return self.now().astimezone().date()


class FixedClock(Clock):
    """A clock that only moves when told to."""

    def __init__(self, start: dt.datetime) -> None:
        self.current = start if start.tzinfo else start.replace(tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        return self.current

    def today(self) -> dt.date:
        return self.current.date()

    def advance(self, seconds: float) -> None:
        self.current += dt.timedelta(seconds=seconds)
