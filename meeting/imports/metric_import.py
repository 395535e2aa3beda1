"""Importing metric values from CSV (`date,metric,value`): checked whole, then applied whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import col, select

from meeting.catalog.metric_catalog import live_metrics
from meeting.foundations.clock import Clock, in_window
from meeting.foundations.errors import HuddleError
from meeting.foundations.names import close_matches
from meeting.foundations.number_format import parse_value
from meeting.imports.csvfile import csv_rows, problem_report, read_text
from meeting.numbers.metrics import set_value
from storage.db import Database
from storage.models import Meeting, MetricValue, Series, stored_id

REQUIRED = ("date", "metric", "value")


@dataclass
class MetricImport:
    """What an import would do. Nothing is written until `apply_metric_import`."""

    series: str
    values: list[tuple[int, int, float]] = field(default_factory=list)  # meeting, metric, value
    added: int = 0
    changed: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return f"{self.added} new, {self.changed} changed, {self.unchanged} unchanged"


def plan_metric_import(db: Database, series_id: int, path: Path, *, clock: Clock) -> MetricImport:
    names, rows = csv_rows(read_text(path), path)
    missing = [column for column in REQUIRED if column not in names]
    if missing:
        raise HuddleError(
            f"{path}: no {', '.join(repr(m) for m in missing)} column "
            f"(the header needs {','.join(REQUIRED)}; found: {','.join(names)})"
        )
    problems: list[str] = []
    with db.read() as session:
        series = session.get(Series, series_id)
        assert series is not None
        metrics = {m.name.lower(): m for m in live_metrics(session, series_id)}
        meetings = {
            day: meeting_id
            for meeting_id, day in session.exec(
                select(col(Meeting.id), col(Meeting.date)).where(Meeting.series_id == series_id)
            )
        }
        plan = MetricImport(series=series.name)
        seen: dict[tuple[int, int], int] = {}
        for line, row in rows:
            where = f"line {line}"
            date_text = (row.get("date") or "").strip()
            try:
                day = in_window(dt.date.fromisoformat(date_text), date_text)
            except ValueError:
                problems.append(f"{where}, column date: {date_text!r} is not a date (YYYY-MM-DD)")
                continue
            except HuddleError as error:
                problems.append(f"{where}, column date: {error}")
                continue
            name = (row.get("metric") or "").strip()
            metric = metrics.get(name.lower())
            if metric is None:
                hint = close_matches([m.name for m in metrics.values()], name) if name else ""
                problems.append(f"{where}, column metric: unknown metric {name!r}{hint}")
                continue
            meeting_id = meetings.get(day)
            if meeting_id is None:
                problems.append(f"{where}, column date: no meeting of {series.name} on {day}")
                continue
            try:
                value = parse_value(row.get("value") or "", metric.name, metric.unit)
            except HuddleError as exc:
                problems.append(f"{where}, column value: {exc}")
                continue
            key = (meeting_id, stored_id(metric.id))
            if key in seen:
                problems.append(f"{where}: {metric.name} on {day} is already on line {seen[key]}")
                continue
            seen[key] = line
            existing = session.get(MetricValue, key)
            if existing is None:
                plan.added += 1
            elif existing.value == value:
                plan.unchanged += 1
            else:
                plan.changed += 1
            plan.values.append((*key, value))
    if problems:
        raise HuddleError(problem_report(path, problems))
    return plan


def apply_metric_import(db: Database, plan: MetricImport, *, clock: Clock) -> None:
    """All rows in one transaction: either every value lands or none does."""
    now = clock.now()
    with db.write() as session:
        for meeting_id, metric_id, value in plan.values:
            set_value(session, meeting_id, metric_id, value, now)
