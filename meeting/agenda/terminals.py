"""Who else has a meeting open, read with Core: the meeting screen's first frame shows it
before the ORM is loaded. Each terminal writes where it is through presence.py, which
re-exports these."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import socket
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from meeting.foundations.clock import Clock
from storage.db import Database
from storage.tables import PRESENCE

HEARTBEAT_SECONDS = 20
GONE_AFTER = dt.timedelta(seconds=3 * HEARTBEAT_SECONDS)  # a killed app drops out by itself


def who_am_i() -> str:
    """How this terminal is named to the others: $HUDDLE_NAME, else user@host."""
    named = os.environ.get("HUDDLE_NAME", "").strip()
    if named:
        return named[:40]
    try:
        user = getpass.getuser()
    except Exception:  # no user name to be had (some containers)
        user = "someone"
    return f"{user}@{socket.gethostname().split('.')[0]}"[:40]


def terminal_id() -> str:
    """This app among the terminals on a meeting: host and process first, so an app that
    was killed can be told apart from one still running (see presence.here)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class Other:
    who: str
    position: int
    leading: bool  # the facilitator's terminal (see `others`)


def others(
    db: Database,
    meeting_id: int,
    terminal: str,
    *,
    clock: Clock,
    facilitator_id: int | None = None,
) -> list[Other]:
    """The other terminals on the meeting, longest open first. The one leading is the
    facilitator's (`facilitator_id`): the first one that says it is them, else the one
    open longest."""
    alive_since = clock.now() - GONE_AFTER
    p = PRESENCE.c
    with db.connect() as conn:
        rows = conn.execute(
            select(p.terminal, p.who, p.position, p.person_id)
            .where(p.meeting_id == meeting_id, p.seen_at >= alive_since)
            .order_by(p.opened_at, p.terminal)
        ).all()
    theirs = [row for row in rows if facilitator_id is not None and row.person_id == facilitator_id]
    leader = theirs[0] if theirs else (rows[0] if rows else None)
    return [
        Other(row.who, row.position, leading=row is leader)
        for row in rows
        if row.terminal != terminal
    ]
