"""Action items for the team's tracker: the CSV that Jira's and Linear's importers take, and
`gh issue create` commands for GitHub. Each names the action's id in its description, so
an item found in the tracker leads back to the meeting it was made in."""

from __future__ import annotations

import shlex

from meeting.entries.action_rows import ActionRow
from meeting.foundations.statuses import ActionStatus

LABEL = "huddle"
# Linear's workflow states for ours: a new team has these three.
LINEAR_STATUS = {
    ActionStatus.OPEN: "Todo",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Canceled",
}
JIRA_HEADERS = ["Summary", "Issue Type", "Assignee", "Due Date", "Labels", "Labels", "Description"]
LINEAR_HEADERS = ["Title", "Description", "Status", "Assignee", "Labels", "Due Date"]


def description(row: ActionRow) -> str:
    """Where the action comes from and who owns it, as each tracker's description."""
    made = f" on {row.made_on.isoformat()}" if row.made_on else ""
    where = f"Made in {row.series}{made}" if row.series else "Made between meetings"
    due = f", due {row.due.isoformat()}" if row.due else ""
    return f"{where} (huddle action {row.id}). Owner: {row.owner} ({row.team}){due}."


def _due(row: ActionRow) -> str:
    return row.due.isoformat() if row.due else ""


def jira_rows(rows: list[ActionRow]) -> list[list[object]]:
    """Jira's CSV import: a Task each, labelled huddle and the owner's team (two Labels
    columns, as Jira takes several labels); dates as yyyy-MM-dd."""
    return [
        [row.text, "Task", row.owner, _due(row), LABEL, row.team, description(row)] for row in rows
    ]


def linear_rows(rows: list[ActionRow]) -> list[list[object]]:
    """Linear's CSV import: labels comma-separated in one cell."""
    return [
        [
            row.text,
            description(row),
            LINEAR_STATUS.get(ActionStatus(row.status), "Todo"),
            row.owner,
            f"{LABEL}, {row.team}",
            _due(row),
        ]
        for row in rows
    ]


def _github_fields(row: ActionRow) -> list[str]:
    return ["--title", row.text, "--body", description(row), "--label", LABEL]


def github_commands(rows: list[ActionRow]) -> list[str]:
    """One `gh issue create` a line, every value quoted for the shell, so no text typed in
    a meeting runs as a command. Owners are names here, not GitHub logins: they go in the
    body, and `--assignee` is left to whoever runs them."""
    return [shlex.join(["gh", "issue", "create", *_github_fields(row)]) for row in rows]
