"""Emailing an ended meeting's minutes, as `huddle send` and the summary screen do it: who
gets them (and who was sent them before, and who has no address), then the message sent
and each address that took it recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meeting.agenda.meetings import get_meeting
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.reports.calendar import series_calendar
from meeting.reports.file_names import series_slug
from meeting.reports.mail import SmtpSettings, minutes_message, send_message
from meeting.reports.sending import ended_minutes, recipients, record_sent, sent_before
from storage.db import Database


@dataclass
class EmailPlan:
    meeting_id: int
    series: str
    date: dt.date
    minutes: str
    going: list[tuple[str, str | None]]  # (address, name)
    repeated: list[tuple[str, dt.datetime]]  # sent before: (address, when)
    unreachable: list[str]  # people with no address

    @property
    def title(self) -> str:
        return f"Minutes: {self.series}, {self.date}"

    @property
    def calendar_name(self) -> str:
        return f"{series_slug(self.series)}.ics"

    def names(self) -> str:
        """Who gets them, as a line says it: names where known, else addresses."""
        return ", ".join(name or address for address, name in self.going)


def plan_email(db: Database, meeting_id: int, wanted: list[str], *, again: bool) -> EmailPlan:
    """Who the minutes would go to now: `wanted` as `huddle send --to` takes it, less the
    addresses that have them already (unless `again`). The meeting must have ended."""
    minutes = ended_minutes(db, meeting_id)
    meeting = get_meeting(db, meeting_id)
    found = recipients(db, meeting_id, wanted)
    before = sent_before(db, meeting_id, "email")
    going, repeated = [], []
    for address, name in found.addresses:
        when = before.get(address.lower())
        if when is not None and not again:
            repeated.append((address, when))
        else:
            going.append((address, name))
    return EmailPlan(
        meeting_id, meeting.series, meeting.date, minutes, going, repeated, found.unreachable
    )


def send_email(
    db: Database, plan: EmailPlan, settings: SmtpSettings, *, by: str | None, clock: Clock
) -> list[str]:
    """Send the planned message; record and return the addresses the server took."""
    if not plan.going:
        raise HuddleError("nobody to email: every address given has the minutes already")
    calendar, _ = series_calendar(db, plan.series, clock=clock)
    addresses = [address for address, _ in plan.going]
    message = minutes_message(
        plan.minutes,
        title=plan.title,
        sender=settings.sender,
        to=addresses,
        now=clock.now(),
        calendar=calendar.to_ical(),
        calendar_name=plan.calendar_name,
    )
    taken = send_message(settings, message, addresses)
    record_sent(db, plan.meeting_id, "email", taken, by=by, clock=clock)
    return taken
