"""A meeting run by two browsers and a terminal together, minutes downloaded to the
browser, and a tab that loses its server or its process and comes back by itself."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route
from sqlalchemy import text

from storage.maintenance import check_database
from storage.opening import open_database
from tests.browser.harness import HUDDLE, Served, Terminal, open_tab


@pytest.fixture
def running_meeting(demo_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    subprocess.run(
        [HUDDLE, "--db", str(path), "meeting", "start", "--facilitator", "Dana", "--no-open"],
        check=True,
        capture_output=True,
    )
    return str(path)


@pytest.fixture
def served(running_meeting: str) -> Iterator[Served]:
    served = Served(running_meeting)
    yield served
    served.stop()


def test_two_browsers_and_a_terminal_run_one_meeting(demo_copy: str, browser: Browser) -> None:
    """Dana starts and facilitates the meeting in a browser, Priya takes part in another
    and Sam in a terminal, until Dana ends it."""
    served = Served(demo_copy)
    dana = open_tab(browser, served.link)
    dana.say_who("Dana")
    dana.keys("n")
    dana.wait(r"Start a meeting")
    dana.keys("Enter")
    dana.wait(r"Who is here\?")  # a new meeting asks first who came
    dana.keys("Escape")
    dana.wait(r"facilitator Dana(.|\n)*n Next")
    priya = open_tab(browser, served.link)
    priya.say_who("Priya")
    sam = Terminal(HUDDLE, "--db", demo_copy, "--as", "Sam")
    try:
        for screen in (priya, sam):
            screen.wait(r"Running now")
            screen.keys("r")
            screen.wait(r"Agenda")
        # The facilitator moves the meeting on; the others follow.
        dana.keys("3")
        for screen in (dana, priya, sam):
            screen.wait(r"3\. What's working")
        # Each sees the others by name under "Here too".
        dana.wait(r"Here too:(.|\n)*Priya · 3")
        dana.wait(r"Here too:(.|\n)*Sam · 3")
        priya.keys("a")
        priya.wait(r"Add:")
        priya.type("Webinar leads booked 9 demos")
        priya.keys("Enter")
        for screen in (dana, sam, priya):
            screen.wait(r"Webinar leads booked 9 demos")
        sam.keys("a")
        sam.wait(r"Add:")
        sam.type("Pricing page converts at 4%")
        sam.keys("Enter")
        for screen in (dana, priya):
            screen.wait(r"Pricing page converts at 4%")
        # A participant's timer key is the facilitator's, and says so.
        priya.keys("Escape")  # alone: escape and a key at once read as alt+key
        priya.wait(r"n Next")
        priya.keys("t")
        priya.wait(r"Dana facilitates this meeting")
        # Dana ends it; everyone sees it ended.
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
            query = text(
                "SELECT item.text, person.name FROM item JOIN person ON person.id = item.author_id"
                " ORDER BY item.id DESC LIMIT 2"
            )
            said = sorted((row[0], row[1]) for row in conn.execute(query))
        assert said == [
            ("Pricing page converts at 4%", "Sam"),
            ("Webinar leads booked 9 demos", "Priya"),
        ]
    finally:
        database.dispose()


def test_minutes_exported_in_a_browser_arrive_as_a_download(
    served: Served, browser: Browser
) -> None:
    tab = open_tab(browser, served.link)
    tab.say_who("Maya")
    arrived: list[tuple[dict[str, str], str]] = []

    def through(route: Route) -> None:  # what the browser is sent, as it is sent
        response = route.fetch()
        arrived.append((response.headers, response.text()))
        route.fulfill(response=response)

    tab.page.context.route("**/download/*", through)
    tab.keys("ArrowDown", "x")
    tab.wait(r"Minutes sent to your browser as 2026-11-16-weekly-sync\.md")
    while not arrived:
        tab.page.wait_for_timeout(20)
    headers, body = arrived[0]
    assert headers["content-disposition"] == "attachment; filename=2026-11-16-weekly-sync.md"
    assert body.startswith("# Weekly sync — 2026-11-16\n")
    assert not list(Path.cwd().glob("2026-11-16-weekly-sync.md"))  # nothing on the server's disk


def test_a_tab_that_loses_its_server_says_so_and_comes_back(
    served: Served, browser: Browser
) -> None:
    tab = open_tab(browser, served.link)
    tab.say_who("Maya")
    served.stop()
    lost = tab.page.get_by_text("The connection to huddle was lost")
    lost.wait_for(state="visible", timeout=10_000)
    served.start()  # the same port
    tab.page.wait_for_load_state()
    lost.wait_for(state="hidden", timeout=20_000)
    tab.page.get_by_text("Reconnected: everything saved is here.").wait_for(timeout=10_000)
    tab.wait(r"you are Maya", timeout=20)  # the browser is remembered


def test_a_tab_whose_process_dies_gets_a_new_one_and_loses_nothing(
    served: Served, running_meeting: str, browser: Browser
) -> None:
    tab = open_tab(browser, served.link)
    tab.say_who("Riley")
    tab.wait(r"Running now")
    tab.keys("r")
    tab.wait(r"Agenda")
    tab.keys("3", "a")
    tab.wait(r"Add:")
    tab.type("Saved before the crash")
    tab.keys("Enter")
    tab.wait(r"Saved before the crash")
    (process,) = served.tab_processes()
    os.kill(process, signal.SIGKILL)
    # The server is there: the page reconnects at once, and says it did.
    tab.page.get_by_text("Reconnected: everything saved is here.").wait_for(timeout=10_000)
    tab.wait(r"you are Riley", timeout=20)  # a new process, on the same page
    assert served.tab_processes() != [process]
    report = check_database(Path(running_meeting))
    assert report.ok, report.lines
