"""`huddle metrics ...` on a copy of the demo database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import Result

from tests.cli.helpers import contents, invoke


def run(db: str, *args: str) -> Result:
    return invoke(db, "metrics", *args)


def values(db: str, metric: str) -> list[dict[str, object]]:
    return json.loads(run(db, "show", metric, "--format", "json").stdout)


def test_list_in_every_format(db: str) -> None:
    table = run(db, "list")
    assert table.exit_code == 0 and "Closed-won" in table.stdout
    rows = json.loads(run(db, "list", "-f", "json").stdout)
    assert [r["name"] for r in rows] == ["Leads", "MQLs", "SQLs", "Demos", "Closed-won", "Revenue"]
    assert rows[0] == {
        "name": "Leads",
        "team": "marketing",
        "unit": "count",
        "direction": "higher",
        "target": 420,
        "funnel": True,
        "retired": False,
    }
    parsed = list(csv.DictReader(io.StringIO(run(db, "list", "-f", "csv").stdout)))
    assert parsed[-1]["unit"] == "currency"


def test_add_rename_target_retire(db: str) -> None:
    assert run(db, "add", "Webinar signups", "--team", "marketing", "--target", "50").exit_code == 0
    assert run(db, "rename", "webinar signups", "Webinar attendees").exit_code == 0
    assert run(db, "target", "Webinar attendees", "none").exit_code == 0
    assert invoke(db, "meeting", "start", "--no-open").exit_code == 0  # the latest, running
    assert run(db, "record", "Webinar attendees", "44").exit_code == 0
    assert run(db, "retire", "Webinar attendees").exit_code == 0
    names = [r["name"] for r in json.loads(run(db, "list", "-f", "json").stdout)]
    assert "Webinar attendees" not in names
    retired = json.loads(run(db, "list", "--all", "-f", "json").stdout)[-1]
    assert (retired["name"], retired["retired"], retired["target"]) == (
        "Webinar attendees",
        True,
        None,
    )


def test_record_into_latest_or_a_date(db: str) -> None:
    assert invoke(db, "meeting", "reopen", "2026-11-16").exit_code == 0  # ended: reopened
    result = run(db, "record", "SQLs", "51")
    assert result.exit_code == 0 and "2026-11-16" in result.stdout
    assert invoke(db, "meeting", "end").exit_code == 0
    assert invoke(db, "meeting", "reopen", "2026-11-09").exit_code == 0
    result = run(db, "record", "sqls", "1,200", "--meeting", "2026-11-09")
    assert result.exit_code == 0
    shown = {r["date"]: r["value"] for r in values(db, "SQLs")}
    assert shown["2026-11-16"] == 51 and shown["2026-11-09"] == 1200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["record", "Lead", "5"], "unknown metric 'Lead' (did you mean: Leads?)"),
        (["record", "Leads", "abc"], "'abc' is not a number"),
        (["record", "Leads", "12%"], "Leads is a count, not a percent"),
        (["record", "Revenue", "40%"], "Revenue is an amount, not a percent"),
        (["record", "Leads", "--", "-5"], "is negative"),
        (["record", "Leads", "1e308"], "exponent notation: type the number in full, e.g. 1250"),
        (["record", "Revenue", "1e-400"], "exponent notation: type the number in full"),
        (["record", "Revenue", "5000000000000"], "too large: the most huddle keeps is"),
        (["record", "Leads", "5", "--meeting", "2026-11-17"], "no meeting on 2026-11-17"),
        (["record", "Leads", "5", "--meeting", "soon"], "bad date 'soon'"),
        (["show", "Nope"], "unknown metric 'Nope'"),
        (["add", "Leads"], "already exists"),
        (["add", "X", "--unit", "kg"], "unknown unit 'kg'"),
        (["list", "--series", "Nope"], "unknown series 'Nope'"),
    ],
)
def test_bad_input_is_one_clear_line(db: str, args: list[str], message: str) -> None:
    before = contents(db)
    result = run(db, *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.startswith("huddle: ") and len(result.stderr.strip().splitlines()) == 1
    assert contents(db) == before


def test_show_last_n_with_change(db: str) -> None:
    rows = json.loads(run(db, "show", "Leads", "--last", "3", "-f", "json").stdout)
    assert [r["date"] for r in rows] == ["2026-11-02", "2026-11-09", "2026-11-16"]
    assert rows[2]["change"] == rows[2]["value"] - rows[1]["value"]
    table = run(db, "show", "Leads", "--last", "3")
    assert table.stdout.strip().splitlines()[-1].startswith("trend: ")
    money = run(db, "show", "Revenue", "--last", "1").stdout.splitlines()[2].split()
    record = values(db, "Revenue")[-1]
    change = float(str(record["change"]))
    assert money[2:5] == [  # as the meeting and the minutes write money; JSON keeps numbers
        f"${record['value']:,.0f}",
        f"${record['target']:,.0f}",
        ("+" if change > 0 else "−") + f"${abs(change):,.0f}",
    ]


def test_csv_from_show_imports_back(db: str, tmp_path: Path) -> None:
    exported = run(db, "show", "Demos", "--format", "csv").stdout
    original = values(db, "Demos")
    edited = exported.replace("2026-11-16,Demos,", "2026-11-16,Demos,9", 1)
    path = tmp_path / "demos.csv"
    path.write_text(exported)
    result = run(db, "import", str(path))
    assert result.exit_code == 0
    assert "13 values" in result.stdout and "13 unchanged" in result.stdout
    assert values(db, "Demos") == original
    path.write_text(edited)
    assert "1 changed" in run(db, "import", str(path), "--dry-run").stdout


def test_import_handles_bom_and_semicolons(db: str, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffDate;Metric;Value\n2026-11-16;MQLs;150\n".encode())
    result = run(db, "import", str(path))
    assert result.exit_code == 0, result.output
    assert {r["date"]: r["value"] for r in values(db, "MQLs")}["2026-11-16"] == 150


def test_import_is_all_or_nothing_and_names_lines(db: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "date,metric,value\n"
        "2026-11-16,Leads,999\n"
        "2026-11-17,SQLs,3\n"
        "2026-11-09,Leedz,4\n"
        "2026-11-09,SQLs,x\n"
        "2026-11-02,SQLs,4\n"
        "2026-11-02,sqls,5\n"
        "11/02/2026,SQLs,5\n"
    )
    before = contents(db)
    result = run(db, "import", str(path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith("5 bad rows, nothing imported")
    assert lines[1:] == [
        "  line 3, column date: no meeting of Weekly sync on 2026-11-17",
        "  line 4, column metric: unknown metric 'Leedz' (did you mean: Leads?)",
        "  line 5, column value: SQLs: 'x' is not a number (type digits such as 42 or 12.5)",
        "  line 7: SQLs on 2026-11-02 is already on line 6",
        "  line 8, column date: '11/02/2026' is not a date (YYYY-MM-DD)",
    ]
    assert contents(db) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"day,metric,value\n2026-11-16,Leads,1\n", "no 'date' column"),
        (b"date,metric,value\n2026-11-16,Leads,\xff\xfe\n", "line 2 is not UTF-8 text"),
        (b"", "is empty"),
    ],
)
def test_import_file_problems(db: str, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    result = run(db, "import", str(path))
    assert result.exit_code == 1 and message in result.stderr


def test_import_refuses_numbers_read_another_way(db: str, tmp_path: Path) -> None:
    """1e-400 was stored as 0 and 1e308 as a number no screen could show."""
    path = tmp_path / "in.csv"
    path.write_text("date,metric,value\n2026-11-16,Leads,1e-400\n2026-11-09,Revenue,1e308\n")
    before = contents(db)
    result = run(db, "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[1:] == [
        "  line 2, column value: Leads: '1e-400' is in exponent notation: type the number in "
        "full, e.g. 1250",
        "  line 3, column value: Revenue: '1e308' is in exponent notation: type the number in "
        "full, e.g. 1250",
    ]
    assert contents(db) == before


def test_import_missing_file(db: str, tmp_path: Path) -> None:
    result = run(db, "import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_a_new_target_leaves_past_months_judged_as_they_were(db: str) -> None:
    """`metrics target` applies from today on: October's scorecard keeps October's target."""

    def mqls_to_sqls(*options: str) -> dict[str, object]:
        out = invoke(db, "scorecard", *options, "--format", "json")
        assert out.exit_code == 0, out.output
        return next(f for f in json.loads(out.stdout) if f["figure"] == "MQLs → SQLs")

    october = mqls_to_sqls("--ending", "2026-10")
    assert run(db, "target", "SQLs", "130").exit_code == 0  # from 48 a meeting
    assert mqls_to_sqls("--ending", "2026-10") == october
    assert mqls_to_sqls()["target"] == pytest.approx(130 / 130 * 100)  # MQLs' target is 130


def test_show_gives_each_meeting_the_target_of_its_day(db: str) -> None:
    """As its Numbers section and the scorecard do: a new target leaves the past alone."""
    assert run(db, "target", "Leads", "500").exit_code == 0  # from today, 2026-11-23
    started = invoke(db, "meeting", "start", "--no-open")
    assert started.exit_code == 0, started.output
    assert run(db, "record", "Leads", "450").exit_code == 0
    rows = values(db, "Leads")
    assert rows[-1]["date"] == "2026-11-23" and rows[-1]["target"] == 500
    assert {r["target"] for r in rows[:-1]} == {420}
    shown = [
        r["target"]
        for r in csv.DictReader(io.StringIO(run(db, "show", "Leads", "-f", "csv").stdout))
    ]
    assert shown[-2:] == ["420", "500"]
