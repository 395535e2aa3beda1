"""Action items and their events. Every change writes its event in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from meeting.entries.action_rows import ActionRow
from meeting.entries.people import remember_person
from meeting.entries.writing import refuse_while_writing
from meeting.foundations.clock import Clock
from meeting.foundations.ended import refuse_if_ended, refuse_if_item_ended
from meeting.foundations.errors import AlreadySo, ChangedMeanwhile, HuddleError
from meeting.foundations.statuses import ACTION_STATUSES, ActionStatus
from storage.db import Database
from storage.models import ActionEvent, ActionItem, Item, Meeting, Person, Section, stored_id


def _event(
    session: Session,
    action: ActionItem,
    kind: str,
    *,
    at: dt.datetime,
    meeting_id: int | None = None,
    old: object = None,
    new: object = None,
    by: Person | None = None,
) -> None:
    session.add(
        ActionEvent(
            action_id=stored_id(action.id),
            at=at,
            kind=kind,
            meeting_id=meeting_id,
            old=None if old is None else str(old),
            new=None if new is None else str(new),
            by_id=by.id if by is not None else None,
        )
    )


def _who(session: Session, by: str | None) -> Person | None:
    """The person a change is recorded against; a name nobody knows is refused."""
    if by is None or not by.strip():
        return None
    from meeting.entries.people import resolve_person

    return resolve_person(session, by)


def _link_entry(session: Session, action: ActionItem, item_id: int, at: dt.datetime) -> None:
    """Tie the action to the entry it came from, both ways, and say so on its timeline."""
    item = session.get(Item, item_id)
    if item is None or item.deleted_at is not None:
        raise HuddleError(f"no entry with id {item_id} (it may have been deleted)")
    refuse_if_item_ended(session, item)
    if item.action_id is not None:
        linked = session.get(ActionItem, item.action_id)
        if linked is not None and linked.deleted_at is None:
            raise HuddleError(
                f"entry {item_id} already has action #{linked.id}; edit that one instead"
            )
    section = session.get(Section, item.section_id)
    refuse_while_writing(section, "turn its entries into actions")
    item.action_id = action.id
    where = section.title if section is not None else "an entry"
    _event(session, action, "entry", at=at, meeting_id=action.meeting_id, old=where, new=item.text)


def _check_text(text: str) -> None:
    if not text.strip():
        raise HuddleError("the action is empty (type what will be done)")


def add_action(
    db: Database,
    *,
    meeting_id: int | None,
    series_id: int | None = None,
    text: str,
    owner: str,
    owner_team: str | None = None,
    due: dt.date | None,
    clock: Clock,
    create_owner: bool = True,
    from_item: int | None = None,
    by: str | None = None,
) -> int:
    """A new action; `from_item` is the entry it was turned from, which then shows it.
    `by`: who made it, when known (its timeline names them)."""
    _check_text(text)
    now = clock.now()
    with db.write() as session:
        if meeting_id is not None:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise HuddleError(f"no meeting with id {meeting_id}")
            refuse_if_ended(session, meeting_id)
            series_id = meeting.series_id
        if series_id is None:
            raise HuddleError("an action needs a meeting or a series")
        if create_owner:
            person = remember_person(session, owner, owner_team)
        else:
            from meeting.entries.people import resolve_person

            person = resolve_person(session, owner)
        action = ActionItem(
            meeting_id=meeting_id,
            series_id=series_id,
            text=text,
            owner_id=stored_id(person.id),
            due=due,
            status=ActionStatus.OPEN,
            created_at=now,
        )
        session.add(action)
        session.flush()
        made_by = _who(session, by)
        _event(session, action, "created", at=now, meeting_id=meeting_id, new=text, by=made_by)
        if from_item is not None:
            _link_entry(session, action, from_item, now)
        return stored_id(action.id)


def _get(session: Session, action_id: int) -> ActionItem:
    action = session.get(ActionItem, action_id)
    if action is None or action.deleted_at is not None:
        raise HuddleError(f"no action item with id {action_id} (try: huddle actions list)")
    return action


def update_action(
    db: Database,
    action_id: int,
    *,
    text: str,
    owner: str,
    owner_team: str | None = None,
    due: dt.date | None,
    meeting_id: int | None = None,
    clock: Clock,
    create_owner: bool = True,
    was: str | None = None,
) -> None:
    """Change text, owner or due date; each field that changed gets its own event. An
    owner nobody knows is added, unless `create_owner` is off (scripts: a typo is refused).
    `was`: the text as the editor saw it (see items.update_item)."""
    _check_text(text)
    now = clock.now()
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        action = _get(session, action_id)
        if was is not None and action.text not in (was, text):
            raise ChangedMeanwhile(theirs=action.text, mine=text)
        if not create_owner:
            from meeting.entries.people import resolve_person

            resolve_person(session, owner)  # raises, with the close names
        if text != action.text:
            _event(
                session, action, "text", at=now, meeting_id=meeting_id, old=action.text, new=text
            )
            action.text = text
        person = remember_person(session, owner, owner_team)
        if person.id != action.owner_id:
            old_owner = session.get(Person, action.owner_id)
            _event(
                session,
                action,
                "owner",
                at=now,
                meeting_id=meeting_id,
                old=old_owner.name if old_owner else None,
                new=person.name,
            )
            action.owner_id = stored_id(person.id)
        if due != action.due:
            _event(session, action, "due", at=now, meeting_id=meeting_id, old=action.due, new=due)
            action.due = due


def set_status(
    db: Database,
    action_id: int,
    status: ActionStatus,
    *,
    meeting_id: int | None = None,
    clock: Clock,
    by: str | None = None,
) -> None:
    """Open, done or dropped; `by` names who did it, for the next meeting's "closed since".
    The same status again is refused (AlreadySo), checked in the write itself."""
    if status not in ACTION_STATUSES:
        raise HuddleError(
            f"unknown status {status!r} (choose one of: {', '.join(ACTION_STATUSES)})"
        )
    now = clock.now()
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        action = _get(session, action_id)
        if action.status == status:
            raise AlreadySo(f"action {action_id} is already {status}; nothing changed")
        who = _who(session, by)
        _set_status(session, action, status, now=now, meeting_id=meeting_id, by=who)


def _set_status(
    session: Session,
    action: ActionItem,
    status: ActionStatus,
    *,
    now: dt.datetime,
    meeting_id: int | None,
    by: Person | None = None,
) -> None:
    if status == action.status:
        return
    _event(
        session,
        action,
        "status",
        at=now,
        meeting_id=meeting_id,
        old=action.status,
        new=status,
        by=by,
    )
    action.status = status
    action.closed_at = None if status == ActionStatus.OPEN else now


def review_action(
    db: Database, meeting_id: int, action_id: int, mark: ActionStatus, *, clock: Clock
) -> None:
    """Mark a carried action done, still open or dropped in this meeting's review."""
    if mark not in ACTION_STATUSES:
        raise HuddleError(f"unknown mark {mark!r} (choose one of: {', '.join(ACTION_STATUSES)})")
    now = clock.now()
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        action = _get(session, action_id)
        _event(session, action, "reviewed", at=now, meeting_id=meeting_id, new=mark)
        _set_status(session, action, mark, now=now, meeting_id=meeting_id)


def delete_action(db: Database, action_id: int, *, meeting_id: int | None, clock: Clock) -> None:
    now = clock.now()
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        action = _get(session, action_id)
        action.deleted_at = now
        _event(session, action, "deleted", at=now, meeting_id=meeting_id)


def restore_action(db: Database, action_id: int, *, meeting_id: int | None, clock: Clock) -> None:
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        action = session.get(ActionItem, action_id)
        if action is not None and action.deleted_at is not None:
            action.deleted_at = None
            _event(session, action, "restored", at=clock.now(), meeting_id=meeting_id)


def _rows(session: Session, query: Select[ActionItem, str, str, dt.date]) -> list[ActionRow]:
    return [
        ActionRow(
            id=stored_id(a.id),
            text=a.text,
            owner=name,
            team=team,
            due=a.due,
            status=a.status,
            meeting_id=a.meeting_id,
            made_on=made_on,
            created_at=a.created_at,
            closed_at=a.closed_at,
        )
        for a, name, team, made_on in session.exec(query)
    ]


def _base_query() -> Select[ActionItem, str, str, dt.date]:
    return (
        select(ActionItem, col(Person.name), col(Person.team), col(Meeting.date))
        .join(Person, col(Person.id) == ActionItem.owner_id)
        .join(Meeting, col(Meeting.id) == ActionItem.meeting_id, isouter=True)
        .where(col(ActionItem.deleted_at).is_(None))
    )


def actions_made_in(db: Database, meeting_id: int) -> list[ActionRow]:
    with db.read() as session:
        return _rows(
            session,
            _base_query().where(ActionItem.meeting_id == meeting_id).order_by(col(ActionItem.id)),
        )


def review_rows(db: Database, meeting_id: int) -> list[ActionRow]:
    """Actions carried into this meeting, with the mark each was given here."""
    with db.read() as session:
        carried = (
            select(col(ActionEvent.action_id))
            .where(ActionEvent.meeting_id == meeting_id, ActionEvent.kind == "carried")
            .scalar_subquery()
        )
        rows = _rows(
            session,
            _base_query()
            .where(col(ActionItem.id).in_(carried))
            .order_by(col(ActionItem.due).is_(None), col(ActionItem.due), col(ActionItem.id)),
        )
        # Every mark given in the meeting, oldest first: the last one per item stands.
        given = (
            select(ActionEvent.action_id, ActionEvent.new)
            .where(ActionEvent.meeting_id == meeting_id, ActionEvent.kind == "reviewed")
            .order_by(col(ActionEvent.id))
        )
        marks = {action_id: mark for action_id, mark in session.exec(given)}
        for row in rows:
            row.reviewed = marks.get(row.id)
        return rows


def get_action(db: Database, action_id: int) -> ActionRow:
    with db.read() as session:
        rows = _rows(session, _base_query().where(ActionItem.id == action_id))
        if not rows:
            raise HuddleError(f"no action item with id {action_id} (try: huddle actions list)")
        return rows[0]


def comment_action(
    db: Database, action_id: int, text: str, *, meeting_id: int | None = None, clock: Clock
) -> None:
    """A note on an action item's timeline, e.g. why it slipped."""
    if not text.strip():
        raise HuddleError("the comment is empty (type a note)")
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        _event(
            session,
            _get(session, action_id),
            "comment",
            at=clock.now(),
            meeting_id=meeting_id,
            new=text,
        )


def rows_where(session: Session, *conditions: Any) -> list[ActionRow]:
    """Live action items matching `conditions`, as rows."""
    return _rows(session, _base_query().where(*conditions))
