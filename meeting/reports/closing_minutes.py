"""What the minutes of a meeting that closes its month add: the month's scorecard and its
waterfall, one table each, every name the team typed through `markdown.py`."""

from __future__ import annotations

from meeting.numbers.card import Scorecard
from meeting.numbers.waterfall import Waterfall
from meeting.reports.markdown import cell, escape


def _table(header: list[str], align: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def scorecard_lines(card: Scorecard) -> list[str]:
    labels, teams = card.labels, card.teams
    rows = []
    for row in card.rows():
        sides = [f.story() if (f := row.by_team.get(team)) else "" for team in teams]
        rows.append([cell(row.label), row.target, *sides])
    header = ["Figure", "Target", *[cell(team) for team in teams]]
    legend = (
        f"Each team's figures for {' → '.join(labels)}; ✓ or ✗: its target in {labels[-1]}. "
        "Rows with a miss first."
    )
    notes = ["", *(escape(note) for note in card.notes())] if card.notes() else []
    return [legend, "", *_table(header, ["---", "--:", *["--:" for _ in teams]], rows), *notes]


def waterfall_lines(flow: Waterfall) -> list[str]:
    [month] = flow.periods
    legend = (
        f"Each funnel stage in {month.label}: its total, the share that reached the next "
        "stage (✓ or ✗: its target) and the median days leads spent in it, of those that "
        "reached the next stage in the month (– where no lead has both dates)."
    )
    lines = [
        escape(legend),
        "",
        "| Stage | Total | To next | Target | Days in stage |",
        "|---|--:|--:|--:|--:|",
    ]
    for step in month.steps:
        figures = (
            step.shown_total(),
            step.shown_conversion(),
            step.shown_target(),
            step.shown_days(),
        )
        lines.append(f"| {cell(step.stage)} | " + " | ".join(cell(f) for f in figures) + " |")
    notes = flow.notes()
    return lines + (["", *(escape(note) for note in notes)] if notes else [])
