"""Copying a whole huddle database to another one (SQLite to PostgreSQL and back): how a
team moves to a shared server, and how a server database is backed up as a file huddle
opens. Portable SQLAlchemy Core throughout; the one dialect step is in `dialect.py`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, insert, select

from storage.db import Database, shown_url
from storage.dialect import after_explicit_ids
from storage.errors import DatabaseError

CHUNK = 5_000  # rows per insert: bounded memory on a big history


@dataclass
class Copied:
    table: str
    rows: int


# Each database's own count of the writes made to it (storage/db.py): never copied or
# emptied, as every write there moves it on, the copy's own included.
OWN_COUNT = "contentrevision"


def huddle_tables() -> list[Table]:
    """Every table of the schema that holds the team's data, each after the tables it
    points at."""
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401  (registers the tables)

    return [table for table in SQLModel.metadata.sorted_tables if table.name != OWN_COUNT]


def row_counts(db: Database) -> dict[str, int]:
    with db.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in huddle_tables()
        }


# Rows huddle writes by itself (the agreements' defaults on first read, a terminal's presence,
# the time zone a new database starts with): they do not make a database one that holds a
# team's data. An agreement's version does.
UNASKED = frozenset({"agreement", "presence", "setting"})
# The database's settings (its time zone): kept when it is emptied, taken from the source by
# a copy.
SETTINGS = "setting"
# Kept when a database is emptied to start afresh: how the team works (its time zone, its
# own agenda templates), not what it recorded.
KEPT_WHEN_EMPTIED = frozenset({SETTINGS, "agendatemplate"})


def holds_data(db: Database) -> bool:
    """Whether anyone recorded anything: a person, a series, a meeting, a lead... (a
    database with only the team's own templates is empty, as `db fresh` leaves it)."""
    ignored = UNASKED | KEPT_WHEN_EMPTIED
    return any(count for name, count in row_counts(db).items() if name not in ignored)


def empty_database(db: Database, *, as_copied: dict[str, int] | None = None) -> None:
    """Delete every row but the team's settings and templates, in one transaction, the
    tables that point at others first; the schema stays, and other terminals see all of it
    or none. `as_copied`: the row counts of a copy just taken; a database that changed
    since (another terminal wrote) is refused, in the same transaction, so nothing is
    emptied that the copy does not hold."""
    with db.write() as session:
        if as_copied is not None:
            now: dict[str, int] = {
                t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
                for t in huddle_tables()
            }
            if now != as_copied:
                raise DatabaseError(
                    "the database changed while it was being copied; nothing was emptied "
                    "(run the command again)"
                )
        for table in reversed(huddle_tables()):
            if table.name not in KEPT_WHEN_EMPTIED:
                session.execute(delete(table))


def copy_database(source: Database, target: Database) -> list[Copied]:
    """Copy every row of `source` into the empty `target` (both at the current schema), in
    one transaction on the target, then check that every table holds as many rows as the
    source's. A target with any huddle data is refused: nothing is merged."""
    held = {name: count for name, count in row_counts(target).items() if count and name != SETTINGS}
    if held:
        name, count = next(iter(held.items()))
        raise DatabaseError(
            f"{shown_url(target.url)} is not empty ({count} rows in {name}); copy into a new, "
            "empty database"
        )
    tables = huddle_tables()
    with source.connect() as reading, target.write() as session:
        writing = session.connection()
        for table in tables:
            if table.name == SETTINGS:
                writing.execute(delete(table))
            rows = reading.execute(select(table).order_by(*table.primary_key))
            while batch := rows.fetchmany(CHUNK):
                values = [dict(row._mapping) for row in batch]
                _refuse_nul(table, values)
                writing.execute(insert(table), values)
        after_explicit_ids(writing, tables)
    expected, found = row_counts(source), row_counts(target)
    for table in tables:
        if found[table.name] != expected[table.name]:
            raise DatabaseError(
                f"the copy of {table.name} holds {found[table.name]} rows, the source "
                f"{expected[table.name]}: do not use {shown_url(target.url)}"
            )
    return [Copied(t.name, expected[t.name]) for t in tables]


def _refuse_nul(table: Table, rows: list[dict[str, Any]]) -> None:
    """A NUL character (kept by SQLite files written before huddle refused it) is named with
    its row, so it can be put right in the source before copying: PostgreSQL cannot keep it."""
    for row in rows:
        for column, value in row.items():
            if isinstance(value, str) and "\x00" in value:
                key = ", ".join(f"{c.name} {row[c.name]}" for c in table.primary_key)
                raise DatabaseError(
                    f"{table.name} ({key}) holds a NUL character (\\x00) in {column}, which "
                    "PostgreSQL cannot keep: edit that text in the source (or remove the "
                    "character with sqlite3), then copy again; nothing was copied"
                )


def check_server(db: Database) -> tuple[list[str], bool]:
    """`huddle db check` on a server database: the schema version, and every reference
    (each foreign key's rows point at rows that exist)."""
    from storage.db import HEAD_REVISION, KNOWN_REVISIONS, schema_revision

    lines = [f"database: {shown_url(db.url)} ({db.engine.dialect.name})"]
    revision, _ = schema_revision(db.engine)
    ok = True
    if revision is None:
        return [*lines, "schema: not a huddle database (no schema version)"], False
    if revision not in KNOWN_REVISIONS:
        lines.append(f"schema: {revision}, newer than this huddle knows (upgrade huddle)")
        ok = False
    elif revision != HEAD_REVISION:
        lines.append(f"schema: {revision}, older: huddle db upgrade will migrate it")
    else:
        lines.append(f"schema: {revision}, current")
    broken = 0
    with db.connect() as conn:
        for table in huddle_tables():
            for key in table.foreign_keys:
                # Aliased: a key may point into its own table (an entry's theme is an item).
                referenced = key.column.table.alias("referenced")
                child, parent = key.parent, referenced.c[key.column.name]
                orphans = (
                    select(func.count())
                    .select_from(table.outerjoin(referenced, child == parent))
                    .where(child.is_not(None), parent.is_(None))
                )
                broken += conn.execute(orphans).scalar_one()
    if broken:
        ok = False
        lines.append(f"references: {broken} rows point at missing rows")
    else:
        lines.append("references: ok")
    return lines, ok
