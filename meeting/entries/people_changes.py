"""Keeping the list of people right: add, rename, move to another team, and merge a
duplicate (a typo that became a person) into the right one, with everything they own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, delete, func, tuple_, update
from sqlmodel import Session, SQLModel, col, select

from meeting.entries.people import find_person, normalise_team, resolve_person
from meeting.foundations.addresses import checked_email
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.records import record_dict
from meeting.foundations.statuses import ActionStatus, QuestionStatus
from meeting.foundations.text import required
from storage.db import Database
from storage.models import (
    ActionEvent,
    ActionItem,
    Attendance,
    LeadQuestion,
    Person,
    PulseRated,
    stored_id,
    table_of,
)


@dataclass
class PersonRow:
    name: str
    team: str
    open_actions: int
    open_questions: int  # waiting for their answer

    def as_dict(self) -> dict[str, object]:
        return record_dict(self, ("name", "team", "open_actions", "open_questions"))


def list_people(db: Database) -> list[PersonRow]:
    with db.read() as session:
        actions = dict(
            session.exec(
                select(ActionItem.owner_id, func.count())
                .where(ActionItem.status == ActionStatus.OPEN, col(ActionItem.deleted_at).is_(None))
                .group_by(col(ActionItem.owner_id))
            ).all()
        )
        questions = dict(
            session.exec(
                select(LeadQuestion.assignee_id, func.count())
                .where(
                    LeadQuestion.status == QuestionStatus.OPEN,
                    col(LeadQuestion.deleted_at).is_(None),
                )
                .group_by(col(LeadQuestion.assignee_id))
            ).all()
        )
        people = session.exec(select(Person).order_by(func.lower(Person.name))).all()
        return [
            PersonRow(
                p.name, p.team, actions.get(stored_id(p.id), 0), questions.get(stored_id(p.id), 0)
            )
            for p in people
        ]


def add_person(db: Database, name: str, team: str) -> None:
    cleaned = required(name, "person's name")
    with db.write() as session:
        found = find_person(session, cleaned)
        if found is not None:
            raise HuddleError(f"{found.name!r} is already on the list ({found.team})")
        session.add(Person(name=cleaned, team=normalise_team(team)))


def rename_person(db: Database, name: str, new_name: str) -> None:
    cleaned = required(new_name, "new name")
    with db.write() as session:
        person = resolve_person(session, name)
        taken = find_person(session, cleaned)
        if taken is not None and taken.id != person.id:
            raise HuddleError(
                f"{taken.name!r} is someone else already; if it is the same person, merge "
                f"them: huddle people merge {person.name!r} {taken.name!r}"
            )
        person.name = cleaned


def set_team(db: Database, name: str, team: str) -> None:
    with db.write() as session:
        resolve_person(session, name).team = normalise_team(team)


def set_email(db: Database, name: str, address: str) -> tuple[str, str | None]:
    """Give someone an email address (`none` takes it away): who, and what they had."""
    kept = None if address.strip().lower() == "none" else checked_email(address)
    with db.write() as session:
        person = resolve_person(session, name)
        was = person.email
        person.email = kept
        return person.name, was


def merge_check(db: Database, duplicate: str, into: str) -> tuple[str, str, int]:
    """What a merge would do, without doing it: (duplicate, into, action items that move);
    refused as the merge itself would be."""
    with db.read() as session:
        gone, kept = _two_people(session, duplicate, into)
        owned = session.exec(select(ActionItem.id).where(ActionItem.owner_id == gone.id)).all()
        return gone.name, kept.name, len(owned)


def merge_people(db: Database, duplicate: str, into: str, *, clock: Clock) -> int:
    """Everything of `duplicate` becomes `into`'s: actions (each with an owner event),
    questions asked and assigned, entries, leads, meetings facilitated and attended. The
    duplicate is then gone. Returns how many action items moved."""
    with db.write() as session:
        gone, kept = _two_people(session, duplicate, into)
        gone_id, kept_id = stored_id(gone.id), stored_id(kept.id)
        moved = _move_actions(session, gone, kept, clock=clock)
        for column in _references_to_people():
            session.execute(
                update(column.table).where(column == gone_id).values({column.name: kept_id})
            )
        both = select(Attendance.meeting_id).where(Attendance.person_id == kept_id)
        session.execute(
            delete(Attendance).where(
                col(Attendance.person_id) == gone_id, col(Attendance.meeting_id).in_(both)
            )
        )
        session.execute(
            update(Attendance).where(col(Attendance.person_id) == gone_id).values(person_id=kept_id)
        )
        _merge_rated(session, gone_id, kept_id)
        session.delete(gone)
        return moved


def _references_to_people() -> list[Column[Any]]:
    """Every column that points at a person, found from the schema so that a table added
    later follows a merge too. Action owners (moved with an event each) and attendance
    (a person attends a meeting once) are moved by hand."""
    by_hand = {table_of(ActionItem).c.owner_id, *table_of(Attendance).c, *table_of(PulseRated).c}
    return [
        column
        for table in SQLModel.metadata.sorted_tables
        for column in table.c
        if column not in by_hand
        and any(fk.column is table_of(Person).c.id for fk in column.foreign_keys)
    ]


def _merge_rated(session: Session, gone_id: int, kept_id: int) -> None:
    """A statement both rated in a meeting stays rated once; the rest become the kept one's."""
    rated = table_of(PulseRated)
    kept = select(rated.c.meeting_id, rated.c.statement_id).where(rated.c.person_id == kept_id)
    session.execute(
        delete(rated).where(
            rated.c.person_id == gone_id,
            tuple_(rated.c.meeting_id, rated.c.statement_id).in_(kept),
        )
    )
    session.execute(update(rated).where(rated.c.person_id == gone_id).values(person_id=kept_id))


def _two_people(session: Session, duplicate: str, into: str) -> tuple[Person, Person]:
    gone = resolve_person(session, duplicate)
    kept = resolve_person(session, into)
    if gone.id == kept.id:
        raise HuddleError(f"{gone.name!r} and {into!r} are the same person: nothing to merge")
    return gone, kept


def _move_actions(session: Session, gone: Person, kept: Person, *, clock: Clock) -> int:
    actions = session.exec(select(ActionItem).where(ActionItem.owner_id == gone.id)).all()
    now = clock.now()
    for action in actions:
        action.owner_id = stored_id(kept.id)
        session.add(
            ActionEvent(
                action_id=stored_id(action.id),
                at=now,
                kind="owner",
                old=gone.name,
                new=f"{kept.name} (merged)",
            )
        )
    return len(actions)
