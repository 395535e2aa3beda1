"""The months and quarters a scorecard covers (and the weeks a waterfall may): each period's
first and last day in the team's calendar, read as people type them (`2026-11`, `2026-Q4`).
Apart from the figures: the CLI, the minutes and the export name periods without counting
anything."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meeting.foundations.clock import end_of, in_window, midnight
from meeting.foundations.errors import HuddleError

PERIODS = ("month", "quarter")
WATERFALL_PERIODS = ("week", "month", "quarter")


def period_kind(text: str, kinds: tuple[str, ...] = PERIODS) -> str:
    """`--period` as typed (` Month`), as one of `kinds`; any other is refused in a line
    that names them."""
    kind = text.strip().lower()
    if kind not in kinds:
        choose = f"{', '.join(kinds[:-1])} or {kinds[-1]}"
        raise HuddleError(f"unknown period {text!r} (choose {choose})")
    return kind


def span_of(kind: str, labels: list[str]) -> str:
    """What a table's header says of its periods: "by month, 2026-09 to 2026-11", or
    "in 2026-Q4" for one."""
    first, last = labels[0], labels[-1]
    return f"in {last}" if first == last else f"by {kind}, {first} to {last}"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        """The period in stored (UTC) times: from the team's midnight to its midnight."""
        return midnight(self.start), end_of(self.end)


def period_of(day: dt.date, kind: str) -> Period:
    if kind == "week":  # Monday to Sunday, named by its ISO week: 2026-W45
        start = day - dt.timedelta(days=day.weekday())
        year, week, _ = start.isocalendar()
        return Period(start, start + dt.timedelta(days=6), f"{year}-W{week:02d}")
    if kind == "month":
        start = day.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return Period(start, following - dt.timedelta(days=1), f"{start:%Y-%m}")
    first_month = (day.month - 1) // 3 * 3 + 1
    start = day.replace(month=first_month, day=1)
    following = (start + dt.timedelta(days=95)).replace(day=1)
    return Period(start, following - dt.timedelta(days=1), f"{start.year}-Q{first_month // 3 + 1}")


def parse_period(text: str, kind: str) -> Period:
    """`2026-11` for a month, `2026-Q4` for a quarter, `2026-W48` for a week."""
    value = text.strip().upper()
    try:
        if kind == "week":
            year, week = value.split("-W")
            first = dt.date.fromisocalendar(int(year), int(week), 1)
        elif kind == "quarter":
            year, quarter = value.split("-Q")
            if quarter not in ("1", "2", "3", "4"):
                raise ValueError
            first = dt.date(int(year), int(quarter) * 3 - 2, 1)
        else:
            first = dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        example = {"quarter": "2026-Q4", "week": "2026-W48"}.get(kind, "2026-11")
        raise HuddleError(f"bad {kind} {text!r}: write it as {example}") from None
    return period_of(in_window(first, text), kind)


def _periods_ending(last: Period, kind: str, count: int) -> list[Period]:
    chosen = [last]
    while len(chosen) < count:
        chosen.insert(0, period_of(chosen[0].start - dt.timedelta(days=1), kind))
    return chosen
