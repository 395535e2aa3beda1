"""Agreements and their versions, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from meeting.agenda.meetings import start_meeting
from meeting.entries import agreements
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.reports.closing import end_meeting
from storage.db import Database

NOW = dt.datetime(2026, 9, 1, 15, 0, tzinfo=dt.UTC)


def test_the_default_agreements_exist_unwritten(db: Database) -> None:
    rows = agreements.list_agreements(db, clock=FixedClock(NOW))
    assert [r.name for r in rows] == [name for name, _, _ in agreements.DEFAULTS]
    assert {r.name: r.owner_team for r in rows}["sql"] == "sales"
    assert all(r.current is None and r.text == "" for r in rows)
    assert rows[0].age_days(NOW.date()) is None


def test_versions_across_meetings_tell_what_changed_and_why(db: Database) -> None:
    first = FixedClock(NOW)
    meeting_id, _ = start_meeting(
        db, clock=first, facilitator="Dana", create_series_if_missing=True
    )
    agreements.edit_agreement(
        db, "SQL", "Budget and need confirmed.", clock=first, by="Sam", meeting_id=meeting_id
    )
    end_meeting(db, meeting_id, clock=first)
    later = FixedClock(NOW + dt.timedelta(days=30))
    second, _ = start_meeting(db, clock=later, facilitator="Dana")
    number = agreements.edit_agreement(
        db,
        "sql",
        "Budget, need and a date for the decision, confirmed on a call.",
        clock=later,
        by="Priya",
        why="half of September's SQLs never booked a demo",
        meeting_id=second,
    )
    assert number == 2
    row = agreements.get_agreement(db, "sql", clock=later)
    assert [v.number for v in row.versions] == [1, 2]
    assert [v.changed_by for v in row.versions] == ["Sam", "Priya"]
    assert row.versions[1].why == "half of September's SQLs never booked a demo"
    assert row.versions[0].meeting is not None and row.versions[0].meeting.endswith("2026-09-01")
    assert row.text.startswith("Budget, need and a date")
    assert row.age_days(later.today() + dt.timedelta(days=3)) == 3
    [(name, before, after)] = agreements.changed_in_meeting(db, second)
    assert name == "sql" and before is not None and before.text == "Budget and need confirmed."
    assert after.number == 2
    assert agreements.changed_in_meeting(db, meeting_id)[0][1] is None  # first written there


def test_the_sla_keeps_its_numbers_and_is_read_as_it_stood(db: Database) -> None:
    clock = FixedClock(NOW)
    agreements.edit_agreement(
        db, agreements.SLA, "Sales calls every MQL.", clock=clock, follow_up_hours=24, answer_days=7
    )
    later = FixedClock(NOW + dt.timedelta(days=10))
    agreements.edit_agreement(
        db, agreements.SLA, "Sales calls every MQL.", clock=later, follow_up_hours="4"
    )
    assert agreements.sla_then(
        agreements.sla_history(db), NOW - dt.timedelta(days=1)
    ) == agreements.Sla(None, None)
    assert agreements.sla_then(
        agreements.sla_history(db), NOW + dt.timedelta(days=5)
    ) == agreements.Sla(24, 7)
    assert agreements.sla_then(
        agreements.sla_history(db), NOW + dt.timedelta(days=20)
    ) == agreements.Sla(4, 7)


@pytest.mark.parametrize(
    ("name", "text", "numbers", "says"),
    [
        ("sq", "text", {}, "unknown agreement 'sq' (did you mean: sql?)"),
        ("", "text", {}, "the agreement's name is empty"),
        ("mql", "  \n ", {}, "the text of 'mql' is empty"),
        ("mql", "text", {"follow_up_hours": 3}, "only follow-up-sla has numbers"),
        (agreements.SLA, "text", {"follow_up_hours": -1}, "must be a positive number"),
        (agreements.SLA, "text", {"answer_days": "soon"}, "must be a positive number"),
        (agreements.SLA, "text", {"answer_days": "nan"}, "must be a positive number"),
        (agreements.SLA, "text", {"follow_up_hours": 0}, "must be a positive number"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    db: Database, name: str, text: str, numbers: dict[str, Any], says: str
) -> None:
    clock = FixedClock(NOW)
    agreements.edit_agreement(db, agreements.SLA, "Within a day.", clock=clock, follow_up_hours=24)
    before = [(r.name, len(r.versions)) for r in agreements.list_agreements(db, clock=clock)]
    with pytest.raises(HuddleError) as error:
        agreements.edit_agreement(db, name, text, clock=clock, **numbers)
    assert says in str(error.value) and "\n" not in str(error.value)
    after = [(r.name, len(r.versions)) for r in agreements.list_agreements(db, clock=clock)]
    assert after == before


def test_the_same_text_again_is_not_a_version(db: Database) -> None:
    clock = FixedClock(NOW)
    agreements.edit_agreement(db, "mql", "Downloaded twice.", clock=clock)
    with pytest.raises(HuddleError, match="already says exactly that"):
        agreements.edit_agreement(db, "mql", "Downloaded twice.\n", clock=clock)
    assert len(agreements.get_agreement(db, "mql", clock=clock).versions) == 1


def test_agreement_text_is_kept_verbatim(db: Database) -> None:
    clock = FixedClock(NOW)
    hostile = '=HYPERLINK("x")\n| a | b |\n\x1b[31mred\x1b[0m <b>*not bold*</b>'
    agreements.edit_agreement(db, "personas", hostile, clock=clock)
    assert agreements.get_agreement(db, "personas", clock=clock).text == hostile


def test_the_minutes_show_what_changed_before_and_after(db: Database) -> None:
    from meeting.reports.minutes import minutes_markdown

    first = FixedClock(NOW)
    agreements.edit_agreement(db, "mql", "Two downloads.", clock=first, by="Priya")
    later = FixedClock(NOW + dt.timedelta(days=30))
    meeting_id, _ = start_meeting(
        db,
        clock=later,
        series="Alignment",
        template="alignment",
        facilitator="Dana",
        create_series_if_missing=True,
    )
    agreements.edit_agreement(
        db,
        "mql",
        "Two downloads and a pricing-page visit.",
        clock=later,
        by="Priya",
        why="downloads alone booked no demos",
        meeting_id=meeting_id,
    )
    end_meeting(db, meeting_id, clock=later)
    text = minutes_markdown(db, meeting_id, today=later.today())
    assert "## Agreements changed" in text
    assert "- **mql**, version 2 by Priya: downloads alone booked no demos" in text
    assert "  - **Before:** Two downloads." in text
    assert "  - **After:** Two downloads and a pricing-page visit." in text
    assert "## Heads-ups\n\nNo heads-ups." in text


def test_reading_agreements_writes_only_the_first_time(db: Database) -> None:
    """The agreements section is read on every refresh of a meeting: a read must not take
    the write lock and commit each time."""
    clock = FixedClock(NOW)
    agreements.list_agreements(db, clock=clock)
    after_first = db.commits
    agreements.list_agreements(db, clock=clock)
    agreements.get_agreement(db, "sql", clock=clock)
    assert db.commits == after_first


def test_a_read_only_database_lists_the_defaults_unwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage import opening as storage_db
    from storage.opening import open_database

    path = tmp_path / "team.db"
    open_database(f"sqlite:///{path}").dispose()  # a database from before agreements
    monkeypatch.setattr(storage_db, "writable", lambda _path: False)
    read_only = open_database(f"sqlite:///{path}")
    assert read_only.read_only
    rows = agreements.list_agreements(read_only, clock=FixedClock(NOW))
    assert [r.name for r in rows] == [name for name, _, _ in agreements.DEFAULTS]
    assert agreements.get_agreement(read_only, "MQL", clock=FixedClock(NOW)).versions == []
    read_only.dispose()
