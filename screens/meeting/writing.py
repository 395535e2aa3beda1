"""Writing alone on the meeting screen: the facilitator starts a section's writing phase
(W), makes it anonymous (N) and reveals it (O); everyone says when they are done writing
(D). The rows themselves, each person's own and how many the others wrote, are the items
kind's (screens/sections/items.py), read as this terminal's `viewer`.

The screen takes its `action_…` methods from `WritingKeys`; each asks this part, which
calls `meeting/` and says what happened in one line. The facilitator's keys are refused
to someone else before they get here (controls.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from meeting.agenda.writing_phase import Change, change_section
from meeting.entries import writing
from meeting.entries.identity import Me
from meeting.foundations.statuses import SectionPhase
from meeting.foundations.views import MeetingView
from screens.guard import guarded
from storage.db import Database


class Seeing(Protocol):
    viewer: writing.Viewer


class WritingAlone:
    """What this terminal may see of entries written alone, and the keys that change it."""

    def __init__(
        self,
        db: Database,
        me: Me | None,
        meeting: Callable[[], MeetingView],
        changed: Callable[[], None],
    ) -> None:
        self.db = db
        self.me = me
        self.viewer = writing.viewer_of(me)
        self.shown_meeting = meeting  # the meeting as the screen shows it now
        self.changed = changed  # read the meeting again and show it
        self.say: Callable[[str], None] = lambda _text: None  # until `shown_by`

    def shown_by(self, say: Callable[[str], None], *parts: Seeing) -> None:
        """Say things with `say`; the `parts` that read and save entries do as this viewer."""
        self.say = say
        for part in parts:
            part.viewer = self.viewer

    def on_ending(self) -> str:
        """What ending the meeting does, said before it is confirmed: a section still
        written alone is revealed as the meeting ends (its minutes say so)."""
        alone = [s.title for s in self.shown_meeting().sections if s.writing]
        said = "Timers stop; everything entered stays saved."
        if alone:
            said += f" Still written alone, revealed to everyone as it ends: {', '.join(alone)}."
        return said

    def _change(self, change: Change) -> None:
        meeting = self.shown_meeting()
        said = change_section(self.db, meeting.id, meeting.current.id, change, me=self.me)
        self.changed()
        self.say(said)

    def toggle_writing(self) -> None:
        writing_now = self.shown_meeting().current.phase == SectionPhase.WRITING
        self._change(Change.WRITING_OFF if writing_now else Change.WRITING_ON)

    def toggle_anonymous(self) -> None:
        anonymous = self.shown_meeting().current.anonymous
        self._change(Change.ANONYMOUS_OFF if anonymous else Change.ANONYMOUS_ON)

    def reveal(self) -> None:
        self._change(Change.REVEAL)

    def toggle_done(self) -> None:
        said = writing.mark_done(self.db, self.shown_meeting().current.id, self.me)
        self.changed()
        self.say(said)


class WritingKeys:
    """The meeting screen's writing-alone keys, answered by its `writing` part."""

    writing: WritingAlone

    @guarded
    def action_writing_phase(self) -> None:
        self.writing.toggle_writing()

    @guarded
    def action_anonymous(self) -> None:
        self.writing.toggle_anonymous()

    @guarded
    def action_reveal(self) -> None:
        self.writing.reveal()

    @guarded
    def action_done_writing(self) -> None:
        self.writing.toggle_done()
