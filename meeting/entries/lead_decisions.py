"""Sales accepts or rejects each lead marketing hands over. A rejection names a reason from
the `rejection-reasons` agreement as it stood at that moment, and sends the lead back to
marketing's nurture list; every decision is kept, so a lead that comes back and is accepted
is seen as recycled."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from meeting.entries.agreements import REASONS
from meeting.entries.leads import lead_label, resolve_lead
from meeting.entries.people import remember_person
from meeting.foundations.clock import Clock, local_day
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import LeadDecisionKind, Outcome
from meeting.foundations.text import as_id
from storage.db import Database
from storage.models import Agreement, AgreementVersion, Lead, LeadDecision, Person, stored_id

# The reasons until the teams write their own list (`huddle agreements edit rejection-reasons`).
DEFAULT_REASONS = ("junk", "wrong persona", "no budget", "duplicate", "student", "competitor")
ACCEPTED_STATUS = "accepted"  # the lead's status once sales took it


def reasons_in(text: str) -> list[str]:
    """The reasons an agreement's text lists: one a line, a leading `-` or `*` dropped,
    blank lines skipped, each once."""
    found: list[str] = []
    for line in text.splitlines():
        reason = re.sub(r"^\s*[-*•]\s*", "", line).strip()
        if reason and _key(reason) not in {_key(r) for r in found}:
            found.append(reason)
    return found


def _key(reason: str) -> str:
    """`Wrong-persona`, `wrong persona ` and `WRONG_PERSONA` are one reason."""
    return " ".join(re.sub(r"[-_]", " ", reason).lower().split())


def reasons_then(session: Session, moment: dt.datetime | None) -> list[str]:
    """The rejection reasons as agreed at `moment` (None: now): the last version written
    by then, or the default list while none was."""
    query = (
        select(AgreementVersion.text)
        .join(Agreement, col(Agreement.id) == AgreementVersion.agreement_id)
        .where(Agreement.name == REASONS)
        .order_by(col(AgreementVersion.changed_at).desc(), col(AgreementVersion.id).desc())
    )
    if moment is not None:
        query = query.where(col(AgreementVersion.changed_at) <= moment)
    text = session.exec(query).first()
    listed = reasons_in(text) if text is not None else []
    return listed or list(DEFAULT_REASONS)


def current_reasons(db: Database, *, clock: Clock) -> list[str]:
    with db.read() as session:
        return reasons_then(session, clock.now())


def decision_named(typed: str) -> LeadDecisionKind | None:
    """A CSV's decision column: accepted or rejected (accept, reject, any case); '' is none."""
    word = typed.strip().lower()
    if not word:
        return None
    for kind in LeadDecisionKind:
        if word in (kind, kind.removesuffix("ed"), kind.removesuffix("d")):
            return kind
    raise HuddleError(f"the decision {typed.strip()!r} is neither accepted nor rejected")


def agreed_reason(reasons: list[str], typed: str | None) -> str:
    """The reason as the list spells it; one that is not on the list is refused in one
    line that lists the list."""
    listed = ", ".join(reasons)
    cleaned = (typed or "").strip()
    if not cleaned:
        raise HuddleError(f"a rejection needs a reason, one of: {listed}")
    found = next((r for r in reasons if _key(r) == _key(cleaned)), None)
    if found is None:
        raise HuddleError(
            f"{cleaned!r} is not an agreed rejection reason; the reasons are: {listed} "
            f"(huddle agreements edit {REASONS} changes the list)"
        )
    return found


@dataclass(frozen=True)
class Decided:
    """What a decision did, said back to whoever made it."""

    lead: str
    decision: LeadDecisionKind
    reason: str | None
    recycled: bool  # accepted after an earlier rejection: came back qualified
    changed: bool  # False: the lead's last decision already said exactly that
    corrected: bool = False  # it replaced the same day's decision on the same hand-over

    def said(self) -> str:
        because = f" ({self.reason})" if self.reason else ""
        if not self.changed:
            return f"{self.lead} is already {self.decision}{because}; nothing changed"
        if self.corrected:
            return f"Changed today's decision on {self.lead}: {self.decision}{because}"
        if self.decision == LeadDecisionKind.REJECTED:
            return f"Rejected {self.lead} ({self.reason}): back on marketing's nurture list"
        back = " after an earlier rejection: recycled, came back qualified" if self.recycled else ""
        return f"Accepted {self.lead}{back}"


def decide(
    session: Session,
    lead: Lead,
    decision: LeadDecisionKind,
    *,
    reason: str | None,
    at: dt.datetime,
    by: str | None = None,
    set_status: bool = True,
) -> Decided:
    """Record sales' decision on `lead` unless its last decision (on the same hand-over)
    already says the same. A rejection's reason must be on the list agreed at `at`."""
    if decision == LeadDecisionKind.ACCEPTED and (reason or "").strip():
        raise HuddleError("a reason is for a rejection; accept takes none (drop --reason)")
    agreed = (
        agreed_reason(reasons_then(session, at), reason)
        if decision == LeadDecisionKind.REJECTED
        else None
    )
    lead_id = stored_id(lead.id)
    earlier = list(
        session.exec(
            select(LeadDecision)
            .where(LeadDecision.lead_id == lead_id)
            .order_by(col(LeadDecision.decided_at), col(LeadDecision.id))
        )
    )
    label = lead_label(lead.name, lead.company)
    last = earlier[-1] if earlier else None
    same_hand_over = last is not None and last.handed_over_at == lead.handed_over_at
    # Changed the same day on the same hand-over: a mistake put right, not a lead that was
    # nurtured and came back, so it replaces the decision instead of adding to the way.
    corrected = last is not None and same_hand_over and local_day(last.decided_at) == local_day(at)
    before = earlier[:-1] if corrected else earlier
    recycled = decision == LeadDecisionKind.ACCEPTED and any(
        d.decision == LeadDecisionKind.REJECTED for d in before
    )
    if last is not None and same_hand_over and (last.decision, last.reason) == (decision, agreed):
        return Decided(label, decision, agreed, recycled, changed=False)
    person = remember_person(session, by, "sales") if by and by.strip() else None
    if last is not None and corrected:
        last.decision, last.reason, last.source = decision, agreed, lead.source
        last.decided_at, last.decided_by_id = at, person.id if person else None
    else:
        session.add(
            LeadDecision(
                lead_id=lead_id,
                decision=decision,
                reason=agreed,
                source=lead.source,
                handed_over_at=lead.handed_over_at,
                decided_at=at,
                decided_by_id=person.id if person else None,
            )
        )
    if set_status:
        rejected = decision == LeadDecisionKind.REJECTED
        lead.status = Outcome.NURTURE if rejected else ACCEPTED_STATUS
        lead.updated_at = at
    session.flush()
    return Decided(label, decision, agreed, recycled, changed=True, corrected=corrected)


def find_lead_by_ref(session: Session, ref: str) -> Lead:
    """A lead by huddle's id (as `huddle leads list` shows it), else CRM record id or name."""
    number = as_id(ref)
    if number is not None:
        found = session.get(Lead, number)
        if found is not None:
            return found
    return resolve_lead(session, ref)


def decide_lead(
    db: Database,
    ref: str | int,
    decision: LeadDecisionKind,
    *,
    reason: str | None = None,
    by: str | None = None,
    clock: Clock,
) -> Decided:
    """Accept or reject one lead (the CLI, the Leads screen), in one transaction."""
    with db.write() as session:
        if isinstance(ref, int):
            lead = session.get(Lead, ref)
            if lead is None:
                raise HuddleError(f"no lead with id {ref} (see: huddle leads list)")
        else:
            lead = find_lead_by_ref(session, ref)
        return decide(session, lead, decision, reason=reason, at=clock.now(), by=by)


@dataclass(frozen=True)
class DecisionRow:
    decision: str
    reason: str | None
    source: str
    decided_at: dt.datetime
    decided_by: str | None

    def said(self) -> str:
        """'rejected (no budget), 2026-11-20 by Sam'."""
        because = f" ({self.reason})" if self.reason else ""
        who = f" by {self.decided_by}" if self.decided_by else ""
        return f"{self.decision}{because}, {local_day(self.decided_at).isoformat()}{who}"


def decisions_of(db: Database, lead_id: int) -> list[DecisionRow]:
    """Every decision on a lead, oldest first: the way it went."""
    with db.read() as session:
        found = session.exec(
            select(LeadDecision, col(Person.name))
            .join(Person, col(Person.id) == LeadDecision.decided_by_id, isouter=True)
            .where(LeadDecision.lead_id == lead_id)
            .order_by(col(LeadDecision.decided_at), col(LeadDecision.id))
        )
        return [DecisionRow(d.decision, d.reason, d.source, d.decided_at, who) for d, who in found]
