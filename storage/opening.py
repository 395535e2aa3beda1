"""Opening a database: creating a new file whole, recognising huddle's own schema before
anything is written, and migrating an older one (after a backup).

Above `storage.db` (the engine and sessions) and `storage.maintenance` (backups), which it
uses: opening is the one step that needs both.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from storage.backups import backup_copy
from storage.db import (
    BUSY_TIMEOUT_MS,
    HEAD_REVISION,
    Database,
    make_engine,
    out_of_date,
    recognise,
    schema_tables,
    server_trouble,
    shown_url,
)
from storage.dialect import use_wal
from storage.errors import DatabaseError, MigrationBroke
from storage.files import (
    check_file,
    folder_lock,
    probe_schema,
    remove_dead_partials,
    set_aside_orphans,
    sidecar_tidier,
    sqlite_path,
    writable,
)


def open_database(
    url: str,
    *,
    create: bool = True,
    backup_before_migrate: bool = True,
    busy_ms: int | None = None,
    upgrade: bool = False,
) -> Database:
    """Open `url`, creating or migrating the schema as needed.

    A foreign SQLite file, a database from a newer huddle, or an unusable path raises
    DatabaseError before anything is written. A server database at an older schema is
    migrated only with `upgrade` (`huddle db upgrade`); a SQLite file is, with its .bak.
    """
    path = sqlite_path(url)
    is_new_file = False
    notices: list[str] = []
    if path is not None:
        check_file(path)
        remove_dead_partials(path.parent, f".{path.name}.")  # a killed upgrade's or creation's
        is_new_file = not path.exists()
        if not is_new_file and path.stat().st_size == 0:
            # An empty file is somebody's (a typo'd path, a file being written): huddle
            # makes its own databases and will not take over one it did not make.
            raise DatabaseError(
                f"{path} is an empty file, not a huddle database; huddle will not write "
                "over it (delete it if it is a leftover, or choose another --db path)"
            )
        if is_new_file and not create:
            raise DatabaseError(f"no huddle database at {path} (run huddle once to create it)")
        if is_new_file:
            notices = _create_whole(path, busy_ms)
    database = _open_and_migrate(url, path, False, backup_before_migrate, busy_ms, upgrade)
    database.notices.extend(notices)
    return database


def _create_whole(path: Path, busy_ms: int | None) -> list[str]:
    """Make a new database beside `path` and move it into place only once its schema is
    complete: a second terminal opening the same new path at the same moment finds either
    no file or a whole database, never an empty or half-made one. The one that comes
    second keeps the first's database. Leftover -wal, -shm and -journal files of an earlier
    file at `path` are set aside first (returned: what to tell the person), or SQLite would
    replay them onto the new database."""
    draft = path.with_name(f".{path.name}.new-{os.getpid()}")
    made = (draft, draft.with_name(draft.name + "-wal"), draft.with_name(draft.name + "-shm"))
    said: list[str] = []
    for leftover in made[1:]:
        leftover.unlink(missing_ok=True)
    try:
        # Owner-only from the first byte: minutes and lead notes are not for everyone.
        os.close(os.open(draft, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        database = _open_and_migrate(f"sqlite:///{draft}", draft, True, False, busy_ms)
        database.engine.dispose()  # the last connection folds the WAL into the file
        with folder_lock(path.parent):  # nobody opens `path` between the two steps
            said = set_aside_orphans(path)  # just before the file appears
            try:
                os.link(draft, path)  # never replaces a file: the first one made wins
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                if not path.exists():
                    os.replace(draft, path)
    finally:
        for leftover in made:
            leftover.unlink(missing_ok=True)
    return said


def is_backup(path: Path) -> bool:
    """A copy huddle made before an upgrade (`huddle.db.0005.bak`) or one named like it:
    upgrading it in place would destroy the one copy of the older schema."""
    return path.suffix == ".bak"


def _open_and_migrate(
    url: str,
    path: Path | None,
    is_new_file: bool,
    backup_before_migrate: bool,
    busy_ms: int | None,
    upgrade_server: bool = False,
) -> Database:
    read_only = path is not None and not is_new_file and not writable(path)
    tidy = sidecar_tidier(path) if path is not None else lambda: None
    tables: frozenset[str] = frozenset()
    try:
        if path is not None and not is_new_file:
            revision, tables = probe_schema(path)
        else:
            revision = None
        engine = make_engine(url, read_only=read_only, busy_ms=busy_ms)
        if path is None:
            revision, tables = schema_tables(engine)
    except (sqlite3.Error, SQLAlchemyError) as exc:
        if path is None:
            raise server_trouble(exc, opening=True) from exc
        raise DatabaseError(
            f"cannot read database {path}: {exc} (is it a huddle database?)"
        ) from exc
    try:
        recognise(shown_url(url), revision, tables, new=is_new_file or path is None)
        if path is None and revision not in (None, HEAD_REVISION) and not upgrade_server:
            raise out_of_date(shown_url(url), str(revision))
        if path is not None and revision not in (None, HEAD_REVISION) and is_backup(path):
            raise DatabaseError(
                f"{path} is a backup at schema {revision}; huddle keeps backups as they are "
                f"and will not upgrade it: copy it to a new file (cp {path.name} "
                "restored.db) and open the copy"
            )
    except DatabaseError:
        engine.dispose()
        tidy()  # a refused file stays exactly as it was
        raise
    if read_only:
        if revision != HEAD_REVISION:
            engine.dispose()
            raise DatabaseError(
                f"{path} is read-only and needs an upgrade to schema {HEAD_REVISION}; "
                "make it writable, then run huddle db upgrade"
            )
        return Database(url=url, engine=engine, read_only=True)
    if path is not None:
        use_wal(engine, BUSY_TIMEOUT_MS)  # the TUI's short wait is for its writes, not this
    said: list[str] = []  # leftovers set aside beside the backup
    if revision != HEAD_REVISION:
        backup = None
        if revision is not None and path is not None and backup_before_migrate:
            backup = backup_copy(
                engine,
                path.with_name(f"{path.name}.{revision}.bak"),
                source=path,
                of_revision=revision,
                said=said,
            )
        from storage.migrate import upgrade

        try:
            upgrade(engine)  # one transaction: SQLite rolls the schema change back whole
        except (SQLAlchemyError, MigrationBroke) as exc:
            engine.dispose()
            kept = f"; a copy is at {backup}" if backup else ""
            reason = getattr(exc, "orig", None) or exc
            raise DatabaseError(
                f"upgrading {shown_url(url)} to schema {HEAD_REVISION} failed ({reason}); "
                f"the database is unchanged{kept}"
            ) from exc
    return Database(url=url, engine=engine, notices=said)
