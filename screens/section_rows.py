"""What each section kind shows in the meeting's table: columns, cells and full text.

Every cell that holds typed text is a `rich.text.Text`, so `[red]x[/]` stays five
characters and control characters show as escapes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text

from meeting.actions import ActionRow, actions_made_in, review_rows
from meeting.items import items
from meeting.meetings import MeetingView, SectionView
from meeting.metrics import format_change, format_percent, format_value, funnel_rates, numbers
from meeting.questions import questions_for_meeting
from meeting.text import visible
from screens.cells import cell
from storage.db import Database

TEXT = 200  # longest a cell gets before the pane's width is considered; the detail shows all

HIT = {True: Text("✓ hit", style="green"), False: Text("✗ miss", style="bold red")}
MARKS = {
    "done": Text("✓ done", style="green"),
    "open": Text("… still open", style="yellow"),
    "dropped": Text("✗ dropped", style="dim"),
    None: Text("· to review", style="bold"),
}


@dataclass
class Row:
    key: str
    cells: list[Text]
    detail: str  # the whole entry, shown under the table for the highlighted row


@dataclass
class SectionRows:
    columns: list[str]
    rows: list[Row]
    empty: str
    note: str = ""  # a line under the table, e.g. the funnel's conversion rates
    flexible: tuple[str, ...] = ()  # typed-text columns that give up width to fit the pane
    optional: tuple[str, ...] = ()  # columns to leave out, in order, when the pane is narrow
    widths: list[int] | None = None  # once fitted to a pane: each column's width


def _due(row_due: dt.date | None, overdue: bool) -> Text:
    if row_due is None:
        return Text("–")
    return Text(row_due.isoformat(), style="bold red" if overdue else "")


def _action_detail(row: ActionRow) -> str:
    due = row.due.isoformat() if row.due else "no due date"
    who = f"{visible(row.owner)} ({visible(row.team)})"
    return f"{visible(row.text)}\n— {who}, due {due}, {row.status}"


def rows_for(
    db: Database, meeting: MeetingView, section: SectionView, today: dt.date
) -> SectionRows:
    if section.kind == "review":
        review = review_rows(db, meeting.id)
        return SectionRows(
            ["Review", "Action", "Owner", "Due", "Made on"],
            [
                Row(
                    str(r.id),
                    [
                        MARKS.get(r.reviewed, MARKS[None]),
                        cell(r.text, TEXT),
                        cell(r.owner, TEXT),
                        _due(r.due, r.is_overdue(today)),
                        cell(r.made_on),
                    ],
                    _action_detail(r),
                )
                for r in review
            ],
            "No open action items from earlier meetings. Nothing to review.",
            flexible=("Action", "Owner"),
            optional=("Made on",),
        )
    if section.kind == "numbers":
        number_rows = numbers(db, meeting.id)
        rates = funnel_rates(number_rows)
        return SectionRows(
            ["Metric", "Value", "Target", "", "Last", "Change", "Trend"],
            [
                Row(
                    str(n.metric_id),
                    [
                        cell(n.name, TEXT),
                        Text(format_value(n.value, n.unit), style="bold"),
                        Text(format_value(n.target, n.unit) if n.target is not None else ""),
                        HIT.get(n.on_target, Text("")),
                        Text(format_value(n.previous, n.unit)),
                        Text(
                            " ".join(
                                part
                                for part in (
                                    format_change(n.change, n.unit),
                                    format_percent(n.change_percent),
                                )
                                if part
                            )
                        ),
                        Text(n.trend, style="cyan"),
                    ],
                    f"{visible(n.name)} ({n.team}, {n.unit}, {n.direction} is better): "
                    "enter types this period's value, m edits the metric",
                )
                for n in number_rows
            ],
            "This series has no metrics. Press a to add one.",
            note="Funnel: " + " · ".join(rate.label() for rate in rates) if rates else "",
            flexible=("Metric",),
            optional=("Trend", "Last"),
        )
    if section.kind == "items":
        entries = items(db, section.id)
        backed_by = any(i.metric_id for i in entries)
        by_metric = {n.metric_id: n for n in numbers(db, meeting.id)} if backed_by else {}
        rows = []
        for i in entries:
            backed = by_metric.get(i.metric_id) if i.metric_id else None
            claim = Text("")
            detail = visible(i.text) + (f"\n— {visible(i.author)}" if i.author else "")
            if backed is not None:
                claim = Text(f"{backed.name} {format_value(backed.value, backed.unit)} ")
                claim.append(backed.trend[-6:], style="cyan")
                detail += (
                    f"\nBacked by {visible(backed.name)}: {format_value(backed.value, backed.unit)}"
                    f" (last meeting {format_value(backed.previous, backed.unit)}) {backed.trend}"
                )
            rows.append(
                Row(
                    str(i.id),
                    [cell(i.team, TEXT), cell(i.text, TEXT), cell(i.author or "", TEXT), claim],
                    detail,
                )
            )
        return SectionRows(
            ["About", "Entry", "By", "Backed by"],
            rows,
            "Nothing yet. Press a to add what people say.",
            flexible=("Entry", "By"),
            optional=("By",),
        )
    if section.kind == "leads":
        rows = []
        for q in questions_for_meeting(db, meeting.id):
            overdue = q.is_overdue(today)
            if q.status == "answered":
                state = Text(q.outcome or "answered", style="green")
            elif q.status == "withdrawn":
                state = Text("withdrawn", style="dim")
            else:
                age = q.age_days(today)
                state = Text(
                    f"open {age}d" + (f" · {q.carried}×" if q.carried else ""),
                    style="bold red" if overdue else "yellow",
                )
            asker, assignee = visible(q.asked_by or "someone"), visible(q.assignee)
            detail = f"{visible(q.text)}\n— asked by {asker} of {assignee}"
            if q.answer:
                detail += f"\nAnswer ({q.outcome}): {visible(q.answer)}"
            rows.append(
                Row(
                    str(q.id),
                    [
                        cell(q.lead, TEXT),
                        cell(q.text, TEXT),
                        cell(q.asked_by or "", TEXT),
                        cell(q.assignee, TEXT),
                        _due(q.due, overdue),
                        state,
                        cell(q.answer or "", TEXT),
                    ],
                    detail,
                )
            )
        return SectionRows(
            ["Lead", "Question", "Asked by", "Assigned", "Due", "State", "Answer"],
            rows,
            "No open lead questions. Press a to ask sales about a lead.",
            flexible=("Lead", "Question", "Asked by", "Assigned", "Answer"),
            optional=("Answer", "Asked by"),
        )
    made = actions_made_in(db, meeting.id)
    return SectionRows(
        ["Action", "Owner", "Team", "Due", "Status"],
        [
            Row(
                str(a.id),
                [
                    cell(a.text, TEXT),
                    cell(a.owner, TEXT),
                    cell(a.team, TEXT),
                    _due(a.due, a.is_overdue(today)),
                    cell(a.status),
                ],
                _action_detail(a),
            )
            for a in made
        ],
        "No new actions yet. Press a to add one with an owner and a due date.",
        flexible=("Action", "Owner"),
        optional=("Team",),
    )
