"""History's filter boxes. They are mounted once the first page is on screen: ten inputs and
drop-downs take longer to mount (some 130 ms at 120x40) than the page takes to read and
draw, and someone opening History waits for the items, not for boxes they have not used
yet. Their two rows keep their room meanwhile, so nothing moves when they appear."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Select

from meeting.foundations.statuses import ACTION_STATUSES
from screens.widgets.ticks import TickBox

DATE_INPUTS = {
    "since": "made since",
    "until": "made until",
    "due_from": "due from",
    "due_to": "due to",
}


def first_row() -> list[Widget]:
    statuses = [(Text(s), s) for s in ACTION_STATUSES]
    return [
        Input(placeholder="owner", id="filter-owner", compact=True),
        Select([], prompt="any team", id="filter-team", compact=True),
        Select(statuses, prompt="any status", id="filter-status", compact=True),
        Select([], prompt="any series", id="filter-series", compact=True),
        TickBox("overdue", id="filter-overdue", compact=True),
    ]


def second_row() -> list[Widget]:
    dates = [
        Input(placeholder=label, id=f"filter-{key}", compact=True, classes="date-filter")
        for key, label in DATE_INPUTS.items()
    ]
    return [Input(placeholder="text contains", id="filter-search", compact=True), *dates]


class HistoryFilters(Vertical):
    DEFAULT_CSS = "HistoryFilters { height: auto; }"

    def __init__(self) -> None:
        super().__init__()
        self.started = False
        self.mounted = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield Horizontal(classes="history-filters")
        yield Horizontal(classes="history-filters")

    async def fill(self) -> bool:
        """Mount the boxes, or wait for the mount under way: true for the call that
        mounted them, which then gives them their choices."""
        if self.started:
            await self.mounted.wait()
            return False
        self.started = True
        first, second = self.query(Horizontal)
        mounts = [first.mount_all(first_row()), second.mount_all(second_row())]
        for mount in mounts:
            await mount
        self.mounted.set()
        return True
