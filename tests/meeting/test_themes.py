"""Themes: entries that say the same thing grouped under a title after the reveal; votes go
to the theme, an action made from it links it, the minutes nest its entries, and the
summary counts entries, not themes. On SQLite and PostgreSQL (tests/meeting/conftest.py)."""

from __future__ import annotations

import pytest

from meeting.agenda import meetings
from meeting.agenda.prepared import list_entries
from meeting.agenda.writing_phase import Change, change_section, section_named
from meeting.entries import actions, items, themes
from meeting.entries.identity import me_named
from meeting.entries.people_changes import add_person
from meeting.entries.votes import budgets, unvote, vote
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError, MeetingClosed
from meeting.reports import closing
from meeting.reports.minutes import minutes_markdown, render
from meeting.reports.minutes_bulk import collect_all
from meeting.reports.summary import summarise_now
from storage.db import Database


def broken_with(db: Database, clock: FixedClock, *texts: str) -> tuple[int, int, list[int]]:
    """A running meeting whose What's broken has `texts`, by Priya: the meeting, the
    section and the entries."""
    for name, team in (("Dana", "marketing"), ("Priya", "sales"), ("Sam", "sales")):
        add_person(db, name, team)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    broken = section_named(meetings.get_meeting(db, meeting_id), "broken").id
    ids = [
        items.add_item(db, broken, text, team="sales", author="Priya", clock=clock)
        for text in texts
    ]
    return meeting_id, broken, ids


def test_grouping_moves_the_votes_to_a_new_theme_and_keeps_each_budget(
    db: Database, clock: FixedClock
) -> None:
    _, broken, (slow, late, odd) = broken_with(
        db, clock, "Leads arrive slowly", "Leads come in late", "Demo button hidden"
    )
    vote(db, slow, by="Sam", clock=clock)
    vote(db, late, by="Sam", clock=clock)
    vote(db, late, by="Dana", clock=clock)

    grouped = themes.group(db, [slow, late], title="Lead hand-over", clock=clock)

    assert grouped.said() == "Grouped 2 entries under 'Lead hand-over'; 3 votes moved to it."
    shown = {row.id: row for row in items.items(db, broken)}
    theme = shown[grouped.theme_id]
    assert (theme.text, theme.is_theme, theme.votes, theme.author) == (
        "Lead hand-over",
        True,
        3,
        None,
    )
    assert [shown[i].theme_id for i in (slow, late, odd)] == [theme.id, theme.id, None]
    assert [shown[i].votes for i in (slow, late)] == [0, 0]
    assert [(b.person, b.used) for b in budgets(db, broken)] == [("Dana", 1), ("Sam", 2)]
    # Votes go to the theme, never to an entry grouped under it.
    with pytest.raises(HuddleError, match="its votes are the theme's"):
        vote(db, slow, by="Priya", clock=clock)
    assert vote(db, theme.id, by="Priya", clock=clock).used == 1
    # The theme stands where its first entry was said, its entries under it.
    tops = [
        (top.text, [m.id for m in under]) for top, under in themes.in_themes(list(shown.values()))
    ]
    assert tops == [("Lead hand-over", [slow, late]), ("Demo button hidden", [])]


def test_entries_join_a_theme_and_leave_it_and_a_dissolved_theme_gives_its_votes_back(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, broken, (a, b, c) = broken_with(db, clock, "One", "Two", "Three")
    theme_id = themes.group(db, [a, b], clock=clock).theme_id
    assert items.items(db, broken)[-1].text == "One"  # the first entry's text by default
    vote(db, c, by="Sam", clock=clock)
    joined = themes.group(db, [c, theme_id], clock=clock)
    assert (joined.theme_id, joined.joined, joined.votes_moved) == (theme_id, 1, 1)

    said = themes.ungroup(db, a, clock=clock)
    assert said == f"Took entry {a} out of 'One'; its votes stay with the theme."
    assert {r.id: r.theme_id for r in items.items(db, broken)}[a] is None
    made = actions.add_action(
        db,
        meeting_id=meeting_id,
        text="Fix the hand-over",
        owner="Sam",
        due=None,
        clock=clock,
        from_item=theme_id,
    )
    assert {r.id: r.action_id for r in items.items(db, broken)}[theme_id] == made
    with pytest.raises(HuddleError, match="ungrouped \\(U\\)"):
        items.delete_item(db, theme_id, clock=clock)

    said = themes.ungroup(db, theme_id, clock=clock)

    assert said == (
        f"Dissolved 'One': 2 entries stand alone; 1 vote given back; action #{made} keeps its text."
    )
    rows = items.items(db, broken)
    assert [(r.text, r.theme_id, r.votes) for r in rows] == [
        ("One", None, 0),
        ("Two", None, 0),
        ("Three", None, 0),
    ]
    assert budgets(db, broken) == []
    assert actions.get_action(db, made).text == "Fix the hand-over"
    with pytest.raises(HuddleError, match="is in no theme"):
        themes.ungroup(db, a, clock=clock)
    with pytest.raises(HuddleError, match="no vote on entry"):
        unvote(db, c, by="Sam")


def test_grouping_is_refused_while_written_alone_in_an_ended_meeting_and_for_one_entry(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _, (a, b) = broken_with(db, clock, "One", "Two")
    with pytest.raises(HuddleError, match="two entries or more"):
        themes.group(db, [a, a], clock=clock)
    with pytest.raises(HuddleError, match="title is empty"):
        themes.group(db, [a, b], title="  ", clock=clock)
    working = section_named(meetings.get_meeting(db, meeting_id), "working").id
    change_section(db, meeting_id, working, Change.WRITING_ON, me=me_named(db, "Dana"))
    alone = [items.add_item(db, working, t, team="sales", clock=clock) for t in ("x", "y")]
    with pytest.raises(HuddleError, match="different sections"):
        themes.group(db, [a, alone[0]], clock=clock)
    with pytest.raises(HuddleError, match="group its entries into themes once"):
        themes.group(db, alone, clock=clock)
    closing.end_meeting(db, meeting_id, clock=clock)
    with pytest.raises(MeetingClosed):
        themes.group(db, [a, b], clock=clock)


def test_minutes_nest_a_themes_entries_and_the_summary_counts_entries_only(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _, (a, b, c) = broken_with(db, clock, "Slow leads", "Late leads", "Odd")
    theme_id = themes.group(db, [a, b], title="Lead *hand-over*", clock=clock).theme_id
    vote(db, theme_id, by="Sam", clock=clock)
    vote(db, theme_id, by="Dana", clock=clock)

    text = minutes_markdown(db, meeting_id, today=clock.today())

    assert (
        "- Theme: **Lead \\*hand-over\\*** _(2 entries)_ · **2 votes**\n"
        "  - **sales**: Slow leads — Priya\n"
        "  - **sales**: Late leads — Priya\n"
        "- **sales**: Odd — Priya\n"
    ) in text
    [bulk] = collect_all(db, [meeting_id], today=clock.today())
    assert render(bulk) == text
    counted = {s.title: s.entries for s in summarise_now(db, meeting_id).sections}
    assert counted["What's broken"] == 3
    listed = {row.id: row for row in list_entries(db, 1, meeting_id)[0]}
    assert (listed[a].theme_id, listed[theme_id].is_theme, listed[c].theme_id) == (
        theme_id,
        True,
        None,
    )
