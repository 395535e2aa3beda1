"""People are typed once and remembered; names match case-insensitively."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from meeting.foundations.errors import HuddleError
from meeting.foundations.names import find_named, unknown_name
from meeting.foundations.teams import teams_offered
from meeting.foundations.text import required
from storage.db import Database
from storage.models import HeadsUp, Item, Metric, PendingItem, Person


def find_person(session: Session, name: str) -> Person | None:
    return find_named(session, Person, name)


def resolve_person(session: Session, name: str) -> Person:
    """A known person by name; unknown names are an error that offers close matches."""
    cleaned = required(name, "person's name")
    person = find_person(session, cleaned)
    if person is None:
        raise unknown_name("person", cleaned, list(session.exec(select(col(Person.name)))))
    return person


def remember_person(session: Session, name: str, team: str | None = None) -> Person:
    """The person called `name`, added with `team` the first time the name is used."""
    cleaned = required(name, "person's name")
    person = find_person(session, cleaned)
    if person is not None:
        return person
    person = Person(name=cleaned, team=normalise_team(team or "sales"))
    session.add(person)
    session.flush()
    return person


def normalise_team(team: str) -> str:
    cleaned = required(team, "team").lower()
    if any(ch.isspace() for ch in cleaned):
        raise HuddleError(f"team {team!r} has spaces (use one word such as sales or marketing)")
    return cleaned


def all_people(session: Session) -> list[Person]:
    return list(session.exec(select(Person).order_by(func.lower(Person.name))))


def known_teams(session: Session) -> list[str]:
    return teams_offered(set(session.exec(select(Person.team).distinct())))


def teams_in_use(session: Session) -> list[str]:
    """Every team anything names: its people's, and a metric's, an entry's or a heads-up's
    where nobody is in it yet (a typo among these would start a team of its own)."""
    used: set[str] = set()
    for model in (Person, Metric, Item, PendingItem, HeadsUp):
        used.update(session.exec(select(model.team).distinct()))
    return teams_offered(used)


@dataclass(frozen=True)
class Roster:
    """Everyone known and the teams to pick from: what every form that names a person needs."""

    teams_of: dict[str, str]  # name -> team, in name order
    teams: list[str]

    @property
    def names(self) -> list[str]:
        return list(self.teams_of)


def roster(db: Database) -> Roster:
    with db.read() as session:
        return Roster({p.name: p.team for p in all_people(session)}, known_teams(session))
