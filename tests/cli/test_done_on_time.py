"""Done on time means closed by the end of the due day on the team's calendar, in
`huddle actions stats` (counted by the database) and on the scorecard (counted in Python)
alike, wherever UTC's day differs from the team's, daylight saving included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import invoke

# (the team's zone, the due day, [(closed at, in UTC: on time?)], one item per team)
CASES = {
    # UTC-10: 23:30 on the due Monday is already Tuesday in UTC.
    "Adak": (
        "America/Adak",
        "2026-11-30",
        [("2026-12-01T09:30:00", True), ("2026-12-01T10:30:00", False)],
    ),
    # UTC+14: 00:30 on Tuesday is still Monday in UTC.
    "Kiritimati": (
        "Pacific/Kiritimati",
        "2026-11-30",
        [("2026-11-30T09:30:00", True), ("2026-11-30T10:30:00", False)],
    ),
    # Clocks went forward on 8 March (UTC-4 from then): 00:30 on the 9th would still be the
    # 8th on the winter clock.
    "New York, spring": (
        "America/New_York",
        "2026-03-08",
        [("2026-03-09T03:30:00", True), ("2026-03-09T04:30:00", False)],
    ),
    # Clocks went back on 1 November (UTC-5 from then): 23:30 on the 1st would already be
    # the 2nd on the summer clock.
    "New York, autumn": (
        "America/New_York",
        "2026-11-01",
        [("2026-11-02T04:30:00", True), ("2026-11-02T05:30:00", False)],
    ),
}
PEOPLE = [("Sam", "sales"), ("Priya", "marketing")]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "team.db")
    return str(request.getfixturevalue("postgres").fresh())


@pytest.mark.parametrize("case", CASES)
def test_stats_and_the_scorecard_count_the_teams_day(
    empty_db: str, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    zone, due, closings = CASES[case]

    def run(at: str, *args: str) -> str:
        monkeypatch.setenv("HUDDLE_NOW", f"{at}+00:00")
        result = invoke(empty_db, *args)
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    made = f"{due[:8]}01T18:00:00"  # in the due month, on or before the due day, everywhere
    run(made, "db", "timezone", zone)
    for name, team in PEOPLE:
        run(made, "people", "add", name, "--team", team)
    run(made, "meeting", "start", "--series", "Sync", "--new-series", "--no-open")
    for (name, _), _closing in zip(PEOPLE, closings, strict=True):
        run(made, "actions", "add", f"Call back for {name}", "--owner", name, "--due", due)
    for number, (closed, _) in enumerate(closings, start=1):
        run(closed, "actions", "done", str(number))

    later = f"{due[:8]}20T12:00:00"
    stats = json.loads(run(later, "actions", "stats", "--format", "json"))
    month = due[:7]
    card = json.loads(run(later, "scorecard", "--format", "json", "--ending", month))
    on_card = {row["team"]: row[month] for row in card if row["figure"] == "actions done on time"}
    for (name, team), (closed, timely) in zip(PEOPLE, closings, strict=True):
        [figures] = [row for row in stats if row["owner"] == name]
        assert (figures["done_on_time"], figures["done_late"]) == ((1, 0) if timely else (0, 1)), (
            zone,
            closed,
        )
        assert on_card[team] == (100 if timely else 0), (zone, closed, on_card)
