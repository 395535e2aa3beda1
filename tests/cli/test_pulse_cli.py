"""`huddle pulse ...`: statements, rating once each and 1 to 5, and each team's averages
beside the figures, with no one's rating in any output."""

from __future__ import annotations

import csv
import io
import json
import re

from tests.cli.helpers import invoke
from tests.cli.test_hostile_output import OSC52, run_all_in_terminal

SALES = {"Jordan": 2, "Riley": 1, "Sam": 2}
MARKETING = {"Alex": 4, "Maya": 5}  # two: their 4.5 is never shown
# The demo's people rate in the meeting that closes each month from September; these two
# meetings had no pulse.
NOVEMBER, AUGUST = "2026-11-09", "2026-08-31"


def rated(db: str, day: str = NOVEMBER) -> None:
    """A demo meeting, reopened: three of sales and two of marketing rate."""
    assert invoke(db, "meeting", "reopen", day).exit_code == 0
    for name, score in SALES.items():
        result = invoke(db, "pulse", "rate", day, "--as", name, f"lead-quality={score}")
        assert result.exit_code == 0, result.output
        assert "anonymously" in result.output
    for name, score in MARKETING.items():
        result = invoke(db, "pulse", "rate", day, "--as", name, f"follow-up={score}")
        assert result.exit_code == 0, result.output
    assert invoke(db, "meeting", "end", day).exit_code == 0


def test_statements_list_and_a_new_wording(db: str) -> None:
    listed = invoke(db, "pulse", "statements")
    assert listed.exit_code == 0, listed.output
    assert "lead-quality" in listed.output and "The leads marketing sends" in listed.output
    edited = invoke(
        db, "pulse", "edit", "other-team", "--text", "I know what they work on", "--why", "short"
    )
    assert edited.exit_code == 0 and "other-team: version 2 saved" in edited.output
    rows = json.loads(invoke(db, "pulse", "statements", "--format", "json").output)
    assert rows[3]["text"] == "I know what they work on" and rows[3]["why"] == "short"


def test_rating_is_refused_twice_and_outside_one_to_five_in_one_line(db: str) -> None:
    assert invoke(db, "meeting", "reopen", NOVEMBER).exit_code == 0
    first = invoke(db, "pulse", "rate", NOVEMBER, "--as", "Sam", "lead-quality=2")
    assert first.exit_code == 0, first.output
    again = invoke(db, "pulse", "rate", NOVEMBER, "--as", "Sam", "lead-quality=4")
    assert again.exit_code == 1
    assert again.output.strip().splitlines() == [
        "huddle: Sam has rated lead-quality in this meeting already"
    ]
    for bad in ("lead-quality=6", "lead-quality=0", "lead-quality=x", "lead-quality"):
        refused = invoke(db, "pulse", "rate", NOVEMBER, "--as", "Riley", bad)
        assert refused.exit_code == 1 and len(refused.output.strip().splitlines()) == 1, bad
        assert "Traceback" not in refused.output
    nobody = invoke(db, "pulse", "rate", NOVEMBER, "other-team=3")
    assert nobody.exit_code == 1 and "--as NAME" in nobody.output


def test_show_averages_beside_the_figures_and_no_ones_rating(db: str) -> None:
    rated(db)
    shown = invoke(db, "pulse", "show")
    assert shown.exit_code == 0, shown.output
    # November: the demo's three of sales (4, 4, 5) and these three (2, 1, 2).
    line = next(x for x in shown.output.splitlines() if x.startswith("lead-quality"))
    assert " 1.7 2.0 3.0 " in line and "MQLs → SQLs" in line
    follow = next(x for x in shown.output.splitlines() if x.startswith("follow-up"))
    assert "leads touched within SLA" in follow and "4.5" not in follow
    records = json.loads(invoke(db, "pulse", "show", "--format", "json").output)
    lead = next(r for r in records if r["statement"] == "lead-quality")
    assert lead["team"] == "sales" and lead["2026-11"] == 3.0 and lead["2026-11 answers"] == 6
    table = invoke(db, "pulse", "show", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {r["statement"] for r in rows} == {
        "lead-quality",
        "follow-up",
        "ideal-customer",
        "other-team",
    }
    in_csv = json.loads(next(r for r in rows if r["statement"] == "lead-quality")["figures"])
    assert in_csv == lead["figures"]  # as JSON in its cell, the same figures: a script reads it
    everything = shown.output + table + json.dumps(records, ensure_ascii=False)
    for name in (*SALES, *MARKETING):
        assert name not in everything, name  # no rater named
    # Marketing's two ratings leave November's average as the demo's three made it.
    follow_up = next(r for r in records if r["statement"] == "follow-up")
    assert follow_up["2026-11"] == 3.7 and follow_up["2026-11 answers"] == 5
    assert "4.5" not in everything


def test_hostile_statement_text_reaches_a_terminal_shown(db: str) -> None:
    text = "Leads " + OSC52 + "\x1b[2J\u202e"
    edited = invoke(db, "pulse", "edit", "lead-quality", "--text", text, "--by", OSC52)
    assert edited.exit_code == 0, edited.output
    rated(db)
    each = [
        ["pulse", what, "--format", fmt]
        for what in ("statements", "show")
        for fmt in ("table", "json", "csv")
    ]
    for args, shown in zip(each, run_all_in_terminal(each, db), strict=True):
        assert b"\x1b" not in shown and "\u202e".encode() not in shown, (args, shown)
        if args[1] == "statements" or args[3] != "table":
            assert b"52;c;QkFOTkVS" in shown, args


def test_the_scorecard_carries_the_pulse_and_no_ones_rating(db: str) -> None:
    rated(db, AUGUST)  # before the demo's own pulse: these ratings alone
    ending = ("--ending", "2026-08")
    records = json.loads(invoke(db, "scorecard", *ending, "--format", "json").output)
    pulses = {(r["team"], r["figure"]): r for r in records if r["figure"].startswith("pulse: ")}
    assert set(pulses) == {("sales", "pulse: lead-quality"), ("marketing", "pulse: follow-up")}
    assert pulses[("sales", "pulse: lead-quality")]["2026-08"] == 1.7
    assert pulses[("marketing", "pulse: follow-up")]["2026-08"] is None
    table = invoke(db, "scorecard", *ending).output
    assert "pulse: lead-quality" in table and "fewer than 3 of a team" in table
    assert "4.5" not in table


def test_each_figure_beside_a_statement_has_a_line_of_its_own(db: str) -> None:
    """Joined on one line they were cut at a cell's width (`median hours to first…`), in a
    file too; one a line, each is whole."""
    shown = invoke(db, "pulse", "show").output.splitlines()
    follow = next(i for i, line in enumerate(shown) if line.startswith("follow-up"))
    assert re.search(r"  leads touched within SLA \d+% [✓✗]$", shown[follow])
    under = shown[follow + 1]
    assert re.fullmatch(r" +median hours to first touch [\d.]+h [✓✗]", under)
    assert under.index("median") == shown[follow].index("leads")  # in the beside column
    assert "…" not in "\n".join(shown)
