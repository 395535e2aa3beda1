"""The metrics a series tracks: names, owning team, unit, direction, target and funnel
stage. A retired metric keeps its history."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from meeting.catalog.target_history import change_target
from meeting.entries.people import normalise_team
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.names import find_named, unknown_name
from meeting.foundations.records import record_dict
from meeting.foundations.removal import stamp_removed
from meeting.foundations.text import required
from storage.db import Database
from storage.models import Metric, stored_id

UNITS = ("count", "currency", "percent")


DIRECTIONS = ("higher", "lower")


# name, owning team, unit, direction, funnel stage
DEFAULT_METRICS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("Leads", "marketing", "count", "higher", True),
    ("MQLs", "marketing", "count", "higher", True),
    ("SQLs", "sales", "count", "higher", True),
    ("Demos", "sales", "count", "higher", True),
    ("Closed-won", "sales", "count", "higher", True),
    ("Revenue", "sales", "currency", "higher", False),
)


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


def find_metric(session: Session, series_id: int, name: str) -> Metric | None:
    return find_named(
        session, Metric, name, Metric.series_id == series_id, col(Metric.retired_at).is_(None)
    )


def resolve_metric(session: Session, series_id: int, name: str) -> Metric:
    metric = find_metric(session, series_id, name)
    if metric is None:
        names = [m.name for m in live_metrics(session, series_id)]
        raise unknown_name("metric", name, names, list_known=True)
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
        return stored_id(metric.id)


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
    on: dt.date,
) -> None:
    """Rename or redefine a metric; its recorded values stay attached to it. A new target
    applies from the day `on`: meetings before it keep the target they had."""
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
        change_target(session, metric, target, on)
        metric.funnel = funnel


def retire_metric(db: Database, metric_id: int, *, clock: Clock) -> None:
    """Stop asking for a metric; its history is kept and it can come back."""
    with db.write() as session:
        stamp_removed(session, Metric, metric_id, clock.now(), column="retired_at")


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
        names = ("name", "team", "unit", "direction", "target", "funnel", "retired")
        return record_dict(self, names)


def list_metrics(
    db: Database, series_id: int, *, include_retired: bool = False
) -> list[MetricInfo]:
    with db.read() as session:
        query = select(Metric).where(Metric.series_id == series_id)
        if not include_retired:
            query = query.where(col(Metric.retired_at).is_(None))
        return [
            MetricInfo(
                stored_id(m.id),
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


def live_metrics(session: Session, series_id: int) -> list[Metric]:
    return list(
        session.exec(
            select(Metric)
            .where(Metric.series_id == series_id, col(Metric.retired_at).is_(None))
            .order_by(col(Metric.position), col(Metric.id))
        )
    )
