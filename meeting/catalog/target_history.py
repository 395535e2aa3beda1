"""Targets over time: a change of target applies from its day on, so a meeting or a period
before it is still judged against the target it had. Rows are written only when a target
changes (the first change writes the target it replaces too, from `SINCE_EVER`); a metric
whose target never changed is judged against `Metric.target` alone."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from storage.models import Metric, MetricTarget, stored_id
from storage.tables import METRIC_TARGET

SINCE_EVER = dt.date(2000, 1, 1)  # the first day a stored date may be (storage/date_check.py)

History = list[tuple[dt.date, float | None]]  # (from this day on, the target), oldest first


def change_target(session: Session, metric: Metric, target: float | None, on: dt.date) -> None:
    """Set `metric`'s target from the day `on`: the days before keep the one they had. A
    second change the same day replaces the first; `on=SINCE_EVER` sets it for every day
    before the next change."""
    if target == metric.target:
        return
    metric_id = stored_id(metric.id)
    if on != SINCE_EVER and session.get(MetricTarget, (metric_id, SINCE_EVER)) is None:
        session.add(
            MetricTarget(metric_id=metric_id, effective_from=SINCE_EVER, target=metric.target)
        )
    changed = session.get(MetricTarget, (metric_id, on))
    if changed is None:
        changed = MetricTarget(metric_id=metric_id, effective_from=on)
        session.add(changed)
    changed.target = target
    metric.target = target


def histories(run: Callable[[Any], Any], metric_ids: Iterable[int]) -> dict[int, History]:
    """Each metric's changes of target, for those that have any. `run`: a session's or a
    connection's `execute`."""
    wanted = list(metric_ids)
    found: dict[int, History] = defaultdict(list)
    if not wanted:
        return found
    rows = run(
        select(METRIC_TARGET.c.metric_id, METRIC_TARGET.c.effective_from, METRIC_TARGET.c.target)
        .where(METRIC_TARGET.c.metric_id.in_(wanted))
        .order_by(METRIC_TARGET.c.metric_id, METRIC_TARGET.c.effective_from)
    )
    for metric_id, day, target in rows:
        found[metric_id].append((day, target))
    return dict(found)


def target_on(history: History | None, day: dt.date, current: float | None) -> float | None:
    """The target in force on `day`: the last change on or before it; `current` (the
    metric's own) when its target never changed."""
    if not history:
        return current
    target = history[0][1]
    for since, value in history:
        if since > day:
            break
        target = value
    return target
