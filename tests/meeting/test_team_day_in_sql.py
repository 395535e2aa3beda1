"""The database's team day of a stored time is Python's, to the microsecond, on both
databases: either side of every change of offset from 2000 to 2100 and of the team's
midnights next to them, so figures counted in SQL agree with those counted in Python."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Column, MetaData, Table, insert, select

from meeting.foundations.clock import local_day, set_team_zone, utc_offsets
from storage.db import Database
from storage.dialect import day_on_clock
from storage.tables import UTCDateTime

TICK = dt.timedelta(microseconds=1)
ZONES = [
    "America/New_York",
    "America/Adak",  # UTC-10, -9 in summer
    "Pacific/Kiritimati",  # UTC+14, no daylight saving
    "America/Boa_Vista",  # summer time for one week, October 2000
    "Australia/Lord_Howe",  # half an hour of daylight saving
    "Asia/Kathmandu",  # +5:45
    "Africa/Casablanca",  # summer time paused each Ramadan
]


@pytest.mark.parametrize("name", ZONES)
def test_the_database_finds_the_teams_day_as_python_does(db: Database, name: str) -> None:
    zone = ZoneInfo(name)
    set_team_zone(zone)
    offsets = utc_offsets()
    instants = []
    for change, _ in offsets:
        instants += [change - TICK, change, change + TICK]
        midnight = dt.datetime.combine(local_day(change), dt.time(), zone).astimezone(dt.UTC)
        for near in (midnight, midnight + dt.timedelta(days=1)):
            instants += [near - TICK, near, near + TICK]
    instants += [dt.datetime(2028, 2, 29, 23, 50, tzinfo=dt.UTC)]
    # Typed as the tables' stored times are: text on SQLite, timestamptz on PostgreSQL.
    moments = Table("moments", MetaData(), Column("at", UTCDateTime()), prefixes=["TEMPORARY"])
    day = day_on_clock(moments.c.at, offsets, db.engine.dialect.name)
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":  # a session in another zone than the team
            conn.exec_driver_sql("SET LOCAL TIME ZONE 'Pacific/Kiritimati'")
        moments.create(conn)
        conn.execute(insert(moments), [{"at": moment} for moment in instants])
        found = [str(row) for row in conn.execute(select(day)).scalars()]
        conn.rollback()
    assert found == [local_day(moment).isoformat() for moment in instants]


def test_offsets_change_where_the_zone_does() -> None:
    set_team_zone(ZoneInfo("America/New_York"))
    offsets = dict(utc_offsets())
    # 2 a.m. on the second Sunday of March 2026 (07:00 UTC), and back on 1 November.
    assert offsets[dt.datetime(2026, 3, 8, 7, tzinfo=dt.UTC)] == -4 * 3600
    assert offsets[dt.datetime(2026, 11, 1, 6, tzinfo=dt.UTC)] == -5 * 3600
    assert len(offsets) == 1 + 2 * 100  # twice a year, 2000 to 2099
    set_team_zone(ZoneInfo("America/Boa_Vista"))
    week = [change for change, _ in utc_offsets() if change.year == 2000 and change.month == 10]
    assert week == [
        dt.datetime(2000, 10, 8, 4, tzinfo=dt.UTC),
        dt.datetime(2000, 10, 15, 3, tzinfo=dt.UTC),
    ]
