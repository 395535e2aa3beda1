"""Metrics of a series, their values per meeting, and what the numbers say: change since
last meeting, hit or miss against target, trend, and funnel conversion rates."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from itertools import pairwise

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from meeting.clock import Clock
from meeting.errors import HuddleError
from meeting.people import close_matches, normalise_team
from meeting.text import required
from storage.db import Database
from storage.models import Meeting, Metric, MetricValue, stored_id

UNITS = ("count", "currency", "percent")
DIRECTIONS = ("higher", "lower")
HISTORY = 12

# name, owning team, unit, direction, funnel stage
DEFAULT_METRICS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("Leads", "marketing", "count", "higher", True),
    ("MQLs", "marketing", "count", "higher", True),
    ("SQLs", "sales", "count", "higher", True),
    ("Demos", "sales", "count", "higher", True),
    ("Closed-won", "sales", "count", "higher", True),
    ("Revenue", "sales", "currency", "higher", False),
)

SPARKS = "▁▂▃▄▅▆▇█"


def ensure_default_metrics(session: Session, series_id: int) -> None:
    """A new series starts with the funnel every sync meeting talks about."""
    exists = session.exec(select(col(Metric.id)).where(Metric.series_id == series_id)).first()
    if exists is not None:
        return
    for position, (name, team, unit, direction, funnel) in enumerate(DEFAULT_METRICS):
        session.add(
            Metric(
                series_id=series_id,
                name=name,
                team=team,
                unit=unit,
                direction=direction,
                position=position,
                funnel=funnel,
            )
        )


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


def sparkline(values: list[float | None]) -> str:
    """Eight-level bars scaled between the smallest and largest value; gaps as '·'."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    span = high - low
    out = []
    for value in values:
        if value is None:
            out.append("·")
        elif span == 0:
            out.append(SPARKS[3])
        else:
            out.append(SPARKS[round((value - low) / span * (len(SPARKS) - 1))])
    return "".join(out)


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


def live_metrics(session: Session, series_id: int) -> list[Metric]:
    return list(
        session.exec(
            select(Metric)
            .where(Metric.series_id == series_id, col(Metric.retired_at).is_(None))
            .order_by(col(Metric.position), col(Metric.id))
        )
    )


def numbers(db: Database, meeting_id: int, *, history: int = HISTORY) -> list[NumberRow]:
    """Each live metric of the meeting's series: this value, the last one, and a trend of the
    last `history` meetings up to this one."""
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise HuddleError(f"no meeting with id {meeting_id}")
        metrics = live_metrics(session, meeting.series_id)
        window = list(
            session.exec(
                select(col(Meeting.id))
                .where(
                    Meeting.series_id == meeting.series_id,
                    # Meetings up to this one, in (date, id) order: a second meeting on the
                    # same day comes after the first.
                    or_(
                        col(Meeting.date) < meeting.date,
                        and_(col(Meeting.date) == meeting.date, col(Meeting.id) <= meeting_id),
                    ),
                )
                .order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
                .limit(history)
            )
        )[::-1]
        values: dict[tuple[int, int], float] = {
            (mv.metric_id, mv.meeting_id): mv.value
            for mv in session.exec(
                select(MetricValue).where(col(MetricValue.meeting_id).in_(window))
            )
        }
        rows = []
        for metric in metrics:
            series_values = [values.get((metric.id, m)) for m in window]  # type: ignore[arg-type]
            last = session.exec(
                select(col(MetricValue.value), col(Meeting.date))
                .join(Meeting, col(Meeting.id) == MetricValue.meeting_id)
                .where(
                    MetricValue.metric_id == metric.id,
                    Meeting.series_id == meeting.series_id,
                    col(Meeting.date) < meeting.date,
                )
                .order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
            ).first()
            previous, previous_on = last if last is not None else (None, None)
            rows.append(
                NumberRow(
                    metric_id=metric.id,  # type: ignore[arg-type]
                    name=metric.name,
                    team=metric.team,
                    unit=metric.unit,
                    direction=metric.direction,
                    target=metric.target,
                    funnel=metric.funnel,
                    value=values.get((metric.id, meeting_id)),  # type: ignore[arg-type]
                    previous=previous,
                    history=series_values,
                    previous_on=previous_on,
                )
            )
        return rows


@dataclass
class HistoryPoint:
    meeting_id: int
    date: dt.date
    value: float | None


def metric_history(
    db: Database, series_id: int, metric_id: int, *, last: int | None = None
) -> list[HistoryPoint]:
    """Every meeting of the series (oldest first) with the metric's value, if recorded."""
    with db.read() as session:
        query = (
            select(col(Meeting.id), col(Meeting.date), col(MetricValue.value))
            .join(
                MetricValue,
                (col(MetricValue.meeting_id) == Meeting.id) & (MetricValue.metric_id == metric_id),
                isouter=True,
            )
            .where(Meeting.series_id == series_id)
            .order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
        )
        if last is not None:
            query = query.limit(last)
        rows = list(session.exec(query))
    return [HistoryPoint(stored_id(m), d, v) for m, d, v in reversed(rows)]


# ---------------------------------------------------------------- values


def parse_value(text: str, metric_name: str, unit: str | None = None) -> float:
    """A metric value as typed: `1200`, `1,200`, `12.5`, `40%`, `$3,000`. With the
    metric's unit, a percent sign on a count or an amount is refused: `12%` of leads is
    not 12 leads."""
    if unit in ("count", "currency") and text.strip().endswith("%"):
        what = "a count" if unit == "count" else "an amount"
        raise HuddleError(
            f"{metric_name} is {what}, not a percent: type the number itself (such as 12)"
        )
    cleaned = text.strip().replace(",", "").replace("_", "").lstrip("$€£").rstrip("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise HuddleError(
            f"{metric_name}: {text.strip()!r} is not a number (type digits such as 42 or 12.5)"
        ) from None
    if not math.isfinite(value):
        raise HuddleError(f"{metric_name}: {text.strip()!r} is not a finite number")
    if value < 0:
        raise HuddleError(f"{metric_name}: {text.strip()!r} is negative (counts start at 0)")
    return value


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
    """Set (or with None, clear) a metric's value for a meeting."""
    with db.write() as session:
        set_value(session, meeting_id, metric_id, value, clock.now())


# ---------------------------------------------------------------- the catalog


def find_metric(session: Session, series_id: int, name: str) -> Metric | None:
    return session.exec(
        select(Metric).where(
            Metric.series_id == series_id,
            func.lower(Metric.name) == name.strip().lower(),
            col(Metric.retired_at).is_(None),
        )
    ).first()


def resolve_metric(session: Session, series_id: int, name: str) -> Metric:
    metric = find_metric(session, series_id, name)
    if metric is None:
        names = [m.name for m in live_metrics(session, series_id)]
        hint = close_matches(names, name.strip()) or f" (known: {', '.join(names)})"
        raise HuddleError(f"unknown metric {name.strip()!r}{hint}")
    return metric


def _check_definition(unit: str, direction: str, target: float | None) -> None:
    if unit not in UNITS:
        raise HuddleError(f"unknown unit {unit!r} (choose one of: {', '.join(UNITS)})")
    if direction not in DIRECTIONS:
        raise HuddleError(
            f"unknown direction {direction!r} (choose one of: {', '.join(DIRECTIONS)})"
        )
    if target is not None and (not math.isfinite(target) or target < 0):
        raise HuddleError(f"target {target} makes no sense (use a number of 0 or more)")


def add_metric(
    db: Database,
    series_id: int,
    *,
    name: str,
    team: str,
    unit: str = "count",
    direction: str = "higher",
    target: float | None = None,
    funnel: bool = False,
) -> int:
    cleaned = required(name, "metric name")
    _check_definition(unit, direction, target)
    with db.write() as session:
        if find_metric(session, series_id, cleaned) is not None:
            raise HuddleError(f"metric {cleaned!r} already exists in this series")
        last = session.exec(
            select(func.max(Metric.position)).where(Metric.series_id == series_id)
        ).one()
        metric = Metric(
            series_id=series_id,
            name=cleaned,
            team=normalise_team(team),
            unit=unit,
            direction=direction,
            target=target,
            funnel=funnel,
            position=(last if last is not None else -1) + 1,
        )
        session.add(metric)
        session.flush()
        return metric.id  # type: ignore[return-value]


def update_metric(
    db: Database,
    metric_id: int,
    *,
    name: str,
    team: str,
    unit: str,
    direction: str,
    target: float | None,
    funnel: bool,
) -> None:
    """Rename or redefine a metric; its recorded values stay attached to it."""
    cleaned = required(name, "metric name")
    _check_definition(unit, direction, target)
    with db.write() as session:
        metric = session.get(Metric, metric_id)
        if metric is None:
            raise HuddleError(f"no metric with id {metric_id}")
        clash = find_metric(session, metric.series_id, cleaned)
        if clash is not None and clash.id != metric_id:
            raise HuddleError(f"metric {cleaned!r} already exists in this series")
        metric.name = cleaned
        metric.team = normalise_team(team)
        metric.unit = unit
        metric.direction = direction
        metric.target = target
        metric.funnel = funnel


def retire_metric(db: Database, metric_id: int, *, clock: Clock) -> None:
    """Stop asking for a metric; its history is kept and it can come back."""
    with db.write() as session:
        metric = session.get(Metric, metric_id)
        if metric is not None:
            metric.retired_at = clock.now()


def restore_metric(db: Database, metric_id: int) -> None:
    with db.write() as session:
        metric = session.get(Metric, metric_id)
        if metric is None:
            return
        if find_metric(session, metric.series_id, metric.name) is not None:
            raise HuddleError(f"a live metric is already called {metric.name!r}")
        metric.retired_at = None


@dataclass
class MetricInfo:
    id: int
    name: str
    team: str
    unit: str
    direction: str
    target: float | None
    funnel: bool
    retired: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "team": self.team,
            "unit": self.unit,
            "direction": self.direction,
            "target": self.target,
            "funnel": self.funnel,
            "retired": self.retired,
        }


def list_metrics(
    db: Database, series_id: int, *, include_retired: bool = False
) -> list[MetricInfo]:
    with db.read() as session:
        query = select(Metric).where(Metric.series_id == series_id)
        if not include_retired:
            query = query.where(col(Metric.retired_at).is_(None))
        return [
            MetricInfo(
                m.id,  # type: ignore[arg-type]
                m.name,
                m.team,
                m.unit,
                m.direction,
                m.target,
                m.funnel,
                m.retired_at is not None,
            )
            for m in session.exec(query.order_by(col(Metric.position), col(Metric.id)))
        ]


# ---------------------------------------------------------------- formatting


def format_value(value: float | None, unit: str = "count") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if unit == "currency":
        return f"${text}"
    if unit == "percent":
        return f"{text}%"
    return text


def format_change(change: float | None, unit: str = "count") -> str:
    if change is None:
        return ""
    if change == 0:
        return "±0"
    sign = "+" if change > 0 else "−"
    return sign + format_value(abs(change), unit)


def format_percent(percent: float | None) -> str:
    if percent is None:
        return ""
    return f"{percent:+.0f}%".replace("-", "−")
