"""huddle's benchmarks, each measured against a floor run in the same process, alternating.

    python bench/run.py [--quick] [--json FILE] [--only NAME ...]

Prints one row per scenario: median, min and max of huddle, the floor's median, their ratio
and the target; exits 1 when a scenario misses its target. Machines are noisy, so targets
are ratios to a floor measured in the same run (and a few absolute limits).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BENCH = Path(__file__).resolve().parent
CACHE = BENCH / "results"
PYTHON = sys.executable
HUDDLE = str(Path(sys.executable).with_name("huddle"))
FLOORS = BENCH / "floors"


@dataclass
class Result:
    name: str
    unit: str
    median: float
    low: float
    high: float
    floor: float
    ratio: float
    target: str
    passed: bool


def alternate(measure: Callable[[], float], floor: Callable[[], float], runs: int):
    """Run huddle and its floor turn about, so both see the same machine."""
    ours, base = [], []
    for _ in range(runs):
        ours.append(measure())
        base.append(floor())
    return ours, base


def result(
    name: str,
    ours: list[float],
    base: list[float],
    *,
    max_ratio: float | None = None,
    max_value: float | None = None,
    extra: float | None = None,
    unit: str = "ms",
    scale: float = 1000.0,
) -> Result:
    median, floor = statistics.median(ours), statistics.median(base)
    ratio = median / floor if floor else float("inf")
    checks, parts = [], []
    if max_ratio is not None:
        checks.append(ratio <= max_ratio)
        parts.append(f"<= {max_ratio}x")
    if max_value is not None:
        checks.append(median <= max_value)
        parts.append(f"< {max_value * scale:.0f} {unit}")
    if extra is not None:
        checks.append(median - floor <= extra)
        parts.append(f"<= +{extra * scale:.0f} {unit}")
    return Result(
        name,
        unit,
        median * scale,
        min(ours) * scale,
        max(ours) * scale,
        floor * scale,
        ratio,
        ", ".join(parts),
        all(checks),
    )


# ---------------------------------------------------------------- data


def cached(name: str, **sizes: int) -> Path:
    """`bench/results/NAME.db`, generated with `sizes` once and again when the generator
    changes."""
    from bench.generate import generate

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{name}.db"
    stamp = CACHE / f"{name}.stamp"
    version = str((BENCH / "generate.py").stat().st_mtime_ns)
    if not path.exists() or not stamp.exists() or stamp.read_text() != version:
        for leftover in CACHE.glob(f"{name}.db*"):
            leftover.unlink()
        started = time.perf_counter()
        counts = generate(path, **sizes)
        print(
            f"generated {path.name}: {counts} in {time.perf_counter() - started:.1f}s",
            file=sys.stderr,
        )
        stamp.write_text(version)
    return path


def big_database(quick: bool) -> Path:
    """The 5,000-meeting, 100,000-action database, generated once and reused."""
    return cached("big")


def leads_database() -> Path:
    """The big database with 100,000 leads (a CRM's export) instead of 2,000."""
    return cached("leads", leads=100_000)


def sized_database(actions: int) -> Path:
    """A database of `actions` action items (and a meeting for every 20), made once."""
    return cached(f"growth-{actions}", meetings=max(50, actions // 20), actions=actions)


def fresh_copy(path: Path, folder: Path) -> Path:
    target = folder / path.name
    shutil.copy(path, target)
    return target


# ---------------------------------------------------------------- commands


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env
    )
    return time.perf_counter() - started


def headless(big: Path, runs: int) -> Result:
    ours, base = alternate(
        lambda: timed(
            [HUDDLE, "--db", str(big), "actions", "list", "--owner", "Sam", "--format", "json"]
        ),
        # The floor skips interpreter teardown as huddle does (os._exit once output is out).
        lambda: timed([PYTHON, "-c", "import sqlmodel, typer, os; os._exit(0)"]),
        runs,
    )
    return result("headless CLI", ours, base, max_ratio=1.3)


def help_text(runs: int) -> Result:
    ours, base = alternate(
        lambda: timed([HUDDLE, "--help"]),
        lambda: timed([PYTHON, "-c", "import typer, os; os._exit(0)"]),
        runs,
    )
    return result("help", ours, base, max_ratio=1.5)


# ---------------------------------------------------------------- writes


def autosave(folder: Path, runs: int) -> Result:
    from meeting.agenda.meetings import get_meeting, start_meeting
    from meeting.entries.items import add_item
    from meeting.foundations.clock import Clock
    from storage.opening import open_database

    path = folder / "autosave.db"
    db = open_database(f"sqlite:///{path}")
    meeting_id, _ = start_meeting(db, clock=Clock())
    section = get_meeting(db, meeting_id).sections[2].id
    raw = sqlite3.connect(folder / "raw.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        raw.execute(f"PRAGMA {pragma}")
    raw.execute(
        "CREATE TABLE item (id INTEGER PRIMARY KEY, section_id INTEGER, text TEXT,"
        " team TEXT, created_at TEXT)"
    )
    clock = Clock()

    def ours() -> float:
        started = time.perf_counter()
        add_item(db, section, "Webinar leads book demos", team="marketing", clock=clock)
        return time.perf_counter() - started

    def floor() -> float:
        started = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO item (section_id, text, team, created_at) VALUES (?, ?, ?, ?)",
            (section, "Webinar leads book demos", "marketing", "2026-11-23 15:00:00"),
        )
        raw.execute("COMMIT")
        return time.perf_counter() - started

    for _ in range(5):  # warm both paths
        ours(), floor()
    mine, base = alternate(ours, floor, runs * 20)
    db.dispose()
    raw.close()
    return result("autosave", mine, base, max_ratio=5, max_value=0.002)


def export(big: Path, folder: Path, runs: int) -> Result:
    outputs: dict[str, Path] = {}

    # Each run starts with nothing left to write back from the one before: huddle syncs
    # its own files once, and must not pay for the floor's (which never syncs).
    def ours() -> float:
        out = outputs["huddle"] = Path(tempfile.mkdtemp(dir=folder))
        os.sync()
        return timed([HUDDLE, "--db", str(big), "export", "--all", "--dir", str(out)])

    def floor() -> float:
        out = outputs["floor"] = Path(tempfile.mkdtemp(dir=folder))
        os.sync()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return timed([PYTHON, str(FLOORS / "raw_export.py"), str(big), str(out)], env=env)

    ours_times, base = alternate(ours, floor, runs)
    same_files(outputs["huddle"], outputs["floor"])
    return result("export", ours_times, base, max_ratio=2)


def export_one(big: Path, folder: Path, runs: int) -> Result:
    """`huddle export ID -o FILE` of the big database's last meeting, ended as a facilitator
    ends it (its minutes recorded); the floor reads those minutes with SQLAlchemy Core and
    writes the file. Exporting a running meeting, whose minutes are built then, is in the
    growth table."""
    from meeting.foundations.clock import Clock
    from meeting.reports.minutes import record_minutes
    from storage.opening import open_database

    path = fresh_copy(big, folder)
    db = open_database(f"sqlite:///{path}")
    meeting_id = int(sqlite3.connect(path).execute("SELECT max(id) FROM meeting").fetchone()[0])
    record_minutes(db, meeting_id, clock=Clock())
    db.dispose()
    out, number = folder / "one.md", str(meeting_id)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ours, base = alternate(
        lambda: timed([HUDDLE, "--db", str(path), "export", number, "-o", str(out), "--force"]),
        lambda: timed([PYTHON, str(FLOORS / "one_export.py"), str(path), number, str(out)], env),
        runs,
    )
    return result("export one", ours, base, max_ratio=1.5)


def same_files(ours: Path, floor: Path) -> None:
    """The floor only counts if it wrote the same Markdown, byte for byte."""
    names = sorted(p.name for p in ours.iterdir())
    if names != sorted(p.name for p in floor.iterdir()):
        raise SystemExit("export: the floor wrote other files than huddle")
    for name in names:
        if (ours / name).read_bytes() != (floor / name).read_bytes():
            raise SystemExit(f"export: the floor's {name} differs from huddle's")


# ---------------------------------------------------------------- several terminals


class Terminal:
    """huddle in a tmux terminal of its own, driven by keys and read off its screen."""

    def __init__(self, *command: str) -> None:
        self.name = f"bench{os.getpid()}{time.monotonic_ns()}"
        start = ["tmux", "new-session", "-d", "-s", self.name, "-x", "120", "-y", "40"]
        for attempt in range(3):
            # A tmux server whose last session just closed may still be on its way out.
            if subprocess.run([*start, *command], capture_output=True).returncode == 0:
                return
            time.sleep(0.1 * (attempt + 1))
        subprocess.run([*start, *command], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def text(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait(self, pattern: str | Callable[[str], bool], timeout: float = 20.0) -> float:
        """Seconds until `pattern` (a regular expression, or a test of the whole screen)
        shows on this terminal's screen."""
        shows = pattern if callable(pattern) else re.compile(pattern).search
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if shows(self.screen()):
                return time.perf_counter() - started
            time.sleep(0.005)
        raise RuntimeError(f"{pattern!r} did not show within {timeout}s:\n{self.screen()}")

    def peak(self) -> int:
        """The app's own peak memory so far (VmHWM of the process in the terminal)."""
        from bench.floors.peak import peak_of

        pid = subprocess.run(
            ["tmux", "display", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return peak_of(int(pid))

    def timed(self, pattern: str | Callable[[str], bool], *keys: str, literal: str = "") -> float:
        """Seconds from sending `keys` (then `literal` text) until `pattern` shows."""
        started = time.perf_counter()
        if keys:
            self.keys(*keys)
        if literal:
            self.text(literal)
        self.wait(pattern)
        return time.perf_counter() - started

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


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
        found["open meeting"] = app.timed(r"· ended ·(.|\n)*P Who's here", "Enter")
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
        result("cold start", ours["cold start"], base["cold start"], max_ratio=1.2),
        result("open meeting", ours["open meeting"], base["open meeting"], max_ratio=5.0),
        result("lead questions", ours["lead questions"], base["lead questions"], max_ratio=3.0),
        result("history open", ours["history open"], base["history open"], max_value=0.300),
        result(
            "history figures", ours["history figures"], base["history figures"], max_value=0.600
        ),
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


LEADS_OPEN = r"Showing all leads · 100 of 100,000 leads(.|\n)*Co \d+(.|\n)*a Add lead"


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


def meeting_keys(folder: Path, rounds: int) -> list[Result]:
    """An entry added to a section of 200, and a number typed in Numbers, in a running
    meeting; the floor is a bare app with the same table, add line and value form, saving
    through SQLAlchemy Core as huddle does."""
    from meeting.agenda.meetings import get_meeting, start_meeting
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
    floor = Terminal(PYTHON, str(FLOORS / "bare_app.py"), "meeting", str(floor_path))
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
                terminal.wait(rf"\b{value}\b(?!(.|\n)*empty clears it)")
                samples.append(time.perf_counter() - started)
    finally:
        ours.close()
        floor.close()
    return [
        result("add entry", *added, max_ratio=1.5),
        result("type a number", *typed, max_ratio=1.5),
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
    return result("section switch", ours, base, max_ratio=2.0)


def live_refresh(folder: Path, runs: int) -> Result:
    """An entry typed in one terminal, until another terminal on the same SQLite file shows
    it; the floor is the typing terminal showing its own entry."""
    from meeting.agenda.meetings import start_meeting
    from meeting.foundations.clock import Clock
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
            base.append(own)
            ours.append(max(there, time.perf_counter() - started))
    finally:
        typing.close()
        watching.close()
    return result("live refresh", ours, base, max_value=0.500)


def postgres_command(big: Path, folder: Path, runs: int) -> Result:
    """The same headless command on PostgreSQL (the suite's kind of server, started here)
    and on SQLite, over the same data."""
    import pgserver

    server = pgserver.get_server(folder / "pg", cleanup_mode="stop")
    server.psql("CREATE DATABASE bench;")
    socket_dir = server.get_uri().split("host=", 1)[1]
    url = f"postgresql+psycopg://postgres@/bench?host={socket_dir}"
    demo = folder / "pg-source.db"
    subprocess.run(
        [HUDDLE, "demo", "--db", str(demo), "--no-open"], check=True, capture_output=True
    )
    subprocess.run(
        [HUDDLE, "--db", str(demo), "db", "copy", "--to", url], check=True, capture_output=True
    )
    command = ["actions", "list", "--format", "json"]
    try:
        ours, base = alternate(
            lambda: timed([HUDDLE, "--db", url, *command]),
            lambda: timed([HUDDLE, "--db", str(demo), *command]),
            runs,
        )
    finally:
        server.cleanup()
    return result("postgres CLI", ours, base, max_ratio=2.0)


GROWTH = (1_000, 10_000, 100_000, 1_000_000)


def growth(folder: Path, runs: int) -> None:
    """How each wait grows with the history: paged screens must stay flat."""
    columns = ("history open", "history figures", "history filter", "actions list")
    columns += ("export one", "export --all")
    print(f"{'action items':>14}" + "".join(f"{c:>17}" for c in columns))
    for size in GROWTH:
        path = sized_database(size)
        found: dict[str, list[float]] = {c: [] for c in columns}
        last = str(sqlite3.connect(path).execute("SELECT max(id) FROM meeting").fetchone()[0])
        for _ in range(runs):
            started = time.perf_counter()
            app = Terminal(HUDDLE, "--db", str(path))
            try:
                app.wait(r"Meetings [\d,]+(.|\n)*h History")
                time.sleep(0.5)
                started = time.perf_counter()
                app.keys("h")
                app.wait(HISTORY_OPEN)
                found["history open"].append(time.perf_counter() - started)
                app.wait(rf"of {size:,} items")
                found["history figures"].append(time.perf_counter() - started)
                time.sleep(0.3)
                app.text("/")
                time.sleep(0.2)
                app.text("Sam")
                time.sleep(0.3)
                found["history filter"].append(
                    app.timed(r"Filters: owner Sam · [\d,]+ of [\d,]+ items", "Enter")
                )
            finally:
                app.close()
            command = [HUDDLE, "--db", str(path)]
            found["actions list"].append(timed([*command, "actions", "list", "--format", "json"]))
            out = folder / "one.md"
            found["export one"].append(timed([*command, "export", last, "-o", str(out), "--force"]))
        everything = Path(tempfile.mkdtemp(dir=folder))
        os.sync()
        found["export --all"].append(timed([*command, "export", "--all", "--dir", str(everything)]))
        shutil.rmtree(everything)
        print(
            f"{size:>14,}"
            + "".join(f"{statistics.median(found[c]) * 1000:>15.0f}ms" for c in columns),
            flush=True,
        )


SCENARIOS = (
    "browse",
    "leads",
    "meeting keys",
    "section switch",
    "headless CLI",
    "help",
    "export one",
    "autosave",
    "export",
    "live refresh",
    "postgres CLI",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (under 3 minutes)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--only", nargs="*", choices=SCENARIOS, help="run only these")
    parser.add_argument(
        "--growth", action="store_true", help="only the growth table (1,000 to 1,000,000 items)"
    )
    args = parser.parse_args()
    if args.growth:
        with tempfile.TemporaryDirectory() as scratch:
            growth(Path(scratch), 3)
        return 0
    runs = 3 if args.quick else 7
    rounds = 16 if args.quick else 24  # turns about, each for huddle and its floor
    chosen = set(args.only or SCENARIOS)
    # Installed packages come with bytecode; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would recompile huddle's modules on every start.
    import compileall

    for package in ("tui", "screens", "meeting", "storage"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    big = big_database(args.quick)
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        steps: list[tuple[str, Callable[[], Result | list[Result]]]] = [
            ("browse", lambda: browse(big, rounds)),  # about 8 s a round
            ("leads", lambda: leads_open(rounds)),  # about 3 s a round
            ("meeting keys", lambda: meeting_keys(folder, rounds)),
            ("section switch", lambda: section_switch(folder, rounds)),
            ("headless CLI", lambda: headless(big, rounds)),  # about 0.6 s a pair
            ("help", lambda: help_text(rounds)),
            ("export one", lambda: export_one(big, folder, rounds)),
            ("autosave", lambda: autosave(folder, runs)),
            ("export", lambda: export(fresh_copy(big, folder), folder, 3 if args.quick else 5)),
            ("live refresh", lambda: live_refresh(folder, rounds)),
            ("postgres CLI", lambda: postgres_command(big, folder, rounds)),
        ]
        for name, step in steps:
            if name not in chosen:
                continue
            outcome = step()
            for row in outcome if isinstance(outcome, list) else [outcome]:
                results.append(row)
                print_row(row)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    missed = [r.name for r in results if not r.passed]
    print(f"\n{len(results) - len(missed)} passed, {len(missed)} failed")
    return 1 if missed else 0


HEADER = f"{'scenario':<16}{'median':>10}{'min':>10}{'max':>10}{'floor':>10}{'ratio':>8}  target"


def print_row(row: Result) -> None:
    if not getattr(print_row, "started", False):
        print(HEADER)
        print_row.started = True  # type: ignore[attr-defined]
    unit = row.unit
    mark = "ok" if row.passed else "MISS"
    print(
        f"{row.name:<16}{row.median:>8.1f}{unit:>2}{row.low:>8.1f}{unit:>2}"
        f"{row.high:>8.1f}{unit:>2}{row.floor:>8.1f}{unit:>2}{row.ratio:>8.2f}  "
        f"{row.target}  {mark}",
        flush=True,
    )


if __name__ == "__main__":
    raise SystemExit(main())
