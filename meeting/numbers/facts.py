"""What a series' scorecards count, read from the database once (Core, one query per
kind of row) and counted into each period's tally, then made into a scorecard. Apart from
the entry points, so exporting many meetings reads a series once for all its months."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from sqlalchemy import select

from meeting.catalog.target_history import histories, target_on
from meeting.entries.agreements import sla_history, sla_then
from meeting.entries.pulse import statement_texts
from meeting.foundations.clock import end_of, local_day
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import (
    QUALIFIED,
    ActionStatus,
    LeadDecisionKind,
    Outcome,
    SectionPhase,
)
from meeting.numbers.card import Figure, Scorecard
from meeting.numbers.figures import (
    Tally,
    _accepted,
    _actions,
    _attendance,
    _entries,
    _follow_up,
    _nurture,
    _questions,
)
from meeting.numbers.periods import Period, period_of
from meeting.numbers.pulse import pulse_rows, read_pulse
from storage.db import Database
from storage.models import (
    ActionItem,
    Attendance,
    Item,
    Lead,
    LeadDecision,
    LeadQuestion,
    Meeting,
    Metric,
    MetricValue,
    Person,
    Section,
    table_of,
)


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


def _local_day(moment: dt.datetime) -> dt.date:
    """The day a stored (UTC) time falls on in the team's zone: periods run midnight to
    midnight."""
    return local_day(moment)


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
        lead, decision = table_of(Lead), table_of(LeadDecision)
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
            self.targets = histories(session.execute, [stage[0] for stage in self.stages])
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
                    item.c.is_theme.is_(False),  # a theme groups entries: it is none itself
                    # what is written alone says nothing, not even whom it is about
                    section.c.phase != SectionPhase.WRITING,
                )
            )
            self.handed_over = rows(
                select(lead.c.handed_over_at, lead.c.first_touch_at).where(
                    lead.c.handed_over_at.is_not(None)
                )
            )
            self.decisions = rows(
                select(decision.c.lead_id, decision.c.decision, decision.c.decided_at)
            )
            self.attendance = rows(
                select(attendance.c.meeting_id, person.c.name, person.c.team)
                .join(person, person.c.id == attendance.c.person_id)
                .join(meeting, meeting.c.id == attendance.c.meeting_id)
                .where(within)
            )
        self.window_meetings = set(in_window)
        self.pulse = read_pulse(db, series_id, window)
        self.statements = statement_texts(db) if self.pulse else {}
        # When each lead was last qualified (an answer of working, converted or won, or sales
        # accepting it): a lead sent back to nurture came back if that is later.
        qualified = [
            (lead_id, answered_at)
            for _, answered_at, outcome, lead_id, _, _ in self.questions
            if outcome in QUALIFIED and answered_at is not None
        ] + [
            (lead_id, decided_at)
            for lead_id, decision, decided_at in self.decisions
            if decision == LeadDecisionKind.ACCEPTED
        ]
        self.qualified_at: dict[int, dt.datetime] = {}
        for lead_id, moment in qualified:
            known = self.qualified_at.get(lead_id)
            self.qualified_at[lead_id] = max(moment, known) if known else moment
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
                if outcome == Outcome.NURTURE:
                    self._nurtured(tallies[label(_local_day(answered_at))], lead_id, answered_at)
        for lead_id, decision, decided_at in self.decisions:
            decided = tallies[label(_local_day(decided_at))]
            decided.accepted[0] += decision == LeadDecisionKind.ACCEPTED
            decided.accepted[1] += 1
            if decision == LeadDecisionKind.REJECTED:  # back to marketing's nurture list
                self._nurtured(decided, lead_id, decided_at)
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
            on_time = (
                status == ActionStatus.DONE
                and closed_at is not None
                and _local_day(closed_at) <= due
            )
            # An open action not yet due has not missed anything: it counts once its day is
            # past, as an open question counts once its SLA days are up.
            if on_time or status == ActionStatus.DONE or due < self.today:
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
                of_meeting[meeting_id].taken.add(meeting_id)
        return dict(tallies)

    def _nurtured(self, tally: Tally, lead_id: int, sent_at: dt.datetime) -> None:
        """A lead sent back to nurture, by a rejection or an answer; it came back if it was
        qualified later."""
        tally.nurtured += 1
        back = self.qualified_at.get(lead_id)
        tally.came_back += back is not None and back > sent_at

    def met_in(self, series_name: str, kind: str, last: Period) -> None:
        """A scorecard or a waterfall ends on a period the series met in: one asked to end
        on another says so, and when it last met."""
        if not any(last.start <= day <= last.end for _, day in self.held):
            raise HuddleError(
                f'no meetings of "{series_name}" in {last.label}; the last was on '
                f"{self.held[-1][1]} (choose a {kind} with meetings)"
            )

    def card(self, series_name: str, kind: str, chosen: list[Period]) -> Scorecard:
        last = chosen[-1]
        self.met_in(series_name, kind, last)
        tallies = [self.tally(period, kind) for period in chosen]
        sla_now = sla_then(self.slas, last.moments()[1])
        figures = (
            self.funnel(tallies, on=last.end)
            + _follow_up(tallies, sla_now.follow_up_hours)
            + _questions(tallies, sla_now.answer_days)
            + _actions(tallies)
            + _entries(tallies)
            + _accepted(tallies)
            + _nurture(tallies)
            + _attendance(tallies)
        )
        pulse = pulse_rows(self.pulse, self.statements, kind, chosen, figures)
        figures += [row.as_figure() for row in pulse]
        return Scorecard(series_name, kind, chosen, figures, pulse)

    def funnel(self, tallies: list[Tally], *, on: dt.date | None = None) -> list[Figure]:
        """The rate from each funnel stage to the next, per period: what the scorecard shows
        and the waterfall's conversions are; each against its target on the day `on` (the
        last day of the last period; the stages' targets now when not given)."""
        figures = []
        aimed = self.aimed(on)
        for index, ((earlier, was, _, _), (later, name, team, _)) in enumerate(
            pairwise(self.stages)
        ):
            values: list[float | None] = []
            stands_on: list[tuple[int, int]] = []
            for tally in tallies:
                both = [v for v in tally.funnel.values() if earlier in v and later in v]
                base = sum(v[earlier] for v in both)
                values.append(sum(v[later] for v in both) / base * 100 if base else None)
                stands_on.append((len(both), tally.meetings))
            figures.append(
                Figure(team, f"{was} → {name}", "%", values, aimed[index], stands_on=stands_on)
            )
        return figures

    def aimed(self, on: dt.date | None) -> list[float | None]:
        """Each conversion's target %, from the targets of its two stages on the day `on`."""
        targets = [
            target if on is None else target_on(self.targets.get(metric_id), on, target)
            for metric_id, _, _, target in self.stages
        ]
        return [
            later / earlier * 100 if earlier and later is not None else None
            for earlier, later in pairwise(targets)
        ]
