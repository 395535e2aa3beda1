"""Targets worked back from revenue: how many won deals the revenue takes at the deal size,
and through the funnel's conversion rates (the series' own, measured over its recent
meetings, or given) how many demos, SQLs, MQLs and leads that takes, per period, month,
week and meeting. The argument "we need more leads" then has a number."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from sqlalchemy import func, select
from sqlmodel import col

from meeting.catalog.metric_catalog import MetricInfo, list_metrics, update_metric
from meeting.entries.agreements import TARGETS, edit_agreement
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.number_format import format_share, format_value
from meeting.foundations.records import to_tenth
from storage.db import Database
from storage.models import Meeting, MetricValue, Series, stored_id

WEEKS = {"month": 52 / 12, "quarter": 13.0, "year": 52.0}
CADENCE_WEEKS = {"weekly": 1.0, "biweekly": 2.0, "monthly": 52 / 12}
MEASURED_OVER = 13  # meetings: a quarter of a weekly series


@dataclass(frozen=True)
class Stage:
    """One metric of the plan: what it takes per plan period, and the rate into it."""

    metric: MetricInfo
    per_period: float
    rate: float | None = None  # from the stage before it; None for the first, or revenue
    rate_from: str = ""  # measured | given

    def per_weeks(self, weeks: float, plan_weeks: float) -> float:
        """What it takes over `weeks`, rounded up to whole things (and dollars)."""
        value = self.per_period * weeks / plan_weeks
        if self.metric.unit == "percent":
            return round(value, 2)
        return float(math.ceil(value - 1e-9))  # whole deals, leads and dollars


@dataclass(frozen=True)
class TargetsPlan:
    series: str
    cadence: str
    period: str
    revenue: float
    deal_size: float
    stages: list[Stage]

    @property
    def weeks(self) -> float:
        return WEEKS[self.period]

    def per_meeting(self, stage: Stage) -> float:
        return stage.per_weeks(CADENCE_WEEKS.get(self.cadence, 1.0), self.weeks)

    def numbers(self, stage: Stage) -> dict[str, float | None]:
        """What `stage` takes per plan period, month, week and meeting, beside its target."""
        return {
            f"per_{self.period}": stage.per_weeks(self.weeks, self.weeks),
            "per_month": stage.per_weeks(WEEKS["month"], self.weeks),
            "per_week": stage.per_weeks(1, self.weeks),
            "target_now": stage.metric.target,
            "target_planned": self.per_meeting(stage),
        }

    def rows(self) -> list[dict[str, str]]:
        """One row per metric, as `huddle targets plan` shows them."""
        return [
            {
                "metric": stage.metric.name,
                "rate": ""
                if stage.rate is None
                else f"{format_share(stage.rate)} {stage.rate_from}",
            }
            | {name: format_value(n, stage.metric.unit) for name, n in self.numbers(stage).items()}
            for stage in self.stages
        ]

    def records(self) -> list[dict[str, object]]:
        """The same, numbers as numbers (the rate a percentage to the tenth): for JSON and
        CSV."""
        records: list[dict[str, object]] = []
        for stage in self.stages:
            record: dict[str, object] = {
                "metric": stage.metric.name,
                "unit": stage.metric.unit,
                "rate": None if stage.rate is None else to_tenth(stage.rate * 100),
                "rate_from": stage.rate_from or None,
            }
            record.update(self.numbers(stage))
            records.append(record)
        return records

    def agreement_text(self) -> str:
        """The targets as the agreement keeps them: one metric a line, per meeting."""
        per = {"weekly": "week", "biweekly": "two weeks", "monthly": "month"}.get(
            self.cadence, "meeting"
        )
        lines = [
            f"{self.series}: targets per {per}, worked back from "
            f"{format_value(self.revenue, 'currency')} a {self.period} at "
            f"{format_value(self.deal_size, 'currency')} a deal."
        ]
        for stage in self.stages:
            rate = "" if stage.rate is None else f" ({format_share(stage.rate)} {stage.rate_from})"
            value = format_value(self.per_meeting(stage), stage.metric.unit)
            lines.append(f"{stage.metric.name}: {value}{rate}")
        return "\n".join(lines)


def measured_rates(db: Database, series_id: int, funnel: list[MetricInfo]) -> dict[int, float]:
    """Each funnel stage's rate from the stage before it, over the series' last meetings
    that recorded both: the later stage's total over the earlier one's."""
    recent = (
        select(col(Meeting.id))
        .where(col(Meeting.series_id) == series_id)
        .order_by(col(Meeting.date).desc(), col(Meeting.id).desc())
        .limit(MEASURED_OVER)
        .subquery()
    )
    value, metric, meeting = (
        col(MetricValue.value),
        col(MetricValue.metric_id),
        col(MetricValue.meeting_id),
    )
    rates: dict[int, float] = {}
    with db.connect() as conn:
        for earlier, later in pairwise(funnel):
            both = (
                select(meeting)
                .where(metric == earlier.id, meeting.in_(select(recent.c.id)))
                .intersect(select(meeting).where(metric == later.id))
                .subquery()
            )
            totals: dict[int, float] = {
                row[0]: float(row[1])
                for row in conn.execute(
                    select(metric, func.sum(value))
                    .where(meeting.in_(select(both.c.meeting_id)))
                    .where(metric.in_([earlier.id, later.id]))
                    .group_by(metric)
                )
            }
            if totals.get(earlier.id) and later.id in totals:
                rates[later.id] = totals[later.id] / totals[earlier.id]
    return rates


def plan_targets(
    db: Database,
    series_id: int,
    *,
    revenue: float,
    deal_size: float,
    period: str,
    given: dict[str, float] | None = None,
) -> TargetsPlan:
    """The plan; `given`: rates by the name of the stage they lead into (0 < rate <= 1)."""
    if period not in WEEKS:
        raise HuddleError(f"unknown period {period!r} (choose one of: {', '.join(WEEKS)})")
    if revenue <= 0 or deal_size <= 0:
        raise HuddleError("the revenue and the deal size must be more than 0")
    metrics = list_metrics(db, series_id)
    funnel = [m for m in metrics if m.funnel]
    if len(funnel) < 2:
        raise HuddleError(
            "this series' funnel has fewer than two stages (huddle metrics add NAME --funnel)"
        )
    given = dict(given or {})
    by_name = {m.name.casefold(): m for m in funnel}
    for name, rate in given.items():
        if name.casefold() not in by_name or by_name[name.casefold()] is funnel[0]:
            stages = ", ".join(m.name for m in funnel[1:])
            raise HuddleError(f"no funnel stage {name!r} takes a rate (choose one of: {stages})")
        if not 0 < rate <= 1:
            raise HuddleError(f"the rate into {name} must be above 0% and at most 100%")
    given_by_id = {by_name[n.casefold()].id: r for n, r in given.items()}
    measured = measured_rates(db, series_id, funnel)
    with db.read() as session:
        series = session.get(Series, series_id)
        assert series is not None
        series_name, cadence = series.name, series.cadence
    won = revenue / deal_size
    needed = [Stage(funnel[-1], float(math.ceil(won - 1e-9)))]
    for earlier, later in zip(reversed(funnel[:-1]), reversed(funnel[1:]), strict=True):
        source = "given" if later.id in given_by_id else "measured"
        into = given_by_id.get(later.id, measured.get(later.id))
        if into is None or into <= 0:
            raise HuddleError(
                f"no measured rate from {earlier.name} to {later.name} in {series_name}'s last "
                f"{MEASURED_OVER} meetings; give one: --rate '{later.name}=25%'"
            )
        needed[0] = Stage(later, needed[0].per_period, into, source)
        needed.insert(0, Stage(earlier, needed[0].per_period / into))
    revenue_metrics = [m for m in metrics if m.unit == "currency" and not m.funnel]
    if len(revenue_metrics) == 1:
        needed.append(Stage(revenue_metrics[0], revenue))
    return TargetsPlan(series_name, cadence, period, revenue, deal_size, needed)


def apply_plan(
    db: Database, plan: TargetsPlan, *, clock: Clock, by: str | None, why: str | None
) -> int:
    """Each metric's target set to the plan's per meeting, and the targets agreement's new
    version saying so (returns its number): the record of why the targets changed."""
    reason = why or (
        f"worked back from {format_value(plan.revenue, 'currency')} a {plan.period} "
        f"(huddle targets plan)"
    )
    # The agreement first: the same plan again changes nothing and says so.
    version = edit_agreement(db, TARGETS, plan.agreement_text(), clock=clock, by=by, why=reason)
    for stage in plan.stages:
        metric = stage.metric
        update_metric(
            db,
            stored_id(metric.id),
            name=metric.name,
            team=metric.team,
            unit=metric.unit,
            direction=metric.direction,
            target=plan.per_meeting(stage),
            funnel=metric.funnel,
            on=clock.today(),
        )
    return version
