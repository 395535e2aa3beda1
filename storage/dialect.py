"""The one place for SQL that only one database speaks. Everything else in huddle is
portable SQLAlchemy; what differs between SQLite and PostgreSQL is written here, marked
by dialect."""

from __future__ import annotations

from sqlalchemy import Connection, Table, text


def after_explicit_ids(conn: Connection, tables: list[Table]) -> None:
    """Rows bulk-inserted with their ids (the demo, a copy) leave PostgreSQL's id sequences
    where they were; move each past the largest id, so the next insert gets a free one.
    SQLite takes the next id from the table itself: nothing to do."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
            )
        )
