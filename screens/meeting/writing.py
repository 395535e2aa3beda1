"""Writing alone on the meeting screen: the facilitator starts a section's writing phase
(W), makes it anonymous (N) and reveals it (O); everyone says when they are done writing
(D). The rows themselves, each person's own and how many the others wrote, are the items
kind's (screens/sections/items.py), read as this terminal's `viewer`.

The keys are the items kind's (they show only in entry sections); they need no row, so
the kind host hands them here, which calls `meeting/` and says what happened in one line.
The facilitator's keys are refused to someone else before they get here (controls.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from meeting.entries.identity import Me
from meeting.entries.viewer import Viewer, viewer_of
from meeting.foundations.statuses import SectionPhase
from meeting.foundations.views import MeetingView
from meeting.reads.meeting_view import read_meeting
from screens.deferred import deferred
from storage.db import Database

if TYPE_CHECKING:
    from meeting.agenda import writing_phase
    from meeting.entries import writing
else:
    writing_phase = deferred("meeting.agenda.writing_phase")
    writing = deferred("meeting.entries.writing")


class Seeing(Protocol):
    viewer: Viewer


class WritingAlone:
    """What this terminal may see of entries written alone, and the keys that change it."""

    def __init__(
        self,
        db: Database,
        me: Me | None,
        meeting: Callable[[], MeetingView],
        show: Callable[[], None],
        say: Callable[[str], None],
    ) -> None:
        self.db = db
        self.me = me
        self.viewer = viewer_of(me)  # the parts that read and save entries share it
        self.shown_meeting = meeting  # the meeting as the screen shows it now
        self.show = show  # show the section again (its rows, its keys)
        self.say = say

    def key(self, name: str) -> None:
        """One of the items kind's writing keys (keys.WRITING_ALONE), by its name."""
        {
            "writing_phase": self.toggle_writing,
            "anonymous": self.toggle_anonymous,
            "reveal": self.reveal,
            "done_writing": self.toggle_done,
        }[name]()

    def on_ending(self) -> str:
        """What ending the meeting does, said before it is confirmed: a section still
        written alone is revealed as the meeting ends (its minutes say so)."""
        alone = [s.title for s in self.shown_meeting().sections if s.writing]
        said = "Timers stop; everything entered stays saved."
        if alone:
            said += f" Still written alone, revealed to everyone as it ends: {', '.join(alone)}."
        return said

    def _change(self, change: writing_phase.Change) -> None:
        meeting = self.shown_meeting()
        section = meeting.current
        said = writing_phase.change_section(self.db, meeting.id, section.id, change, me=self.me)
        # Shown at once, as saved; the screen reads the whole meeting on its next change.
        saved = next(s for s in read_meeting(self.db, meeting.id).sections if s.id == section.id)
        section.phase, section.anonymous = saved.phase, saved.anonymous
        self.show()
        self.say(said)

    def toggle_writing(self) -> None:
        writing_now = self.shown_meeting().current.phase == SectionPhase.WRITING
        self._change(
            writing_phase.Change.WRITING_OFF if writing_now else writing_phase.Change.WRITING_ON
        )

    def toggle_anonymous(self) -> None:
        anonymous = self.shown_meeting().current.anonymous
        self._change(
            writing_phase.Change.ANONYMOUS_OFF if anonymous else writing_phase.Change.ANONYMOUS_ON
        )

    def reveal(self) -> None:
        self._change(writing_phase.Change.REVEAL)

    def toggle_done(self) -> None:
        said = writing.mark_done(self.db, self.shown_meeting().current.id, self.me)
        self.show()
        self.say(said)
