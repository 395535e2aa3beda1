"""Settings of the whole database, which every terminal on it follows: so far the team's
time zone, in which every date (today, due, overdue, a meeting's day, a scorecard's month)
is worked out, whatever the zone of the machine a terminal runs on.

Read with Core alone: the home screen's first frame is read before SQLModel is imported.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import column, delete, insert, select, table

if TYPE_CHECKING:
    from storage.db import Database

SETTING = table("setting", column("key"), column("value"))
TIME_ZONE = "time_zone"
FALLBACK_ZONE = "UTC"


def zone_of(name: str) -> ZoneInfo | None:
    """The zone an IANA name (`Europe/Berlin`) names, or None for any other text."""
    name = name.strip()
    if not name or name.startswith(("/", ".")) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def machine_zone() -> str:
    """The IANA name of this machine's time zone: `TZ` when it names one, else where
    /etc/localtime points; UTC when neither says (a name is what every terminal can share,
    an offset is not)."""
    configured = os.environ.get("TZ", "").removeprefix(":")
    if zone_of(configured):
        return configured.strip()
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target and zone_of(name := target.split("zoneinfo/", 1)[1]):
        return name
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        name = ""
    return name if zone_of(name) else FALLBACK_ZONE


def read_setting(db: Database, key: str) -> str | None:
    with db.connect() as conn:
        value = conn.execute(select(SETTING.c.value).where(SETTING.c.key == key)).scalar()
    return None if value is None else str(value)


def write_setting(db: Database, key: str, value: str) -> None:
    with db.write() as session:
        session.execute(delete(SETTING).where(SETTING.c.key == key))
        session.execute(insert(SETTING).values(key=key, value=value))


def team_zone_name(db: Database) -> str:
    """The database's time zone; UTC if it holds none or a name this machine does not
    know (every terminal then agrees on one, and `huddle db timezone` says which)."""
    name = read_setting(db, TIME_ZONE)
    return name if name and zone_of(name) else FALLBACK_ZONE
