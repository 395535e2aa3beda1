"""A demo database: about three months of weekly sync meetings with realistic content.

Rows go in through SQLAlchemy Core bulk inserts; ids are assigned here because the
database is new. What the demo says is in `content.py`, the follow-up SLA's story (the
agreements, heads-ups and first touches around it) in `story.py`, the leads handed over and
sales' decisions in `handoffs.py`, the alignment pulse in `ratings.py`: sales rates lead
quality low while accepting nearly every lead, until the SQL definition is tightened.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from sqlalchemy import insert
from sqlmodel import SQLModel

from meeting.catalog.metric_catalog import DEFAULT_METRICS
from meeting.catalog.templates import get_template
from meeting.demo.content import (
    ACTIONS,
    ANSWERS,
    BASE,
    BROKEN,
    LEADS,
    MARKETING,
    PEOPLE,
    QUESTIONS,
    SALES,
    TARGETS,
    TIGHTER_SQL_LIFT,
    WORKING,
)
from meeting.demo.handoffs import leads_and_decisions
from meeting.demo.ratings import RATERS, rate_in_closing_meetings, rating_meetings
from meeting.demo.story import _agreements_and_headsups, sla_meeting, sql_meeting
from meeting.foundations.clock import Clock
from meeting.foundations.dates import add_cadence
from meeting.foundations.statuses import ActionStatus, MeetingStatus, QuestionStatus
from storage.db import Database
from storage.dialect import after_explicit_ids
from storage.models import (
    ActionEvent,
    ActionItem,
    Agreement,
    AgreementVersion,
    Attendance,
    HeadsUp,
    Item,
    Lead,
    LeadDecision,
    LeadQuestion,
    LeadStage,
    Meeting,
    Metric,
    MetricValue,
    Person,
    PlannedMeeting,
    PulseRated,
    PulseRating,
    PulseStatement,
    PulseStatementVersion,
    QuestionCarry,
    Section,
    Series,
    table_of,
)


def _event(
    rows: dict[type, list[dict[str, Any]]],
    seq: int,
    action: dict[str, Any],
    at: dt.datetime,
    kind: str,
    meeting_id: int | None,
    new: str | None,
) -> int:
    """Append one action event; returns the id it used."""
    seq += 1
    rows[ActionEvent].append(
        {
            "id": seq,
            "action_id": action["id"],
            "at": at,
            "kind": kind,
            "meeting_id": meeting_id,
            "old": ActionStatus.OPEN if kind == "status" else None,
            "new": new,
        }
    )
    return seq


def build_demo(db: Database, *, clock: Clock, weeks: int = 13, seed: int = 7) -> None:
    """Fill an empty database with `weeks` ended weekly meetings up to last week."""
    # One generator per subject, so changing how one part is made leaves the others as they were.
    rng = random.Random(seed)
    action_rng = random.Random(seed + 1)
    question_rng = random.Random(seed + 2)
    touch_rng = random.Random(seed + 3)
    decision_rng = random.Random(seed + 4)
    today = clock.today()
    # The most recent meeting is on the last Monday strictly before today.
    last = today - dt.timedelta(days=(today.weekday() or 7))
    dates = [last - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]

    rows: dict[type, list[dict[str, Any]]] = defaultdict(list)
    person_id = {name: i + 1 for i, (name, _) in enumerate(PEOPLE)}
    for name, team in PEOPLE:
        rows[Person].append({"id": person_id[name], "name": name, "team": team})
    series_id = 1
    created = dt.datetime.combine(dates[0], dt.time(14), tzinfo=dt.UTC)
    rows[Series].append(
        {
            "id": series_id,
            "name": "Weekly sync",
            "cadence": "weekly",
            "template_key": "sync",
            "created_at": created,
        }
    )
    # The next meeting is in the calendar already, as a team's would be.
    rows[PlannedMeeting].append(
        {
            "series_id": series_id,
            "date": last + dt.timedelta(weeks=1),
            "template_key": "sync",
            "created_at": created,
        }
    )
    metric_id = {}
    for position, (name, team, unit, direction, funnel) in enumerate(DEFAULT_METRICS):
        metric_id[name] = position + 1
        rows[Metric].append(
            {
                "id": position + 1,
                "series_id": series_id,
                "name": name,
                "team": team,
                "unit": unit,
                "direction": direction,
                "target": TARGETS[name],
                "position": position,
                "funnel": funnel,
                "retired_at": None,
            }
        )
    leads_and_decisions(rows, dates, person_id, created, clock.now(), touch_rng, decision_rng)
    rate_in_closing_meetings(rows, dates, person_id, created)
    rated_in = set(rating_meetings(dates))

    template = get_template("sync")
    section_seq = item_seq = action_seq = event_seq = question_seq = 0
    open_actions: list[dict[str, Any]] = []
    open_questions: list[dict[str, Any]] = []
    stubborn_question: int | None = None
    facilitators = ["Dana", "Priya", "Sam"]
    # Each promise comes round again only after the others, as in a real team.
    action_pool = action_rng.sample(ACTIONS, len(ACTIONS))
    agreed = sla_meeting(dates)
    tightened = sql_meeting(dates)

    for index, day in enumerate(dates):
        meeting_id = index + 1
        start = dt.datetime.combine(day, dt.time(15), tzinfo=dt.UTC)
        end = start + dt.timedelta(minutes=rng.randint(45, 60))
        facilitator = facilitators[index % len(facilitators)]
        rows[Meeting].append(
            {
                "id": meeting_id,
                "series_id": series_id,
                "date": day,
                "template_key": "sync",
                "facilitator_id": person_id[facilitator],
                "status": MeetingStatus.ENDED,
                "current_position": len(template.sections) - 1,
                "started_at": start,
                "ended_at": end,
            }
        )
        # Everyone who rates the pulse is there for it.
        present = [
            name
            for name, team in PEOPLE
            if name == facilitator or rng.random() < 0.85 or (index in rated_in and team in RATERS)
        ]
        for name in present:
            rows[Attendance].append({"meeting_id": meeting_id, "person_id": person_id[name]})
        section_id: dict[str, int] = {}
        for position, spec in enumerate(template.sections):
            section_seq += 1
            section_id[spec.key] = section_seq
            rows[Section].append(
                {
                    "id": section_seq,
                    "meeting_id": meeting_id,
                    "position": position,
                    "kind": spec.kind,
                    "key": spec.key,
                    "title": spec.title,
                    "timebox_seconds": spec.minutes * 60,
                    "elapsed_seconds": float(spec.minutes * 60 * rng.uniform(0.6, 1.35)),
                    "running_since": None,
                    "hint": spec.hint,
                    "writing": spec.writing,
                    "anonymous": spec.anonymous,
                }
            )

        # Between meetings some work gets closed by its owner; the rest comes back to the
        # review, where it is marked done, dropped or still open.
        still_open = []
        for action in open_actions:
            made = action["created_at"]
            if action_rng.random() < 0.35:
                closed = made + dt.timedelta(
                    days=action_rng.uniform(1, max((start - made).days, 1))
                )
                event_seq = _event(
                    rows, event_seq, action, closed, "status", None, ActionStatus.DONE
                )
                action.update(status=ActionStatus.DONE, closed_at=closed)
                continue
            event_seq = _event(rows, event_seq, action, start, "carried", meeting_id, None)
            roll = action_rng.random()
            mark = (
                ActionStatus.DONE
                if roll < 0.6
                else (ActionStatus.DROPPED if roll < 0.7 else ActionStatus.OPEN)
            )
            event_seq = _event(rows, event_seq, action, start, "reviewed", meeting_id, mark)
            if mark == ActionStatus.OPEN:
                still_open.append(action)
                continue
            event_seq = _event(rows, event_seq, action, start, "status", meeting_id, mark)
            action.update(status=mark, closed_at=start)
        open_actions = still_open

        # Numbers: a funnel that grows slowly with noise, so trends are visible; once the SQL
        # definition is tightened, more MQLs become SQLs and more SQLs book a demo.
        growth = 1 + index * 0.02
        for name, base in BASE.items():
            lift = TIGHTER_SQL_LIFT.get(name, 1.0) if index > tightened else 1.0
            value = round(
                base * growth * rng.uniform(0.9, 1.1) * lift, -2 if name == "Revenue" else 0
            )
            rows[MetricValue].append(
                {
                    "meeting_id": meeting_id,
                    "metric_id": metric_id[name],
                    "value": float(value),
                    "recorded_at": start,
                }
            )

        for key, pool in (("working", WORKING), ("broken", BROKEN)):
            for team, text, *backing in rng.sample(pool, rng.randint(2, 3)):
                item_seq += 1
                author = rng.choice(MARKETING if team == "sales" else SALES)
                rows[Item].append(
                    {
                        "id": item_seq,
                        "section_id": section_id[key],
                        "text": text,
                        "team": team,
                        "author_id": person_id[author],
                        "metric_id": metric_id[backing[0]] if backing else None,
                        "votes": 0,
                        "created_at": start,
                        "deleted_at": None,
                    }
                )

        # Lead questions: open ones come back. Before the follow-up SLA is agreed, a question
        # waits two meetings at least and then one in three is answered each meeting; a
        # question asked after it is nearly always answered by the next meeting.
        still_open = []
        for question in open_questions:
            rows[QuestionCarry].append({"question_id": question["id"], "meeting_id": meeting_id})
            asked = question["meeting_id"] - 1
            if asked >= agreed:
                answering = 0.95
            elif index - asked >= 2:
                answering = 0.35
            else:
                answering = 0.0
            if question["id"] != stubborn_question and question_rng.random() < answering:
                outcome, answer = question_rng.choice(ANSWERS)
                question.update(
                    status=QuestionStatus.ANSWERED,
                    answer=answer,
                    outcome=outcome,
                    answered_at=start,
                    answered_meeting_id=meeting_id,
                )
            else:
                still_open.append(question)
        open_questions = still_open
        for _ in range(question_rng.randint(1, 2)):
            question_seq += 1
            question = {
                "id": question_seq,
                "series_id": series_id,
                "meeting_id": meeting_id,
                "lead_id": question_rng.randint(1, len(LEADS)),
                "text": question_rng.choice(QUESTIONS),
                "asked_by_id": person_id[question_rng.choice(MARKETING)],
                "assignee_id": person_id[question_rng.choice(SALES)],
                "due": add_cadence(day, "weekly"),
                "status": QuestionStatus.OPEN,
                "answer": None,
                "outcome": None,
                "answered_at": None,
                "answered_meeting_id": None,
                "created_at": start,
                "deleted_at": None,
            }
            rows[LeadQuestion].append(question)
            open_questions.append(question)
        if index == len(dates) - 3 and stubborn_question is None:
            stubborn_question = question_seq  # left unanswered: it ages in every meeting

        for _ in range(action_rng.randint(2, 4)):
            action_seq += 1
            owner, text = action_pool[action_seq % len(action_pool)]
            action = {
                "id": action_seq,
                "meeting_id": meeting_id,
                "series_id": series_id,
                "text": text,
                "owner_id": person_id[owner],
                "due": day + dt.timedelta(days=action_rng.choice([3, 4, 7, 7, 14])),
                "status": ActionStatus.OPEN,
                "created_at": start,
                "closed_at": None,
                "deleted_at": None,
            }
            rows[ActionItem].append(action)
            open_actions.append(action)
            event_seq = _event(rows, event_seq, action, start, "created", meeting_id, text)

    _agreements_and_headsups(rows, dates, person_id, today)
    order: list[type[SQLModel]] = [
        Person,
        Series,
        Metric,
        Lead,
        LeadDecision,
        LeadStage,
        Meeting,
        Attendance,
        Section,
        MetricValue,
        Item,
        LeadQuestion,
        QuestionCarry,
        ActionItem,
        ActionEvent,
        PlannedMeeting,
        Agreement,
        AgreementVersion,
        HeadsUp,
        PulseStatement,
        PulseStatementVersion,
        PulseRating,
        PulseRated,
    ]
    with db.write() as session:
        for table in order:
            if rows[table]:
                session.execute(insert(table_of(table)), rows[table])
        after_explicit_ids(session.connection(), [table_of(table) for table in order])
    # Each ended meeting keeps its minutes, as one ended in huddle does: what a team sent
    # stays what it was when the demo is changed afterwards.
    from meeting.foundations.clock import FixedClock
    from meeting.reports.minutes import record_minutes

    for meeting in sorted(rows[Meeting], key=lambda m: m["date"]):
        record_minutes(db, meeting["id"], clock=FixedClock(meeting["ended_at"]))
