"""Things people type by name (people, series, metrics, leads): found whatever the case,
and an unknown name answered with the names it was probably meant to be."""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from meeting.foundations.errors import HuddleError

if TYPE_CHECKING:  # the read-only screens use this module without loading the ORM
    from sqlmodel import Session, SQLModel

Named = TypeVar("Named", bound="SQLModel")


def close_matches(candidates: Sequence[str], name: str) -> str:
    """' (did you mean: A, B?)' or '' when nothing is close."""
    by_lower = {c.lower(): c for c in candidates}
    typed = name.strip().lower()
    found = difflib.get_close_matches(typed, list(by_lower), n=3, cutoff=0.6)
    found += [low for low in by_lower if typed and low.startswith(typed) and low not in found]
    names = [by_lower[low] for low in found[:3]]
    return f" (did you mean: {', '.join(names)}?)" if names else ""


def find_named(session: Session, model: type[Named], name: str, *where: Any) -> Named | None:
    """The row of `model` called `name`, ignoring case, among the rows `where` allows."""
    from sqlalchemy import func
    from sqlmodel import select

    column: Any = model.name  # type: ignore[attr-defined]  # each Named model has a name column
    query = select(model).where(func.lower(column) == name.strip().lower(), *where)
    return session.exec(query).first()


def unknown_name(
    noun: str, typed: str, known: Sequence[str], *, list_known: bool = False
) -> HuddleError:
    """The error for a name nobody has used: the close matches, or every name when the list
    is short enough to read (`list_known`)."""
    cleaned = typed.strip()
    hint = close_matches(known, cleaned)
    if not hint and list_known:
        hint = f" (known: {', '.join(known)})" if known else f" (no {noun} yet)"
    if not hint and noun == "person":  # nothing close: where to look, and how to add them
        hint = (
            f" (huddle people list shows who is known; huddle people add {shlex.quote(cleaned)} "
            "--team TEAM adds them)"
        )
    return HuddleError(f"unknown {noun} {cleaned!r}{hint}")
