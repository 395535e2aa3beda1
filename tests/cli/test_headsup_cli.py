"""`huddle headsup add|list|delete`."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import contents, invoke


def test_add_list_and_delete(db: str) -> None:
    added = invoke(
        db,
        "headsup",
        "add",
        "Webinar on lead scoring",
        "--team",
        "marketing",
        "--kind",
        "campaign",
        "--from",
        "2026-11-20",
        "--until",
        "2026-12-05",
        "--by",
        "Priya",
    )
    assert added.exit_code == 0, added.output
    assert "shown until 2026-12-05" in added.output
    listed = json.loads(invoke(db, "headsup", "list", "--format", "json").stdout)
    webinar = next(row for row in listed if row["text"] == "Webinar on lead scoring")
    assert (webinar["team"], webinar["kind"], webinar["author"]) == (
        "marketing",
        "campaign",
        "Priya",
    )
    table = invoke(db, "headsup", "list").output
    assert "running" in table and "2026-11-20 – 2026-12-05" in table
    gone = invoke(db, "headsup", "delete", str(webinar["id"]))
    assert gone.exit_code == 0, gone.output
    assert "Webinar on lead scoring" not in invoke(db, "headsup", "list").output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["add", "x", "--team", "sales", "--from", "2026-12-05", "--until", "2026-12-01"],
            "before it starts",
        ),
        (["add", "x", "--team", "sales", "--until", "someday"], "--until: bad date 'someday'"),
        (["add", " ", "--team", "sales"], "the heads-up is empty"),
        (["add", "x", "--team", "sales", "--kind", "promo"], "unknown kind 'promo'"),
        (["add", "x", "--team", "sales", "--by", "Priyaa"], "unknown person 'Priyaa' (did you"),
        (["delete", "999"], "no heads-up with id 999"),
    ],
)
def test_bad_input_is_one_line_and_nothing_changes(db: str, args: list[str], says: str) -> None:
    before = contents(db)
    result = invoke(db, "headsup", *args)
    assert result.exit_code == 1, result.output
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert contents(db) == before
