"""The alignment scorecard: per month or quarter, both teams side by side, each figure with
its trend over the last periods and whether it met its target.

What each figure counts, for the meetings of one series held in a period:
- funnel rates: the later stage's total over the earlier one's (Leads -> MQLs -> SQLs ->
  Demos -> Closed-won), against the same ratio of the two metrics' targets;
- leads handed over in the period (by the CRM's times) that sales first touched within the
  SLA's hours, as agreed at the hand-over, and the median hours to the first touch;
- lead questions asked in the period that were answered within the SLA's days (as agreed
  when the question was asked; those still open count once their days are up), and the
  median days those answered took, per assignee and per team, against the SLA;
- action items due in the period that were done by their due date, per owner's team (an
  open one counts once its day is past);
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from sqlalchemy import select

from meeting.entries.agreements import sla_history, sla_then
from meeting.foundations.clock import end_of, local_day, midnight
from meeting.foundations.dates import add_cadence, in_window
from meeting.foundations.errors import HuddleError
from meeting.foundations.number_format import sparkline
from meeting.foundations.order import held_up_to
from meeting.foundations.text import counted
from meeting.foundations.views import MeetingView
from storage.db import Database
from storage.models import (
    ActionItem,
    Attendance,
    Item,
    Lead,
    LeadQuestion,
    Meeting,
    Metric,
    MetricValue,
    Person,
    PlannedMeeting,
    Section,
    table_of,
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
        """The period in stored (UTC) times: from the team's midnight to its midnight."""
        return midnight(self.start), end_of(self.end)


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
            first = dt.date(int(year), int(quarter) * 3 - 2, 1)
        else:
            first = dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        example = "2026-Q4" if kind == "quarter" else "2026-11"
        raise HuddleError(f"bad {kind} {text!r}: write it as {example}") from None
    return period_of(in_window(first, text), kind)


@dataclass
class Figure:
    team: str
    label: str
    unit: str  # "%", "d" (days), "h" (hours) or "" (a count)
    values: list[float | None]  # one per period, oldest first
    target: float | None = None
    better: str = "higher"
    # Per period, for a rate of two numbers: (meetings that recorded both, meetings held).
    stands_on: list[tuple[int, int]] | None = None

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
        if self.unit == "h":
            return f"{value:.1f}h"
        return f"{value:g}"

    @property
    def trend(self) -> str:
        return sparkline(self.values)

    def series_shown(self, joiner: str = " ", width: int = 0) -> str:
        """Every period's value, oldest first; `width` right-aligns them into columns."""
        return joiner.join(self.shown(v).rjust(width) for v in self.values)

    def story(self) -> str:
        """'60% → 83% → 57% ✗': every period, then whether the latest met the target."""
        return f"{self.series_shown(' → ')} {MARK[self.met]}".rstrip()

    def basis(self, labels: list[str], *, partial_only: bool = False) -> str:
        """How many meetings each period's rate stands on, where not every meeting recorded
        both numbers: '2026-12 on 1 of 2 meetings'; '' when every period stands on all."""
        if self.stands_on is None:
            return ""
        said = [
            f"{label} on {recorded} of {counted(held, 'meeting')}"
            for label, (recorded, held) in zip(labels, self.stands_on, strict=True)
            if held and (not partial_only or 0 < recorded < held)
        ]
        return ", ".join(said)

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

    def legend(self, *, latest_only: bool = False) -> str:
        first, last = self.labels[0], self.labels[-1]
        if latest_only:  # for 80 columns
            return (
                f"Each team: its {last} value, the trend from {first}, ✓ or ✗ for the target.\n"
                "Rows with a miss first. A wider terminal or --format csv shows every period."
            )
        return (
            f"Each team: {' '.join(self.labels)}, the trend, then ✓ or ✗ for the target "
            f"in {last}; rows with a miss first."
        )

    @property
    def with_target(self) -> int:
        return sum(1 for f in self.figures if f.met is not None)

    def notes(self) -> list[str]:
        """The rates that stand on some of the meetings held, not all: only meetings that
        recorded both numbers count, so a meeting with Leads alone cannot halve a rate."""
        return [
            f"{f.label} ({f.team}): {basis}; the other meetings did not record both numbers."
            for f in self.figures
            if (basis := f.basis(self.labels, partial_only=True))
        ]


@dataclass
class Row:
    label: str
    by_team: dict[str, Figure]

    @property
    def missed(self) -> bool:
        return any(f.met is False for f in self.by_team.values())

    def cell(self, team: str, width: int, *, latest_only: bool = False) -> str:
        """A team's values oldest first (or the latest alone), the trend and the mark;
        empty when the team has none."""
        figure = self.by_team.get(team)
        if figure is None:
            return ""
        values = (
            figure.shown(figure.latest).rjust(width)
            if latest_only
            else figure.series_shown(width=width)
        )
        gap = " " if latest_only else "  "
        return f"{values}{gap}{figure.trend} {MARK[figure.met]}".rstrip()

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
    held = _held(db, series_id)
    if not held:
        raise HuddleError(f'no meetings held in series "{series_name}" yet; a scorecard needs some')
    last = ending or period_of(held[-1][1], kind)
    chosen = _periods_ending(last, kind, periods)
    facts = Facts(db, series_id, today=today, held=held, window=(chosen[0].start, last.end))
    return facts.card(series_name, kind, chosen)


def _periods_ending(last: Period, kind: str, count: int) -> list[Period]:
    chosen = [last]
    while len(chosen) < count:
        chosen.insert(0, period_of(chosen[0].start - dt.timedelta(days=1), kind))
    return chosen


def _held(db: Database, series_id: int) -> list[tuple[int, dt.date]]:
    """The series' meetings that were held, by date."""
    meeting = table_of(Meeting)
    with db.read() as session:
        rows: Sequence[Any] = session.execute(
            select(meeting.c.id, meeting.c.date)
            .where(meeting.c.series_id == series_id, meeting.c.started_at.is_not(None))
            .order_by(meeting.c.date, meeting.c.id)
        ).all()
    return [(meeting_id, date) for meeting_id, date in rows]


def _share(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


def _local_day(moment: dt.datetime) -> dt.date:
    """The day a stored (UTC) time falls on in the team's zone: periods run midnight to
    midnight."""
    return local_day(moment)


@dataclass
class Tally:
    """What one period counts, before it becomes figures: export scores each month of a
    series once, however many scorecards include it."""

    meetings: int = 0
    # meeting id -> metric id -> value: a rate adds up only meetings that recorded both stages
    funnel: dict[int, dict[int, float]] = field(default_factory=dict)
    answered_in_time: dict[str, list[int]] = field(default_factory=dict)  # team -> [kept, due]
    days_to_answer: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    actions: dict[str, list[int]] = field(default_factory=dict)  # team -> [on time, due]
    entries: dict[tuple[str, str], int] = field(default_factory=dict)  # (team, key) -> count
    touched_in_time: list[int] = field(default_factory=lambda: [0, 0])  # [kept, due]
    hours_to_touch: list[float] = field(default_factory=list)
    nurtured: int = 0
    came_back: int = 0
    present: dict[str, dict[str, int]] = field(default_factory=dict)  # team -> name -> times


class Facts:
    """What a series' scorecards count, read once: the funnel's totals, lead questions,
    actions, entries and attendance, within `window` (first and last day) or all of it."""

    def __init__(
        self,
        db: Database,
        series_id: int,
        *,
        today: dt.date,
        held: list[tuple[int, dt.date]] | None = None,
        window: tuple[dt.date, dt.date] | None = None,
    ) -> None:
        self.held = held if held is not None else _held(db, series_id)
        self.now = end_of(today)
        self.today = today
        self.slas = sla_history(db)
        low, high = window or (dt.date.min, dt.date.max)
        in_window = [meeting_id for meeting_id, day in self.held if low <= day <= high]
        meeting, metric, value = table_of(Meeting), table_of(Metric), table_of(MetricValue)
        question, person, action = table_of(LeadQuestion), table_of(Person), table_of(ActionItem)
        section, item, attendance = table_of(Section), table_of(Item), table_of(Attendance)
        lead = table_of(Lead)
        within = meeting.c.series_id == series_id
        if window is not None:
            within = within & meeting.c.date.between(low, high)
        with db.read() as session:

            def rows(query: Any) -> Sequence[Any]:
                return session.execute(query).all()

            self.stages = rows(
                select(metric.c.id, metric.c.name, metric.c.team, metric.c.target)
                .where(
                    metric.c.series_id == series_id,
                    metric.c.funnel.is_(True),
                    metric.c.retired_at.is_(None),
                )
                .order_by(metric.c.position)
            )
            self.values = rows(
                select(value.c.meeting_id, value.c.metric_id, value.c.value)
                .join(meeting, meeting.c.id == value.c.meeting_id)
                .where(within, meeting.c.started_at.is_not(None))
            )
            self.questions = rows(
                select(
                    question.c.created_at,
                    question.c.answered_at,
                    question.c.outcome,
                    question.c.lead_id,
                    person.c.name,
                    person.c.team,
                )
                .join(person, person.c.id == question.c.assignee_id)
                .where(question.c.series_id == series_id, question.c.deleted_at.is_(None))
            )
            self.actions = rows(
                select(action.c.due, action.c.status, action.c.closed_at, person.c.team)
                .join(person, person.c.id == action.c.owner_id)
                .where(
                    action.c.series_id == series_id,
                    action.c.deleted_at.is_(None),
                    action.c.due.between(low, high),
                )
            )
            self.entries = rows(
                select(section.c.meeting_id, section.c.key, item.c.team)
                .join(item, item.c.section_id == section.c.id)
                .join(meeting, meeting.c.id == section.c.meeting_id)
                .where(
                    within,
                    section.c.key.in_(["working", "broken"]),
                    item.c.deleted_at.is_(None),
                )
            )
            self.handed_over = rows(
                select(lead.c.handed_over_at, lead.c.first_touch_at).where(
                    lead.c.handed_over_at.is_not(None)
                )
            )
            self.attendance = rows(
                select(attendance.c.meeting_id, person.c.name, person.c.team)
                .join(person, person.c.id == attendance.c.person_id)
                .join(meeting, meeting.c.id == attendance.c.meeting_id)
                .where(within)
            )
        self.window_meetings = set(in_window)
        # When each lead was last qualified: a nurtured lead came back if that is later.
        self.qualified_at: dict[int, dt.datetime] = {}
        for _, answered_at, outcome, lead_id, _, _ in self.questions:
            if outcome in QUALIFIED and answered_at is not None:
                known = self.qualified_at.get(lead_id)
                self.qualified_at[lead_id] = max(answered_at, known) if known else answered_at
        self._grouped: dict[str, dict[str, Tally]] = {}

    def tally(self, period: Period, kind: str) -> Tally:
        if kind not in self._grouped:
            self._grouped[kind] = self._group(kind)
        return self._grouped[kind].get(period.label) or Tally()

    def _group(self, kind: str) -> dict[str, Tally]:
        """Every row counted once, into the tally of the period it falls in."""
        label_of: dict[dt.date, str] = {}

        def label(day: dt.date) -> str:
            if day not in label_of:
                label_of[day] = period_of(day, kind).label
            return label_of[day]

        tallies: dict[str, Tally] = defaultdict(Tally)
        of_meeting = {m: tallies[label(day)] for m, day in self.held if m in self.window_meetings}
        for found in of_meeting.values():
            found.meetings += 1
        for meeting_id, metric_id, amount in self.values:
            # the query kept held meetings only
            of_meeting[meeting_id].funnel.setdefault(meeting_id, {})[metric_id] = amount
        for created_at, answered_at, outcome, lead_id, name, team in self.questions:
            asked = tallies[label(_local_day(created_at))]
            agreed = sla_then(self.slas, created_at).answer_days
            if agreed is not None:
                deadline = created_at + dt.timedelta(days=agreed)
                counts = asked.answered_in_time.setdefault(team, [0, 0])
                if answered_at is not None and answered_at <= deadline:
                    counts[0] += 1
                    counts[1] += 1
                elif answered_at is not None or deadline < self.now:
                    counts[1] += 1
            else:
                asked.answered_in_time.setdefault(team, [0, 0])
            if answered_at is not None:
                days = (answered_at - created_at).total_seconds() / 86400
                for who in ((team, ""), (team, name)):
                    asked.days_to_answer.setdefault(who, []).append(days)
                if outcome == "nurture":
                    sent = tallies[label(_local_day(answered_at))]
                    sent.nurtured += 1
                    back = self.qualified_at.get(lead_id)
                    sent.came_back += back is not None and back > answered_at
        for handed_over, first_touch in self.handed_over:
            handed = tallies[label(_local_day(handed_over))]
            agreed = sla_then(self.slas, handed_over).follow_up_hours
            if agreed is not None:
                deadline = handed_over + dt.timedelta(hours=agreed)
                if first_touch is not None and first_touch <= deadline:
                    handed.touched_in_time[0] += 1
                    handed.touched_in_time[1] += 1
                elif first_touch is not None or deadline < self.now:
                    handed.touched_in_time[1] += 1
            if first_touch is not None:
                handed.hours_to_touch.append((first_touch - handed_over).total_seconds() / 3600)
        for due, status, closed_at, team in self.actions:
            if due is None:
                continue
            counts = tallies[label(due)].actions.setdefault(team, [0, 0])
            on_time = status == "done" and closed_at is not None and _local_day(closed_at) <= due
            # An open action not yet due has not missed anything: it counts once its day is
            # past, as an open question counts once its SLA days are up.
            if on_time or status == "done" or due < self.today:
                counts[0] += on_time
                counts[1] += 1
        for meeting_id, key, team in self.entries:
            if meeting_id in of_meeting:
                entries = of_meeting[meeting_id].entries
                entries[(team, key)] = entries.get((team, key), 0) + 1
        for meeting_id, name, team in self.attendance:
            if meeting_id in of_meeting:
                people = of_meeting[meeting_id].present.setdefault(team, {})
                people[name] = people.get(name, 0) + 1
        return dict(tallies)

    def card(self, series_name: str, kind: str, chosen: list[Period]) -> Scorecard:
        last = chosen[-1]
        if not any(last.start <= day <= last.end for _, day in self.held):
            raise HuddleError(
                f'no meetings of "{series_name}" in {last.label}; the last was on '
                f"{self.held[-1][1]} (choose a {kind} with meetings)"
            )
        tallies = [self.tally(period, kind) for period in chosen]
        sla_now = sla_then(self.slas, last.moments()[1])
        figures = (
            self._funnel(tallies)
            + _follow_up(tallies, sla_now.follow_up_hours)
            + _questions(tallies, sla_now.answer_days)
            + _actions(tallies)
            + _entries(tallies)
            + _nurture(tallies)
            + _attendance(tallies)
        )
        return Scorecard(series_name, kind, chosen, figures)

    def _funnel(self, tallies: list[Tally]) -> list[Figure]:
        figures = []
        for (earlier, was, _, base_target), (later, name, team, target) in pairwise(self.stages):
            values: list[float | None] = []
            stands_on: list[tuple[int, int]] = []
            for tally in tallies:
                both = [v for v in tally.funnel.values() if earlier in v and later in v]
                base = sum(v[earlier] for v in both)
                values.append(sum(v[later] for v in both) / base * 100 if base else None)
                stands_on.append((len(both), tally.meetings))
            aimed = target / base_target * 100 if base_target and target is not None else None
            figures.append(Figure(team, f"{was} → {name}", "%", values, aimed, stands_on=stands_on))
        return figures


def _follow_up(tallies: list[Tally], sla_hours: float | None) -> list[Figure]:
    """Leads by the period they were handed over in (from the CRM): the share sales first
    touched within the SLA's hours, of those whose time is up, and the median hours."""
    within = [_share(*t.touched_in_time) for t in tallies]
    hours = [
        round(statistics.median(t.hours_to_touch), 1) if t.hours_to_touch else None for t in tallies
    ]
    figures = []
    if any(v is not None for v in within):
        label = "leads touched within SLA"
        figures.append(Figure("sales", label, "%", within, SHARE_TARGET))
    if any(v is not None for v in hours):
        figures.append(
            Figure("sales", "median hours to first touch", "h", hours, sla_hours, "lower")
        )
    return figures


def _questions(tallies: list[Tally], sla_days: float | None) -> list[Figure]:
    """Questions by the period they were asked in: the share answered within the SLA of
    those whose time is up (answered, or past the SLA's days), and the median days the
    answered ones took."""
    teams = sorted({team for t in tallies for team in t.answered_in_time})
    figures = []
    for team in teams:
        values = [
            _share(*t.answered_in_time[team]) if team in t.answered_in_time else None
            for t in tallies
        ]
        if any(v is not None for v in values):
            figures.append(Figure(team, "questions answered within SLA", "%", values, SHARE_TARGET))
    people = sorted({who for t in tallies for who in t.days_to_answer if who[1]})
    for team, name in [(team, "") for team in teams] + people:
        days = [t.days_to_answer.get((team, name)) for t in tallies]
        values = [round(statistics.median(d), 1) if d else None for d in days]
        if any(v is not None for v in values):
            who = f" ({name})" if name else ""
            figures.append(
                Figure(team, f"median days to answer{who}", "d", values, sla_days, "lower")
            )
    return figures


def _actions(tallies: list[Tally]) -> list[Figure]:
    teams = sorted({team for t in tallies for team in t.actions})
    return [
        Figure(
            team,
            "actions done on time",
            "%",
            [_share(*t.actions[team]) if team in t.actions else None for t in tallies],
            SHARE_TARGET,
        )
        for team in teams
    ]


def _entries(tallies: list[Tally]) -> list[Figure]:
    said = {
        "working": "what's working, about the team",
        "broken": "what's broken, about the team",
    }
    found = sorted({key for t in tallies for key in t.entries})
    return [
        Figure(
            team,
            said[key],
            "",
            [float(t.entries.get((team, key), 0)) for t in tallies],
            None,
            "higher" if key == "working" else "lower",
        )
        for team, key in found
    ]


def _nurture(tallies: list[Tally]) -> list[Figure]:
    if not any(t.nurtured for t in tallies):
        return []
    return [
        Figure(
            "sales",
            "leads sent back to nurture",
            "",
            [float(t.nurtured) for t in tallies],
            None,
            "lower",
        ),
        Figure(
            "marketing",
            "of those, back as qualified",
            "",
            [float(t.came_back) for t in tallies],
            None,
        ),
    ]


def _attendance(tallies: list[Tally]) -> list[Figure]:
    """Of the meetings held, how many each person of the team came to; the team is everyone
    who came at least once in the periods shown."""
    listed: dict[str, set[str]] = defaultdict(set)
    for tally in tallies:
        for team, people in tally.present.items():
            listed[team].update(people)
    return [
        Figure(
            team,
            "attendance",
            "%",
            [
                _share(sum(t.present.get(team, {}).values()), t.meetings * len(listed[team]))
                for t in tallies
            ],
            SHARE_TARGET,
        )
        for team in sorted(listed)
    ]


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
    from meeting.agenda.series import default_series_name, resolve_series

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


def closes_month(meeting: MeetingView, *, later_in_month: bool, today: dt.date) -> bool:
    """Whether a meeting's minutes close its month with the scorecard: an alignment meeting,
    any meeting of a monthly series, and the last meeting of the month in the others, known
    as last when nothing of its series is held or planned after it that month and its next
    one by cadence falls in a later month, or the month is over."""
    if meeting.started_at is None:
        return False
    if meeting.template_key == "alignment" or meeting.cadence == "monthly":
        return True
    month_end = period_of(meeting.date, "month").end
    if later_in_month:
        return False
    return add_cadence(meeting.date, meeting.cadence) > month_end or today > month_end


def later_in_month(db: Database, meeting: MeetingView, *, today: dt.date) -> bool:
    """Whether the series has another meeting after this one in its month: held, or
    planned while the month is not over."""
    month_end = period_of(meeting.date, "month").end
    held, planned = table_of(Meeting), table_of(PlannedMeeting)
    after = ~held_up_to(held.c.date, held.c.id, meeting.date, meeting.id)
    query: Any = select(held.c.id).where(
        held.c.series_id == meeting.series_id, held.c.date <= month_end, after
    )
    if today <= month_end:
        query = query.union_all(
            select(planned.c.id).where(
                planned.c.series_id == meeting.series_id,
                planned.c.date > meeting.date,
                planned.c.date <= month_end,
            )
        )
    with db.read() as session:
        return session.execute(query.limit(1)).first() is not None


def closing_scorecard(
    db: Database,
    meeting: MeetingView,
    *,
    today: dt.date,
    later: bool | None = None,
    facts: Facts | None = None,
) -> Scorecard | None:
    """The month's scorecard for minutes that close their month (see `closes_month`): the
    series' last three months, ending with the meeting's. Exporting many meetings passes
    what it already knows: whether one comes `later` in the month, and the series' `facts`."""
    if later is None:
        later = meeting.started_at is not None and later_in_month(db, meeting, today=today)
    if not closes_month(meeting, later_in_month=later, today=today):
        return None
    ending = period_of(meeting.date, "month")
    try:
        if facts is None:
            return scorecard(
                db,
                series_id=meeting.series_id,
                series_name=meeting.series,
                ending=ending,
                today=today,
            )
        return facts.card(meeting.series, "month", _periods_ending(ending, "month", 3))
    except HuddleError:
        return None
