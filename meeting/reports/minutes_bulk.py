"""The data of many meetings' minutes at once, for `huddle export --all`.

One query per kind of row for the whole set, instead of a dozen per meeting: the same
`MinutesData` that `minutes.collect` builds for one meeting, so `minutes.render` gives the
same Markdown either way (a test holds both to that).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, replace
from typing import Any

from sqlalchemy import Select, select

from meeting.agenda.handoff_review import hand_off_review
from meeting.catalog.target_history import histories, target_on
from meeting.entries.action_rows import ActionRow
from meeting.entries.agreements import changed_in_meeting, meetings_with_changes
from meeting.entries.headsups import shown_in
from meeting.entries.items import ItemRow
from meeting.entries.question_rows import QuestionRow
from meeting.foundations.order import order_key, previous_recorded
from meeting.foundations.statuses import ACTION_CLOSED, MeetingStatus, QuestionStatus, SectionKind
from meeting.foundations.views import MeetingView, SectionView
from meeting.numbers.metrics import HISTORY, NumberRow, funnel_rates
from meeting.reports.closing_scorecards import ClosingScorecards
from meeting.reports.minutes import MinutesData, has_hand_off
from meeting.reports.pulse_minutes import pulse_counts
from storage.db import Database
from storage.models import (
    ActionEvent,
    ActionItem,
    Attendance,
    Item,
    Lead,
    LeadQuestion,
    Meeting,
    Metric,
    MetricValue,
    Person,
    QuestionCarry,
    Section,
    Series,
    table_of,
)

# Runs a query and returns all its rows: of many shapes, so typed Any.
Run = Callable[[Select[Any]], Sequence[Any]]


def collect_all(db: Database, meeting_ids: list[int], *, today: dt.date) -> Iterator[MinutesData]:
    """MinutesData for each meeting in `meeting_ids`, in that order."""
    wanted = set(meeting_ids)
    meeting, series, person = table_of(Meeting), table_of(Series), table_of(Person)
    with db.read() as session:

        def run(query: Select[Any]) -> Sequence[Any]:
            # One fetchall per query: iterating a result fetches row by row, far slower.
            return session.execute(query).all()

        names = dict(run(select(person.c.id, person.c.name)))
        teams = dict(run(select(person.c.id, person.c.team)))
        meetings = {
            row.id: row
            for row in run(
                select(meeting, series.c.name.label("series"), series.c.cadence).join(
                    series, series.c.id == meeting.c.series_id
                )
            )
        }
        section = table_of(Section)
        sections: dict[int, list[SectionView]] = defaultdict(list)
        section_of: dict[int, tuple[int, str]] = {}
        in_view_order = [section.c[f.name] for f in fields(SectionView)]
        for meeting_id, *row in run(
            select(section.c.meeting_id, *in_view_order).order_by(section.c.position)
        ):
            view_id, position, kind, *rest = row  # in the order of SectionView's fields
            section_view = SectionView(view_id, position, SectionKind(kind), *rest)
            sections[meeting_id].append(section_view)
            section_of[section_view.id] = (meeting_id, section_view.key)
        attendees: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for meeting_id, person_id in run(select(table_of(Attendance))):
            attendees[meeting_id].append((names[person_id], teams[person_id]))
        numbers = _numbers(run, meetings)
        items: dict[tuple[int, str], list[ItemRow]] = defaultdict(list)
        # Entries still written alone are their writers' only: counted, never shown.
        alone = {v.id for views in sections.values() for v in views if v.writing}
        hidden: Counter[tuple[int, str]] = Counter()
        item = table_of(Item)
        names_of_columns = ("id", "section_id", "text", "team", "author_id", "metric_id")
        themed = ("votes", "action_id", "theme_id", "is_theme")
        columns = [item.c[n] for n in (*names_of_columns, *themed)]
        review, new_actions, action_rows = _actions(run, meetings, names, teams)
        for item_id, section_id, text, team, author_id, metric_id, votes, action_id, *theme in run(
            select(*columns).where(item.c.deleted_at.is_(None)).order_by(item.c.id)
        ):
            if section_id in alone:
                hidden[section_of[section_id]] += 1
                continue
            linked = action_rows.get(action_id) if action_id is not None else None
            items[section_of[section_id]].append(
                ItemRow(
                    item_id,
                    text,
                    team,
                    names.get(author_id),
                    metric_id,
                    votes,
                    linked.id if linked else None,
                    linked.status if linked else None,
                    *theme,
                )
            )
        questions, question_rows = _questions(run, names)
        closed_since, answered_since = _between(run, meetings, action_rows, question_rows, names)
    changed = meetings_with_changes(db)
    closing = ClosingScorecards(db, meetings, today)
    for meeting_id in meeting_ids:
        if meeting_id not in wanted or meeting_id not in meetings:
            continue
        m = meetings[meeting_id]
        view = MeetingView(
            id=m.id,
            series_id=m.series_id,
            series=m.series,
            cadence=m.cadence,
            date=m.date,
            status=MeetingStatus(m.status),
            template_key=m.template_key,
            facilitator=names.get(m.facilitator_id),
            current_position=m.current_position,
            started_at=m.started_at,
            ended_at=m.ended_at,
            sections=sections[meeting_id],
            attendees=sorted(attendees[meeting_id], key=lambda a: (a[1], a[0])),
            absent=_absent(attendees[meeting_id], names, teams),
        )
        rows = numbers.get(meeting_id, [])
        yield MinutesData(
            meeting=view,
            numbers=rows,
            rates=funnel_rates(rows),
            sections={
                s.key: items[(meeting_id, s.key)]
                for s in view.sections
                if s.kind == SectionKind.ITEMS
            },
            metric_names={n.metric_id: n for n in rows},
            review=review[meeting_id],
            questions=questions(meeting_id),
            new_actions=new_actions[meeting_id],
            today=today,
            titles={s.key: s.title for s in view.sections},
            closed_since=closed_since.get(meeting_id, []),
            answered_since=answered_since.get(meeting_id, []),
            agreements_changed=changed_in_meeting(db, meeting_id) if meeting_id in changed else [],
            headsups=shown_in(db, view),
            scorecard=closing.of(view),
            waterfall=closing.waterfall_of(view),
            hidden={key: n for (m, key), n in hidden.items() if m == meeting_id},
            hand_off=hand_off_review(db, meeting_id) if has_hand_off(view) else None,
            pulse=pulse_counts(db, view),
        )


def _absent(
    present: list[tuple[str, str]], names: dict[int, str], teams: dict[int, str]
) -> list[tuple[str, str]]:
    """As meetings.absentees: everyone not marked, once anyone is."""
    if not present:
        return []
    here = {name for name, _ in present}
    return sorted(
        ((name, teams[pid]) for pid, name in names.items() if name not in here),
        key=lambda a: (a[1], a[0]),
    )


def _numbers(run: Run, meetings: dict[int, Any]) -> dict[int, list[NumberRow]]:
    """Each meeting's numbers: value, the last value before it, and the trend, walking each
    series' meetings in their order once."""
    metric, value = table_of(Metric), table_of(MetricValue)
    live: dict[int, list[Any]] = defaultdict(list)
    for row in run(
        select(metric).where(metric.c.retired_at.is_(None)).order_by(metric.c.position, metric.c.id)
    ):
        live[row.series_id].append(row)
    values = {
        (m, k): v for m, k, v in run(select(value.c.meeting_id, value.c.metric_id, value.c.value))
    }
    targets = histories(run, [row.id for rows in live.values() for row in rows])
    by_series: dict[int, list[Any]] = defaultdict(list)
    for m in meetings.values():
        by_series[m.series_id].append(m)
    result: dict[int, list[NumberRow]] = defaultdict(list)
    for series_id, series_meetings in by_series.items():
        series_meetings.sort(key=lambda m: order_key(m.date, m.id))
        for metric_row in live[series_id]:
            series_values = [values.get((m.id, metric_row.id)) for m in series_meetings]
            for index, (m, before) in enumerate(
                zip(series_meetings, previous_recorded(series_values), strict=True)
            ):
                result[m.id].append(
                    NumberRow(
                        metric_id=metric_row.id,
                        name=metric_row.name,
                        team=metric_row.team,
                        unit=metric_row.unit,
                        direction=metric_row.direction,
                        target=target_on(targets.get(metric_row.id), m.date, metric_row.target),
                        funnel=metric_row.funnel,
                        value=series_values[index],
                        previous=None if before is None else series_values[before],
                        history=series_values[max(0, index - HISTORY + 1) : index + 1],
                        previous_on=None if before is None else series_meetings[before].date,
                    )
                )
    return result


def _actions(
    run: Run, meetings: dict[int, Any], names: dict[int, str], teams: dict[int, str]
) -> tuple[
    defaultdict[int, list[ActionRow]], defaultdict[int, list[ActionRow]], dict[int, ActionRow]
]:
    action, event = table_of(ActionItem), table_of(ActionEvent)
    made_on = {meeting_id: m.date for meeting_id, m in meetings.items()}
    rows: dict[int, ActionRow] = {}
    new_actions: defaultdict[int, list[ActionRow]] = defaultdict(list)
    # Tuples unpacked by position and one ActionRow per action: 100,000 of them in BIG.
    for action_id, text, owner_id, due, status, meeting_id in run(
        select(
            action.c.id,
            action.c.text,
            action.c.owner_id,
            action.c.due,
            action.c.status,
            action.c.meeting_id,
        )
        .where(action.c.deleted_at.is_(None))
        .order_by(action.c.id)
    ):
        row = ActionRow(
            action_id,
            text,
            names[owner_id],
            teams[owner_id],
            due,
            status,
            meeting_id,
            made_on.get(meeting_id),
        )
        rows[action_id] = row
        if meeting_id is not None:
            new_actions[meeting_id].append(row)
    marks: dict[tuple[int, int], tuple[int, str]] = {}
    carried: dict[int, list[int]] = defaultdict(list)
    for event_id, action_id, meeting_id, kind, new in run(
        select(event.c.id, event.c.action_id, event.c.meeting_id, event.c.kind, event.c.new)
        .where(event.c.kind.in_(("carried", "reviewed")))
        .order_by(event.c.id)
    ):
        if kind == "carried":
            carried[meeting_id].append(action_id)
        else:
            marks[(meeting_id, action_id)] = (event_id, new)
    review: defaultdict[int, list[ActionRow]] = defaultdict(list)
    for meeting_id, action_ids in carried.items():
        found = [rows[a] for a in set(action_ids) if a in rows]
        found.sort(key=lambda r: (r.due is None, r.due or dt.date.min, r.id))
        review[meeting_id] = [
            replace(a, reviewed=marks.get((meeting_id, a.id), (0, None))[1]) for a in found
        ]
    return review, new_actions, rows


def _questions(
    run: Run, names: dict[int, str]
) -> tuple[Callable[[int], list[QuestionRow]], dict[int, QuestionRow]]:
    question, lead, carry = table_of(LeadQuestion), table_of(Lead), table_of(QuestionCarry)
    carries = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for question_id, meeting_id in run(select(carry.c.question_id, carry.c.meeting_id)):
        carries[meeting_id].append(question_id)
        counts[question_id] += 1
    rows = {}
    by_meeting = defaultdict(set)
    for q in run(
        select(question, lead.c.name.label("lead_name"), lead.c.company.label("lead_company"))
        .join(lead, lead.c.id == question.c.lead_id)
        .where(question.c.deleted_at.is_(None))
    ):
        rows[q.id] = QuestionRow.of(
            q,
            lead=q.lead_name,
            company=q.lead_company,
            asked_by=names.get(q.asked_by_id),
            assignee=names[q.assignee_id],
            carried=counts[q.id],
            answered_by=names.get(q.answered_by_id),
        )
        if q.meeting_id is not None:
            by_meeting[q.meeting_id].add(q.id)
        if q.answered_meeting_id is not None:
            by_meeting[q.answered_meeting_id].add(q.id)
    for meeting_id, ids in carries.items():
        by_meeting[meeting_id].update(ids)

    def for_meeting(meeting_id: int) -> list[QuestionRow]:
        found = [rows[i] for i in by_meeting.get(meeting_id, ()) if i in rows]
        return sorted(found, key=lambda r: (r.created_at, r.id))

    return for_meeting, rows


def _between(
    run: Run,
    meetings: dict[int, Any],
    action_rows: dict[int, ActionRow],
    question_rows: dict[int, QuestionRow],
    names: dict[int, str],
) -> tuple[dict[int, list[ActionRow]], dict[int, list[QuestionRow]]]:
    """What each meeting shows as closed and answered since the series' last meeting, as
    meeting/agenda/between.py finds it one meeting at a time: everything done outside a meeting
    goes to the first meeting of its series that started after it."""
    starts: dict[int, list[tuple[dt.datetime, int]]] = defaultdict(list)
    for meeting_id, m in meetings.items():
        if m.started_at is not None:
            starts[m.series_id].append((m.started_at, meeting_id))
    for found in starts.values():
        found.sort()

    def next_meetings(series_id: int, at: dt.datetime) -> list[tuple[dt.datetime, int]]:
        """The meeting(s) of the series whose window holds `at`, with their start."""
        found = starts.get(series_id, [])
        index = bisect_right(found, (at, float("inf")))
        if index == len(found) or (index > 0 and found[index - 1][0] >= at):
            return []
        end = bisect_right(found, (found[index][0], float("inf")), lo=index)
        return found[index:end]  # sorted: the ones that started together

    action, event = table_of(ActionItem), table_of(ActionEvent)
    closing = run(
        select(event.c.action_id, event.c.at, action.c.series_id, action.c.closed_at, event.c.by_id)
        .join(action, action.c.id == event.c.action_id)
        .where(
            event.c.kind == "status",
            event.c.new.in_(ACTION_CLOSED),
            event.c.meeting_id.is_(None),
            action.c.status.in_(ACTION_CLOSED),
        )
        .order_by(event.c.id)
    )
    closed: dict[int, dict[int, tuple[Any, ActionRow]]] = defaultdict(dict)
    for action_id, at, series_id, closed_at, by_id in closing:
        row = action_rows.get(action_id)
        if row is None:
            continue  # deleted
        for start, meeting_id in next_meetings(series_id, at):
            closed[meeting_id][action_id] = (
                (closed_at or start, action_id),
                replace(row, closed_at=closed_at, closed_by=names.get(by_id)),
            )
    answered: dict[int, list[tuple[Any, QuestionRow]]] = defaultdict(list)
    question = table_of(LeadQuestion)
    for question_id, series_id, at in run(
        select(question.c.id, question.c.series_id, question.c.answered_at).where(
            question.c.status == QuestionStatus.ANSWERED,
            question.c.answered_meeting_id.is_(None),
            question.c.answered_at.is_not(None),
        )
    ):
        answer = question_rows.get(question_id)
        if answer is None:
            continue
        for _, meeting_id in next_meetings(series_id, at):
            answered[meeting_id].append(((at, question_id), answer))
    return (
        {
            m: [row for _, row in sorted(found.values(), key=lambda p: p[0])]
            for m, found in closed.items()
        },
        {m: [row for _, row in sorted(found, key=lambda p: p[0])] for m, found in answered.items()},
    )
