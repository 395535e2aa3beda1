"""The one error type people see: its message names the problem and the fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


class HuddleError(Exception):
    """Bad input or an impossible request. Raised before anything is written."""


class AlreadySo(HuddleError):
    """Asked to do what was already done (done twice, withdrawn twice): said, and nothing
    changes, so a script that runs a command twice learns it from the exit status."""


class ChangedMeanwhile(HuddleError):
    """An entry changed in another terminal while it was being edited here: neither text
    is dropped silently; the person editing chooses."""

    def __init__(self, theirs: str, mine: str) -> None:
        super().__init__("another terminal changed this entry while you edited it")
        self.theirs = theirs
        self.mine = mine
        self.accept_theirs_as_seen: Callable[[], None] | None = None  # set by the editor


class MeetingClosed(HuddleError):
    """A write into a meeting that has ended: its record takes nothing new until it is
    reopened. The CLI may add what to do instead (`said`); a screen names its own key."""

    def __init__(self, meeting_id: int, day: dt.date, ref: str) -> None:
        self.meeting_id = meeting_id
        self.day = day
        self.ref = ref  # what `huddle meeting reopen` takes to name this meeting alone
        super().__init__(self.said())

    def said(self, instead: str = "") -> str:
        """One line; `instead` is the other way to do it, e.g. for the next meeting."""
        command = f"huddle meeting reopen {self.ref}"
        reopen = f"the meeting of {self.day} has ended; reopen it with `{command}`"
        return f"{reopen}, or {instead}" if instead else f"{reopen} to add to it"

    def on_screen(self, then: str = "then add to it") -> str:
        """The line a screen shows, naming its reopen key instead of the command."""
        return screen_line(self.day, then)


def screen_line(day: dt.date, then: str = "then add to it") -> str:
    """What the meeting screen says of an ended meeting a write was asked of."""
    return f"The meeting of {day} has ended: press R to reopen it, {then}."
