"""Engine, sessions and the checks made before huddle touches a database file.

Nothing happens at import time: the CLI works out the URL and calls `open_database(url)`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from storage.errors import DatabaseError

# The newest migration this code knows. A test checks it equals Alembic's head, so the
# common case (database already current) never imports Alembic.
HEAD_REVISION = "0002"
KNOWN_REVISIONS = ("0001", "0002")
BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for server databases."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    return Path(path) if path and path != ":memory:" else None


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite connections get the pragmas that make autosave durable."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control away from the driver so BEGIN IMMEDIATE can be issued.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # Writers reserve the file up front, so a second terminal waits instead of
        # failing halfway through with "database is locked".
        write = connection.get_execution_options().get("huddle_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


@dataclass
class Database:
    """An opened, migrated database and the way to get sessions on it."""

    url: str
    engine: Engine

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on any error."""
        bind = self.engine.execution_options(huddle_write=True)
        with Session(bind, expire_on_commit=False) as session, session.begin():
            session.connection()  # take the write lock now, before any read
            yield session

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def dispose(self) -> None:
        self.engine.dispose()


def check_file(path: Path) -> None:
    """Refuse paths that are not, and cannot become, a huddle database."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file (give a file path)")
    if not path.parent.exists():
        raise DatabaseError(
            f"folder {path.parent} does not exist (create it first or choose another --db path)"
        )
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise DatabaseError(
                f"{path} is not a SQLite database; huddle will not write over it "
                "(choose another --db path)"
            )


def probe_sqlite(path: Path) -> tuple[str | None, bool]:
    """(alembic revision, holds other tables) read without changing a byte of the file."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    finally:
        conn.close()
    return revision, bool(tables - {"alembic_version"})


def schema_revision(engine: Engine) -> tuple[str | None, bool]:
    """Return (alembic revision, whether the database holds any other tables)."""
    with engine.connect() as conn:
        tables = {
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table'"
                if engine.dialect.name == "sqlite"
                else "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        }
        revision = None
        if "alembic_version" in tables:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        conn.rollback()
    return revision, bool(tables - {"alembic_version"})


def open_database(url: str, *, create: bool = True, backup_before_migrate: bool = True) -> Database:
    """Open `url`, creating or migrating the schema as needed.

    A foreign SQLite file, a database from a newer huddle, or an unusable path raises
    DatabaseError before anything is written.
    """
    path = sqlite_path(url)
    is_new_file = False
    if path is not None:
        check_file(path)
        is_new_file = not path.exists() or path.stat().st_size == 0
        if is_new_file and not create:
            raise DatabaseError(f"no huddle database at {path} (run huddle once to create it)")
        if is_new_file:
            # Owner-only from the first byte: minutes and lead notes are not for everyone.
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
    try:
        if path is not None and not is_new_file:
            revision, has_tables = probe_sqlite(path)
        else:
            revision, has_tables = None, False
        engine = make_engine(url)
        if path is None:
            revision, has_tables = schema_revision(engine)
    except (sqlite3.Error, SQLAlchemyError) as exc:
        raise DatabaseError(
            f"cannot read database {path or url}: {exc} (is it a huddle database?)"
        ) from exc
    if revision is None and has_tables:
        engine.dispose()
        raise DatabaseError(
            f"{path or url} is a database but not a huddle database; huddle will not change it "
            "(choose another --db path)"
        )
    if revision is not None and revision not in KNOWN_REVISIONS:
        engine.dispose()
        raise DatabaseError(
            f"{path or url} was written by a newer huddle (schema {revision}); "
            "upgrade huddle to use it (pip install -U huddle)"
        )
    if path is not None:
        use_wal(engine)
    if revision != HEAD_REVISION:
        if revision is not None and path is not None and backup_before_migrate:
            backup_copy(engine, path.with_name(f"{path.name}.{revision}.bak"))
        from storage.migrate import upgrade

        upgrade(engine)
    return Database(url=url, engine=engine)


def use_wal(engine: Engine) -> None:
    """WAL is a property of the file: set it once here, not on every connection, because
    switching (even to the mode in force) waits for other connections' reads to end."""
    raw = engine.raw_connection()  # outside any transaction: the mode cannot change inside one
    try:
        cursor = raw.cursor()
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    finally:
        raw.close()


def backup_copy(engine: Engine, target: Path) -> Path:
    """A consistent copy of a live SQLite database, taken with the backup API."""
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = target.with_name(f"{target.name}.{stamp}")
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)  # type: ignore[union-attr]
        finally:
            dest.close()
    finally:
        raw.close()
    shutil.copymode(sqlite_path(str(engine.url)) or target, target)
    return target
