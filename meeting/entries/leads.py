"""Leads: prospects known by name and company, owned by someone in sales."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from meeting.entries.people import remember_person
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.names import unknown_name
from meeting.foundations.text import required
from storage.db import Database
from storage.models import Lead, stored_id


def split_lead(typed: str) -> tuple[str, str]:
    """`Bob Smith (Globex)` is Bob Smith at Globex; a name alone has no company."""
    cleaned = typed.strip()
    if cleaned.endswith(")") and " (" in cleaned:
        person, company = cleaned[:-1].rsplit(" (", 1)
        if person.strip() and company.strip():
            return person.strip(), company.strip()
    return cleaned, ""


def lead_label(name: str, company: str) -> str:
    """How a lead is shown and typed: `Bob Smith (Globex)`, or the name alone."""
    return f"{name} ({company})" if company else name


def lead_labels(db: Database) -> list[str]:
    """Every known lead as people type it, for suggestions and for telling new from known."""
    with db.read() as session:
        rows = session.exec(select(Lead.name, Lead.company).order_by(func.lower(Lead.name)))
        return [lead_label(name, company or "") for name, company in rows]


def find_lead(session: Session, name: str) -> Lead | None:
    """By name, `name (company)` or CRM record id."""
    typed = name.strip()
    by_id = session.exec(select(Lead).where(Lead.crm_id == typed)).first()
    if by_id is not None:
        return by_id
    person, company = split_lead(typed)
    if company:
        found = session.exec(
            select(Lead).where(
                func.lower(Lead.name) == person.strip().lower(),
                func.lower(Lead.company) == company.strip().lower(),
            )
        ).first()
        if found is not None:
            return found
    return session.exec(select(Lead).where(func.lower(Lead.name) == typed.lower())).first()


def resolve_lead(session: Session, name: str) -> Lead:
    cleaned = required(name, "lead name")
    lead = find_lead(session, cleaned)
    if lead is None:
        raise unknown_name("lead", cleaned, list(session.exec(select(col(Lead.name)))))
    return lead


def find_or_add_lead(session: Session, name: str, *, clock: Clock) -> Lead:
    """A known lead, or a new one: a question may name a lead nobody has imported yet."""
    cleaned = required(name, "lead name")
    lead = find_lead(session, cleaned)
    if lead is None:
        person, company = split_lead(cleaned)
        lead = Lead(name=person, company=company, updated_at=clock.now())
        session.add(lead)
        session.flush()
    return lead


def save_lead(
    db: Database,
    lead_id: int | None,
    *,
    name: str,
    company: str = "",
    email: str = "",
    crm_id: str = "",
    owner: str = "",
    status: str = "",
    source: str = "",
    clock: Clock,
) -> int:
    """Add a lead by hand (lead_id None) or change one."""
    cleaned = required(name, "lead name")
    with db.write() as session:
        record = crm_id.strip() or None
        if record is not None:
            clash = session.exec(select(Lead).where(Lead.crm_id == record)).first()
            if clash is not None and clash.id != lead_id:
                raise HuddleError(f"CRM record id {record} already belongs to {clash.name}")
        if lead_id is None:
            lead = Lead(name=cleaned, updated_at=clock.now())
            session.add(lead)
        else:
            found = session.get(Lead, lead_id)
            if found is None:
                raise HuddleError(f"no lead with id {lead_id}")
            lead = found
        lead.name = cleaned
        lead.company = company.strip()
        lead.email = email.strip()
        lead.crm_id = record
        lead.owner_id = remember_person(session, owner, "sales").id if owner.strip() else None
        lead.status = status.strip().lower()
        lead.source = source.strip()
        lead.updated_at = clock.now()
        session.flush()
        return stored_id(lead.id)
