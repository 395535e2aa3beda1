"""The meeting screen's keys, and which of them write into the meeting.

An ended meeting is a record: the keys that would change it are hidden from its footer
but not dead, each says how to reopen the meeting. Which keys those are is worked out here
from the bindings themselves, so a key added to the screen or to a section kind is covered
without a list of its own to keep.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from textual.binding import Binding, BindingType

from meeting.foundations.statuses import MeetingStatus, SectionPhase
from meeting.foundations.views import SectionView
from screens.sections import SectionKind, kind_bindings
from screens.widgets.footer import named_key

SHARED = ("add", "add_with_details", "edit", "delete")  # actions each kind may offer
# What an ended meeting still offers of its kinds' keys: they change nothing in it.
READING_KEYS = ("sort",)
WRITING = (*SHARED, "undo", "attendance", "hand_over")  # keys that write into the meeting
# Writing alone: keys of entry sections (screens/sections/items.py) that need no row.
WRITING_ALONE = ("writing_phase", "anonymous", "reveal", "done_writing")
# To the room: not while written alone (hidden, and refused in one line when pressed).
SHOWS_AN_ENTRY = ("vote", "unvote", "to_action", "mark_to_group", "group", "ungroup")
# The facilitator's, with what they do: refused, and hidden from the footer, in a huddle
# that said who it is while someone else facilitates (meeting/agenda/facilitator.py).
FACILITATORS = {
    "toggle_timer": "runs the timers",
    "end_meeting": "ends it",
    "reopen": "reopens it",
    "hand_over": "hands it over",
    "section('writing_phase')": "starts writing phases",
    "section('anonymous')": "makes sections anonymous",
    "section('reveal')": "reveals what was written alone",
}


binding = functools.partial(named_key, "meeting")


BINDINGS: list[BindingType] = [
    binding("n,right_square_bracket", "next_section", "Next", "next", "Next section"),
    binding("p,left_square_bracket", "previous_section", "Prev", "previous", "Previous section"),
    binding("a", "add", "Add", "add", "Add an entry"),
    binding(
        "A",
        "add_with_details",
        "Add…",
        "add_details",
        "Add an entry with every field (team, metric, who said it)",
    ),
    binding("e", "edit", "Edit", "edit", "Edit the highlighted entry"),
    *kind_bindings(),
    binding("g", "numbers_screen", "Charts", "numbers", "Numbers over time"),
    binding("delete", "delete", "Delete", "delete", "Delete the highlighted entry"),
    binding("u", "undo", "Undo", "undo", "Undo the last delete"),
    binding("t", "toggle_timer", "Timer", "timer", "Start or pause the section timer"),
    binding(
        "c",
        "toggle_agenda",
        "Agenda",
        "agenda",
        "Narrow the agenda to a strip of numbers and timers, or widen it",
    ),
    binding("P", "attendance", "Who's here", "attendance", "Mark who is present"),
    binding(
        "f",
        "follow",
        "Follow",
        "follow",
        "Go where the facilitator's terminal goes (it has had the meeting open longest)",
    ),
    binding("ctrl+e", "end_meeting", "End meeting", "end"),
    binding(
        "R",
        "reopen",
        "Reopen",
        "reopen",
        "Run this ended meeting again, to add what was missed",
    ),
    Binding(  # not in the footer: handed over once a meeting, if at all
        "H",
        "hand_over",
        "Hand over",
        show=False,
        tooltip="Hand the meeting to another facilitator (the moves, timer, end and reopen)",
        id="meeting.hand_over",
    ),
    binding("escape", "leave", "Home", "home", "Back to home"),
    Binding("ctrl+q", "quit_app", "Quit", id="meeting.quit", show=False),
    *[
        Binding(
            str(n),
            f"go({n - 1})",
            f"Section {n}",
            show=False,
            tooltip=f"Go to section {n}",
            id=f"meeting.go{n}",
        )
        for n in range(1, 10)
    ],
]


def split_action(action: str) -> tuple[str, str]:
    """An action's name and its first word: `section('mark', 'done')` is ('section', 'mark');
    a kind's keys are named by that first word, whatever follows it."""
    name, _, rest = action.partition("(")
    first = rest.rstrip(")").split(",")[0]
    return name, first.strip().strip("'\"")


def writes(key: str, offers: Callable[[str], bool]) -> bool:
    """Whether `key` is bound to something that writes into the meeting, where the
    current section's kind `offers` the section keys it has."""
    for bound in BINDINGS:
        assert isinstance(bound, Binding)
        if key not in bound.key.split(","):
            continue
        name, section_key = split_action(bound.action)
        if name in WRITING:
            return True
        if name == "section" and section_key not in READING_KEYS:
            return offers(section_key)
    return False


def before_the_reveal(key: str, offers: Callable[[str], bool], section: SectionView) -> str:
    """The line that refuses `key` while `section` is written alone, where it would show
    an entry to the room (a vote, an action, a theme); '' for any other key, or after."""
    if section.phase != SectionPhase.WRITING:
        return ""
    for bound in BINDINGS:
        assert isinstance(bound, Binding)
        name, section_key = split_action(bound.action)
        shows = name == "section" and section_key in SHOWS_AN_ENTRY
        if shows and key in bound.key.split(",") and offers(section_key):
            return (
                f"{section.title} is still being written alone: votes, actions and themes "
                "come after the reveal."
            )
    return ""


def facilitators(key: str) -> str | None:
    """What the facilitator's key `key` does, said for a refusal; None for anyone's key."""
    for bound in BINDINGS:
        assert isinstance(bound, Binding)
        if key in bound.key.split(",") and bound.action in FACILITATORS:
            return FACILITATORS[bound.action]
    return None


def offered(
    action: str,
    parameters: tuple[object, ...],
    *,
    status: MeetingStatus,
    kind: Callable[[], SectionKind],
    can_undo: bool,
    can_follow: bool,
    drives: bool = True,
    phase: Callable[[], str] = lambda: SectionPhase.OPEN,
) -> bool | None:
    """Whether the meeting screen offers `action` now, as `Screen.check_action` answers:
    False hides it, None shows it disabled. Someone who does not `drive` (another person
    facilitates) is not offered the facilitator's keys."""
    ended = status == MeetingStatus.ENDED
    named = f"{action}({', '.join(repr(p) for p in parameters)})" if parameters else action
    if not drives and named in FACILITATORS:
        return False
    if action == "reopen":
        return ended
    if ended and action in WRITING:
        return False
    if ended and action == "section" and parameters[0] not in READING_KEYS:
        return False
    if action in SHARED:
        return kind().offers(action)
    if action == "section" and parameters[0] in WRITING_ALONE:  # as the section's `phase` says
        return kind().offers(str(parameters[0])) and alone_offered(parameters[0], phase())
    if action == "section" and parameters[0] in SHOWS_AN_ENTRY:
        return kind().offers(str(parameters[0])) and phase() != SectionPhase.WRITING
    if action == "section":
        return kind().offers(str(parameters[0]))
    if action == "undo":
        return True if can_undo else None
    if action in ("toggle_timer", "end_meeting"):
        return status == MeetingStatus.RUNNING
    if action == "follow":  # offered while another terminal has the meeting open
        return True if can_follow else None
    return True


def alone_offered(key: object, phase: str) -> bool:
    """Which writing-alone key an entry section in `phase` offers: W and N before the
    reveal (each refused in one line once anyone has written), O and D while writing."""
    if key in ("reveal", "done_writing"):
        return phase == SectionPhase.WRITING
    return phase in (SectionPhase.OPEN, SectionPhase.WRITING)
