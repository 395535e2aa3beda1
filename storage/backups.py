"""Copies taken before an upgrade (and by `huddle db backup`): a SQLite file copied whole
with the backup API, or a server database copied into a SQLite file at its own schema.

Below `storage.opening`, which takes one before it migrates an older database.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine

from storage.errors import DatabaseError
from storage.files import (
    SIDECARS,
    create_file,
    file_mode,
    finish_mode,
    put_in_place,
    remove_dead_partials,
)


def backup_copy(
    engine: Engine,
    target: Path,
    *,
    source: Path | None,
    private: bool = False,
    of_revision: str | None = None,
    said: list[str] | None = None,
) -> Path | None:
    """A consistent copy of a live SQLite database, taken with the backup API and written
    whole or not at all: a second copy to the same path replaces the first (one backup per
    upgraded revision, not one per attempt). The copy is no more readable than `source`,
    the database file, from its first byte, nor than the umask allows; a private copy is
    readable by its owner only. A partial copy left by a killed backup is removed.

    With `of_revision`, the copy is kept only if it is of that schema: when another
    terminal upgraded the database meanwhile, nothing is written (returns None), so a
    backup named for a schema always holds that schema. Leftover -wal and -shm files of an
    earlier file at `target` are set aside, and `said` gets the line saying so."""
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    remove_dead_partials(target.parent, f".{target.name}.partial-")
    for leftover in ("", *SIDECARS):
        partial.with_name(partial.name + leftover).unlink(missing_ok=True)
    mode = file_mode(source) & (0o600 if private else 0o666)
    create_file(partial, mode)
    raw = engine.raw_connection()
    try:
        dest = sqlite3.connect(partial)
        try:
            driver = raw.driver_connection
            assert isinstance(driver, sqlite3.Connection)  # a SQLite engine's driver is sqlite3
            driver.backup(dest)
        finally:
            dest.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"backup failed: {exc}") from exc
    finally:
        raw.close()
    if of_revision is not None and _revision_of(partial) != of_revision:
        partial.unlink(missing_ok=True)
        return None
    finish_mode(partial, mode)
    _told(said, put_in_place(partial, target))
    return target


def server_backup_at(
    engine: Engine, revision: str, target: Path, *, said: list[str] | None = None
) -> Path:
    """A server database at an older schema, copied before `huddle db upgrade` migrates it:
    a SQLite file at that same schema (huddle opens it, and upgrades it, anywhere), owner-only,
    read in one snapshot, every table's row count checked, moved into place whole."""
    from sqlalchemy import MetaData, create_engine, delete, func, insert, select

    from storage.copy import CHUNK
    from storage.migrate import upgrade

    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    leftovers = [partial.with_name(partial.name + suffix) for suffix in ("", *SIDECARS)]
    remove_dead_partials(target.parent, f".{target.name}.partial-")
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    create_file(partial, 0o600)
    # No huddle pragmas: a plain file written once, foreign keys as the server held them.
    copy = create_engine(f"sqlite:///{partial}")
    try:
        upgrade(copy, revision)
        tables = MetaData()
        tables.reflect(copy)
        held = MetaData()
        with engine.connect() as reading:
            reading = reading.execution_options(isolation_level="REPEATABLE READ")
            now = reading.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            if now != revision:  # the snapshot starts here: someone upgraded it meanwhile
                raise DatabaseError(
                    f"the database changed from schema {revision} to {now} while huddle was "
                    "backing it up; nothing was upgraded (run huddle db upgrade again)"
                )
            held.reflect(reading)
            counts: dict[str, int] = {}
            with copy.begin() as writing:
                for table in tables.sorted_tables:
                    if table.name == "alembic_version":
                        continue
                    writing.execute(delete(table))  # a migration's own row (the time zone)
                    source = held.tables[table.name]
                    rows = reading.execute(select(*(source.c[c.name] for c in table.columns)))
                    while batch := rows.fetchmany(CHUNK):
                        writing.execute(insert(table), [dict(row._mapping) for row in batch])
                    counts[table.name] = reading.execute(
                        select(func.count()).select_from(source)
                    ).scalar_one()
        with copy.connect() as written:
            for name, count in counts.items():
                found = written.execute(
                    select(func.count()).select_from(tables.tables[name])
                ).scalar_one()
                if found != count:
                    raise DatabaseError(
                        f"the backup of {name} holds {found} rows, the database {count}; "
                        "nothing was upgraded (run huddle db upgrade again)"
                    )
        copy.dispose()
        finish_mode(partial, 0o600)
        _told(said, put_in_place(partial, target))
    finally:
        copy.dispose()
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    return target


def _told(said: list[str] | None, lines: list[str]) -> None:
    if said is not None:
        said.extend(lines)


def _revision_of(path: Path) -> str | None:
    with closing(sqlite3.connect(path)) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])
