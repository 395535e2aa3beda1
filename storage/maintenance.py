"""Looking after a database: backups (the one before an upgrade and `huddle db backup`)
and the `huddle db check` report."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.backups import backup_copy
from storage.copy import copy_database
from storage.date_check import check_dates_sqlite, dates_ok
from storage.db import HEAD_REVISION, HUDDLE_TABLES, KNOWN_REVISIONS, Database
from storage.errors import DatabaseError
from storage.files import (
    SIDECARS,
    SQLITE_HEADER,
    network_warning,
    put_in_place,
    read_only_uri,
    remove_dead_partials,
    sidecar_tidier,
)
from storage.opening import is_backup, open_database


def backup_to(db: Database, target: Path, *, said: list[str] | None = None) -> Path:
    """`huddle db backup`: a copy only its owner can read, at a path the user chose.
    `said` gets a line for leftover -wal and -shm files set aside beside it."""
    if target.is_dir():
        raise DatabaseError(f"{target} is a directory (give a file name)")
    if not target.parent.is_dir():
        raise DatabaseError(f"folder {target.parent} does not exist (create it first)")
    if db.path is None:
        return _server_to_file(db, target, said)
    if target.exists() and target.samefile(db.path):
        raise DatabaseError(f"{target} is the database itself (back it up to another file)")
    copied = backup_copy(db.engine, target, source=db.path, private=True, said=said)
    assert copied is not None  # kept whatever its schema: no of_revision
    return copied


def _server_to_file(db: Database, target: Path, said: list[str] | None) -> Path:
    """A server database backed up as a SQLite file that huddle opens: a portable copy,
    written beside the target and moved into place whole."""
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
        lines = put_in_place(draft, target)
        if said is not None:
            said.extend(lines)
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
    return target


@dataclass
class CheckReport:
    lines: list[str]
    ok: bool


def check_database(path: Path, window: tuple[dt.date, dt.date] | None = None) -> CheckReport:
    """Read-only checks a person can run any time: file, schema, integrity, foreign keys,
    and with `window`, days stored outside it."""
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
    report = _check_sqlite(path, lines, window)
    if not report.ok:
        tidy()
    return report


def _check_sqlite(
    path: Path, lines: list[str], window: tuple[dt.date, dt.date] | None
) -> CheckReport:
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
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if revision is None:
            lines.append("schema: not a huddle database (no schema version)")
            ok = False
        elif not tables >= HUDDLE_TABLES:
            lines.append(
                f"schema: {revision[0]}, but not a huddle database (another program's tables)"
            )
            ok = False
        elif revision[0] not in KNOWN_REVISIONS:
            lines.append(f"schema: {revision[0]}, newer than this huddle knows (upgrade huddle)")
            ok = False
        elif revision[0] != HEAD_REVISION and is_backup(path):
            lines.append(f"schema: {revision[0]}, a backup: copy it to a new file to open it")
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
        if window is not None and revision is not None and tables >= HUDDLE_TABLES:
            dates = check_dates_sqlite(conn, window)
            ok = ok and dates_ok(dates)
            lines += dates
    finally:
        conn.close()
    warning = network_warning(path)
    if warning:
        lines.append(f"warning: {warning}")
    return CheckReport(lines, ok)
