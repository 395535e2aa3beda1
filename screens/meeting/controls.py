"""The facilitator's controls, on a terminal that said who it is (`--as`, a browser).

The facilitator moves the room between sections, runs the timers, ends and reopens the
meeting, and hands it over (meeting/agenda/facilitator.py). Someone else's moves here are
their own view only, and the facilitator's keys are refused in one line that says who holds
them. A terminal that did not say who it is, or a meeting without a facilitator, drives as
everyone always has. This part answers whether this terminal drives, and hands the meeting
over; the screen does what follows (its footer, following the facilitator).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from meeting.agenda.holding import held_by, refusal
from meeting.entries.identity import Me
from meeting.foundations.clock import Clock
from meeting.foundations.views import MeetingView
from screens.deferred import deferred
from screens.meeting import keys
from screens.pick_person import Picked, PickPerson
from storage.db import Database

if TYPE_CHECKING:
    from meeting.agenda import facilitator, meetings
    from meeting.entries import people
    from meeting.reports import closing
else:
    meetings = deferred("meeting.agenda.meetings")
    closing = deferred("meeting.reports.closing")
    facilitator = deferred("meeting.agenda.facilitator")
    people = deferred("meeting.entries.people")


class Controls:
    """Whether this terminal holds the meeting's controls, and the hand-over."""

    def __init__(
        self,
        screen: Screen[None],
        db: Database,
        me: Me | None,
        *,
        meeting: Callable[[], MeetingView],
        handed: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.db = db
        self.me = me
        self.shown_meeting = meeting  # the meeting as the screen shows it now
        self.handed = handed  # the meeting was handed over here: read it again
        self.drove = self.drives

    @property
    def drives(self) -> bool:
        """Whether this terminal moves the meeting, runs its timers, ends and reopens it."""
        return held_by(self.shown_meeting(), self.me) is None

    @property
    def reopens(self) -> str:
        """Who reopens an ended meeting, said to this terminal."""
        holder = held_by(self.shown_meeting(), self.me)
        return "R reopens it" if holder is None else f"{holder}, who facilitates, can reopen it"

    def refuses(self, key: str) -> str | None:
        """The line that refuses the facilitator's `key` to someone else; None otherwise."""
        doing = keys.facilitators(key)
        return refusal(self.shown_meeting(), self.me, doing) if doing else None

    def came_or_went(self) -> str:
        """What to say when the controls came to this terminal or went (a hand-over, here
        or in another terminal) since last asked; '' when nothing changed."""
        drives = self.drives
        if drives == self.drove:
            return ""
        self.drove = drives
        if drives:
            return "You facilitate this meeting now: moves, timer, end and reopen are yours."
        holder = held_by(self.shown_meeting(), self.me)
        return f"{holder} facilitates this meeting now: you follow them (f stops)."

    def reopen(self, clock: Clock) -> None:
        """Run the ended meeting again (R)."""
        meetings.reopen_meeting(self.db, self.shown_meeting().id, clock=clock)

    def end(self, clock: Clock) -> None:
        """End the meeting (ctrl+e, confirmed): timers stop, its minutes are kept."""
        closing.end_meeting(self.db, self.shown_meeting().id, clock=clock)

    def hand_over(self) -> None:
        """Pick whom to hand the meeting to (anyone on the list but its facilitator)."""
        meeting = self.shown_meeting()
        others = {
            name: team
            for name, team in people.roster(self.db).teams_of.items()
            if name != meeting.facilitator
        }

        def choose(picked: Picked) -> str:
            return facilitator.hand_over(self.db, meeting.id, picked.name)[0]

        def done(name: str | None) -> None:
            if name:
                self.handed()  # read again: came_or_went says what this terminal lost
                if self.drives:
                    self.screen.notify(f"{name} facilitates this meeting now.", markup=False)

        now = f"{meeting.facilitator} facilitates now. " if meeting.facilitator else ""
        picker = PickPerson(
            "Hand the meeting to",
            others,
            choose,
            detail=f"{now}Theirs are the moves between sections, the timer, ending and "
            "reopening; everyone else follows them.",
        )
        self.screen.app.push_screen(picker, done)
