"""Agreements: the texts both teams keep (who the ideal customer is, what counts as an MQL and
an SQL, how fast sales follows a lead up), each with every version: who changed it, when,
in which meeting and why. The follow-up SLA's numbers are what the scorecard measures
against."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from sqlmodel import Session, col, func, select

from meeting.entries.people import remember_person
from meeting.foundations.clock import Clock, local_day
from meeting.foundations.ended import refuse_if_ended
from meeting.foundations.errors import HuddleError
from meeting.foundations.names import unknown_name
from meeting.foundations.records import record_dict
from storage.db import Database
from storage.models import Agreement, AgreementVersion, Meeting, Person, Series, stored_id

SLA = "follow-up-sla"
TARGETS = "targets"
REASONS = "rejection-reasons"

# The agreements every pair of teams starts with, in the order they are read, each with the
# team that keeps it and what it is for.
DEFAULTS: tuple[tuple[str, str, str], ...] = (
    ("ideal-customer", "marketing", "who the ideal customer is"),
    ("personas", "marketing", "the buyer personas"),
    ("mql", "marketing", "what makes a marketing-qualified lead"),
    ("sql", "sales", "what makes a sales-qualified lead"),
    ("junk-and-cold", "sales", "what makes a lead junk or cold, and where it goes then"),
    (SLA, "sales", "hours from hand-over to first touch; days to answer a lead question"),
    ("value-proposition", "marketing", "what the value proposition says"),
    (TARGETS, "sales", "the funnel's targets and what they were worked back from"),
    (REASONS, "sales", "why sales rejects a lead handed over: one reason a line"),
)
PURPOSE = {name: purpose for name, _, purpose in DEFAULTS}


@dataclass
class VersionRow:
    number: int
    text: str
    follow_up_hours: float | None
    answer_days: float | None
    changed_at: dt.datetime
    changed_by: str | None
    meeting: str | None  # "Weekly sync 2026-11-23", or None between meetings
    meeting_id: int | None
    why: str | None

    def numbers(self, joiner: str = "; ") -> str:
        """The SLA's numbers in words, or '' for a text without numbers."""
        parts = []
        if self.follow_up_hours is not None:
            parts.append(f"first touch within {self.follow_up_hours:g} h")
        if self.answer_days is not None:
            parts.append(f"lead questions answered within {self.answer_days:g} d")
        return joiner.join(parts)

    def change(self) -> str:
        """'version 2, 2026-10-05 by Dana in Weekly sync 2026-10-05: why'."""
        who = f" by {self.changed_by}" if self.changed_by else ""
        where = f" in {self.meeting}" if self.meeting else " between meetings"
        why = f": {self.why}" if self.why else ""
        day = local_day(self.changed_at).isoformat()
        return f"version {self.number}, {day}{who}{where}{why}"

    def as_dict(self) -> dict[str, object]:
        names = ("number", "changed_at", "changed_by", "meeting", "why", "text")
        return record_dict(self, (*names, "follow_up_hours", "answer_days"))


@dataclass
class AgreementRow:
    id: int
    name: str
    owner_team: str
    versions: list[VersionRow] = field(default_factory=list)

    @property
    def current(self) -> VersionRow | None:
        return self.versions[-1] if self.versions else None

    @property
    def text(self) -> str:
        return self.current.text if self.current else ""

    def age_days(self, today: dt.date) -> int | None:
        """Days since the text last changed; None while it has never been written."""
        if self.current is None:
            return None
        return (today - local_day(self.current.changed_at)).days

    def as_dict(self, today: dt.date) -> dict[str, object]:
        current = self.current
        return {
            "name": self.name,
            "owner_team": self.owner_team,
            "versions": len(self.versions),
            "changed_at": current.changed_at.isoformat() if current else None,
            "changed_by": current.changed_by if current else None,
            "age_days": self.age_days(today),
            "follow_up_hours": current.follow_up_hours if current else None,
            "answer_days": current.answer_days if current else None,
            "text": self.text,
        }


@dataclass(frozen=True)
class Sla:
    follow_up_hours: float | None
    answer_days: float | None


def _ensure_defaults(session: Session, clock: Clock) -> None:
    known = set(session.exec(select(Agreement.name)))
    for name, team, _ in DEFAULTS:
        if name not in known:
            session.add(Agreement(name=name, owner_team=team, created_at=clock.now()))
    session.flush()


def ensure_agreements(db: Database, *, clock: Clock) -> None:
    """The default agreements exist, unwritten, in every database that asks for them."""
    with db.write() as session:
        _ensure_defaults(session, clock)


def _resolve(session: Session, name: str) -> Agreement:
    typed = (name or "").strip().lower()
    if not typed:
        raise HuddleError("the agreement's name is empty (try: huddle agreements list)")
    found = session.exec(select(Agreement).where(func.lower(Agreement.name) == typed)).first()
    if found is None:
        names = list(session.exec(select(Agreement.name).order_by(col(Agreement.id))))
        names = names or [name for name, _, _ in DEFAULTS]
        raise unknown_name("agreement", name, names, list_known=True)
    return found


def positive(value: float | str | None, what: str) -> float | None:
    """An SLA number: positive and finite, or None when not given."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise HuddleError(f"{what} must be a positive number, not {value!r}") from None
    if not math.isfinite(number) or number <= 0:
        raise HuddleError(f"{what} must be a positive number, not {value!r}")
    return number


def edit_agreement(
    db: Database,
    name: str,
    text: str,
    *,
    clock: Clock,
    by: str | None = None,
    why: str | None = None,
    meeting_id: int | None = None,
    follow_up_hours: float | str | None = None,
    answer_days: float | str | None = None,
) -> int:
    """A new version of `name`; returns its number. The SLA keeps its numbers unless new
    ones are given; other agreements have none. An unchanged text and numbers make no
    version."""
    cleaned = text.strip("\n")
    if not cleaned.strip():
        raise HuddleError(f"the text of {name!r} is empty (type what both teams agree on)")
    hours = positive(follow_up_hours, "the follow-up time (hours)")
    days = positive(answer_days, "the time to answer a lead question (days)")
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        _ensure_defaults(session, clock)
        agreement = _resolve(session, name)
        if agreement.name != SLA and (hours is not None or days is not None):
            raise HuddleError(
                f"only {SLA} has numbers; {agreement.name} is a text (drop --hours/--answer-days)"
            )
        versions = list(
            session.exec(
                select(AgreementVersion)
                .where(AgreementVersion.agreement_id == agreement.id)
                .order_by(col(AgreementVersion.id))
            )
        )
        last = versions[-1] if versions else None
        if agreement.name == SLA:
            hours = hours if hours is not None else (last.follow_up_hours if last else None)
            days = days if days is not None else (last.answer_days if last else None)
        if last and (last.text, last.follow_up_hours, last.answer_days) == (cleaned, hours, days):
            raise HuddleError(f"{agreement.name} already says exactly that; nothing changed")
        person = remember_person(session, by) if by else None
        session.add(
            AgreementVersion(
                agreement_id=stored_id(agreement.id),
                text=cleaned,
                follow_up_hours=hours,
                answer_days=days,
                changed_at=clock.now(),
                changed_by_id=person.id if person else None,
                meeting_id=meeting_id,
                why=(why or "").strip() or None,
            )
        )
        return len(versions) + 1


def _versions(
    session: Session, agreement_ids: list[int] | None = None
) -> dict[int, list[VersionRow]]:
    query = (
        select(AgreementVersion, col(Person.name), col(Meeting.date), col(Series.name))
        .join(Person, col(Person.id) == AgreementVersion.changed_by_id, isouter=True)
        .join(Meeting, col(Meeting.id) == AgreementVersion.meeting_id, isouter=True)
        .join(Series, col(Series.id) == Meeting.series_id, isouter=True)
        .order_by(col(AgreementVersion.agreement_id), col(AgreementVersion.id))
    )
    if agreement_ids is not None:
        query = query.where(col(AgreementVersion.agreement_id).in_(agreement_ids))
    found: dict[int, list[VersionRow]] = {}
    for version, who, day, series in session.exec(query):
        rows = found.setdefault(version.agreement_id, [])
        rows.append(
            VersionRow(
                number=len(rows) + 1,
                text=version.text,
                follow_up_hours=version.follow_up_hours,
                answer_days=version.answer_days,
                changed_at=version.changed_at,
                changed_by=who,
                meeting=f"{series} {day}" if day else None,
                meeting_id=version.meeting_id,
                why=version.why,
            )
        )
    return found


def _missing(session: Session) -> bool:
    known = set(session.exec(select(Agreement.name)))
    return any(name not in known for name, _, _ in DEFAULTS)


def _read_all(db: Database, clock: Clock) -> tuple[list[Agreement], dict[int, list[VersionRow]]]:
    """Every agreement and its versions. The defaults are written the first time they are
    missing, so a read is a read (the agreements section is read on every refresh), and a
    read-only database shows them unwritten."""
    with db.read() as session:
        missing = _missing(session)
    if missing and not db.read_only:
        ensure_agreements(db, clock=clock)
    with db.read() as session:
        agreements = list(session.exec(select(Agreement).order_by(col(Agreement.id))))
        versions = _versions(session)
    named = {a.name for a in agreements}
    unwritten = [
        Agreement(id=0, name=name, owner_team=team, created_at=clock.now())
        for name, team, _ in DEFAULTS
        if name not in named
    ]
    return agreements + unwritten, versions


def list_agreements(db: Database, *, clock: Clock) -> list[AgreementRow]:
    """Every agreement, the defaults first in their order, with all its versions."""
    agreements, versions = _read_all(db, clock)
    return [
        AgreementRow(stored_id(a.id), a.name, a.owner_team, versions.get(stored_id(a.id), []))
        for a in agreements
    ]


def get_agreement(db: Database, name: str, *, clock: Clock) -> AgreementRow:
    typed = (name or "").strip().lower()
    if not typed:
        raise HuddleError("the agreement's name is empty (try: huddle agreements list)")
    rows = list_agreements(db, clock=clock)
    found = next((row for row in rows if row.name.lower() == typed), None)
    if found is None:
        raise unknown_name("agreement", name, [row.name for row in rows], list_known=True)
    return found


def sla_history(db: Database) -> list[tuple[dt.datetime, Sla]]:
    """Every version of the SLA's numbers, oldest first, with when it was made."""
    with db.read() as session:
        found = session.exec(
            select(AgreementVersion)
            .join(Agreement, col(Agreement.id) == AgreementVersion.agreement_id)
            .where(Agreement.name == SLA)
            .order_by(col(AgreementVersion.changed_at), col(AgreementVersion.id))
        )
        return [(v.changed_at, Sla(v.follow_up_hours, v.answer_days)) for v in found]


def sla_then(history: list[tuple[dt.datetime, Sla]], moment: dt.datetime) -> Sla:
    """The SLA's numbers as they stood at `moment` (the last version made by then): a
    period is measured against what was agreed during it, not against what came later."""
    agreed = [sla for changed_at, sla in history if changed_at <= moment]
    return agreed[-1] if agreed else Sla(None, None)


def changed_in_meeting(
    db: Database, meeting_id: int
) -> list[tuple[str, VersionRow | None, VersionRow]]:
    """Each agreement changed in the meeting, with the text before the meeting and after it:
    what the minutes show as before/after."""
    with db.read() as session:
        ids = list(
            session.exec(
                select(AgreementVersion.agreement_id)
                .where(AgreementVersion.meeting_id == meeting_id)
                .distinct()
            )
        )
        if not ids:
            return []
        names: dict[int, str] = {
            stored_id(agreement.id): agreement.name
            for agreement in session.exec(select(Agreement).where(col(Agreement.id).in_(ids)))
        }
        versions = _versions(session, ids)
    changed = []
    for agreement_id in sorted(ids):
        rows = versions[agreement_id]
        first = next(i for i, v in enumerate(rows) if v.meeting_id == meeting_id)
        last = max(i for i, v in enumerate(rows) if v.meeting_id == meeting_id)
        before = rows[first - 1] if first > 0 else None
        changed.append((names[agreement_id], before, rows[last]))
    return changed


def meetings_with_changes(db: Database) -> set[int]:
    """Meetings in which any agreement changed: the minutes of the others skip the lookup."""
    with db.read() as session:
        found = session.exec(
            select(AgreementVersion.meeting_id)
            .where(col(AgreementVersion.meeting_id).is_not(None))
            .distinct()
        )
        return {meeting_id for meeting_id in found if meeting_id is not None}
