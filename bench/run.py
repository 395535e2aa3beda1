"""huddle's benchmarks, each measured against a floor run in the same process, alternating.

    python bench/run.py [--quick] [--json FILE] [--only NAME ...]
    python bench/run.py --growth [--db sqlite|postgres] [--sizes N ...]

Prints one row per scenario: median, min and max of huddle, the floor's median, their ratio
and the target; exits 1 when a scenario misses its target. Machines are noisy, so targets
are ratios to a floor measured in the same run (and a few absolute limits).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from in_browsers import in_browsers
from in_terminals import (
    GROWTH,
    browse,
    growth,
    leads_open,
    live_refresh,
    meeting_keys,
    section_switch,
)
from measure import (
    FLOORS,
    HUDDLE,
    PYTHON,
    ROOT,
    Result,
    alternate,
    big_database,
    fresh_copy,
    postgres_server,
    result,
    timed,
)


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
    return result("autosave", mine, base, max_ratio=5)


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


def postgres_command(big: Path, folder: Path, runs: int) -> Result:
    """The same headless command on PostgreSQL (the suite's kind of server, started here)
    and on SQLite, over the same data."""
    demo = folder / "pg-source.db"
    subprocess.run(
        [HUDDLE, "demo", "--db", str(demo), "--no-open"], check=True, capture_output=True
    )
    command = ["actions", "list", "--format", "json"]
    with postgres_server(folder / "pg") as create:
        url = create("bench")
        subprocess.run(
            [HUDDLE, "--db", str(demo), "db", "copy", "--to", url], check=True, capture_output=True
        )
        ours, base = alternate(
            lambda: timed([HUDDLE, "--db", url, *command]),
            lambda: timed([HUDDLE, "--db", str(demo), *command]),
            runs,
        )
    return result("postgres CLI", ours, base, max_ratio=2.0)


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
    "browser",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (under 3 minutes)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--only", nargs="*", choices=SCENARIOS, help="run only these")
    parser.add_argument(
        "--growth", action="store_true", help="only the growth table (1,000 to 1,000,000 items)"
    )
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="with --growth: the database it is measured on (postgres: a server started here)",
    )
    parser.add_argument(
        "--sizes",
        nargs="+",
        type=int,
        default=list(GROWTH),
        metavar="N",
        help="with --growth: these numbers of action items",
    )
    args = parser.parse_args()
    if args.growth:
        with tempfile.TemporaryDirectory() as scratch:
            growth(Path(scratch), 3, sizes=args.sizes, database=args.db)
        return 0
    if args.db != "sqlite" or args.sizes != list(GROWTH):
        parser.error("--db and --sizes go with --growth")
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
            ("browser", lambda: in_browsers(folder, rounds)),  # about 2.5 minutes
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
