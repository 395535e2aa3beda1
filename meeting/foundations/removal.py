"""Deleting keeps the row: a delete stamps it and an undo clears the stamp, so nothing a
meeting recorded is lost to a wrong key and history stays whole."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from sqlmodel import Session, SQLModel

Row = TypeVar("Row", bound=SQLModel)


def stamp_removed(
    session: Session,
    model: type[Row],
    row_id: int,
    when: dt.datetime | None,
    *,
    column: str = "deleted_at",
) -> Row | None:
    """Mark the row removed at `when`, or back (None); the row, or None if there is none."""
    row = session.get(model, row_id)
    if row is not None:
        setattr(row, column, when)
    return row
