"""The home screen's Core queries name columns of their own; they must match the schema."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import TypeDecorator
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (the tables register themselves)
from meeting.agenda import home, meetings
from meeting.agenda.lookup import list_meetings, overview, running_meeting
from storage import tables


def test_light_tables_match_the_schema() -> None:
    """Every column the Core clauses name exists, and converts its values as the table
    classes do: a time read by History is the same aware UTC time the ORM reads."""
    aware = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    sqlite = sqlite_dialect()
    for light in tables.ALL:
        real = SQLModel.metadata.tables[light.name]
        for column in light.columns:
            assert column.name in real.c, f"{light.name}.{column.name}"
            declared, actual = column.type, real.c[column.name].type
            if type(declared).__name__ == "NullType":
                continue  # untyped: nothing to convert
            where = f"{light.name}.{column.name}"
            assert type(declared).__name__ == type(actual).__name__, where
            if isinstance(actual, TypeDecorator):
                assert isinstance(declared, TypeDecorator), where
                stored = actual.process_bind_param(aware, sqlite)
                assert declared.process_bind_param(aware, sqlite) == stored, where
                naive = aware.replace(tzinfo=None)
                assert declared.process_result_value(naive, sqlite) == (
                    actual.process_result_value(naive, sqlite)
                ), where


def test_summary_counts_what_the_orm_counts(demo_db, clock) -> None:  # type: ignore[no-untyped-def]
    meetings.start_meeting(demo_db, clock=clock)
    summary = home.home_summary(demo_db, clock=clock)
    assert summary.overview == overview(demo_db, clock=clock)
    assert summary.running == running_meeting(demo_db)
    assert summary.recent[:5] == list_meetings(demo_db, limit=5)
    assert summary.overview.overdue_actions > 0 and summary.overview.meetings == 14
