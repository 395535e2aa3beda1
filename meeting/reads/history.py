"""Action items across every meeting: filtered, sorted and paged queries, each item's
timeline, and completion figures per owner and team. Built on Core queries so years of weekly
meetings stay fast."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, Select, case, func, select

from meeting.entries.action_rows import ActionRow
from meeting.foundations.clock import end_of, midnight, utc_offsets
from meeting.foundations.errors import HuddleError
from meeting.foundations.names import unknown_name
from meeting.foundations.records import record_dict
from meeting.foundations.statuses import ACTION_CLOSED, ACTION_STATUSES, ActionStatus
from meeting.foundations.teams import teams_offered
from meeting.reads.recorded import series_id_named
from storage.db import Database
from storage.dialect import day_on_clock
from storage.tables import ACTION as ITEM
from storage.tables import ACTION_EVENT as EVENT
from storage.tables import MEETING, PERSON, SERIES

PAGE = 100


@dataclass
class ActionFilter:
    owner: str | None = None
    team: str | None = None
    status: str | None = None
    overdue: bool = False
    series: str | None = None
    search: str | None = None
    since: dt.date | None = None  # made on or after
    until: dt.date | None = None  # made on or before
    due_from: dt.date | None = None
    due_to: dt.date | None = None

    def describe(self) -> str:
        parts = []
        for label, value in (
            ("owner", self.owner),
            ("team", self.team),
            ("status", self.status),
            ("series", self.series),
            ("text", f'"{self.search}"' if self.search else None),
            ("made since", self.since),
            ("made until", self.until),
            ("due from", self.due_from),
            ("due to", self.due_to),
        ):
            if value:
                parts.append(f"{label} {value}")
        if self.overdue:
            parts.append("overdue")
        return ", ".join(parts) if parts else "none"

    def check(self) -> None:
        if self.status is not None and self.status not in ACTION_STATUSES:
            raise HuddleError(
                f"unknown status {self.status!r} (choose one of: {', '.join(ACTION_STATUSES)})"
            )
        if self.overdue and self.status in ACTION_CLOSED:
            raise HuddleError(
                f"overdue means open and past due; it cannot be combined with status {self.status}"
            )
        for low, high, what in (
            (self.since, self.until, "made"),
            (self.due_from, self.due_to, "due"),
        ):
            if low and high and low > high:
                raise HuddleError(f"the {what} date range is empty: {low} is after {high}")


# The columns list_actions reads, in its query's order.
ROW_FIELDS = (
    "id",
    "text",
    "owner",
    "team",
    "due",
    "status",
    "meeting_id",
    "made_on",
    "series",
    "created_at",
    "closed_at",
    "carried",
)

# Column keys people sort by, in the order the history table shows them.
SORTS = ("id", "text", "owner", "team", "due", "status", "made_on", "age", "carried")


def _carried() -> ScalarSelect[Any]:
    return (
        select(func.count())
        .select_from(EVENT)
        .where(EVENT.c.action_id == ITEM.c.id, EVENT.c.kind == "carried")
        .scalar_subquery()
    )


def _person_id(db: Database, name: str) -> int:
    with db.connect() as conn:
        found = conn.execute(
            select(PERSON.c.id).where(func.lower(PERSON.c.name) == name.strip().lower())
        ).scalar()
        if found is None:
            names: list[str] = list(conn.execute(select(PERSON.c.name)).scalars())
            raise unknown_name("person", name, names)
        return int(found)


def _series_id(db: Database, name: str) -> int:
    with db.connect() as conn:
        return series_id_named(conn, name)


def _where(db: Database, query: Select[Any], flt: ActionFilter, today: dt.date) -> Select[Any]:
    flt.check()
    query = query.where(ITEM.c.deleted_at.is_(None))
    if flt.owner:
        query = query.where(ITEM.c.owner_id == _person_id(db, flt.owner))
    if flt.team:
        query = query.where(func.lower(PERSON.c.team) == flt.team.strip().lower())
    if flt.status:
        query = query.where(ITEM.c.status == flt.status)
    if flt.overdue:
        query = query.where(ITEM.c.status == ActionStatus.OPEN, ITEM.c.due < today)
    if flt.series:
        query = query.where(ITEM.c.series_id == _series_id(db, flt.series))
    if flt.search:
        query = query.where(ITEM.c.text.ilike(f"%{flt.search.strip()}%"))
    if flt.since:
        query = query.where(ITEM.c.created_at >= midnight(flt.since))
    if flt.until:
        query = query.where(ITEM.c.created_at < end_of(flt.until))
    if flt.due_from:
        query = query.where(ITEM.c.due >= flt.due_from)
    if flt.due_to:
        query = query.where(ITEM.c.due <= flt.due_to)
    return query


def _joined(columns: list[Any]) -> Select[Any]:
    return (
        select(*columns)
        .select_from(ITEM)
        .join(PERSON, PERSON.c.id == ITEM.c.owner_id)
        .join(SERIES, SERIES.c.id == ITEM.c.series_id)
        .join(MEETING, MEETING.c.id == ITEM.c.meeting_id, isouter=True)
    )


def _counted(columns: list[Any]) -> Select[Any]:
    """Items joined to their owner only: counts and figures need no meeting or series."""
    return select(*columns).select_from(ITEM).join(PERSON, PERSON.c.id == ITEM.c.owner_id)


def count_actions(db: Database, flt: ActionFilter, *, today: dt.date) -> int:
    # Only a team filter needs the owner's row; counting items alone is several times faster.
    base = _counted([func.count()]) if flt.team else select(func.count()).select_from(ITEM)
    query = _where(db, base, flt, today)
    with db.connect() as conn:
        return conn.execute(query).scalar_one()


def list_actions(
    db: Database,
    flt: ActionFilter,
    *,
    today: dt.date,
    sort: str = "id",
    descending: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> list[ActionRow]:
    carried = _carried().label("carried")
    columns = [
        ITEM.c.id,
        ITEM.c.text,
        PERSON.c.name,
        PERSON.c.team,
        ITEM.c.due,
        ITEM.c.status,
        ITEM.c.meeting_id,
        MEETING.c.date,
        SERIES.c.name.label("series"),
        ITEM.c.created_at,
        ITEM.c.closed_at,
        carried,
    ]
    order = {
        "id": ITEM.c.id,
        "text": func.lower(ITEM.c.text),
        "owner": func.lower(PERSON.c.name),
        "team": PERSON.c.team,
        "due": ITEM.c.due,
        "status": ITEM.c.status,
        "made_on": ITEM.c.created_at,
        "age": ITEM.c.created_at,
        "carried": carried,
    }
    if sort not in order:
        raise HuddleError(f"cannot sort by {sort!r} (choose one of: {', '.join(SORTS)})")
    key = order[sort]
    # Older means a greater age, so age sorts the opposite way to the date it was made.
    backwards = descending != (sort == "age")
    query = _where(db, _joined(columns), flt, today).order_by(
        key.desc() if backwards else key.asc(), ITEM.c.id.desc() if backwards else ITEM.c.id
    )
    rows = db.page(query, offset=offset, limit=limit)
    return [ActionRow(**dict(zip(ROW_FIELDS, row, strict=True))) for row in rows]


# ---------------------------------------------------------------- figures


@dataclass
class Figures:
    name: str
    total: int = 0
    open: int = 0
    overdue: int = 0
    done_on_time: int = 0
    done_late: int = 0
    dropped: int = 0
    median: float | None = None  # days from made to done

    @property
    def completion_rate(self) -> float | None:
        """Done as a share of every item made in the period."""
        return (self.done_on_time + self.done_late) / self.total if self.total else None

    @property
    def median_days_to_done(self) -> float | None:
        return self.median

    def as_dict(self, label: str) -> dict[str, object]:
        names = ("name", "open", "overdue", "done_on_time", "done_late", "dropped")
        return record_dict(
            self,
            (*names, "completion_rate", "median_days_to_done"),
            renamed={"name": label},
            ratios=("completion_rate",),
        )


def _days_to_done(dialect: str) -> ColumnElement[Any]:
    if dialect == "sqlite":
        return func.julianday(ITEM.c.closed_at) - func.julianday(ITEM.c.created_at)
    return func.extract("epoch", ITEM.c.closed_at - ITEM.c.created_at) / 86400


def action_figures(
    db: Database, flt: ActionFilter, *, today: dt.date, by: str = "owner"
) -> list[Figures]:
    """Per owner (or team) over the items the filter selects, counted by the database.

    Counts and medians come back as one row per owner or team; nothing per item crosses
    into Python, so years of history stay cheap.
    """
    if by not in ("owner", "team"):
        raise HuddleError(f"figures are by owner or by team, not {by!r}")
    group = ITEM.c.owner_id if by == "owner" else PERSON.c.team
    joined = by == "team" or bool(flt.team)

    def base(columns: list[Any]) -> Select[Any]:
        query = _counted(columns) if joined else select(*columns).select_from(ITEM)
        return _where(db, query, flt, today)

    status = ITEM.c.status
    done = status == ActionStatus.DONE
    # The team's day it was closed, as the scorecard and the minutes count it, not UTC's.
    closed_on = day_on_clock(ITEM.c.closed_at, utc_offsets(), db.engine.dialect.name)
    on_time = done & (ITEM.c.due.is_(None) | (closed_on <= ITEM.c.due))

    def tally(condition: ColumnElement[bool]) -> ColumnElement[Any]:
        return func.sum(case((condition, 1), else_=0))

    # By status, then owner: the order of the figures index (status, owner_id, ...), which
    # holds every column read here, so SQLite walks it once with no lookup and no sort
    # (47 ms on 100,000 items, against 180 ms through the owner index and each row, or a
    # sort's megabytes); the few rows per owner are added up below.
    counts = base(
        [
            status,
            group.label("key"),
            func.count(),
            tally(ITEM.c.due < today),  # overdue, for the open ones
            tally(on_time),  # late is done less on time: the day is worked out once
        ]
    ).group_by(status, group)
    # Days are worked out once per item, in an inner query, then ranked within each owner.
    done_days = (
        base([group.label("key"), _days_to_done(db.engine.dialect.name).label("days")])
        .where(done, ITEM.c.closed_at.is_not(None))
        .subquery()
    )
    ranked = select(
        done_days.c.key,
        done_days.c.days,
        func.row_number()
        .over(partition_by=done_days.c.key, order_by=done_days.c.days)
        .label("rank"),
        func.count().over(partition_by=done_days.c.key).label("n"),
    ).subquery()
    # The middle row, or the mean of the two middle rows: the median, computed in SQL.
    medians = (
        select(ranked.c.key, func.avg(ranked.c.days))
        .where(ranked.c.rank.in_([(ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2]))
        .group_by(ranked.c.key)
    )
    figures: dict[Any, Figures] = {}
    with db.connect() as conn:
        names: dict[Any, str] = (
            dict(conn.execute(select(PERSON.c.id, PERSON.c.name)).all()) if by == "owner" else {}
        )
        counted: Sequence[Any] = conn.execute(counts).all()
        for state, key, count, past_due, timely in counted:
            if key not in figures:
                name = names.get(key, str(key)) if by == "owner" else key
                figures[key] = Figures(name, 0)
            f = figures[key]
            f.total += count
            if state == ActionStatus.OPEN:
                f.open, f.overdue = f.open + count, f.overdue + past_due
            elif state == ActionStatus.DONE:
                f.done_on_time += timely
                f.done_late += count - timely
            elif state == ActionStatus.DROPPED:
                f.dropped += count
        if flt.status in (None, ActionStatus.DONE) and not flt.overdue:
            middles: Sequence[Any] = conn.execute(medians).all()
            for key, median in middles:
                if key in figures:
                    figures[key].median = round(float(median), 1)
    return sorted(figures.values(), key=lambda f: f.name.lower())


@dataclass
class FilterChoices:
    people: list[str]
    teams: list[str]
    series: list[str]


def filter_choices(db: Database) -> FilterChoices:
    """Who, which teams and which series the filters offer, read with Core like the rest of
    this screen (the same lists as the people roster and the series list)."""
    with db.connect() as conn:
        people: Sequence[Any] = conn.execute(
            select(PERSON.c.name, PERSON.c.team).order_by(func.lower(PERSON.c.name))
        ).all()
        series: Sequence[str] = (
            conn.execute(select(SERIES.c.name).order_by(SERIES.c.name)).scalars().all()
        )
    return FilterChoices(
        [name for name, _ in people], teams_offered({team for _, team in people}), list(series)
    )
