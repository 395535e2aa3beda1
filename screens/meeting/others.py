"""The other terminals on this meeting, and following the facilitator's.

Each terminal says every few seconds where it stands (meeting/agenda/presence.py); this
part reads who else is here for the line under the agenda (by name, for a terminal that
said who it is), and holds whether this terminal follows the facilitator's. Following only
moves what this screen shows: the screen does the moving, asked here where to.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from meeting.agenda import terminals
from meeting.entries.identity import Me
from meeting.foundations.clock import Clock
from meeting.foundations.text import one_line
from meeting.foundations.views import MeetingView
from screens.deferred import deferred
from screens.meeting.texts import ShownTexts
from storage.db import Database

if TYPE_CHECKING:
    from meeting.agenda import presence
else:
    presence = deferred("meeting.agenda.presence")

HEARTBEAT_SECONDS = terminals.HEARTBEAT_SECONDS  # how often this terminal says where it is


class OtherTerminals:
    """Who else has the meeting open, and whether this terminal follows the facilitator."""

    def __init__(
        self,
        screen: Screen[None],
        db: Database,
        clock: Clock,
        meeting_id: int,
        texts: ShownTexts,
        *,
        follow_to: Callable[[int], None],
        me: Me | None = None,
    ) -> None:
        self.screen = screen
        self.texts = texts
        self.follow_to = follow_to  # show this section here only: following moves nothing
        self.db = db
        self.clock = clock
        self.meeting_id = meeting_id
        self.terminal = terminals.terminal_id()  # this app, among the terminals on the meeting
        self.me = me
        self.who = me.name if me is not None else terminals.who_am_i()
        self.following = False  # `f`: go where the facilitator's terminal goes
        self.others: list[terminals.Other] = []

    def announce(self, position: int) -> None:
        """Tell the other terminals where this one is, off the UI thread."""
        self.screen.run_worker(
            lambda: self._announce(position), thread=True, group="presence", exclusive=True
        )

    def _announce(self, position: int) -> None:
        with contextlib.suppress(Exception):  # read-only, busy or gone: others just miss it
            presence.here(
                self.db,
                self.meeting_id,
                self.terminal,
                self.who,
                position,
                clock=self.clock,
                person_id=self.me.id if self.me is not None else None,
            )

    def gone(self) -> None:
        with contextlib.suppress(Exception):  # best effort: a silent row drops out anyway
            presence.gone(self.db, self.meeting_id, self.terminal)

    def show(self, meeting: MeetingView, *, narrow: bool) -> None:
        """Who else is here, under the agenda; a follower goes where the facilitator is."""
        came_or_went = self.look(meeting.facilitator_id)
        if came_or_went is None:
            return
        if came_or_went:
            self.screen.refresh_bindings()  # f (follow) comes or goes
        self.texts.set("#here-too", self.line(narrow))
        if self.following:
            position = self.where_to(meeting)
            if position is not None:
                self.follow_to(position)

    def look(self, facilitator_id: int | None = None) -> bool | None:
        """Read who else is here: None when that cannot be read, else whether the meeting
        went from no one else to someone or back (the follow key comes or goes)."""
        had_others = bool(self.others)
        try:
            self.others = terminals.others(
                self.db,
                self.meeting_id,
                self.terminal,
                clock=self.clock,
                facilitator_id=facilitator_id,
            )
        except Exception:  # a courtesy line: never worth failing the meeting for
            return None
        return had_others != bool(self.others)

    def line(self, narrow: bool) -> str:
        """Who else is here, under the agenda: a count on the narrow strip."""
        if not self.others:
            return ""
        if narrow:
            return f"+{len(self.others)} here"
        names = [
            f"{one_line(o.who, 18)} · {o.position + 1}" + (" ▶" if o.leading else "")
            for o in self.others
        ]
        text = "Here too:\n" + "\n".join(names)
        if self.following:
            text += "\nf: stop following"
        return text

    def leader_position(self) -> int | None:
        leader = next((o for o in self.others if o.leading), None)
        return leader.position if leader else None

    def where_to(self, meeting: MeetingView) -> int | None:
        """The section to follow the facilitator to, if it is another one of `meeting`'s."""
        position = self.leader_position()
        if position is None or position == meeting.current_position:
            return None
        if not 0 <= position < len(meeting.sections):
            return None
        return position

    def moved_alone(self, position: int) -> bool:
        """This terminal moved to `position`: whether that ended following (said once)."""
        if self.following and self.leader_position() != position:
            self.following = False
            return True
        return False

    def toggle(self) -> str:
        """Follow the facilitator, or stop: what to say about it."""
        if self.following:
            self.following = False
            return "Not following any more."
        if self.leader_position() is None:
            return "Nobody else has this meeting open, or you opened it first: you lead."
        self.following = True
        return "Following the facilitator's terminal (f stops)."
