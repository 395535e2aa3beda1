"""The one place for SQL that only one database speaks. Everything else in huddle is
portable SQLAlchemy; what differs between SQLite and PostgreSQL is written here, marked
by dialect."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, Table, event, text

# One advisory lock key for huddle's writers on a PostgreSQL database ("huddle" in ASCII).
WRITER_LOCK = 0x6875646C6C65


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


def serialize_writers(engine: Engine, busy_ms: int) -> None:
    """PostgreSQL: each write transaction first takes one transaction-level advisory lock,
    so writers take turns as they do on SQLite (BEGIN IMMEDIATE): a check that precedes
    an insert (is a meeting running? is the name taken?) sees every write before it.
    Waiting longer than `busy_ms` fails as a busy database does."""

    @event.listens_for(engine, "begin")
    def _take_the_writer_lock(connection: Connection) -> None:
        if not connection.get_execution_options().get("huddle_write", False):
            return
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {int(busy_ms)}")
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
