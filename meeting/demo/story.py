"""The demo's story around the follow-up SLA: the meeting both teams agreed it in, the
agreements' versions and heads-ups before and after, and when sales first touched each
lead (slow before the SLA, quick after), so the scorecard shows a change."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from meeting.demo.content import (
    IDEAL_CUSTOMER,
    JUNK,
    MQL,
    SLA_TEXT,
    SQL_FIRST,
    SQL_TIGHTER,
    VALUE,
)
from meeting.entries.agreements import DEFAULTS as AGREEMENT_DEFAULTS
from meeting.numbers.periods import period_of
from storage.models import Agreement, AgreementVersion, HeadsUp


def sla_meeting(dates: list[dt.date]) -> int:
    """The meeting (by index) in which both teams agreed the follow-up SLA, after a month of
    slow answers: the first of the month before the last meeting's, so the last three
    months' scorecard shows before and after."""
    last = period_of(dates[-1], "month")
    month_before = period_of(last.start - dt.timedelta(days=1), "month").start
    return next(i for i, day in enumerate(dates) if day >= month_before)


def sql_meeting(dates: list[dt.date]) -> int:
    """The meeting (by index) in which the SQL definition was tightened, after two months of
    sales rating lead quality low while accepting nearly every lead: the last before the
    last meeting's month, so that month shows what changed."""
    last = period_of(dates[-1], "month")
    return max(i for i, day in enumerate(dates) if day < last.start)


def changed_at(dates: list[dt.date], index: int) -> dt.datetime:
    """When an agreement was changed in a meeting: forty minutes into it."""
    return dt.datetime.combine(dates[index], dt.time(15, 40), tzinfo=dt.UTC)


def _agreements_and_headsups(
    rows: dict[type, list[dict[str, Any]]],
    dates: list[dt.date],
    person_id: dict[str, int],
    today: dt.date,
) -> None:
    """The agreements' story, and heads-ups running now and ended."""

    def at(index: int) -> dt.datetime:
        return changed_at(dates, index)

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
            "follow-up-sla",
            agreed,
            "Dana",
            "September's answers took two to three weeks; leads went cold waiting",
            SLA_TEXT,
            24.0,
            7.0,
        ),
        (
            "sql",
            sql_meeting(dates),
            "Dana",
            "sales rated lead quality 2 of 5 for two months while accepting nearly every "
            "lead; a third of the SQLs never booked a demo",
            SQL_TIGHTER,
            None,
            None,
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
    index: int,
    count: int,
    dates: list[dt.date],
    now: dt.datetime,
    rng: random.Random,
    *,
    miss: bool = False,
) -> dict[str, dt.datetime | None]:
    """When the lead (`index` of `count` spread over the weeks) was handed to sales and first
    touched, as a CRM would say: two days and more before the SLA was agreed, under a day
    after it (`miss`: over a day, a rep on holiday); the newest may wait."""
    week = min(len(dates) - 1, index * len(dates) // count)
    handed = dt.datetime.combine(dates[week], dt.time(10), tzinfo=dt.UTC)
    handed = min(handed + dt.timedelta(hours=rng.randint(0, 72)), now - dt.timedelta(hours=2))
    agreed = changed_at(dates, sla_meeting(dates))
    hours = rng.uniform(30, 70) if handed < agreed else rng.uniform(2, 20)
    if miss:
        hours = 31.0
    touched = handed + dt.timedelta(hours=hours)
    return {"handed_over_at": handed, "first_touch_at": touched if touched <= now else None}
