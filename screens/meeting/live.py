"""When the meeting screen reads the meeting again: another terminal saved something.

A change watch (storage/dialect.py) is asked ten times a second. This terminal's own saves
set it off too; the screen has painted those already, so while it is typing fast the watch
is asked less often, and a watch whose server went away is opened again every few seconds.
A change that only said where a terminal is (every terminal's heartbeat) re-reads who else
is here and no more: with twenty terminals on a meeting, re-reading the meeting for each
would keep every one of them busy while nobody types.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from textual.screen import Screen

from storage.db import Database
from storage.dialect import Change, ChangeWatch, watch_changes

WATCH_RETRY_SECONDS = 3.0  # how often a lost change watch tries its server again
# After a save of this terminal's own, the refresh it sets off waits this long (the save
# has painted its own entry already), so fast typing is not slowed by re-reading its own
# work; the watch is still asked at least every 2 x this, so another terminal's change
# shows within a second however fast this one types.
OWN_SAVE_QUIET = 0.4
POLL_SECONDS = 0.1  # a PRAGMA or a socket poll: cheap


class LiveRefresh:
    """The change watch and when it was last asked."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.change_watch = ChangeWatch()  # one that never fires, until `start`
        self.watch_lost_at: float | None = None  # when the change watch lost its server
        self.own_commits = db.commits  # this terminal's saves, as last counted
        self.own_save_at = 0.0  # when this terminal last saved (monotonic)
        self.checked_at = 0.0  # when the change watch was last asked (monotonic)

    def start(
        self, screen: Screen[None], refresh: Callable[[], None], others: Callable[[], None]
    ) -> None:
        """Open the watch and ask it every POLL_SECONDS while `screen` is up; `refresh`
        reads the meeting again, `others` only who else is here."""
        self.change_watch = self.open_watch()

        def poll() -> None:
            change = self.changed()
            if change is Change.CONTENT:
                refresh()  # shows who else is here too
            elif change is Change.PRESENCE:
                others()

        screen.set_interval(POLL_SECONDS, poll)

    def open_watch(self) -> ChangeWatch:
        try:
            return watch_changes(self.db.url)
        except Exception:  # a watch is a convenience: the meeting runs without one
            return ChangeWatch()

    def close(self) -> None:
        self.change_watch.close()

    def changed(self) -> Change:
        """What to read again now: the meeting when someone saved since the last look, or
        the watch is back from a lost server (whatever was saved while it was away); who
        else is here when a terminal only said where it is."""
        if self.db.commits != self.own_commits:
            self.own_commits, self.own_save_at = self.db.commits, time.monotonic()
        now = time.monotonic()
        if now - self.own_save_at < OWN_SAVE_QUIET and now - self.checked_at < 2 * OWN_SAVE_QUIET:
            return Change.NONE  # the change stays unread until then: nothing is missed
        self.checked_at = now
        if self.watch_lost_at is not None:
            if time.monotonic() - self.watch_lost_at < WATCH_RETRY_SECONDS:
                return Change.NONE
            self.change_watch = self.open_watch()  # the server may be back
            if type(self.change_watch) is ChangeWatch:  # not yet
                self.watch_lost_at = time.monotonic()
                return Change.NONE
            self.watch_lost_at = None
            return Change.CONTENT
        try:
            return self.change_watch.changed()
        except Exception:  # the server went away: look again every few seconds
            with contextlib.suppress(Exception):
                self.change_watch.close()
            self.change_watch = ChangeWatch()
            self.watch_lost_at = time.monotonic()
            return Change.NONE
