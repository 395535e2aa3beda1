"""The benchmarks' generator fills a PostgreSQL database with the same history as a SQLite
file (the growth table is measured on both), and leaves it one huddle can go on writing to."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bench.generate import fill, generate
from meeting.agenda.meetings import start_meeting
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from storage.copy import row_counts
from storage.models import ActionItem, Person, table_of
from storage.opening import open_database
from tests.postgres import PostgresServer

SIZES = {"meetings": 50, "actions": 300, "leads": 20}


def action_rows(url: str) -> list[tuple[object, ...]]:
    db = open_database(url)
    try:
        items = table_of(ActionItem)
        with db.connect() as conn:
            query = select(items.c.id, items.c.owner_id, items.c.status, items.c.due)
            return [tuple(row) for row in conn.execute(query.order_by(items.c.id))]
    finally:
        db.dispose()


def test_a_server_database_gets_the_same_rows_as_a_file(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    url = postgres.fresh()
    on_file = generate(tmp_path / "growth.db", **SIZES)
    assert fill(url, **SIZES) == on_file
    sqlite = open_database(f"sqlite:///{tmp_path / 'growth.db'}")
    server = open_database(url)
    try:
        assert row_counts(server) == row_counts(sqlite)
    finally:
        sqlite.dispose()
        server.dispose()
    assert action_rows(url) == action_rows(f"sqlite:///{tmp_path / 'growth.db'}")


def test_the_filled_server_database_takes_new_rows(
    postgres: PostgresServer, clock: FixedClock
) -> None:
    """The ids were given by the generator: the server's sequences must be past them, or
    the first person or meeting added after the load collides with the first one loaded."""
    url = postgres.fresh()
    fill(url, **SIZES)
    db = open_database(url)
    try:
        add_person(db, "Someone New", "sales")
        meeting_id, _ = start_meeting(db, clock=clock, facilitator="Someone New")
        people = table_of(Person)
        with db.connect() as conn:
            new = conn.execute(select(people.c.id).where(people.c.name == "Someone New"))
            assert new.scalar_one() == 121  # the generator made 120
    finally:
        db.dispose()
    assert meeting_id == SIZES["meetings"] + 1


def test_a_database_holding_data_is_not_filled_again(postgres: PostgresServer) -> None:
    url = postgres.fresh()
    fill(url, **SIZES)
    with pytest.raises(SystemExit, match="holds data"):
        fill(url, **SIZES)
