"""Writing alone: a section whose entries each person writes on their own, before anyone
sees anyone else's, and an anonymous section, whose entries keep no author at all.

While a section is in its writing phase an entry is shown only to whoever wrote it: the
person it is stored against (a huddle that said who it is), or the app that saved it (its
`Viewer.wrote`, kept in memory only, which is all an anonymous section or a terminal that
did not say who it is has to go by). Everyone else, and every shared record (minutes,
exports, the scorecard), sees how many were written, never what. The facilitator reveals
the section; a meeting that ends first reveals it as it ends, and its minutes say so.

The ready check: each person marks that they are done writing; the room sees how many of
those present are done, and who is still writing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, func, or_, true
from sqlmodel import Session, col, select

from meeting.entries.identity import Me
from meeting.entries.viewer import NOBODY as NOBODY
from meeting.entries.viewer import Viewer as Viewer
from meeting.entries.viewer import sees as sees
from meeting.entries.viewer import viewer_of as viewer_of
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import SectionKind, SectionPhase
from storage.db import Database
from storage.models import Attendance, Item, Person, Presence, Section, WritingDone, stored_id


def shown_to(viewer: Viewer) -> ColumnElement[bool]:
    """The condition on Item joined to its Section under which `viewer` sees the entry."""
    own = col(Item.author_id) == viewer.person_id if viewer.person_id is not None else false()
    here = col(Item.id).in_(sorted(viewer.wrote)) if viewer.wrote else false()
    return or_(col(Section.phase) != SectionPhase.WRITING, own, here)


def refuse_unseen(session: Session, item: Item, viewer: Viewer, doing: str) -> None:
    """An entry still being written is its writer's alone: nobody else edits, deletes or
    restores it (nor learns from the refusal what it says)."""
    section = session.get(Section, item.section_id)
    phase = section.phase if section is not None else SectionPhase.OPEN
    if not sees(viewer, phase, item.author_id, stored_id(item.id)):
        raise HuddleError(
            f"entry {item.id} is still being written alone: only its writer can {doing} it "
            "until the facilitator reveals the section"
        )


def refuse_while_writing(section: Section | None, doing: str) -> None:
    """Votes and actions show an entry to everyone: not before the reveal."""
    if section is not None and section.phase == SectionPhase.WRITING:
        raise HuddleError(
            f"{section.title} is still being written alone: {doing} once the facilitator reveals it"
        )


def written_alone(db: Database, section_id: int) -> int:
    """How many entries of the section are still written alone (what a shared record says
    of them instead of their text)."""
    with db.read() as session:
        found = session.exec(
            select(func.count())
            .select_from(Item)
            .join(Section, col(Section.id) == Item.section_id)
            .where(
                col(Item.section_id) == section_id,
                col(Item.deleted_at).is_(None),
                col(Section.phase) == SectionPhase.WRITING,
            )
        ).one()
    return int(found)


# ---------------------------------------------------------------- the facilitator's


def _items_section(session: Session, section_id: int) -> Section:
    section = session.get(Section, section_id)
    if section is None:
        raise HuddleError(f"no section with id {section_id}")
    if section.kind != SectionKind.ITEMS:
        raise HuddleError(
            f"{section.title} takes no entries: only entry sections are written alone"
        )
    from meeting.foundations.ended import refuse_if_ended

    refuse_if_ended(session, section.meeting_id)
    return section


def _written(session: Session, section_id: int) -> int:
    """Entries ever written in the section, deleted ones too: they had an author once."""
    found = session.exec(select(func.count()).where(col(Item.section_id) == section_id)).one()
    return int(found)


def set_writing(db: Database, section_id: int, on: bool) -> str:
    """Start (or call off) a section's writing phase, before anyone has written in it:
    what to say about it."""
    with db.write() as session:
        section = _items_section(session, section_id)
        if section.phase == (SectionPhase.WRITING if on else SectionPhase.OPEN):
            return f"{section.title} is {'in' if on else 'not in'} a writing phase already."
        if _written(session, section_id):
            if not on and section.phase == SectionPhase.WRITING:
                raise HuddleError(
                    f"{section.title} has entries written alone: reveal it instead "
                    "(O, or huddle meeting reveal)"
                )
            raise HuddleError(
                f"{section.title} has entries already: a writing phase starts before anyone "
                "writes (use an empty section, or the next meeting)"
            )
        section.phase = SectionPhase.WRITING if on else SectionPhase.OPEN
        session.add(section)
        if on:
            return (
                f"{section.title}: everyone writes alone now, until the facilitator reveals "
                "it (O, or huddle meeting reveal)."
            )
        return f"{section.title}: entries are seen by everyone as they are written."


def set_anonymous(db: Database, section_id: int, on: bool) -> str:
    """Make a section anonymous (or not), before anything is written in it."""
    with db.write() as session:
        section = _items_section(session, section_id)
        if section.anonymous == on:
            return f"{section.title} is {'anonymous' if on else 'not anonymous'} already."
        if _written(session, section_id):
            raise HuddleError(
                f"{section.title} has entries already: a section is made anonymous before "
                "anyone writes in it"
            )
        section.anonymous = on
        session.add(section)
        if on:
            return f"{section.title} is anonymous: its entries keep no author."
        return f"{section.title} keeps who wrote each entry again."


def reveal(db: Database, section_id: int) -> str:
    """Show everything written alone in the section to everyone, from now on."""
    with db.write() as session:
        section = _items_section(session, section_id)
        if section.phase != SectionPhase.WRITING:
            return f"{section.title} is not being written alone: everyone sees it already."
        section.phase = SectionPhase.REVEALED
        session.add(section)
        count = session.exec(
            select(func.count()).where(
                col(Item.section_id) == section_id, col(Item.deleted_at).is_(None)
            )
        ).one()
        return f"Revealed {section.title}: {count} {'entry' if count == 1 else 'entries'}."


def reveal_at_end(session: Session, meeting_id: int) -> None:
    """The meeting ends: what is still written alone is shown, and known as shown then."""
    for section in session.exec(
        select(Section).where(
            Section.meeting_id == meeting_id, Section.phase == SectionPhase.WRITING
        )
    ):
        section.phase = SectionPhase.REVEALED_AT_END
        session.add(section)


# ---------------------------------------------------------------- the ready check


def mark_done(db: Database, section_id: int, me: Me | None, done: bool | None = None) -> str:
    """`me` is done writing in the section (`done` False: writing again; None: the other
    of the two from what is stored): what to say about it."""
    if me is None:
        raise HuddleError(
            "say who you are to mark yourself done writing (start huddle with --as NAME)"
        )
    with db.write() as session:
        section = _items_section(session, section_id)
        if section.phase != SectionPhase.WRITING:
            raise HuddleError(
                f"{section.title} is not being written alone: nobody needs to be done writing"
            )
        row = session.get(WritingDone, (section_id, me.id))
        done = row is None if done is None else done
        if done and row is None:
            session.add(WritingDone(section_id=section_id, person_id=me.id))
        elif not done and row is not None:
            session.delete(row)
        return (
            "Done writing: the room sees it (D again: still writing)." if done else "Writing again."
        )


@dataclass(frozen=True)
class Progress:
    """A section in its writing phase, as the room sees it."""

    counts: list[tuple[str, int]]  # (who, how many), or one ("", total) when anonymous
    done: list[str]  # who said they are done
    writing: list[str]  # who is here and has not said so

    def counts_said(self) -> str:
        if not self.counts:
            return "nothing written yet"
        if len(self.counts) == 1 and self.counts[0][0] == "":
            total = self.counts[0][1]
            return f"{total} {'entry' if total == 1 else 'entries'} written"
        return " · ".join(f"{who} {count}" for who, count in self.counts)

    def ready_said(self) -> str:
        everyone = len(self.done) + len(self.writing)
        if not everyone:
            return "nobody marked done yet (D)"
        still = f"; still writing: {', '.join(self.writing)}" if self.writing else ""
        return f"{len(self.done)} of {everyone} done{still}"


def progress(db: Database, section_id: int, *, alive_since: dt.datetime | None = None) -> Progress:
    """How many each person wrote (the total only, anonymous), who is done and who of
    those here (marked present, or with the meeting open as themselves, seen since
    `alive_since`) is still writing."""
    with db.read() as session:
        section = session.get(Section, section_id)
        if section is None:
            raise HuddleError(f"no section with id {section_id}")
        live = col(Item.section_id) == section_id
        live = and_(live, col(Item.deleted_at).is_(None))
        if section.anonymous:
            total = session.exec(select(func.count()).where(live)).one()
            counts = [("", int(total))] if total else []
        else:
            authors = session.exec(
                select(Person.name)
                .select_from(Item)
                .join(Person, col(Person.id) == Item.author_id, isouter=True)
                .where(live)
            ).all()
            tally = Counter(name or "unnamed" for name in authors)
            counts = sorted(tally.items(), key=lambda pair: (-pair[1], pair[0].lower()))
        done = set(
            session.exec(
                select(Person.name)
                .join(WritingDone, col(WritingDone.person_id) == Person.id)
                .where(WritingDone.section_id == section_id)
            ).all()
        )
        present = set(
            session.exec(
                select(Person.name)
                .join(Attendance, col(Attendance.person_id) == Person.id)
                .where(Attendance.meeting_id == section.meeting_id)
            ).all()
        )
        opened = col(Presence.seen_at) >= alive_since if alive_since is not None else true()
        present |= set(
            session.exec(
                select(Person.name)
                .join(Presence, col(Presence.person_id) == Person.id)
                .where(Presence.meeting_id == section.meeting_id, opened)
            ).all()
        )
    by_name = str.lower
    return Progress(
        counts=counts,
        done=sorted(done, key=by_name),
        writing=sorted(present - done, key=by_name),
    )
