"""A series' calendar: each cadence its RRULE; names reach the file inert, on one line."""

from __future__ import annotations

from icalendar import Calendar

from meeting.agenda import meetings
from meeting.foundations.clock import FixedClock
from meeting.reports.calendar import series_calendar
from storage.db import Database


def test_each_cadence_has_its_rule(db: Database, clock: FixedClock) -> None:
    for cadence, rule in (
        ("biweekly", {"FREQ": ["WEEKLY"], "INTERVAL": [2]}),
        ("monthly", {"FREQ": ["MONTHLY"], "INTERVAL": [1]}),
    ):
        name = f"Every {cadence}\x1b[31m\nnext"
        meetings.start_meeting(
            db, clock=clock, series=name, cadence=cadence, create_series_if_missing=True
        )
        made, planned = series_calendar(db, name, clock=clock)
        parsed = Calendar.from_ical(made.to_ical().decode())
        (event,) = parsed.walk("VEVENT")
        assert planned == 0 and dict(event["rrule"]) == rule
        assert str(event["summary"]) == f"Every {cadence}\\x1b[31m ↵ next"  # inert, one line
