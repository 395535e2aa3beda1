"""Importing leads from CRM exports: HubSpot contacts, Salesforce lead reports, or a plain
`name,company,email,owner,status,source` file. Checked whole, then applied in one
transaction; re-importing updates by record id instead of adding twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from meeting.entries.lead_decisions import (
    ACCEPTED_STATUS,
    agreed_reason,
    decide,
    decision_named,
    reasons_then,
)
from meeting.foundations.clock import Clock
from meeting.foundations.dates import parse_moment
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import LeadDecisionKind, Outcome
from meeting.imports.csvfile import csv_rows, problem_report, read_text
from meeting.imports.stage_dates import (
    Dates,
    changed_dates,
    known_dates,
    row_dates,
    stage_columns,
    write_dates,
)
from meeting.numbers.stages import date_column
from storage.db import Database
from storage.models import Lead, LeadDecision, Person, stored_id, table_of

FIELDS = (
    "name",
    "company",
    "email",
    "crm_id",
    "owner",
    "status",
    "source",
    "handed_over",
    "first_touch",
    "decision",
    "reason",
)
# Any format may carry when marketing handed a lead over and sales first touched it: the
# follow-up SLA's hours are measured between the two.
FOLLOW_UP = {
    "handed_over": ("handed_over", "|handed over"),
    "first_touch": ("first_touch", "|first touch"),
    # Sales' decision on the hand-over, and a rejection's reason from the agreed list.
    "decision": ("decision",),
    "reason": ("reason", "|rejection reason"),
}


@dataclass(frozen=True)
class CsvFormat:
    name: str
    signature: frozenset[str]  # header names that identify the format
    read: dict[str, tuple[str, ...]]  # our field -> columns joined with a space (first wins)


FORMATS = (
    CsvFormat(
        "HubSpot contacts",
        frozenset({"record id", "first name", "last name"}),
        {
            "crm_id": ("record id",),
            "name": ("first name", "last name"),
            "company": ("associated company",),
            "email": ("email",),
            "owner": ("contact owner",),
            "status": ("lead status", "|lifecycle stage"),
            "source": ("original source",),
            **FOLLOW_UP,
        },
    ),
    CsvFormat(
        "Salesforce leads",
        frozenset({"lead id", "first name", "last name"}),
        {
            "crm_id": ("lead id",),
            "name": ("first name", "last name"),
            "company": ("company",),
            "email": ("email",),
            "owner": ("lead owner",),
            "status": ("lead status",),
            "source": ("lead source",),
            **FOLLOW_UP,
        },
    ),
    CsvFormat(
        "plain",
        frozenset({"name"}),
        {
            "name": ("name",),
            "company": ("company",),
            "email": ("email",),
            "owner": ("owner",),
            "status": ("status",),
            "source": ("source",),
            **FOLLOW_UP,
        },
    ),
)
KEPT_WHEN_EMPTY = ("handed_over_at", "first_touch_at")  # an export without them forgets nothing
PLAIN_COLUMNS = {"name", "company", "email", "owner", "status", "source", *FOLLOW_UP}
UNKNOWN_HEADER = (
    "huddle reads a HubSpot contact export, a Salesforce lead report, "
    "or a file with the header name,company,email,owner,status,source "
    "(and, if known, handed_over,first_touch,decision,reason and stage dates such as mql_at)"
)


def detect_format(names: list[str], path: Path) -> CsvFormat:
    found = set(names)
    for csv_format in FORMATS[:2]:
        if csv_format.signature <= found:
            return csv_format
    if "name" in found and all(n in PLAIN_COLUMNS or date_column(n) for n in found):
        return FORMATS[2]
    raise HuddleError(f"{path}: unknown header {','.join(names)!r} ({UNKNOWN_HEADER})")


def _value(row: dict[str, str], columns: tuple[str, ...]) -> str:
    """Join the columns with a space; a column written `|x` is a fallback used when empty."""
    parts: list[str] = []
    for column in columns:
        if column.startswith("|"):
            if not parts:
                parts.append((row.get(column[1:]) or "").strip())
            continue
        text = (row.get(column) or "").strip()
        if text:
            parts.append(text)
    return " ".join(p for p in parts if p)


@dataclass
class LeadImport:
    """What an import would do. Nothing is written until `apply_lead_import`."""

    format: str
    rows: int = 0
    new: list[dict[str, object]] = field(default_factory=list)
    changes: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    unchanged: int = 0
    new_dates: list[Dates] = field(default_factory=list)  # the stage dates of each new lead
    moved: dict[int, Dates] = field(default_factory=dict)  # by lead id: stage dates changed
    new_people: list[str] = field(default_factory=list)
    # Sales' decisions to record: the row (which finds its lead), the decision, the reason.
    decisions: list[tuple[dict[str, str], LeadDecisionKind, str | None]] = field(
        default_factory=list
    )

    def summary(self) -> str:
        people = f", {len(self.new_people)} new people in sales" if self.new_people else ""
        decided = [kind for _, kind, _ in self.decisions]
        said = ""
        if decided:
            taken = decided.count(LeadDecisionKind.ACCEPTED)
            said = (
                f"; sales' decisions: {taken} accepted, {len(decided) - taken} sent back to nurture"
            )
        return (
            f"{len(self.new)} added, {len(self.changes)} updated, {self.unchanged} unchanged, "
            f"0 rejected{people}{said}"
        )


def _existing(session: Session, record: dict[str, str]) -> Lead | None:
    if record["crm_id"]:
        return session.exec(select(Lead).where(Lead.crm_id == record["crm_id"])).first()
    if record["email"]:
        found = session.exec(
            select(Lead).where(func.lower(Lead.email) == record["email"].lower())
        ).first()
        if found is not None:
            return found
    return session.exec(
        select(Lead).where(
            func.lower(Lead.name) == record["name"].lower(),
            func.lower(Lead.company) == record["company"].lower(),
        )
    ).first()


Decision = tuple[LeadDecisionKind, str | None]


def _decision(record: dict[str, str], reasons: list[str]) -> Decision | None:
    """The row's decision and its reason as the agreed list spells it; a reason without a
    rejection, or one not on the list, is the row's problem."""
    kind = decision_named(record["decision"])
    if kind == LeadDecisionKind.REJECTED:
        return kind, agreed_reason(reasons, record["reason"])
    if record["reason"]:
        raise HuddleError("a reason is given without the decision rejected")
    return (kind, None) if kind is not None else None


def _decided_already(session: Session, lead: Lead | None, decided: Decision, when: object) -> bool:
    """The lead's last decision says the same about the same hand-over."""
    if lead is None:
        return False
    last = session.exec(
        select(LeadDecision)
        .where(LeadDecision.lead_id == lead.id)
        .order_by(col(LeadDecision.decided_at).desc(), col(LeadDecision.id).desc())
    ).first()
    hand_over = when if when is not None else lead.handed_over_at
    return last is not None and (last.decision, last.reason, last.handed_over_at) == (
        *decided,
        hand_over,
    )


def plan_lead_import(db: Database, path: Path, *, clock: Clock | None = None) -> LeadImport:
    """Check every row; a rejection's reason against the list agreed at `clock`'s now."""
    names, rows = csv_rows(read_text(path), path)
    csv_format = detect_format(names, path)
    plan = LeadImport(format=csv_format.name, rows=len(rows))
    problems: list[str] = []
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple[str, str], int] = {}
    with db.read() as session:
        people = {name.lower(): pid for pid, name in session.exec(select(Person.id, Person.name))}
        reasons = reasons_then(session, clock.now() if clock else None)
        columns = stage_columns(session, names, path, plain=csv_format.name == "plain")
        known = known_dates(session) if columns else {}
        for line, row in rows:
            record = {key: _value(row, csv_format.read.get(key, ())) for key in FIELDS}
            if not record["name"]:
                problems.append(f"line {line}: the name is empty")
                continue
            if csv_format.name != "plain" and not record["crm_id"]:
                problems.append(f"line {line}: the record id is empty")
                continue
            if record["crm_id"]:
                if record["crm_id"] in seen_ids:
                    problems.append(
                        f"line {line}: record id {record['crm_id']} is already on line "
                        f"{seen_ids[record['crm_id']]}"
                    )
                    continue
                seen_ids[record["crm_id"]] = line
            else:
                key = (record["email"].lower() or record["name"].lower(), record["company"].lower())
                if key in seen_keys:
                    problems.append(
                        f"line {line}: {record['name']} is already on line {seen_keys[key]}"
                    )
                    continue
                seen_keys[key] = line
            try:
                handed_over, first_touch = (
                    parse_moment(record[key]) if record[key] else None
                    for key in ("handed_over", "first_touch")
                )
                dates = row_dates(row, columns)
            except HuddleError as error:
                problems.append(f"line {line}: {error}")
                continue
            if handed_over and first_touch and first_touch < handed_over:
                problems.append(f"line {line}: the first touch is before the hand-over")
                continue
            try:
                decided = _decision(record, reasons)
            except HuddleError as error:
                problems.append(f"line {line}: {error}")
                continue
            owner = record["owner"]
            if owner and owner.lower() not in people and owner not in plan.new_people:
                plan.new_people.append(owner)
            wanted: dict[str, object] = {
                "name": record["name"],
                "company": record["company"],
                "email": record["email"],
                "crm_id": record["crm_id"] or None,
                "status": record["status"].lower(),
                "source": record["source"],
                "owner": owner,
                "handed_over_at": handed_over,
                "first_touch_at": first_touch,
            }
            if decided and not record["status"]:  # where the decision puts the lead
                rejected = decided[0] == LeadDecisionKind.REJECTED
                wanted["status"] = Outcome.NURTURE if rejected else ACCEPTED_STATUS
            existing = _existing(session, record)
            if decided and not _decided_already(session, existing, decided, handed_over):
                plan.decisions.append((record, *decided))
            if existing is None:
                plan.new.append(wanted)
                plan.new_dates.append(dates)
                continue
            owner_name = ""
            if existing.owner_id:
                owned_by = session.get(Person, existing.owner_id)
                assert owned_by is not None  # a lead's owner is a person (a foreign key)
                owner_name = owned_by.name
            current = {
                "name": existing.name,
                "company": existing.company,
                "email": existing.email,
                "crm_id": existing.crm_id,
                "status": existing.status,
                "source": existing.source,
                "owner": owner_name,
                "handed_over_at": existing.handed_over_at,
                "first_touch_at": existing.first_touch_at,
            }
            changed = {
                key: value
                for key, value in wanted.items()
                if (str(value).lower() if key == "owner" else value)
                != (str(current[key]).lower() if key == "owner" else current[key])
                and not (key in KEPT_WHEN_EMPTY and value is None)
            }
            stages = changed_dates(dates, known.get(stored_id(existing.id), {}))
            if stages:  # a stage's empty cell forgets nothing either
                plan.moved[stored_id(existing.id)] = stages
            if changed or stages:
                plan.changes.append((stored_id(existing.id), changed))
            elif not (plan.decisions and plan.decisions[-1][0] is record):
                plan.unchanged += 1
    if problems:
        raise HuddleError(problem_report(path, problems).replace("bad row", "rejected row"))
    return plan


def apply_lead_import(db: Database, plan: LeadImport, *, clock: Clock) -> None:
    """Every lead in one transaction, new ones through one bulk insert."""
    now = clock.now()
    with db.write() as session:
        people = {name.lower(): pid for pid, name in session.exec(select(Person.id, Person.name))}
        for name in plan.new_people:
            person = Person(name=name, team="sales")
            session.add(person)
            session.flush()
            people[name.lower()] = person.id

        def owner_id(name: object) -> int | None:
            return people.get(str(name).lower()) if name else None

        if plan.new:
            leads = table_of(Lead)
            # Core: one executemany, not a statement per row; the ids back, in the rows'
            # order, for their stage dates
            added: Any = session.execute(
                insert(leads).returning(leads.c.id, sort_by_parameter_order=True),
                [
                    {
                        **{k: v for k, v in row.items() if k != "owner"},
                        "owner_id": owner_id(row["owner"]),
                        "updated_at": now,
                    }
                    for row in plan.new
                ],
            ).scalars()
            dated = zip(added, plan.new_dates, strict=True)
            write_dates(session, [(i, d) for i, d in dated if d], replace=False)
        for lead_id, changed in plan.changes:
            lead = session.get(Lead, lead_id)
            assert lead is not None
            for key, value in changed.items():
                if key == "owner":
                    lead.owner_id = owner_id(value)
                else:
                    setattr(lead, key, value)
            lead.updated_at = now
        write_dates(session, list(plan.moved.items()), replace=True)
        session.flush()
        for record, kind, reason in plan.decisions:
            lead = _existing(session, record)
            assert lead is not None  # written above
            decide(session, lead, kind, reason=reason, at=now, set_status=False)
