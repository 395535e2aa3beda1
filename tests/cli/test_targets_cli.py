"""`huddle targets plan`: targets worked back from revenue through the rates a series has
measured (or given ones), on a hand-made history; --apply sets them and keeps why."""

from __future__ import annotations

import json

from tests.cli.helpers import invoke

# Three weeks of one funnel: rates into MQLs 40%, SQLs 50%, Demos 50%, Closed-won 50%.
WEEKS = (
    ("2026-11-02", {"Leads": 100, "MQLs": 40, "SQLs": 20, "Demos": 10, "Closed-won": 5}),
    ("2026-11-09", {"Leads": 150, "MQLs": 60, "SQLs": 30, "Demos": 15, "Closed-won": 7}),
    ("2026-11-16", {"Leads": 50, "MQLs": 20, "SQLs": 10, "Demos": 5, "Closed-won": 3}),
)


def history(db: str) -> None:
    for day, values in WEEKS:
        started = invoke(
            db, "meeting", "start", "--series", "Plan", "--new-series", "--date", day, "--no-open"
        )
        assert started.exit_code == 0, started.output
        for name, value in values.items():
            recorded = invoke(db, "metrics", "record", name, str(value), "--series", "Plan")
            assert recorded.exit_code == 0, recorded.output
        assert invoke(db, "meeting", "end", "latest", "--series", "Plan").exit_code == 0


def plan(db: str, *args: str) -> dict[str, dict[str, object]]:
    planned = invoke(
        db, "targets", "plan", "--series", "Plan", "--revenue", "120,000", "--deal-size",
        "10000", "--format", "json", *args,
    )  # fmt: skip
    assert planned.exit_code == 0, planned.output
    return {row["metric"]: row for row in json.loads(planned.stdout)}


def test_the_revenue_worked_back_through_measured_rates(db: str) -> None:
    history(db)
    rows = plan(db)
    # 12 won deals a quarter; 24 demos, 48 SQLs, 96 MQLs, 240 leads.
    assert {m: r["per_quarter"] for m, r in rows.items()} == {
        "Leads": 240,
        "MQLs": 96,
        "SQLs": 48,
        "Demos": 24,
        "Closed-won": 12,
        "Revenue": 120000,
    }
    assert {m: r["per_month"] for m, r in rows.items()}["Leads"] == 80
    assert {m: r["per_week"] for m, r in rows.items()} == {
        "Leads": 19,  # 18.5 rounded up: a target is what it takes
        "MQLs": 8,
        "SQLs": 4,
        "Demos": 2,
        "Closed-won": 1,
        "Revenue": 9231,
    }
    assert (rows["MQLs"]["rate"], rows["MQLs"]["rate_from"]) == (40, "measured")
    assert rows["Leads"]["rate"] is None and rows["Leads"]["rate_from"] is None
    assert rows["Closed-won"]["rate"] == 50  # 15 of 30 demos, all three weeks
    assert rows["Leads"]["target_planned"] == rows["Leads"]["per_week"]  # a weekly series
    assert rows["Revenue"]["unit"] == "currency"


def test_the_table_shows_the_plan_as_people_read_it(db: str) -> None:
    """Thousands grouped, money with its sign, a rate with where it came from; JSON and
    CSV carry the same numbers as numbers."""
    history(db)
    shown = invoke(
        db, "targets", "plan", "--series", "Plan", "--revenue", "120,000", "--deal-size",
        "10000",
    )  # fmt: skip
    assert shown.exit_code == 0, shown.output
    revenue = next(line for line in shown.output.splitlines() if line.startswith("Revenue"))
    assert revenue.split() == ["Revenue", "$120,000", "$40,000", "$9,231", "–", "$9,231"]
    mqls = next(line for line in shown.output.splitlines() if line.startswith("MQLs"))
    assert mqls.split()[:4] == ["MQLs", "40%", "measured", "96"]


def test_a_given_rate_replaces_the_measured_one(db: str) -> None:
    history(db)
    rows = plan(db, "--rate", "Closed-won=25%", "--rate", "sqls=0.25")
    assert (rows["Closed-won"]["rate"], rows["Closed-won"]["rate_from"]) == (25, "given")
    assert rows["Demos"]["per_quarter"] == 48
    assert (rows["SQLs"]["rate"], rows["SQLs"]["rate_from"]) == (25, "given")
    assert rows["SQLs"]["per_quarter"] == 96
    assert rows["MQLs"]["per_quarter"] == 384 and rows["Leads"]["per_quarter"] == 960


def test_apply_sets_the_targets_and_keeps_why(db: str) -> None:
    history(db)
    applied = invoke(
        db, "targets", "plan", "--series", "Plan", "--revenue", "120000", "--deal-size",
        "10000", "--apply", "--why", "Q1 plan", "--by", "Dana",
    )  # fmt: skip
    assert applied.exit_code == 0, applied.output
    assert "Targets set; saved as version 1 of the targets agreement." in applied.output
    listed = json.loads(
        invoke(db, "metrics", "list", "--series", "Plan", "--format", "json").stdout
    )
    targets = {m["name"]: m["target"] for m in listed}
    assert targets["Leads"] == 19 and targets["Closed-won"] == 1 and targets["Revenue"] == 9231
    shown = invoke(db, "agreements", "history", "targets").output
    assert "Q1 plan" in shown and "Dana" in shown and "Leads: 19\n" in shown
    assert "MQLs: 8 (40% measured)" in invoke(db, "agreements", "show", "targets").output


def test_what_cannot_be_planned_is_one_line(db: str) -> None:
    empty = invoke(
        db, "meeting", "start", "--series", "Empty", "--new-series", "--no-open",
    )  # fmt: skip
    assert empty.exit_code == 0, empty.output
    cases = {
        ("--series", "Empty"): "no measured rate from Demos to Closed-won",
        ("--series", "Empty", "--rate", "Leads=20%"): "no funnel stage 'Leads' takes a rate",
        ("--series", "Empty", "--rate", "MQLs=0%"): "above 0% and at most 100%",
        ("--series", "Empty", "--rate", "MQLs"): "write the stage and its rate, as SQLs=40%",
        ("--series", "Empty", "--period", "decade"): "unknown period 'decade'",
    }
    for args, said in cases.items():
        result = invoke(db, "targets", "plan", "--revenue", "1000", "--deal-size", "10", *args)
        assert result.exit_code == 1 and said in result.output, result.output
        assert "Traceback" not in result.output
