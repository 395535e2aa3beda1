"""The meeting screen, in parts: the screen, moving through the agenda, the add line."""

from screens.meeting.screen import MeetingScreen

__all__ = ["MeetingScreen"]
