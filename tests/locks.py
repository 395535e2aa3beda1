"""Another terminal holding the database, as SQLite sees it."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from meeting.agenda import meetings
from meeting.foundations.clock import FixedClock
from storage.db import Database


def working_section(db: Database, clock: FixedClock) -> int:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    return meetings.get_meeting(db, meeting_id).sections[2].id


def hold_write_lock(
    path: Path, seconds: float, until: threading.Event | None = None
) -> threading.Thread:
    """Another process's long write, as SQLite sees it: BEGIN IMMEDIATE, then wait
    `seconds`, or until the test sets `until` (at most `seconds`): a test that must see
    the lock still held does not race a timer on a loaded machine."""
    ready = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")
        ready.set()
        if until is None:
            time.sleep(seconds)
        else:
            until.wait(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    return thread
