"""The agenda down the meeting screen's left: each section with its countdown, the minutes
used of those planned, the heads-ups and who else is here. A timebox that runs out rings
the bell and flashes its line, once per app (screens/time_up.py).

Whole, or a narrow strip of numbers and timers: the terminal's width decides until the
facilitator chooses with `c`, and every line under the agenda is said the short or the
long way to match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.screen import Screen

from meeting.foundations.clock import Clock
from meeting.foundations.statuses import MeetingStatus, SectionKind
from meeting.foundations.text import one_line, visible
from meeting.foundations.views import MeetingView
from meeting.reads.meeting_view import headsups_for
from screens.meeting.texts import ShownTexts
from screens.time_up import time_up_of
from screens.widgets.agenda import AgendaRow
from storage.db import Database

NARROW = 100  # below this many columns the agenda starts as a narrow strip


class AgendaPane:
    """Whether the agenda is a narrow strip, and who chose that."""

    def __init__(
        self,
        screen: Screen[None],
        db: Database,
        clock: Clock,
        texts: ShownTexts,
        *,
        drives: Callable[[], bool] = lambda: True,
    ) -> None:
        self.screen = screen
        self.drives = drives  # whether this terminal runs the timers (t is offered)
        self.db = db
        self.clock = clock
        self.texts = texts
        self.narrow = False
        self.chosen = False  # `c` pressed: the terminal's width no longer decides

    def fits_width(self) -> bool:
        """Whether the agenda is as the terminal's width would have it, or as chosen."""
        return self.chosen or (self.screen.app.size.width < NARROW) == self.narrow

    def set_narrow(self, narrow: bool) -> None:
        self.narrow = narrow
        self.screen.query_one("#agenda").set_class(narrow, "-narrow")

    def tick(self, meeting: MeetingView) -> None:
        now = self.clock.now()
        for row in self.screen.query(AgendaRow):
            position = row.section.position
            row.show(
                meeting.sections[position],
                current=position == meeting.current_position,
                now=now,
                narrow=self.narrow,
            )
        self.time_up(meeting, now)
        total = sum(s.elapsed_at(now) for s in meeting.sections)
        planned = sum(s.timebox_seconds for s in meeting.sections)
        running = any(s.running for s in meeting.sections)
        if self.narrow:
            note = f"{round(total / 60)}/{round(planned / 60)} min"
        else:
            note = f"{round(total / 60)} of {round(planned / 60)} min"
            if meeting.status == MeetingStatus.RUNNING and self.drives():
                note += "\nt: " + ("pause timer" if running else "start timer")
        self.texts.set("#agenda-note", note)

    def time_up(self, meeting: MeetingView, now: dt.datetime) -> None:
        """A section whose timebox ran out since the last look: the bell, once (unless the
        personal setting `bell` is off), and its line in the agenda flashes."""
        time_up = time_up_of(self.screen.app)
        ran_out = time_up.ran_out(meeting.sections, now)
        if ran_out and time_up.bell:
            self.screen.app.bell()
        for section in ran_out:
            self.screen.query_one(f"#agenda-{section.position}", AgendaRow).flash()

    def show_headsups(self, meeting: MeetingView) -> None:
        """Heads-ups under the agenda of a meeting whose agenda has no section for them, so
        a running campaign is in front of every meeting until it ends."""
        if any(s.kind == SectionKind.HEADS_UP for s in meeting.sections):
            return
        try:
            running = headsups_for(self.db, meeting.id)
        except Exception:  # a courtesy line: never worth failing the meeting for
            return
        if not running:
            text = ""
        elif self.narrow:
            text = f"⚑ {len(running)}"
        else:
            lines = []
            for h in running[:4]:
                until = f" · to {h.ends_on:%d %b}" if h.ends_on else ""
                lines.append(f"⚑ {one_line(visible(h.text), 26 - len(until))}{until}")
            text = "Heads-ups:\n" + "\n".join(lines)
        self.texts.set("#agenda-headsups", text)
