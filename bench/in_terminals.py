"""The scenarios that drive the TUI in real terminals (tmux), each turn about with a bare
Textual floor doing the same: browsing the big database, the Leads screen, keys in a
meeting, switching sections, live refresh between two terminals, and how the waits grow
with the history."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from measure import (
    FLOORS,
    HUDDLE,
    PYTHON,
    Result,
    growth_sizes,
    leads_database,
    postgres_server,
    result,
    sized_database,
    timed,
)
from terminal import Terminal

HOME = r"Meetings 5,000(.|\n)*h History"  # figures read and the footer's keys drawn
# History's first page and its footer drawn
HISTORY_OPEN = r"Action items across meetings(.|\n)*\d{4}-\d\d-\d\d(.|\n)*d Done"
BROWSED = (
    "cold start",
    "open meeting",
    "lead questions",
    "history open",
    "history figures",
    "history filter",
    "memory home",
    "memory history",
)
MiB = 1024 * 1024


def walk(command: list[str]) -> dict[str, float]:
    """What a manager does on the big database, as one person would, each wait timed until
    the screen shows the final state; a short pause before each key, as people read."""
    found: dict[str, float] = {}
    started = time.perf_counter()
    app = Terminal(*command)
    try:
        app.wait(HOME)
        found["cold start"] = time.perf_counter() - started
        time.sleep(0.5)
        found["memory home"] = app.peak()
        started = time.perf_counter()
        app.keys("h")
        app.wait(HISTORY_OPEN)
        found["history open"] = time.perf_counter() - started
        app.wait(r"of 100,000 items")
        found["history figures"] = time.perf_counter() - started
        found["memory history"] = app.peak()
        time.sleep(0.3)
        app.text("/")
        time.sleep(0.2)  # a bare Textual app sends keys typed behind `/` to the table
        app.text("Sam")
        time.sleep(0.3)
        found["history filter"] = app.timed(r"Filters: owner Sam · [\d,]+ of", "Enter")
        time.sleep(0.3)
        app.keys("Escape")
        app.wait(r"Meetings 5,000")
        time.sleep(0.3)
        found["open meeting"] = app.timed(r"· ended ·(.|\n)*R Reopen", "Enter")
        app.keys("Escape")
        app.wait(r"Meetings 5,000")
        time.sleep(0.3)
        found["lead questions"] = app.timed(r"Showing: (.|\n)*questions(.|\n)*r Answer", "l")
    finally:
        app.close()
    return found


def browse(big: Path, rounds: int) -> list[Result]:
    """Home, History, a filter, a meeting and the lead questions on the big database, in
    huddle and in a bare Textual + SQLAlchemy Core app doing the same, turn about."""
    ours: dict[str, list[float]] = {name: [] for name in BROWSED}
    base: dict[str, list[float]] = {name: [] for name in BROWSED}
    floor = [PYTHON, str(FLOORS / "bare_app.py"), "home", str(big)]
    for number in range(rounds):
        sides = [(ours, [HUDDLE, "--db", str(big)]), (base, floor)]
        for samples, command in sides if number % 2 else reversed(sides):
            for name, value in walk(command).items():
                samples[name].append(value)
    memory = {"unit": "MiB", "scale": 1 / MiB}
    return [
        result("cold start", ours["cold start"], base["cold start"], max_ratio=1.1),
        result("open meeting", ours["open meeting"], base["open meeting"], max_ratio=2.0),
        result("lead questions", ours["lead questions"], base["lead questions"], max_ratio=2.0),
        result("history open", ours["history open"], base["history open"], max_ratio=1.5),
        result("history figures", ours["history figures"], base["history figures"], max_ratio=1.2),
        result("history filter", ours["history filter"], base["history filter"], max_ratio=2.0),
        result("memory home", ours["memory home"], base["memory home"], extra=30 * MiB, **memory),
        result(
            "memory history",
            ours["memory history"],
            base["memory history"],
            max_value=70 * MiB,
            **memory,
        ),
    ]


LEADS_OPEN = r"Showing all leads · 100 of 100,000 leads(.|\n)*Co \d+(.|\n)*a Add "


def opened(path: Path, key: str, shows: str, settled: str) -> tuple[float, int]:
    """Seconds from `key` on home until `shows` is on screen, and the app's peak memory
    once `settled` shows too."""
    app = Terminal(HUDDLE, "--db", str(path))
    try:
        app.wait(HOME)
        time.sleep(0.5)
        took = app.timed(shows, key)
        app.wait(settled)
        return took, app.peak()
    finally:
        app.close()


def leads_open(rounds: int) -> list[Result]:
    """`L` on home on 100,000 leads, against `h` (History's first page) on the same
    database, in fresh terminals turn about; memory once each screen has settled."""
    path = leads_database()
    ours: tuple[list[float], list[float]] = ([], [])
    base: tuple[list[float], list[float]] = ([], [])
    sides = [
        (ours, ("L", LEADS_OPEN, LEADS_OPEN)),
        (base, ("h", HISTORY_OPEN, r"of 100,000 items")),
    ]
    for number in range(rounds):
        for (times, peaks), (key, shows, settled) in sides if number % 2 else reversed(sides):
            took, peak = opened(path, key, shows, settled)
            times.append(took)
            peaks.append(peak)
    return [
        result("leads open", ours[0], base[0], max_ratio=1.5),
        result("memory leads", ours[1], base[1], max_value=80 * MiB, unit="MiB", scale=1 / MiB),
    ]


def saved(text: str) -> Callable[[str], bool]:
    """The entry is in the table and the add line is empty again."""

    def check(screen: str) -> bool:
        lines = screen.splitlines()
        in_table = any(text in line and "Add:" not in line for line in lines)
        return in_table and not any(text in line and "Add:" in line for line in lines)

    return check


def recorded(value: str) -> Callable[[str], bool]:
    """The form is gone and the value shows in the table. While the form is open, the
    value typed into it shows too, under the form's question: that is not the end."""
    shows = re.compile(rf"\b{value}\b").search

    def check(screen: str) -> bool:
        return "empty clears it" not in screen and bool(shows(screen))

    return check


SIX_METRICS = ("Leads", "MQLs", "SQLs", "Demos", "Closed-won", "Revenue")


def meeting_keys(folder: Path, rounds: int) -> list[Result]:
    """An entry added to a section of 200, and a number typed in Numbers, in a running
    meeting; the floor is a bare app with the same table, add line and value form, saving
    through SQLAlchemy Core as huddle does."""
    from meeting.agenda.meetings import get_meeting, start_meeting
    from meeting.catalog.metric_catalog import add_metric
    from meeting.entries.items import add_item
    from meeting.foundations.clock import Clock
    from storage.opening import open_database

    path, floor_path = folder / "keys.db", folder / "keys-floor.db"
    for leftover in (*folder.glob("keys.db*"), *folder.glob("keys-floor.db*")):
        leftover.unlink()
    db = open_database(f"sqlite:///{path}")
    clock = Clock()
    meeting_id, _ = start_meeting(
        db, clock=clock, facilitator="Dana", create_series_if_missing=True
    )
    broken = get_meeting(db, meeting_id).sections[3].id
    # One empty metric per round, in huddle and its floor alike: a value typed over one
    # already there would be appended to it (the form keeps what is there).
    extra = [f"Extra {n}" for n in range(1, max(0, rounds - len(SIX_METRICS)) + 1)]
    for name in extra:
        add_metric(db, get_meeting(db, meeting_id).series_id, name=name, team="sales")
    for n in range(200):
        add_item(db, broken, f"Existing entry {n}", team="sales", clock=clock)
    db.dispose()
    raw = sqlite3.connect(floor_path)
    raw.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, text TEXT, team TEXT)")
    raw.executemany(
        "INSERT INTO entry (text, team) VALUES (?, 'sales')",
        [(f"Existing entry {n}",) for n in range(200)],
    )
    raw.commit()
    raw.close()
    ours = Terminal(HUDDLE, "--db", str(path))
    floor = Terminal(PYTHON, str(FLOORS / "bare_app.py"), "meeting", str(floor_path), *extra)
    added: tuple[list[float], list[float]] = ([], [])
    typed: tuple[list[float], list[float]] = ([], [])
    try:
        ours.wait(r"Running")
        ours.keys("r")
        ours.wait(r"· running ·")
        ours.keys("4")
        ours.wait(r"4\. What's broken")
        floor.wait(r"4\. What's broken")
        for terminal in (ours, floor):
            terminal.keys("a")
            terminal.wait(r"Add:")
        for number in range(rounds):
            text = f"Entry {number} added now"
            for samples, terminal in ((added[0], ours), (added[1], floor)):
                time.sleep(0.1)
                terminal.text(text)
                terminal.wait(r"Add: " + re.escape(text))
                samples.append(terminal.timed(saved(text), "Enter"))
        for terminal in (ours, floor):
            terminal.keys("Escape")
            time.sleep(0.2)
            terminal.keys("2")
            terminal.wait(r"2\. Numbers")
        for number in range(rounds):
            value = str(101 + 7 * number)
            for samples, terminal in ((typed[0], ours), (typed[1], floor)):
                time.sleep(0.1)
                started = time.perf_counter()
                terminal.keys("Enter")
                terminal.wait(r"this period \(empty clears it\)")
                terminal.text(value)
                terminal.keys("Enter")
                terminal.wait(recorded(value))
                samples.append(time.perf_counter() - started)
    finally:
        ours.close()
        floor.close()
    return [
        result("add entry", *added, max_ratio=1.5),
        result("type a number", *typed, max_ratio=1.3),
    ]


def section_switch(folder: Path, runs: int) -> Result:
    """`n` in a meeting, until the next section's title and its footer keys are on screen;
    the floor is a bare Textual app swapping a title and a table's rows on a key."""
    from meeting.agenda.meetings import start_meeting
    from meeting.foundations.clock import Clock
    from storage.opening import open_database

    path = folder / "switch.db"
    path.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path}")
    start_meeting(db, clock=Clock(), facilitator="Dana", create_series_if_missing=True)
    db.dispose()
    ours, base = [], []
    meeting = Terminal(HUDDLE, "--db", str(path))
    floor = Terminal(PYTHON, str(FLOORS / "bare_switch.py"))
    # What each section's screen ends on: its title, and a key only its footer offers.
    shown = [
        (r"2\. Numbers", r"m Metric"),
        (r"3\. What's working", r"v Vote"),
        (r"4\. What's broken", r"v Vote"),
        (r"5\. Lead questions", r"r Answer"),
        (r"6\. New actions", r"t Timer"),
    ]
    try:
        meeting.wait(r"Running")
        meeting.keys("r")
        meeting.wait(r"1\. Review actions")
        floor.wait(r"Section 1\n")
        for number in range(runs):
            title, key = shown[number % len(shown)]
            started = time.perf_counter()
            meeting.keys("n" if number % len(shown) else "2")
            meeting.wait(title + r"(.|\n)*" + key)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            floor.keys("n")
            floor.wait(rf"Section {number + 2}\n(.|\n)*key{number + 2}\b")
            base.append(time.perf_counter() - started)
    finally:
        meeting.close()
        floor.close()
    return result("section switch", ours, base, max_ratio=1.5)


def live_refresh(folder: Path, runs: int) -> Result:
    """An entry typed in one terminal, until another terminal on the same SQLite file shows
    it; the floor is the typing terminal showing its own entry plus one poll of the watch,
    the soonest the other terminal can know of it."""
    from meeting.agenda.meetings import start_meeting
    from meeting.foundations.clock import Clock
    from screens.meeting.live import POLL_SECONDS
    from storage.opening import open_database

    path = folder / "live.db"
    path.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path}")
    start_meeting(db, clock=Clock(), facilitator="Dana", create_series_if_missing=True)
    db.dispose()
    typing, watching = (Terminal(HUDDLE, "--db", str(path)) for _ in range(2))
    try:
        for terminal in (typing, watching):
            terminal.wait(r"Running")
            terminal.keys("r")
            terminal.wait(r"· running ·")
            terminal.keys("4")
            terminal.wait(r"4\. What's broken")
        typing.keys("a")
        typing.wait(r"Add:")
        ours, base = [], []
        for number in range(runs):
            text = f"Entry {number} typed elsewhere"
            started = time.perf_counter()
            typing.text(text)
            typing.keys("Enter")
            own = typing.wait(re.escape(text))
            there = watching.wait(re.escape(text))
            base.append(own + POLL_SECONDS)
            ours.append(max(there, time.perf_counter() - started))
    finally:
        typing.close()
        watching.close()
    return result("live refresh", ours, base, max_ratio=1.5)


GROWTH = (1_000, 10_000, 100_000, 1_000_000)
GROWN = ("history open", "history figures", "history filter", "actions list")
GROWN += ("export one", "export --all")


def growth(
    folder: Path, runs: int, *, sizes: Sequence[int] = GROWTH, database: str = "sqlite"
) -> None:
    """How each wait grows with the history: paged screens must stay flat. On `postgres`,
    each size is generated into a database of a server started here, and the load timed."""
    with contextlib.ExitStack() as stack:
        create = None
        if database == "postgres":
            create = stack.enter_context(postgres_server(folder / "pg"))
        extra = f"{'load':>17}" if create else ""
        print(f"{'action items':>14}" + "".join(f"{c:>17}" for c in GROWN) + extra, flush=True)
        notes: list[str] = []
        for size in sizes:
            load = ""
            if create is None:
                target = str(sized_database(size))
            else:
                target, took = on_server(create, size)
                load = f"{took:>16.0f}s"
            found, why = grown(target, size, folder, runs)
            cells = []
            for column in GROWN:
                if column in why:
                    notes.append(f"note {len(notes) + 1} ({column}, {size:,}): {why[column]}")
                    cells.append(f"{'see note ' + str(len(notes)):>17}")
                else:
                    cells.append(f"{statistics.median(found[column]) * 1000:>15.0f}ms")
            print(f"{size:>14,}" + "".join(cells) + load, flush=True)
        for note in notes:
            print(note)


def on_server(create: Callable[[str], str], size: int) -> tuple[str, float]:
    """A new server database holding the growth data of `size` items, and the seconds its
    load took (schema, rows made in Python, bulk inserts, ANALYZE)."""
    from bench.generate import fill

    url = create(f"growth_{size}")
    started = time.perf_counter()
    counts = fill(url, **growth_sizes(size))
    took = time.perf_counter() - started
    print(f"loaded growth_{size} on PostgreSQL: {counts} in {took:.1f}s", file=sys.stderr)
    return url, took


def grown(
    target: str, size: int, folder: Path, runs: int
) -> tuple[dict[str, list[float]], dict[str, str]]:
    """The growth table's waits on one database (a SQLite file or a server's URL), and for
    each that could not be measured there, why."""
    from sqlalchemy import create_engine, text

    url = target if "://" in target else f"sqlite:///{target}"
    engine = create_engine(url)
    with engine.connect() as conn:
        last = str(conn.execute(text("SELECT max(id) FROM meeting")).scalar_one())
    engine.dispose()
    found: dict[str, list[float]] = {c: [] for c in GROWN}
    why: dict[str, str] = {}

    def measure(name: str, how: Callable[[], float]) -> None:
        if name in why:
            return
        try:
            found[name].append(how())
        except subprocess.CalledProcessError as exc:
            said = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
            why[name] = said[-1] if said else f"exit status {exc.returncode}"
        except RuntimeError as exc:
            why[name] = str(exc).splitlines()[0]

    command = [HUDDLE, "--db", target]
    listed = [*command, "actions", "list", "--format", "json"]
    one = [*command, "export", last, "-o", str(folder / "one.md"), "--force"]
    for _ in range(runs):
        in_history(command, size, measure)
        measure("actions list", lambda: timed(listed))
        measure("export one", lambda: timed(one))
    everything = Path(tempfile.mkdtemp(dir=folder))
    os.sync()
    measure("export --all", lambda: timed([*command, "export", "--all", "--dir", str(everything)]))
    shutil.rmtree(everything)
    return found, why


def in_history(
    command: list[str], size: int, measure: Callable[[str, Callable[[], float]], None]
) -> None:
    """One walk of the growth table's History waits in a fresh terminal: its first page, its
    figures (which may take long on a big history), and a filter by owner."""
    app = Terminal(*command)
    try:
        app.wait(r"Meetings [\d,]+(.|\n)*h History")
        time.sleep(0.5)
        started = time.perf_counter()

        def history_open() -> float:
            app.keys("h")
            app.wait(HISTORY_OPEN)
            return time.perf_counter() - started

        def figures() -> float:
            app.wait(rf"of {size:,} items", timeout=300)
            return time.perf_counter() - started

        def history_filter() -> float:
            time.sleep(0.3)
            app.text("/")
            time.sleep(0.2)
            app.text("Sam")
            time.sleep(0.3)
            return app.timed(r"Filters: owner Sam · [\d,]+ of [\d,]+ items", "Enter")

        measure("history open", history_open)
        measure("history figures", figures)
        measure("history filter", history_filter)
    finally:
        app.close()
