from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from meeting.foundations.clock import FixedClock
from storage.db import HEAD_REVISION, Database
from storage.errors import DatabaseError
from storage.migrate import head_revision
from storage.opening import open_database
from tests.postgres import PostgresServer


def test_head_revision_constant_matches_alembic() -> None:
    assert head_revision() == HEAD_REVISION


def test_migrations_create_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_migrations_create_exactly_the_models_on_postgresql(postgres: PostgresServer) -> None:
    db = open_database(postgres.fresh())
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
            indexes: str = conn.exec_driver_sql(
                "SELECT indexdef FROM pg_indexes "
                "WHERE indexname = 'ux_meeting_one_running_per_series'"
            ).scalar_one()
    finally:
        db.dispose()
    assert diff == []
    assert "WHERE ((status)::text = 'running'::text)" in indexes


def test_pragmas_make_writes_durable(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 5000


def test_write_session_reserves_the_file_up_front(db: Database, db_path: Path) -> None:
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    # No statement has run yet, but BEGIN IMMEDIATE already holds the write lock.
    with db.write(), pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def test_new_database_file_is_private(db_path: Path) -> None:
    open_database(f"sqlite:///{db_path}").dispose()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_reopening_keeps_rows(db_path: Path, clock: FixedClock) -> None:
    from meeting.agenda.lookup import list_meetings
    from meeting.agenda.meetings import start_meeting

    first = open_database(f"sqlite:///{db_path}")
    start_meeting(first, clock=clock, facilitator="Dana")
    first.dispose()
    again = open_database(f"sqlite:///{db_path}")
    assert [m.facilitator for m in list_meetings(again)] == ["Dana"]
    again.dispose()


def test_text_file_is_never_initialised_over(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n")
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_database(f"sqlite:///{path}")
    assert path.read_text() == "my notes\n"


def test_foreign_sqlite_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a huddle database"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_database(f"sqlite:///{db_path}").dispose()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="newer huddle"):
        open_database(f"sqlite:///{db_path}")


def test_directory_and_missing_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a directory"):
        open_database(f"sqlite:///{tmp_path}")
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    assert not (tmp_path / "missing").exists()


def test_older_schema_is_backed_up_then_migrated(db_path: Path) -> None:
    """A database made by revision 0001, with rows, upgrades to head and keeps them."""
    from storage.db import make_engine
    from storage.migrate import upgrade

    engine = make_engine(f"sqlite:///{db_path}")
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO series (id, name, cadence, template_key, created_at) "
            "VALUES (1, 'Weekly sync', 'weekly', 'sync', '2026-11-01 10:00:00')"
        )
        conn.exec_driver_sql(
            "INSERT INTO metric (series_id, name, team, unit, direction, position) VALUES "
            "(1, 'Leads', 'marketing', 'count', 'higher', 0), "
            "(1, 'Revenue', 'sales', 'currency', 'higher', 5)"
        )
        conn.exec_driver_sql(
            "INSERT INTO meeting (series_id, date, template_key, status, current_position) "
            "VALUES (1, '2026-11-02', 'sync', 'ended', 0)"
        )
    engine.dispose()

    database = open_database(f"sqlite:///{db_path}")
    with database.engine.connect() as conn:
        assert (
            conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == HEAD_REVISION
        )
        assert conn.exec_driver_sql("SELECT count(*) FROM meeting").scalar() == 1
        funnel: dict[str, int] = dict(conn.exec_driver_sql("SELECT name, funnel FROM metric").all())
    assert funnel == {"Leads": 1, "Revenue": 0}
    backup = db_path.with_name("huddle.db.0001.bak")
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    old.close()
    database.dispose()


def test_an_older_file_another_terminal_is_writing_is_waited_for(db_path: Path) -> None:
    """Opening a file still in SQLite's rollback journal switches it to WAL. SQLite refuses
    that switch at once while another terminal holds the write lock (no busy wait), which
    made one of three terminals starting a meeting at the same moment say "database is
    locked". Opening waits for the lock, as any writer does."""
    import threading
    import time

    from storage.db import make_engine
    from storage.migrate import upgrade

    engine = make_engine(f"sqlite:///{db_path}")
    upgrade(engine, "0006")  # never switched to WAL: an older huddle's file
    engine.dispose()
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    assert other.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE alembic_version SET version_num = version_num")

    def commit_soon() -> None:
        time.sleep(0.3)  # not threading.Timer: its timed wait never ends under faketime
        other.execute("COMMIT")

    committer = threading.Thread(target=commit_soon)
    committer.start()
    database = open_database(f"sqlite:///{db_path}")
    committer.join()
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            HEAD_REVISION
        )
    database.dispose()
    other.close()


def test_a_failed_migration_leaves_the_database_untouched(db_path: Path) -> None:
    from storage.db import make_engine
    from storage.migrate import upgrade

    engine = make_engine(f"sqlite:///{db_path}")
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO series (id, name, cadence, template_key, created_at) "
            "VALUES (1, 'Weekly sync', 'weekly', 'sync', '2026-11-01 10:00:00')"
        )
        conn.exec_driver_sql(
            "INSERT INTO metric (series_id, name, team, unit, direction, position) "
            "VALUES (1, 'Leads', 'marketing', 'count', 'higher', 0)"
        )
        # A leftover table in the way of the batch copy makes revision 0002 fail halfway.
        conn.exec_driver_sql("CREATE TABLE _alembic_tmp_metric (id INTEGER)")
    engine.dispose()
    with pytest.raises(DatabaseError, match=r"failed .* the database is unchanged; a copy is at"):
        open_database(f"sqlite:///{db_path}")
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert raw.execute("SELECT name FROM metric").fetchall() == [("Leads",)]
    columns = [row[1] for row in raw.execute("PRAGMA table_info(metric)")]
    assert "funnel" not in columns
    assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()


@pytest.mark.timeout(40)
def test_a_server_that_never_answers_is_given_up_on_within_seconds() -> None:
    """A host that takes the connection and says nothing (a server hung, a network gone
    half-way) is one line after a few seconds, not libpq's two minutes of silence."""
    import socket
    import time

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # the kernel completes the handshake; nobody ever answers
        port = listener.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(DatabaseError, match="cannot reach the database server"):
            open_database(f"postgresql+psycopg://huddle@127.0.0.1:{port}/huddle")
        assert time.monotonic() - started < 10


def test_a_file_held_by_another_terminal_is_called_busy_not_damaged(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first look at a file another huddle holds past the wait says it is busy and to try
    again; it does not send the person to `db check` and backups."""
    from storage import files
    from storage.errors import DatabaseBusy

    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("CREATE TABLE t (x)")  # a rollback-journal file: a writer blocks readers
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO t VALUES (1)")
    monkeypatch.setattr(files, "PROBE_TIMEOUT_S", 0.2)
    with pytest.raises(DatabaseBusy, match="is busy: another huddle held it") as refused:
        files.probe_schema(db_path)
    assert "db check" not in str(refused.value)
    other.execute("COMMIT")
    other.close()
