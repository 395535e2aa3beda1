"""An ended meeting is a record: it takes nothing new until it is reopened. Every write
into a meeting asks here, inside its own write transaction: writers take turns (SQLite's
BEGIN IMMEDIATE, PostgreSQL's writer lock), so a write racing another terminal's end of the
meeting is refused too, never saved into a record that was already written."""

from __future__ import annotations

from sqlalchemy import bindparam, func
from sqlalchemy import select as sql_select
from sqlmodel import Session, select

from meeting.foundations.errors import HuddleError, MeetingClosed
from meeting.foundations.statuses import MeetingStatus
from storage.models import Item, Meeting, Section, table_of

_MEETING = table_of(Meeting)
_STATUS = sql_select(_MEETING.c.status).where(_MEETING.c.id == bindparam("meeting_id"))


def refuse_if_ended(session: Session, meeting_id: int | None) -> None:
    """Nothing to check for a write made between meetings (`meeting_id` None)."""
    if meeting_id is None:
        return
    # One column, not the ORM's whole object: this runs for every entry typed.
    found = session.execute(_STATUS, {"meeting_id": meeting_id}).first()
    if found is None:
        raise HuddleError(f"no meeting with id {meeting_id} (try: huddle meeting list)")
    if found.status == MeetingStatus.ENDED:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None  # found just now, in this transaction
        raise MeetingClosed(meeting_id, meeting.date, _reference(session, meeting))


def refuse_if_item_ended(session: Session, item: Item) -> None:
    """An entry is part of its meeting: editing, deleting or voting on it writes there."""
    section = session.get(Section, item.section_id)
    if section is not None:
        refuse_if_ended(session, section.meeting_id)


def _reference(session: Session, meeting: Meeting) -> str:
    """The meeting's date when no other meeting shares it (what people type), else its id."""
    same_day = session.exec(
        select(func.count()).select_from(Meeting).where(Meeting.date == meeting.date)
    ).one()
    return meeting.date.isoformat() if same_day == 1 else str(meeting.id)
