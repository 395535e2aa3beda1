"""What the History screen shows for each action item and each owner or team: the cells,
fitted by the screen to its width."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text

from meeting.entries.action_rows import ActionRow
from meeting.foundations.number_format import format_share
from meeting.foundations.statuses import ActionStatus
from meeting.reads import history
from screens import paging
from screens.cells import cell

COLUMNS = (
    ("id", "#"),
    ("text", "Action"),
    ("owner", "Owner"),
    ("team", "Team"),
    ("due", "Due"),
    ("status", "Status"),
    ("made_on", "Made in"),
    ("age", "Age"),
    ("carried", "Carried"),
)
FIGURE_COLUMNS = ("Open", "Overdue", "On time", "Late", "Dropped", "Done", "Median")

STATUS_STYLE: dict[str, str] = {ActionStatus.DONE: "green", ActionStatus.DROPPED: "dim"}


@dataclass
class Page(paging.Page[ActionRow]):
    """A page of items, or (offset -1) the total and the figures per owner or team."""

    figures: list[history.Figures] | None = None


def action_cells(row: ActionRow, today: dt.date) -> list[Text]:
    overdue = row.is_overdue(today)
    return [
        Text(str(row.id)),
        cell(row.text, 200),
        cell(row.owner, 60),
        cell(row.team),
        Text(row.due.isoformat() if row.due else "–", style="bold red" if overdue else ""),
        Text(
            "overdue" if overdue else row.status,
            style=STATUS_STYLE.get(row.status, ""),
        ),
        Text(row.made_on.isoformat() if row.made_on else "between"),
        Text(f"{row.age_days(today)}d"),
        Text(f"{row.carried}×" if row.carried else ""),
    ]


def figure_cells(f: history.Figures) -> list[Text]:
    rate = f.completion_rate
    return [
        cell(f.name, 14),
        Text(str(f.open)),
        Text(str(f.overdue), style="bold red" if f.overdue else ""),
        Text(str(f.done_on_time)),
        Text(str(f.done_late)),
        Text(str(f.dropped)),
        Text(format_share(rate)),
        Text("" if f.median_days_to_done is None else f"{f.median_days_to_done}d"),
    ]
