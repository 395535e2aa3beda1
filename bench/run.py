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


def big_database(quick: bool) -> Path:
    """The 5,000-meeting, 100,000-action database, generated once and reused."""
    from bench.generate import generate

    CACHE.mkdir(exist_ok=True)
    path = CACHE / "big.db"
    stamp = CACHE / "big.stamp"
    version = str((BENCH / "generate.py").stat().st_mtime_ns)
    if not path.exists() or not stamp.exists() or stamp.read_text() != version:
        for leftover in CACHE.glob("big.db*"):
            leftover.unlink()
        started = time.perf_counter()
        counts = generate(path)
        print(
            f"generated {path.name}: {counts} in {time.perf_counter() - started:.1f}s",
            file=sys.stderr,
        )
        stamp.write_text(version)
    return path


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


# ---------------------------------------------------------------- a real terminal


def tmux_until(command: list[str], pattern: str, *, timeout: float = 20.0) -> float:
    """Seconds from launching `command` in a fresh tmux terminal until `pattern` shows."""
    name = f"bench{os.getpid()}{time.monotonic_ns()}"
    regex = re.compile(pattern)
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", *command], check=True
    )
    try:
        while time.perf_counter() - started < timeout:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if regex.search(screen):
                return time.perf_counter() - started
            time.sleep(0.005)
        raise RuntimeError(f"{pattern!r} did not show within {timeout}s:\n{screen}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def cold_start(big: Path, runs: int) -> Result:
    ours, base = alternate(
        lambda: tmux_until([HUDDLE, "--db", str(big)], r"Meetings 5,000"),
        lambda: tmux_until([PYTHON, str(FLOORS / "bare_table.py")], r"row 30\b"),
        runs,
    )
    return result("cold start", ours, base, max_ratio=1.2)


# ---------------------------------------------------------------- in a child process


def child(script: str, *args: str) -> dict:
    out = subprocess.run(
        [PYTHON, str(FLOORS / script), *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def keystroke(folder: Path, runs: int) -> Result:
    ours, base = [], []
    for _ in range(runs):
        ours += child("keystroke.py", "huddle", str(folder))["seconds"]
        base += child("keystroke.py", "bare", str(folder))["seconds"]
    return result("keystroke", ours, base, max_ratio=1.3)


def history(big: Path, runs: int) -> list[Result]:
    opened, filtered, raw_open, raw_filter = [], [], [], []
    for _ in range(runs):
        timing = child("history.py", str(big))
        opened.append(timing["open"])
        filtered.append(timing["filter"])
        raw_open.append(raw_query(big, None))
        raw_filter.append(raw_query(big, "Sam"))
    return [
        result("history open", opened, raw_open, max_value=0.300),
        result("history filter", filtered, raw_filter, max_value=0.100),
    ]


def raw_query(big: Path, owner: str | None) -> float:
    """The history page query in plain sqlite3: the floor for opening and filtering."""
    started = time.perf_counter()
    conn = sqlite3.connect(big)
    where = "a.deleted_at IS NULL"
    params: tuple = ()
    if owner:
        where += " AND a.owner_id = (SELECT id FROM person WHERE lower(name) = lower(?))"
        params = (owner,)
    conn.execute(
        "SELECT a.id, a.text, p.name, p.team, a.due, a.status, a.meeting_id, m.date, s.name,"
        " a.created_at, a.closed_at, (SELECT count(*) FROM actionevent e WHERE"
        " e.action_id = a.id AND e.kind = 'carried') FROM actionitem a"
        " JOIN person p ON p.id = a.owner_id JOIN series s ON s.id = a.series_id"
        " LEFT JOIN meeting m ON m.id = a.meeting_id WHERE "
        + where
        + " ORDER BY a.due, a.id LIMIT 100",
        params,
    ).fetchall()
    conn.close()
    return time.perf_counter() - started


def memory(big: Path, runs: int) -> Result:
    ours, base = [], []
    for _ in range(runs):
        ours.append(child("history.py", str(big))["peak_rss"])
        base.append(child("bare_memory.py")["peak_rss"])
    return result("memory", ours, base, extra=40 * 1024 * 1024, unit="MiB", scale=1 / (1024 * 1024))


# ---------------------------------------------------------------- writes


def autosave(folder: Path, runs: int) -> Result:
    from meeting.clock import Clock
    from meeting.items import add_item
    from meeting.meetings import get_meeting, start_meeting
    from storage.db import open_database

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
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", *command],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def text(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait(self, pattern: str, timeout: float = 20.0) -> float:
        """Seconds until `pattern` shows on this terminal's screen."""
        regex, started = re.compile(pattern), time.perf_counter()
        while time.perf_counter() - started < timeout:
            if regex.search(self.screen()):
                return time.perf_counter() - started
            time.sleep(0.005)
        raise RuntimeError(f"{pattern!r} did not show within {timeout}s:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def section_switch(folder: Path, runs: int) -> Result:
    """`n` in a meeting, until the next section's title and its footer keys are on screen;
    the floor is a bare Textual app swapping a title and a table's rows on a key."""
    from meeting.clock import Clock
    from meeting.meetings import start_meeting
    from storage.db import open_database

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
    from meeting.clock import Clock
    from meeting.meetings import start_meeting
    from storage.db import open_database

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


SCENARIOS = (
    "cold start",
    "headless CLI",
    "help",
    "keystroke",
    "autosave",
    "history",
    "export",
    "memory",
    "section switch",
    "live refresh",
    "postgres CLI",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (under 3 minutes)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--only", nargs="*", choices=SCENARIOS, help="run only these")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
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
            ("cold start", lambda: cold_start(big, runs + 4)),  # about 1.3 s a pair
            ("headless CLI", lambda: headless(big, runs + 6)),  # about 1 s a pair
            ("help", lambda: help_text(runs + 6)),
            ("keystroke", lambda: keystroke(folder, 2 if args.quick else 4)),
            ("autosave", lambda: autosave(folder, runs)),
            ("history", lambda: history(big, runs)),
            ("export", lambda: export(fresh_copy(big, folder), folder, 3 if args.quick else 5)),
            ("memory", lambda: memory(big, 1 if args.quick else 3)),
            ("section switch", lambda: section_switch(folder, 10 if args.quick else 20)),
            ("live refresh", lambda: live_refresh(folder, 8 if args.quick else 20)),
            ("postgres CLI", lambda: postgres_command(big, folder, runs + 4)),
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
