"""`huddle leads accept|reject`: sales' decision on a lead handed over, with a reason from
the agreed list; on both databases."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.cli.helpers import contents, invoke
from tests.conftest import NOW


def nurture(db: str) -> list[str]:
    found = json.loads(
        invoke(db, "leads", "list", "--status", "nurture", "--format", "json").stdout
    )
    return [lead["name"] for lead in found]


def test_reject_then_accept_from_the_command_line(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = contents(db)
    demo_nurture = nurture(db)  # the demo's own rejected leads
    assert "Aisha Bello" not in demo_nurture
    refused = invoke(db, "leads", "reject", "Aisha Bello", "--reason", "too small")
    assert refused.exit_code == 1
    said = refused.output.strip()
    assert "\n" not in said and "Traceback" not in said
    assert "'too small' is not an agreed rejection reason" in said
    assert "junk, wrong persona, no budget, duplicate, student, competitor" in said
    assert invoke(db, "leads", "accept", "Aisha Bello", "--reason", "x").exit_code != 0
    assert contents(db) == before

    rejected = invoke(db, "--as", "Sam", "leads", "reject", "5007", "--reason", "No-Budget")
    assert rejected.exit_code == 0, rejected.output
    assert "Rejected Aisha Bello (Lagos Fintech) (no budget)" in rejected.output
    assert set(nurture(db)) == {*demo_nurture, "Aisha Bello"}
    again = invoke(db, "leads", "reject", "5007", "--reason", "no budget")
    assert "already rejected (no budget); nothing changed" in again.output

    # Three days later, nurtured meanwhile: accepted, a lead that came back.
    monkeypatch.setenv("HUDDLE_NOW", (NOW + dt.timedelta(days=3)).isoformat())
    accepted = invoke(db, "leads", "accept", "Aisha Bello", "--by", "Dana")
    assert "recycled, came back qualified" in accepted.output
    assert nurture(db) == demo_nurture
    after = contents(db)["leaddecision"][len(before["leaddecision"]) :]
    assert [(row[2], row[3]) for row in after] == [("rejected", "no budget"), ("accepted", None)]


def test_a_decision_changed_the_same_day_replaces_the_mistake(db: str) -> None:
    """Rejected by mistake and accepted a minute later, on the same hand-over: one decision,
    accepted, and no lead sent back to nurture or recycled in any figure."""
    before = contents(db)["leaddecision"]
    assert invoke(db, "leads", "reject", "5007", "--reason", "junk").exit_code == 0
    changed = invoke(db, "leads", "accept", "5007")
    assert changed.exit_code == 0, changed.output
    assert changed.output.strip() == (
        "Changed today's decision on Aisha Bello (Lagos Fintech): accepted"
    )
    after = contents(db)["leaddecision"][len(before) :]
    assert [(row[2], row[3]) for row in after] == [("accepted", None)]
    assert "Aisha Bello" not in nurture(db)


def test_the_reasons_are_the_agreement_as_it_stands(db: str) -> None:
    edited = invoke(
        db, "agreements", "edit", "rejection-reasons", "--text", "junk\nbad timing\n", "--why", "x"
    )
    assert edited.exit_code == 0, edited.output
    refused = invoke(db, "leads", "reject", "Aisha Bello", "--reason", "student")
    assert "the reasons are: junk, bad timing (huddle agreements edit" in refused.output
    taken = invoke(db, "leads", "reject", "Aisha Bello", "--reason", "bad timing")
    assert taken.exit_code == 0, taken.output
    assert invoke(db, "leads", "accept", "no such lead").exit_code == 1
