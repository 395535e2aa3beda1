"""A write that breaks a rule of the database (usually another terminal's save of the same
thing in the same moment) is one clear error on either database, and nothing of it stays."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from storage.errors import WriteConflict
from storage.models import Meeting, Series


def test_a_conflicting_write_is_one_error_and_keeps_nothing(db, clock) -> None:  # type: ignore[no-untyped-def]
    from meeting.meetings import start_meeting

    meeting_id, _ = start_meeting(db, clock=clock, facilitator="Sam")
    with db.read() as session:
        series_id = session.exec(select(Series.id)).one()
    conflict = pytest.raises(WriteConflict, match="another terminal saved a change")
    with conflict as caught, db.write() as session:
        session.add(Series(name="Other", created_at=clock.now()))
        # A second running meeting of the series: the database's own rule refuses it.
        session.add(Meeting(series_id=series_id, date=dt.date(2026, 11, 24), template_key="sync"))
    assert len(str(caught.value).splitlines()) == 1
    with db.read() as session:
        assert session.exec(select(Series.name)).all() == ["Weekly sync"]
        assert session.exec(select(Meeting.id)).all() == [meeting_id]


def test_writers_take_turns_on_postgresql(postgres) -> None:  # type: ignore[no-untyped-def]
    """As BEGIN IMMEDIATE does on SQLite: while one writer holds the lock, another waits
    its busy time, then is told the database is busy; readers never wait."""
    from sqlalchemy import create_engine, text

    from storage.db import open_database
    from storage.dialect import WRITER_LOCK
    from storage.errors import DatabaseBusy

    url = postgres.fresh()
    db = open_database(url, busy_ms=200)
    other = create_engine(url)
    try:
        with other.begin() as holder:
            holder.execute(text(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})"))
            with pytest.raises(DatabaseBusy, match="busy"), db.write() as session:
                session.add(Series(name="Blocked", created_at=dt.datetime.now(dt.UTC)))
            with db.read() as session:
                assert session.exec(select(Series.name)).all() == []
        with db.write() as session:  # the lock is free again
            session.add(Series(name="Later", created_at=dt.datetime.now(dt.UTC)))
    finally:
        other.dispose()
        db.dispose()
