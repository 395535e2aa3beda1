"""Writing alone: in a writing phase each person's entries are theirs until the reveal, on
every path that reads entries; an anonymous section keeps no author anywhere; the ready
check counts who is done. On SQLite and PostgreSQL (tests/meeting/conftest.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from meeting.agenda import meetings
from meeting.agenda.prepared import add_entry, list_entries
from meeting.agenda.writing_phase import Change, change_section, section_named
from meeting.catalog.template_store import save_template
from meeting.entries import actions, items, writing
from meeting.entries.identity import me_named
from meeting.entries.people_changes import add_person
from meeting.entries.votes import vote
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import SectionPhase
from meeting.reports import closing
from meeting.reports.minutes import minutes_markdown, render
from meeting.reports.minutes_bulk import collect_all
from meeting.reports.summary import summarise_now
from storage.db import Database

SECRET = "Pricing page hides the demo button"


def started(db: Database, clock: FixedClock) -> tuple[int, int]:
    """Dana facilitates; Priya and Sam take part. The meeting and its What's broken."""
    for name, team in (("Dana", "marketing"), ("Priya", "sales"), ("Sam", "sales")):
        add_person(db, name, team)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    broken = section_named(meetings.get_meeting(db, meeting_id), "broken")
    return meeting_id, broken.id


def test_an_entry_written_alone_is_its_writers_only_until_the_reveal(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, broken = started(db, clock)
    dana, priya, sam = (writing.viewer_of(me_named(db, n)) for n in ("Dana", "Priya", "Sam"))
    change_section(db, meeting_id, broken, Change.WRITING_ON, me=me_named(db, "Dana"))
    entry = items.add_item(db, broken, SECRET, team="marketing", author="Priya", clock=clock)
    items.add_item(db, broken, "Leads come in late", team="sales", author="Sam", clock=clock)

    assert [i.text for i in items.items(db, broken, viewer=priya)] == [SECRET]
    assert SECRET not in [i.text for i in items.items(db, broken, viewer=sam)]
    assert items.items(db, broken) == []  # a shared record (writing.NOBODY)
    assert writing.progress(db, broken).counts_said() == "Priya 1 · Sam 1"
    with pytest.raises(HuddleError, match="only its writer can edit it"):
        items.update_item(db, entry, text="x", team="sales", viewer=sam)
    with pytest.raises(HuddleError, match="only its writer can delete it"):
        items.delete_item(db, entry, clock=clock, viewer=dana)
    with pytest.raises(HuddleError, match="votes come once the facilitator reveals it"):
        vote(db, entry, by="Sam", clock=clock)
    with pytest.raises(HuddleError, match="turn its entries into actions"):
        actions.add_action(
            db,
            meeting_id=meeting_id,
            text="Fix it",
            owner="Dana",
            due=None,
            clock=clock,
            from_item=entry,
        )
    items.update_item(db, entry, text=SECRET, team="sales", viewer=priya)  # hers to edit

    with pytest.raises(HuddleError, match="Dana facilitates this meeting and reveals"):
        change_section(db, meeting_id, broken, Change.REVEAL, me=me_named(db, "Sam"))
    assert "Revealed What's broken: 2 entries" in change_section(
        db, meeting_id, broken, Change.REVEAL, me=me_named(db, "Dana")
    )
    assert SECRET in [i.text for i in items.items(db, broken, viewer=sam)]
    assert SECRET in [i.text for i in items.items(db, broken)]
    vote(db, entry, by="Sam", clock=clock)  # votes from the reveal on


def test_a_writing_phase_starts_before_anyone_writes(db: Database, clock: FixedClock) -> None:
    meeting_id, broken = started(db, clock)
    dana = me_named(db, "Dana")
    with pytest.raises(HuddleError, match="Dana facilitates this meeting and starts writing"):
        change_section(db, meeting_id, broken, Change.WRITING_ON, me=me_named(db, "Priya"))
    items.add_item(db, broken, "Said aloud", team="sales", clock=clock)
    with pytest.raises(HuddleError, match="has entries already: a writing phase starts before"):
        change_section(db, meeting_id, broken, Change.WRITING_ON, me=dana)
    with pytest.raises(HuddleError, match="made anonymous before anyone writes"):
        change_section(db, meeting_id, broken, Change.ANONYMOUS_ON, me=dana)
    numbers = section_named(meetings.get_meeting(db, meeting_id), "numbers").id
    with pytest.raises(HuddleError, match="takes no entries"):
        change_section(db, meeting_id, numbers, Change.WRITING_ON, me=dana)


def test_an_anonymous_section_stores_no_author_anywhere(db: Database, clock: FixedClock) -> None:
    meeting_id, broken = started(db, clock)
    dana = me_named(db, "Dana")
    change_section(db, meeting_id, broken, Change.ANONYMOUS_ON, me=dana)
    change_section(db, meeting_id, broken, Change.WRITING_ON, me=dana)
    here = writing.Viewer(me_named(db, "Priya").id)
    here.wrote.add(items.add_item(db, broken, SECRET, team="sales", author="Priya", clock=clock))
    series_id = meetings.get_meeting(db, meeting_id).series_id
    add_entry(
        db, series_id, "broken", "From the command line", team="sales", author="Sam", clock=clock
    )
    writing.mark_done(db, broken, me_named(db, "Priya"))

    assert [i.text for i in items.items(db, broken, viewer=here)] == [SECRET]  # this app's
    assert items.items(db, broken, viewer=writing.viewer_of(me_named(db, "Priya"))) == []
    assert writing.progress(db, broken).counts_said() == "2 entries written"  # no one's
    with db.connect() as conn:
        authors = conn.execute(
            text("SELECT author_id FROM item WHERE section_id = :s"), {"s": broken}
        ).all()
    assert authors == [(None,), (None,)]
    change_section(db, meeting_id, broken, Change.REVEAL, me=dana)
    assert all(i.author is None for i in items.items(db, broken))
    assert "Anonymous: no author was recorded" in minutes_markdown(
        db, meeting_id, today=clock.today()
    )


def test_entries_waiting_for_an_anonymous_or_written_alone_section(
    db: Database, clock: FixedClock
) -> None:
    """Flags from the template: an entry written before the meeting keeps no author in an
    anonymous section, and waits unseen by the others for a section written alone."""
    quiet = (
        'name = "Quiet"\n[[section]]\nkey = "working"\nkind = "items"\ntitle = "What\'s working"\n'
        'timebox = 10\nwriting = true\n[[section]]\nkey = "broken"\nkind = "items"\n'
        'title = "What\'s broken"\ntimebox = 10\nwriting = true\nanonymous = true\n'
    )
    save_template(db, quiet, source="quiet.toml", key="quiet", clock=clock)
    for name in ("Priya", "Sam"):
        add_person(db, name, "sales")
    first, _ = meetings.start_meeting(
        db, clock=clock, series="Quiet", create_series_if_missing=True, template="quiet"
    )
    series_id = meetings.get_meeting(db, first).series_id
    closing.end_meeting(db, first, clock=clock)
    add_entry(db, series_id, "broken", SECRET, team="sales", author="Priya", clock=clock)
    add_entry(db, series_id, "working", "Demos", team="sales", author="Priya", clock=clock)
    sam, priya = (writing.viewer_of(me_named(db, n)) for n in ("Sam", "Priya"))
    assert list_entries(db, series_id, None, viewer=sam) == ([], 2)
    shown, hidden = list_entries(db, series_id, None, viewer=priya)
    assert [(e.text, e.author) for e in shown] == [("Demos", "Priya")] and hidden == 1
    next_id, _ = meetings.start_meeting(db, clock=clock, series="Quiet")
    view = meetings.get_meeting(db, next_id)
    assert [(s.phase, s.anonymous) for s in view.sections] == [
        (SectionPhase.WRITING, False),
        (SectionPhase.WRITING, True),
    ]
    with db.connect() as conn:
        stored = conn.execute(text("SELECT text, author_id FROM item ORDER BY id")).all()
    assert [(t, a is None) for t, a in stored] == [(SECRET, True), ("Demos", False)]


def test_the_ready_check_counts_those_here(db: Database, clock: FixedClock) -> None:
    from meeting.agenda.attendance import mark_present

    meeting_id, broken = started(db, clock)
    for name in ("Priya", "Sam"):
        mark_present(db, meeting_id, name)
    change_section(db, meeting_id, broken, Change.WRITING_ON, me=me_named(db, "Dana"))
    assert writing.mark_done(db, broken, me_named(db, "Priya")).startswith("Done writing")
    assert writing.progress(db, broken).ready_said() == "1 of 3 done; still writing: Dana, Sam"
    assert writing.mark_done(db, broken, me_named(db, "Priya")) == "Writing again."
    with pytest.raises(HuddleError, match="say who you are"):
        writing.mark_done(db, broken, None)


def test_a_meeting_ended_before_the_reveal_shows_the_entries_and_says_so(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, broken = started(db, clock)
    change_section(db, meeting_id, broken, Change.WRITING_ON, me=None)
    items.add_item(db, broken, SECRET, team="sales", author="Priya", clock=clock)
    running = minutes_markdown(db, meeting_id, today=clock.today())
    assert SECRET not in running and "Being written alone: 1 entry" in running
    (bulk,) = collect_all(db, [meeting_id], today=clock.today())  # huddle export --all
    assert SECRET not in render(bulk) and "Being written alone: 1 entry" in render(bulk)
    assert summarise_now(db, meeting_id).sections[3].entries == 1  # counted, never shown
    closing.end_meeting(db, meeting_id, clock=clock)
    ended = minutes_markdown(db, meeting_id, today=clock.today())
    assert SECRET in ended and "the meeting ended before it was revealed" in ended
    assert meetings.get_meeting(db, meeting_id).sections[3].phase == SectionPhase.REVEALED_AT_END
    (bulk,) = collect_all(db, [meeting_id], today=clock.today())
    assert SECRET in render(bulk) and "ended before it was revealed" in render(bulk)
