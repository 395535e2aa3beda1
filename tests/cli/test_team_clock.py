"""One team, one calendar: two terminals on one database, in UTC+14 and UTC-10, agree on
today, on what is overdue, on the day an action was made and on a scorecard's months."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import invoke

EAST, WEST = "Pacific/Kiritimati", "America/Adak"
# 23:30 UTC on 30 November: 13:30 on the 30th in Adak, 13:30 on 1 December in Kiritimati.
LATE = "2026-11-30T23:30:00+00:00"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., str]]:
    """Run a command as a terminal in a zone: `terminal(zone, *args)` returns its stdout."""
    monkeypatch.setenv("HUDDLE_NOW", LATE)

    def run(zone: str, db: str, *args: str, code: int = 0) -> str:
        os.environ["TZ"] = zone
        time.tzset()
        result = invoke(db, *args)
        assert result.exit_code == code, (zone, args, result.output)
        return result.stdout if code == 0 else result.stderr

    try:
        yield run
    finally:
        os.environ["TZ"] = "UTC"
        time.tzset()


@pytest.fixture(params=["sqlite", "postgresql"])
def team_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a file the first command makes, or a server database."""
    if request.param == "sqlite":
        return str(tmp_path / "team.db")
    return str(request.getfixturevalue("postgres").fresh())


START = ("--series", "Sync", "--new-series", "--no-open", "--facilitator", "Dana")
READS = [
    ["actions", "list", "--format", "json"],
    ["actions", "list", "--overdue"],
    ["actions", "show", "1"],
    ["questions", "list", "--format", "json"],
    ["meeting", "list", "--format", "json"],
    ["scorecard", "--format", "csv"],
    ["export", "latest", "-o", "-"],
]


def test_two_terminals_far_apart_work_to_one_calendar(
    terminal: Callable[..., str], team_db: str
) -> None:
    # The team's zone: Adak's for the file an Adak terminal makes, UTC for the server
    # database (made where the suite runs): on both, 23:30 UTC is still 30 November.
    terminal(WEST, team_db, "people", "add", "Sam", "--team", "sales")
    terminal(EAST, team_db, "people", "add", "Priya", "--team", "marketing")
    started = terminal(EAST, team_db, "meeting", "start", *START)
    assert "2026-11-30" in started
    terminal(WEST, team_db, "actions", "add", "Call Acme back", "--owner", "Sam", "--due", "today")
    terminal(EAST, team_db, "questions", "ask", "Why so quiet?", "--lead", "Nora Walsh",
             "--new-lead", "--assignee", "Sam", "--by", "Priya")  # fmt: skip
    terminal(EAST, team_db, "questions", "answer", "1", "Busy quarter", "--outcome", "working")

    seen = {zone: [terminal(zone, team_db, *args) for args in READS] for zone in (EAST, WEST)}
    assert seen[EAST] == seen[WEST]
    actions, overdue, _, _, _, card, _ = seen[EAST]
    [action] = json.loads(actions)
    assert action["due"] == action["made_on"] == "2026-11-30"
    assert overdue == "No action items match.\n"
    header, *rows = card.splitlines()
    assert header.split(",")[-3] == "2026-11"  # the latest month is the meeting's, November
    [answered] = [row for row in rows if row.startswith("sales,median days to answer,")]
    assert answered.split(",")[-3] == "0"  # the answer counts in November, in both terminals


def test_a_new_database_keeps_the_zone_of_the_terminal_that_made_it(
    terminal: Callable[..., str], tmp_path: Path
) -> None:
    db = str(tmp_path / "team.db")
    assert terminal(EAST, db, "db", "timezone") == f"{EAST}\n"
    assert terminal(WEST, db, "db", "timezone") == f"{EAST} (this terminal's zone: {WEST})\n"
    started = terminal(WEST, db, "meeting", "start", *START)
    assert "on 2026-12-01" in started  # Kiritimati's today, though Adak's is 30 November


def test_the_team_sets_its_zone_and_every_terminal_follows(
    terminal: Callable[..., str], team_db: str
) -> None:
    said = terminal(EAST, team_db, "db", "timezone", WEST)
    assert said.startswith(f"The team's time zone is now {WEST} (was ")
    terminal(EAST, team_db, "people", "add", "Sam", "--team", "sales")
    terminal(EAST, team_db, "meeting", "start", *START)
    terminal(EAST, team_db, "actions", "add", "Call back", "--owner", "Sam", "--due", "today")
    [action] = json.loads(terminal(EAST, team_db, "actions", "list", "--format", "json"))
    assert action["due"] == "2026-11-30"  # Adak's today, though this terminal's is 1 December
    again = terminal(WEST, team_db, "db", "timezone", WEST)
    assert again == f"The team's time zone is already {WEST}; nothing changed.\n"


@pytest.mark.parametrize("name", ["Mars/Olympus", "../../etc/passwd", "", "UTC+3"])
def test_an_unknown_zone_is_one_line_and_changes_nothing(
    terminal: Callable[..., str], tmp_path: Path, name: str
) -> None:
    db = str(tmp_path / "team.db")
    terminal(WEST, db, "db", "timezone")
    error = terminal(EAST, db, "db", "timezone", name, code=1)
    assert error.startswith(f"huddle: unknown time zone {name!r}: give an IANA name")
    assert error.count("\n") == 1
    assert terminal(EAST, db, "db", "timezone") == f"{WEST} (this terminal's zone: {EAST})\n"


def test_a_copy_and_a_fresh_start_keep_the_teams_zone(
    terminal: Callable[..., str], tmp_path: Path
) -> None:
    db, copy = str(tmp_path / "team.db"), str(tmp_path / "copy.db")
    terminal(WEST, db, "people", "add", "Sam", "--team", "sales")
    terminal(EAST, db, "db", "copy", "--to", copy)  # the copy is made in Kiritimati
    assert terminal(EAST, copy, "db", "timezone").startswith(f"{WEST} ")
    terminal(EAST, db, "db", "fresh", "--yes", "--keep", str(tmp_path / "kept.db"))
    assert terminal(EAST, db, "db", "timezone").startswith(f"{WEST} ")
