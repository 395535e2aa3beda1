"""The waterfall, with velocity: per period, the funnel from leads to won as stages, each
with its total, the conversion to the next stage against its target, and the median days
leads spent in it. Totals and conversions come from the metrics recorded in meetings, read
and counted by `facts.py` as the scorecard's are, so both tell the same number; the days
come from the dates the CRM export gave each lead (`LeadStage`), and leads without them are
left out, never guessed."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sqlalchemy import select

from meeting.foundations.clock import local_day
from meeting.foundations.errors import HuddleError
from meeting.foundations.records import to_tenth
from meeting.foundations.text import counted
from meeting.foundations.views import MeetingView
from meeting.numbers.card import Figure, read_alike
from meeting.numbers.facts import Facts
from meeting.numbers.periods import WATERFALL_PERIODS, Period, period_of
from meeting.numbers.scorecard import closes_month, facts_over, later_in_month, named_series
from meeting.numbers.stages import stage_date_of
from storage.db import Database
from storage.models import LeadStage, table_of

DASH = "–"


@dataclass(frozen=True)
class Step:
    """One stage of the funnel in one period."""

    stage: str
    team: str
    total: float | None  # the values recorded in the period's meetings, added up
    conversion: float | None  # % of this stage reaching the next: the scorecard's rate
    target: float | None  # the conversion's target %
    days: float | None  # the median days leads spent in this stage before the next
    dated: int  # the leads that median stands on
    rate_on: tuple[int, int] | None = None  # meetings that recorded both stages, of those held

    @property
    def met(self) -> bool | None:
        if self.conversion is None or self.target is None:
            return None
        return self.conversion >= self.target

    def shown_total(self) -> str:
        return DASH if self.total is None else f"{self.total:g}"

    def shown_conversion(self) -> str:
        """'30% ✗'; '' for the last stage, which has no next."""
        if self.rate_on is None:
            return ""
        if self.conversion is None:
            return DASH
        mark = {True: " ✓", False: " ✗", None: ""}[self.met]
        return f"{self.conversion:.{self.digits}f}%{mark}"

    def shown_target(self) -> str:
        return "" if self.target is None else f"{self.target:.{self.digits}f}%"

    @property
    def digits(self) -> int:
        """One decimal where the conversion and its target differ but would read alike
        ('54% ✗' against '54%'), none otherwise."""
        return 1 if read_alike(self.conversion, self.target, lambda rate: f"{rate:.0f}") else 0

    def shown_days(self) -> str:
        """'4.5d (3 leads)'; – where no lead has both dates; '' for the last stage."""
        if self.rate_on is None:
            return ""
        if self.days is None:
            return DASH
        return f"{self.days:.1f}d ({counted(self.dated, 'lead')})"


@dataclass(frozen=True)
class WaterfallPeriod:
    period: Period
    meetings: int
    steps: list[Step]

    @property
    def label(self) -> str:
        return self.period.label


@dataclass(frozen=True)
class Waterfall:
    series: str
    kind: str
    periods: list[WaterfallPeriod]

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.periods]

    def records(self) -> list[dict[str, object]]:
        """One record per period and stage, numbers as they are: for JSON and CSV."""
        return [
            {
                "period": p.label,
                "stage": s.stage,
                "team": s.team,
                "total": s.total,
                "conversion": to_tenth(s.conversion),
                "target": to_tenth(s.target),
                "met": s.met,
                "median_days": to_tenth(s.days),
                "leads_dated": s.dated if s.rate_on is not None else None,
                "meetings": p.meetings,
            }
            for p in self.periods
            for s in p.steps
        ]

    def notes(self) -> list[str]:
        """The conversions that stand on some of the meetings held, as the scorecard says."""
        notes = []
        for p in self.periods:
            for step, after in pairwise(p.steps):
                if step.rate_on and 0 < step.rate_on[0] < step.rate_on[1]:
                    recorded, held = step.rate_on
                    notes.append(
                        f"{p.label} {step.stage} → {after.stage}: on {recorded} of "
                        f"{counted(held, 'meeting')}; the others did not record both numbers."
                    )
        return notes


def _median_days(
    dates: dict[int, dict[str, dt.datetime]], stages: list[str], kind: str
) -> dict[tuple[str, int], list[float]]:
    """By (period label, stage index): the days each lead spent in the stage, for the
    leads that reached the next stage in that period and have both dates."""
    spent: dict[tuple[str, int], list[float]] = defaultdict(list)
    for reached in dates.values():
        when = [stage_date_of(reached, name, first=i == 0) for i, name in enumerate(stages)]
        for index, (came, left) in enumerate(pairwise(when)):
            if came is None or left is None or left < came:
                continue
            label = period_of(local_day(left), kind).label
            spent[(label, index)].append((left - came).total_seconds() / 86400)
    return spent


def lead_stage_dates(db: Database) -> dict[int, dict[str, dt.datetime]]:
    """Every lead's stage dates, by lead id and stage key."""
    stage = table_of(LeadStage)
    found: dict[int, dict[str, dt.datetime]] = defaultdict(dict)
    with db.read() as session:
        rows: Any = session.execute(select(stage.c.lead_id, stage.c.stage, stage.c.reached_at))
        for lead_id, key, reached_at in rows:
            found[lead_id][key] = reached_at
    return found


def from_facts(
    facts: Facts,
    series_name: str,
    kind: str,
    chosen: list[Period],
    dates: dict[int, dict[str, dt.datetime]],
) -> Waterfall:
    """The waterfall of `chosen` periods from a series' facts and the leads' stage dates."""
    stages = list(facts.stages)
    if len(stages) < 2:
        raise HuddleError(
            f'"{series_name}" has no funnel of two stages or more '
            "(add its stages in order: huddle metrics add NAME --funnel)"
        )
    tallies = [facts.tally(period, kind) for period in chosen]
    rates: list[Figure] = facts.funnel(tallies)
    spent = _median_days(dates, [name for _, name, _, _ in stages], kind)
    periods = []
    for column, (period, tally) in enumerate(zip(chosen, tallies, strict=True)):
        aimed = facts.aimed(period.end)  # each period against the targets of its own days
        steps = []
        for index, (metric_id, name, team, _) in enumerate(stages):
            recorded = [v[metric_id] for v in tally.funnel.values() if metric_id in v]
            rate = rates[index] if index < len(rates) else None
            days = spent.get((period.label, index), [])
            steps.append(
                Step(
                    stage=name,
                    team=team,
                    total=sum(recorded) if recorded else None,
                    conversion=rate.values[column] if rate else None,
                    target=aimed[index] if rate else None,
                    days=statistics.median(days) if days else None,
                    dated=len(days),
                    rate_on=rate.stands_on[column] if rate and rate.stands_on else None,
                )
            )
        periods.append(WaterfallPeriod(period, tally.meetings, steps))
    return Waterfall(series_name, kind, periods)


def waterfall(
    db: Database,
    *,
    series_id: int,
    series_name: str,
    kind: str = "month",
    periods: int = 3,
    ending: Period | None = None,
    today: dt.date,
) -> Waterfall:
    facts, chosen = facts_over(
        db,
        series_id=series_id,
        series_name=series_name,
        kind=kind,
        periods=periods,
        ending=ending,
        today=today,
        kinds=WATERFALL_PERIODS,
        needs="a waterfall",
    )
    facts.met_in(series_name, kind, chosen[-1])
    return from_facts(facts, series_name, kind, chosen, lead_stage_dates(db))


def waterfall_of(
    db: Database,
    series: str | None,
    *,
    kind: str = "month",
    periods: int = 3,
    ending: Period | None = None,
    today: dt.date,
) -> Waterfall:
    """The waterfall of the named series, or of the one met in last."""
    series_id, name = named_series(db, series, none_yet="no funnel to show")
    return waterfall(
        db,
        series_id=series_id,
        series_name=name,
        kind=kind,
        periods=periods,
        ending=ending,
        today=today,
    )


def closing_waterfall(
    db: Database,
    meeting: MeetingView,
    *,
    today: dt.date,
    later: bool | None = None,
    facts: Facts | None = None,
    dates: dict[int, dict[str, dt.datetime]] | None = None,
) -> Waterfall | None:
    """The month's waterfall for minutes that close their month, beside its scorecard (see
    `closing_scorecard`); None for others, and for a series without a funnel. Exporting
    many meetings passes what it already knows, as for the scorecard."""
    if later is None:
        later = meeting.started_at is not None and later_in_month(db, meeting, today=today)
    if not closes_month(meeting, later_in_month=later, today=today):
        return None
    month = period_of(meeting.date, "month")
    if facts is None:
        facts = Facts(db, meeting.series_id, today=today, window=(month.start, month.end))
    try:
        found = dates if dates is not None else lead_stage_dates(db)
        return from_facts(facts, meeting.series, "month", [month], found)
    except HuddleError:
        return None
