"""Entries written outside the meeting: each side prepares what's working and what's
broken before the sync. An entry goes into the running meeting of its series, or waits
for the next one, which shows it from its start."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from meeting.catalog.metric_catalog import resolve_metric
from meeting.catalog.templates import get_template
from meeting.entries.items import add_item
from meeting.entries.people import normalise_team, resolve_person
from meeting.entries.writing import NOBODY, Viewer, sees
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.records import record_dict
from meeting.foundations.statuses import MeetingStatus, SectionKind
from storage.db import Database
from storage.models import Item, Meeting, Metric, PendingItem, Person, Section, Series, stored_id


@dataclass
class EntryRow:
    id: int
    section: str  # the section's key: working, broken, …
    text: str
    team: str
    author: str | None
    metric: str | None
    meeting_id: int | None  # None: waiting for the series' next meeting
    votes: int = 0
    action_id: int | None = None  # the action it was turned into
    theme_id: int | None = None  # the theme it is grouped under
    is_theme: bool = False  # a theme: its text is the title of the entries under it

    def as_dict(self) -> dict[str, object]:
        names = ("id", "section", "text", "team", "author", "metric", "meeting_id")
        return record_dict(self, (*names, "votes", "action_id", "theme_id", "is_theme"))


def add_entry(
    db: Database,
    series_id: int,
    section_key: str,
    text: str,
    *,
    team: str,
    author: str | None = None,
    metric: str | None = None,
    clock: Clock,
) -> tuple[int | None, int]:
    """(the meeting it went into, or None when it waits for the next one; its id)."""
    if not text.strip():
        raise HuddleError("the entry is empty (type what works or what is broken)")
    key = section_key.strip().lower()
    with db.read() as session:
        series = session.get(Series, series_id)
        if series is None:
            raise HuddleError(f"no series with id {series_id}")
        person = resolve_person(session, author) if author else None
        metric_id = resolve_metric(session, series_id, metric).id if metric else None
        running = session.exec(
            select(Meeting).where(
                Meeting.series_id == series_id, Meeting.status == MeetingStatus.RUNNING
            )
        ).first()
        if running is not None:
            sections = _item_sections(session, stored_id(running.id))
            if key not in sections:
                raise _no_section(key, list(sections), f"meeting {running.id}")
            section_id = sections[key]
            meeting_id: int | None = stored_id(running.id)
        else:
            specs = {
                s.key: s
                for s in get_template(series.template_key, session).sections
                if s.kind == SectionKind.ITEMS
            }
            if key not in specs:
                raise _no_section(key, list(specs), f"the {series.template_key} agenda")
            if specs[key].anonymous:  # its entries keep no author, waiting ones neither
                person = None
    if running is not None:
        item_id = add_item(
            db,
            section_id,
            text,
            team=team,
            author=person.name if person else None,
            metric_id=metric_id,
            clock=clock,
        )
        return meeting_id, item_id
    with db.write() as session:
        pending = PendingItem(
            series_id=series_id,
            section_key=key,
            text=text,
            team=normalise_team(team),
            author_id=person.id if person else None,
            metric_id=metric_id,
            created_at=clock.now(),
        )
        session.add(pending)
        session.flush()
        return None, stored_id(pending.id)


def _item_sections(session: Session, meeting_id: int) -> dict[str, int]:
    found = session.exec(
        select(Section).where(Section.meeting_id == meeting_id, Section.kind == SectionKind.ITEMS)
    )
    return {s.key: stored_id(s.id) for s in found}


def _no_section(key: str, keys: list[str], where: str) -> HuddleError:
    return HuddleError(f"{where} has no section {key!r} for entries (choose: {', '.join(keys)})")


def take_pending(session: Session, series_id: int, meeting_id: int) -> None:
    """A meeting starts: the entries prepared for it join their sections. Those for a
    section this agenda does not have wait for a meeting that has it."""
    sections = _item_sections(session, meeting_id)
    anonymous = set(
        session.exec(
            select(Section.key).where(
                Section.meeting_id == meeting_id, col(Section.anonymous).is_(True)
            )
        ).all()
    )
    waiting = session.exec(select(PendingItem).where(PendingItem.series_id == series_id)).all()
    for pending in waiting:
        if pending.section_key not in sections:
            continue
        session.add(
            Item(
                section_id=sections[pending.section_key],
                text=pending.text,
                team=pending.team,
                author_id=None if pending.section_key in anonymous else pending.author_id,
                metric_id=pending.metric_id,
                created_at=pending.created_at,
                votes=0,
            )
        )
        session.delete(pending)


def list_entries(
    db: Database, series_id: int, meeting_id: int | None, *, viewer: Viewer = NOBODY
) -> tuple[list[EntryRow], int]:
    """The entries of a meeting, or (None) those waiting for the series' next meeting, as
    `viewer` may see them; and how many more are being written alone, not shown."""
    with db.read() as session:
        names = {p.id: p.name for p in session.exec(select(Person))}
        metrics = {m.id: m.name for m in session.exec(select(Metric))}
        if meeting_id is None:
            series = session.get(Series, series_id)
            template = get_template(series.template_key, session) if series else None
            alone = {s.key for s in template.sections if s.writing} if template else set()
            every = session.exec(
                select(PendingItem)
                .where(PendingItem.series_id == series_id)
                .order_by(col(PendingItem.id))
            ).all()
            waiting = [
                p
                for p in every
                if p.section_key not in alone
                or (viewer.person_id is not None and p.author_id == viewer.person_id)
            ]
            return [
                EntryRow(
                    stored_id(p.id),
                    p.section_key,
                    p.text,
                    p.team,
                    names.get(p.author_id),
                    metrics.get(p.metric_id),
                    None,
                )
                for p in waiting
            ], len(every) - len(waiting)
        found = session.exec(
            select(Item, Section.key, Section.phase)
            .join(Section, col(Section.id) == Item.section_id)
            .where(Section.meeting_id == meeting_id, col(Item.deleted_at).is_(None))
            .order_by(col(Section.position), col(Item.id))
        ).all()
        shown = [
            (item, key)
            for item, key, phase in found
            if sees(viewer, phase, item.author_id, stored_id(item.id))
        ]
        return [
            EntryRow(
                stored_id(item.id),
                key,
                item.text,
                item.team,
                names.get(item.author_id),
                metrics.get(item.metric_id),
                meeting_id,
                item.votes,
                item.action_id,
                item.theme_id,
                item.is_theme,
            )
            for item, key in shown
        ], len(found) - len(shown)
