"""Dates as people type them in a meeting: ISO dates, `today`, `+3d`, `fri`."""

from __future__ import annotations

import datetime as dt
import re

from meeting.foundations.clock import in_window, on_team_clock
from meeting.foundations.errors import HuddleError

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DATE_HELP = "use YYYY-MM-DD, today, tomorrow, +3d, +2w or a weekday such as fri"
DATE_HINT = "YYYY-MM-DD, today, +3d, +2w, fri"  # the same, short enough for a form label


def parse_optional_date(text: str, today: dt.date) -> dt.date | None:
    """A form's date field: empty means no date."""
    return parse_date(text, today) if text.strip() else None


def parse_date(text: str, today: dt.date) -> dt.date:
    """A date as typed, one huddle takes (see `in_window`)."""
    return in_window(_parse_date(text, today), text)


def _parse_date(text: str, today: dt.date) -> dt.date:
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "tomorrow":
        return today + dt.timedelta(days=1)
    relative = re.fullmatch(r"([+-])(\d{1,3})\s*([dw])", value)
    if relative:
        amount = int(relative.group(2)) * (7 if relative.group(3) == "w" else 1)
        return today + dt.timedelta(days=-amount if relative.group(1) == "-" else amount)
    full_names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    if value[:3] in WEEKDAYS and any(name.startswith(value) for name in full_names):
        ahead = (WEEKDAYS.index(value[:3]) - today.weekday()) % 7 or 7
        return today + dt.timedelta(days=ahead)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HuddleError(f"bad date {text.strip()!r}: {DATE_HELP}") from None


def days_past(day: dt.date | None, today: dt.date) -> int:
    """How many days before today a date is; 0 for today, a later day or none. A due date
    typed in the past is nearly always a slip (2025 for 2026, -3d for +3d)."""
    return max((today - day).days, 0) if day is not None else 0


def past_due(due: dt.date | None, today: dt.date) -> str | None:
    """What the CLI says of a due date before today (it wants --past; a form asks); None for
    a date today or later."""
    if not days_past(due, today):
        return None
    assert due is not None
    return f"the due date {due.isoformat()} is in the past (today is {today.isoformat()})"


def parse_moment(text: str) -> dt.datetime:
    """A date and time from a CRM export: `2026-11-03 14:05`, ISO 8601 with or without an
    offset, or a date alone (its midnight). Without an offset it is the team's time."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise HuddleError(f"{text!r} is not a date and time (write 2026-11-03 14:05)") from None
    in_window(moment.date(), text)
    return on_team_clock(moment) if moment.utcoffset() is None else moment


def add_cadence(day: dt.date, cadence: str) -> dt.date:
    """The date of the next meeting of a series after `day`."""
    if cadence == "biweekly":
        return day + dt.timedelta(days=14)
    if cadence == "monthly":
        month = day.month % 12 + 1
        year = day.year + (day.month == 12)
        for last in (31, 30, 29, 28):
            try:
                return day.replace(year=year, month=month, day=min(day.day, last))
            except ValueError:
                continue
    return day + dt.timedelta(days=7)


CADENCES = ("weekly", "biweekly", "monthly")
