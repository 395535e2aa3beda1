"""Dot votes on entries of what's working, what's broken and retro columns: each person
has a few votes per section, so the team sees which items matter most to all of them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from meeting.entries.people import resolve_person
from meeting.entries.writing import refuse_while_writing
from meeting.foundations.clock import Clock
from meeting.foundations.ended import refuse_if_ended
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import SectionKind
from storage.db import Database
from storage.models import Item, Person, Section, Vote, stored_id

VOTES_PER_SECTION = 3


@dataclass(frozen=True)
class Budget:
    """One person's votes in one section."""

    person: str
    used: int
    allowed: int = VOTES_PER_SECTION

    @property
    def left(self) -> int:
        return max(self.allowed - self.used, 0)

    def said(self) -> str:
        return f"{self.person}: {self.used} of {self.allowed} votes used, {self.left} left"


def _votable(session: Session, item_id: int) -> tuple[Item, Section]:
    item = session.get(Item, item_id)
    if item is None or item.deleted_at is not None:
        raise HuddleError(f"no entry with id {item_id} (see huddle items list)")
    if item.theme_id is not None:  # the team votes on what the entries say together
        raise HuddleError(
            f"entry {item_id} is grouped under theme {item.theme_id}: "
            f"its votes are the theme's (use entry {item.theme_id})"
        )
    section = session.get(Section, item.section_id)
    if section is None or section.kind != SectionKind.ITEMS:
        raise HuddleError(f"entry {item_id} is not in a section that takes votes")
    refuse_if_ended(session, section.meeting_id)
    refuse_while_writing(section, "votes come")  # a vote would show the entry to the room
    return item, section


def _used(session: Session, section_id: int, person_id: int) -> int:
    count = session.exec(
        select(func.count())
        .select_from(Vote)
        .join(Item, col(Item.id) == Vote.item_id)
        .where(
            Item.section_id == section_id,
            Vote.person_id == person_id,
            col(Item.deleted_at).is_(None),
        )
    ).one()
    return int(count)


def vote(db: Database, item_id: int, *, by: str, clock: Clock) -> Budget:
    """One more vote from `by` on the entry, within their budget for its section."""
    with db.write() as session:
        item, section = _votable(session, item_id)
        person = resolve_person(session, by)
        person_id = stored_id(person.id)
        used = _used(session, stored_id(section.id), person_id)
        if used >= VOTES_PER_SECTION:
            raise HuddleError(
                f"{person.name} has used all {VOTES_PER_SECTION} votes in {section.title!r}; "
                "take one back first (V in the meeting, or huddle items unvote ID --by NAME)"
            )
        session.add(Vote(item_id=item_id, person_id=person_id, created_at=clock.now()))
        item.votes += 1
        return Budget(person.name, used + 1)


def unvote(db: Database, item_id: int, *, by: str) -> Budget:
    """Take back the latest vote `by` gave the entry."""
    with db.write() as session:
        item, section = _votable(session, item_id)
        person = resolve_person(session, by)
        latest = session.exec(
            select(Vote)
            .where(Vote.item_id == item_id, Vote.person_id == person.id)
            .order_by(col(Vote.id).desc())
        ).first()
        if latest is None:
            raise HuddleError(f"{person.name} has no vote on entry {item_id} to take back")
        session.delete(latest)
        item.votes = max(item.votes - 1, 0)
        session.flush()
        return Budget(person.name, _used(session, stored_id(section.id), stored_id(person.id)))


def budgets(db: Database, section_id: int) -> list[Budget]:
    """Everyone who has voted in the section, with what they have left, by name."""
    with db.read() as session:
        rows = session.exec(
            select(col(Person.name), func.count())
            .select_from(Vote)
            .join(Item, col(Item.id) == Vote.item_id)
            .join(Person, col(Person.id) == Vote.person_id)
            .where(Item.section_id == section_id, col(Item.deleted_at).is_(None))
            .group_by(col(Person.name))
            .order_by(col(Person.name))
        ).all()
    return [Budget(name, int(used)) for name, used in rows]


def voters_of(db: Database, item_id: int) -> list[str]:
    """Who voted for an entry, one name per vote, in the order they voted."""
    with db.read() as session:
        return list(
            session.exec(
                select(col(Person.name))
                .join(Vote, col(Vote.person_id) == Person.id)
                .where(Vote.item_id == item_id)
                .order_by(col(Vote.id))
            ).all()
        )
