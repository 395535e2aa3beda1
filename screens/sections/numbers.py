"""Numbers: this period's value of every metric, against its target and the last meetings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from meeting.foundations.number_format import (
    format_change,
    format_percent,
    format_value,
    parse_value,
)
from meeting.foundations.text import one_line, visible
from screens.cells import cell
from screens.deferred import deferred
from screens.form_fields import Field, FormValues
from screens.sections.base import HIT, TEXT, Row, SectionHost, SectionKind, SectionRows, Undo

if TYPE_CHECKING:
    from meeting.catalog import metric_catalog
    from meeting.foundations.views import MeetingView, SectionView
    from meeting.numbers import metrics
    from storage.db import Database
else:
    metric_catalog = deferred("meeting.catalog.metric_catalog")
    metrics = deferred("meeting.numbers.metrics")


class Numbers(SectionKind):
    name = "numbers"
    keys = frozenset({"add", "edit", "delete", "edit_metric"})
    value_line = True
    bindings = (
        Binding(
            "m",
            "section('edit_metric')",
            "Metric",
            id="meeting.edit_metric",
            tooltip="Edit the metric: name, team, unit, target",
        ),
    )

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        number_rows = metrics.numbers(db, meeting.id)
        rates = metrics.funnel_rates(number_rows)
        return SectionRows(
            ["Metric", "Value", "Target", "", "Last", "Change", "Trend"],
            [
                Row(
                    str(n.metric_id),
                    [
                        cell(n.name, TEXT),
                        Text(format_value(n.value, n.unit), style="bold"),
                        Text(format_value(n.target, n.unit) if n.target is not None else ""),
                        HIT.get(n.on_target, Text("")) if n.on_target is not None else Text(""),
                        Text(format_value(n.previous, n.unit)),
                        Text(change_text(n)),
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

    def add(self, host: SectionHost) -> None:
        self.metric_form(host, None)

    def edit(self, host: SectionHost, key: int) -> None:
        """Enter on a metric types this period's value: what the section is for."""
        db, clock, meeting_id = host.db, host.clock, host.meeting.id
        row = metrics.number_now(db, meeting_id, key)
        current = "" if row.value is None else format_value(row.value).replace(",", "")

        def save(typed: str) -> None:
            text = typed.strip()
            value = parse_value(text, row.name, row.unit) if text else None
            metrics.record_value(db, meeting_id, key, value, clock=clock)

        label = f"{one_line(row.name, 30)} this period (empty clears it):"
        host.open_value_line(label, current, save, then=host.cursor_down)

    def edit_metric(self, host: SectionHost, key: int) -> None:
        self.metric_form(host, key)

    def metric_form(self, host: SectionHost, metric_id: int | None) -> None:
        db, series_id = host.db, host.meeting.series_id
        current = next(
            (m for m in metric_catalog.list_metrics(db, series_id) if m.id == metric_id), None
        )
        target = "" if current is None or current.target is None else str(current.target)
        fields = [
            Field(
                "name",
                "Metric",
                value=current.name if current else "",
                placeholder="e.g. Webinar signups",
            ),
            Field(
                "team",
                "Owned by team",
                kind="choice",
                choices=host.teams(),
                value=current.team if current else "marketing",
            ),
            Field(
                "unit",
                "Unit",
                kind="choice",
                choices=list(metric_catalog.UNITS),
                value=current.unit if current else "count",
            ),
            Field(
                "direction",
                "Better when",
                kind="choice",
                choices=list(metric_catalog.DIRECTIONS),
                value=current.direction if current else "higher",
            ),
            Field(
                "target",
                "Target per meeting period (optional)",
                value=target.removesuffix(".0"),
                placeholder="e.g. 120",
            ),
            Field(
                "funnel",
                "Funnel stage (rates are computed between stages)",
                kind="choice",
                choices=["no", "yes"],
                value="yes" if current and current.funnel else "no",
            ),
        ]

        def save(form: FormValues) -> None:
            text = form["target"].strip()
            name = form["name"]
            team = form["team"] or "marketing"
            unit = form["unit"] or "count"
            direction = form["direction"] or "higher"
            target = parse_value(text, "target") if text else None
            funnel = form["funnel"] == "yes"
            if current is None:
                metric_catalog.add_metric(
                    db,
                    series_id,
                    name=name,
                    team=team,
                    unit=unit,
                    direction=direction,
                    target=target,
                    funnel=funnel,
                )
            else:
                metric_catalog.update_metric(
                    db,
                    current.id,
                    name=name,
                    team=team,
                    unit=unit,
                    direction=direction,
                    target=target,
                    funnel=funnel,
                    on=host.clock.today(),
                )

        title = "New metric" if current is None else f"Metric: {current.name}"
        host.open_form(title, fields, save)

    def delete(self, host: SectionHost, key: int) -> Undo:
        db = host.db
        metric_catalog.retire_metric(db, key, clock=host.clock)
        return Undo(
            "delete",
            lambda: metric_catalog.restore_metric(db, key),
            "Metric retired; its history is kept. Press u to undo.",
        )


def change_text(n: metrics.NumberRow) -> str:
    parts = (format_change(n.change, n.unit), format_percent(n.change_percent))
    return " ".join(part for part in parts if part)
