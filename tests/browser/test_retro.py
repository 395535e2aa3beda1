"""A retro by three people: Dana facilitates in a browser, Priya writes in another and Sam
in a terminal. They write alone, say when they are done, Dana reveals and groups two
entries under a theme, they vote and make an action, and Dana ends it. Nothing written
alone shows on another screen before the reveal, at any moment; the anonymous column
keeps no author."""

from __future__ import annotations

import subprocess
import time

from playwright.sync_api import Browser
from sqlalchemy import text

from storage.opening import open_database
from tests.browser.harness import HUDDLE, Served, Tab, Terminal, open_tab

PRIYAS = "Share the calendar"
SAMS = "Call within a day"
DANAS = "Joint pipeline call"
SAMS_STOP = "Stop cold lists"
THEME = "Shared pipeline"


def joined(tab: Tab, name: str) -> None:
    tab.say_who(name)
    tab.wait(r"Running now")
    tab.keys("r")
    tab.wait(r"Agenda")


def add(screen: Tab | Terminal, entry: str) -> None:
    screen.keys("a")
    screen.wait(r"Add:")
    screen.type(entry)
    screen.keys("Enter")
    screen.wait(entry)
    screen.keys("Escape")  # alone: escape and a key at once read as alt+key
    screen.wait(r"D Done writing|O Reveal")


def highlight(screen: Tab | Terminal, entry: str) -> None:
    """Move the cursor down to `entry`: the pane under the table shows the highlighted one."""
    for _ in range(6):
        if entry in screen.text().split("───")[-1]:
            return
        if isinstance(screen, Tab):
            screen.keys("ArrowDown")
            screen.page.wait_for_timeout(300)  # the tab's frames arrive meanwhile
        else:
            screen.keys("Down")
            time.sleep(0.3)
    raise AssertionError(f"{entry!r} is not in the table:\n{screen.text()}")


def test_three_people_run_a_retro_written_alone(demo_copy: str, browser: Browser) -> None:
    start = "meeting start --series Retro --new-series --template ssc --facilitator Dana"
    started = subprocess.run(
        [HUDDLE, "--db", demo_copy, *start.split(), "--no-open"], capture_output=True, text=True
    )
    assert started.returncode == 0, started.stderr
    served = Served(demo_copy)
    dana, priya = open_tab(browser, served.link), open_tab(browser, served.link)
    sam = Terminal(HUDDLE, "--db", demo_copy, "--as", "Sam")
    try:
        joined(dana, "Dana")
        joined(priya, "Priya")
        sam.wait(r"Running now")
        sam.keys("r")
        sam.wait(r"Agenda")
        dana.keys("2")  # Start, written alone: the others follow
        for screen in (dana, priya, sam):
            screen.wait(r"2\. Start(.|\n)*Write alone")

        add(priya, PRIYAS)
        add(sam, SAMS)
        add(dana, DANAS)
        dana.wait(r"Writing alone: Dana 1 · Priya 1 · Sam 1")
        priya.keys("D")
        sam.keys("D")
        for screen in (dana, priya, sam):
            screen.wait(r"Done writing: 2 of 3 done; still writing: Dana")
        assert not dana.ever_showed(PRIYAS) and not dana.ever_showed(SAMS)
        assert not priya.ever_showed(SAMS) and not priya.ever_showed(DANAS)
        assert PRIYAS not in sam.text() and DANAS not in sam.text()

        # Stop is anonymous too: Sam's entry there is stored with no author.
        dana.keys("3")
        sam.wait(r"3\. Stop")
        add(sam, SAMS_STOP)
        dana.wait(r"Writing alone: 1 entry written")
        dana.keys("2")
        sam.wait(r"2\. Start")

        dana.keys("O")  # the reveal: everyone sees everything
        for screen in (dana, priya, sam):
            for entry in (PRIYAS, SAMS, DANAS):
                screen.wait(entry)

        # Dana groups her entry and Priya's under a theme; everyone sees it.
        highlight(dana, PRIYAS)
        dana.keys("Space")  # marked; the cursor moves on
        highlight(dana, DANAS)
        dana.keys("G")
        dana.wait(r"Theme")
        dana.keys("Control+u")
        dana.type(THEME)
        dana.keys("Enter")
        for screen in (dana, priya, sam):
            screen.wait(rf"{THEME} \(2 entries\)")
        # Votes: Priya puts two on Sam's entry, Sam one.
        for screen, times in ((priya, 2), (sam, 1)):
            highlight(screen, SAMS)
            for _ in range(times):
                screen.keys("v")
                screen.wait(r"From")
                screen.keys("Enter")
                screen.wait(r"votes used")
        # Dana ranks by votes (the cursor goes to the top) and makes it an action.
        dana.wait(rf"{SAMS}(.|\n)*3")
        dana.keys("s")
        dana.keys("T")
        dana.wait(r"Owner")
        dana.keys("Tab")
        # A person's pause before the name: a letter typed within a few milliseconds of tab
        # can still reach the owner field out of order (a known race, being worked on).
        dana.page.wait_for_timeout(300)
        dana.type("Sam")
        dana.keys("Enter")
        dana.wait(r"→ open")
        dana.keys("Control+e")
        dana.wait(r"End the meeting\?")
        dana.keys("y")
        for screen in (priya, sam):
            screen.wait(r"· ended")
    finally:
        sam.close()
        served.stop()
    database = open_database(f"sqlite:///{demo_copy}")
    try:
        with database.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT item.text, person.name FROM item LEFT JOIN person"
                    " ON person.id = item.author_id WHERE item.text IN (:a, :b, :c, :d)"
                ),
                {"a": PRIYAS, "b": SAMS, "c": DANAS, "d": SAMS_STOP},
            ).all()
            linked = conn.execute(
                text(
                    "SELECT item.votes, actionitem.text, person.name FROM item"
                    " JOIN actionitem ON actionitem.id = item.action_id"
                    " JOIN person ON person.id = actionitem.owner_id WHERE item.text = :s"
                ),
                {"s": SAMS},
            ).all()
            themed = conn.execute(
                text(
                    "SELECT member.text FROM item AS member JOIN item AS theme"
                    " ON theme.id = member.theme_id WHERE theme.is_theme AND theme.text = :t"
                ),
                {"t": THEME},
            ).all()
        assert sorted(rows, key=str) == sorted(
            [(PRIYAS, "Priya"), (SAMS, "Sam"), (DANAS, "Dana"), (SAMS_STOP, None)], key=str
        )
        assert linked == [(3, SAMS, "Sam")]
        assert sorted(row[0] for row in themed) == sorted([PRIYAS, DANAS])
    finally:
        database.dispose()
