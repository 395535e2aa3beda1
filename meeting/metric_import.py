"""Importing metric values from CSV (`date,metric,value`): checked whole, then applied whole."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from meeting.clock import Clock
from meeting.errors import HuddleError
from meeting.metrics import live_metrics, parse_value, set_value
from meeting.people import close_matches
from storage.db import Database
from storage.models import Meeting, MetricValue, Series

REQUIRED = ("date", "metric", "value")
SHOWN_PROBLEMS = 10


def read_text(path: Path) -> str:
    """The file as text; a file that is not UTF-8 is named with the line that breaks."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise HuddleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise HuddleError(f"{path} is a directory (give a .csv file)") from None
    except OSError as exc:
        raise HuddleError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise HuddleError(
            f"{path}: line {line} is not UTF-8 text (save the file as UTF-8 CSV and try again)"
        ) from None


def csv_rows(text: str, path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header names (lower-cased) and rows with the line each starts on."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise HuddleError(f"{path} is empty (the first line must be the header)") from None
    except csv.Error as exc:
        raise HuddleError(f"{path}: line 1 is not valid CSV ({exc})") from None
    names = [name.strip().lower() for name in header]
    rows = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(value.strip() for value in record):
                rows.append((line, dict(zip(names, record, strict=False))))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise HuddleError(f"{path}: line {line} is not valid CSV ({exc})") from None
    return names, rows


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
                select(Meeting.id, Meeting.date).where(Meeting.series_id == series_id)
            )
        }
        plan = MetricImport(series=series.name)
        seen: dict[tuple[int, int], int] = {}
        for line, row in rows:
            where = f"line {line}"
            date_text = (row.get("date") or "").strip()
            try:
                day = dt.date.fromisoformat(date_text)
            except ValueError:
                problems.append(f"{where}, column date: {date_text!r} is not a date (YYYY-MM-DD)")
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
                value = parse_value(row.get("value") or "", metric.name)
            except HuddleError as exc:
                problems.append(f"{where}, column value: {exc}")
                continue
            key = (meeting_id, metric.id)  # type: ignore[assignment]
            if key in seen:
                problems.append(f"{where}: {metric.name} on {day} is already on line {seen[key]}")
                continue
            seen[key] = line  # type: ignore[index]
            existing = session.get(MetricValue, key)
            if existing is None:
                plan.added += 1
            elif existing.value == value:
                plan.unchanged += 1
            else:
                plan.changed += 1
            plan.values.append((meeting_id, metric.id, value))  # type: ignore[arg-type]
    if problems:
        shown = problems[:SHOWN_PROBLEMS]
        more = len(problems) - len(shown)
        listing = "\n  ".join(shown + ([f"and {more} more"] if more else []))
        raise HuddleError(
            f"{path}: {len(problems)} bad row{'s' * (len(problems) > 1)}, nothing imported\n  "
            + listing
        )
    return plan


def apply_metric_import(db: Database, plan: MetricImport, *, clock: Clock) -> None:
    """All rows in one transaction: either every value lands or none does."""
    now = clock.now()
    with db.write() as session:
        for meeting_id, metric_id, value in plan.values:
            set_value(session, meeting_id, metric_id, value, now)
