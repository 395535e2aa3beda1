"""Who is at this huddle: the person named with `--as` ($HUDDLE_AS), or the one a browser
said it is the first time it opened huddle ($HUDDLE_BROWSER, set by `huddle serve`).

Knowing who is here is not a login: anyone may say they are anyone. It is what lets an
entry typed in a browser be that person's, and the facilitator's controls stay with the
facilitator. Read with Core: a huddle that starts as someone and only looks never loads
the ORM (tests/test_project.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import func, select

from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.names import unknown_name
from meeting.foundations.text import required
from storage.db import Database
from storage.tables import BROWSER, PERSON

# What `huddle serve` sets per browser, from its cookie: anything else is not a browser's id.
BROWSER_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Me:
    """The person at this huddle."""

    id: int
    name: str


def browser_id(value: str | None) -> str | None:
    """The browser's id from $HUDDLE_BROWSER; a value that is not one (empty, too short,
    odd characters) is ignored, as if huddle ran in a terminal."""
    if value is None or not BROWSER_ID.fullmatch(value):
        return None
    return value


def _key(browser: str) -> str:
    return hashlib.sha256(browser.encode("ascii")).hexdigest()


def me_named(db: Database, name: str) -> Me:
    """The person `--as` names, matched as every name is (any case); an unknown name says
    how to see the list and how to add them."""
    cleaned = name.strip()
    if not cleaned:
        raise HuddleError("--as is empty: give the name of someone on `huddle people list`")
    with db.connect() as conn:
        found = conn.execute(
            select(PERSON.c.id, PERSON.c.name).where(func.lower(PERSON.c.name) == cleaned.lower())
        ).first()
        if found is not None:
            return Me(int(found.id), str(found.name))
        known: list[str] = list(conn.execute(select(PERSON.c.name)).scalars())
    error = unknown_name("person", cleaned, known)
    raise HuddleError(
        f"{error}; --as takes someone on the list (huddle people list), or add them first: "
        f"huddle people add {cleaned!r} --team sales"
    )


def chosen_by(db: Database, browser: str) -> Me | None:
    """The person this browser said it is, if it has said."""
    with db.connect() as conn:
        found = conn.execute(
            select(PERSON.c.id, PERSON.c.name)
            .join(BROWSER, BROWSER.c.person_id == PERSON.c.id)
            .where(BROWSER.c.key == _key(browser))
        ).first()
    return Me(int(found.id), str(found.name)) if found is not None else None


def remember_browser(db: Database, browser: str, me: Me, *, clock: Clock) -> None:
    """This browser is `me` from now on (a later choice replaces it)."""
    from storage.models import Browser

    with db.write() as session:
        row = session.get(Browser, _key(browser))
        if row is None:
            row = Browser(key=_key(browser), person_id=me.id, chosen_at=clock.now())
        row.person_id, row.chosen_at = me.id, clock.now()
        session.add(row)


def add_me(db: Database, name: str, team: str) -> Me:
    """Someone not on the list yet adds themselves (the first person in a new database)."""
    from meeting.entries.people import find_person, normalise_team
    from storage.models import Person, stored_id

    cleaned = required(name, "name")
    with db.write() as session:
        if find_person(session, cleaned) is not None:
            raise HuddleError(f"{cleaned!r} is on the list already: pick the name instead")
        person = Person(name=cleaned, team=normalise_team(team))
        session.add(person)
        session.flush()
        return Me(stored_id(person.id), person.name)
