"""Agenda templates are data: an ordered list of sections, each with a kind and a timebox.

The built-in ones ship as TOML files in `library/` and are always there; a team's own
live in the database (`huddle templates add`), so every terminal on a shared database
sees them, and one with a built-in's key takes its place for that team. A meeting copies
its template's sections when it starts, so editing a template never changes a meeting
already held.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from meeting.catalog.template_files import (
    SectionSpec,
    Template,
    TemplateProblems,
    parse_template,
)
from meeting.foundations.errors import HuddleError

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = ["LIBRARY", "TEMPLATES", "SectionSpec", "Template", "get_template"]

# The built-in templates, in the order they are offered.
LIBRARY = (
    "sync",
    "alignment",
    "ssc",
    "4ls",
    "msg",
    "reset",
    "handoff",
    "postmortem",
    "winloss",
    "sailboat",
)


def library_text(key: str) -> str:
    """A built-in template's file, comments and all."""
    folder = resources.files("meeting.catalog") / "library"
    return (folder / f"{key}.toml").read_text(encoding="utf-8")


@cache
def _library() -> dict[str, Template]:
    return {key: parse_template(library_text(key), source=f"{key}.toml") for key in LIBRARY}


class _Library(Mapping[str, Template]):
    """The built-in templates by key, read from their files the first time they are asked
    for (nothing happens at import time)."""

    def __getitem__(self, key: str) -> Template:
        return _library()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(LIBRARY)

    def __len__(self) -> int:
        return len(LIBRARY)


TEMPLATES: Mapping[str, Template] = _Library()


def team_template(session: Session, key: str) -> Template | None:
    """The team's template `key` from the database, or None."""
    from storage.models import AgendaTemplate

    row = session.get(AgendaTemplate, key)
    if row is None:
        return None
    try:
        return parse_template(row.source, source=f"template {key}", key=key)
    except TemplateProblems as exc:  # saved by a huddle that read templates otherwise
        raise HuddleError(
            f"the team's template {key!r} cannot be read ({exc.problems[0]}); "
            f"fix it: huddle templates edit {key}"
        ) from None


def template_keys(session: Session | None = None) -> list[str]:
    """Every key a meeting can start from: the built-in ones, then the team's."""
    keys = list(LIBRARY)
    if session is not None:
        from sqlmodel import col, select

        from storage.models import AgendaTemplate

        query = select(col(AgendaTemplate.key)).order_by(col(AgendaTemplate.key))
        keys += [key for key in session.exec(query) if key not in keys]
    return keys


def get_template(key: str, session: Session | None = None) -> Template:
    """The template `key`: the team's own when the database (`session`) has one, else the
    built-in one. Without a session, only the built-in ones are known."""
    if session is not None and (found := team_template(session, key)) is not None:
        return found
    if key in TEMPLATES:
        return TEMPLATES[key]
    known = ", ".join(template_keys(session))
    raise HuddleError(f"unknown template {key!r} (choose one of: {known})")
