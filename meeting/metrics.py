"""Metrics of a series and their values per meeting."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlmodel import Session, col, select

from meeting.clock import Clock
from meeting.errors import HuddleError
from storage.db import Database
from storage.models import Meeting, Metric, MetricValue

# name, owning team, unit, direction, funnel position
DEFAULT_METRICS: tuple[tuple[str, str, str, str], ...] = (
    ("Leads", "marketing", "count", "higher"),
    ("MQLs", "marketing", "count", "higher"),
    ("SQLs", "sales", "count", "higher"),
    ("Demos", "sales", "count", "higher"),
    ("Closed-won", "sales", "count", "higher"),
)


def ensure_default_metrics(session: Session, series_id: int) -> None:
    """A new series starts with the funnel every sync meeting talks about."""
    exists = session.exec(select(Metric.id).where(Metric.series_id == series_id)).first()
    if exists is not None:
        return
    for position, (name, team, unit, direction) in enumerate(DEFAULT_METRICS):
        session.add(
            Metric(
                series_id=series_id,
                name=name,
                team=team,
                unit=unit,
                direction=direction,
                position=position,
            )
        )


@dataclass
class NumberRow:
    metric_id: int
    name: str
    team: str
    unit: str
    direction: str
    target: float | None
    value: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def numbers(db: Database, meeting_id: int) -> list[NumberRow]:
    """Each live metric of the meeting's series with this meeting's and the last value."""
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        metrics = session.exec(
            select(Metric)
            .where(Metric.series_id == meeting.series_id, col(Metric.retired_at).is_(None))
            .order_by(Metric.position, Metric.id)
        ).all()
        values = {
            mv.metric_id: mv.value
            for mv in session.exec(select(MetricValue).where(MetricValue.meeting_id == meeting_id))
        }
        rows = []
        for metric in metrics:
            previous = session.exec(
                select(MetricValue.value)
                .join(Meeting, col(Meeting.id) == MetricValue.meeting_id)
                .where(
                    MetricValue.metric_id == metric.id,
                    Meeting.series_id == meeting.series_id,
                    col(Meeting.date) < meeting.date,
                )
                .order_by(col(Meeting.date).desc())
            ).first()
            rows.append(
                NumberRow(
                    metric_id=metric.id,  # type: ignore[arg-type]
                    name=metric.name,
                    team=metric.team,
                    unit=metric.unit,
                    direction=metric.direction,
                    target=metric.target,
                    value=values.get(metric.id),  # type: ignore[arg-type]
                    previous=previous,
                )
            )
        return rows


def parse_value(text: str, metric_name: str) -> float:
    """A metric value as typed: `1200`, `1,200`, `12.5`, `40%`, `$3,000`."""
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


def record_value(
    db: Database, meeting_id: int, metric_id: int, value: float | None, *, clock: Clock
) -> None:
    """Set (or with None, clear) a metric's value for a meeting."""
    with db.write() as session:
        existing = session.get(MetricValue, (meeting_id, metric_id))
        if value is None:
            if existing is not None:
                session.delete(existing)
            return
        if existing is None:
            session.add(
                MetricValue(
                    meeting_id=meeting_id,
                    metric_id=metric_id,
                    value=value,
                    recorded_at=clock.now(),
                )
            )
        else:
            existing.value = value
            existing.recorded_at = clock.now()


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
