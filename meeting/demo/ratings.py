"""The demo's alignment pulse: in the meeting that closes each of the last three months,
every salesperson and marketer there rates the statements of their team while it runs.
The rows are those `rate` writes (a count per meeting, statement version, team and score,
and who has rated, with no score), so the demo reads as a team's database would."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from meeting.demo.content import PEOPLE, PULSE
from meeting.entries.pulse import DEFAULTS as STATEMENTS
from meeting.numbers.periods import period_of
from storage.models import PulseRated, PulseRating, PulseStatement, PulseStatementVersion

RATERS = ("sales", "marketing")  # the teams whose people rate; the pulse needs three of each
MONTHS = 3  # the months rated, the last meeting's last


def rating_meetings(dates: list[dt.date]) -> list[int]:
    """The last meeting (by index) of each of the last `MONTHS` months, oldest first."""
    last_of: dict[str, int] = {}
    for index, day in enumerate(dates):
        last_of[period_of(day, "month").label] = index
    return sorted(last_of.values())[-MONTHS:]


def raters(team: str) -> list[str]:
    return [name for name, of in PEOPLE if of == team]


def rate_in_closing_meetings(
    rows: dict[type, list[dict[str, Any]]],
    dates: list[dt.date],
    person_id: dict[str, int],
    created: dt.datetime,
) -> None:
    """The default statements as worded when the series began, and each month's ratings
    (people in `RATERS` attend those meetings: build.py sees to it)."""
    statement_of: dict[str, int] = {}
    version_of: dict[str, int] = {}
    for number, (key, team, text) in enumerate(STATEMENTS, start=1):
        rows[PulseStatement].append(
            {"id": number, "key": key, "rated_by": team, "created_at": created}
        )
        rows[PulseStatementVersion].append(
            {
                "id": number,
                "statement_id": number,
                "text": text,
                "changed_at": created,
                "changed_by_id": None,
                "meeting_id": None,
                "why": None,
            }
        )
        statement_of[key] = version_of[key] = number
    meetings = rating_meetings(dates)
    skipped = MONTHS - len(meetings)  # a demo shorter than the story: its last months
    for month, index in enumerate(meetings):
        meeting_id = index + 1
        tallies: Counter[tuple[int, str, int]] = Counter()
        for key, by_team in PULSE.items():
            for team, months in by_team.items():
                people = raters(team)
                scores = months[skipped + month]
                for name, score in zip(people, scores, strict=True):
                    rows[PulseRated].append(
                        {
                            "meeting_id": meeting_id,
                            "statement_id": statement_of[key],
                            "person_id": person_id[name],
                        }
                    )
                    tallies[(version_of[key], team, score)] += 1
        for (version_id, team, score), count in sorted(tallies.items()):
            rows[PulseRating].append(
                {
                    "meeting_id": meeting_id,
                    "version_id": version_id,
                    "team": team,
                    "score": score,
                    "count": count,
                }
            )
