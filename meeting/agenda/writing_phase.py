"""The facilitator's side of writing alone, for the meeting screen and the CLI alike: a
section named as people name it, and the facilitator's controls kept with the
facilitator (someone else who said who they are is refused in one line)."""

from __future__ import annotations

from enum import StrEnum

from meeting.agenda.facilitator import refusal
from meeting.agenda.meetings import get_meeting
from meeting.entries import writing
from meeting.entries.identity import Me
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import SectionKind
from meeting.foundations.views import MeetingView, SectionView
from storage.db import Database


class Change(StrEnum):
    """What the facilitator does to a section, said as the refusal says it."""

    WRITING_ON = "starts writing phases"
    WRITING_OFF = "calls off writing phases"
    REVEAL = "reveals what was written alone"
    ANONYMOUS_ON = "makes sections anonymous"
    ANONYMOUS_OFF = "makes sections named"


def section_named(meeting: MeetingView, name: str) -> SectionView:
    """A section of `meeting` by its key (broken), title (What's broken) or number (4)."""
    wanted = name.strip().lower()
    for section in meeting.sections:
        if wanted in (section.key.lower(), section.title.lower(), str(section.position + 1)):
            return section
    keys = ", ".join(s.key for s in meeting.sections if s.kind == SectionKind.ITEMS)
    raise HuddleError(f"meeting {meeting.id} has no section {name!r} for entries (choose: {keys})")


def change_section(
    db: Database, meeting_id: int, section_id: int, change: Change, *, me: Me | None
) -> str:
    """Do `change` as `me` (None: a terminal or command that did not say who it is, which
    drives as everyone always has): what to say about it."""
    refused = refusal(get_meeting(db, meeting_id), me, change.value)
    if refused:
        raise HuddleError(refused)
    if change in (Change.WRITING_ON, Change.WRITING_OFF):
        return writing.set_writing(db, section_id, change == Change.WRITING_ON)
    if change == Change.REVEAL:
        return writing.reveal(db, section_id)
    return writing.set_anonymous(db, section_id, change == Change.ANONYMOUS_ON)
