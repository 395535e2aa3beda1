"""The funnel-stage dates a lead CSV may carry (`created_at`, `mql_at`, `SQL date`,
`won_at`): which columns they are, each row's dates, and writing them. The waterfall's days
in each stage are measured between them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from meeting.catalog.metric_catalog import DEFAULT_METRICS
from meeting.foundations.dates import parse_moment
from meeting.foundations.errors import HuddleError
from meeting.numbers.stages import AT_FORM, FIRST, date_column, names_stage, stage_key
from storage.models import LeadStage, Metric, table_of

Dates = dict[str, dt.datetime]  # by stage key
CHUNK = 500  # lead ids per DELETE, well under any database's limit of bound values


def funnel_stages(session: Session) -> list[str]:
    """Every funnel stage a series has, and the ones a new series starts with, each once."""
    metric = table_of(Metric)
    rows: Any = session.execute(
        select(metric.c.name)
        .where(metric.c.funnel.is_(True), metric.c.retired_at.is_(None))
        .order_by(metric.c.series_id, metric.c.position)
    ).scalars()
    stages: dict[str, str] = {}
    for name in [*(n for n, _, _, _, funnel in DEFAULT_METRICS if funnel), *rows]:
        stages.setdefault(stage_key(name), name)
    return list(stages.values())


def stage_columns(session: Session, names: list[str], path: Path, *, plain: bool) -> dict[str, str]:
    """The header's stage-date columns: header -> the stage's key. A plain file's date
    column, or any file's `…_at` column, that names no stage is the file's error; a CRM's
    own date columns that name none (Last Activity Date) are left alone, as its others are."""
    found: dict[str, str] = {}
    stages: list[str] | None = None
    for header in names:
        dated = date_column(header)
        if dated is None:
            continue
        key, form = dated
        if stages is None:
            stages = funnel_stages(session)
        if key != FIRST and not any(names_stage(key, stage) for stage in stages):
            if plain or form == AT_FORM:
                raise HuddleError(
                    f"{path}: column {header!r} names no stage of the funnel (the stages: "
                    f"{', '.join(stages)}; write mql_at, sql_at, demo_at, won_at, or created_at "
                    "for the first)"
                )
            continue
        same = next((other for other, known in found.items() if known == key), None)
        if same is not None:
            raise HuddleError(f"{path}: columns {same!r} and {header!r} date the same stage")
        found[header] = key
    return found


def row_dates(row: dict[str, str], columns: dict[str, str]) -> Dates:
    """The row's stage dates; an empty cell says nothing (a date known already stays)."""
    dates: Dates = {}
    for header, key in columns.items():
        text = (row.get(header) or "").strip()
        if text:
            dates[key] = parse_moment(text)
    return dates


def known_dates(session: Session) -> dict[int, Dates]:
    """Every lead's stage dates, by lead id."""
    stage = table_of(LeadStage)
    known: dict[int, Dates] = defaultdict(dict)
    rows: Any = session.execute(select(stage.c.lead_id, stage.c.stage, stage.c.reached_at))
    for lead_id, key, reached_at in rows:
        known[lead_id][key] = reached_at
    return known


def changed_dates(wanted: Dates, known: Dates) -> Dates:
    return {key: at for key, at in wanted.items() if known.get(key) != at}


def write_dates(session: Session, dates: list[tuple[int, Dates]], *, replace: bool) -> None:
    """Each lead's new or changed stage dates, in bulk (Core); with `replace`, the old row
    of a stage goes first (new leads have none)."""
    stage = table_of(LeadStage)
    by_key: dict[str, list[int]] = defaultdict(list)
    rows = []
    for lead_id, reached in dates:
        for key, at in reached.items():
            by_key[key].append(lead_id)
            rows.append({"lead_id": lead_id, "stage": key, "reached_at": at})
    for key, lead_ids in by_key.items() if replace else ():
        for start in range(0, len(lead_ids), CHUNK):
            chunk = lead_ids[start : start + CHUNK]
            session.execute(delete(stage).where(stage.c.stage == key, stage.c.lead_id.in_(chunk)))
    if rows:
        session.execute(insert(stage), rows)
