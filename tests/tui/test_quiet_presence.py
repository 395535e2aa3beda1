"""Several terminals on one meeting, counting how often each reads its meeting again: a
terminal saying where it is (on opening, on moving, and its heartbeat) changes only the
others' "Here too", so it costs them no re-read; anything else another terminal or the
command line saves is read again within the poll, as before. On SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from meeting.agenda import meetings, presence
from meeting.agenda.attendance import mark_present
from meeting.entries import items
from meeting.entries.actions import add_action
from meeting.entries.questions import answer_question, ask_question
from meeting.entries.votes import vote
from meeting.foundations.clock import FixedClock
from meeting.numbers import metrics
from screens.meeting.screen import MeetingScreen
from storage.db import Database
from storage.opening import open_database
from tests.cli.helpers import invoke
from tests.tui.helpers import screen_as, wait_for_screen, workers_finished
from tui.app import HuddleApp

WITHIN = 1.0  # seconds: another terminal's change shows within a second (README)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, db_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{db_path}"
    return str(request.getfixturevalue("postgres").fresh())


@pytest.fixture
def two(url: str) -> Iterator[tuple[Database, Database]]:
    """Two terminals' connections to one database."""
    here, there = open_database(url), open_database(url)
    yield here, there
    there.dispose()
    here.dispose()


class Reads:
    """How often a meeting screen has read its meeting again since it was counted last."""

    def __init__(self, screen: MeetingScreen) -> None:
        self.count = 0
        reload = screen.reload_meeting

        def counted() -> None:
            self.count += 1
            reload()

        screen.reload_meeting = counted  # type: ignore[method-assign]


async def until(pilot: Pilot[None], check: Callable[[], bool], seconds: float = 2.0) -> float:
    """Seconds until `check` holds, failing after `seconds`."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"not within {seconds}s")
        await pilot.pause(0.02)
    return time.monotonic() - started


def here_too(screen: MeetingScreen) -> str:
    return str(screen.query_one("#here-too").render())


async def shows_too(pilot: Pilot[None], screen: MeetingScreen, text: str) -> None:
    await until(pilot, lambda: text in here_too(screen))


async def read_again(pilot: Pilot[None], reads: Reads, before: int) -> None:
    await until(pilot, lambda: reads.count > before, WITHIN)


async def test_others_saying_where_they_are_reads_no_meeting_again(
    two: tuple[Database, Database], clock: FixedClock
) -> None:
    here, there = two
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    app = HuddleApp(here, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        screen = screen_as(app, MeetingScreen)
        await workers_finished(app)  # its own first word on where it is
        await pilot.pause(1.0)
        reads = Reads(screen)
        for position in (2, 5, 5):  # comes in, moves on, then its heartbeat where it is
            presence.here(there, meeting_id, "priya-tab", "Priya", position, clock=clock)
            await shows_too(pilot, screen, f"Priya · {position + 1}")
        screen.announce()  # this terminal's own heartbeat
        await workers_finished(app)
        await pilot.pause(1.0)  # ten polls and more, after the quiet that follows its own
        assert reads.count == 0
        presence.gone(there, meeting_id, "priya-tab")  # the other terminal closes
        await until(pilot, lambda: "Priya" not in here_too(screen))
        await pilot.pause(0.3)
        assert reads.count == 0
        # A change of the meeting still reads it again within the poll.
        working = screen.meeting.sections[2].id
        items.add_item(there, working, "Pricing page confuses", team="marketing", clock=clock)
        await until(pilot, lambda: reads.count > 0, WITHIN)


async def test_what_others_save_is_still_read_again(
    two: tuple[Database, Database], url: str, clock: FixedClock
) -> None:
    """Each kind of save, by another terminal or by the command line, reads the meeting
    again within a second, even when it follows a heartbeat closely."""
    here, there = two
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    view = meetings.get_meeting(here, meeting_id)
    working = view.sections[2].id
    entry = items.add_item(here, working, "Webinar leads convert", team="sales", clock=clock)
    leads = metrics.numbers(here, meeting_id)[0].metric_id
    question = ask_question(
        here,
        series_id=view.series_id,
        meeting_id=meeting_id,
        text="Budget approved?",
        lead="Acme",
        assignee="Sam",
        asked_by="Dana",
        due=None,
        clock=clock,
    )
    saves: dict[str, Callable[[], object]] = {
        "entry": lambda: items.add_item(there, working, "Form breaks", team="sales", clock=clock),
        "vote": lambda: vote(there, entry, by="Dana", clock=clock),
        "number": lambda: metrics.record_value(there, meeting_id, leads, 120, clock=clock),
        "attendance": lambda: mark_present(there, meeting_id, "Sam"),
        "action": lambda: add_action(
            there, meeting_id=meeting_id, text="Call Acme", owner="Sam", due=None, clock=clock
        ),
        "answer": lambda: answer_question(
            there, question, answer="Yes", outcome="won", meeting_id=meeting_id, clock=clock
        ),
        "command line": lambda: invoke(url, "items", "add", "broken", "Said from a shell"),
    }
    app = HuddleApp(here, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        screen = screen_as(app, MeetingScreen)
        await workers_finished(app)
        await pilot.pause(0.5)
        reads = Reads(screen)
        for kind, save in saves.items():
            presence.here(there, meeting_id, "priya-tab", "Priya", 1, clock=clock)
            before = reads.count
            outcome = save()
            assert getattr(outcome, "exit_code", 0) == 0, getattr(outcome, "output", "")
            try:
                await read_again(pilot, reads, before)
            except AssertionError as missed:
                raise AssertionError(f"{kind}: the meeting was not read again") from missed
        await pilot.press("3")
        await until(pilot, lambda: "Form breaks" in rows_shown(screen))
        await pilot.press("4")
        await until(pilot, lambda: "Said from a shell" in rows_shown(screen))


def rows_shown(screen: MeetingScreen) -> str:
    shown = screen.section_rows
    return "" if shown is None else " ".join(c.plain for row in shown.rows for c in row.cells)


async def test_three_apps_on_one_meeting(two: tuple[Database, Database], clock: FixedClock) -> None:
    """Dana facilitates; Priya and Sam follow in apps of their own. Priya moving on her own
    shows in the other two's "Here too" without a re-read; her entry is read again there."""
    from meeting.entries.identity import add_me, me_named

    here, there = two
    meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
    people = [me_named(here, "Dana"), add_me(here, "Priya", "sales"), add_me(here, "Sam", "sales")]
    apps = [
        HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me)
        for db, me in zip((here, there, here), people, strict=True)
    ]
    dana, priya, sam = apps
    async with (
        dana.run_test(size=(120, 40)) as at_dana,
        priya.run_test(size=(120, 40)) as at_priya,
        sam.run_test(size=(120, 40)) as at_sam,
    ):
        for pilot in (at_dana, at_priya, at_sam):
            await wait_for_screen(pilot, "MeetingScreen")
        screens = [screen_as(app, MeetingScreen) for app in apps]
        for app in apps:
            await workers_finished(app)
        await until(at_dana, lambda: all("Sam" in here_too(s) for s in screens[:2]))
        await until(at_dana, lambda: all("Dana" in here_too(s) for s in screens[1:]))
        await at_dana.pause(0.5)
        reads = [Reads(screens[0]), Reads(screens[2])]
        await at_priya.press("3")  # she follows no more: only where she is changes
        await until(at_dana, lambda: all("Priya · 3" in here_too(s) for s in screens[::2]))
        await at_dana.pause(1.0)
        assert [r.count for r in reads] == [0, 0]
        await at_priya.press("a")
        for key in "Trade-show leads lack":
            await at_priya.press({" ": "space"}.get(key, key))
        await at_priya.press("enter")
        await until(at_dana, lambda: all(r.count > 0 for r in reads), 2 * WITHIN)
        await at_dana.press("3")
        await until(at_dana, lambda: "Trade-show leads lack" in rows_shown(screens[0]))
