"""The pulse section of a monthly alignment: each person rates the statements their team
rates with 1 to 5, once; the room sees how many have rated, never a score; an ended
meeting takes no rating. Several apps on one database, as several terminals are."""

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
from meeting.entries import pulse
from meeting.entries.identity import me_named
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.reports import closing
from screens.textual_patches import FooterKey, notifications
from storage.db import Database
from storage.opening import open_database
from tests.tui.helpers import wait_for_screen
from tui.app import HuddleApp

SIZE = (120, 40)
PULSE = "9"  # the last section of the alignment agenda
SALES = ["The leads marketing sends are worth my time", "We agree on who our ideal customer is"]


def start(db: Database, clock: FixedClock) -> int:
    """An alignment meeting with two of sales and two of marketing present."""
    for name, team in (("Dana", "marketing"), ("Alex", "marketing")):
        add_person(db, name, team)
    for name in ("Jordan", "Riley"):
        add_person(db, name, "sales")
    meeting_id, _ = meetings.start_meeting(
        db,
        clock=clock,
        series="Monthly alignment",
        template="alignment",
        facilitator="Dana",
        create_series_if_missing=True,
    )
    for name in ("Alex", "Jordan", "Riley"):
        mark_present(db, meeting_id, name)
    return meeting_id


def app_as(url: str, clock: FixedClock, meeting_id: int, name: str | None) -> HuddleApp:
    db = open_database(url)  # each app its own connection, as each terminal has
    me = me_named(db, name) if name else None
    return HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me)


def rows(app: HuddleApp) -> list[list[str]]:
    table = app.screen.query_one("#entries", DataTable)
    return [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]


def note(app: HuddleApp) -> str:
    return str(app.screen.query_one("#section-note", Static).render())


def said(app: HuddleApp) -> list[str]:
    return [str(n.message) for n in notifications(app)]


def counts(db: Database, meeting_id: int) -> list[tuple[str, str, int, int]]:
    """(statement, team, score, count) as stored: the scores with no name."""
    with db.connect() as conn:
        found = conn.execute(
            text(
                "SELECT s.key, r.team, r.score, r.count FROM pulserating r "
                "JOIN pulsestatementversion v ON v.id = r.version_id "
                "JOIN pulsestatement s ON s.id = v.statement_id "
                "WHERE r.meeting_id = :m ORDER BY s.id, r.team, r.score"
            ),
            {"m": meeting_id},
        )
        return [(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in found]


def rated(db: Database, meeting_id: int) -> list[tuple[str, str]]:
    """Who has rated what, as stored: no score beside a name."""
    with db.connect() as conn:
        found = conn.execute(
            text(
                "SELECT s.key, p.name FROM pulserated r "
                "JOIN pulsestatement s ON s.id = r.statement_id "
                "JOIN person p ON p.id = r.person_id WHERE r.meeting_id = :m "
                "ORDER BY s.id, p.name"
            ),
            {"m": meeting_id},
        )
        return [(str(k), str(n)) for k, n in found]


async def until(pilot: Pilot[Any], ready: Callable[[], bool], seconds: float = 2.0) -> None:
    started = time.monotonic()
    while not ready() and time.monotonic() - started < seconds:
        await pilot.pause(0.05)
    assert ready(), "not within the time"


async def at_pulse(pilot: Pilot[Any]) -> None:
    await wait_for_screen(pilot, "MeetingScreen")
    await pilot.press(PULSE)
    await pilot.pause()


async def test_number_keys_rate_the_highlighted_statement_and_move_on(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    db = open_database(url)
    meeting_id = start(db, clock)
    app = app_as(url, clock, meeting_id, "Jordan")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await at_pulse(pilot)
            shown = rows(app)
            assert [r[0] for r in shown] == [*SALES, "I know what the other team is working on"]
            assert [r[1:3] for r in shown] == [["not yet", "0 of 2"]] + [["not yet", "0 of 4"]] * 2
            assert "1–5 Rate" in " ".join(str(k.render()) for k in app.screen.query(FooterKey))
            await pilot.press("4")
            await pilot.pause()
            assert rows(app)[0][1:3] == ["✓ rated", "1 of 2"]
            table = app.screen.query_one("#entries", DataTable)
            assert table.cursor_row == 1  # the next one still to rate
            assert counts(db, meeting_id) == [("lead-quality", "sales", 4, 1)]
            assert rated(db, meeting_id) == [("lead-quality", "Jordan")]
            assert "9. Pulse" in str(app.screen.query_one("#section-title", Static).render())

            await pilot.press("up", "2")  # rated already: refused, nothing stored
            await pilot.pause()
            assert said(app)[-1] == (
                "You have rated lead-quality already: a rating cannot be changed "
                "(nothing ties it to you)."
            )
            assert counts(db, meeting_id) == [("lead-quality", "sales", 4, 1)]
            # No score in the section: its table, its note, the detail, the lines said.
            detail = str(app.screen.query_one("#detail", Static).render())
            everything = " ".join([*(c for r in rows(app) for c in r), note(app), detail])
            assert "4" not in " ".join([everything, *said(app)]).replace("of 4", "")
    finally:
        db.dispose()
        app.db.dispose()


async def test_keys_typed_in_one_burst_rate_one_statement_each_in_order(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    db = open_database(url)
    meeting_id = start(db, clock)
    app = app_as(url, clock, meeting_id, "Riley")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await at_pulse(pilot)
            await pilot.press("2", "5", "3", "1")  # the fourth: nothing left to rate
            await pilot.pause()
            assert counts(db, meeting_id) == [
                ("lead-quality", "sales", 2, 1),
                ("ideal-customer", "sales", 5, 1),
                ("other-team", "sales", 3, 1),
            ]
            assert [r[1] for r in rows(app)] == ["✓ rated"] * 3
            assert said(app)[-2:] == [
                "All rated, anonymously: thank you.",
                "You have rated other-team already: a rating cannot be changed "
                "(nothing ties it to you).",
            ]
            assert note(app).startswith("All rated, thank you.")
            assert type(app.screen).__name__ == "MeetingScreen"
            assert "9. Pulse" in str(app.screen.query_one("#section-title", Static).render())
    finally:
        db.dispose()
        app.db.dispose()


async def test_the_room_count_moves_when_someone_else_rates(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    db = open_database(url)
    meeting_id = start(db, clock)
    app = app_as(url, clock, meeting_id, "Alex")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await at_pulse(pilot)
            assert rows(app)[0][0] == "Sales follows up on our leads on time"
            assert rows(app)[1][2] == "0 of 4"
            pulse.rate(db, meeting_id, "Jordan", {"ideal-customer": 5}, clock=clock)
            await until(pilot, lambda: rows(app)[1][2] == "1 of 4")
            assert rows(app)[1][1] == "not yet"  # Jordan's, not Alex's
            # Someone not marked present who rates counts in the room too.
            add_person(db, "Sam", "sales")
            pulse.rate(db, meeting_id, "Sam", {"ideal-customer": 1}, clock=clock)
            await until(pilot, lambda: rows(app)[1][2] == "2 of 5")
    finally:
        db.dispose()
        app.db.dispose()


async def test_numbers_jump_to_sections_outside_the_pulse(db_path: Path, clock: FixedClock) -> None:
    url = f"sqlite:///{db_path}"
    db = open_database(url)
    meeting_id = start(db, clock)
    app = app_as(url, clock, meeting_id, "Jordan")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await at_pulse(pilot)
            await pilot.press("p", "3")  # from New actions, 3 goes to Agreements
            await pilot.pause()
            title = str(app.screen.query_one("#section-title", Static).render())
            assert title == "3. Agreements"
            assert counts(db, meeting_id) == []
    finally:
        db.dispose()
        app.db.dispose()


async def test_someone_who_has_not_said_who_they_are_is_asked_to(
    db_path: Path, clock: FixedClock
) -> None:
    url = f"sqlite:///{db_path}"
    db = open_database(url)
    meeting_id = start(db, clock)
    app = app_as(url, clock, meeting_id, None)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await at_pulse(pilot)
            assert len(rows(app)) == 4  # every statement, for whoever looks
            await pilot.press("3")
            await pilot.pause()
            assert said(app)[-1] == "Say who you are to rate: start huddle with --as NAME."
            assert counts(db, meeting_id) == []
    finally:
        db.dispose()
        app.db.dispose()


async def test_an_ended_meeting_takes_no_rating(db_path: Path, clock: FixedClock) -> None:
    url = f"sqlite:///{db_path}"
    db = open_database(url)
    meeting_id = start(db, clock)
    pulse.rate(db, meeting_id, "Riley", {"lead-quality": 2}, clock=clock)
    closing.end_meeting(db, meeting_id, clock=clock)
    app = app_as(url, clock, meeting_id, "Jordan")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await at_pulse(pilot)
            assert rows(app)[0][1:3] == ["–", "1 of 2"]
            assert note(app).startswith("Ended: no more ratings.")
            footer = " ".join(str(k.render()) for k in app.screen.query(FooterKey))
            assert "Rate" not in footer
            await pilot.press("4")
            await pilot.pause()
            assert said(app)[-1] == (
                "The meeting of 2026-11-23 has ended: press R to reopen it, then add to it."
            )
            assert counts(db, meeting_id) == [("lead-quality", "sales", 2, 1)]
            title = str(app.screen.query_one("#section-title", Static).render())
            assert title == "9. Pulse"  # not section 4
    finally:
        db.dispose()
        app.db.dispose()
