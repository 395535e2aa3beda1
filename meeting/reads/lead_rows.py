"""Leads as the Leads screen and `huddle leads list` show them: one filter, counted and read
a page at a time with Core, so a CRM's 100,000 leads open at once and a session that only
looks never loads the ORM."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, select

from meeting.foundations.records import record_dict
from meeting.foundations.statuses import LeadDecisionKind
from storage.db import Database
from storage.tables import LEAD, LEAD_DECISION, PERSON

PAGE = 100


@dataclass
class LeadRow:
    id: int
    name: str
    company: str
    email: str
    crm_id: str | None
    owner: str | None
    status: str
    source: str
    updated_at: dt.datetime
    handed_over_at: dt.datetime | None = None
    first_touch_at: dt.datetime | None = None
    rejected_for: str | None = None  # the reason, while sales' last decision is a rejection

    def as_dict(self) -> dict[str, object]:
        names = (
            "id",
            "name",
            "company",
            "email",
            "crm_id",
            "owner",
            "status",
            "source",
            "handed_over_at",
            "first_touch_at",
            "rejected_for",
        )
        return record_dict(self, names)


def _where(query: Select[Any], status: str | None, search: str | None) -> Select[Any]:
    if status:
        query = query.where(func.lower(LEAD.c.status) == status.lower())
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            func.lower(LEAD.c.name).like(pattern) | func.lower(LEAD.c.company).like(pattern)
        )
    return query


def _rejected_for() -> Any:
    """The reason of the lead's last decision when that was a rejection: why a lead on the
    nurture list is there. Read for the page alone, by the decisions' lead index."""
    last = (
        select(
            case((LEAD_DECISION.c.decision == LeadDecisionKind.REJECTED, LEAD_DECISION.c.reason))
        )
        .where(LEAD_DECISION.c.lead_id == LEAD.c.id)
        .order_by(LEAD_DECISION.c.decided_at.desc(), LEAD_DECISION.c.id.desc())
        .limit(1)
    )
    return last.scalar_subquery()


def count_leads(db: Database, *, status: str | None = None, search: str | None = None) -> int:
    """How many leads the filter selects: the whole, while the screen holds a page."""
    query = _where(select(func.count()).select_from(LEAD), status, search)
    with db.connect() as conn:
        return conn.execute(query).scalar_one()


def list_leads(
    db: Database,
    *,
    status: str | None = None,
    search: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[LeadRow]:
    """By name, then by id, so pages of leads with one name neither repeat nor skip one."""
    query = (
        select(
            LEAD.c.id,
            LEAD.c.name,
            LEAD.c.company,
            LEAD.c.email,
            LEAD.c.crm_id,
            PERSON.c.name,
            LEAD.c.status,
            LEAD.c.source,
            LEAD.c.updated_at,
            LEAD.c.handed_over_at,
            LEAD.c.first_touch_at,
            _rejected_for(),
        )
        .select_from(LEAD)
        .join(PERSON, PERSON.c.id == LEAD.c.owner_id, isouter=True)
    )
    query = _where(query, status, search).order_by(func.lower(LEAD.c.name), LEAD.c.id)
    rows: Sequence[Any] = db.page(query, offset=offset, limit=limit)
    return [LeadRow(*row) for row in rows]
