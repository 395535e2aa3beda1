"""Where a screen wants to go, as messages the App handles (tui/app.py).

No screen imports another to open it: a screen posts one of these and the App, which
knows every screen, builds and shows the next one.
"""

from __future__ import annotations

from textual.message import Message


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
