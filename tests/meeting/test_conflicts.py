"""A write that breaks a rule of the database (usually another terminal's save of the same
thing in the same moment) is one clear error on either database, and nothing of it stays."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from meeting.foundations.clock import FixedClock
from storage.db import Database
from storage.errors import WriteConflict
from storage.models import Meeting, Series, stored_id
from tests.postgres import PostgresServer


def test_a_conflicting_write_is_one_error_and_keeps_nothing(
    db: Database, clock: FixedClock
) -> None:
    from meeting.agenda.meetings import start_meeting

    meeting_id, _ = start_meeting(db, clock=clock, facilitator="Sam")
    with db.read() as session:
        series_id = session.exec(select(Series.id)).one()
    conflict = pytest.raises(WriteConflict, match="another terminal saved a change")
    with conflict as caught, db.write() as session:
        session.add(Series(name="Other", created_at=clock.now()))
        # A second running meeting of the series: the database's own rule refuses it.
        session.add(
            Meeting(series_id=stored_id(series_id), date=dt.date(2026, 11, 24), template_key="sync")
        )
    assert len(str(caught.value).splitlines()) == 1
    with db.read() as session:
        assert session.exec(select(Series.name)).all() == ["Weekly sync"]
        assert session.exec(select(Meeting.id)).all() == [meeting_id]


def test_writers_take_turns_on_postgresql(postgres: PostgresServer) -> None:
    """As BEGIN IMMEDIATE does on SQLite: while one writer holds the lock, another waits
    its busy time, then is told the database is busy; readers never wait."""
    from sqlalchemy import create_engine, text

    from storage.dialect import WRITER_LOCK
    from storage.errors import DatabaseBusy
    from storage.opening import open_database

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


def test_an_edit_over_a_change_made_meanwhile_is_refused(db: Database, clock: FixedClock) -> None:
    from meeting.agenda import meetings
    from meeting.entries import items
    from meeting.foundations.errors import ChangedMeanwhile

    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    section = meetings.get_meeting(db, meeting_id).sections[2].id
    entry = items.add_item(db, section, "Webinar leads", team="sales", clock=clock)
    items.update_item(db, entry, text="Webinar leads book demos", team="sales")  # elsewhere
    with pytest.raises(ChangedMeanwhile) as caught:
        items.update_item(
            db, entry, text="Webinar leads convert", team="sales", was="Webinar leads"
        )
    assert (caught.value.theirs, caught.value.mine) == (
        "Webinar leads book demos",
        "Webinar leads convert",
    )
    # The same text typed in both places is no conflict; neither is an edit of what is there.
    items.update_item(db, entry, text="Webinar leads book demos", team="sales", was="Webinar leads")
    items.update_item(db, entry, text="Final", team="sales", was="Webinar leads book demos")
    assert [i.text for i in items.items(db, section)] == ["Final"]


def test_an_action_reworded_meanwhile_is_not_overwritten(db: Database, clock: FixedClock) -> None:
    from meeting.agenda import meetings
    from meeting.entries import actions
    from meeting.foundations.errors import ChangedMeanwhile

    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    action = actions.add_action(
        db, meeting_id=meeting_id, text="Call Acme", owner="Sam", due=None, clock=clock
    )
    actions.update_action(db, action, text="Call Acme today", owner="Sam", due=None, clock=clock)
    with pytest.raises(ChangedMeanwhile):
        actions.update_action(
            db, action, text="Email Acme", owner="Priya", due=None, clock=clock, was="Call Acme"
        )
    row = actions.get_action(db, action)
    assert (row.text, row.owner) == ("Call Acme today", "Sam")  # nothing of the edit kept
