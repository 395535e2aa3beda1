"""kill -9 in the middle of a meeting loses nothing the screen showed."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from meeting.agenda import meetings
from meeting.agenda.lookup import list_meetings
from meeting.entries import items
from storage.opening import open_database

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).parents[2]


def run_and_kill(path: Path, prefix: str, entries: int) -> list[str]:
    """Start a meeting process, let it save `entries` entries, SIGKILL it mid-typing."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    shown: list[str] = []
    deadline = time.monotonic() + 60
    assert child.stdout is not None
    # Never block on a child that stopped printing: wait for each line with a time limit.
    while len(shown) < entries and time.monotonic() < deadline:
        ready, _, _ = select.select([child.stdout], [], [], deadline - time.monotonic())
        if not ready:
            break
        line = child.stdout.readline()
        if not line:
            break
        if line.startswith("SHOWN "):
            shown.append(line.removeprefix("SHOWN ").strip())
    os.kill(child.pid, signal.SIGKILL)  # mid-keystroke of the next entry
    child.wait()
    assert len(shown) >= entries, child.stderr.read() if child.stderr else ""
    return shown


def test_sigkill_mid_meeting_repeatedly_loses_nothing_shown(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    shown: list[str] = []
    for round_number in range(3):
        shown += run_and_kill(path, f"r{round_number}", 3)
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
    db = open_database(f"sqlite:///{path}")
    [row] = list_meetings(db)
    assert row.status == "running"  # every round resumed the same meeting
    view = meetings.get_meeting(db, row.id)
    assert view.current_position == 2
    saved = [i.text for i in items.items(db, view.sections[2].id)]
    assert [text for text in saved if text in shown] == shown
    db.dispose()
