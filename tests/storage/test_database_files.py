"""The files around a database: leftovers of a file that is gone, a read-only database with
committed changes still in its -wal, the permissions of the copies huddle writes, another
program's database, and upgrades of a database a team shares on a server."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from meeting.agenda.meetings import start_meeting
from meeting.foundations.clock import FixedClock
from screens.textual_patches import notifications
from storage.db import HEAD_REVISION, make_engine
from storage.errors import DatabaseError
from storage.files import folder_lock
from storage.maintenance import check_database
from storage.migrate import upgrade
from storage.opening import open_database
from tests.postgres import PostgresServer
from tui.cli import app

ROOT = Path(__file__).parents[2]
HUDDLE = str(Path(sys.executable).with_name("huddle"))
DROP_ROOT = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
runner = CliRunner()

# Adds rows and dies without closing: what a killed TUI leaves, its -wal holding them.
KILLED_WRITER = textwrap.dedent(
    """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    for n in range(int(sys.argv[2])):
        conn.execute("INSERT INTO person (name, team) VALUES (?, 'sales')", (f"Left {n}",))
    os._exit(0)
    """
)


def huddle(db: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HUDDLE, "--db", str(db), *args], capture_output=True, text=True)


def killed_writer(path: Path, rows: int = 200) -> None:
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path), str(rows)], check=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# ------------------------------------------------------- leftovers of a file that is gone


@pytest.mark.parametrize("command", [["meeting", "list"], ["demo", "--no-open"]])
def test_a_new_database_sets_a_leftover_wal_aside(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "huddle.db"
    open_database(f"sqlite:///{path}").dispose()
    killed_writer(path)
    path.unlink()  # the person deletes the database; its -wal and -shm stay

    made = runner.invoke(app, ["--db", str(path), *command])
    assert made.exit_code == 0, made.output
    said = [line for line in made.stderr.splitlines() if "aside" in line]
    assert len(said) == 1, made.stderr  # one line, however many files
    assert "huddle.db-wal" in said[0] and "huddle.db-shm" in said[0], made.stderr
    aside = sorted(p.name for p in tmp_path.glob("huddle.db-*.orphan-*"))
    assert [name.split(".orphan-")[0] for name in aside] == ["huddle.db-shm", "huddle.db-wal"]
    report = check_database(path)
    assert report.ok, report.lines
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE name LIKE 'Left %'").fetchone() == (
            0,
        )


async def test_a_leftover_journal_is_set_aside_and_the_tui_says_so(tmp_path: Path) -> None:
    from tui.app import HuddleApp

    path = tmp_path / "huddle.db"
    journal = tmp_path / "huddle.db-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))  # a journal's header
    database = open_database(f"sqlite:///{path}")
    try:
        app = HuddleApp(database)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            said = [str(n.message) for n in notifications(app)]
            assert len(said) == 1 and "huddle.db-journal" in said[0] and "aside" in said[0]
    finally:
        database.dispose()
    assert not journal.exists()
    assert len(list(tmp_path.glob("huddle.db-journal.orphan-*"))) == 1


def leftovers_of_a_deleted(path: Path) -> None:
    """The -wal and -shm of a database at `path`, holding committed rows, with the database
    itself deleted: what a person leaves who removes a file a killed huddle had open."""
    open_database(f"sqlite:///{path}").dispose()
    killed_writer(path)
    path.unlink()


def assert_a_whole_copy_beside_the_leftovers(copy: Path, said: str) -> None:
    lines = [line for line in said.splitlines() if "aside" in line]
    assert len(lines) == 1 and f"{copy.name}-wal" in lines[0], said
    aside = sorted(p.name.split(".orphan-")[0] for p in copy.parent.glob(f"{copy.name}-*.orphan-*"))
    assert aside == [f"{copy.name}-shm", f"{copy.name}-wal"]
    report = check_database(copy)
    assert report.ok, report.lines
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE name LIKE 'Left %'").fetchone() == (
            0,
        )


@pytest.mark.parametrize("source", ["file", "server"])
def test_a_backup_to_a_new_file_sets_its_leftovers_aside(
    tmp_path: Path, source: str, postgres: PostgresServer
) -> None:
    """A backup is a new database file too: SQLite replayed a leftover -wal onto it (broken
    pages, rows of another database) the first time the copy was opened."""
    db = str(tmp_path / "huddle.db") if source == "file" else postgres.fresh()
    assert (
        runner.invoke(app, ["--db", db, "people", "add", "Sam", "--team", "sales"]).exit_code == 0
    )
    copy = tmp_path / "copy.db"
    leftovers_of_a_deleted(copy)

    result = runner.invoke(app, ["--db", db, "db", "backup", str(copy)])
    assert result.exit_code == 0, result.output
    assert_a_whole_copy_beside_the_leftovers(copy, result.stderr)


@pytest.mark.parametrize("source", ["file", "server"])
def test_a_backup_over_a_file_with_its_own_wal_sets_that_wal_aside(
    tmp_path: Path, source: str, postgres: PostgresServer
) -> None:
    """--force over an older database whose -wal still holds rows: SQLite replayed that
    -wal onto the new copy, giving it the old file's rows or broken pages."""
    db = str(tmp_path / "huddle.db") if source == "file" else postgres.fresh()
    assert (
        runner.invoke(app, ["--db", db, "people", "add", "Sam", "--team", "sales"]).exit_code == 0
    )
    copy = tmp_path / "copy.db"
    open_database(f"sqlite:///{copy}").dispose()
    killed_writer(copy)  # the file stays, with its -wal and -shm

    result = runner.invoke(app, ["--db", db, "db", "backup", str(copy), "--force"])
    assert result.exit_code == 0, result.output
    assert "left by the copy.db replaced" in result.stderr
    assert_a_whole_copy_beside_the_leftovers(copy, result.stderr)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT name FROM person").fetchall() == [("Sam",)]


def test_a_backup_over_the_database_itself_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "huddle.db"
    assert (
        runner.invoke(app, ["--db", str(db), "people", "add", "Sam", "--team", "sales"]).exit_code
        == 0
    )
    before = sha256(db)
    result = runner.invoke(app, ["--db", str(db), "db", "backup", str(db), "--force"])
    assert result.exit_code == 1
    assert result.stderr == (f"huddle: {db} is the database itself (back it up to another file)\n")
    assert sha256(db) == before


def test_the_bak_before_an_upgrade_sets_its_leftovers_aside(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0011")
    engine.dispose()
    bak = tmp_path / "old.db.0011.bak"
    leftovers_of_a_deleted(bak)

    result = runner.invoke(app, ["--db", str(path), "meeting", "list"])
    assert result.exit_code == 0, result.output
    assert_a_whole_copy_beside_the_leftovers(bak, result.stderr)


def test_a_fresh_starts_copy_sets_its_leftovers_aside(tmp_path: Path) -> None:
    """db fresh --keep: the copy was read with the leftover -wal in it, its counts did not
    match, and the leftovers that may hold someone's last entries were deleted with it."""
    db = str(tmp_path / "huddle.db")
    assert (
        runner.invoke(app, ["--db", db, "people", "add", "Sam", "--team", "sales"]).exit_code == 0
    )
    copy = tmp_path / "kept.db"
    leftovers_of_a_deleted(copy)

    result = runner.invoke(app, ["--db", db, "db", "fresh", "--keep", str(copy), "--yes"])
    assert result.exit_code == 0, result.output
    assert_a_whole_copy_beside_the_leftovers(copy, result.stderr)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT name FROM person").fetchall() == [("Sam",)]


def test_a_live_databases_wal_is_never_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "huddle.db"
    first = open_database(f"sqlite:///{path}")
    second = open_database(f"sqlite:///{path}")
    try:
        assert second.notices == [] and not list(tmp_path.glob("*.orphan-*"))
    finally:
        first.dispose()
        second.dispose()


def test_a_new_database_waits_for_one_being_put_in_place(tmp_path: Path) -> None:
    """Two terminals make the same new file at once: the second must not set aside the
    -wal of the first one's database that appeared in the meantime (it held a meeting
    started there, and the second started a meeting 1 of its own)."""
    made = tmp_path / "made"
    made.mkdir()
    first = made / "huddle.db"
    open_database(f"sqlite:///{first}").dispose()
    path = tmp_path / "huddle.db"
    with folder_lock(tmp_path):
        child = subprocess.Popen(
            [HUDDLE, "--db", str(path), "meeting", "start", "--no-open"],
            cwd=ROOT,
            env={**os.environ, "HUDDLE_NOW": "2026-11-23T15:00:00+00:00"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob(".huddle.db.new-*")):
            assert time.monotonic() < deadline and child.poll() is None, child.communicate()
            time.sleep(0.01)
        time.sleep(1)  # long enough to have put its own file in place, were it not waiting
        assert not path.exists(), "the second terminal did not wait for the folder lock"
        os.rename(first, path)
        database = open_database(f"sqlite:///{path}")
        clock = FixedClock(dt.datetime(2026, 11, 23, 15, tzinfo=dt.UTC))
        meeting_id, created = start_meeting(database, clock=clock)
        assert created and path.with_name("huddle.db-wal").stat().st_size > 0
    try:
        out, err = child.communicate(timeout=60)
    finally:
        database.dispose()
    assert child.returncode == 0, err
    assert out.startswith("Resuming") and f"(meeting {meeting_id})" in out, out
    assert not list(tmp_path.glob("*.orphan-*"))


# ------------------------------------------------- a read-only database with a -wal


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A real read-only filesystem (tmpfs remounted ro), where the machine allows mounts."""
    folder = tmp_path / "mnt"
    folder.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "tmpfs", str(folder)], capture_output=True
    ).returncode:
        pytest.skip("this machine does not allow mounting a filesystem")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def database_with_wal(folder: Path) -> Path:
    """A huddle database whose last committed rows are in its -wal only."""
    path = folder / "team.db"
    open_database(f"sqlite:///{path}").dispose()
    killed_writer(path, rows=3)
    return path


def test_a_read_only_mount_reads_the_wal(tmp_path: Path, read_only_mount: Path) -> None:
    made = database_with_wal(tmp_path)
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(f"{made}{suffix}", read_only_mount / f"team.db{suffix}")
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    path = read_only_mount / "team.db"

    listed = huddle(path, "people", "list", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    assert "Left 2" in listed.stdout
    checked = huddle(path, "db", "check")
    assert checked.returncode == 0 and "No problems found." in checked.stdout, checked.stdout
    copy = tmp_path / "copy.db"
    backed = huddle(path, "db", "backup", str(copy))
    assert backed.returncode == 0, backed.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE name LIKE 'Left %'").fetchone() == (
            3,
        )


def test_a_read_only_mount_without_the_shm_is_refused(
    tmp_path: Path, read_only_mount: Path
) -> None:
    made = database_with_wal(tmp_path)
    for suffix in ("", "-wal"):
        shutil.copy(f"{made}{suffix}", read_only_mount / f"team.db{suffix}")
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    path = read_only_mount / "team.db"

    for args in (["people", "list"], ["db", "backup", str(tmp_path / "copy.db")]):
        refused = huddle(path, *args)
        assert refused.returncode == 1, (args, refused.stdout)
        assert len(refused.stderr.splitlines()) == 1, refused.stderr
        assert "team.db-wal" in refused.stderr and "writable folder" in refused.stderr
    checked = huddle(path, "db", "check")
    assert checked.returncode == 1 and "No problems found" not in checked.stdout
    assert "writable folder" in checked.stdout
    assert not (tmp_path / "copy.db").exists()


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop root's rights")
def test_read_only_permissions_read_the_wal(tmp_path: Path) -> None:
    """Run as a user without the right to write the files (root with its override dropped)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = database_with_wal(folder)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").chmod(0o444)
    folder.chmod(0o555)
    try:
        listed = subprocess.run(
            [*DROP_ROOT, HUDDLE, "--db", str(path), "people", "list", "--format", "csv"],
            capture_output=True,
            text=True,
        )
        assert listed.returncode == 0, listed.stderr
        assert "Left 2" in listed.stdout
    finally:
        folder.chmod(0o755)


# ------------------------------------------------------------ the copies huddle writes


@pytest.fixture
def umask_077() -> Iterator[None]:
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def test_the_bak_before_an_upgrade_is_no_wider_than_the_umask(
    tmp_path: Path, umask_077: None
) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0011")
    engine.dispose()
    path.chmod(0o644)
    open_database(f"sqlite:///{path}").dispose()
    assert (tmp_path / "old.db.0011.bak").stat().st_mode & 0o777 == 0o600


def test_a_backup_is_no_more_readable_than_the_database(tmp_path: Path) -> None:
    path = tmp_path / "huddle.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(0o400)
    copy = tmp_path / "copy.db"
    result = runner.invoke(app, ["--db", str(path), "db", "backup", str(copy)])
    assert result.exit_code == 0, result.output
    assert copy.stat().st_mode & 0o777 == 0o400


BIG_BACKUP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from storage.opening import open_database
    from storage.maintenance import backup_to
    db = open_database(f"sqlite:///{sys.argv[1]}")
    print("go", flush=True)
    backup_to(db, Path(sys.argv[2]))
    """
)


def test_a_killed_backups_partial_file_is_private_and_cleared_next_time(tmp_path: Path) -> None:
    """The partial copy is as private as the database from its first byte: a backup killed
    midway leaves nothing anyone else may read, and the next backup removes it."""
    path = tmp_path / "huddle.db"
    database = open_database(f"sqlite:///{path}")
    with database.write() as session:  # a big database, so the copy takes a while
        session.connection().exec_driver_sql("CREATE TABLE ballast (b BLOB)")
        for _ in range(40):
            session.connection().exec_driver_sql("INSERT INTO ballast VALUES (randomblob(4000000))")
    database.dispose()
    target = tmp_path / "copy.db"
    child = subprocess.Popen(
        [sys.executable, "-c", BIG_BACKUP, str(path), str(target)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
    )
    partial = tmp_path / f".copy.db.partial-{child.pid}"
    deadline = time.monotonic() + 60
    while not partial.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.001)
    child.kill()
    child.wait()
    assert partial.exists(), "the backup ended before it could be killed"
    assert partial.stat().st_mode & 0o077 == 0  # never readable by others, even half-made
    result = runner.invoke(app, ["--db", str(path), "db", "backup", str(target)])
    assert result.exit_code == 0, result.output
    assert not [p.name for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_partial_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "huddle.db"
    open_database(f"sqlite:///{path}").dispose()
    dead, live = dead_pid(), os.getppid()
    leftovers = [
        tmp_path / f".copy.db.partial-{dead}",
        tmp_path / f".copy.db.partial-{dead}-journal",
        tmp_path / f".huddle.db.0011.bak.partial-{dead}",
        tmp_path / f".huddle.db.new-{dead}-wal",
    ]
    running = tmp_path / f".copy.db.partial-{live}"
    for file in [*leftovers, running]:
        file.write_bytes(b"half")
    result = runner.invoke(app, ["--db", str(path), "db", "backup", str(tmp_path / "copy.db")])
    assert result.exit_code == 0, result.output
    assert [p for p in leftovers if p.exists()] == []
    assert running.exists()  # another backup, still being written


# ------------------------------------------------------------ another program's database


def foreign(path: Path, kind: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    if kind != "empty alembic_version":
        conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoice (total) VALUES (12.5)")
        revision = "ae1027a6acf" if kind == "unknown revision" else "0003"
        conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("kind", ["unknown revision", "known revision", "empty alembic_version"])
def test_another_programs_database_is_left_byte_for_byte(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "their.db"
    foreign(path, kind)
    before = sha256(path)
    for args in (["meeting", "list"], ["db", "upgrade"], ["demo", "--no-open"]):
        result = runner.invoke(app, ["--db", str(path), *args])
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.count("\n") == 1
        assert "not a huddle database; huddle will not change it" in result.stderr
    with pytest.raises(DatabaseError, match="not a huddle database"):
        open_database(f"sqlite:///{path}")
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["their.db"]


@pytest.mark.parametrize("kind", ["unknown revision", "known revision"])
def test_db_check_calls_another_programs_database_what_it_is(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "their.db"
    foreign(path, kind)
    result = runner.invoke(app, ["--db", str(path), "db", "check"])
    assert result.exit_code == 1, result.output
    assert "not a huddle database" in result.output
    assert "No problems found" not in result.output


def test_a_backup_is_never_upgraded_in_place(tmp_path: Path) -> None:
    """Opening the copy kept before an upgrade would upgrade it and lose the old schema."""
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0011")
    engine.dispose()
    open_database(f"sqlite:///{path}").dispose()  # upgraded, with its .bak beside it
    backup = tmp_path / "old.db.0011.bak"
    before = sha256(backup)
    for args in (["meeting", "list"], ["export", "--all", "--dir", str(tmp_path / "out")]):
        result = runner.invoke(app, ["--db", str(backup), *args])
        assert result.exit_code == 1, result.output
        assert "is a backup at schema 0011" in result.stderr and "copy it" in result.stderr
    checked = runner.invoke(app, ["--db", str(backup), "db", "check"])
    assert "a backup: copy it to a new file" in checked.output
    assert sha256(backup) == before
    assert not list(tmp_path.glob("old.db.0011.bak.*"))
    restored = tmp_path / "restored.db"
    shutil.copy(backup, restored)  # the way out the message names
    assert runner.invoke(app, ["--db", str(restored), "meeting", "list"]).exit_code == 0


def test_backing_up_a_database_that_is_not_there_makes_none(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    result = runner.invoke(app, ["--db", str(typo), "db", "backup", str(tmp_path / "b.db")])
    assert result.exit_code == 1
    assert "no huddle database at" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_server_database_with_only_an_empty_alembic_version_is_refused(
    postgres: PostgresServer,
) -> None:
    url = postgres.create("foreign_empty")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
    try:
        result = runner.invoke(app, ["--db", url, "meeting", "list"])
        assert result.exit_code == 1 and "not a huddle database" in result.stderr
        with engine.connect() as conn:
            tables = conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).all()
        assert tables == [("alembic_version",)]
    finally:
        engine.dispose()


# ----------------------------------------------------------- upgrades on a shared server


def revision_of(url: str) -> str:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar())
    finally:
        engine.dispose()


def test_an_old_server_database_is_upgraded_only_by_db_upgrade(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    url = postgres.create("old_team")
    engine = make_engine(url)
    upgrade(engine, "0011")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO person (name, team) VALUES ('Sam', 'sales')"))
    engine.dispose()
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}

    for args in (["meeting", "list"], ["actions", "add", "x", "--owner", "Sam"]):
        refused = runner.invoke(app, ["--db", url, *args], env=env)
        assert refused.exit_code == 1, refused.output
        assert refused.stderr.count("\n") == 1 and "run huddle db upgrade" in refused.stderr
        assert "schema 0011" in refused.stderr
    assert revision_of(url) == "0011"

    upgraded = runner.invoke(app, ["--db", url, "db", "upgrade"], env=env)
    assert upgraded.exit_code == 0, upgraded.output
    backup = tmp_path / "data" / "huddle" / "huddle-server-old_team.0011.bak"
    assert upgraded.stdout == f"Upgraded from schema 0011 to {HEAD_REVISION} (backup: {backup})\n"
    assert revision_of(url) == HEAD_REVISION
    assert backup.stat().st_mode & 0o077 == 0
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0011",)
        assert conn.execute("SELECT name, team FROM person").fetchall() == [("Sam", "sales")]
    listed = runner.invoke(app, ["--db", url, "people", "list", "--format", "csv"], env=env)
    assert listed.exit_code == 0 and "Sam" in listed.stdout


def test_a_new_empty_server_database_is_set_up_by_any_command(postgres: PostgresServer) -> None:
    url = postgres.create("brand_new")
    result = runner.invoke(app, ["--db", url, "meeting", "list"])
    assert result.exit_code == 0, result.output
    assert revision_of(url) == HEAD_REVISION
