"""Writing alone, with several apps on one database: the facilitator starts a section's
writing phase (W) and reveals it (O); each person sees their own entries and how many the
others wrote; everyone says when they are done (D); an anonymous section (N) keeps no
author."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from meeting.agenda import meetings
from meeting.agenda.attendance import mark_present
from meeting.entries import items
from meeting.entries.identity import me_named
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.foundations.statuses import SectionPhase
from screens.meeting.screen import MeetingScreen
from storage.db import Database
from storage.opening import open_database
from tests.tui.helpers import screen_as, type_text, wait_for_screen
from tui.app import HuddleApp

SECRET = "Pricing page hides the demo button"
BROKEN = 4  # What's broken, on the sync agenda


def said(app: HuddleApp) -> str:
    return " ".join(" ".join(str(n.message).split()) for n in app._notifications)


def shown(app: HuddleApp) -> str:
    """Everything the meeting screen shows in text: its lines, its table and the detail."""
    lines = [str(w.render()) for w in app.screen.query(Static)]
    table = app.screen.query_one("#entries", DataTable)
    cells = [str(c) for r in range(table.row_count) for c in table.get_row_at(r)]
    return " ".join(" ".join(lines + cells).split())


def footer(app: HuddleApp) -> str:
    return " ".join(str(k.render()) for k in app.screen.query("FooterKey"))


async def until(pilot: Pilot[Any], ready: Callable[[], bool], seconds: float = 2.0) -> None:
    started = time.monotonic()
    while not ready() and time.monotonic() - started < seconds:
        await pilot.pause(0.05)
    assert ready(), "not within the time"


def start(db: Database, clock: FixedClock) -> int:
    for name, team in (("Dana", "marketing"), ("Priya", "sales"), ("Sam", "sales")):
        add_person(db, name, team)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    for name in ("Priya", "Sam"):
        mark_present(db, meeting_id, name)
    return meeting_id


def app_as(url: str, clock: FixedClock, meeting_id: int, name: str | None) -> HuddleApp:
    db = open_database(url)  # each app its own connection, as each terminal has
    me = me_named(db, name) if name else None
    return HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me)


async def at_broken(pilot: Pilot[Any]) -> MeetingScreen:
    await wait_for_screen(pilot, "MeetingScreen")
    await pilot.press(str(BROKEN))
    await pilot.pause()
    return screen_as(pilot.app, MeetingScreen)


async def test_three_people_write_alone_and_the_facilitator_reveals(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    setup = open_database(url)
    meeting_id = start(setup, clock)
    broken = meetings.get_meeting(setup, meeting_id).sections[BROKEN - 1].id
    dana, priya, sam = (app_as(url, clock, meeting_id, n) for n in ("Dana", "Priya", "Sam"))
    async with (
        dana.run_test(size=(120, 40)) as dana_keys,
        priya.run_test(size=(120, 40)) as priya_keys,
        sam.run_test(size=(120, 40)) as sam_keys,
    ):
        await at_broken(dana_keys)
        await at_broken(priya_keys)
        sams = await at_broken(sam_keys)
        assert "Reveal" not in footer(dana)
        await dana_keys.press("W")
        await dana_keys.pause()
        assert "everyone writes alone now" in said(dana)
        await until(sam_keys, lambda: "Writing alone: nothing written yet" in shown(sam))
        await until(sam_keys, lambda: "Done writing" in footer(sam))  # footers lag a frame
        await until(dana_keys, lambda: "Reveal" in footer(dana))
        assert "Reveal" not in footer(sam)

        await priya_keys.press("a")
        await type_text(priya_keys, SECRET)
        await priya_keys.press("enter", "escape")
        await until(priya_keys, lambda: SECRET in shown(priya))  # hers, at once
        await until(sam_keys, lambda: "Writing alone: Priya 1." in shown(sam))
        assert SECRET not in shown(sam) and SECRET not in shown(dana)
        assert sams.section_rows is not None and sams.section_rows.rows == []

        await sam_keys.press("O")  # the facilitator's: one line, nothing revealed
        await sam_keys.pause()
        assert "Dana facilitates this meeting and reveals what was written alone" in said(sam)
        await sam_keys.press("D")
        await sam_keys.pause()
        await until(dana_keys, lambda: "1 of 3 done; still writing: Dana, Priya" in shown(dana))
        await sam_keys.press("v")  # no votes before the reveal, not even on nothing
        assert meetings.get_meeting(setup, meeting_id).sections[BROKEN - 1].writing

        await dana_keys.press("O")
        await dana_keys.pause()
        assert "Revealed What's broken: 1 entry" in said(dana)
        await until(sam_keys, lambda: SECRET in shown(sam))
        await until(dana_keys, lambda: SECRET in shown(dana))
        await until(sam_keys, lambda: "Done writing" not in footer(sam))  # footers lag a frame
        assert "Writing alone" not in shown(sam)
    with setup.connect() as conn:
        phase = conn.execute(text("SELECT phase FROM section WHERE id = :s"), {"s": broken})
        assert phase.scalar_one() == SectionPhase.REVEALED
    setup.dispose()


async def test_an_anonymous_section_keeps_no_author_and_counts_only_the_total(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    setup = open_database(url)
    meeting_id = start(setup, clock)
    dana, priya = (app_as(url, clock, meeting_id, n) for n in ("Dana", "Priya"))
    async with dana.run_test(size=(120, 40)) as dana_keys, priya.run_test(size=(120, 40)) as p:
        await at_broken(dana_keys)
        await at_broken(p)
        await p.press("N")  # the facilitator's
        await p.pause()
        assert "Dana facilitates this meeting and makes sections anonymous" in said(priya)
        await dana_keys.press("N", "W")
        await dana_keys.pause()
        await p.press("a")
        await type_text(p, SECRET)
        await p.press("enter", "escape")
        await until(p, lambda: SECRET in shown(priya))  # written here: seen here
        await until(dana_keys, lambda: "Writing alone: 1 entry written." in shown(dana))
        assert "Priya 1" not in shown(dana)  # the total only: never whose
    with setup.connect() as conn:
        rows = conn.execute(text("SELECT text, author_id FROM item")).all()
        presence = conn.execute(text("SELECT * FROM presence")).all()
    assert rows == [(SECRET, None)]
    assert not any(SECRET in str(row) for row in presence)
    setup.dispose()


async def test_a_terminal_that_did_not_say_who_it_is_sees_what_it_wrote_and_counts(
    db_path: Path, clock: FixedClock
) -> None:
    """Without --as no entry is anyone's to be shown by name: the terminal sees those it
    saved itself, while it runs, and how many the others wrote."""
    url = f"sqlite:///{db_path}"
    setup = open_database(url)
    meeting_id = start(setup, clock)
    broken = meetings.get_meeting(setup, meeting_id).sections[BROKEN - 1].id
    meetings_db = setup
    from meeting.entries.writing import set_writing

    set_writing(meetings_db, broken, True)
    items.add_item(setup, broken, "Sam's own", team="sales", author="Sam", clock=clock)
    plain = app_as(url, clock, meeting_id, None)
    async with plain.run_test(size=(120, 40)) as pilot:
        await at_broken(pilot)
        await pilot.press("a")
        await type_text(pilot, SECRET)
        await pilot.press("enter", "escape")
        await until(pilot, lambda: SECRET in shown(plain))
        assert "Sam's own" not in shown(plain)
        assert "Sam 1" in shown(plain) and "unnamed 1" in shown(plain)
        await pilot.press("D")
        await pilot.pause()
        assert "say who you are to mark yourself done writing" in said(plain)
    again = app_as(url, clock, meeting_id, None)  # started again: nothing is its own
    async with again.run_test(size=(120, 40)) as pilot:
        await at_broken(pilot)
        assert SECRET not in shown(again)
    setup.dispose()


async def test_ending_before_the_reveal_says_it_reveals(db_path: Path, clock: FixedClock) -> None:
    url = f"sqlite:///{db_path}"
    setup = open_database(url)
    meeting_id = start(setup, clock)
    broken = meetings.get_meeting(setup, meeting_id).sections[BROKEN - 1].id
    from meeting.entries.writing import set_writing

    set_writing(setup, broken, True)
    items.add_item(setup, broken, SECRET, team="sales", author="Priya", clock=clock)
    dana = app_as(url, clock, meeting_id, "Dana")
    async with dana.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "ConfirmScreen")
        question = " ".join(str(s.render()) for s in dana.screen.query(Static))
        assert "Still written alone, revealed to everyone as it ends: What's broken" in question
        await pilot.press("y")
        await wait_for_screen(pilot, "SummaryScreen")
    phase = meetings.get_meeting(setup, meeting_id).sections[BROKEN - 1].phase
    assert phase == SectionPhase.REVEALED_AT_END
    setup.dispose()
