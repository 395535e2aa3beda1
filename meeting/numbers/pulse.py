"""The pulse on the scorecard: each team's average per statement per period, with its trend,
beside the figures that answer it (sales' rating of lead quality beside the MQL -> SQL
rate and the share of leads sales accepted, marketing's rating of follow-up beside the
leads touched within the SLA and the median hours to the first touch). A gap between
feeling and fact is marked: an average of 2 or below while a figure meets its target, or
4 or above while one misses.

No single rating can be shown or worked out: a meeting's ratings count once it has ended
(so no average moves while people rate), and a team's answers to a statement in a
meeting count only when at least three gave them; a period averages those groups alone,
so neither a period nor the difference between two ever stands on fewer than three."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from meeting.entries.pulse import FOLLOW_UP, LEAD_QUALITY
from meeting.foundations.statuses import MeetingStatus
from meeting.numbers.card import FEWEST, Figure, PulseRow
from meeting.numbers.figures import ACCEPTED_LABEL
from meeting.numbers.periods import Period, period_of
from storage.db import Database
from storage.models import Meeting, PulseRating, PulseStatement, PulseStatementVersion, table_of

# The figures that answer a statement, by the label the scorecard gives them; those the
# scorecard has are shown.
ANSWERED_BY: dict[str, tuple[str, ...]] = {
    LEAD_QUALITY: ("MQLs → SQLs", ACCEPTED_LABEL),
    FOLLOW_UP: ("leads touched within SLA", "median hours to first touch"),
}


Found = list[tuple[int, dt.date, str, str, int, int]]


def read_pulse(db: Database, series_id: int, window: tuple[dt.date, dt.date] | None) -> Found:
    """(meeting, day, statement key, team, score, count) of the series' ended meetings:
    counts per score, which is all the database keeps."""
    rating, version = table_of(PulseRating), table_of(PulseStatementVersion)
    statement, meeting = table_of(PulseStatement), table_of(Meeting)
    query = (
        select(
            meeting.c.id,
            meeting.c.date,
            statement.c.key,
            rating.c.team,
            rating.c.score,
            rating.c.count,
        )
        .join(meeting, meeting.c.id == rating.c.meeting_id)
        .join(version, version.c.id == rating.c.version_id)
        .join(statement, statement.c.id == version.c.statement_id)
        .where(meeting.c.series_id == series_id, meeting.c.status == MeetingStatus.ENDED)
    )
    if window is not None:
        query = query.where(meeting.c.date.between(*window))
    with db.read() as session:
        rows: Sequence[Any] = session.execute(query).all()
    return [tuple(found) for found in rows]


def pulse_rows(
    found: Found,
    texts: dict[str, str],
    kind: str,
    chosen: list[Period],
    figures: list[Figure],
) -> list[PulseRow]:
    """Each team's averages per statement over the chosen periods, beside its figure; the
    statements in the order they are kept (`texts`), then the teams by name."""
    labels = [p.label for p in chosen]
    groups: dict[tuple[int, str, str], list[int]] = {}  # (meeting, key, team) -> [sum, n]
    day_of: dict[int, dt.date] = {}
    for meeting_id, day, key, team, score, count in found:
        day_of[meeting_id] = day
        group = groups.setdefault((meeting_id, key, team), [0, 0])
        group[0] += score * count
        group[1] += count
    # per (key, team), per period: [sum counted, answers counted, answers given]
    sums: dict[tuple[str, str], dict[str, list[int]]] = {}
    for (meeting_id, key, team), (total, given) in groups.items():
        label = period_of(day_of[meeting_id], kind).label
        if label not in labels:
            continue
        tally = sums.setdefault((key, team), {}).setdefault(label, [0, 0, 0])
        if given >= FEWEST:
            tally[0] += total
            tally[1] += given
        tally[2] += given
    by_label = {f.label: f for f in figures}
    order = {key: i for i, key in enumerate(texts)}
    rows = []
    for key, team in sorted(sums, key=lambda kt: (order.get(kt[0], len(order)), kt[0], kt[1])):
        per = sums[(key, team)]
        tallies = [per.get(label, [0, 0, 0]) for label in labels]
        answers = [given for _, _, given in tallies]
        values = [round(total / n, 1) if n >= FEWEST else None for total, n, _ in tallies]
        facts = tuple(by_label[lab] for lab in ANSWERED_BY.get(key, ()) if lab in by_label)
        rows.append(PulseRow(key, texts.get(key, key), team, values, answers, facts))
    return rows
