"""The one error type people see: its message names the problem and the fix."""

from __future__ import annotations

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
