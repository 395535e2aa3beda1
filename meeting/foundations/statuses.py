"""Every status, outcome and section kind the domain compares, named once.

Each is a `StrEnum` whose values are the words stored in the database and written to
minutes, JSON and CSV, so a member is its word wherever text is wanted, and a misspelt
member fails mypy (and a misspelt word fails `Kind(word)` at once) instead of quietly
matching nothing. The table columns stay plain text: no migration, and a row read back
compares equal to its member.
"""

from __future__ import annotations

from enum import StrEnum


class MeetingStatus(StrEnum):
    RUNNING = "running"
    ENDED = "ended"


class ActionStatus(StrEnum):
    """An action item's status, and the mark it is given in a meeting's review."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


ACTION_STATUSES = tuple(ActionStatus)
ACTION_CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


class QuestionStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


class Outcome(StrEnum):
    """What answering a lead question found; NURTURE also becomes the lead's status."""

    WORKING = "working"
    NURTURE = "nurture"
    DISQUALIFIED = "disqualified"
    CONVERTED = "converted"
    WON = "won"
    LOST = "lost"


# Outcomes that count as a qualified lead on the scorecard.
QUALIFIED = (Outcome.WORKING, Outcome.CONVERTED, Outcome.WON)


class SectionKind(StrEnum):
    """The kinds of section the meeting screen knows how to show and edit."""

    REVIEW = "review"
    NUMBERS = "numbers"
    ITEMS = "items"
    LEADS = "leads"
    ACTIONS = "actions"
    AGREEMENTS = "agreements"
    HEADS_UP = "heads-up"
    HAND_OFF = "hand-off"
    PULSE = "pulse"


class LeadDecisionKind(StrEnum):
    """Sales' answer to a lead marketing handed over; a rejection carries a reason."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"


class SectionPhase(StrEnum):
    """Whether an items section's entries are seen by everyone as they are written.

    WRITING: each person's entries are theirs alone (the others see how many) until the
    facilitator reveals them; REVEALED_AT_END: the meeting ended before anyone did, and
    ending showed them."""

    OPEN = "open"
    WRITING = "writing"
    REVEALED = "revealed"
    REVEALED_AT_END = "revealed-at-end"
