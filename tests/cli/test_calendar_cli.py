"""`huddle calendar SERIES -o FILE.ics`: the series' planned meetings and its cadence as an
iCalendar file, read back with icalendar; a plan moved and exported again keeps its UID."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar

from tests.cli.helpers import invoke


def events(path: Path) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(path.read_bytes().decode("utf-8"))
    return [
        {
            "uid": str(event["uid"]),
            "start": event.decoded("dtstart"),
            "summary": str(event["summary"]),
            "rule": dict(event["rrule"]) if "rrule" in event else None,
        }
        for event in calendar.walk("VEVENT")
    ]


def test_plans_and_the_cadence_after_them(db: str, tmp_path: Path) -> None:
    started = invoke(db, "meeting", "start", "--series", "Cal", "--new-series", "--no-open")
    assert started.exit_code == 0, started.output
    assert invoke(db, "meeting", "end", "latest", "--series", "Cal").exit_code == 0
    for day in ("2026-11-30", "2026-12-09"):  # the second off the weekly rhythm
        assert invoke(db, "meeting", "plan", "--series", "Cal", "--date", day).exit_code == 0
    target = tmp_path / "cal.ics"
    written = invoke(db, "calendar", "Cal", "-o", str(target))
    assert written.exit_code == 0, written.output
    assert f"Wrote {target}: 2 planned meetings and the cadence after them" in written.output
    first = events(target)
    assert [(e["start"], e["rule"]) for e in first] == [
        (dt.date(2026, 11, 30), None),
        (dt.date(2026, 12, 9), None),
        (dt.date(2026, 12, 16), {"FREQ": ["WEEKLY"], "INTERVAL": [1]}),
    ]
    assert {e["summary"] for e in first} == {"Cal"}
    assert len({e["uid"] for e in first}) == 3

    moved = invoke(
        db, "meeting", "reschedule", "2026-11-30", "--date", "2026-12-01", "--series", "Cal"
    )
    assert moved.exit_code == 0, moved.output
    assert invoke(db, "calendar", "Cal", "-o", str(target), "--force").exit_code == 0
    again = events(target)
    assert [e["uid"] for e in again] == [e["uid"] for e in first]  # the same events, updated
    assert again[0]["start"] == dt.date(2026, 12, 1)

    refused = invoke(db, "calendar", "Cal", "-o", str(target))
    assert refused.exit_code == 1 and "already exists (use --force" in refused.output
    unknown = invoke(db, "calendar", "Nope")
    assert unknown.exit_code == 1 and "Traceback" not in unknown.output
