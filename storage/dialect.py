"""The one place for SQL that only one database speaks. Everything else in huddle is
portable SQLAlchemy; what differs between SQLite and PostgreSQL is written here, marked
by dialect. (The checks of a SQLite *file* itself, `huddle db check` and the probe before
opening one, live with the files they check: `maintenance.py`, `files.py`.)"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Engine,
    Table,
    case,
    cast,
    event,
    func,
    literal_column,
    text,
)

# One advisory lock key for huddle's writers on a PostgreSQL database ("huddle" in ASCII).
WRITER_LOCK = 0x6875646C6C65
CHANNEL = "huddle_changed"  # LISTEN/NOTIFY channel: a write was committed
PRESENCE = "presence"  # the payload of a write that only said where a terminal is


# ---------------------------------------------------------------- SQLite


def sqlite_connection_rules(engine: Engine, busy_ms: int) -> None:
    """Every SQLite connection: durable commits, foreign keys enforced, a busy timeout;
    writers reserve the file up front (BEGIN IMMEDIATE), so a second terminal waits its
    turn instead of failing halfway through with "database is locked"."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control away from the driver so BEGIN IMMEDIATE can be issued.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("huddle_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def use_wal(engine: Engine, busy_ms: int) -> None:
    """WAL is a property of the file: set it once, not on every connection, because
    switching (even to the mode in force) waits for other connections' reads to end.

    SQLite does not wait on its busy timeout for this switch: it takes the write lock from
    inside its own read, and refuses at once ("database is locked") when another terminal
    holds it, as two terminals opening the same older file at the same moment do. So the
    switch is retried here for as long as a writer would wait; the other terminal has
    usually made the switch itself by then."""
    deadline = time.monotonic() + busy_ms / 1000
    raw = engine.raw_connection()  # outside any transaction: the mode cannot change inside one
    try:
        cursor = raw.cursor()
        while cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            try:
                cursor.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.005)
        cursor.close()
    finally:
        raw.close()


def references_off_for_rebuild(raw: object, off: bool) -> None:
    """A migration that rebuilds a SQLite table (copy, drop, rename) does it with foreign
    keys off (outside any transaction, as SQLite requires); other databases need nothing."""
    if isinstance(raw, sqlite3.Connection):
        raw.execute(f"PRAGMA foreign_keys = {'OFF' if off else 'ON'}")


def broken_references(conn: Connection) -> list[tuple[object, ...]]:
    """SQLite's check of every reference, before a migration commits; a server database
    enforces its foreign keys as rows change, so it has none to report."""
    if conn.dialect.name != "sqlite":
        return []
    return [tuple(row) for row in conn.exec_driver_sql("PRAGMA foreign_key_check")]


# ---------------------------------------------------------------- PostgreSQL and both


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


def day_on_clock(
    moment: ColumnElement[dt.datetime],
    offsets: Sequence[tuple[dt.datetime, int]],
    dialect: str,
) -> ColumnElement[dt.date]:
    """The calendar date of a stored (UTC) time on a clock `offsets` describes: seconds
    ahead of UTC, each from its instant on (the first before it too), oldest first. The
    offset is picked by a CASE that halves the list at each step, so a century of daylight
    saving costs a row some eight comparisons; the database does it, not Python."""

    def ahead(low: int, high: int) -> ColumnElement[Any]:
        if high - low == 1:
            seconds = int(offsets[low][1])
            if dialect == "sqlite":
                return literal_column(f"'{seconds:+d} seconds'")  # a date() modifier
            return literal_column(f"interval '{seconds:+d} seconds'")
        middle = (low + high) // 2
        return case((moment < offsets[middle][0], ahead(low, middle)), else_=ahead(middle, high))

    shift = ahead(0, len(offsets))
    if dialect == "sqlite":
        # A stored time is UTC text there. Date arithmetic rounds it to the millisecond (a
        # time a microsecond before midnight would land on the next day): it is given whole
        # seconds, which keep the day, as every offset is whole seconds.
        return func.date(func.substr(moment, 1, 19), shift, type_=Date)
    # timestamptz to UTC wall time first: a cast alone would take the session's zone
    return cast(func.timezone("UTC", moment) + shift, Date)


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
        # Delivered when (and only if) the transaction commits: other terminals refresh
        # their meeting, or only who is here for a write that said no more (storage/db.py).
        presence = connection.get_execution_options().get("huddle_presence", False)
        connection.exec_driver_sql(f"NOTIFY {CHANNEL}, '{PRESENCE if presence else 'content'}'")


class Change(enum.IntEnum):
    """What another connection committed since the last look; the larger wins when both."""

    NONE = 0
    PRESENCE = 1  # only where terminals are (meeting/agenda/presence.py)
    CONTENT = 2  # anything else: the meeting is read again


class ChangeWatch:
    """Whether anyone committed a change since the last look, and of which kind: cheap
    enough to ask several times a second from the UI thread, so open screens refresh
    without polling tables."""

    def changed(self) -> Change:
        return Change.NONE

    def close(self) -> None:
        pass


class SqliteWatch(ChangeWatch):
    """`PRAGMA data_version` on a connection of its own moves whenever another connection
    (another terminal, or this app's own writes) commits to the file; the content revision
    (storage/db.py) then tells a change of the meeting from a heartbeat."""

    def __init__(self, path: Path) -> None:
        from storage.files import read_only_uri

        self.conn = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
        self.seen = self._version()
        self.revision = self._revision()

    def _version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def _revision(self) -> int | None:
        """The content revision; None where it cannot be read (a change, to be safe)."""
        try:
            rows = self.conn.execute("SELECT revision FROM contentrevision").fetchall()
        except sqlite3.Error:
            return None
        return int(rows[0][0]) if rows else 0

    def changed(self) -> Change:
        version = self._version()
        if version == self.seen:
            return Change.NONE
        self.seen = version
        revision = self._revision()  # read after the version: no content change slips by
        moved, self.revision = revision is None or revision != self.revision, revision
        return Change.CONTENT if moved else Change.PRESENCE

    def close(self) -> None:
        self.conn.close()


class PostgresWatch(ChangeWatch):
    """LISTEN on the channel every write transaction notifies on commit, saying whether it
    was presence alone."""

    def __init__(self, url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        conninfo = make_url(url).set(drivername="postgresql").render_as_string(False)
        self.conn = psycopg.connect(conninfo, autocommit=True)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def changed(self) -> Change:
        found = Change.NONE  # every notice drained, not just the first seen
        for notice in self.conn.notifies(timeout=0):
            found = max(found, Change.PRESENCE if notice.payload == PRESENCE else Change.CONTENT)
        return found

    def close(self) -> None:
        self.conn.close()


def watch_changes(url: str) -> ChangeWatch:
    """A watch on the database at `url`; one that never fires where neither way works."""
    from storage.files import sqlite_path

    path = sqlite_path(url)
    if path is not None:
        return SqliteWatch(path)
    if url.startswith("postgresql"):
        return PostgresWatch(url)
    return ChangeWatch()


NUL = "\x00"


def refuse_nul(engine: Engine) -> None:
    """Every statement's text parameters are checked for NUL before they reach the database:
    PostgreSQL drops the connection on one, and a SQLite file holding one cannot be copied to
    PostgreSQL. The one path all text takes in, whichever screen, command or CSV it came from."""

    @event.listens_for(engine, "before_cursor_execute")
    def _refuse(
        conn: Connection,
        cursor: Any,
        statement: str,
        parameters: Any,
        context: Any,
        executemany: bool,
    ) -> None:
        rows = parameters if executemany else [parameters]
        for row in rows or ():
            if isinstance(row, dict):
                pairs: Any = row.items()
            elif isinstance(row, list | tuple):
                pairs = enumerate(row)
            else:  # a driver's own shape: a lone value
                pairs = [(None, row)]
            for key, value in pairs:
                if isinstance(value, str) and NUL in value:
                    from storage.errors import NulText

                    raise NulText(
                        f"{_field(context, key)} holds a NUL character (\\x00), which huddle "
                        "does not keep: remove it and try again (nothing was saved)"
                    )


# What a person calls the rows of a table, for the one line that refuses a NUL in them.
_NOUNS = {
    "actionitem": "the action",
    "actionevent": "the action's comment",
    "agreementversion": "the agreement",
    "agendatemplate": "the template",
    "headsup": "the heads-up",
    "item": "the entry",
    "lead": "the lead",
    "leadquestion": "the question",
    "leaddecision": "the decision",
    "metric": "the metric",
    "person": "the person",
    "pulsestatementversion": "the statement",
    "series": "the series",
}


def _field(context: Any, key: object) -> str:
    """The text a bound parameter holds, in a person's words (`the action's text`), as far
    as the statement says; else 'what was typed'."""
    compiled = getattr(context, "compiled", None)
    table = getattr(getattr(compiled, "statement", None), "table", None)
    name = key
    if isinstance(key, int):
        names = getattr(compiled, "positiontup", None) or []
        name = names[key] if key < len(names) else None
    if table is None or not isinstance(name, str):
        return "what was typed"
    column = name if name in table.c else name.rsplit("_", 1)[0]
    noun = _NOUNS.get(table.name, f"the {table.name}")
    return f"{noun}'s {column.replace('_', ' ')}" if column in table.c else f"text in {noun}"
