"""Days stored outside the window huddle takes: a database written by an older huddle, or
edited by hand, may hold a meeting on 9999-12-31, and adding a week to it overflows in
whatever reads it next. `huddle db check` names each one, so it can be found and fixed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

from sqlalchemy import Date, Table, or_, select

from storage.copy import huddle_tables
from storage.db import Database

SHOWN = 5  # rows named in the line; the count says how many more


def _day_columns() -> Iterator[tuple[Table, str]]:
    for table in huddle_tables():
        for column in table.columns:
            if isinstance(column.type, Date):
                yield table, column.name


def _said(found: list[str], window: tuple[dt.date, dt.date]) -> list[str]:
    if not found:
        return ["dates: ok"]
    more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    return [
        f"dates: {len(found)} outside the {window[0]} to {window[1]} huddle takes: "
        f"{'; '.join(found[:SHOWN])}{more} (change them in the file, or restore a backup)"
    ]


def _row(table: Table, column: str, key: tuple[object, ...], value: object) -> str:
    """'meeting 12 date 9999-12-31'."""
    return f"{table.name} {'/'.join(str(k) for k in key)} {column} {value}"


def check_dates_sqlite(conn: sqlite3.Connection, window: tuple[dt.date, dt.date]) -> list[str]:
    """On a SQLite file opened read-only with sqlite3: days are ISO text there, compared as
    text (a table an older schema lacks is skipped)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    found = []
    for table, column in _day_columns():
        if table.name not in tables:
            continue
        keys = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
        query = (
            f'SELECT {keys}, "{column}" FROM "{table.name}" WHERE "{column}" < ? OR "{column}" > ?'
        )
        try:
            rows = conn.execute(query, (window[0].isoformat(), window[1].isoformat())).fetchall()
        except sqlite3.OperationalError:  # a column an older schema lacks
            continue
        found += [_row(table, column, tuple(row[:-1]), row[-1]) for row in rows]
    return _said(found, window)


def check_dates(db: Database, window: tuple[dt.date, dt.date]) -> list[str]:
    """On a server database, through SQLAlchemy."""
    found = []
    with db.connect() as conn:
        for table, column in _day_columns():
            day = table.c[column]
            keys = list(table.primary_key.columns)
            query = select(*keys, day).where(or_(day < window[0], day > window[1]))
            found += [
                _row(table, column, tuple(row[:-1]), row[-1]) for row in conn.execute(query).all()
            ]
    return _said(found, window)


def dates_ok(lines: list[str]) -> bool:
    return lines == ["dates: ok"]
