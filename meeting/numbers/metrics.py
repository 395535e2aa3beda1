"""Each metric's value per meeting and what the numbers say: change since the last
meeting, hit or miss against target, trend, and funnel conversion rates. The metrics
themselves are in metric_catalog.py, number parsing and formatting in number_format.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise

from sqlmodel import Session, col, func, select

from meeting.catalog.metric_catalog import live_metrics
from meeting.catalog.target_history import histories, target_on
from meeting.foundations.clock import Clock
from meeting.foundations.ended import refuse_if_ended
from meeting.foundations.errors import HuddleError
from meeting.foundations.number_format import sparkline
from meeting.foundations.order import held_before, held_up_to, latest_first, previous_recorded
from storage.db import Database
from storage.models import Meeting, Metric, MetricValue, stored_id

HISTORY = 12


# ---------------------------------------------------------------- reading numbers


@dataclass
class NumberRow:
    metric_id: int
    name: str
    team: str
    unit: str
    direction: str
    target: float | None
    funnel: bool
    value: float | None
    previous: float | None
    history: list[float | None] = field(default_factory=list)  # oldest first, ends with value
    previous_on: dt.date | None = None  # the date of the meeting `previous` was recorded in

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def change_percent(self) -> float | None:
        if self.change is None or not self.previous:
            return None
        return self.change / abs(self.previous) * 100

    @property
    def on_target(self) -> bool | None:
        """Hit (True) or miss (False) against target, by the metric's direction."""
        if self.value is None or self.target is None:
            return None
        return (
            self.value >= self.target if self.direction == "higher" else self.value <= self.target
        )

    @property
    def trend(self) -> str:
        return sparkline(self.history)


@dataclass
class Rate:
    source: str
    target: str
    value: float | None  # percent; None when the earlier stage is missing or zero

    def label(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:.0f}%"
        return f"{self.source} → {self.target} {shown}"


def funnel_rates(rows: list[NumberRow]) -> list[Rate]:
    """Conversion between consecutive funnel stages, e.g. MQLs → SQLs. Never typed."""
    stages = [row for row in rows if row.funnel]
    rates = []
    for earlier, later in pairwise(stages):
        if earlier.value and later.value is not None:
            value: float | None = later.value / earlier.value * 100
        else:
            value = None
        rates.append(Rate(earlier.name, later.name, value))
    return rates


def numbers(db: Database, meeting_id: int, *, history: int = HISTORY) -> list[NumberRow]:
    """Each live metric of the meeting's series: this value, the last one, and a trend of the
    last `history` meetings up to this one."""
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise HuddleError(f"no meeting with id {meeting_id}")
        metrics = live_metrics(session, meeting.series_id)
        window = [
            stored_id(found)
            for found in session.exec(
                select(col(Meeting.id))
                .where(
                    Meeting.series_id == meeting.series_id,
                    held_up_to(col(Meeting.date), col(Meeting.id), meeting.date, meeting_id),
                )
                .order_by(*latest_first(col(Meeting.date), col(Meeting.id)))
                .limit(history)
            )
        ][::-1]
        values: dict[tuple[int, int], float] = {
            (metric_id, at): value
            for metric_id, at, value in session.exec(
                select(
                    col(MetricValue.metric_id), col(MetricValue.meeting_id), col(MetricValue.value)
                ).where(col(MetricValue.meeting_id).in_(window))
            )
        }
        metric_ids = [stored_id(m.id) for m in metrics]
        last = last_values(session, meeting, metric_ids)
        targets = histories(session.execute, metric_ids)
        rows = []
        for metric in metrics:
            metric_id = stored_id(metric.id)
            series_values = [values.get((metric_id, m)) for m in window]
            previous, previous_on = last.get(metric_id, (None, None))
            rows.append(
                NumberRow(
                    metric_id=metric_id,
                    name=metric.name,
                    team=metric.team,
                    unit=metric.unit,
                    direction=metric.direction,
                    target=target_on(targets.get(metric_id), meeting.date, metric.target),
                    funnel=metric.funnel,
                    value=values.get((metric_id, meeting_id)),
                    previous=previous,
                    history=series_values,
                    previous_on=previous_on,
                )
            )
        return rows


def last_values(
    session: Session, meeting: Meeting, metric_ids: list[int]
) -> dict[int, tuple[float, dt.date]]:
    """Each metric's last value recorded before `meeting` in its series, and the date of
    the meeting it was recorded in: one query for them all, not one per metric."""
    if not metric_ids:
        return {}
    meeting_id = stored_id(meeting.id)
    ranked = (
        select(
            col(MetricValue.metric_id).label("metric_id"),
            col(MetricValue.value).label("value"),
            col(Meeting.date).label("date"),
            func.row_number()
            .over(
                partition_by=col(MetricValue.metric_id),
                order_by=latest_first(col(Meeting.date), col(Meeting.id)),
            )
            .label("rank"),
        )
        .join(Meeting, col(Meeting.id) == MetricValue.meeting_id)
        .where(
            col(MetricValue.metric_id).in_(metric_ids),
            Meeting.series_id == meeting.series_id,
            held_before(col(Meeting.date), col(Meeting.id), meeting.date, meeting_id),
        )
        .subquery()
    )
    found = session.exec(
        select(ranked.c.metric_id, ranked.c.value, ranked.c.date).where(ranked.c.rank == 1)
    )
    return {metric_id: (value, date) for metric_id, value, date in found}


@dataclass(frozen=True)
class MetricNow:
    """What the value form of one metric needs: its name, its unit, this meeting's value."""

    name: str
    unit: str
    value: float | None


def number_now(db: Database, meeting_id: int, metric_id: int) -> MetricNow:
    """One metric's value in a meeting, read by key: opening its form reads no history."""
    with db.read() as session:
        metric = session.get(Metric, metric_id)
        if metric is None or metric.retired_at is not None:
            raise HuddleError(f"no metric with id {metric_id}")
        found = session.get(MetricValue, (meeting_id, metric_id))
        return MetricNow(metric.name, metric.unit, found.value if found is not None else None)


@dataclass
class HistoryPoint:
    meeting_id: int
    date: dt.date
    value: float | None
    previous: float | None = None  # the last value recorded before, as the meeting shows it
    target: float | None = None  # the target in force on the meeting's day

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def metric_history(
    db: Database, series_id: int, metric_id: int, *, last: int | None = None
) -> list[HistoryPoint]:
    """Every meeting of the series (oldest first) with the metric's value, if recorded, the
    value it is compared with, and the target of its day (a change of target leaves the
    meetings before it as they were); `last` keeps the latest meetings, still compared
    with the ones before them."""
    with db.read() as session:
        current = session.exec(select(Metric.target).where(Metric.id == metric_id)).first()
        changes = histories(session.execute, [metric_id]).get(metric_id)
        query = (
            select(col(Meeting.id), col(Meeting.date), col(MetricValue.value))
            .join(
                MetricValue,
                (col(MetricValue.meeting_id) == Meeting.id) & (MetricValue.metric_id == metric_id),
                isouter=True,
            )
            .where(Meeting.series_id == series_id)
            .order_by(col(Meeting.date), col(Meeting.id))
        )
        rows = list(session.exec(query))
    values = [v for _, _, v in rows]
    points = [
        HistoryPoint(
            stored_id(m),
            d,
            v,
            None if before is None else values[before],
            target_on(changes, d, current),
        )
        for (m, d, v), before in zip(rows, previous_recorded(values), strict=True)
    ]
    return points[-last:] if last is not None else points


# ---------------------------------------------------------------- values


def set_value(
    session: Session, meeting_id: int, metric_id: int, value: float | None, now: dt.datetime
) -> None:
    existing = session.get(MetricValue, (meeting_id, metric_id))
    if value is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(
            MetricValue(meeting_id=meeting_id, metric_id=metric_id, value=value, recorded_at=now)
        )
    else:
        existing.value = value
        existing.recorded_at = now


def record_value(
    db: Database, meeting_id: int, metric_id: int, value: float | None, *, clock: Clock
) -> None:
    """Set (or with None, clear) a metric's value for a meeting that still takes them."""
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        set_value(session, meeting_id, metric_id, value, clock.now())


# ---------------------------------------------------------------- the catalog


# ---------------------------------------------------------------- formatting


@dataclass
class SeriesNumbers:
    """The Numbers screen's table: a series and its latest meeting's numbers."""

    series_id: int
    series: str
    rows: list[NumberRow]


def latest_numbers(db: Database, series_id: int | None = None) -> SeriesNumbers | None:
    """The numbers of the series (the one used last when None) as of its latest meeting;
    None when there is no series yet."""
    from meeting.agenda.lookup import list_meetings
    from meeting.agenda.series import default_series_name, list_series

    series = list_series(db)
    if not series:
        return None
    if series_id is None:
        name = default_series_name(db)
        chosen = next((s for s in series if s.name == name), series[0])
    else:
        chosen = next((s for s in series if s.id == series_id), series[0])
    latest = list_meetings(db, series=chosen.name, limit=1)
    rows = numbers(db, latest[0].id) if latest else []
    return SeriesNumbers(stored_id(chosen.id), chosen.name, rows)
