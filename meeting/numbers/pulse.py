"""The pulse on the scorecard: each team's average per statement per period, with its trend,
beside the figure that answers it (sales' rating of lead quality beside the MQL -> SQL
rate, marketing's rating of follow-up beside the leads touched within the SLA). A gap
between feeling and fact is marked: an average of 2 or below while the figure meets its
target, or 4 or above while it misses. A team with fewer than three answers in a period
shows no average, and no single rating is ever read out of the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from meeting.entries.pulse import FOLLOW_UP, LEAD_QUALITY
from meeting.numbers.card import FEWEST, Figure, PulseRow
from meeting.numbers.periods import Period, period_of
from storage.db import Database
from storage.models import Meeting, PulseRating, PulseStatement, PulseStatementVersion, table_of

# The figures that answer a statement, by the label the scorecard gives them; the first
# one found is shown.
ANSWERED_BY: dict[str, tuple[str, ...]] = {
    LEAD_QUALITY: ("MQLs → SQLs",),
    FOLLOW_UP: ("leads touched within SLA", "median hours to first touch"),
}


def read_pulse(
    db: Database, series_id: int, window: tuple[dt.date, dt.date] | None
) -> list[tuple[dt.date, str, str, int, int]]:
    """(meeting day, statement key, team, score, count) of the series' meetings: counts per
    score, which is all the database keeps."""
    rating, version = table_of(PulseRating), table_of(PulseStatementVersion)
    statement, meeting = table_of(PulseStatement), table_of(Meeting)
    query = (
        select(meeting.c.date, statement.c.key, rating.c.team, rating.c.score, rating.c.count)
        .join(meeting, meeting.c.id == rating.c.meeting_id)
        .join(version, version.c.id == rating.c.version_id)
        .join(statement, statement.c.id == version.c.statement_id)
        .where(meeting.c.series_id == series_id)
    )
    if window is not None:
        query = query.where(meeting.c.date.between(*window))
    with db.read() as session:
        rows: Sequence[Any] = session.execute(query).all()
    return [(day, key, team, score, count) for day, key, team, score, count in rows]


def pulse_rows(
    found: list[tuple[dt.date, str, str, int, int]],
    texts: dict[str, str],
    kind: str,
    chosen: list[Period],
    figures: list[Figure],
) -> list[PulseRow]:
    """Each team's averages per statement over the chosen periods, beside its figure; the
    statements in the order they are kept (`texts`), then the teams by name."""
    labels = [p.label for p in chosen]
    sums: dict[tuple[str, str], dict[str, list[int]]] = {}
    for day, key, team, score, count in found:
        label = period_of(day, kind).label
        if label not in labels:
            continue
        tally = sums.setdefault((key, team), {}).setdefault(label, [0, 0])
        tally[0] += score * count
        tally[1] += count
    by_label = {f.label: f for f in figures}
    order = {key: i for i, key in enumerate(texts)}
    rows = []
    for key, team in sorted(sums, key=lambda kt: (order.get(kt[0], len(order)), kt[0], kt[1])):
        per = sums[(key, team)]
        answers = [per.get(label, [0, 0])[1] for label in labels]
        values = [
            round(per[label][0] / per[label][1], 1) if n >= FEWEST else None
            for label, n in zip(labels, answers, strict=True)
        ]
        fact = next((by_label[lab] for lab in ANSWERED_BY.get(key, ()) if lab in by_label), None)
        rows.append(PulseRow(key, texts.get(key, key), team, values, answers, fact))
    return rows


def pulse_notes(rows: list[PulseRow]) -> list[str]:
    """The gaps between feeling and fact, one line each, and how few answers hide."""
    notes = [
        f"≠ {row.key} ({row.team}): {row.shown(row.latest)} of 5, {row.gap}: {row.beside()}"
        for row in rows
        if row.gap
    ]
    if any(0 < n < FEWEST for row in rows for n in row.answers):
        notes.append(f"Pulse: a team with fewer than {FEWEST} answers in a period shows –.")
    return notes
