"""The alignment pulse in the minutes: how many of each team rated each statement, never a
score. Each team's average (from three answers) is the scorecard's, once the meeting has
ended (`huddle pulse show`); the minutes of one meeting keep to the counts."""

from __future__ import annotations

from meeting.agenda.pulse_round import rated_by_team
from meeting.foundations.statuses import SectionKind
from meeting.foundations.views import MeetingView
from meeting.reports.markdown import cell
from storage.db import Database

PulseCounts = list[tuple[str, str, str, dict[str, int]]]  # key, wording, rated by, per team
SAID = (
    "_Anonymous: how many of each team rated each statement, never a score. Each team's "
    "average, from three answers up, is on the scorecard once the meeting has ended "
    "(huddle pulse show)._"
)


def pulse_counts(db: Database, meeting: MeetingView) -> PulseCounts | None:
    """The counts, in a meeting with a pulse section (None in any other)."""
    if not any(s.kind == SectionKind.PULSE for s in meeting.sections):
        return None
    found = rated_by_team(db, meeting.id)
    return [(row.key, row.text, row.rated_by, teams) for row, teams in found]


def pulse_lines(counts: PulseCounts) -> list[str]:
    if not counts:
        return ["No statements to rate (huddle pulse statements)."]
    rows = []
    for key, text, rated_by, teams in counts:
        said = ", ".join(f"{team} {n}" for team, n in sorted(teams.items())) or "nobody"
        rows.append(f"| {cell(text)} | {cell(key)} | {cell(rated_by)} | {cell(said)} |")
    header = ["| Statement | Key | Rated by | Rated |", "|---|---|---|---|"]
    return [SAID, "", *header, *rows]
