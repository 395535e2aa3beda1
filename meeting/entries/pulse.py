"""The alignment pulse: a few statements each attendee rates 1 to 5 in a meeting, anonymously.
Statements are data with versions (who changed the wording, when, in which meeting, why),
as agreements are. A rating is kept as a count per meeting, statement version, team and
score, never with its rater; who has rated is kept apart, with no score and no time, so
no one rates a statement twice and nothing ties a score to a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from meeting.entries.people import remember_person, resolve_person
from meeting.foundations.clock import Clock, local_day
from meeting.foundations.ended import refuse_if_ended
from meeting.foundations.errors import HuddleError
from meeting.foundations.names import unknown_name
from storage.db import Database
from storage.models import (
    Person,
    PulseRated,
    PulseRating,
    PulseStatement,
    PulseStatementVersion,
    stored_id,
)

BOTH = "both"
SCORES = range(1, 6)
LEAD_QUALITY = "lead-quality"
FOLLOW_UP = "follow-up"

# The statements every database starts with: key, the team that rates it, the wording.
DEFAULTS: tuple[tuple[str, str, str], ...] = (
    (LEAD_QUALITY, "sales", "The leads marketing sends are worth my time"),
    (FOLLOW_UP, "marketing", "Sales follows up on our leads on time"),
    ("ideal-customer", BOTH, "We agree on who our ideal customer is"),
    ("other-team", BOTH, "I know what the other team is working on"),
)


@dataclass
class StatementRow:
    id: int
    key: str
    rated_by: str  # a team, or "both"
    text: str
    version: int  # how many versions it has
    version_id: int  # the current version's row
    changed_at: dt.datetime
    changed_by: str | None
    why: str | None

    def rated_by_team(self, team: str) -> bool:
        return self.rated_by == BOTH or self.rated_by == team

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "rated_by": self.rated_by,
            "version": self.version,
            "changed_at": self.changed_at.isoformat(),
            "changed_by": self.changed_by,
            "why": self.why,
            "text": self.text,
        }

    def change(self) -> str:
        """'version 2, 2026-10-05 by Dana: why'."""
        who = f" by {self.changed_by}" if self.changed_by else ""
        why = f": {self.why}" if self.why else ""
        return f"version {self.version}, {local_day(self.changed_at).isoformat()}{who}{why}"


def _ensure_defaults(session: Session, clock: Clock) -> None:
    known = set(session.exec(select(PulseStatement.key)))
    for key, team, text in DEFAULTS:
        if key in known:
            continue
        statement = PulseStatement(key=key, rated_by=team, created_at=clock.now())
        session.add(statement)
        session.flush()
        session.add(
            PulseStatementVersion(
                statement_id=stored_id(statement.id), text=text, changed_at=clock.now()
            )
        )
    session.flush()


def _missing(session: Session) -> bool:
    known = set(session.exec(select(PulseStatement.key)))
    return any(key not in known for key, _, _ in DEFAULTS)


def list_statements(db: Database, *, clock: Clock) -> list[StatementRow]:
    """Every statement, the defaults first, each with its current wording. The defaults
    are written the first time they are missing (not on a read-only database)."""
    with db.read() as session:
        missing = _missing(session)
    if missing and not db.read_only:
        with db.write() as session:
            _ensure_defaults(session, clock)
    with db.read() as session:
        return _rows(session)


def _rows(session: Session) -> list[StatementRow]:
    versions: dict[int, list[tuple[PulseStatementVersion, str | None]]] = {}
    query = (
        select(PulseStatementVersion, col(Person.name))
        .join(Person, col(Person.id) == PulseStatementVersion.changed_by_id, isouter=True)
        .order_by(col(PulseStatementVersion.id))
    )
    for version, who in session.exec(query):
        versions.setdefault(version.statement_id, []).append((version, who))
    rows = []
    for statement in session.exec(select(PulseStatement).order_by(col(PulseStatement.id))):
        found = versions.get(stored_id(statement.id))
        if not found:
            continue
        current, changed_by = found[-1]
        rows.append(
            StatementRow(
                id=stored_id(statement.id),
                key=statement.key,
                rated_by=statement.rated_by,
                text=current.text,
                version=len(found),
                version_id=stored_id(current.id),
                changed_at=current.changed_at,
                changed_by=changed_by,
                why=current.why,
            )
        )
    return rows


def statement_texts(db: Database) -> dict[str, str]:
    """Each statement's current wording by key, in their order; a plain read."""
    return {row.key: row.text for row in read_statements(db)}


def read_statements(db: Database) -> list[StatementRow]:
    """Every statement as `list_statements` gives them, without writing the defaults."""
    with db.read() as session:
        return _rows(session)


def _resolve(session: Session, key: str) -> PulseStatement:
    typed = (key or "").strip().lower()
    if not typed:
        raise HuddleError("the statement's key is empty (try: huddle pulse statements)")
    found = session.exec(
        select(PulseStatement).where(func.lower(PulseStatement.key) == typed)
    ).first()
    if found is None:
        keys = list(session.exec(select(PulseStatement.key).order_by(col(PulseStatement.id))))
        raise unknown_name("statement", key, keys, list_known=True)
    return found


def edit_statement(
    db: Database,
    key: str,
    text: str,
    *,
    clock: Clock,
    by: str | None = None,
    why: str | None = None,
    meeting_id: int | None = None,
) -> int:
    """A new wording of `key`; returns its version number. Ratings keep the wording they
    were given to, so a changed statement's trend can be read for what it is."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise HuddleError(f"the text of {key!r} is empty (type the statement people rate)")
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        _ensure_defaults(session, clock)
        statement = _resolve(session, key)
        versions = list(
            session.exec(
                select(PulseStatementVersion)
                .where(PulseStatementVersion.statement_id == statement.id)
                .order_by(col(PulseStatementVersion.id))
            )
        )
        if versions and versions[-1].text == cleaned:
            raise HuddleError(f"{statement.key} already says exactly that; nothing changed")
        person = remember_person(session, by) if by else None
        session.add(
            PulseStatementVersion(
                statement_id=stored_id(statement.id),
                text=cleaned,
                changed_at=clock.now(),
                changed_by_id=person.id if person else None,
                meeting_id=meeting_id,
                why=(why or "").strip() or None,
            )
        )
        return len(versions) + 1


def parse_score(value: str | int, key: str) -> int:
    """A score from 1 to 5, or a one-line error that says so."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or int(text) not in SCORES:
        raise HuddleError(f"{key}: a rating is a whole number from 1 to 5, not {text!r}")
    return int(text)


def rate(
    db: Database, meeting_id: int, rater: str, scores: Mapping[str, int | str], *, clock: Clock
) -> int:
    """`rater` rates statements in a meeting; all or nothing, and each statement once.
    Returns how many were rated. The rater's name is kept only as having rated."""
    if not scores:
        raise HuddleError("nothing to rate (give KEY=SCORE, e.g. lead-quality=4)")
    checked = {key: parse_score(score, key) for key, score in scores.items()}
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        _ensure_defaults(session, clock)
        person = resolve_person(session, rater)
        rows = {row.id: row for row in _rows(session)}
        for key, score in checked.items():
            statement = _resolve(session, key)
            row = rows[stored_id(statement.id)]
            if not row.rated_by_team(person.team):
                raise HuddleError(
                    f"{row.key} is rated by {row.rated_by}, and {person.name} is in "
                    f"{person.team} (leave {row.key} out)"
                )
            if session.get(PulseRated, (meeting_id, row.id, person.id)) is not None:
                raise HuddleError(f"{person.name} has rated {row.key} in this meeting already")
            session.add(
                PulseRated(
                    meeting_id=meeting_id, statement_id=row.id, person_id=stored_id(person.id)
                )
            )
            tally = session.get(PulseRating, (meeting_id, row.version_id, person.team, score))
            if tally is None:
                tally = PulseRating(
                    meeting_id=meeting_id,
                    version_id=row.version_id,
                    team=person.team,
                    score=score,
                    count=0,
                )
            tally.count += 1
            session.add(tally)
            session.flush()
        return len(checked)


def rated_count(db: Database, meeting_id: int) -> dict[str, int]:
    """How many people have rated each statement in a meeting: all a meeting ever shows
    while the pulse runs."""
    with db.read() as session:
        found = session.exec(
            select(PulseStatement.key, func.count())
            .join(PulseRated, col(PulseRated.statement_id) == PulseStatement.id)
            .where(PulseRated.meeting_id == meeting_id)
            .group_by(PulseStatement.key)
        )
        return {key: count for key, count in found}


def has_rated(db: Database, meeting_id: int, person_id: int) -> set[str]:
    """The statements one person has rated in a meeting (never their scores)."""
    with db.read() as session:
        found = session.exec(
            select(PulseStatement.key)
            .join(PulseRated, col(PulseRated.statement_id) == PulseStatement.id)
            .where(PulseRated.meeting_id == meeting_id, PulseRated.person_id == person_id)
        )
        return set(found)
