"""A series' meetings as an iCalendar file any calendar imports: each planned meeting an
event of its own, and the cadence after them one recurring event. UIDs are the database's
own ids, so a plan moved and exported again moves the same event instead of adding one."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from meeting.agenda.series import resolve_series
from meeting.foundations.clock import Clock
from meeting.foundations.dates import add_cadence
from meeting.foundations.text import one_line
from storage.db import Database
from storage.models import Meeting, PlannedMeeting, Series

if TYPE_CHECKING:
    from icalendar import Calendar

RULES = {
    "weekly": {"FREQ": "WEEKLY", "INTERVAL": 1},
    "biweekly": {"FREQ": "WEEKLY", "INTERVAL": 2},
    "monthly": {"FREQ": "MONTHLY", "INTERVAL": 1},
}
PRODUCT = "-//huddle//sales and marketing sync//EN"


def _uid(series: Series, what: str) -> str:
    """Stable for as long as the series lives: its id and the moment it was made."""
    made = series.created_at.strftime("%Y%m%dT%H%M%S")
    return f"huddle-{what}-series{series.id}-{made}@huddle"


def _next_by_cadence(db: Database, series: Series, after: list[dt.date], today: dt.date) -> dt.date:
    """The first meeting the cadence brings after the plans (or the last meeting held),
    not before today."""
    from sqlmodel import col, func, select

    if after:
        day = add_cadence(max(after), series.cadence)
    else:
        with db.read() as session:
            last = session.exec(
                select(func.max(col(Meeting.date))).where(Meeting.series_id == series.id)
            ).one()
        day = add_cadence(last, series.cadence) if last else today
    while day < today:
        day = add_cadence(day, series.cadence)
    return day


def series_calendar(db: Database, name: str, *, clock: Clock) -> tuple[Calendar, int]:
    """The calendar of series `name`, and how many planned meetings it holds."""
    from icalendar import Calendar, Event, vRecur
    from sqlmodel import col, select

    with db.read() as session:
        series = resolve_series(session, name)
        plans = list(
            session.exec(
                select(PlannedMeeting)
                .where(PlannedMeeting.series_id == series.id)
                .where(col(PlannedMeeting.date) >= clock.today())
                .order_by(col(PlannedMeeting.date))
            )
        )
    now = clock.now().astimezone(dt.UTC)
    # Later exports replace earlier ones: calendars keep the event with the higher number.
    sequence = int(now.timestamp() // 60)
    title = one_line(series.name)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    for plan in plans:
        event = Event()
        event.add("uid", _uid(series, f"plan{plan.id}"))
        event.add("summary", title)
        event.add("description", f"Agenda: {one_line(plan.template_key)}. Planned in huddle.")
        event.add("dtstart", plan.date)
        event.add("dtend", plan.date + dt.timedelta(days=1))
        event.add("dtstamp", now)
        event.add("sequence", sequence)
        calendar.add_component(event)
    rule = RULES.get(series.cadence)
    if rule is not None:
        first = _next_by_cadence(db, series, [p.date for p in plans], clock.today())
        event = Event()
        event.add("uid", _uid(series, "cadence"))
        event.add("summary", title)
        event.add("description", f"{series.cadence.capitalize()} meeting of {title} (huddle).")
        event.add("dtstart", first)
        event.add("dtend", first + dt.timedelta(days=1))
        event.add("rrule", vRecur(rule))
        event.add("dtstamp", now)
        event.add("sequence", sequence)
        calendar.add_component(event)
    return calendar, len(plans)
