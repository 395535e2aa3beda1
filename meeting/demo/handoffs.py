"""The demo's leads as marketing handed them over, and sales' decision on each, as the CRM
and the Leads screen would have them: nearly all accepted, a few rejected with a reason
from the agreed list (one that fits the lead's source), and some of those nurtured, handed
over again and accepted (recycled). Fewer are rejected once the SQL definition is
tightened, so the share sales accepted, high all along, rises in the last month."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from typing import Any

from meeting.demo.content import (
    CAME_BACK_BY,
    COMES_BACK,
    LEADS,
    MORE_LEADS,
    REJECTED_FOR,
    SALES,
)
from meeting.demo.story import _follow_up, changed_at, sql_meeting
from meeting.entries.lead_decisions import ACCEPTED_STATUS
from meeting.foundations.clock import local_day
from meeting.foundations.statuses import LeadDecisionKind, Outcome
from meeting.numbers.periods import period_of
from meeting.numbers.stages import FIRST
from storage.models import Lead, LeadDecision, LeadStage

# About this share of a month's decisions are rejections before the SQL definition is
# tightened, at most this share after: the share accepted rises, and stays above the 80 %
# target however few leads a month has.
REJECTED_BEFORE, REJECTED_AFTER = 1 / 6, 1 / 16
NURTURED_DAYS = 21  # how long a rejected lead is nurtured before it is handed over again


def leads_and_decisions(
    rows: dict[type, list[dict[str, Any]]],
    dates: list[dt.date],
    person_id: dict[str, int],
    created: dt.datetime,
    now: dt.datetime,
    touch_rng: random.Random,
    rng: random.Random,
) -> None:
    """Every lead with its hand-over and first touch, then sales' decisions on them."""
    for i, (name, company, source) in enumerate(LEADS + MORE_LEADS):
        if i < len(LEADS):
            times = _follow_up(i, len(LEADS), dates, now, touch_rng, miss=i == len(LEADS) - 4)
        else:
            times = _follow_up(i - len(LEADS), len(MORE_LEADS), dates, now, touch_rng)
        rows[Lead].append(
            {
                "id": i + 1,
                "name": name,
                "company": company,
                "email": name.lower().replace(" ", ".") + "@example.com",
                "crm_id": str(5001 + i),
                "owner_id": person_id[SALES[i % len(SALES)]],
                "status": "open",
                "source": source,
                "updated_at": created,
                **times,
            }
        )
    _decisions(rows, dates, now, rng)
    _stage_dates(rows, now - dt.timedelta(hours=1), random.Random(rng.random()))


def _decisions(
    rows: dict[type, list[dict[str, Any]]],
    dates: list[dt.date],
    now: dt.datetime,
    rng: random.Random,
) -> None:
    """Sales decides on a lead a few hours after the first call. In each month, before the
    SQL definition is tightened and after, an even spread of the decisions are rejections."""
    latest = now - dt.timedelta(hours=1)
    tightened = changed_at(dates, sql_meeting(dates))
    decided: list[tuple[dict[str, Any], dt.datetime]] = []
    for lead in rows[Lead]:
        touched = lead["first_touch_at"]
        if touched is not None and touched + dt.timedelta(hours=6) <= latest:
            decided.append((lead, touched + dt.timedelta(hours=rng.uniform(0.5, 6))))
    groups: dict[tuple[str, bool], list[tuple[dict[str, Any], dt.datetime]]] = defaultdict(list)
    for lead, at in sorted(decided, key=lambda found: found[1]):
        groups[(period_of(local_day(at), "month").label, at >= tightened)].append((lead, at))
    used: Counter[str] = Counter()  # each reason as often as the others, where it fits
    made: list[dict[str, Any]] = []
    for (_, after), group in groups.items():
        count = len(group)
        if after:
            rejections = int(count * REJECTED_AFTER)
        else:
            rejections = min(round(count * REJECTED_BEFORE), math.ceil(count / 5) - 1)
        rejected = {int((j + 0.5) * count / rejections) for j in range(rejections)}
        for position, (lead, at) in enumerate(group):
            if position not in rejected:
                made.append(_decision(lead, at, None))
                continue
            reasons = REJECTED_FOR[lead["source"]]
            reason = min(reasons, key=lambda r: (used[r], reasons.index(r)))
            used[reason] += 1
            made.append(_decision(lead, at, reason))
            if reason in COMES_BACK and not after:
                again = _handed_over_again(lead, at, latest, rng)
                if again is not None:
                    made.append(again)
    for number, decision in enumerate(sorted(made, key=lambda d: d["decided_at"]), start=1):
        rows[LeadDecision].append({"id": number, **decision})


def _decision(lead: dict[str, Any], at: dt.datetime, reason: str | None) -> dict[str, Any]:
    """One decision, and the lead's status after it, as `decide` leaves them."""
    lead.update(status=Outcome.NURTURE if reason else ACCEPTED_STATUS, updated_at=at)
    return {
        "lead_id": lead["id"],
        "decision": LeadDecisionKind.REJECTED if reason else LeadDecisionKind.ACCEPTED,
        "reason": reason,
        "source": lead["source"],
        "handed_over_at": lead["handed_over_at"],
        "decided_at": at,
        "decided_by_id": lead["owner_id"],
    }


def _handed_over_again(
    lead: dict[str, Any], rejected_at: dt.datetime, latest: dt.datetime, rng: random.Random
) -> dict[str, Any] | None:
    """A nurtured lead that came back by a nurture email, was touched within the SLA and
    accepted: recycled. None while it would still be in nurture."""
    handed = rejected_at + dt.timedelta(days=NURTURED_DAYS, hours=rng.uniform(0, 24))
    touched = handed + dt.timedelta(hours=rng.uniform(2, 20))
    accepted = touched + dt.timedelta(hours=rng.uniform(0.5, 6))
    if accepted > latest:
        return None
    lead.update(source=CAME_BACK_BY, handed_over_at=handed, first_touch_at=touched)
    return _decision(lead, accepted, None)


DEMO_SHARE, WON_SHARE = 0.55, 0.3  # of the leads sales accepted, of those given a demo


def _stage_dates(
    rows: dict[type, list[dict[str, Any]]], latest: dt.datetime, rng: random.Random
) -> None:
    """When each lead reached each stage, as a CRM export says, for the waterfall's days in
    a stage: created a few days before marketing handed it over (an MQL), an SQL when sales
    accepted it, and for some a demo a week or so later and a won deal weeks after that."""
    decisions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for decision in rows[LeadDecision]:
        decisions[decision["lead_id"]].append(decision)
    for lead in rows[Lead]:
        handed = [d["handed_over_at"] for d in decisions[lead["id"]] if d["handed_over_at"]]
        mql = min(handed, default=lead["handed_over_at"])
        if mql is None:
            continue
        reached = {FIRST: mql - dt.timedelta(days=rng.uniform(1, 12)), "mql": mql}
        accepted = [d for d in decisions[lead["id"]] if d["decision"] == LeadDecisionKind.ACCEPTED]
        if accepted:
            reached["sql"] = accepted[-1]["decided_at"]
            demo = reached["sql"] + dt.timedelta(days=rng.uniform(2, 10))
            if rng.random() < DEMO_SHARE and demo <= latest:
                reached["demo"] = demo
                won = demo + dt.timedelta(days=rng.uniform(7, 28))
                if rng.random() < WON_SHARE and won <= latest:
                    reached["closed won"] = won
        rows[LeadStage] += [
            {"lead_id": lead["id"], "stage": stage, "reached_at": at}
            for stage, at in reached.items()
        ]
