"""The alignment scorecard: per month or quarter, both teams side by side, each figure with
its trend over the last periods and whether it met its target.

What each figure counts, for the meetings of one series held in a period:
- funnel rates: the later stage's total over the earlier one's (Leads -> MQLs -> SQLs ->
  Demos -> Closed-won), against the same ratio of the two metrics' targets;
- lead questions asked in the period that were answered within the SLA's days (as agreed
  when the question was asked; those still open count once their days are up), and the
  median days those answered took, per assignee and per team, against the SLA;
- action items due in the period that were done by their due date, per owner's team;
- entries about each team in "what's working" and "what's broken";
- leads sent back to nurture (answers with that outcome), and how many of those leads came
  back qualified later (an answer of working, converted or won);
- attendance per team: of the meetings held, how many each person on the list came to.
Shares have a target of 80 %; the SLA is the target for the days to answer.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from sqlmodel import col, select

from meeting.agreements import sla_history, sla_then
from meeting.errors import HuddleError
from meeting.number_format import sparkline
from meeting.views import MeetingView
from storage.db import Database
from storage.models import (
    ActionItem,
    Attendance,
    Item,
    LeadQuestion,
    Meeting,
    Metric,
    MetricValue,
    Person,
    Section,
)

SHARE_TARGET = 80.0  # percent: answered within the SLA, actions on time, attendance
PERIODS = ("month", "quarter")
QUALIFIED = ("working", "converted", "won")
SIDES = ("marketing", "sales", "leadership")  # the order of the teams' columns
MARK = {True: "✓", False: "✗", None: ""}  # whether the latest period met the target


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        """The period in stored (UTC) times: from local midnight to local midnight."""
        first = dt.datetime.combine(self.start, dt.time()).astimezone(dt.UTC)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time())
        return first, after.astimezone(dt.UTC)


def period_of(day: dt.date, kind: str) -> Period:
    if kind == "month":
        start = day.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return Period(start, following - dt.timedelta(days=1), f"{start:%Y-%m}")
    first_month = (day.month - 1) // 3 * 3 + 1
    start = day.replace(month=first_month, day=1)
    following = (start + dt.timedelta(days=95)).replace(day=1)
    return Period(start, following - dt.timedelta(days=1), f"{start.year}-Q{first_month // 3 + 1}")


def parse_period(text: str, kind: str) -> Period:
    """`2026-11` for a month, `2026-Q4` for a quarter."""
    value = text.strip().upper()
    try:
        if kind == "quarter":
            year, quarter = value.split("-Q")
            if quarter not in ("1", "2", "3", "4"):
                raise ValueError
            return period_of(dt.date(int(year), int(quarter) * 3 - 2, 1), kind)
        return period_of(dt.datetime.strptime(value, "%Y-%m").date(), kind)
    except ValueError:
        example = "2026-Q4" if kind == "quarter" else "2026-11"
        raise HuddleError(f"bad {kind} {text!r}: write it as {example}") from None


@dataclass
class Figure:
    team: str
    label: str
    unit: str  # "%", "d" or "" (a count)
    values: list[float | None]  # one per period, oldest first
    target: float | None = None
    better: str = "higher"

    @property
    def latest(self) -> float | None:
        return self.values[-1] if self.values else None

    @property
    def met(self) -> bool | None:
        """Whether the latest period met the target; None without one or without a value."""
        if self.target is None or self.latest is None:
            return None
        return self.latest >= self.target if self.better == "higher" else self.latest <= self.target

    def shown(self, value: float | None) -> str:
        if value is None:
            return "–"
        if self.unit == "%":
            return f"{value:.0f}%"
        if self.unit == "d":
            return f"{value:.1f}d"
        return f"{value:g}"

    @property
    def trend(self) -> str:
        return sparkline(self.values)

    def series_shown(self, joiner: str = " ", width: int = 0) -> str:
        """Every period's value, oldest first; `width` right-aligns them into columns."""
        return joiner.join(self.shown(v).rjust(width) for v in self.values)

    def as_dict(self, labels: list[str]) -> dict[str, object]:
        record: dict[str, object] = {"team": self.team, "figure": self.label, "unit": self.unit}
        record.update({label: value for label, value in zip(labels, self.values, strict=True)})
        record.update({"target": self.target, "met": self.met})
        return record


@dataclass
class Scorecard:
    series: str
    kind: str
    periods: list[Period]
    figures: list[Figure]

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.periods]

    def misses_first(self) -> list[Figure]:
        """What missed its target first, then the rest, each team's side by side."""
        return sorted(self.figures, key=lambda f: (f.met is not False, f.team))

    @property
    def teams(self) -> list[str]:
        """The teams with figures: marketing and sales first, as the meeting seats them."""
        found = {f.team for f in self.figures}
        return sorted(found, key=lambda t: (SIDES.index(t) if t in SIDES else len(SIDES), t))

    def rows(self) -> list[Row]:
        """One row per figure, each team's value side by side; rows with a miss first."""
        rows: dict[str, Row] = {}
        for figure in self.figures:
            rows.setdefault(figure.label, Row(figure.label, {})).by_team[figure.team] = figure
        return sorted(rows.values(), key=lambda row: not row.missed)

    @property
    def missed(self) -> int:
        return sum(1 for f in self.figures if f.met is False)

    @property
    def width(self) -> int:
        """The widest value shown, so each period's values line up in a column."""
        return max((len(f.shown(v)) for f in self.figures for v in f.values), default=1)

    def legend(self) -> str:
        return (
            f"Each team: {' '.join(self.labels)}, the trend, then ✓ or ✗ for the target "
            f"in {self.labels[-1]}; rows with a miss first."
        )

    @property
    def with_target(self) -> int:
        return sum(1 for f in self.figures if f.met is not None)


@dataclass
class Row:
    label: str
    by_team: dict[str, Figure]

    @property
    def missed(self) -> bool:
        return any(f.met is False for f in self.by_team.values())

    def cell(self, team: str, width: int) -> str:
        """A team's values oldest first, the trend and the mark; empty when it has none."""
        figure = self.by_team.get(team)
        if figure is None:
            return ""
        return f"{figure.series_shown(width=width)}  {figure.trend} {MARK[figure.met]}".rstrip()

    @property
    def target(self) -> str:
        """The target, shown once when every team has the same one."""
        shown = [f.shown(f.target) for f in self.by_team.values() if f.target is not None]
        return " / ".join(dict.fromkeys(shown))


def scorecard(
    db: Database,
    *,
    series_id: int,
    series_name: str,
    kind: str = "month",
    periods: int = 3,
    ending: Period | None = None,
    today: dt.date,
) -> Scorecard:
    if kind not in PERIODS:
        raise HuddleError(f"unknown period {kind!r} (choose month or quarter)")
    if not 1 <= periods <= 36:
        raise HuddleError(f"--periods must be between 1 and 36, not {periods}")
    with db.read() as session:
        held = list(
            session.exec(
                select(Meeting)
                .where(Meeting.series_id == series_id, col(Meeting.started_at).is_not(None))
                .order_by(col(Meeting.date))
            )
        )
    if not held:
        raise HuddleError(f'no meetings held in series "{series_name}" yet; a scorecard needs some')
    last = ending or period_of(held[-1].date, kind)
    if not any(last.start <= m.date <= last.end for m in held):
        raise HuddleError(
            f'no meetings of "{series_name}" in {last.label}; the last was on {held[-1].date} '
            f"(choose a {kind} with meetings)"
        )
    chosen = [last]
    while len(chosen) < periods:
        chosen.insert(0, period_of(chosen[0].start - dt.timedelta(days=1), kind))
    by_period = [[m for m in held if p.start <= m.date <= p.end] for p in chosen]
    figures = (
        _funnel(db, series_id, by_period)
        + _questions(db, series_id, chosen, today)
        + _actions(db, series_id, chosen)
        + _entries(db, by_period)
        + _nurture(db, series_id, chosen)
        + _attendance(db, by_period)
    )
    return Scorecard(series_name, kind, chosen, figures)


def _share(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


def _funnel(db: Database, series_id: int, by_period: list[list[Meeting]]) -> list[Figure]:
    with db.read() as session:
        stages = list(
            session.exec(
                select(Metric)
                .where(
                    Metric.series_id == series_id,
                    col(Metric.funnel).is_(True),
                    col(Metric.retired_at).is_(None),
                )
                .order_by(col(Metric.position))
            )
        )
        ids = [m.id for p in by_period for m in p]
        totals: dict[tuple[int, int], float] = defaultdict(float)
        period_of_meeting = {m.id: i for i, p in enumerate(by_period) for m in p}
        for meeting_id, metric_id, value in session.exec(
            select(MetricValue.meeting_id, MetricValue.metric_id, MetricValue.value).where(
                col(MetricValue.meeting_id).in_(ids)
            )
        ):
            totals[(period_of_meeting[meeting_id], metric_id)] += value
    figures = []
    for earlier, later in pairwise(stages):
        values: list[float | None] = []
        for index in range(len(by_period)):
            base = totals.get((index, earlier.id))  # type: ignore[arg-type]
            reached = totals.get((index, later.id))  # type: ignore[arg-type]
            values.append(reached / base * 100 if base and reached is not None else None)
        target = (
            later.target / earlier.target * 100
            if earlier.target and later.target is not None
            else None
        )
        label = f"{earlier.name} → {later.name}"
        figures.append(Figure(later.team, label, "%", values, target))
    return figures


def _questions(db: Database, series_id: int, periods: list[Period], today: dt.date) -> list[Figure]:
    """Questions by the period they were asked in: the share answered within the SLA of
    those whose time is up (answered, or past the SLA's days by `today`), and the median
    days the answered ones took."""
    with db.read() as session:
        rows = list(
            session.exec(
                select(LeadQuestion, col(Person.name), col(Person.team))
                .join(Person, col(Person.id) == LeadQuestion.assignee_id)
                .where(LeadQuestion.series_id == series_id, col(LeadQuestion.deleted_at).is_(None))
            )
        )
    now = dt.datetime.combine(today + dt.timedelta(days=1), dt.time()).astimezone(dt.UTC)
    slas = sla_history(db)  # read once: every question is measured against it
    within: dict[str, list[float | None]] = {}
    medians: dict[tuple[str, str], list[float | None]] = {}
    teams = sorted({team for _, _, team in rows})
    people = sorted({(team, name) for _, name, team in rows})
    for index, period in enumerate(periods):
        first, after = period.moments()
        asked = [(q, name, team) for q, name, team in rows if first <= q.created_at < after]
        for team in teams:
            kept = due = 0
            for question, _, _ in (row for row in asked if row[2] == team):
                agreed = sla_then(slas, question.created_at).answer_days
                if agreed is None:
                    continue
                deadline = question.created_at + dt.timedelta(days=agreed)
                if question.answered_at is not None and question.answered_at <= deadline:
                    kept += 1
                    due += 1
                elif question.answered_at is not None or deadline < now:
                    due += 1
            within.setdefault(team, [None] * len(periods))[index] = _share(kept, due)
        for team, name in [(team, "") for team in teams] + people:
            days = [
                (q.answered_at - q.created_at).total_seconds() / 86400
                for q, who, t in asked
                if q.answered_at is not None and t == team and (not name or who == name)
            ]
            medians.setdefault((team, name), [None] * len(periods))[index] = (
                round(statistics.median(days), 1) if days else None
            )
    sla_now = sla_then(slas, periods[-1].moments()[1]).answer_days
    figures = [
        Figure(team, "lead questions answered within the SLA", "%", values, SHARE_TARGET)
        for team, values in within.items()
        if any(v is not None for v in values)
    ]
    for (team, name), values in medians.items():
        if any(v is not None for v in values):
            who = f" ({name})" if name else ""
            figures.append(
                Figure(team, f"median days to answer{who}", "d", values, sla_now, "lower")
            )
    return figures


def _actions(db: Database, series_id: int, periods: list[Period]) -> list[Figure]:
    with db.read() as session:
        rows = list(
            session.exec(
                select(ActionItem, col(Person.team))
                .join(Person, col(Person.id) == ActionItem.owner_id)
                .where(
                    ActionItem.series_id == series_id,
                    col(ActionItem.deleted_at).is_(None),
                    col(ActionItem.due).is_not(None),
                    col(ActionItem.due) >= periods[0].start,
                    col(ActionItem.due) <= periods[-1].end,
                )
            )
        )
    found: dict[str, list[float | None]] = {}
    for index, period in enumerate(periods):
        due = [(a, team) for a, team in rows if period.start <= a.due <= period.end]  # type: ignore[operator]
        for team in sorted({team for _, team in rows}):
            mine = [a for a, t in due if t == team]
            on_time = [
                a
                for a in mine
                if a.status == "done"
                and a.closed_at is not None
                and a.closed_at.astimezone().date() <= a.due  # type: ignore[operator]
            ]
            found.setdefault(team, [None] * len(periods))[index] = _share(len(on_time), len(mine))
    return [
        Figure(team, "actions done on time", "%", values, SHARE_TARGET)
        for team, values in found.items()
    ]


def _entries(db: Database, by_period: list[list[Meeting]]) -> list[Figure]:
    period_of_meeting = {m.id: i for i, p in enumerate(by_period) for m in p}
    counts: dict[tuple[str, str], list[float | None]] = {}
    with db.read() as session:
        found = session.exec(
            select(Section.meeting_id, Section.key, Item.team)
            .join(Item, col(Item.section_id) == Section.id)
            .where(
                col(Section.meeting_id).in_(list(period_of_meeting)),
                col(Section.key).in_(["working", "broken"]),
                col(Item.deleted_at).is_(None),
            )
        )
        for meeting_id, key, team in found:
            values = counts.setdefault((team, key), [0.0] * len(by_period))
            values[period_of_meeting[meeting_id]] += 1  # type: ignore[operator]
    said = {
        "working": "entries in what's working about the team",
        "broken": "entries in what's broken about the team",
    }
    return [
        Figure(team, said[key], "", values, None, "higher" if key == "working" else "lower")
        for (team, key), values in sorted(counts.items())
    ]


def _nurture(db: Database, series_id: int, periods: list[Period]) -> list[Figure]:
    with db.read() as session:
        answers = list(
            session.exec(
                select(LeadQuestion).where(
                    LeadQuestion.series_id == series_id,
                    col(LeadQuestion.deleted_at).is_(None),
                    col(LeadQuestion.answered_at).is_not(None),
                )
            )
        )
    if not any(a.outcome == "nurture" for a in answers):
        return []
    sent: list[float | None] = []
    back: list[float | None] = []
    for period in periods:
        first, after = period.moments()
        nurtured = [
            a
            for a in answers
            if a.outcome == "nurture" and first <= a.answered_at < after  # type: ignore[operator]
        ]
        came_back = {
            a.lead_id
            for a in nurtured
            if any(
                later.lead_id == a.lead_id
                and later.outcome in QUALIFIED
                and later.answered_at > a.answered_at  # type: ignore[operator]
                for later in answers
            )
        }
        sent.append(float(len(nurtured)))
        back.append(float(len(came_back)))
    return [
        Figure("sales", "leads sent back to nurture", "", sent, None, "lower"),
        Figure("marketing", "of those, back as qualified", "", back, None),
    ]


def _attendance(db: Database, by_period: list[list[Meeting]]) -> list[Figure]:
    ids = [m.id for p in by_period for m in p]
    with db.read() as session:
        came = list(
            session.exec(
                select(Attendance.meeting_id, col(Person.name), col(Person.team))
                .join(Person, col(Person.id) == Attendance.person_id)
                .where(col(Attendance.meeting_id).in_(ids))
            )
        )
    if not came:
        return []
    listed: dict[str, set[str]] = defaultdict(set)  # team -> people who came at least once
    for _, name, team in came:
        listed[team].add(name)
    figures = []
    for team in sorted(listed):
        values: list[float | None] = []
        for meetings in by_period:
            held = {m.id for m in meetings}
            present = sum(1 for meeting_id, _, t in came if t == team and meeting_id in held)
            values.append(_share(present, len(held) * len(listed[team])))
        figures.append(Figure(team, "attendance", "%", values, SHARE_TARGET))
    return figures


def scorecard_of(
    db: Database,
    series: str | None,
    *,
    kind: str = "month",
    periods: int = 3,
    ending: Period | None = None,
    today: dt.date,
) -> Scorecard:
    """The scorecard of the named series, or of the one met in last."""
    from meeting.series import default_series_name, resolve_series

    chosen = series or default_series_name(db)
    if chosen is None:
        raise HuddleError("no meetings yet (start one: huddle meeting start); nothing to score")
    with db.read() as session:
        found = resolve_series(session, chosen)
    return scorecard(
        db,
        series_id=found.id,  # type: ignore[arg-type]
        series_name=found.name,
        kind=kind,
        periods=periods,
        ending=ending,
        today=today,
    )


def closing_scorecard(db: Database, meeting: MeetingView, *, today: dt.date) -> Scorecard | None:
    """The month's scorecard for the minutes of a meeting that closes its month: an
    alignment meeting, or any meeting of a monthly series. Its series' last three months,
    ending with the meeting's."""
    closes = meeting.template_key == "alignment" or meeting.cadence == "monthly"
    if not closes or meeting.started_at is None:
        return None
    try:
        return scorecard(
            db,
            series_id=meeting.series_id,
            series_name=meeting.series,
            kind="month",
            periods=3,
            ending=period_of(meeting.date, "month"),
            today=today,
        )
    except HuddleError:
        return None
