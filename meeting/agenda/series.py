"""Series: a recurring meeting with a name and a cadence, and the date its next meeting falls on."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from meeting.catalog.metric_catalog import ensure_default_metrics
from meeting.catalog.templates import get_template
from meeting.foundations.addresses import webhook_kind
from meeting.foundations.clock import Clock
from meeting.foundations.dates import CADENCES, add_cadence
from meeting.foundations.errors import HuddleError
from meeting.foundations.names import find_named, unknown_name
from meeting.foundations.order import latest_first
from meeting.foundations.text import required
from storage.db import Database
from storage.models import (
    Meeting,
    PlannedMeeting,
    Series,
    stored_id,
)

DEFAULT_SERIES = "Weekly sync"


def find_series(session: Session, name: str) -> Series | None:
    return find_named(session, Series, name)


def resolve_series(session: Session, name: str) -> Series:
    series = find_series(session, name)
    if series is None:
        names = list(session.exec(select(col(Series.name))))
        raise unknown_name("series", name, names, list_known=True)
    return series


def create_series(
    session: Session, name: str, *, cadence: str, template_key: str, clock: Clock
) -> Series:
    cleaned = required(name, "series name")
    if cadence not in CADENCES:
        raise HuddleError(f"unknown cadence {cadence!r} (choose one of: {', '.join(CADENCES)})")
    get_template(template_key, session)
    if find_series(session, cleaned) is not None:
        raise HuddleError(f"series {cleaned!r} already exists (pick it instead)")
    series = Series(
        name=cleaned, cadence=cadence, template_key=template_key, created_at=clock.now()
    )
    session.add(series)
    session.flush()
    ensure_default_metrics(session, stored_id(series.id))
    return series


def set_chat_webhook(db: Database, name: str, url: str) -> tuple[str, str | None]:
    """Give a series its chat webhook (`none` takes it away): the series' name, and the
    service the webhook posts to (None when cleared)."""
    kept = None if url.strip().lower() == "none" else url.strip()
    kind = None if kept is None else webhook_kind(kept)
    with db.write() as session:
        series = resolve_series(session, name)
        series.chat_webhook = kept
        return series.name, kind


def list_series(db: Database) -> list[Series]:
    with db.read() as session:
        return list(session.exec(select(Series).order_by(col(Series.name))))


def default_series_name(db: Database) -> str | None:
    """The series of the most recent meeting, so 'start' needs no typing."""
    with db.read() as session:
        return default_series_name_in(session)


def default_series_name_in(session: Session) -> str | None:
    return (
        session.exec(
            select(col(Series.name))
            .join(Meeting, col(Meeting.series_id) == Series.id)
            .order_by(*latest_first(col(Meeting.date), col(Meeting.id)))
        ).first()
        or session.exec(select(col(Series.name)).order_by(col(Series.id))).first()
    )


def next_meeting_date(db: Database, series_id: int, *, clock: Clock) -> dt.date:
    """When the series meets next: the soonest meeting planned from today on, else its
    cadence after the last meeting, not before today."""
    today = clock.today()
    with db.read() as session:
        series = session.get(Series, series_id)
        if series is None:
            raise HuddleError(f"no series with id {series_id}")
        planned = next_planned(session, series_id, today - dt.timedelta(days=1))
        if planned is not None:
            return planned
        last = session.exec(
            select(col(Meeting.date))
            .where(Meeting.series_id == series_id)
            .order_by(*latest_first(col(Meeting.date), col(Meeting.id)))
        ).first()
    if last is None:
        return add_cadence(today, series.cadence)
    upcoming = add_cadence(last, series.cadence)
    while upcoming < today:
        upcoming = add_cadence(upcoming, series.cadence)
    return upcoming


def next_planned(session: Session, series_id: int, after: dt.date) -> dt.date | None:
    """The first date after `after` a meeting of the series is planned on."""
    return session.exec(
        select(col(PlannedMeeting.date))
        .where(PlannedMeeting.series_id == series_id, col(PlannedMeeting.date) > after)
        .order_by(col(PlannedMeeting.date))
    ).first()
