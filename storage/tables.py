"""The columns huddle's read-only screens query, as SQLAlchemy Core table clauses.

Home, History and Leads are read with Core alone, so a session that only looks (a manager going
through months of action items) never imports SQLModel, pydantic and the table classes:
about 0.2 s of start-up and 19 MiB of memory; so is the meeting screen's first frame, which
loads the ORM only once it is painted. The rule: `meeting.reads` and the first frames of
home and the meeting read through these clauses and nothing else; the write side uses the
ORM, and bulk work that has loaded it anyway uses Core over `table_of(Model)`, the model's
own table.

These clauses name only columns; the tables themselves are defined once, in
`storage.models`, and tests/storage/test_tables.py holds every column here to them: the same
name, and the same type wherever the type converts values (dates, times), so a clause cannot
drift from its model. The status columns carry their type too: compared with a status member
(a `str` subclass SQLAlchemy does not know), they bind it as the text it is, as they bind a
plain string. Add a column here when a read needs it, never a table of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    Interval,
    String,
    TypeDecorator,
    column,
    table,
)
from sqlalchemy.types import TypeEngine


class UTCDateTime(TypeDecorator[dt.datetime]):
    """What the table classes' datetime columns do (SQLModel's type of the same name, which
    cannot be imported without SQLModel): aware datetimes in, UTC datetimes out."""

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def coerce_compared_value(self, op: Any, value: Any) -> TypeEngine[Any]:
        return Interval() if isinstance(value, dt.timedelta) else self

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("a stored time must be aware (it is kept in UTC)")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:  # SQLite keeps UTC without an offset
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


PERSON = table("person", column("id"), column("name"), column("team"))
SERIES = table("series", column("id"), column("name"), column("cadence"))
MEETING = table(
    "meeting",
    column("id"),
    column("date", Date),
    column("series_id"),
    column("facilitator_id"),
    column("status", String),
    column("template_key"),
    column("current_position"),
    column("started_at", UTCDateTime()),
    column("ended_at", UTCDateTime()),
)
SECTION = table(
    "section",
    column("id"),
    column("meeting_id"),
    column("position"),
    column("kind"),
    column("key"),
    column("title"),
    column("timebox_seconds"),
    column("elapsed_seconds", Float),
    column("running_since", UTCDateTime()),
    column("hint"),
    column("anonymous", Boolean),
    column("phase"),
)
ATTENDANCE = table("attendance", column("meeting_id"), column("person_id"))
PRESENCE = table(
    "presence",
    column("meeting_id"),
    column("terminal"),
    column("who"),
    column("position"),
    column("opened_at", UTCDateTime()),
    column("seen_at", UTCDateTime()),
    column("person_id"),
)
PLANNED = table("plannedmeeting", column("series_id"), column("date", Date))
ACTION = table(
    "actionitem",
    column("id"),
    column("meeting_id"),
    column("series_id"),
    column("text"),
    column("owner_id"),
    column("due", Date),
    column("status", String),
    column("created_at", UTCDateTime()),
    column("closed_at", UTCDateTime()),
    column("deleted_at", UTCDateTime()),
)
ACTION_EVENT = table(
    "actionevent",
    column("id"),
    column("action_id"),
    column("at", UTCDateTime()),
    column("kind"),
    column("meeting_id"),
    column("old"),
    column("new"),
    column("by_id"),
)
HEADSUP = table(
    "headsup",
    column("id"),
    column("text"),
    column("team"),
    column("kind"),
    column("starts_on", Date),
    column("ends_on", Date),
    column("meeting_id"),
    column("author_id"),
    column("created_at", UTCDateTime()),
    column("deleted_at", UTCDateTime()),
)
MINUTES = table("minutesrecord", column("meeting_id"), column("markdown"))
QUESTION = table(
    "leadquestion",
    column("id"),
    column("series_id"),
    column("meeting_id"),
    column("lead_id"),
    column("text"),
    column("asked_by_id"),
    column("assignee_id"),
    column("due", Date),
    column("status", String),
    column("answer"),
    column("outcome"),
    column("answered_at", UTCDateTime()),
    column("answered_by_id"),
    column("created_at", UTCDateTime()),
    column("deleted_at", UTCDateTime()),
)
METRIC_TARGET = table(
    "metrictarget", column("metric_id"), column("effective_from", Date), column("target", Float)
)
QUESTION_CARRY = table("questioncarry", column("question_id"), column("meeting_id"))
LEAD = table(
    "lead",
    column("id"),
    column("name"),
    column("company"),
    column("email"),
    column("crm_id"),
    column("owner_id"),
    column("status"),
    column("source"),
    column("updated_at", UTCDateTime()),
    column("handed_over_at", UTCDateTime()),
    column("first_touch_at", UTCDateTime()),
)
LEAD_DECISION = table(
    "leaddecision",
    column("id"),
    column("lead_id"),
    column("decision", String),
    column("reason"),
    column("decided_at", UTCDateTime()),
)

BROWSER = table("browser", column("key"), column("person_id"), column("chosen_at", UTCDateTime()))
CONTENT_REVISION = table("contentrevision", column("id"), column("revision"))

ALL = (
    PERSON,
    SERIES,
    MEETING,
    SECTION,
    ATTENDANCE,
    PRESENCE,
    PLANNED,
    ACTION,
    ACTION_EVENT,
    HEADSUP,
    MINUTES,
    QUESTION,
    LEAD,
    LEAD_DECISION,
    BROWSER,
    CONTENT_REVISION,
    QUESTION_CARRY,
    METRIC_TARGET,
)
