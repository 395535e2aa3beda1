"""`huddle questions ...` and `huddle leads ...` between meetings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import Result

from tests.cli.helpers import contents, invoke, url_of

DATA = Path(__file__).parents[1] / "data"


def run(db: str, *args: str) -> Result:
    return invoke(db, *args)


def listed(db: str, *args: str) -> list[dict[str, object]]:
    return json.loads(run(db, "questions", "list", "--format", "json", *args).stdout)


def test_ask_then_answer_from_the_command_line(db: str) -> None:
    result = run(
        db,
        "questions",
        "ask",
        "Is Acme still evaluating?",
        "--lead",
        "jane cooper",
        "--assignee",
        "Sam",
        "--by",
        "Priya",
        "--due",
        "2026-11-27",
    )
    assert result.exit_code == 0, result.output
    question_id = int(result.stdout.split()[-1])
    [row] = [q for q in listed(db, "--open") if q["id"] == question_id]
    assert row == {
        "id": question_id,
        "text": "Is Acme still evaluating?",
        "lead": "Jane Cooper",
        "asked_by": "Priya",
        "assignee": "Sam",
        "due": "2026-11-27",
        "status": "open",
        "answer": None,
        "outcome": None,
    }
    answered = run(
        db, "questions", "answer", str(question_id), "Proposal sent", "--outcome", "Converted"
    )
    assert answered.exit_code == 0, answered.output
    [row] = [q for q in listed(db) if q["id"] == question_id]
    assert (row["status"], row["answer"], row["outcome"]) == (
        "answered",
        "Proposal sent",
        "converted",
    )


def test_due_defaults_to_the_next_meeting(db: str) -> None:
    result = run(
        db, "questions", "ask", "Why quiet?", "--lead", "Omar Haddad", "--assignee", "Jordan"
    )
    question_id = int(result.stdout.split()[-1])
    [row] = [q for q in listed(db) if q["id"] == question_id]
    assert row["due"] is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["ask", "?", "--lead", "Jane Coper", "--assignee", "Sam"],
            "unknown lead 'Jane Coper' (did you mean: Jane Cooper?)",
        ),
        (
            ["ask", "?", "--lead", "Jane Cooper", "--assignee", "Sma"],
            "unknown person 'Sma' (did you mean: Sam?)",
        ),
        (
            ["ask", "?", "--lead", "Jane Cooper", "--assignee", "Sam", "--due", "someday"],
            "bad date 'someday'",
        ),
        (
            ["ask", "?", "--lead", "Jane Cooper", "--assignee", "Sam", "--due", ""],
            "--due is empty",
        ),
        (["ask", " ", "--lead", "Jane Cooper", "--assignee", "Sam"], "the question is empty"),
        (["answer", "1", "Signed"], "needs an outcome"),
        (["answer", "1", "Signed", "--outcome", "maybe"], "unknown outcome 'maybe'"),
        (["answer", "999", "Signed", "--outcome", "won"], "no lead question with id 999"),
        (["list", "--assignee", "Nobody"], "unknown person 'Nobody'"),
    ],
)
def test_bad_input(db: str, args: list[str], message: str) -> None:
    before = contents(db)
    result = run(db, "questions", *args)
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert contents(db) == before


def test_new_lead_flag_adds_the_lead(db: str) -> None:
    result = run(
        db,
        "questions",
        "ask",
        "Who is this?",
        "--lead",
        "Zed Zulu",
        "--assignee",
        "Sam",
        "--new-lead",
    )
    assert result.exit_code == 0
    leads = json.loads(run(db, "leads", "list", "--search", "zulu", "-f", "json").stdout)
    assert [lead["name"] for lead in leads] == ["Zed Zulu"]


def test_answering_a_withdrawn_question_is_refused(db: str, demo_file: Path) -> None:
    from meeting.entries.questions import withdraw_question
    from storage.opening import open_database

    open_id = listed(db, "--open")[0]["id"]
    database = open_database(url_of(db))
    withdraw_question(database, open_id)  # type: ignore[arg-type]  # an id read back from the database
    database.dispose()
    result = run(db, "questions", "answer", str(open_id), "x", "--outcome", "won")
    assert result.exit_code == 1 and "withdrawn" in result.stderr


def test_list_filters_and_formats(db: str) -> None:
    overdue = listed(db, "--overdue")
    assert overdue and all(q["status"] == "open" for q in overdue)
    sams = listed(db, "--assignee", "sam")
    assert sams and {q["assignee"] for q in sams} == {"Sam"}
    table = run(db, "questions", "list", "--open").stdout.splitlines()
    assert table[0].split()[:3] == ["id", "lead", "question"]
    rows = list(csv.DictReader(io.StringIO(run(db, "questions", "list", "-f", "csv").stdout)))
    assert set(rows[0]) == {
        "id",
        "text",
        "lead",
        "asked_by",
        "assignee",
        "due",
        "status",
        "answer",
        "outcome",
    }


def test_stats(db: str) -> None:
    rows = json.loads(run(db, "questions", "stats", "--format", "json").stdout)
    assert {r["assignee"] for r in rows} == {"Sam", "Jordan", "Riley"}
    assert set(rows[0]) == {
        "assignee",
        "open",
        "overdue",
        "answered",
        "median_days_to_answer",
        "answered_by_due",
    }
    table = run(db, "questions", "stats").stdout
    assert "%" in table


def test_leads_import_twice_keeps_the_count(db: str) -> None:
    first = run(db, "leads", "import", str(DATA / "hubspot.csv"))
    assert first.exit_code == 0, first.output
    assert "3 added" in first.stdout
    count = len(json.loads(run(db, "leads", "list", "-f", "json").stdout))
    second = run(db, "leads", "import", str(DATA / "hubspot.csv"))
    assert "0 added, 0 updated, 3 unchanged" in second.stdout
    assert len(json.loads(run(db, "leads", "list", "-f", "json").stdout)) == count


def test_leads_import_dry_run_and_rejects(db: str, tmp_path: Path) -> None:
    before = contents(db)
    dry = run(db, "leads", "import", str(DATA / "salesforce.csv"), "--dry-run")
    assert dry.exit_code == 0 and dry.stdout.startswith("Would import 2 rows (Salesforce leads)")
    assert contents(db) == before
    bad = tmp_path / "bad.csv"
    bad.write_text("Lead ID,First Name,Last Name\n1,,\n")
    result = run(db, "leads", "import", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == "  line 2: the name is empty"


def test_a_new_lead_typed_with_its_company(db: str) -> None:
    result = run(
        db,
        "questions",
        "ask",
        "Still evaluating?",
        "--lead",
        "Bob Smith (Globex)",
        "--assignee",
        "Sam",
        "--new-lead",
    )
    assert result.exit_code == 0, result.output
    leads = json.loads(run(db, "leads", "list", "--search", "globex", "-f", "json").stdout)
    assert [(lead["name"], lead["company"]) for lead in leads] == [("Bob Smith", "Globex")]
    again = run(
        db, "questions", "ask", "And now?", "--lead", "Bob Smith (Globex)", "--assignee", "Sam"
    )
    assert again.exit_code == 0, again.output  # known now, by name and company


def test_unknown_lead_offers_the_flag_that_adds_it(db: str) -> None:
    result = run(db, "questions", "ask", "Who?", "--lead", "Nobody Known", "--assignee", "Sam")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("; add --new-lead to add it")


def test_answering_twice_keeps_the_first_answer(db: str) -> None:
    [first, *_] = json.loads(run(db, "questions", "list", "--open", "-f", "json").stdout)
    qid = str(first["id"])
    assert (
        run(db, "questions", "answer", qid, "Booked a call", "--outcome", "working").exit_code == 0
    )
    again = run(db, "questions", "answer", qid, "Lost it", "--outcome", "lost")
    assert again.exit_code == 1
    assert f"question {qid} is already answered (working: 'Booked a call')" in again.stderr
    [kept] = [
        q
        for q in json.loads(run(db, "questions", "list", "-f", "json").stdout)
        if q["id"] == first["id"]
    ]
    assert (kept["answer"], kept["outcome"]) == ("Booked a call", "working")
