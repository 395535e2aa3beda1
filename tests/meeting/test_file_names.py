"""Minutes' file names: one per meeting, stable, and safe on every common file system."""

from __future__ import annotations

import datetime as dt

import pytest

from meeting.agenda import meetings
from meeting.foundations.clock import FixedClock
from meeting.reports import closing
from meeting.reports.file_names import (
    MAX_SERIES_LETTERS,
    file_names,
    meeting_file_name,
    series_slug,
)
from storage.db import Database

DAY = dt.date(2026, 11, 23)

# Windows refuses these as a file's name before its first dot, whatever the case.
RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


@pytest.mark.parametrize(
    ("series", "slug"),
    [
        ("Weekly sync", "weekly-sync"),
        ("WEEKLY  Sync!", "weekly-sync"),
        ("CON", "con"),
        ("nul.", "nul"),
        ("...", "meeting"),
        ("trailing space ", "trailing-space"),
        ("販売", "meeting"),
    ],
)
def test_series_slug(series: str, slug: str) -> None:
    assert series_slug(series) == slug


def test_long_names_are_cut_between_words() -> None:
    long = "Quarterly pipeline review of the northern region " * 7
    slug = series_slug(long)
    assert len(slug) <= MAX_SERIES_LETTERS
    assert ("quarterly-pipeline-review-of-the-northern-region-" * 7).startswith(slug + "-")
    one_word = "x" * 300
    assert series_slug(one_word) == "x" * MAX_SERIES_LETTERS
    assert series_slug("é" * 200 + " ventes") == "ventes"  # never half a character


def test_every_meeting_gets_its_own_safe_name() -> None:
    """Ids 1-7 on one day, including a series whose plain name is another's id form."""
    rows = [
        (1, DAY, "Sync 5"),
        (2, DAY, "Sync"),
        (3, DAY, "CON"),
        (4, DAY, "sync"),
        (5, DAY, "SYNC!"),
        (6, DAY, "sync 5 6"),
        (7, DAY, "Q" * 300 + " A"),
        (8, DAY, "Q" * 300 + " B"),
        (9, DAY + dt.timedelta(days=1), "Sync"),
    ]
    names = file_names(rows)
    assert names == {
        1: "2026-11-23-sync-5.md",
        2: "2026-11-23-sync.md",
        3: "2026-11-23-con.md",
        4: "2026-11-23-sync-4.md",
        5: "2026-11-23-sync-5-2.md",
        6: "2026-11-23-sync-5-6.md",
        7: f"2026-11-23-{'q' * MAX_SERIES_LETTERS}.md",
        8: f"2026-11-23-{'q' * MAX_SERIES_LETTERS}-8.md",
        9: "2026-11-24-sync.md",
    }
    assert len({n.casefold() for n in names.values()}) == len(rows)
    for name in names.values():
        assert len(name.encode()) < 120 and name == name.strip(" .")[:-3] + ".md"
        assert name.split(".")[0].casefold() not in RESERVED
    # Stable: the same names in any order, and a meeting added later renames no other.
    assert file_names(reversed(rows)) == names
    assert file_names([*rows, (10, DAY, "sync")]) == {**names, 10: "2026-11-23-sync-10.md"}


def test_the_tui_default_name_is_the_one_export_all_gives(db: Database, clock: FixedClock) -> None:
    """Two series whose names make the same letters, meeting on one day: the later one's
    default file name is not the earlier one's."""
    ids = []
    for series in ("Weekly sync", "Weekly-Sync", "Weekly sync " * 30):
        meeting_id, _ = meetings.start_meeting(
            db, clock=clock, series=series, create_series_if_missing=True
        )
        closing.end_meeting(db, meeting_id, clock=clock)
        ids.append(meeting_id)
    first, second, long = (meeting_file_name(db, i) for i in ids)
    assert first == "2026-11-23-weekly-sync.md"
    assert second == f"2026-11-23-weekly-sync-{ids[1]}.md"
    assert long.startswith("2026-11-23-weekly-sync-weekly-sync-") and len(long) < 120
