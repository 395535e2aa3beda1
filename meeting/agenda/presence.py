"""Who else has a meeting open: each running app says where it is (its section) when it
opens the meeting, when it moves, and every little while; the others show it beside the
agenda, and one of them can follow the facilitator's terminal: the one whose person
facilitates the meeting, when a terminal says who it is (`--as`, a browser), else the one
that has had the meeting open longest (the facilitator starts it)."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import socket
import uuid
from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import col, select

from meeting.foundations.clock import Clock
from storage.db import Database
from storage.models import Presence

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
    was killed can be told apart from one still running (see `here`)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _dead_here(terminal: str) -> bool:
    """A terminal of this machine whose process has ended (killed, or its terminal closed)."""
    host, _, rest = terminal.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # running, as someone else
        return False
    return False


def here(
    db: Database,
    meeting_id: int,
    terminal: str,
    who: str,
    position: int,
    *,
    clock: Clock,
    person_id: int | None = None,
) -> None:
    """Where this terminal is. Rows this machine's ended apps left behind go at once, so
    an app killed and started again is not shown beside itself for a minute; rows silent
    for longer than GONE_AFTER (another machine's app, killed) go too."""
    now = clock.now()
    with db.write(presence_only=True) as session:
        session.execute(
            delete(Presence).where(
                col(Presence.meeting_id) == meeting_id, col(Presence.seen_at) < now - GONE_AFTER
            )
        )
        listed = session.exec(select(Presence).where(Presence.meeting_id == meeting_id)).all()
        for stale in listed:
            if stale.terminal != terminal and _dead_here(stale.terminal):
                session.delete(stale)
        row = session.get(Presence, (meeting_id, terminal))
        if row is None:
            row = Presence(
                meeting_id=meeting_id,
                terminal=terminal,
                who=who,
                position=position,
                opened_at=now,
                seen_at=now,
                person_id=person_id,
            )
        row.position, row.seen_at = position, now
        session.add(row)


def gone(db: Database, meeting_id: int, terminal: str) -> None:
    with db.write(presence_only=True) as session:
        session.execute(
            delete(Presence).where(
                col(Presence.meeting_id) == meeting_id, col(Presence.terminal) == terminal
            )
        )


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
    with db.read() as session:
        rows = session.exec(
            select(Presence)
            .where(Presence.meeting_id == meeting_id, col(Presence.seen_at) >= alive_since)
            .order_by(col(Presence.opened_at), col(Presence.terminal))
        ).all()
    theirs = [row for row in rows if facilitator_id is not None and row.person_id == facilitator_id]
    leader = theirs[0] if theirs else (rows[0] if rows else None)
    return [
        Other(row.who, row.position, leading=row is leader)
        for row in rows
        if row.terminal != terminal
    ]
