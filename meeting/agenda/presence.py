"""Who else has a meeting open: each running app says where it is (its section) when it
opens the meeting, when it moves, and every little while; the others show it beside the
agenda, and one of them can follow the facilitator's terminal: the one whose person
facilitates the meeting, when a terminal says who it is (`--as`, a browser), else the one
that has had the meeting open longest (the facilitator starts it)."""

from __future__ import annotations

import os
import socket

from sqlalchemy import delete
from sqlmodel import col, select

from meeting.agenda.terminals import GONE_AFTER as GONE_AFTER
from meeting.agenda.terminals import HEARTBEAT_SECONDS as HEARTBEAT_SECONDS
from meeting.agenda.terminals import Other as Other
from meeting.agenda.terminals import others as others
from meeting.agenda.terminals import terminal_id as terminal_id
from meeting.agenda.terminals import who_am_i as who_am_i
from meeting.foundations.clock import Clock
from storage.db import Database
from storage.models import Presence


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
