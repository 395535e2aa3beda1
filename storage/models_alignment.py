"""The tables of what both teams agree on and how they feel about it: agreements with every
version, and the pulse's statements (versioned too), its ratings kept as counts with no
rater, and who has rated with no score. Registered through `storage.models`."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


class Agreement(SQLModel, table=True):
    """A named text both teams keep (the MQL definition, the follow-up SLA, ...). Its text
    lives in its versions: the current one is the latest."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    owner_team: str
    created_at: dt.datetime


class AgreementVersion(SQLModel, table=True):
    """One change to an agreement: who, when, in which meeting and why. The SLA's numbers
    are kept with the text they were agreed in."""

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    text: str
    follow_up_hours: float | None = None  # lead handed over -> sales' first touch
    answer_days: float | None = None  # lead question asked -> answered
    changed_at: dt.datetime
    changed_by_id: int | None = Field(default=None, foreign_key="person.id")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    why: str | None = None


class PulseStatement(SQLModel, table=True):
    """A statement of the alignment pulse, rated 1 to 5 in a meeting. Its text lives in its
    versions, as an agreement's does; `rated_by` is the team that rates it, or "both"."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    rated_by: str
    created_at: dt.datetime


class PulseStatementVersion(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="pulsestatement.id", index=True)
    text: str
    changed_at: dt.datetime
    changed_by_id: int | None = Field(default=None, foreign_key="person.id")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    why: str | None = None


class PulseRating(SQLModel, table=True):
    """How many of a team gave a statement (as worded then) a score in a meeting: counts, no
    row per rating, so nothing stored tells one rater's score from another's, not even the
    order they rated in."""

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    version_id: int = Field(foreign_key="pulsestatementversion.id", primary_key=True)
    team: str = Field(primary_key=True)
    score: int = Field(primary_key=True)  # 1..5
    count: int


class PulseRated(SQLModel, table=True):
    """Who has rated a statement in a meeting, so no one rates it twice: no score, no time."""

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    statement_id: int = Field(foreign_key="pulsestatement.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True)
