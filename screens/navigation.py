"""Where a screen wants to go, as messages the App handles (tui/app.py).

No screen imports another to open it: a screen hands one of these to the App, which
knows every screen, builds and shows the next one.
"""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


def go(screen: Widget, message: Message) -> None:
    """Open where `message` leads at once: posted, it would wait behind the keys typed
    right after the one that asked (`S` then `p`), and they would reach the screen left
    behind instead of the one opened."""
    from screens.guard import REFUSED, tell

    handler = getattr(screen.app, message.handler_name, None)
    if handler is None:
        screen.post_message(message)
        return
    try:
        handler(message)  # a screen reads what it shows as it is made
    except REFUSED as exc:  # the server is away, say: this screen stays, and says so
        tell(screen, exc)


class OpenMeeting(Message):
    """Show a meeting; `replace` puts it in place of the screen that asks (the summary)."""

    def __init__(
        self, meeting_id: int, *, replace: bool = False, take_attendance: bool = False
    ) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.replace = replace
        self.take_attendance = take_attendance  # just started: ask who is here first


class MeetingEnded(Message):
    """The meeting was ended: its summary takes the meeting screen's place."""

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class OpenNumbers(Message):
    """Numbers over time, of one series or of the busiest one."""

    def __init__(self, series_id: int | None = None) -> None:
        super().__init__()
        self.series_id = series_id


class OpenExport(Message):
    """The export form for one meeting's minutes."""

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class OpenQuestions(Message):
    """Lead questions across meetings."""


class OpenLeads(Message):
    """The leads."""


class OpenHistory(Message):
    """Action items across meetings."""


class OpenPeople(Message):
    """The list of people."""


class OpenScorecard(Message):
    """The alignment scorecard of the series met in last."""


class ChangeWho(Message):
    """Say again who is at this huddle (w on home)."""


class FirstFrame(Message):
    """A screen read and painted without the ORM (the meeting's first frame): the App loads
    it now, in the background, so the first key that writes does not wait for it."""
