"""Every date typed into huddle is one it takes (2000-01-01 to 2099-12-31): 9999-12-31 as a
meeting's date broke most commands later (a cadence added to it overflowed), and 0001-01-01
left a meeting ended without minutes. Refused in one line, nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import contents, invoke, url_of

OUT = "is out of range: huddle takes dates from 2000-01-01 to 2099-12-31"


@pytest.mark.parametrize(
    "args",
    [
        ["meeting", "start", "--date", "9999-12-31", "--no-open"],
        ["meeting", "start", "--date", "0001-01-01", "--no-open"],
        [
            "meeting",
            "start",
            "--series",
            "Far",
            "--new-series",
            "--date",
            "1999-12-31",
            "--no-open",
        ],
        ["meeting", "plan", "--date", "2100-01-01"],
        ["meeting", "reschedule", "next", "--date", "9999-12-31"],
        ["actions", "add", "Call back", "--owner", "Sam", "--due", "9999-12-31"],
        ["actions", "stats", "--since", "0001-01-01"],
        ["actions", "list", "--since", "1900-01-01"],
        [
            "questions",
            "ask",
            "Budget?",
            "--lead",
            "Omar Haddad",
            "--assignee",
            "Jordan",
            "--due",
            "3000-01-01",
        ],
        [
            "headsup",
            "add",
            "Launch",
            "--team",
            "marketing",
            "--from",
            "2026-11-01",
            "--until",
            "9999-12-31",
        ],
        ["people", "stats", "--until", "9999-12-31"],
        ["metrics", "record", "Leads", "5", "--meeting", "0001-01-01"],
        ["scorecard", "--ending", "9999-12"],
        ["scorecard", "--period", "quarter", "--ending", "1999-Q4"],
    ],
)
def test_a_date_out_of_range_is_one_line(db: str, args: list[str]) -> None:
    before = contents(db)
    result = invoke(db, *args)
    assert result.exit_code == 1, result.output
    assert OUT in result.stderr
    assert result.stderr.startswith("huddle: ") and len(result.stderr.strip().splitlines()) == 1
    assert contents(db) == before


def test_the_edges_of_the_range_are_taken(db: str) -> None:
    assert (
        invoke(db, "actions", "add", "Last", "--owner", "Sam", "--due", "2099-12-31").exit_code == 0
    )
    plan = invoke(db, "meeting", "plan", "--date", "2099-12-31")
    assert plan.exit_code == 0, plan.output


def test_a_csv_date_out_of_range_names_its_line(db: str, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("date,metric,value\n9999-12-31,Leads,5\n")
    before = contents(db)
    result = invoke(db, "metrics", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[1] == (
        f"  line 2, column date: the date '9999-12-31' {OUT}"
    )
    assert contents(db) == before


def test_huddle_now_out_of_range_is_one_line(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUDDLE_NOW", "9999-12-31T12:00:00+00:00")
    result = invoke(db, "meeting", "start", "--no-open")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "huddle: HUDDLE_NOW='9999-12-31T12:00:00+00:00' is out of range: huddle takes dates "
        "from 2000-01-01 to 2099-12-31 (set another or unset it)"
    )


def test_a_stored_date_out_of_range_is_named_by_db_check(db: str, tmp_path: Path) -> None:
    """A database edited by hand (or written before the window) holding a meeting on
    9999-12-31: the scorecard and export said "a number is too large"; now one line says
    it is a date, and `db check` names the row."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url_of(db))
    with engine.begin() as conn:
        last = conn.execute(text("SELECT max(id) FROM meeting WHERE status = 'ended'")).scalar()
        conn.execute(text("UPDATE meeting SET date = '9999-12-31' WHERE id = :id"), {"id": last})
    engine.dispose()
    said = "huddle: a date stored in the database is out of range (huddle db check names it)\n"
    for args in (["scorecard"], ["export", "--all", "--dir", str(tmp_path / "out")]):
        result = invoke(db, *args)
        assert (result.exit_code, result.stderr) == (1, said), args
    check = invoke(db, "db", "check")
    assert check.exit_code == 1
    assert check.stdout.splitlines()[-1] == (
        f"dates: 1 outside the 2000-01-01 to 2099-12-31 huddle takes: meeting {last} date "
        "9999-12-31 (change them in the file, or restore a backup)"
    )
