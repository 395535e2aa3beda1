"""A section's timebox running out: heard (the terminal bell) and seen (its agenda line
flashes), once.

What this app has seen is kept for as long as it runs, not per screen: leaving the meeting
and coming back, pausing and restarting a timer past zero, moving between sections, another
terminal's save read again: none of it rings a second time. Each app keeps its own, so every
terminal on the meeting (and every browser tab of `huddle serve`) rings its own bell once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from textual.app import App

from meeting.foundations.views import SectionView


class TimeUp:
    """Which sections this app last saw with time left; whether it rings the bell."""

    def __init__(self, *, bell: bool = True) -> None:
        self.bell = bell  # the personal setting `bell` (tui/personal.py)
        self.time_left: dict[int, bool] = {}  # section id -> had time left when last seen

    def ran_out(self, sections: Iterable[SectionView], now: dt.datetime) -> list[SectionView]:
        """The sections whose time ran out since this app last looked: seen with time left
        then, none now. A section first seen already over (a meeting joined late) is not
        news, and rings nothing."""
        ran_out = []
        for section in sections:
            left = section.remaining_at(now) > 0
            if self.time_left.get(section.id) and not left:
                ran_out.append(section)
            self.time_left[section.id] = left
        return ran_out


def time_up_of(app: App[Any]) -> TimeUp:
    """The app's own (huddle's App makes it with the personal settings); an app that has
    none gets one that rings."""
    kept = getattr(app, "time_up", None)
    if not isinstance(kept, TimeUp):
        kept = TimeUp()
        app.time_up = kept  # type: ignore[attr-defined]  # any App may show a meeting
    return kept
