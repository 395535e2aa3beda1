"""`huddle people`: the list, and changes to it, from scripts."""

from __future__ import annotations

import json

from tests.cli.helpers import contents, invoke


def test_people_commands(db: str) -> None:
    listed = json.loads(invoke(db, "people", "list", "--format", "json").output)
    assert {"name": "Sam", "team": "sales"}.items() <= listed[
        [p["name"] for p in listed].index("Sam")
    ].items()
    assert invoke(db, "people", "add", "Samm", "--team", "sales").exit_code == 0
    assert invoke(db, "actions", "add", "Typo owner", "--owner", "Samm").exit_code == 0
    merged = invoke(db, "people", "merge", "Samm", "Sam")
    assert merged.output == "Merged Samm into Sam (1 action item moved)\n"
    same = invoke(db, "people", "merge", "Sam", "sam")
    assert same.exit_code == 1 and "same person" in same.output
    taken = invoke(db, "people", "rename", "Alex", "Sam")
    assert taken.exit_code == 1 and "huddle people merge 'Alex' 'Sam'" in taken.output
    assert invoke(db, "people", "rename", "Priya", "Priya Nair").exit_code == 0
    assert invoke(db, "people", "team", "Alex", "leadership").exit_code == 0
    names = {
        p["name"]: p["team"]
        for p in json.loads(invoke(db, "people", "list", "--format", "json").output)
    }
    assert names["Priya Nair"] == "marketing" and names["Alex"] == "leadership"
    assert "Samm" not in names and "Priya" not in names


def test_people_stats_over_a_period(db: str) -> None:
    rows = json.loads(invoke(db, "people", "stats", "--format", "json").output)
    assert rows and all(0 <= row["attended"] <= row["meetings"] for row in rows)
    rates = [row["rate"] for row in rows]
    assert rates == sorted(rates)
    for row in rows:  # a percentage to the tenth, as the scorecard writes attendance
        assert row["rate"] == round(row["attended"] / row["meetings"] * 100, 1)
    table = invoke(db, "people", "stats").output.splitlines()
    lowest = rows[0]
    shown = f"{lowest['attended'] / lowest['meetings']:.0%}"  # from the ratio, rounded once
    assert any(line.startswith(lowest["name"]) and f" {shown} " in line for line in table), table
    recent = json.loads(invoke(db, "people", "stats", "--since", "-30d", "--format", "json").output)
    assert recent[0]["meetings"] < rows[0]["meetings"]
    empty = invoke(db, "people", "stats", "--since", "2099-01-01")
    assert (empty.exit_code, empty.output) == (
        1,
        "huddle: no meetings in that period (try a wider --since/--until)\n",
    )
    swapped = invoke(db, "people", "stats", "--since", "fri", "--until", "-1w")
    assert swapped.exit_code == 1 and "swap them" in swapped.output


def test_a_typo_in_a_team_starts_no_team(db: str) -> None:
    """A new team is a column of its own in the scorecard: started only with --new-team."""
    before = contents(db)
    for args in (
        ["people", "add", "Zed", "--team", "salse"],
        ["items", "add", "broken", "Slow replies", "--team", "salse"],
        ["headsup", "add", "Spring webinar", "--team", "salse"],
        ["metrics", "add", "Webinar signups", "--team", "salse"],
        ["people", "team", "Sam", "salse"],
    ):
        refused = invoke(db, *args)
        assert refused.exit_code == 1, (args, refused.output)
        assert refused.stderr == (
            "huddle: unknown team 'salse' (did you mean: sales?); add --new-team to start it\n"
        )
    assert contents(db) == before
    unknown = invoke(db, "people", "add", "Zed", "--team", "xyz")
    assert unknown.stderr == (
        "huddle: unknown team 'xyz' (known: sales, marketing, leadership); "
        "add --new-team to start it\n"
    )
    added = invoke(db, "people", "add", "Zed", "--team", "Partners", "--new-team")
    assert added.exit_code == 0, added.output
    known = invoke(db, "items", "add", "broken", "Slow replies", "--team", "partners")
    assert known.exit_code == 0, known.output  # somebody is in it now
    metric = invoke(db, "metrics", "add", "Signups", "--team", "product", "--new-team")
    assert metric.exit_code == 0, metric.output
    again = invoke(db, "headsup", "add", "Pricing page", "--team", "Product")
    assert again.exit_code == 0, again.output  # a metric's team, though nobody is in it


def test_a_rate_in_a_table_is_rounded_once_from_the_ratio() -> None:
    """As the History screen and `questions stats` show it: 5 of 11 is 45%. Rounded from
    the 45.5 JSON writes, it was 46%."""
    from meeting.foundations.number_format import format_share

    assert (format_share(5 / 11), format_share(6 / 11), format_share(17 / 19)) == (
        "45%",
        "55%",
        "89%",
    )
    assert format_share(None) == ""
