"""The lead hand-off review: since the series' last meeting (as between.py draws the line),
the leads sales rejected and the recycled ones (rejected before, decided on again), grouped
by reason and source, how many came back qualified, and the leads past the follow-up SLA's
hours without a first touch."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import col, select

from meeting.agenda.between import since_last
from meeting.entries.agreements import sla_history, sla_then
from meeting.entries.leads import lead_label
from meeting.foundations.clock import local_day
from meeting.foundations.statuses import LeadDecisionKind
from storage.db import Database
from storage.models import Lead, LeadDecision, Person, stored_id

NO_SOURCE = "(no source)"


@dataclass
class Group:
    """Leads of one reason and one source."""

    reason: str
    source: str
    leads: list[str] = field(default_factory=list)
    qualified: int = 0  # recycled ones accepted this time


@dataclass
class Untouched:
    lead: str
    source: str
    owner: str | None
    handed_over_at: dt.datetime
    hours: float  # the SLA's hours as agreed at the hand-over
    late_hours: float  # past those hours, at the meeting's start


@dataclass
class HandOffReview:
    since: dt.datetime | None  # the series' previous meeting's start; None: the first
    until: dt.datetime  # this meeting's start
    rejected: list[Group] = field(default_factory=list)
    recycled: list[Group] = field(default_factory=list)  # by the reason they had been sent back
    untouched: list[Untouched] = field(default_factory=list)

    @property
    def rejected_count(self) -> int:
        return sum(len(g.leads) for g in self.rejected)

    @property
    def recycled_count(self) -> int:
        return sum(len(g.leads) for g in self.recycled)

    @property
    def came_back_qualified(self) -> int:
        return sum(g.qualified for g in self.recycled)

    def since_words(self) -> str:
        """'Since the last meeting (2026-11-16)', or since the series began."""
        if self.since is None:
            return "Since the series began"
        return f"Since the last meeting ({local_day(self.since).isoformat()})"

    def figures(self) -> str:
        """'3 rejected · 2 recycled, 1 came back qualified · 4 past the SLA untouched'."""
        return (
            f"{self.rejected_count} rejected · {self.recycled_count} recycled, "
            f"{self.came_back_qualified} came back qualified · "
            f"{len(self.untouched)} past the SLA without a first touch"
        )


def _grouped(found: dict[tuple[str, str], Group]) -> list[Group]:
    """Most leads first, then by reason and source."""
    return sorted(found.values(), key=lambda g: (-len(g.leads), g.reason.lower(), g.source))


def _came_back(previous: LeadDecision | None, decision: LeadDecision) -> bool:
    """Recycled: sent back, then accepted, or handed over again and decided on anew (a
    rejection's reason changed on the same hand-over is no recycling)."""
    if previous is None or previous.decision != LeadDecisionKind.REJECTED:
        return False
    return (
        decision.decision == LeadDecisionKind.ACCEPTED
        or decision.handed_over_at != previous.handed_over_at
    )


def hand_off_review(db: Database, meeting_id: int) -> HandOffReview | None:
    """The review for a meeting; None for one that never started."""
    history = sla_history(db)
    with db.read() as session:
        window = since_last(session, meeting_id)
        if window is None:
            return None
        _, since, until = window
        in_window = [col(LeadDecision.decided_at) < until]
        if since is not None:
            in_window.append(col(LeadDecision.decided_at) >= since)
        decided = list(
            session.exec(
                select(LeadDecision, col(Lead.name), col(Lead.company))
                .join(Lead, col(Lead.id) == LeadDecision.lead_id)
                .where(*in_window)
                .order_by(col(LeadDecision.decided_at), col(LeadDecision.id))
            )
        )
        # Every decision before the window's end on the leads decided in it: what came before.
        decided_in_window = select(LeadDecision.lead_id).where(*in_window)
        earlier: dict[int, list[LeadDecision]] = defaultdict(list)
        for d in session.exec(
            select(LeadDecision)
            .where(
                col(LeadDecision.lead_id).in_(decided_in_window),
                col(LeadDecision.decided_at) < until,
            )
            .order_by(col(LeadDecision.decided_at), col(LeadDecision.id))
        ):
            earlier[d.lead_id].append(d)
        untouched_by_then = (
            col(Lead.handed_over_at).is_not(None),
            col(Lead.handed_over_at) < until,
            col(Lead.first_touch_at).is_(None) | (col(Lead.first_touch_at) >= until),
        )
        handed = list(
            session.exec(
                select(Lead, col(Person.name))
                .join(Person, col(Person.id) == Lead.owner_id, isouter=True)
                .where(*untouched_by_then)
            )
        )
        last_decision: dict[int, LeadDecision] = {}
        for d in session.exec(
            select(LeadDecision)
            .join(Lead, col(Lead.id) == LeadDecision.lead_id)
            .where(*untouched_by_then, col(LeadDecision.decided_at) < until)
            .order_by(col(LeadDecision.decided_at), col(LeadDecision.id))
        ):
            last_decision[d.lead_id] = d
    review = HandOffReview(since, until)
    rejected: dict[tuple[str, str], Group] = {}
    recycled: dict[tuple[str, str], Group] = {}
    for d, name, company in decided:
        label = lead_label(name, company or "")
        source = d.source or NO_SOURCE
        before = [e for e in earlier[d.lead_id] if (e.decided_at, e.id) < (d.decided_at, d.id)]
        if d.decision == LeadDecisionKind.REJECTED:
            key = (d.reason or "", source)
            rejected.setdefault(key, Group(*key)).leads.append(label)
        previous = before[-1] if before else None
        if _came_back(previous, d):
            assert previous is not None
            key = (previous.reason or "", source)  # under the reason it was sent back for
            group = recycled.setdefault(key, Group(*key))
            group.leads.append(label)
            group.qualified += d.decision == LeadDecisionKind.ACCEPTED
    review.rejected, review.recycled = _grouped(rejected), _grouped(recycled)
    for lead, owner in handed:
        assert lead.handed_over_at is not None  # the query's condition
        last = last_decision.get(stored_id(lead.id))
        if (
            last is not None
            and last.decision == LeadDecisionKind.REJECTED
            and last.decided_at >= lead.handed_over_at
        ):
            continue  # sent back: nobody owes it a touch
        hours = sla_then(history, lead.handed_over_at).follow_up_hours
        if hours is None:
            continue
        late = (until - lead.handed_over_at).total_seconds() / 3600 - hours
        if late > 0:
            review.untouched.append(
                Untouched(
                    lead_label(lead.name, lead.company),
                    lead.source or NO_SOURCE,
                    owner,
                    lead.handed_over_at,
                    hours,
                    late,
                )
            )
    review.untouched.sort(key=lambda u: (-u.late_hours, u.lead.lower()))
    return review
