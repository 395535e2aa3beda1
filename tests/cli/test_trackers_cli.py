"""`huddle actions export --jira|--linear|--github`: action items as each tracker's importer
takes them, read back as that importer would; hostile text stays inert in every one."""

from __future__ import annotations

import csv
import json
import shlex
from pathlib import Path

from tests.cli.helpers import invoke

HOSTILE = '=HYPERLINK("http://x")\x1b[31m "quoted";\nnext line $(rm -rf ~)'


def open_ids(db: str) -> list[int]:
    listed = invoke(db, "actions", "list", "--status", "open", "--format", "json")
    return [row["id"] for row in json.loads(listed.stdout)]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_jira_gets_one_task_per_open_action(db: str, tmp_path: Path) -> None:
    added = invoke(db, "actions", "add", HOSTILE, "--owner", "Sam", "--due", "2026-12-01")
    assert added.exit_code == 0, added.output
    target = tmp_path / "jira.csv"
    written = invoke(db, "actions", "export", "--jira", str(target))
    assert written.exit_code == 0, written.output
    rows = read_csv(target)
    assert rows[0] == [
        "Summary", "Issue Type", "Assignee", "Due Date", "Labels", "Labels", "Description",
    ]  # fmt: skip
    assert len(rows) - 1 == len(open_ids(db))
    assert f"Wrote {target}: {len(rows) - 1} action items" in written.output
    hostile = next(row for row in rows if "HYPERLINK" in row[0])
    assert hostile[0] == "'" + HOSTILE  # a spreadsheet shows it, never runs it
    assert hostile[1:6] == ["Task", "Sam", "2026-12-01", "huddle", "sales"]
    assert "(huddle action " in hostile[6] and "Owner: Sam (sales), due 2026-12-01" in hostile[6]
    again = invoke(db, "actions", "export", "--jira", str(target))
    assert again.exit_code == 1 and "already exists (use --force" in again.output


def test_linear_gets_its_states_and_labels(db: str, tmp_path: Path) -> None:
    target = tmp_path / "linear.csv"
    assert (
        invoke(db, "actions", "export", "--linear", str(target), "--status", "all").exit_code == 0
    )
    rows = read_csv(target)
    assert rows[0] == ["Title", "Description", "Status", "Assignee", "Labels", "Due Date"]
    assert {row[2] for row in rows[1:]} <= {"Todo", "Done", "Canceled"}
    assert {row[2] for row in rows[1:]} >= {"Todo", "Done"}
    assert all(row[4].startswith("huddle, ") for row in rows[1:])
    assert {row[4] for row in rows[1:]} >= {"huddle, sales", "huddle, marketing"}


def test_github_commands_quote_every_value(db: str) -> None:
    invoke(db, "actions", "add", HOSTILE, "--owner", "Sam")
    printed = invoke(db, "actions", "export", "--github", "--owner", "Sam")
    assert printed.exit_code == 0, printed.output
    # Read as sh reads it: a quoted line end stays in its value.
    words = shlex.split(printed.stdout)
    starts = [i for i, word in enumerate(words) if words[i : i + 3] == ["gh", "issue", "create"]]
    commands = [words[a:b] for a, b in zip(starts, [*starts[1:], len(words)], strict=True)]
    assert commands and all(len(c) == 9 and c[-2:] == ["--label", "huddle"] for c in commands)
    titles = [c[c.index("--title") + 1] for c in commands]
    assert HOSTILE in titles  # the shell gets back exactly what was typed, as one argument


def test_one_tracker_at_a_time(db: str, tmp_path: Path) -> None:
    for args in ((), ("--github", "--jira", str(tmp_path / "j.csv"))):
        refused = invoke(db, "actions", "export", *args)
        assert refused.exit_code == 1 and "choose one tracker" in refused.output
