"""Entries typed on the add line that the database has not taken yet.

Each enter ends one entry at once, whatever the database is doing: the entry joins this
queue with the section it was typed in, and the queue is saved in order. A busy database
holds the queue back (nothing is lost, nothing is saved twice); the facilitator can move on
and keep typing, and each entry still lands where it was typed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from meeting.foundations.errors import HuddleError, MeetingClosed
from meeting.foundations.text import shorten
from storage.errors import DatabaseBusy, DatabaseError, ServerGone


@dataclass(frozen=True)
class PendingEntry:
    section_id: int
    section_title: str
    text: str
    team: str


@dataclass
class Flushed:
    """What one attempt to save the queue did."""

    saved: list[PendingEntry] = field(default_factory=list)
    busy: bool = False  # the database was busy: the rest waits for the next attempt
    gone: str = ""  # the server cannot be reached (why): the rest waits until it is back
    refused: PendingEntry | None = None  # an entry the database will not take by waiting
    error: str = ""
    ended: MeetingClosed | None = None  # the meeting ended: all wait until it is reopened


class EntryQueue:
    def __init__(self) -> None:
        self.entries: deque[PendingEntry] = deque()

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[PendingEntry]:
        return iter(self.entries)

    def add(self, entry: PendingEntry) -> None:
        self.entries.append(entry)

    def flush(self, save: Callable[[PendingEntry], object]) -> Flushed:
        """Save entries oldest first until one is refused; each leaves the queue only once
        the database has it, so a retry never saves it twice."""
        result = Flushed()
        while self.entries:
            entry = self.entries[0]
            try:
                save(entry)
            except DatabaseBusy:
                result.busy = True
                return result
            except ServerGone as exc:
                result.gone = exc.reason or str(exc)
                return result
            except MeetingClosed as exc:
                result.ended = exc
                return result
            except HuddleError as exc:  # the text itself is refused: waiting will not help
                self.entries.popleft()
                result.refused, result.error = entry, str(exc)
                return result
            except DatabaseError as exc:  # full disk, read-only file: kept for a retry
                result.error = str(exc)
                return result
            self.entries.popleft()
            result.saved.append(entry)
        return result

    def describe(self) -> str:
        """One line for the screen: what is still waiting, where."""
        if not self.entries:
            return ""
        count = len(self.entries)
        noun = "entry" if count == 1 else "entries"
        sections = sorted({e.section_title for e in self.entries})
        texts = " · ".join(_short(e.text) for e in list(self.entries)[:5])
        more = f" · +{count - 5} more" if count > 5 else ""
        return f"Not saved yet ({count} {noun}, {', '.join(sections)}): {texts}{more}"


def _short(text: str, width: int = 24) -> str:
    return shorten(" ".join(text.split()), width)
