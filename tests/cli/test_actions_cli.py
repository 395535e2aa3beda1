"""`huddle actions ...`, with JSON and CSV parsed back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from typer.testing import Result

from tests.cli.helpers import contents, invoke, url_of


def run(db: str, *args: str) -> Result:
    return invoke(db, "actions", *args)


def as_json(db: str, *args: str) -> list[dict[str, Any]]:
    result = run(db, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_what_did_sam_promise_in_october(db: str) -> None:
    rows = as_json(db, "list", "--owner", "Sam", "--since", "2026-10-01")
    assert rows and all(r["owner"] == "Sam" for r in rows)
    assert all(str(r["made_on"]) >= "2026-10-01" for r in rows)
    assert set(rows[0]) == {
        "id",
        "text",
        "owner",
        "team",
        "due",
        "status",
        "meeting_id",
        "made_on",
        "series",
        "times_carried",
    }
    shown = run(db, "show", str(rows[0]["id"]))
    assert shown.exit_code == 0
    assert "created in Weekly sync" in shown.stdout


def test_csv_parses_back_to_the_same_rows(db: str) -> None:
    as_list = as_json(db, "list", "--status", "open")
    parsed = list(
        csv.DictReader(io.StringIO(run(db, "list", "--status", "open", "-f", "csv").stdout))
    )
    assert [int(r["id"]) for r in parsed] == [r["id"] for r in as_list]
    assert [r["text"] for r in parsed] == [r["text"] for r in as_list]


def test_add_done_show(db: str) -> None:
    added = run(
        db, "add", "Send the Q1 plan | with `numbers`", "--owner", "priya", "--due", "2026-12-01"
    )
    assert added.exit_code == 0, added.output
    action_id = int(added.stdout.split()[-1])
    [row] = [r for r in as_json(db, "list", "--search", "Q1 plan")]
    assert (row["id"], row["owner"], row["due"], row["status"], row["meeting_id"]) == (
        action_id,
        "Priya",
        "2026-12-01",
        "open",
        None,
    )
    assert run(db, "done", str(action_id)).exit_code == 0
    events = as_json(db, "show", str(action_id))
    assert [(e["kind"], e["new"]) for e in events] == [
        ("created", "Send the Q1 plan | with `numbers`"),
        ("status", "done"),
    ]


def test_add_goes_to_the_given_meeting(db: str) -> None:
    assert invoke(db, "meeting", "reopen", "2026-11-16").exit_code == 0  # it takes it again
    added = run(db, "add", "Follow up", "--owner", "Sam", "--meeting", "2026-11-16")
    action_id = int(added.stdout.split()[-1])
    [row] = [r for r in as_json(db, "list", "--owner", "Sam") if r["id"] == action_id]
    assert row["made_on"] == "2026-11-16"
    assert row["due"] == str(next_meeting_of_the_series(db))


def next_meeting_of_the_series(db: str) -> dt.date:
    from meeting.agenda.series import default_series_name, next_meeting_date, resolve_series
    from meeting.foundations.clock import clock_from_env
    from storage.opening import open_database

    database = open_database(url_of(db))
    try:
        with database.read() as session:
            series = resolve_series(session, default_series_name(database) or "")
        return next_meeting_date(database, series.id, clock=clock_from_env())  # type: ignore[arg-type]  # an id read back from the database
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--owner", "Sma"], "unknown person 'Sma' (did you mean: Sam?)"),
        (["list", "--since", "last week"], "bad date 'last week'"),
        (["list", "--status", "closed"], "unknown status 'closed'"),
        (["list", "--status", "done", "--overdue"], "cannot be combined"),
        (
            ["add", "x", "--owner", "Nobody"],
            "unknown person 'Nobody' (huddle people list shows who is known; "
            "huddle people add Nobody --team TEAM adds them)",
        ),
        (["add", " ", "--owner", "Sam"], "the action is empty"),
        (["add", "x", "--owner", "Sam", "--due", "31/12"], "bad date '31/12'"),
        (["add", "x", "--owner", "Sam", "--due", ""], "--due is empty"),
        (["edit", "1", "--due", " "], "--due is empty"),
        (["add", "x", "--owner", "Sam", "--meeting", "2026-11-17"], "no meeting on 2026-11-17"),
        (["done", "9999"], "no action item with id 9999"),
        (["show", "9999"], "no action item with id 9999"),
        (["stats", "--by", "mood"], "by owner or by team"),
    ],
)
def test_bad_input(db: str, args: list[str], message: str) -> None:
    before = contents(db)
    result = run(db, *args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert contents(db) == before


def test_stats_by_owner_and_team(db: str) -> None:
    owners = as_json(db, "stats")
    assert {r["owner"] for r in owners} >= {"Sam", "Priya"}
    for row in owners:
        total = row["open"] + row["done_on_time"] + row["done_late"] + row["dropped"]
        done = row["done_on_time"] + row["done_late"]
        assert row["completion_rate"] == round(done / total * 100, 1)  # as the scorecard writes
    teams = as_json(db, "stats", "--by", "team", "--since", "2026-10-01")
    assert {r["team"] for r in teams} <= {"sales", "marketing", "leadership"}
    table = run(db, "stats").stdout
    assert "completion_rate" in table and "%" in table


def test_edit_and_reopen_an_action_between_meetings(db: str) -> None:

    typo = invoke(db, "actions", "edit", "3", "--owner", "Samm")
    assert typo.exit_code == 1 and "did you mean: Sam" in typo.output
    nothing = invoke(db, "actions", "edit", "3")
    assert nothing.exit_code == 1 and "give --text, --owner or --due" in nothing.output
    changed = invoke(
        db, "actions", "edit", "3", "--owner", "Priya", "--due", "2026-12-04", "--text", "Ship it"
    )
    assert changed.exit_code == 0, changed.output
    shown = json.loads(
        invoke(db, "actions", "list", "--search", "Ship it", "--format", "json").output
    )
    assert [(a["id"], a["owner"], a["due"]) for a in shown] == [(3, "Priya", "2026-12-04")]
    cleared = invoke(db, "actions", "edit", "3", "--due", "none")
    assert cleared.exit_code == 0
    assert invoke(db, "actions", "done", "3").output.endswith("already done; nothing changed\n")
    assert invoke(db, "actions", "reopen", "3").output == "Action 3 is open again\n"
    again = invoke(db, "actions", "reopen", "3")
    assert again.exit_code == 1
    assert again.output == "huddle: action 3 is already open; nothing changed\n"
    timeline = invoke(db, "actions", "show", "3", "--format", "json").output
    kinds = [event["kind"] for event in json.loads(timeline)]
    assert kinds[-5:] == ["text", "owner", "due", "due", "status"]  # done twice: one event
