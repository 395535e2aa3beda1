"""Engine, sessions and the checks made before huddle touches a database file.

Nothing happens at import time: the CLI works out the URL and calls `open_database(url)`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Row, Select, create_engine, insert, inspect, update
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, ProgrammingError

from storage.dialect import refuse_nul, serialize_writers, sqlite_connection_rules
from storage.errors import (
    DatabaseBusy,
    DatabaseError,
    ServerGone,
    WriteConflict,
)
from storage.files import (
    read_only_uri,
    sqlite_path,
)
from storage.tables import CONTENT_REVISION as REV

if TYPE_CHECKING:
    from sqlmodel import Session

# The newest migration this code knows. A test checks it equals Alembic's head, so the
# common case (database already current) never imports Alembic.
HEAD_REVISION = "0023"
KNOWN_REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
    "0016",
    "0017",
    "0018",
    "0019",
    "0020",
    "0021",
    "0022",
    "0023",
)
# Tables every huddle schema has had since the first: a database with an alembic_version
# but without these is another program's, whatever its revision says.
HUDDLE_TABLES = frozenset({"person", "series", "meeting", "section", "item", "actionitem"})
BUSY_TIMEOUT_MS = 10_000
# The TUI waits briefly per attempt and retries on a timer, so it can say it is waiting.
UI_BUSY_TIMEOUT_MS = 250
# A server that does not answer (host down, network gone) is given up on after this long,
# not libpq's two minutes: a screen says so instead of waiting on "Loading…".
CONNECT_TIMEOUT_S = 5


def make_engine(url: str, *, read_only: bool = False, busy_ms: int | None = None) -> Engine:
    """Create an engine; SQLite connections get the pragmas that make autosave durable."""
    busy = BUSY_TIMEOUT_MS if busy_ms is None else busy_ms
    if not url.startswith("sqlite"):
        from sqlalchemy.engine import make_url

        connect_args = {}
        if make_url(url).get_backend_name() == "postgresql" and "connect_timeout" not in url:
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
        engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
        refuse_nul(engine)
        if engine.dialect.name == "postgresql":
            serialize_writers(engine, busy)
        return engine
    path = sqlite_path(url)
    if read_only and path is not None:
        uri = read_only_uri(path)
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        )
    else:
        engine = create_engine(url, connect_args={"timeout": busy / 1000})

    sqlite_connection_rules(engine, busy)
    refuse_nul(engine)
    return engine


# The session of a `Database.transaction()` under way in this thread (or task), by the
# database's id: every read and write made inside it joins it.
_JOINED: ContextVar[tuple[int, Session] | None] = ContextVar("huddle_joined", default=None)


@dataclass
class Database:
    """An opened, migrated database and the way to get sessions on it."""

    url: str
    engine: Engine
    read_only: bool = False
    commits: int = 0  # writes this process committed here: its own, not another terminal's
    # What opening it did that the person should know of (a leftover file set aside).
    notices: list[str] = field(default_factory=list)

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A plain connection for Core reads, one transaction: the home screen's first
        frame is read this way, before SQLModel is imported at all."""
        joined = self._joined()
        if joined is not None:
            joined.flush()  # a Core read sees what the transaction wrote so far
            yield joined.connection()
            return
        try:
            with self.engine.connect() as conn:
                yield conn
        except (OperationalError, InterfaceError) as exc:
            raise self.read_refused(exc) from exc

    def page(
        self, query: Select[Any], *, offset: int = 0, limit: int | None = None
    ) -> Sequence[Row[Any]]:
        """A Core query's rows from `offset`, at most `limit` of them: a page of a table too
        big to read whole (History's action items, the leads)."""
        if offset:
            query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.connect() as conn:
            return conn.execute(query).all()

    @contextmanager
    def read(self) -> Iterator[Session]:
        joined = self._joined()
        if joined is not None:
            yield joined
            return
        from sqlmodel import Session  # imported on first use: see connect()

        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except (OperationalError, InterfaceError) as exc:
            raise self.read_refused(exc) from exc

    def read_refused(self, exc: OperationalError | InterfaceError) -> Exception:
        """A server gone mid-read is said in one line like a refused write; SQLite's own
        errors stay as they are (a damaged file is told apart from them, see tui.app)."""
        if isinstance(exc.orig, sqlite3.Error) or self.engine.dialect.name == "sqlite":
            return exc
        return server_trouble(exc, reading=True)

    @contextmanager
    def write(self, *, presence_only: bool = False) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on any error.

        SQLite's own refusals (busy, full disk, read-only file) become a DatabaseError that
        says what happened; nothing of the transaction is kept, so the caller can retry.
        Every write counts as a change of what screens show (the content revision, in the
        same transaction), except one marked `presence_only`: a terminal saying where it
        is, which the others show beside the agenda without reading their meeting again.
        """
        joined = self._joined()
        if joined is not None:
            yield joined  # committed, or rolled back, with the transaction it joins
            return
        if self.read_only:
            raise DatabaseError(
                "this database is read-only (check the file's permissions): you can browse "
                "and export, not edit"
            )
        from sqlmodel import Session

        bind = self.engine.execution_options(huddle_write=True, huddle_presence=presence_only)
        try:
            with Session(bind, expire_on_commit=False) as session, session.begin():
                session.connection()  # take the write lock now, before any read
                yield session
                if not presence_only:
                    count_content_write(session.connection())
            self.commits += 1
        except IntegrityError as exc:
            raise WriteConflict(
                "another terminal saved a change that conflicts with this one in the same "
                f"moment ({first_line(exc.orig)}); nothing was saved: look again, then retry"
            ) from exc
        except OperationalError as exc:
            raise write_refused(exc) from exc
        except InterfaceError as exc:  # the connection was closed under the driver
            raise server_trouble(exc) from exc
        except ProgrammingError as exc:  # a login that may read but not write, on a server
            if not no_write_access(exc):
                raise
            raise DatabaseError(NOT_YOURS_TO_CHANGE.format(first_line(exc.orig))) from exc

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write that every `read()`, `write()` and `connect()` made inside it joins, so
        a step built of several (ending a meeting and keeping its minutes) is kept whole or
        not at all, and its reads see what it wrote so far."""
        joined = self._joined()
        if joined is not None:
            yield joined
            return
        with self.write() as session:
            token = _JOINED.set((id(self), session))
            try:
                yield session
            finally:
                _JOINED.reset(token)

    def _joined(self) -> Session | None:
        joined = _JOINED.get()
        return joined[1] if joined is not None and joined[0] == id(self) else None

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def dispose(self) -> None:
        self.engine.dispose()


def count_content_write(connection: Connection) -> None:
    """Move the content revision on, in the write's own transaction (under its lock, so
    writers never miss each other's count); its one row is made by the first write that
    finds none (a database just made or upgraded)."""
    if not connection.execute(_BUMP_REVISION).rowcount:
        connection.execute(insert(REV).values(id=1, revision=1))


_BUMP_REVISION = update(REV).values(revision=REV.c.revision + 1)  # built once: every write runs it


def first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def shown_url(url: str) -> str:
    """A database as huddle names it to people: a file's path, or the URL with its
    password masked (a terminal's scrollback and a bug report are not for passwords)."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    from storage.urls import masked

    return masked(url)


def write_refused(exc: OperationalError) -> DatabaseError:
    """What a refused write means for the person who typed it."""
    text = str(exc.orig).lower()
    if "lock timeout" in text:  # PostgreSQL: another writer held the lock past busy_ms
        text = "busy"
    elif not isinstance(exc.orig, sqlite3.Error):
        return server_trouble(exc)
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            "the database is busy: another huddle is writing to it. Nothing was saved yet; "
            "your text is kept, try again in a moment"
        )
    if "full" in text:
        return DatabaseError(
            "the disk is full. Nothing was saved yet; your text is kept: free some space, "
            "then save again"
        )
    if "disk i/o error" in text:
        return DatabaseError(
            "writing to the disk failed (is it full, or the file too large for its limit?). "
            "Nothing was saved yet; your text is kept: free some space, then save again"
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            "this database is read-only (check the file's permissions): you can browse and "
            "export, not edit"
        )
    return DatabaseError(f"the database refused the change: {exc.orig}")


# A server login may be granted reading only: that is the server's decision, not a fault.
NOT_YOURS_TO_CHANGE = (
    "the server lets this login read but not change the database ({}); nothing was "
    "saved, your text is kept: ask for write access, or browse and export"
)


def no_write_access(exc: ProgrammingError) -> bool:
    """PostgreSQL's insufficient_privilege (SQLSTATE 42501)."""
    return getattr(exc.orig, "sqlstate", None) == "42501" or "permission denied" in str(exc.orig)


def server_trouble(
    exc: BaseException, *, opening: bool = False, reading: bool = False
) -> DatabaseError:
    """A server database that went away (stopped, restarted, the network down) or refused
    the login, as one line; nothing of the transaction was kept."""
    cause = getattr(exc, "orig", None) or exc
    text = first_line(cause).removeprefix("connection is bad: ")
    lowered = text.lower()
    if "permission denied" in lowered:
        return DatabaseError(NOT_YOURS_TO_CHANGE.format(text))
    if "password" in lowered or "authentication" in lowered:
        return DatabaseError(f"the server refused the login ({text}): check the user and password")
    if opening:
        return DatabaseError(
            f"cannot reach the database server ({text}): check the URL, and that the server "
            "runs and accepts connections"
        )
    if reading:
        return ServerGone(
            f"cannot reach the database server ({text}): nothing could be read; check that "
            "the server runs, then try again",
            text,
        )
    return ServerGone(
        f"lost the connection to the database server ({text}). Nothing was saved yet; your "
        "text is kept: check that the server runs, then try again",
        text,
    )


def schema_revision(engine: Engine) -> tuple[str | None, bool]:
    """Return (alembic revision, whether the database holds any other tables)."""
    revision, tables = schema_tables(engine)
    return revision, bool(tables - {"alembic_version"})


def schema_tables(engine: Engine) -> tuple[str | None, frozenset[str]]:
    """Return (alembic revision, the names of the database's tables)."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        conn.rollback()
    return revision, frozenset(tables)


def recognise(where: str, revision: str | None, tables: frozenset[str], *, new: bool) -> None:
    """Refuse, before anything is written, a database that is not huddle's: huddle's own
    have a revision it knows and its tables, or no tables at all where huddle makes the
    database itself (a new file's draft, an empty server database)."""
    if not tables and new:
        return
    if revision is None or not tables >= HUDDLE_TABLES:
        raise DatabaseError(
            f"{where} is a database but not a huddle database; huddle will not change it "
            "(choose another --db path)"
        )
    if revision not in KNOWN_REVISIONS:
        raise DatabaseError(
            f"{where} was written by a newer huddle (schema {revision}); "
            "upgrade huddle to use it (pip install -U huddle)"
        )


def out_of_date(where: str, revision: str) -> DatabaseError:
    """A server database at an older schema: upgrading it is a decision for the team, so
    only `huddle db upgrade` does it (with a backup), never a passing command."""
    return DatabaseError(
        f"{where} is at schema {revision}, older than this huddle's {HEAD_REVISION}; nothing "
        "was changed: run huddle db upgrade (it backs it up first; then every huddle on it "
        "needs this version)"
    )
