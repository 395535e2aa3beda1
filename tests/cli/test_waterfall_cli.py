"""`huddle waterfall` on the demo with stage dates imported: the table in 80 columns, the
scorecard's rates in JSON, bad input in a line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.helpers import invoke, url_of

# Two leads moved on in November 2026 (the demo's last month): days in Leads 2.0 and 4.0.
LEADS = """name,company,created_at,MQL date,sql at
Ada,Engines,2026-11-02 09:00,2026-11-04 09:00,
Bob,Bits,2026-11-01,2026-11-05,2026-11-09 12:00
"""


def dated(db: str, tmp_path: Path) -> str:
    """The demo with its own stage dates forgotten and these imported: days known by hand."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url_of(db))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM leadstage"))
    engine.dispose()
    path = tmp_path / "leads.csv"
    path.write_text(LEADS)
    result = invoke(db, "leads", "import", str(path))
    assert result.exit_code == 0, result.output
    return db


def test_a_table_per_stage_that_fits_80_columns(db: str, tmp_path: Path) -> None:
    result = invoke(dated(db, tmp_path), "waterfall")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Waterfall: Weekly sync, by month, 2026-09 to 2026-11"
    assert lines[3].split() == [
        "period",
        "stage",
        "total",
        "to",
        "next",
        "target",
        "days",
        "in",
        "stage",
    ]
    assert max(map(len, lines)) <= 80
    body = lines[5:]
    assert [line.split()[0] for line in body[::5]] == ["2026-09", "2026-10", "2026-11"]
    november = body[10:15]
    assert november[0].split()[1] == "Leads" and november[0].endswith("3.0d (2 leads)")
    assert november[1].endswith("4.5d (1 lead)")  # Bob: 5 November to the 9th, noon
    assert november[2].rstrip().endswith("–")
    assert november[4].split()[0] == "Closed-won" and "%" not in november[4]


def test_json_tells_the_scorecards_rates(db: str, tmp_path: Path) -> None:
    rows = json.loads(invoke(dated(db, tmp_path), "waterfall", "--format", "json").stdout)
    assert len(rows) == 3 * 5
    card = json.loads(invoke(db, "scorecard", "--format", "json").stdout)
    rate = next(f for f in card if f["figure"] == "Leads → MQLs")
    leads = [row for row in rows if row["stage"] == "Leads"]
    assert [row["conversion"] for row in leads] == [
        round(rate[label], 1) for label in ("2026-09", "2026-10", "2026-11")
    ]
    assert {row["target"] for row in leads} == {round(rate["target"], 1)}
    assert leads[-1]["median_days"] == 3.0 and leads[-1]["leads_dated"] == 2
    table = list(csv.DictReader(io.StringIO(invoke(db, "waterfall", "-f", "csv").stdout)))
    assert [row["stage"] for row in table[:5]] == ["Leads", "MQLs", "SQLs", "Demos", "Closed-won"]


def test_weeks_and_quarters(db: str) -> None:
    weeks = invoke(db, "waterfall", "--period", "week", "--periods", "2")
    assert weeks.exit_code == 0, weeks.output
    assert weeks.output.splitlines()[0] == "Waterfall: Weekly sync, by week, 2026-W46 to 2026-W47"
    quarter = invoke(db, "waterfall", "-p", "quarter", "-n", "1")
    assert quarter.output.splitlines()[0] == "Waterfall: Weekly sync, in 2026-Q4"


def test_ending_picks_the_last_period_as_the_scorecard_does(db: str) -> None:
    october = invoke(db, "waterfall", "--ending", "2026-10", "-n", "2")
    assert october.exit_code == 0, october.output
    assert october.output.splitlines()[0] == "Waterfall: Weekly sync, by month, 2026-09 to 2026-10"
    weeks = invoke(db, "waterfall", "-p", "week", "--ending", "2026-w45", "-n", "2")
    assert weeks.output.splitlines()[0] == "Waterfall: Weekly sync, by week, 2026-W44 to 2026-W45"
    rows = json.loads(invoke(db, "waterfall", "--ending", "2026-10", "-f", "json").stdout)
    card = json.loads(invoke(db, "scorecard", "--ending", "2026-10", "-f", "json").stdout)
    rate = next(f for f in card if f["figure"] == "Leads → MQLs")
    leads = [row for row in rows if row["stage"] == "Leads"]
    assert [row["period"] for row in leads] == ["2026-08", "2026-09", "2026-10"]
    assert [row["conversion"] for row in leads] == [
        round(rate[label], 1) for label in ("2026-08", "2026-09", "2026-10")
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--period", "day"], "unknown period 'day' (choose week, month or quarter)"),
        (["--periods", "0"], "--periods must be between 1 and 36"),
        (["--series", "Nope"], "unknown series 'Nope'"),
        (["--ending", "Jan"], "bad month 'Jan': write it as 2026-11"),
        (["-p", "week", "--ending", "2026-11"], "bad week '2026-11': write it as 2026-W48"),
        (["-p", "week", "--ending", "2026-W60"], "bad week '2026-W60'"),
        (["--ending", "2025-01"], 'no meetings of "Weekly sync" in 2025-01'),
        (["-p", "day", "--ending", "2026-11"], "unknown period 'day'"),
    ],
)
def test_bad_input_is_one_line(db: str, args: list[str], says: str) -> None:
    result = invoke(db, "waterfall", *args)
    assert result.exit_code == 1, result.output
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
