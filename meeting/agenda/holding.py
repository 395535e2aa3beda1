"""Whether this terminal holds a meeting's controls (facilitator.py hands them over): the
meeting screen asks before its first frame, so this needs no database and no ORM."""

from __future__ import annotations

from meeting.entries.identity import Me
from meeting.foundations.statuses import MeetingStatus
from meeting.foundations.views import MeetingView


def held_by(meeting: MeetingView, me: Me | None) -> str | None:
    """The facilitator's name when the controls are theirs and not `me`'s: this huddle
    then only follows. None when `me` drives (unknown, the facilitator, or nobody is)."""
    if me is None or meeting.facilitator_id is None or meeting.facilitator_id == me.id:
        return None
    return meeting.facilitator or "the facilitator"


def refusal(meeting: MeetingView, me: Me | None, doing: str) -> str | None:
    """One line saying who holds the control `doing` needs, and how to get it; None when
    `me` may."""
    holder = held_by(meeting, me)
    if holder is None or me is None:
        return None
    if meeting.status == MeetingStatus.ENDED:  # its facilitator is part of its record
        return (
            f"{holder} facilitates this meeting and {doing}; ask them to reopen it "
            f"(R on their screen, or: huddle meeting reopen {meeting.id})"
        )
    return (
        f"{holder} facilitates this meeting and {doing}; ask them to hand it to you "
        f"(H on their meeting screen, or: huddle meeting facilitator {meeting.id} {me.name!r})"
    )
