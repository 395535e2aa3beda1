"""Alembic environment: the engine is handed in by `storage.migrate`, never read from a file."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from storage.dialect import broken_references, references_off_for_rebuild
from storage.errors import MigrationBroke

target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    # A writer's transaction (BEGIN IMMEDIATE on SQLite): two terminals upgrading at once
    # take turns, and the second finds the schema current once it has the lock.
    with engine.execution_options(huddle_write=True).connect() as connection:
        raw = connection.connection.driver_connection
        # A batch migration rebuilds a table (copy, drop, rename); with foreign keys on,
        # dropping a table that other rows point at fails. They are switched off for the
        # rebuild and every reference is checked before the commit instead.
        references_off_for_rebuild(raw, True)
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=True,
                transactional_ddl=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                broken = broken_references(connection)
                if broken:
                    table, row, parent, _ = broken[0]
                    raise MigrationBroke(
                        f"the upgrade would leave {len(broken)} broken references "
                        f"(first: {table} row {row} points at a missing {parent})"
                    )
            connection.commit()
        finally:
            references_off_for_rebuild(raw, False)


run_migrations_online()
