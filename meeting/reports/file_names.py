"""File names for minutes: one per meeting, the same on every run, safe on every common
file system.

A name is `DATE-SERIES.md` (`2026-11-23-weekly-sync.md`): the series in lowercase ASCII
letters and digits joined by `-`, so names differing only by case cannot exist, no name is
reserved on Windows (`CON`, `NUL`: the date comes first) or ends in a dot or a space, and a
long series name is cut between words to keep the name far below the 255-byte limit. Two
meetings whose names would be equal (a series meeting twice a day, or two series whose names
make the same letters) are told apart by meeting id: within a day, meetings take their names
in id order, a later one adding its id (`2026-11-23-weekly-sync-42.md`). A new meeting
therefore never renames the file of an older one, and the names do not depend on which
meetings an export includes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from storage.db import Database
from storage.models import Meeting, Series

# Letters of the series kept in a name: with the date, an id and `.md` a name stays under
# 120 bytes, well below the 255 of ext4, APFS, NTFS and others, and leaves room for folders
# in a 260-character Windows path.
MAX_SERIES_LETTERS = 80

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


def series_slug(series: str) -> str:
    """`Weekly Sync!` -> `weekly-sync`; at most MAX_SERIES_LETTERS, ending on a whole word."""
    slug = _NOT_LETTERS.sub("-", series.lower()).strip("-") or "meeting"
    if len(slug) <= MAX_SERIES_LETTERS:
        return slug
    head = slug[: MAX_SERIES_LETTERS + 1]  # a `-` just after the limit ends a whole word
    words, dash, _ = head.rpartition("-")
    return words.rstrip("-") if dash and words else slug[:MAX_SERIES_LETTERS]


def file_names(meetings: Iterable[tuple[int, dt.date, str]]) -> dict[int, str]:
    """Each meeting's file name, given (id, date, series name) of every meeting of the days
    named: in id order, each takes the first of its candidates no earlier one took."""
    taken: set[str] = set()
    names: dict[int, str] = {}
    for meeting_id, day, series in sorted(meetings):
        stem = f"{day.isoformat()}-{series_slug(series)}"
        name = next(n for n in _candidates(stem, meeting_id) if n.casefold() not in taken)
        taken.add(name.casefold())
        names[meeting_id] = name
    return names


def _candidates(stem: str, meeting_id: int) -> Iterator[str]:
    yield f"{stem}.md"
    yield f"{stem}-{meeting_id}.md"
    extra = 2
    while True:  # the id form can be another series' plain name (`Sync 42`)
        yield f"{stem}-{meeting_id}-{extra}.md"
        extra += 1


def names_by_id(db: Database, days: Iterable[dt.date] | None = None) -> dict[int, str]:
    """The file name of every meeting on `days` (every meeting, if None): a meeting's name
    depends on the other meetings of its day, whatever their series."""
    query = select(col(Meeting.id), col(Meeting.date), col(Series.name)).join(
        Series, col(Series.id) == Meeting.series_id
    )
    if days is not None:
        query = query.where(col(Meeting.date).in_(sorted(set(days))))
    with db.connect() as conn:
        rows: Sequence[Any] = conn.execute(query).all()
    return file_names((row[0], row[1], row[2]) for row in rows)


def meeting_file_name(db: Database, meeting_id: int) -> str:
    """The file name `export --all` gives this meeting."""
    with db.connect() as conn:
        day = conn.execute(select(col(Meeting.date)).where(col(Meeting.id) == meeting_id)).one()[0]
    return names_by_id(db, [day])[meeting_id]
