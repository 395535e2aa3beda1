"""The alignment pulse in a meeting: which statements a person rates there, whether they have,
and how many of the room have rated each, all without a score. A meeting shows no score or
average while it runs (meeting/numbers/pulse.py counts a meeting's ratings once it has
ended); its minutes say how many of each team rated each statement, and no more."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from meeting.entries.pulse import StatementRow, list_statements, read_statements
from meeting.foundations.clock import Clock
from storage.db import Database
from storage.models import (
    Attendance,
    Person,
    PulseRated,
    PulseRating,
    PulseStatement,
    PulseStatementVersion,
    stored_id,
)


@dataclass(frozen=True)
class StatementProgress:
    """One statement in a meeting: its wording, whether the person looking has rated it,
    and `rated` of `of` (the attendees who rate it, and anyone else who did) rated."""

    statement: StatementRow
    mine: bool
    rated: int
    of: int

    @property
    def key(self) -> str:
        return self.statement.key

    def room(self) -> str:
        """'2 of 5 rated'."""
        return f"{self.rated} of {self.of} rated"


@dataclass(frozen=True)
class PulseRound:
    """The statements as one person sees them in a meeting: those their team rates, or
    every statement for someone who has not said who they are (`team` None)."""

    team: str | None
    statements: list[StatementProgress]

    def unrated(self) -> list[str]:
        """The keys still to rate, in order: the person's own, not the room's."""
        return [s.key for s in self.statements if not s.mine]


def _people_by_team(session: Session, meeting_id: int) -> dict[int, str]:
    query = (
        select(col(Person.id), col(Person.team))
        .join(Attendance, col(Attendance.person_id) == Person.id)
        .where(Attendance.meeting_id == meeting_id)
    )
    return {stored_id(person): team for person, team in session.exec(query)}


def pulse_round(
    db: Database, meeting_id: int, person_id: int | None, *, clock: Clock
) -> PulseRound:
    """The pulse of a meeting as `person_id` sees it (None: someone who has not said)."""
    statements = list_statements(db, clock=clock)
    with db.read() as session:
        person = session.get(Person, person_id) if person_id is not None else None
        team = person.team if person is not None else None
        present = _people_by_team(session, meeting_id)
        raters: dict[int, set[int]] = {}
        for statement_id, rater in session.exec(
            select(col(PulseRated.statement_id), col(PulseRated.person_id)).where(
                PulseRated.meeting_id == meeting_id
            )
        ):
            raters.setdefault(statement_id, set()).add(rater)
    shown = []
    for row in statements:
        if team is not None and not row.rated_by_team(team):
            continue
        who = raters.get(row.id, set())
        rate_it = {p for p, t in present.items() if row.rated_by_team(t)}
        mine = person_id is not None and person_id in who
        shown.append(StatementProgress(row, mine, len(who), len(rate_it | who)))
    return PulseRound(team, shown)


def rated_by_team(db: Database, meeting_id: int) -> list[tuple[StatementRow, dict[str, int]]]:
    """Each statement, with how many of each team rated it in a meeting (a statement
    reworded in the meeting counts its versions together): counts, never a score."""
    query = (
        select(col(PulseStatement.key), col(PulseRating.team), func.sum(PulseRating.count))
        .join(PulseStatementVersion, col(PulseStatementVersion.id) == PulseRating.version_id)
        .join(PulseStatement, col(PulseStatement.id) == PulseStatementVersion.statement_id)
        .where(PulseRating.meeting_id == meeting_id)
        .group_by(col(PulseStatement.key), col(PulseRating.team))
    )
    counts: dict[str, dict[str, int]] = {}
    with db.read() as session:
        for key, team, count in session.exec(query):
            counts.setdefault(key, {})[team] = int(count)
    return [(row, counts.get(row.key, {})) for row in read_statements(db)]
