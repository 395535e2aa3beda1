"""Looking after a database: backups (the one before an upgrade and `huddle db backup`)
and the `huddle db check` report."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from storage.db import HEAD_REVISION, KNOWN_REVISIONS, Database
from storage.errors import DatabaseError
from storage.files import (
    SIDECARS,
    SQLITE_HEADER,
    create_file,
    file_mode,
    finish_mode,
    network_warning,
    read_only_uri,
    remove_dead_partials,
    sidecar_tidier,
)


def backup_to(db: Database, target: Path) -> Path:
    """`huddle db backup`: a copy only its owner can read, at a path the user chose."""
    if target.is_dir():
        raise DatabaseError(f"{target} is a directory (give a file name)")
    if not target.parent.is_dir():
        raise DatabaseError(f"folder {target.parent} does not exist (create it first)")
    if db.path is None:
        return _server_to_file(db, target)
    copied = backup_copy(db.engine, target, source=db.path, private=True)
    assert copied is not None  # kept whatever its schema: no of_revision
    return copied


def _server_to_file(db: Database, target: Path) -> Path:
    """A server database backed up as a SQLite file that huddle opens: a portable copy,
    written beside the target and moved into place whole."""
    from storage.copy import copy_database
    from storage.db import open_database

    draft = target.with_name(f".{target.name}.partial-{os.getpid()}")
    leftovers = [draft.with_name(draft.name + suffix) for suffix in ("", *SIDECARS)]
    remove_dead_partials(target.parent, f".{target.name}.partial-")
    try:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        copy = open_database(f"sqlite:///{draft}")
        try:
            copy_database(db, copy)
        finally:
            copy.dispose()  # the WAL folds into the file
        os.replace(draft, target)
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    return target


def backup_copy(
    engine: Engine,
    target: Path,
    *,
    source: Path | None,
    private: bool = False,
    of_revision: str | None = None,
) -> Path | None:
    """A consistent copy of a live SQLite database, taken with the backup API and written
    whole or not at all: a second copy to the same path replaces the first (one backup per
    upgraded revision, not one per attempt). The copy is no more readable than `source`,
    the database file, from its first byte, nor than the umask allows; a private copy is
    readable by its owner only. A partial copy left by a killed backup is removed.

    With `of_revision`, the copy is kept only if it is of that schema: when another
    terminal upgraded the database meanwhile, nothing is written (returns None), so a
    backup named for a schema always holds that schema."""
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
            raw.driver_connection.backup(dest)  # type: ignore[union-attr]
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
    os.replace(partial, target)
    return target


def server_backup_at(engine: Engine, revision: str, target: Path) -> Path:
    """A server database at an older schema, copied before `huddle db upgrade` migrates it:
    a SQLite file at that same schema (huddle opens it, and upgrades it, anywhere), owner-only,
    read in one snapshot, every table's row count checked, moved into place whole."""
    from sqlalchemy import MetaData, create_engine, func, insert, select

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
        os.replace(partial, target)
    finally:
        copy.dispose()
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    return target


def _revision_of(path: Path) -> str | None:
    with closing(sqlite3.connect(path)) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


@dataclass
class CheckReport:
    lines: list[str]
    ok: bool


def check_database(path: Path) -> CheckReport:
    """Read-only checks a person can run any time: file, schema, integrity, foreign keys."""
    lines: list[str] = []
    if not path.exists():
        return CheckReport([f"{path}: no such file"], False)
    if path.is_dir():
        return CheckReport([f"{path}: a directory, not a database file"], False)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        return CheckReport([f"{path}: cannot be read ({exc.strerror or exc})"], False)
    if header != SQLITE_HEADER:
        return CheckReport([f"{path}: not a SQLite database (its first bytes say so)"], False)
    lines.append(f"file: {path} ({path.stat().st_size:,} bytes), a SQLite database")
    tidy = sidecar_tidier(path)
    report = _check_sqlite(path, lines)
    if not report.ok:
        tidy()
    return report


def _check_sqlite(path: Path, lines: list[str]) -> CheckReport:
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)  # immutable on a read-only mount
    except DatabaseError as exc:  # a read-only file whose -wal cannot be read
        return CheckReport([*lines, f"cannot check it: {exc}"], False)
    except sqlite3.Error as exc:
        return CheckReport([*lines, f"cannot open it: {exc}"], False)
    ok = True
    try:
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            revision = None
            if "no such table" not in str(exc):
                conn.close()
                return CheckReport([*lines, f"cannot read it: {exc}"], False)
        if revision is None:
            lines.append("schema: not a huddle database (no schema version)")
            ok = False
        elif revision[0] not in KNOWN_REVISIONS:
            lines.append(f"schema: {revision[0]}, newer than this huddle knows (upgrade huddle)")
            ok = False
        elif revision[0] != HEAD_REVISION:
            lines.append(f"schema: {revision[0]}, older: huddle db upgrade will migrate it")
        else:
            lines.append(f"schema: {revision[0]}, current")
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        except sqlite3.DatabaseError as exc:
            problems, foreign = [str(exc)], []
        if problems == ["ok"]:
            lines.append("integrity_check: ok")
        else:
            ok = False
            lines.append("integrity_check: " + "; ".join(problems[:5]))
        if foreign:
            ok = False
            lines.append(f"foreign_key_check: {len(foreign)} rows point at missing rows")
        else:
            lines.append("foreign_key_check: ok")
    finally:
        conn.close()
    warning = network_warning(path)
    if warning:
        lines.append(f"warning: {warning}")
    return CheckReport(lines, ok)
