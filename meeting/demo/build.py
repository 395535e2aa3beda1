"""A demo database: about three months of weekly sync meetings with realistic content.

Rows go in through SQLAlchemy Core bulk inserts; ids are assigned here because the
database is new.
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
from meeting.entries.agreements import DEFAULTS as AGREEMENT_DEFAULTS
from meeting.foundations.clock import Clock
from meeting.foundations.dates import add_cadence
from meeting.numbers.scorecard import period_of
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
    LeadQuestion,
    Meeting,
    Metric,
    MetricValue,
    Person,
    PlannedMeeting,
    QuestionCarry,
    Section,
    Series,
    table_of,
)

PEOPLE = [
    ("Sam", "sales"),
    ("Jordan", "sales"),
    ("Riley", "sales"),
    ("Priya", "marketing"),
    ("Maya", "marketing"),
    ("Alex", "marketing"),
    ("Dana", "leadership"),
]
SALES = ["Sam", "Jordan", "Riley"]
MARKETING = ["Priya", "Maya", "Alex"]

LEADS = [
    ("Jane Cooper", "Acme Logistics"),
    ("Omar Haddad", "Brightline Health"),
    ("Lena Fischer", "Nordwind GmbH"),
    ("Carlos Ruiz", "Sierra Foods"),
    ("Mei Tanaka", "Kumo Robotics"),
    ("Tom Becker", "Becker & Sons"),
    ("Aisha Bello", "Lagos Fintech"),
    ("Grace Kim", "Harbor Dental"),
    ("Victor Ng", "Pacific Freight"),
    ("Nora Walsh", "Clover Insurance"),
    ("Ravi Menon", "Tessellate AI"),
    ("Julia Rossi", "Milano Design"),
    ("Ben Carter", "Summit Outdoor"),
    ("Ines Duarte", "Atlântico Energia"),
    ("Paul Martin", "Martin Legal"),
    ("Sofia Novak", "Prague Analytics"),
    ("Hugo Lambert", "Lambert Retail"),
    ("Yuki Sato", "Sato Precision"),
]

WORKING = [
    ("marketing", "Webinar leads book demos at twice the rate of paid search", "Demos"),
    ("sales", "Sales follows up on MQLs within 24 hours now"),
    ("marketing", "The new ICP one-pager made qualification calls shorter"),
    ("sales", "Reps logging call notes in the CRM, so marketing can see outcomes"),
    ("marketing", "Case study with Harbor Dental gets quoted in every second demo"),
    ("sales", "Joint account list for the top 50 targets is being worked weekly"),
    ("marketing", "Retargeting campaign brought back 14 stalled opportunities", "SQLs"),
    ("sales", "Demo-to-proposal time down from 9 to 5 days", "Closed-won"),
    ("marketing", "Lead scoring tweak cut junk MQLs noticeably", "MQLs"),
    ("sales", "SDRs share objection notes in the channel every Friday"),
]
BROKEN = [
    ("marketing", "Trade-show leads arrive without a phone number or role"),
    ("sales", "Leads marked SQL sit untouched for a week before the first call", "SQLs"),
    ("marketing", "Paid search brings students and job seekers, not buyers", "Leads"),
    ("sales", "No one owns inbound chat after 5 pm"),
    ("marketing", "Form fills from the pricing page land in the wrong queue"),
    ("sales", "Lost reasons are left empty on half the closed-lost deals"),
    ("marketing", "Nurture emails go to leads sales is actively working"),
    ("sales", "Handoff notes don't say which content the lead downloaded"),
    ("marketing", "Definition of an MQL differs between HubSpot and the deck"),
    ("sales", "Demo no-show rate is 30% and nobody sends reminders", "Demos"),
]
ACTIONS = [
    ("Priya", "Add phone and role as required fields on the event form"),
    ("Sam", "Call every SQL within 48 hours and log the first touch"),
    ("Maya", "Exclude student and careers keywords from paid search"),
    ("Jordan", "Set up an on-call rota for inbound chat"),
    ("Alex", "Route pricing-page forms to the SDR queue"),
    ("Riley", "Make lost reason mandatory on closed-lost deals"),
    ("Priya", "Suppress nurture emails for leads in an open opportunity"),
    ("Sam", "Write a handoff template with content history"),
    ("Dana", "Agree one MQL definition and publish it in the wiki"),
    ("Jordan", "Send demo reminders the day before and an hour before"),
    ("Maya", "Draft two more case studies from won deals"),
    ("Sam", "Share the top 10 objections with marketing"),
    ("Alex", "Build a dashboard of MQL-to-SQL by source"),
    ("Riley", "Review the 20 oldest open opportunities with marketing"),
    ("Priya", "Plan the Q1 webinar series with sales topics"),
    ("Dana", "Set quarterly targets for SQLs and demos"),
]
IDEAL_CUSTOMER = (
    "B2B software companies of 50 to 500 people with a sales team of their own,\n"
    "in North America or Europe, buying their first sales-engagement tool."
)
MQL = "A lead from an ideal customer who downloaded two pieces of content or came to a webinar."
SQL_FIRST = "An MQL whose budget was confirmed on a call with sales."
SQL_TIGHTER = (
    "An MQL with budget, a named decision maker and a date for the decision,\n"
    "all confirmed on a call with sales, and a demo booked."
)
JUNK = (
    "Junk: students, competitors, no company. Dropped at once.\n"
    "Cold: no answer to three touches in two weeks. Back to marketing for nurture."
)
VALUE = "Leads answered within the hour, because every lead's history is in one place."
SLA_TEXT = (
    "Sales makes the first touch on every lead handed over within 24 hours.\n"
    "Every lead question is answered within 7 days, by the next weekly meeting at the latest."
)

QUESTIONS = [
    "What happened after the demo? They went quiet.",
    "Why did they stop responding after the pricing call?",
    "Is this lead worth nurturing or should we drop it?",
    "Did the trial convert? Marketing paid for the event they came from.",
    "Who owns this account now that the rep left?",
    "They downloaded three whitepapers this week. Is sales talking to them?",
]
ANSWERS = [
    ("working", "Second call booked for next week; procurement is involved."),
    ("nurture", "Budget frozen until Q2. Back to marketing for nurture."),
    ("disqualified", "Student project, not a buyer."),
    ("won", "Signed the annual plan on Friday."),
    ("lost", "Chose a competitor on price."),
    ("converted", "Converted to an opportunity; proposal sent."),
]
TARGETS = {
    "Leads": 420.0,
    "MQLs": 130.0,
    "SQLs": 48.0,
    "Demos": 26.0,
    "Closed-won": 8.0,
    "Revenue": 60000.0,
}
BASE = {
    "Leads": 360.0,
    "MQLs": 105.0,
    "SQLs": 38.0,
    "Demos": 20.0,
    "Closed-won": 5.0,
    "Revenue": 42000.0,
}


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
            "old": "open" if kind == "status" else None,
            "new": new,
        }
    )
    return seq


def sla_meeting(dates: list[dt.date]) -> int:
    """The meeting (by index) in which both teams agreed the follow-up SLA and tightened the
    SQL definition, after a month of slow answers: the first of the month before the last
    meeting's, so the last three months' scorecard shows before and after."""
    last = period_of(dates[-1], "month")
    month_before = period_of(last.start - dt.timedelta(days=1), "month").start
    return next(i for i, day in enumerate(dates) if day >= month_before)


def _agreements_and_headsups(
    rows: dict[type, list[dict[str, Any]]],
    dates: list[dt.date],
    person_id: dict[str, int],
    today: dt.date,
) -> None:
    """The agreements' story, and heads-ups running now and ended."""

    def at(index: int) -> dt.datetime:
        return dt.datetime.combine(dates[index], dt.time(15, 40), tzinfo=dt.UTC)

    first = dt.datetime.combine(dates[0], dt.time(14), tzinfo=dt.UTC)
    agreed = sla_meeting(dates)
    for number, (name, team, _) in enumerate(AGREEMENT_DEFAULTS, start=1):
        rows[Agreement].append(
            {"id": number, "name": name, "owner_team": team, "created_at": first}
        )
    ids = {name: number for number, (name, _, _) in enumerate(AGREEMENT_DEFAULTS, start=1)}
    versions = [
        ("ideal-customer", 0, "Priya", None, IDEAL_CUSTOMER, None, None),
        ("mql", 0, "Priya", None, MQL, None, None),
        ("sql", 0, "Sam", None, SQL_FIRST, None, None),
        ("junk-and-cold", 2, "Sam", "nobody knew where cold leads went", JUNK, None, None),
        ("value-proposition", 3, "Maya", None, VALUE, None, None),
        (
            "sql",
            agreed,
            "Dana",
            "a third of September's SQLs never booked a demo",
            SQL_TIGHTER,
            None,
            None,
        ),
        (
            "follow-up-sla",
            agreed,
            "Dana",
            "September's answers took two to three weeks; leads went cold waiting",
            SLA_TEXT,
            24.0,
            7.0,
        ),
    ]
    for number, (name, index, who, why, text, hours, days) in enumerate(versions, start=1):
        rows[AgreementVersion].append(
            {
                "id": number,
                "agreement_id": ids[name],
                "text": text,
                "follow_up_hours": hours,
                "answer_days": days,
                "changed_at": at(index),
                "changed_by_id": person_id[who],
                "meeting_id": index + 1,
                "why": why,
            }
        )
    headsups = [
        # (team, kind, text, from, until, raised in meeting index)
        (
            "marketing",
            "campaign",
            "Webinar series on lead scoring, three Thursdays",
            dates[3],
            dates[6],
            2,
        ),
        ("sales", "objection", "Prospects ask for SSO before they sign", None, None, 8),
        (
            "marketing",
            "content",
            "New case study: Acme Logistics cut response time in half",
            None,
            None,
            len(dates) - 2,
        ),
        (
            "marketing",
            "campaign",
            "Year-end promotion: 20% off annual plans",
            dates[-1],
            today + dt.timedelta(days=24),
            len(dates) - 1,
        ),
    ]
    for number, (team, kind, text, starts, ends, index) in enumerate(headsups, start=1):
        rows[HeadsUp].append(
            {
                "id": number,
                "team": team,
                "kind": kind,
                "text": text,
                "starts_on": starts,
                "ends_on": ends,
                "meeting_id": index + 1,
                "author_id": person_id["Sam" if team == "sales" else "Priya"],
                "created_at": at(index),
                "deleted_at": None,
            }
        )


def _follow_up(
    index: int, dates: list[dt.date], now: dt.datetime, rng: random.Random
) -> dict[str, dt.datetime | None]:
    """When the lead was handed to sales and first touched, as a CRM would say: two days and
    more before the SLA was agreed, under a day after it (one miss); the newest may wait."""
    week = min(len(dates) - 1, index * len(dates) // len(LEADS))
    handed = dt.datetime.combine(dates[week], dt.time(10), tzinfo=dt.UTC)
    handed = min(handed + dt.timedelta(hours=rng.randint(0, 72)), now - dt.timedelta(hours=2))
    agreed = dt.datetime.combine(dates[sla_meeting(dates)], dt.time(15, 40), tzinfo=dt.UTC)
    hours = rng.uniform(30, 70) if handed < agreed else rng.uniform(2, 20)
    if index == len(LEADS) - 4:
        hours = 31.0  # the miss after the SLA: a rep on holiday
    touched = handed + dt.timedelta(hours=hours)
    return {"handed_over_at": handed, "first_touch_at": touched if touched <= now else None}


def build_demo(db: Database, *, clock: Clock, weeks: int = 13, seed: int = 7) -> None:
    """Fill an empty database with `weeks` ended weekly meetings up to last week."""
    # One generator per subject, so changing how one part is made leaves the others as they were.
    rng = random.Random(seed)
    action_rng = random.Random(seed + 1)
    question_rng = random.Random(seed + 2)
    touch_rng = random.Random(seed + 3)
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
    for i, (name, company) in enumerate(LEADS):
        owner = SALES[i % len(SALES)]
        rows[Lead].append(
            {
                "id": i + 1,
                "name": name,
                "company": company,
                "email": name.lower().replace(" ", ".") + "@example.com",
                "crm_id": str(5001 + i),
                "owner_id": person_id[owner],
                "status": "open",
                "source": "demo",
                "updated_at": created,
                **_follow_up(i, dates, clock.now(), touch_rng),
            }
        )

    template = get_template("sync")
    section_seq = item_seq = action_seq = event_seq = question_seq = 0
    open_actions: list[dict[str, Any]] = []
    open_questions: list[dict[str, Any]] = []
    stubborn_question: int | None = None
    facilitators = ["Dana", "Priya", "Sam"]
    # Each promise comes round again only after the others, as in a real team.
    action_pool = action_rng.sample(ACTIONS, len(ACTIONS))
    agreed = sla_meeting(dates)

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
                "status": "ended",
                "current_position": len(template.sections) - 1,
                "started_at": start,
                "ended_at": end,
            }
        )
        present = [name for name, _ in PEOPLE if name == facilitator or rng.random() < 0.85]
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
                event_seq = _event(rows, event_seq, action, closed, "status", None, "done")
                action.update(status="done", closed_at=closed)
                continue
            event_seq = _event(rows, event_seq, action, start, "carried", meeting_id, None)
            roll = action_rng.random()
            mark = "done" if roll < 0.6 else ("dropped" if roll < 0.7 else "open")
            event_seq = _event(rows, event_seq, action, start, "reviewed", meeting_id, mark)
            if mark == "open":
                still_open.append(action)
                continue
            event_seq = _event(rows, event_seq, action, start, "status", meeting_id, mark)
            action.update(status=mark, closed_at=start)
        open_actions = still_open

        # Numbers: a funnel that grows slowly with noise, so trends are visible.
        growth = 1 + index * 0.02
        for name, base in BASE.items():
            value = round(base * growth * rng.uniform(0.9, 1.1), -2 if name == "Revenue" else 0)
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
                    status="answered",
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
                "status": "open",
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
                "status": "open",
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
