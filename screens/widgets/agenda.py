"""The agenda down the side: each section with its countdown, the current one marked."""

from __future__ import annotations

import datetime as dt
from functools import partial

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from meeting.foundations.text import one_line, shorten
from meeting.foundations.views import SectionView
from screens.widgets import static

FLASHES = 3  # times the line of a section whose time ran out lights up
FLASH_SECONDS = 0.3  # lit for this long, then dark for as long


def clock_text(seconds: float) -> str:
    seconds = int(abs(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


# Characters of a section's title the agenda shows beside its timer; the built-in titles
# are shorter.
TITLE = 16


class AgendaRow(Static):
    DEFAULT_CSS = """
    AgendaRow {
        height: 1;
        padding: 0 1;
    }
    AgendaRow.-current {
        background: $boost;
        text-style: bold;
    }
    AgendaRow.-overrun {
        color: $error;
    }
    AgendaRow.-time-up {
        text-style: reverse bold;
    }
    """
    """One section of the agenda. Clicking it asks the screen to go there."""

    class Picked(Message):
        def __init__(self, position: int) -> None:
            self.position = position
            super().__init__()

    def __init__(self, section: SectionView) -> None:
        super().__init__(id=f"agenda-{section.position}", classes="agenda-row")
        self.section = section
        self.shown: tuple[str, str, bool] | None = None

    def show(
        self, section: SectionView, *, current: bool, now: dt.datetime, narrow: bool = False
    ) -> None:
        """Called every second for every row: only a row whose text changed is repainted
        (an update lays the screen out again, which a keystroke would wait behind)."""
        self.section = section
        remaining = section.remaining_at(now)
        overrun = remaining < 0
        marker = "▶" if current else " "
        state = "⏵" if section.running else " "
        timer = clock_text(remaining)
        if overrun:
            timer = f"+{timer}" if narrow else f"+{timer} over"
        title = (
            f"{marker}{section.position + 1}"
            if narrow
            # Cut to leave the timer its room (the section pane shows the title whole).
            else f"{marker} {section.position + 1} {shorten(one_line(section.title), TITLE)}"
        )
        if self.shown == (title, state + timer, overrun):
            return
        self.shown = (title, state + timer, overrun)
        # One line, cut rather than wrapped out of sight: in the strip an overrun
        # (`⏵+12:30`) takes the space between number and timer.
        line = Text(title, no_wrap=True, overflow="ellipsis")
        line.pad_right((0 if overrun else 1) if narrow else max(1, 21 - len(line)))
        line.append(f"{state}{timer}", style="bold red" if overrun else "")
        static.update(self, line)  # one line high (app.tcss): no layout pass
        self.set_class(current, "-current")
        self.set_class(overrun, "-overrun")

    def flash(self) -> None:
        """Time is up: the line blinks a few times. Where Textual's animations are turned
        down (TEXTUAL_ANIMATIONS=basic) it is lit once without blinking; where they are
        off (none), it is not lit at all: the bell and the red overrun say it."""
        level = self.app.animation_level
        if level == "none":
            return
        self.add_class("-time-up")
        if level == "basic":
            self.set_timer(FLASH_SECONDS * (2 * FLASHES - 1), lambda: self.remove_class("-time-up"))
            return
        for step in range(1, 2 * FLASHES):
            lit = step % 2 == 0
            self.set_timer(FLASH_SECONDS * step, partial(self.set_class, lit, "-time-up"))

    def on_click(self) -> None:
        self.post_message(self.Picked(self.section.position))
