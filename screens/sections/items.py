"""What's working, what's broken and other free-text sections: one entry per thing said,
about a team, optionally backed by a metric."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from meeting import items, metrics
from meeting.metric_catalog import list_metrics
from meeting.number_format import format_value
from meeting.text import visible
from screens.cells import cell
from screens.forms import Field, FormValues
from screens.sections.base import TEXT, Row, SectionHost, SectionKind, SectionRows, Undo

if TYPE_CHECKING:
    from meeting.views import MeetingView, SectionView
    from storage.db import Database


class Items(SectionKind):
    name = "items"
    keys = frozenset({"add", "add_with_details", "edit", "delete"})

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        entries = items.items(db, section.id)
        backed_by = any(i.metric_id for i in entries)
        by_metric = {n.metric_id: n for n in metrics.numbers(db, meeting.id)} if backed_by else {}
        rows = []
        for i in entries:
            backed = by_metric.get(i.metric_id) if i.metric_id else None
            claim = Text("")
            detail = visible(i.text) + (f"\n— {visible(i.author)}" if i.author else "")
            if backed is not None:
                value = format_value(backed.value, backed.unit)
                claim = Text(f"{backed.name} {value} ")
                claim.append(backed.trend[-6:], style="cyan")
                detail += (
                    f"\nBacked by {visible(backed.name)}: {value}"
                    f" (last meeting {format_value(backed.previous, backed.unit)})"
                    f" {backed.trend}"
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

    def add(self, host: SectionHost) -> None:
        """The add line under the table: fastest while people talk."""
        team = host.last_item_team.get(host.section.key, "marketing")
        host.open_quick_add(host.teams(), team)

    def add_with_details(self, host: SectionHost) -> None:
        self.form(host, None)

    def edit(self, host: SectionHost, key: int) -> None:
        self.form(host, key)

    def form(self, host: SectionHost, item_id: int | None) -> None:
        db, clock, section = host.db, host.clock, host.section
        current = next((i for i in items.items(db, section.id) if i.id == item_id), None)
        metric_ids = {m.name: m.id for m in list_metrics(db, host.meeting.series_id)}
        current_metric = next(
            (name for name, mid in metric_ids.items() if current and mid == current.metric_id), ""
        )
        default_team = host.last_item_team.get(section.key, "marketing")
        fields = [
            Field(
                "text",
                section.title,
                value=current.text if current else "",
                placeholder="what was said",
            ),
            Field(
                "team",
                "About team",
                kind="choice",
                choices=host.teams(),
                value=current.team if current else default_team,
            ),
            Field(
                "metric",
                "Backed by metric (optional)",
                kind="choice",
                choices=list(metric_ids),
                value=current_metric,
                placeholder="no metric",
            ),
        ]
        if current is None:
            fields.append(
                Field("author", "Said by (optional)", kind="person", default_team="sales")
            )

        def save(form: FormValues) -> None:
            metric_id = metric_ids.get(form["metric"])
            if current is None:
                items.add_item(
                    db,
                    section.id,
                    form["text"],
                    team=form["team"] or default_team,
                    author=form["author"],
                    metric_id=metric_id,
                    clock=clock,
                )
                host.last_item_team[section.key] = form["team"] or default_team
            else:
                items.update_item(
                    db, current.id, text=form["text"], team=form["team"], metric_id=metric_id
                )

        host.open_form(("Add to " if current is None else "Edit: ") + section.title, fields, save)

    def delete(self, host: SectionHost, key: int) -> Undo:
        db = host.db
        items.delete_item(db, key, clock=host.clock)
        return Undo("delete", lambda: items.restore_item(db, key), "Deleted. Press u to undo.")
