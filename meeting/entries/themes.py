"""Themes: after the reveal, entries of a retro column that say the same thing are grouped
under one title, and the team votes on the theme instead of on each of them.

A theme is an entry of its section (`Item.is_theme`, its text the title, no author), so
votes on it and the action made from it are an entry's; its entries point at it
(`Item.theme_id`). Grouping moves the votes its entries had to it: each person's budget
for the section is what it was. Ungrouping an entry leaves its votes with the theme;
dissolving a theme gives its votes back, and an action made from it keeps its text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col, select

from meeting.entries.items import ItemRow
from meeting.entries.writing import refuse_while_writing
from meeting.foundations.clock import Clock
from meeting.foundations.ended import refuse_if_ended
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import SectionKind
from storage.db import Database
from storage.models import Item, Section, Vote, stored_id


@dataclass
class Grouped:
    """What a group did, to say in one line."""

    theme_id: int
    title: str
    joined: int  # entries grouped under it now
    votes_moved: int

    def said(self) -> str:
        moved = f"; {self.votes_moved} vote{'' if self.votes_moved == 1 else 's'} moved to it"
        count = f"{self.joined} {'entry' if self.joined == 1 else 'entries'}"
        return f"Grouped {count} under {self.title!r}" + (moved if self.votes_moved else "") + "."


def _entry(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None or item.deleted_at is not None:
        raise HuddleError(f"no entry with id {item_id} (see huddle items list)")
    return item


def _groupable(session: Session, section_id: int) -> Section:
    section = session.get(Section, section_id)
    if section is None or section.kind != SectionKind.ITEMS:
        raise HuddleError("only entries of what's working, what's broken or a retro are grouped")
    refuse_if_ended(session, section.meeting_id)
    refuse_while_writing(section, "group its entries into themes")
    return section


def _move_votes(session: Session, entry: Item, theme: Item) -> int:
    moved = entry.votes
    if moved:
        session.execute(update(Vote).where(col(Vote.item_id) == entry.id).values(item_id=theme.id))
        theme.votes += moved
        entry.votes = 0
    return moved


def group(
    db: Database, item_ids: Iterable[int], *, title: str | None = None, clock: Clock
) -> Grouped:
    """Group the entries under a new theme titled `title` (the first entry's text when
    None); where one of them is a theme already, the others join it (and `title`, if
    given, renames it)."""
    wanted = list(dict.fromkeys(item_ids))
    if len(wanted) < 2:
        raise HuddleError("choose two entries or more to group under a theme")
    if title is not None and not title.strip():
        raise HuddleError("the theme's title is empty (type what the entries have in common)")
    with db.write() as session:
        chosen = [_entry(session, item_id) for item_id in wanted]
        sections = {entry.section_id for entry in chosen}
        if len(sections) > 1:
            raise HuddleError("those entries are in different sections: group within one")
        _groupable(session, chosen[0].section_id)
        themes = [entry for entry in chosen if entry.is_theme]
        if len(themes) > 1:
            ids = " and ".join(str(t.id) for t in themes)
            raise HuddleError(f"entries {ids} are both themes: ungroup one of them first (U)")
        if themes:
            theme = themes[0]
            if title is not None:
                theme.text = title
        else:
            first = chosen[0]
            theme = Item(
                section_id=first.section_id,
                text=title if title is not None else first.text,
                team=first.team,
                created_at=clock.now(),
                is_theme=True,
            )
            session.add(theme)
            session.flush()
        moved = 0
        members = [entry for entry in chosen if entry is not theme]
        for entry in members:
            entry.theme_id = theme.id
            moved += _move_votes(session, entry, theme)
        return Grouped(stored_id(theme.id), theme.text, len(members), moved)


def ungroup(db: Database, item_id: int, *, clock: Clock) -> str:
    """Take an entry out of its theme (its votes stay with the theme), or dissolve a
    theme: its entries stand alone again and its votes are given back. What to say."""
    with db.write() as session:
        item = _entry(session, item_id)
        _groupable(session, item.section_id)
        if item.theme_id is not None:
            theme = session.get(Item, item.theme_id)
            item.theme_id = None
            named = repr(theme.text) if theme is not None else "its theme"
            return f"Took entry {item_id} out of {named}; its votes stay with the theme."
        if not item.is_theme:
            raise HuddleError(f"entry {item_id} is in no theme: nothing to ungroup")
        members = session.exec(select(Item).where(Item.theme_id == item_id)).all()
        for member in members:
            member.theme_id = None
        given = item.votes
        for cast in session.exec(select(Vote).where(Vote.item_id == item_id)).all():
            session.delete(cast)
        item.votes = 0
        item.deleted_at = clock.now()
        back = f"; {given} vote{'' if given == 1 else 's'} given back" if given else ""
        kept = f"; action #{item.action_id} keeps its text" if item.action_id else ""
        alone = "1 entry stands" if len(members) == 1 else f"{len(members)} entries stand"
        return f"Dissolved {item.text!r}: {alone} alone{back}{kept}."


def theme_of(db: Database, item_id: int) -> int:
    """The entry votes go to: its theme when it is in one, else itself."""
    with db.read() as session:
        item = session.get(Item, item_id)
        if item is not None and item.theme_id is not None:
            return item.theme_id
    return item_id


def in_themes(entries: list[ItemRow]) -> list[tuple[ItemRow, list[ItemRow]]]:
    """Each theme and lone entry, in the order said, with the entries grouped under it: a
    theme stands where its first entry was said (the minutes and the table read alike)."""
    members: dict[int, list[ItemRow]] = {}
    themes = {row.id for row in entries if row.is_theme}
    for row in entries:
        if row.theme_id in themes:
            members.setdefault(row.theme_id, []).append(row)
    tops = [row for row in entries if row.theme_id not in themes]

    def said_at(row: ItemRow) -> int:
        under = members.get(row.id)
        return min(m.id for m in under) if under else row.id

    tops.sort(key=said_at)
    return [(row, members.get(row.id, [])) for row in tops]
