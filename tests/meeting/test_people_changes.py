"""Renaming, moving and merging people keeps every reference whole."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel, select

from meeting.agenda import meetings
from meeting.entries import actions, items, questions
from meeting.entries.people_changes import (
    add_person,
    list_people,
    merge_people,
    rename_person,
    set_team,
)
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import ActionStatus
from meeting.reads.timeline import timeline
from storage.db import Database
from storage.models import Attendance, Item, Lead, LeadQuestion, Meeting, Person


def test_merge_moves_every_reference_and_leaves_an_event(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Samm")
    view = meetings.get_meeting(db, meeting_id)
    action = actions.add_action(
        db, meeting_id=meeting_id, text="Call Acme", owner="Samm", due=None, clock=clock
    )
    actions.add_action(db, meeting_id=meeting_id, text="Deck", owner="Sam", due=None, clock=clock)
    question = questions.ask_question(
        db,
        series_id=view.series_id,
        meeting_id=meeting_id,
        text="Why quiet?",
        lead="Nora Walsh",
        assignee="Samm",
        asked_by="Samm",
        due=None,
        clock=clock,
    )
    items.add_item(
        db, view.sections[2].id, "Webinars work", team="sales", author="Samm", clock=clock
    )
    with db.write() as session:
        for lead in session.exec(select(Lead)):
            lead.owner_id = session.exec(select(Person).where(Person.name == "Samm")).one().id

    from meeting.entries.votes import vote

    entry = items.add_item(db, view.sections[2].id, "Fast replies", team="sales", clock=clock)
    vote(db, entry, by="Samm", clock=clock)
    actions.set_status(db, action, ActionStatus.DROPPED, clock=clock, by="Samm")
    actions.set_status(db, action, ActionStatus.OPEN, clock=clock)
    with db.read() as session:
        gone_id = session.exec(select(Person.id).where(Person.name == "Samm")).one()

    assert merge_people(db, "samm", "Sam", clock=clock) == 1  # any case
    with db.read() as session:  # whatever table points at a person: none at the gone one
        for table in SQLModel.metadata.sorted_tables:
            for column in table.c:
                if any(fk.column.table.name == "person" for fk in column.foreign_keys):
                    found = session.execute(select(column).where(column == gone_id)).first()
                    assert found is None, f"{table.name}.{column.name} still names Samm"
    with db.read() as session:
        sam = session.exec(select(Person).where(Person.name == "Sam")).one()
        assert session.exec(select(Person).where(Person.name == "Samm")).first() is None
        asked = session.get(LeadQuestion, question)
        assert asked is not None and asked.assignee_id == sam.id == asked.asked_by_id
        assert {i.author_id for i in session.exec(select(Item))} == {sam.id, None}
        assert {lead.owner_id for lead in session.exec(select(Lead))} == {sam.id}
        assert session.get(Meeting, meeting_id).facilitator_id == sam.id  # type: ignore[union-attr]  # the row exists
        attended = session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id))
        assert [a.person_id for a in attended] == [sam.id]  # both attended: one row, not two
    assert actions.get_action(db, action).owner == "Sam"
    assert [(e.kind, e.old, e.new) for e in timeline(db, action)][-1] == (
        "owner",
        "Samm",
        "Sam (merged)",
    )


def test_bad_changes_are_refused_and_change_nothing(db: Database, clock: FixedClock) -> None:
    add_person(db, "Sam", "sales")
    add_person(db, "Priya", "marketing")
    with pytest.raises(HuddleError, match="same person"):
        merge_people(db, "Sam", "sam", clock=clock)
    with pytest.raises(HuddleError, match="did you mean: Sam"):
        merge_people(db, "Samm", "Priya", clock=clock)
    with pytest.raises(HuddleError, match="huddle people merge 'Priya' 'Sam'"):
        rename_person(db, "Priya", "SAM")
    with pytest.raises(HuddleError, match="already on the list"):
        add_person(db, "priya", "sales")
    with pytest.raises(HuddleError, match="has spaces"):
        set_team(db, "Priya", "inside sales")
    assert [(p.name, p.team) for p in list_people(db)] == [("Priya", "marketing"), ("Sam", "sales")]
    rename_person(db, "priya", "Priya Nair")
    set_team(db, "Priya Nair", "Leadership")
    assert [(p.name, p.team) for p in list_people(db)] == [
        ("Priya Nair", "leadership"),
        ("Sam", "sales"),
    ]
