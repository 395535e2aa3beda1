"""The data of many meetings' minutes at once, for `huddle export --all`.

One query per kind of row for the whole set, instead of a dozen per meeting: the same
`MinutesData` that `minutes.collect` builds for one meeting, so `minutes.render` gives the
same Markdown either way (a test holds both to that).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import select

from meeting.actions import ActionRow
from meeting.items import ItemRow
from meeting.meetings import MeetingView, SectionView
from meeting.metrics import HISTORY, NumberRow, funnel_rates
from meeting.minutes import MinutesData
from meeting.questions import QuestionRow
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
)


def collect_all(db: Database, meeting_ids: list[int], *, today: dt.date) -> Iterator[MinutesData]:
    """MinutesData for each meeting in `meeting_ids`, in that order."""
    wanted = set(meeting_ids)
    meeting, series, person = Meeting.__table__, Series.__table__, Person.__table__
    with db.read() as session:
        run = session.execute
        names = dict(run(select(person.c.id, person.c.name)).all())
        teams = dict(run(select(person.c.id, person.c.team)).all())
        meetings = {
            row.id: row
            for row in run(
                select(meeting, series.c.name.label("series"), series.c.cadence).join(
                    series, series.c.id == meeting.c.series_id
                )
            )
        }
        sections: dict[int, list] = defaultdict(list)
        section_of: dict[int, tuple[int, str]] = {}
        for row in run(select(Section.__table__).order_by(Section.__table__.c.position)):
            sections[row.meeting_id].append(row)
            section_of[row.id] = (row.meeting_id, row.key)
        attendees: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for meeting_id, person_id in run(select(Attendance.__table__)):
            attendees[meeting_id].append((names[person_id], teams[person_id]))
        numbers = _numbers(run, meetings)
        items: dict[tuple[int, str], list[ItemRow]] = defaultdict(list)
        item = Item.__table__
        columns = [
            item.c[n] for n in ("id", "section_id", "text", "team", "author_id", "metric_id")
        ]
        for row in run(select(*columns).where(item.c.deleted_at.is_(None)).order_by(item.c.id)):
            meeting_id, key = section_of[row.section_id]
            items[(meeting_id, key)].append(
                ItemRow(row.id, row.text, row.team, names.get(row.author_id), row.metric_id)
            )
        review, new_actions = _actions(run, meetings, names, teams)
        questions = _questions(run, names)
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
            status=m.status,
            template_key=m.template_key,
            facilitator=names.get(m.facilitator_id),
            current_position=m.current_position,
            started_at=m.started_at,
            ended_at=m.ended_at,
            sections=[
                SectionView(
                    s.id,
                    s.position,
                    s.kind,
                    s.key,
                    s.title,
                    s.timebox_seconds,
                    s.elapsed_seconds,
                    s.running_since,
                )
                for s in sections[meeting_id]
            ],
            attendees=sorted(attendees[meeting_id], key=lambda a: (a[1], a[0])),
        )
        rows = numbers.get(meeting_id, [])
        yield MinutesData(
            meeting=view,
            numbers=rows,
            rates=funnel_rates(rows),
            sections={
                s.key: items[(meeting_id, s.key)] for s in view.sections if s.kind == "items"
            },
            metric_names={n.metric_id: n for n in rows},
            review=review[meeting_id],
            questions=questions(meeting_id),
            new_actions=new_actions[meeting_id],
            today=today,
            titles={s.key: s.title for s in view.sections},
        )


def _numbers(run, meetings) -> dict[int, list[NumberRow]]:  # type: ignore[no-untyped-def]
    """Each meeting's numbers: value, last value before it, and the trend, walking each
    series' meetings in date order once."""
    metric, value = Metric.__table__, MetricValue.__table__
    live: dict[int, list] = defaultdict(list)
    for row in run(
        select(metric).where(metric.c.retired_at.is_(None)).order_by(metric.c.position, metric.c.id)
    ):
        live[row.series_id].append(row)
    values = {
        (m, k): v for m, k, v in run(select(value.c.meeting_id, value.c.metric_id, value.c.value))
    }
    by_series: dict[int, list] = defaultdict(list)
    for m in meetings.values():
        by_series[m.series_id].append(m)
    result: dict[int, list[NumberRow]] = {}
    for series_id, series_meetings in by_series.items():
        series_meetings.sort(key=lambda m: (m.date, m.id))
        for metric_row in live[series_id]:
            seen: list[tuple[dt.date, float | None]] = []
            for index, m in enumerate(series_meetings):
                current = values.get((m.id, metric_row.id))
                previous = _last_before(seen, m.date)
                window = series_meetings[max(0, index - HISTORY + 1) : index + 1]
                history = [values.get((w.id, metric_row.id)) for w in window]
                result.setdefault(m.id, []).append(
                    NumberRow(
                        metric_id=metric_row.id,
                        name=metric_row.name,
                        team=metric_row.team,
                        unit=metric_row.unit,
                        direction=metric_row.direction,
                        target=metric_row.target,
                        funnel=metric_row.funnel,
                        value=current,
                        previous=previous,
                        history=history,
                    )
                )
                seen.append((m.date, current))
    return result


def _last_before(seen: list[tuple[dt.date, float | None]], day: dt.date) -> float | None:
    for when, value in reversed(seen):
        if when < day and value is not None:
            return value
    return None


def _actions(run, meetings, names, teams):  # type: ignore[no-untyped-def]
    action, event = ActionItem.__table__, ActionEvent.__table__
    rows = {row.id: row for row in run(select(action).where(action.c.deleted_at.is_(None)))}

    def as_row(a, reviewed=None) -> ActionRow:  # type: ignore[no-untyped-def]
        made = meetings[a.meeting_id].date if a.meeting_id in meetings else None
        return ActionRow(
            a.id,
            a.text,
            names[a.owner_id],
            teams[a.owner_id],
            a.due,
            a.status,
            a.meeting_id,
            made,
            reviewed,
        )

    new_actions: dict[int, list[ActionRow]] = defaultdict(list)
    for a in sorted(rows.values(), key=lambda r: r.id):
        if a.meeting_id is not None:
            new_actions[a.meeting_id].append(as_row(a))
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
    review: dict[int, list[ActionRow]] = defaultdict(list)
    for meeting_id, action_ids in carried.items():
        found = [rows[a] for a in set(action_ids) if a in rows]
        found.sort(key=lambda r: (r.due is None, r.due or dt.date.min, r.id))
        review[meeting_id] = [as_row(a, marks.get((meeting_id, a.id), (0, None))[1]) for a in found]
    return review, new_actions


def _questions(run, names):  # type: ignore[no-untyped-def]
    question, lead, carry = LeadQuestion.__table__, Lead.__table__, QuestionCarry.__table__
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
        rows[q.id] = QuestionRow(
            id=q.id,
            text=q.text,
            lead=q.lead_name,
            company=q.lead_company,
            asked_by=names.get(q.asked_by_id),
            assignee=names[q.assignee_id],
            due=q.due,
            status=q.status,
            answer=q.answer,
            outcome=q.outcome,
            created_at=q.created_at,
            meeting_id=q.meeting_id,
            answered_at=q.answered_at,
            carried=counts[q.id],
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

    return for_meeting
