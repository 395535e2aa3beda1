"""What each scorecard figure works out from the periods' tallies, for the meetings of one
series held in a period:
- funnel rates: the later stage's total over the earlier one's (Leads -> MQLs -> SQLs ->
  Demos -> Closed-won), against the same ratio of the two metrics' targets (worked out by
  `Facts`, which knows the stages);
- leads handed over in the period (by the CRM's times) that sales first touched within the
  SLA's hours, as agreed at the hand-over, and the median hours to the first touch;
- lead questions asked in the period that were answered within the SLA's days (as agreed
  when the question was asked; those still open count once their days are up), and the
  median days those answered took, per assignee and per team, against the SLA;
- action items due in the period that were done by their due date, per owner's team (an
  open one counts once its day is past);
- entries about each team in "what's working" and "what's broken";
- the share of the leads marketing handed over that sales accepted, by the day decided;
- leads sent back to nurture (rejected by sales, or an answer with that outcome), and how
  many of them came back qualified later (accepted, or an answer of working, converted or
  won);
- attendance per team: of the meetings held, how many each person on the list came to.
Shares have a target of 80 %; the SLA is the target for the days to answer.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from meeting.numbers.card import Figure

SHARE_TARGET = 80.0  # percent: answered within the SLA, accepted, actions on time, attendance
ACCEPTED_LABEL = "leads sales accepted"


def _share(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


@dataclass
class Tally:
    """What one period counts, before it becomes figures: export scores each month of a
    series once, however many scorecards include it."""

    meetings: int = 0
    # meeting id -> metric id -> value: a rate adds up only meetings that recorded both stages
    funnel: dict[int, dict[int, float]] = field(default_factory=dict)
    answered_in_time: dict[str, list[int]] = field(default_factory=dict)  # team -> [kept, due]
    days_to_answer: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    actions: dict[str, list[int]] = field(default_factory=dict)  # team -> [on time, due]
    entries: dict[tuple[str, str], int] = field(default_factory=dict)  # (team, key) -> count
    touched_in_time: list[int] = field(default_factory=lambda: [0, 0])  # [kept, due]
    hours_to_touch: list[float] = field(default_factory=list)
    accepted: list[int] = field(default_factory=lambda: [0, 0])  # [accepted, decided]
    nurtured: int = 0
    came_back: int = 0
    present: dict[str, dict[str, int]] = field(default_factory=dict)  # team -> name -> times
    # The meetings whose attendance was taken: one nobody marked says "not recorded" in its
    # minutes, and counts nobody absent either.
    taken: set[int] = field(default_factory=set)


def _follow_up(tallies: list[Tally], sla_hours: float | None) -> list[Figure]:
    """Leads by the period they were handed over in (from the CRM): the share sales first
    touched within the SLA's hours, of those whose time is up, and the median hours."""
    within = [_share(*t.touched_in_time) for t in tallies]
    hours = [
        round(statistics.median(t.hours_to_touch), 1) if t.hours_to_touch else None for t in tallies
    ]
    figures = []
    if any(v is not None for v in within):
        label = "leads touched within SLA"
        figures.append(Figure("sales", label, "%", within, SHARE_TARGET))
    if any(v is not None for v in hours):
        figures.append(
            Figure("sales", "median hours to first touch", "h", hours, sla_hours, "lower")
        )
    return figures


def _questions(tallies: list[Tally], sla_days: float | None) -> list[Figure]:
    """Questions by the period they were asked in: the share answered within the SLA of
    those whose time is up (answered, or past the SLA's days), and the median days the
    answered ones took."""
    teams = sorted({team for t in tallies for team in t.answered_in_time})
    figures = []
    for team in teams:
        values = [
            _share(*t.answered_in_time[team]) if team in t.answered_in_time else None
            for t in tallies
        ]
        if any(v is not None for v in values):
            figures.append(Figure(team, "questions answered within SLA", "%", values, SHARE_TARGET))
    people = sorted({who for t in tallies for who in t.days_to_answer if who[1]})
    for team, name in [(team, "") for team in teams] + people:
        days = [t.days_to_answer.get((team, name)) for t in tallies]
        values = [round(statistics.median(d), 1) if d else None for d in days]
        if any(v is not None for v in values):
            who = f" ({name})" if name else ""
            figures.append(
                Figure(team, f"median days to answer{who}", "d", values, sla_days, "lower")
            )
    return figures


def _actions(tallies: list[Tally]) -> list[Figure]:
    teams = sorted({team for t in tallies for team in t.actions})
    return [
        Figure(
            team,
            "actions done on time",
            "%",
            [_share(*t.actions[team]) if team in t.actions else None for t in tallies],
            SHARE_TARGET,
        )
        for team in teams
    ]


def _entries(tallies: list[Tally]) -> list[Figure]:
    said = {
        "working": "what's working, about the team",
        "broken": "what's broken, about the team",
    }
    found = sorted({key for t in tallies for key in t.entries})
    return [
        Figure(
            team,
            said[key],
            "",
            [float(t.entries.get((team, key), 0)) for t in tallies],
            None,
            "higher" if key == "working" else "lower",
        )
        for team, key in found
    ]


def _accepted(tallies: list[Tally]) -> list[Figure]:
    """Marketing's leads that sales accepted, of those it decided on in the period: the fact
    beside sales' rating of lead quality."""
    if not any(t.accepted[1] for t in tallies):
        return []
    values = [_share(*t.accepted) for t in tallies]
    return [Figure("marketing", ACCEPTED_LABEL, "%", values, SHARE_TARGET)]


def _nurture(tallies: list[Tally]) -> list[Figure]:
    if not any(t.nurtured for t in tallies):
        return []
    return [
        Figure(
            "sales",
            "leads sent back to nurture",
            "",
            [float(t.nurtured) for t in tallies],
            None,
            "lower",
        ),
        Figure(
            "marketing",
            "of those, back as qualified",
            "",
            [float(t.came_back) for t in tallies],
            None,
        ),
    ]


def _attendance(tallies: list[Tally]) -> list[Figure]:
    """Of the meetings held with their attendance taken, how many each person of the team
    came to; the team is everyone who came at least once in the periods shown."""
    listed: dict[str, set[str]] = defaultdict(set)
    for tally in tallies:
        for team, people in tally.present.items():
            listed[team].update(people)
    return [
        Figure(
            team,
            "attendance",
            "%",
            [
                _share(sum(t.present.get(team, {}).values()), len(t.taken) * len(listed[team]))
                for t in tallies
            ],
            SHARE_TARGET,
        )
        for team in sorted(listed)
    ]
