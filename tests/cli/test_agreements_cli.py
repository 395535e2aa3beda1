"""`huddle agreements ...`: list, show, edit (text, file, $EDITOR) and history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import contents, invoke


def test_edit_then_read_the_history_as_a_story(db: str) -> None:
    first = invoke(
        db, "agreements", "edit", "personas", "--text", "Budget and need.", "--by", "Sam"
    )
    assert first.exit_code == 0, first.output
    assert "personas: version 1 saved" in first.output
    second = invoke(
        db,
        "agreements",
        "edit",
        "personas",
        "--text",
        "Budget, need and timing.",
        "--by",
        "Priya",
        "--why",
        "too many SQLs never booked a demo",
    )
    assert second.exit_code == 0, second.output
    story = invoke(db, "agreements", "history", "personas").output
    assert story.index("version 1, 2026-11-23 by Sam") < story.index(
        "version 2, 2026-11-23 by Priya"
    )
    assert "between meetings: too many SQLs never booked a demo" in story
    assert "  Budget, need and timing." in story
    shown = invoke(db, "agreements", "show", "personas").output
    assert shown.splitlines()[0] == "personas (marketing)" and shown.rstrip().endswith(
        "Budget, need and timing."
    )
    listed = json.loads(invoke(db, "agreements", "list", "--format", "json").stdout)
    personas = next(row for row in listed if row["name"] == "personas")
    assert (personas["versions"], personas["changed_by"], personas["age_days"]) == (2, "Priya", 0)


def test_sla_numbers_and_a_file(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = tmp_path / "sla.md"
    text.write_text("Sales touches every MQL.\nQuestions are answered by the next meeting.\n")
    result = invoke(
        db,
        "agreements",
        "edit",
        "follow-up-sla",
        "--file",
        str(text),
        "--hours",
        "24",
        "--answer-days",
        "7",
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(invoke(db, "agreements", "show", "follow-up-sla", "--format", "json").stdout)
    assert shown[0]["follow_up_hours"] == 24 and shown[0]["answer_days"] == 7
    assert shown[0]["text"] == text.read_text().rstrip("\n")
    # New numbers alone keep the text, with no editor opened (one would fail here).
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "false")
    faster = invoke(db, "agreements", "edit", "follow-up-sla", "--hours", "12", "--why", "faster")
    assert faster.exit_code == 0, faster.output
    history = json.loads(
        invoke(db, "agreements", "history", "follow-up-sla", "--format", "json").stdout
    )
    assert [(v["follow_up_hours"], v["answer_days"]) for v in history[-2:]] == [(24, 7), (12, 7)]
    assert history[-1]["text"] == history[-2]["text"]


def test_the_editor_writes_the_text(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "Ideal: 50-500 people, a sales team.\\n" > "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke(db, "agreements", "edit", "ideal-customer", "--why", "kickoff")
    assert result.exit_code == 0, result.output
    assert "Ideal: 50-500 people" in invoke(db, "agreements", "show", "ideal-customer").output
    monkeypatch.setenv("EDITOR", "true")  # leaves the file as it was
    unchanged = invoke(db, "agreements", "edit", "ideal-customer")
    assert unchanged.exit_code == 0 and "nothing changed" in unchanged.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["edit", "nope", "--text", "x"], "unknown agreement 'nope'"),
        (["edit", "mql", "--text", "   "], "the text of 'mql' is empty"),
        (["edit", "follow-up-sla", "--text", "x", "--hours", "-2"], "must be a positive number"),
        (
            ["edit", "follow-up-sla", "--text", "x", "--answer-days", "0"],
            "must be a positive number",
        ),
        (["edit", "mql", "--text", "x", "--file", "f"], "--text or --file, not both"),
        (["edit", "mql", "--file", "/nonexistent/file.md"], "no file /nonexistent/file.md"),
        (["show", "mq"], "did you mean: mql"),
        (["history", ""], "the agreement's name is empty"),
    ],
)
def test_bad_input_is_one_line_and_nothing_changes(db: str, args: list[str], says: str) -> None:
    invoke(db, "agreements", "list")  # the defaults exist before the snapshot
    before = contents(db)
    result = invoke(db, "agreements", *args)
    assert result.exit_code == 1, result.output
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert contents(db) == before
