"""Faults and hostile input: nothing lost, nothing broken, a clear message every time."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from textual.pilot import Pilot
from textual.widgets import DataTable
from typer.testing import CliRunner

from meeting.agenda import meetings
from meeting.agenda.lookup import running_meeting
from meeting.entries import items
from meeting.foundations.clock import FixedClock
from screens.forms import EntryForm
from storage import db as storage_db
from storage import files as storage_files
from storage.db import HEAD_REVISION, Database
from storage.errors import DatabaseBusy, DatabaseError
from storage.files import network_warning
from storage.maintenance import backup_to, check_database
from storage.opening import open_database
from tests.locks import hold_write_lock, working_section
from tests.tui.helpers import screen_as, type_text, wait_for_screen
from tui.app import HuddleApp
from tui.cli import app as cli

ROOT = Path(__file__).parents[1]
HUDDLE = str(Path(sys.executable).with_name("huddle"))
runner = CliRunner()


def test_a_short_lock_is_waited_out(db: Database, db_path: Path, clock: FixedClock) -> None:
    section = working_section(db, clock)
    holder = hold_write_lock(db_path, 0.5)
    started = time.monotonic()
    items.add_item(db, section, "saved once the lock is gone", team="sales", clock=clock)
    assert time.monotonic() - started >= 0.4
    holder.join()
    assert [i.text for i in items.items(db, section)] == ["saved once the lock is gone"]


def test_a_lock_past_the_timeout_keeps_the_text_for_a_retry(
    db_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_MS", 200)
    database = open_database(f"sqlite:///{db_path}")
    section = working_section(database, clock)
    holder = hold_write_lock(db_path, 1.0)
    with pytest.raises(DatabaseBusy, match=r"busy: another huddle is writing.*text is kept"):
        items.add_item(database, section, "not yet", team="sales", clock=clock)
    holder.join()
    items.add_item(database, section, "not yet", team="sales", clock=clock)  # the retry
    assert [i.text for i in items.items(database, section)] == ["not yet"]
    database.dispose()


async def start_action_form(pilot: Pilot[None], app: HuddleApp) -> None:
    from meeting.entries.people import remember_person

    with app.db.write() as session:
        remember_person(session, "Sam", "sales")  # a known owner: no question to confirm
    await wait_for_screen(pilot, "MeetingScreen")
    await pilot.press("6", "a")
    await wait_for_screen(pilot, "EntryForm")
    await type_text(pilot, "Call Acme back")
    await pilot.press("tab")
    await type_text(pilot, "Sam")


async def test_tui_says_it_is_waiting_and_saves_when_the_lock_goes(
    db_path: Path, clock: FixedClock
) -> None:
    database = open_database(f"sqlite:///{db_path}", busy_ms=storage_db.UI_BUSY_TIMEOUT_MS)
    meeting_id, _ = meetings.start_meeting(database, clock=clock)
    app = HuddleApp(database, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_action_form(pilot, app)
        holder = hold_write_lock(db_path, 1.5)
        await pilot.press("enter")
        assert type(app.screen).__name__ == "EntryForm"
        assert "Waiting for the database" in str(app.screen.query_one("#form-error").render())
        assert screen_as(app, EntryForm).values()["text"] == "Call Acme back"
        holder.join()
        await wait_for_screen(pilot, "MeetingScreen", seconds=20)  # saved by the retry
    from meeting.entries.actions import actions_made_in

    assert [a.text for a in actions_made_in(database, meeting_id)] == ["Call Acme back"]
    database.dispose()


async def test_tui_offers_a_retry_past_its_patience(
    db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.busy

    monkeypatch.setattr(screens.busy, "PATIENCE", 0.6)
    database = open_database(f"sqlite:///{db_path}", busy_ms=storage_db.UI_BUSY_TIMEOUT_MS)
    meeting_id, _ = meetings.start_meeting(database, clock=clock)
    app = HuddleApp(database, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await start_action_form(pilot, app)
        holder = hold_write_lock(db_path, 2.5)
        await pilot.press("enter")
        message = ""
        for _ in range(40):  # past its patience (0.6 s) while the lock is still held (2.5 s)
            await pilot.pause(0.05)
            message = str(app.screen.query_one("#form-error").render())
            if "still busy" in message:
                break
        assert "still busy" in message and "press enter to try again" in message
        holder.join()
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
    from meeting.entries.actions import actions_made_in

    assert [a.text for a in actions_made_in(database, meeting_id)] == ["Call Acme back"]
    database.dispose()


def test_disk_full_is_refused_cleanly(db: Database, db_path: Path, clock: FixedClock) -> None:
    section = working_section(db, clock)
    items.add_item(db, section, "fits", team="sales", clock=clock)
    pages = sqlite3.connect(db_path).execute("PRAGMA page_count").fetchone()[0]

    @event.listens_for(db.engine, "connect")
    def _tiny(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()  # new connections get the limit: the file cannot grow
    with pytest.raises(DatabaseError, match=r"disk is full.*text is kept"):
        items.add_item(db, section, "x" * 200_000, team="sales", clock=clock)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert [i.text for i in items.items(db, section)] == ["fits"]


# ---------------------------------------------------------------- two terminals at once


WRITER = """
import sys, datetime as dt
from meeting.foundations.clock import Clock
from meeting.entries import items
from meeting.agenda import meetings
from meeting.agenda.lookup import running_meeting
from storage.opening import open_database
db = open_database(f"sqlite:///{sys.argv[1]}")
section = meetings.get_meeting(db, int(sys.argv[2])).sections[2].id
for n in range(int(sys.argv[3])):
    items.add_item(db, section, f"entry {n}", team="sales", clock=Clock())
print("done")
"""


def test_facilitator_manager_and_rep_at_the_same_time(
    demo_file: Path, tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "shared.db"
    shutil.copy(demo_file, path)
    database = open_database(f"sqlite:///{path}")
    meeting_id, _ = meetings.start_meeting(database, clock=clock)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HUDDLE_DB": str(path)}
    facilitator = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(meeting_id), "150"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors: list[str] = []
    answered = 0
    manager_reads = 0
    open_ids = [
        q["id"]
        for q in json.loads(
            subprocess.run(
                [HUDDLE, "questions", "list", "--open", "--format", "json"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    ]
    while facilitator.poll() is None or answered == 0:  # at least one round of each
        manager = subprocess.run(
            [HUDDLE, "actions", "list", "--format", "json"], env=env, capture_output=True, text=True
        )
        manager_reads += 1
        if manager.returncode:
            errors.append(manager.stderr)
        if answered < len(open_ids):
            rep = subprocess.run(
                [
                    HUDDLE,
                    "questions",
                    "answer",
                    str(open_ids[answered]),
                    "Called them",
                    "--outcome",
                    "working",
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            answered += 1
            if rep.returncode:
                errors.append(rep.stderr)
    _out, err = facilitator.communicate()
    assert facilitator.returncode == 0 and "locked" not in err, err
    assert errors == [], errors
    assert manager_reads >= 1 and answered >= 1
    section = meetings.get_meeting(database, meeting_id).sections[2].id
    assert len(items.items(database, section)) == 150
    statuses = {
        q["id"]: q["status"]
        for q in json.loads(
            subprocess.run(
                [HUDDLE, "questions", "list", "--format", "json"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    }
    assert all(statuses[q] == "answered" for q in open_ids[:answered])
    database.dispose()


# ---------------------------------------------------------------- files


def test_backup_while_writing_is_consistent(
    db: Database, db_path: Path, tmp_path: Path, clock: FixedClock
) -> None:
    section = working_section(db, clock)
    stop = threading.Event()

    def write() -> None:
        n = 0
        while not stop.is_set():
            items.add_item(db, section, f"busy {n}", team="sales", clock=clock)
            n += 1

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.2)
    copy = backup_to(db, tmp_path / "copy.db")
    stop.set()
    writer.join()
    report = check_database(copy)
    assert report.ok, report.lines
    assert sqlite3.connect(copy).execute("SELECT count(*) FROM item").fetchone()[0] > 0
    result = runner.invoke(cli, ["--db", str(db_path), "db", "backup", str(copy)])
    assert result.exit_code == 1 and "already exists" in result.stderr


def test_db_check_finds_corruption(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    shutil.copy(demo_file, path)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, page * 3 + 2000):
        data[offset] = 0xFF  # scribble over a table page
    path.write_bytes(bytes(data))
    result = runner.invoke(cli, ["--db", str(path), "db", "check"])
    assert result.exit_code == 1
    assert "integrity_check:" in result.stdout and "integrity_check: ok" not in result.stdout
    good = runner.invoke(cli, ["--db", str(demo_file), "db", "check"])
    assert good.exit_code == 0 and "No problems found." in good.stdout


def test_db_upgrade_migrates_an_older_database(tmp_path: Path) -> None:
    from storage.db import make_engine
    from storage.migrate import upgrade

    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO person (name, team) VALUES ('Sam', 'sales'), ('Priya', 'marketing')"
        )
    engine.dispose()
    result = runner.invoke(cli, ["--db", str(path), "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"Upgraded from schema 0001 to {HEAD_REVISION}" in result.stdout
    assert (tmp_path / "old.db.0001.bak").exists()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM person").fetchone() == (2,)
    again = runner.invoke(cli, ["--db", str(path), "db", "upgrade"])
    assert "nothing to do" in again.stdout


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop root's rights")
def test_read_only_database_browses_but_refuses_edits(demo_file: Path, tmp_path: Path) -> None:
    """Run as a user without the right to write the file (root with its override dropped)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "team.db"
    shutil.copy(demo_file, path)
    path.chmod(0o444)
    folder.chmod(0o555)
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    try:
        listed = subprocess.run(
            [*drop, HUDDLE, "--db", str(path), "actions", "list"], capture_output=True, text=True
        )
        assert listed.returncode == 0, listed.stderr
        added = subprocess.run(
            [*drop, HUDDLE, "--db", str(path), "actions", "add", "x", "--owner", "Sam"],
            capture_output=True,
            text=True,
        )
        assert added.returncode == 1
        assert "read-only" in added.stderr and "Traceback" not in added.stderr
        exported = subprocess.run(
            [*drop, HUDDLE, "--db", str(path), "export", "latest"], capture_output=True, text=True
        )
        assert exported.returncode == 0 and exported.stdout.startswith("# Weekly sync")
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_network_filesystem_gets_a_warning(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(storage_files, "filesystem_type", lambda path: "nfs4")
    assert "PostgreSQL" in (network_warning(tmp_path / "x.db") or "")
    monkeypatch.setattr(storage_files, "filesystem_type", lambda path: "ext4")
    assert network_warning(tmp_path / "x.db") is None


def test_filesystem_type_reads_the_mount_table(tmp_path: Path) -> None:
    assert storage_files.filesystem_type(tmp_path) is not None


# ---------------------------------------------------------------- hostile input

HOSTILE = [
    "[red]x[/]",
    "[/",
    "[link=https://x]y[/link]",
    "[@click=app.quit]q[/]",
    "\x1b]0;title\x07",
    "\x1b[2J",
    "\x9b",
    "\u202eevil\u202c and zero\u200bwidth",
    "🎉 emoji and 中文 CJK",
    "  leading and trailing  ",
    "multi\nline\npaste",
]


def test_hostile_text_is_stored_byte_exact_and_printed_safely(
    db: Database, db_path: Path, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    from meeting.entries.actions import add_action

    for text in [*HOSTILE, "y" * 100_000]:
        add_action(db, meeting_id=meeting_id, text=text, owner="Sam", due=None, clock=clock)
    rows = json.loads(
        runner.invoke(cli, ["--db", str(db_path), "actions", "list", "-f", "json"]).stdout
    )
    assert [r["text"] for r in rows] == [*HOSTILE, "y" * 100_000]
    table = runner.invoke(cli, ["--db", str(db_path), "actions", "list"]).stdout
    assert "\x1b" not in table and "\x9b" not in table and "\u202e" not in table
    assert "\\x1b]0;title\\x07" in table and "[red]x[/]" in table
    from tui.output import _width

    # Wide characters (emoji, CJK) count as two columns: the owner column stays aligned.
    lines = table.splitlines()
    starts = {_width(line[: line.index("  Sam")]) for line in lines[2:-1] if "  Sam" in line}
    assert len(starts) == 1
    minutes = runner.invoke(cli, ["--db", str(db_path), "export", "latest"]).stdout
    assert "\\[red\\]x\\[/\\]" in minutes


async def test_hostile_text_shows_literally_in_the_tui(db: Database, clock: FixedClock) -> None:
    section = working_section(db, clock)
    for text in HOSTILE:
        items.add_item(db, section, text, team="sales", clock=clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3")
        table = app.screen.query_one("#entries", DataTable)
        shown = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert shown[0] == "[red]x[/]" and shown[3] == "[@click=app.quit]q[/]"
        assert shown[4] == "\\x1b]0;title\\x07" and "\\u202e" in shown[7]
        assert shown[10] == "multi ↵ line ↵ paste"
        assert type(app.screen).__name__ == "MeetingScreen"  # [@click=app.quit] did not quit


SIZE_LIMITED = """
import os, resource, signal, sys
from meeting.foundations.clock import Clock
from meeting.entries import items
from meeting.agenda import meetings
from meeting.agenda.lookup import running_meeting
from storage.opening import open_database
from storage.errors import DatabaseError
path = sys.argv[1]
db = open_database(f"sqlite:///{path}")
meeting_id, _ = meetings.start_meeting(db, clock=Clock())
section = meetings.get_meeting(db, meeting_id).sections[2].id
items.add_item(db, section, "fits", team="sales", clock=Clock())
limit = os.path.getsize(path) + os.path.getsize(path + "-wal") + 20_000
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    items.add_item(db, section, "x" * 500_000, team="sales", clock=Clock())
    print("SAVED")
except DatabaseError as exc:
    print("REFUSED", exc)
print("KEPT", [len(i.text) for i in items.items(db, section)])
"""


def test_a_size_limited_file_refuses_the_write_and_stays_intact(tmp_path: Path) -> None:
    """A real write failure: the process may not grow the file past a size limit."""
    path = tmp_path / "limited.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", SIZE_LIMITED, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "REFUSED" in out.stdout and "Nothing was saved yet; your text is kept" in out.stdout
    assert "KEPT [4]" in out.stdout
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT text FROM item").fetchall() == [("fits",)]
    conn.close()


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop root's rights")
def test_an_unreadable_database_is_one_line(demo_file: Path, tmp_path: Path) -> None:
    """A file without read permission, as a user without root's override sees it."""
    path = tmp_path / "secret.db"
    shutil.copy(demo_file, path)
    path.chmod(0o000)
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    try:
        for args in (
            ["actions", "list"],
            ["actions", "add", "x", "--owner", "Sam"],
            ["db", "check"],
        ):
            out = subprocess.run(
                [*drop, HUDDLE, "--db", str(path), *args], capture_output=True, text=True
            )
            assert out.returncode == 1, (args, out.stderr)
            assert "Traceback" not in out.stderr and "ermission denied" in out.stdout + out.stderr
        bare = subprocess.run(
            [*drop, HUDDLE, "--db", str(path)], capture_output=True, text=True, timeout=60
        )
        assert bare.returncode == 1 and bare.stderr.count("\n") == 1, bare.stderr
    finally:
        path.chmod(0o600)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret.db"]


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


def test_db_check_and_browsing_work_on_a_read_only_mount(
    demo_file: Path, read_only_mount: Path
) -> None:
    path = read_only_mount / "team.db"
    shutil.copy(demo_file, path)
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    check = subprocess.run(
        [HUDDLE, "--db", str(path), "db", "check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "integrity_check: ok" in check.stdout and "No problems found." in check.stdout
    listed = subprocess.run(
        [HUDDLE, "--db", str(path), "actions", "list"], capture_output=True, text=True
    )
    assert listed.returncode == 0 and "Make lost reason" in listed.stdout
