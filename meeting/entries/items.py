"""Entries of item-list sections: what's working, what's broken, retro columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from meeting.entries.people import normalise_team, remember_person
from meeting.entries.writing import NOBODY, Viewer, refuse_unseen, shown_to
from meeting.foundations.clock import Clock
from meeting.foundations.ended import refuse_if_ended, refuse_if_item_ended
from meeting.foundations.errors import ChangedMeanwhile, HuddleError
from meeting.foundations.removal import stamp_removed
from meeting.foundations.statuses import SectionKind
from meeting.foundations.text import required
from storage.db import Database
from storage.models import ActionItem, Item, Person, Section, stored_id, table_of


@dataclass
class ItemRow:
    id: int
    text: str
    team: str
    author: str | None
    metric_id: int | None = None
    votes: int = 0
    action_id: int | None = None  # the action it was turned into
    action_status: str | None = None
    theme_id: int | None = None  # the theme it is grouped under (meeting/entries/themes.py)
    is_theme: bool = False  # a theme: its text is the title, its votes the theme's

    def votes_said(self) -> str:
        return f"{self.votes} vote{'' if self.votes == 1 else 's'}"


def items(db: Database, section_id: int, *, viewer: Viewer = NOBODY) -> list[ItemRow]:
    """The section's entries `viewer` may see: all of them, but in a writing phase only
    their own (meeting/entries/writing.py)."""
    with db.read() as session:
        # Columns, not ORM objects: this runs after every entry typed into a long list.
        rows: Sequence[Any] = session.execute(
            select_columns(
                col(Item.id),
                col(Item.text),
                col(Item.team),
                col(Person.name),
                col(Item.metric_id),
                col(Item.votes),
                col(ActionItem.id),
                col(ActionItem.status),
                col(Item.theme_id),
                col(Item.is_theme),
            )
            .join(Section, col(Section.id) == Item.section_id)
            .join(Person, col(Person.id) == Item.author_id, isouter=True)
            .join(
                ActionItem,
                (col(ActionItem.id) == Item.action_id) & col(ActionItem.deleted_at).is_(None),
                isouter=True,
            )
            .where(
                col(Item.section_id) == section_id,
                col(Item.deleted_at).is_(None),
                shown_to(viewer),
            )
            .order_by(col(Item.id))
        ).all()
        return [ItemRow(*row) for row in rows]


def _check_text(text: str) -> str:
    if not text.strip():
        raise HuddleError("the entry is empty (type what was said, then press enter)")
    return text


def add_item(
    db: Database,
    section_id: int,
    text: str,
    *,
    team: str,
    author: str | None = None,
    metric_id: int | None = None,
    clock: Clock,
) -> int:
    _check_text(text)
    team = normalise_team(team)
    section_table, item_table = table_of(Section), table_of(Item)
    with db.write() as session:
        # Core, not ORM objects: this runs for every entry typed during a meeting.
        found = session.execute(
            select(
                section_table.c.kind, section_table.c.meeting_id, section_table.c.anonymous
            ).where(section_table.c.id == section_id)
        ).first()
        if found is None or found.kind != SectionKind.ITEMS:
            raise HuddleError("that section does not take items")
        refuse_if_ended(session, found.meeting_id)
        author_id = None
        if author and author.strip() and not found.anonymous:  # anonymous: nobody's, ever
            person = remember_person(session, author)
            author_id = person.id
        inserted = session.connection().execute(
            insert(item_table).values(
                section_id=section_id,
                text=text,
                team=team,
                author_id=author_id,
                metric_id=metric_id,
                created_at=clock.now(),
                votes=0,
            )
        )
        (item_id,) = inserted.inserted_primary_key or (None,)
        return stored_id(item_id)


def update_item(
    db: Database,
    item_id: int,
    *,
    text: str,
    team: str,
    metric_id: int | None = None,
    was: str | None = None,
    viewer: Viewer = NOBODY,
) -> None:
    """`was`: the text as the editor saw it; if someone saved another text meanwhile,
    ChangedMeanwhile lets the editor choose instead of overwriting it. `viewer`: who
    edits; an entry still written alone is its writer's to edit."""
    _check_text(text)
    with db.write() as session:
        item = session.get(Item, item_id)
        if item is None:
            raise HuddleError(f"no item with id {item_id}")
        refuse_if_item_ended(session, item)
        refuse_unseen(session, item, viewer, "edit")
        if was is not None and item.text not in (was, text):
            raise ChangedMeanwhile(theirs=item.text, mine=text)
        item.text = text
        item.team = normalise_team(required(team, "team"))
        item.metric_id = metric_id


def delete_item(db: Database, item_id: int, *, clock: Clock, viewer: Viewer = NOBODY) -> None:
    with db.write() as session:
        _refuse(session, item_id, viewer, "delete")
        theme = session.get(Item, item_id)
        if theme is not None and theme.is_theme:
            raise HuddleError(
                "a theme is not deleted but ungrouped (U): its entries stand alone again"
            )
        stamp_removed(session, Item, item_id, clock.now())


def restore_item(db: Database, item_id: int, *, viewer: Viewer = NOBODY) -> None:
    with db.write() as session:
        _refuse(session, item_id, viewer, "restore")
        stamp_removed(session, Item, item_id, None)


def _refuse(session: Session, item_id: int, viewer: Viewer, doing: str) -> None:
    item = session.get(Item, item_id)
    if item is not None:
        refuse_if_item_ended(session, item)
        refuse_unseen(session, item, viewer, doing)
