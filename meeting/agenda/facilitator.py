"""Who holds a meeting's controls: its facilitator moves the room between sections, runs
the timers, ends and reopens it, and hands the meeting to someone else. Anyone else who
said who they are (`--as`, a browser) follows along and writes; a terminal that did not
say, or a meeting without a facilitator, drives as everyone always has."""

from __future__ import annotations

from meeting.agenda.holding import held_by as held_by
from meeting.agenda.holding import refusal as refusal
from meeting.entries.people import resolve_person
from meeting.foundations.ended import refuse_if_ended
from meeting.foundations.errors import HuddleError
from storage.db import Database
from storage.models import Meeting, Person, stored_id


def hand_over(db: Database, meeting_id: int, name: str) -> tuple[str, str | None]:
    """Make the person called `name` the meeting's facilitator: (their name, the one
    before, if any). A planned or running meeting: an ended one is a record, and who ran
    it is part of it (its minutes say so), so it is reopened first."""
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise HuddleError(f"no meeting with id {meeting_id} (try: huddle meeting list)")
        person = resolve_person(session, name)
        before = None
        if meeting.facilitator_id is not None:
            was = session.get(Person, meeting.facilitator_id)
            before = was.name if was is not None else None
        meeting.facilitator_id = stored_id(person.id)
        session.add(meeting)
        return person.name, before
