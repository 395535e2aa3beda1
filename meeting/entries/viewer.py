"""Who looks at entries written alone (meeting/entries/writing.py), apart from the code that
reads and changes them: the meeting screen holds a viewer before it loads the ORM."""

from __future__ import annotations

from dataclasses import dataclass, field

from meeting.entries.identity import Me
from meeting.foundations.statuses import SectionPhase


class _NoneWritten(set[int]):
    """NOBODY's entries written: a shared record writes none, so none is ever added."""

    def add(self, element: int) -> None:
        raise TypeError("NOBODY writes no entries: give the app a Viewer of its own")


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the person this huddle said it is, and the entries this app saved
    (in memory only: they let a writer see their own entries where no author is kept)."""

    person_id: int | None = None
    wrote: set[int] = field(default_factory=set, compare=False)


NOBODY = Viewer(
    None, _NoneWritten()
)  # a shared record (minutes, exports): sees no entry still being written


def viewer_of(me: Me | None) -> Viewer:
    return Viewer(me.id if me is not None else None)


def sees(viewer: Viewer, phase: str, author_id: int | None, item_id: int) -> bool:
    """Whether `viewer` sees one entry already read (writing.shown_to says it in SQL)."""
    if phase != SectionPhase.WRITING:
        return True
    mine = viewer.person_id is not None and author_id == viewer.person_id
    return mine or item_id in viewer.wrote
