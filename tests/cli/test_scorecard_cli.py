"""`huddle scorecard` on the demo: three months, trends, misses first; bad input in a line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.helpers import invoke


def test_three_months_with_trends_and_misses_first(db: str) -> None:
    result = invoke(db, "scorecard", "--period", "month")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Scorecard: Weekly sync, by month, 2026-09 to 2026-11"
    assert lines[1].startswith("Each team: 2026-09 2026-10 2026-11, the trend")
    assert lines[2].split() == ["figure", "target", "marketing", "sales", "leadership"]
    body = lines[4:]
    missed = [i for i, line in enumerate(body) if "✗" in line]
    kept = [i for i, line in enumerate(body) if "✗" not in line]
    assert missed and kept and max(missed) < min(kept)
    actions = next(line for line in body if line.startswith("actions done on time"))
    assert actions.count("✗") + actions.count("✓") == 3  # marketing, sales and leadership
    rows = json.loads(invoke(db, "scorecard", "--format", "json").stdout)
    teams = {row["team"] for row in rows}
    assert {"sales", "marketing"} <= teams
    leads = next(row for row in rows if row["figure"] == "Leads → MQLs")
    assert set(leads) >= {"2026-09", "2026-10", "2026-11", "target", "met"}
    table = list(csv.DictReader(io.StringIO(invoke(db, "scorecard", "-f", "csv").stdout)))
    assert len(table) == len(rows)


def test_quarters(db: str) -> None:
    result = invoke(db, "scorecard", "--period", "quarter", "--periods", "2")
    assert result.exit_code == 0, result.output
    assert "2026-Q3 to 2026-Q4" in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--period", "week"], "unknown period 'week' (choose month or quarter)"),
        (["--ending", "2025-01"], 'no meetings of "Weekly sync" in 2025-01'),
        (["--ending", "Jan"], "bad month 'Jan': write it as 2026-11"),
        (["--periods", "0"], "--periods must be between 1 and 36"),
        (["--series", "Nope"], "unknown series 'Nope'"),
    ],
)
def test_bad_input_is_one_line(db: str, args: list[str], says: str) -> None:
    result = invoke(db, "scorecard", *args)
    assert result.exit_code == 1, result.output
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_80_column_terminal_gets_each_teams_latest_value(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every period of three teams does not fit 80 columns; the latest does, unwrapped."""
    from rich.cells import cell_len

    from tui import cli_scorecard

    monkeypatch.setattr(cli_scorecard, "terminal_columns", lambda: 80)
    result = invoke(db, "scorecard")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("Each team: its 2026-11 value, the trend from 2026-09")
    assert max(cell_len(line) for line in lines) <= 80
    actions = next(line for line in lines if line.startswith("actions done on time"))
    cells = actions.split()[5:]  # after the figure and its target: value, trend, mark a team
    assert len(cells) == 9 and all(mark in ("✓", "✗") for mark in cells[2::3])
    monkeypatch.setattr(cli_scorecard, "terminal_columns", lambda: 200)
    assert "2026-09 2026-10 2026-11" in invoke(db, "scorecard").output.splitlines()[1]


def test_one_period_is_named_as_one(db: str) -> None:
    """One quarter is "in 2026-Q4", as the waterfall says it, not "2026-Q4 to 2026-Q4"."""
    result = invoke(db, "scorecard", "--period", "quarter", "--periods", "1")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Scorecard: Weekly sync, in 2026-Q4"


def test_the_scorecard_and_the_waterfall_write_a_rate_as_one_number(db: str) -> None:
    """A conversion rate is the same number in either command's JSON, to the tenth (the
    finest either shows it), and so is its target: a script reads what the tables say."""
    card = json.loads(invoke(db, "scorecard", "--format", "json").stdout)
    fall = json.loads(invoke(db, "waterfall", "--period", "month", "--format", "json").stdout)
    stages = [row["stage"] for row in fall if row["period"] == fall[0]["period"]]
    compared = 0
    for row in fall:
        if row["conversion"] is None:
            continue
        later = stages[stages.index(row["stage"]) + 1]
        rate = next(r for r in card if r["figure"] == f"{row['stage']} → {later}")
        if row["period"] in rate:
            assert (rate[row["period"]], rate["target"]) == (row["conversion"], row["target"])
            compared += 1
    assert compared >= 4
    written = [value for r in card if r["unit"] == "%" for value in r.values()]
    assert all(round(v, 1) == v for v in written if isinstance(v, float))
