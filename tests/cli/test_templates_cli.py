"""`huddle templates`: list, show, add, edit, export and remove, on both databases."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import invoke

TEAM = """\
# Our own weekly agenda.
key = "team"
name = "Team sync"

[[section]]
kind = "review"
title = "Review actions"
timebox = 5

[[section]]
key = "wins"
kind = "items"
title = "Wins"
prompt = "what closed, and why"
timebox = 7
writing = true
"""


@pytest.fixture
def team_file(tmp_path: Path) -> Path:
    path = tmp_path / "team.toml"
    path.write_text(TEAM, encoding="utf-8")
    return path


def test_list_shows_the_library_and_the_team_s_own(db: str, team_file: Path) -> None:
    added = invoke(db, "templates", "add", str(team_file))
    assert added.exit_code == 0, added.output
    assert "Added template team: Team sync, 2 sections, 12 min" in added.stdout
    listed = invoke(db, "templates", "list", "--format", "json")
    rows = {row["key"]: row for row in json.loads(listed.stdout)}
    assert list(rows)[:5] == ["sync", "alignment", "ssc", "4ls", "msg"]
    assert rows["team"] == {
        "key": "team",
        "name": "Team sync",
        "sections": 2,
        "minutes": 12,
        "source": "team",
        "series": "",
    }
    assert rows["winloss"]["source"] == "built-in"
    csv = invoke(db, "templates", "list", "--format", "csv").stdout
    assert csv.splitlines()[0] == "key,name,sections,minutes,source,series"


def test_add_refuses_a_key_that_exists_unless_replace(db: str, team_file: Path) -> None:
    assert invoke(db, "templates", "add", str(team_file)).exit_code == 0
    again = invoke(db, "templates", "add", str(team_file))
    assert again.exit_code == 1
    assert "a template 'team' exists already (--replace puts yours in its place" in again.stderr
    team_file.write_text(TEAM.replace("Team sync", "Team sync v2"), encoding="utf-8")
    replaced = invoke(db, "templates", "add", str(team_file), "--replace")
    assert replaced.exit_code == 0 and "Replaced template team" in replaced.stdout
    shown = invoke(db, "templates", "show", "team")
    assert shown.stdout.splitlines()[0] == "team: Team sync v2 (team, 12 min)"


def test_a_team_version_of_a_built_in_says_so_and_removing_it_brings_it_back(
    db: str, team_file: Path
) -> None:
    team_file.write_text(TEAM.replace('key = "team"', 'key = "sync"'), encoding="utf-8")
    refused = invoke(db, "templates", "add", str(team_file))
    assert "a built-in template 'sync' exists already" in refused.stderr
    assert invoke(db, "templates", "add", str(team_file), "--replace").exit_code == 0
    listed = json.loads(invoke(db, "templates", "list", "--format", "json").stdout)
    assert listed[0]["source"] == "team, replaces built-in"
    # The demo's series starts from sync: its next meeting has the team's sections.
    started = invoke(db, "meeting", "start", "--no-open")
    assert started.exit_code == 0, started.output
    shown = json.loads(invoke(db, "meeting", "show", "latest", "--format", "json").stdout)
    assert "Wins" in json.dumps(shown)
    removed = invoke(db, "templates", "remove", "sync")
    assert removed.stdout.strip() == "Removed the team's sync; the built-in sync is back"
    refused = invoke(db, "templates", "remove", "sync")
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        "huddle: 'sync' is built in and cannot be removed (a series starts from another "
        "with huddle meeting start --template KEY)"
    )


def test_a_bad_file_gets_one_line_per_problem_and_nothing_is_saved(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "team.toml"
    bad.write_text(
        TEAM.replace('kind = "items"', 'kind = "itmes"').replace("timebox = 5", "timebox = 0"),
        encoding="utf-8",
    )
    result = invoke(db, "templates", "add", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "huddle: team.toml:8: section 1 has timebox 0; a timebox is a whole number of "
        "minutes from 1 to 1440 (e.g. timebox = 10)",
        "huddle: team.toml:12: section 2 has kind 'itmes'; kinds: items, numbers, review, "
        "leads, actions, agreements, heads-up, hand-off, pulse",
        "huddle: nothing was saved",
    ]
    assert "team" not in invoke(db, "templates", "list").stdout
    syntax = tmp_path / "broken.toml"
    syntax.write_text('name = "x"\n[[section]\n', encoding="utf-8")
    result = invoke(db, "templates", "add", str(syntax))
    assert result.stderr.splitlines()[0].startswith("huddle: broken.toml:2: expected ']]'")


def test_export_then_add_gives_the_same_template(db: str, tmp_path: Path) -> None:
    out = tmp_path / "copy.toml"
    exported = invoke(db, "templates", "export", "winloss", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    text = out.read_text(encoding="utf-8").replace('key = "winloss"', 'key = "ours"')
    out.write_text(text, encoding="utf-8")
    assert invoke(db, "templates", "add", str(out)).exit_code == 0
    original = json.loads(invoke(db, "templates", "show", "winloss", "--format", "json").stdout)
    copied = json.loads(invoke(db, "templates", "show", "ours", "--format", "json").stdout)
    assert copied == original
    again = invoke(db, "templates", "export", "winloss", "-o", str(out))
    assert again.exit_code == 1 and "already exists (use --force" in again.stderr
    printed = invoke(db, "templates", "export", "ours")
    assert printed.stdout == text


EDITOR = """\
import pathlib, sys
edited, here = pathlib.Path(sys.argv[1]), pathlib.Path(__file__)
here.with_suffix(".seen").write_text(edited.read_text())
old, new = here.with_suffix(".change").read_text().split("|")
edited.write_text(edited.read_text().replace(old, new))
"""


def test_edit_checks_before_saving_and_keeps_the_comments(
    db: str, team_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$EDITOR is a script that changes the file it is given, as a person would."""
    assert invoke(db, "templates", "add", str(team_file)).exit_code == 0
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    change = tmp_path / "editor.change"
    change.write_text("timebox = 7|timebox = 0", encoding="utf-8")
    refused = invoke(db, "templates", "edit", "team")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        "huddle: team.toml:15: section 2 has timebox 0; a timebox is a whole number of "
        "minutes from 1 to 1440 (e.g. timebox = 10)",
        "huddle: nothing was saved",
    ]
    change.write_text("timebox = 7|timebox = 9", encoding="utf-8")
    edited = invoke(db, "templates", "edit", "team")
    assert edited.exit_code == 0, edited.output
    assert "Replaced template team: Team sync, 2 sections, 14 min" in edited.stdout
    change.write_text("nothing|here", encoding="utf-8")
    unchanged = invoke(db, "templates", "edit", "team")
    assert unchanged.stdout.strip() == "team: the template came back unchanged; nothing changed."
    # The editor was given the text as saved, the comment on top included.
    assert (tmp_path / "editor.seen").read_text() == TEAM.replace("timebox = 7", "timebox = 9")
    change.write_text('key = "team"|key = "other"', encoding="utf-8")
    renamed = invoke(db, "templates", "edit", "team")
    assert "the key changed from 'team' to 'other'; an edit keeps the key" in renamed.stderr


def test_removing_a_template_a_series_uses_is_refused(db: str, team_file: Path) -> None:
    assert invoke(db, "templates", "add", str(team_file)).exit_code == 0
    started = invoke(
        db,
        "meeting",
        "start",
        "--series",
        "Team",
        "--new-series",
        "--template",
        "team",
        "--no-open",
    )
    assert started.exit_code == 0, started.output
    refused = invoke(db, "templates", "remove", "team")
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        "huddle: template 'team' is the agenda of series 'Team', so it stays "
        "(change it instead: huddle templates edit team)"
    )
    unknown = invoke(db, "templates", "show", "nope")
    assert unknown.exit_code == 1 and "unknown template 'nope' (choose one of: sync," in (
        unknown.stderr
    )
