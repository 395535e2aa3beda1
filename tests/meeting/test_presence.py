"""Who else has the meeting open: a killed app's row goes when this machine's next app
says where it is; other machines' rows wait for their heartbeat to age out."""

from __future__ import annotations

import socket
import subprocess
import sys

from meeting.agenda import meetings, presence
from meeting.foundations.clock import FixedClock
from storage.db import Database


def test_an_app_killed_on_this_machine_is_not_shown_beside_its_successor(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = f"{socket.gethostname()}:{ended.stdout.strip()}:0000"
    presence.here(db, meeting_id, "elsewhere:1:ffff", "priya@mac", 4, clock=clock)
    presence.here(db, meeting_id, dead, "sam@laptop", 2, clock=clock)  # then killed
    assert {o.who for o in presence.others(db, meeting_id, "me", clock=clock)} == {
        "sam@laptop",
        "priya@mac",
    }

    me = presence.terminal_id()
    presence.here(db, meeting_id, me, "sam@laptop", 0, clock=clock)
    left = presence.others(db, meeting_id, me, clock=clock)
    assert [(o.who, o.position, o.leading) for o in left] == [("priya@mac", 4, True)]
    presence.gone(db, meeting_id, me)
    assert [o.who for o in presence.others(db, meeting_id, "me", clock=clock)] == ["priya@mac"]


def test_a_silent_terminal_of_another_machine_ages_out(db: Database, clock: FixedClock) -> None:
    import datetime as dt

    from meeting.foundations.clock import FixedClock

    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    long_ago = FixedClock(clock.now() - presence.GONE_AFTER - dt.timedelta(seconds=1))
    presence.here(db, meeting_id, "elsewhere:1:ffff", "priya@mac", 4, clock=long_ago)
    assert presence.others(db, meeting_id, "me", clock=clock) == []  # not shown
    presence.here(db, meeting_id, presence.terminal_id(), "sam@laptop", 0, clock=clock)
    assert presence.others(db, meeting_id, "me", clock=long_ago) == [
        presence.Other("sam@laptop", 0, leading=True)  # the old row is gone, not just hidden
    ]
