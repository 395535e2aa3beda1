"""Themes by keys: space marks entries, G groups them under a title typed in a small form,
votes move to the theme and a vote on an entry in it goes to the theme, s ranks themes
and lone entries together with each theme's entries under it, U takes an entry out and
dissolves a theme."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from meeting.agenda import meetings
from meeting.entries import items
from meeting.entries.people_changes import add_person
from meeting.entries.votes import vote
from meeting.foundations.clock import FixedClock
from screens.meeting.screen import MeetingScreen
from storage.db import Database
from tests.tui.helpers import screen_as, type_text, wait_for_screen
from tui.app import HuddleApp

SIZE = (120, 40)


def said(app: HuddleApp) -> str:
    return " ".join(" ".join(str(n.message).split()) for n in app._notifications)


def shown(screen: MeetingScreen) -> list[tuple[str, str]]:
    """Each row as the table has it: its key and its entry's text, marks and indent too."""
    rows = screen.section_rows.rows if screen.section_rows else []
    return [(row.key, row.cells[1].plain) for row in rows]


def broken_with(db: Database, clock: FixedClock, *texts: str) -> tuple[int, int, list[int]]:
    for name, team in (("Dana", "marketing"), ("Sam", "sales"), ("Priya", "marketing")):
        add_person(db, name, team)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    broken = next(s for s in meetings.get_meeting(db, meeting_id).sections if s.key == "broken")
    ids = [items.add_item(db, broken.id, t, team="sales", clock=clock) for t in texts]
    return meeting_id, broken.id, ids


async def at_broken(pilot: Pilot[Any]) -> MeetingScreen:
    await wait_for_screen(pilot, "MeetingScreen")
    await pilot.press("4")  # What's broken, on the sync agenda
    await pilot.pause()
    return screen_as(pilot.app, MeetingScreen)


async def test_mark_group_vote_sort_and_ungroup_by_keys(db: Database, clock: FixedClock) -> None:
    meeting_id, broken, (slow, late, odd) = broken_with(
        db, clock, "Leads arrive slowly", "Leads come in late", "Demo button hidden"
    )
    vote(db, late, by="Sam", clock=clock)
    for voter in ("Sam", "Priya"):
        vote(db, odd, by=voter, clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_broken(pilot)
        await pilot.press("space")  # marks the first entry, and goes to the next
        await pilot.pause()
        assert shown(screen)[0] == (str(slow), "● Leads arrive slowly")
        await pilot.press("G")  # the marked entry and the highlighted one
        await wait_for_screen(pilot, "EntryForm")
        assert app.screen.values()["title"] == "Leads arrive slowly"  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        await pilot.press("ctrl+u")
        await type_text(pilot, "Lead hand-over")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.pause()

        rows = {row.id: row for row in items.items(db, broken)}
        theme = next(row for row in rows.values() if row.is_theme)
        assert (theme.text, theme.votes, rows[late].votes) == ("Lead hand-over", 1, 0)
        assert shown(screen) == [
            (str(theme.id), "Lead hand-over (2 entries)"),
            (str(slow), "  └ Leads arrive slowly"),
            (str(late), "  └ Leads come in late"),
            (str(odd), "Demo button hidden"),
        ]
        assert "Grouped 2 entries under 'Lead hand-over'; 1 vote moved to it." in said(app)

        await pilot.press("down", "v")  # on an entry in the theme: the vote is the theme's
        await wait_for_screen(pilot, "EntryForm")
        assert app.screen.form_title == "A vote for: Lead hand-over"  # type: ignore[attr-defined]  # app.screen is typed as Screen, not this screen
        await type_text(pilot, "Priya")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("v")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        assert {r.id: r.votes for r in items.items(db, broken)}[theme.id] == 3

        await pilot.press("s")  # the theme's 3 votes first, its entries under it
        await pilot.pause()
        assert [key for key, _ in shown(screen)] == [str(i) for i in (theme.id, slow, late, odd)]
        vote(db, odd, by="Dana", clock=clock)
        vote(db, odd, by="Dana", clock=clock)
        await pilot.press("s", "s")
        await pilot.pause()
        assert [key for key, _ in shown(screen)] == [str(i) for i in (odd, theme.id, slow, late)]

        screen.host.select_key(slow)
        await pilot.press("U")  # out of the theme; its votes stay there
        await pilot.pause()
        assert {r.id: r.theme_id for r in items.items(db, broken)}[slow] is None
        screen.host.select_key(theme.id)
        await pilot.press("U")  # the theme dissolved: its votes given back
        await pilot.pause()
        assert "Dissolved 'Lead hand-over': 1 entry stands alone; 3 votes given back." in said(app)
        assert [text for _, text in shown(screen)] == [
            "Demo button hidden",
            "Leads arrive slowly",
            "Leads come in late",
        ]


async def test_g_with_one_entry_chosen_is_refused_in_one_line(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, broken, _ = broken_with(db, clock, "Leads arrive slowly", "Leads come in late")
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await at_broken(pilot)
        await pilot.press("G")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"  # no form for one entry
        assert "Mark the entries that go together with space first" in said(app)
        await pilot.press("space", "space", "space")  # marked, next; marked; again: unmarked
        await pilot.pause()
        screen = screen_as(app, MeetingScreen)
        assert [text for _, text in shown(screen)] == [
            "● Leads arrive slowly",
            "Leads come in late",
        ]
    assert not any(row.is_theme for row in items.items(db, broken))


async def test_theme_keys_while_written_alone_are_refused_in_one_line(
    db: Database, clock: FixedClock
) -> None:
    """Hidden from the footer until the reveal, as votes are, but not dead."""
    from meeting.entries import writing
    from meeting.entries.identity import me_named

    for name, team in (("Dana", "marketing"), ("Priya", "sales")):
        add_person(db, name, team)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    broken = next(s for s in meetings.get_meeting(db, meeting_id).sections if s.key == "broken")
    writing.set_writing(db, broken.id, True)
    for text in ("Leads arrive slowly", "Leads come in late"):
        items.add_item(db, broken.id, text, team="sales", author="Priya", clock=clock)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Priya"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_broken(pilot)
        assert len(shown(screen)) == 2  # her own
        await pilot.press("space", "G", "v")
        await pilot.pause()
        assert type(app.screen).__name__ == "MeetingScreen"
        refusal = "What's broken is still being written alone: votes, actions and themes come"
        assert said(app).count(refusal) == 3
        assert [text for _, text in shown(screen)] == ["Leads arrive slowly", "Leads come in late"]
    priya = writing.viewer_of(me_named(db, "Priya"))
    assert [row.theme_id for row in items.items(db, broken.id, viewer=priya)] == [None, None]
