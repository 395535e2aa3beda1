"""A team's own agenda templates, kept in the database so every terminal on it shares
them: listed beside the built-in ones, added from a TOML file, edited, exported and
removed. A team's template with a built-in's key is that team's version of it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from meeting.catalog.template_files import Template, parse_template, template_toml
from meeting.catalog.templates import TEMPLATES, library_text, team_template, template_keys
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.records import record_dict
from meeting.foundations.text import one_line
from storage.db import Database
from storage.errors import WriteConflict
from storage.models import AgendaTemplate, PlannedMeeting, Series

BUILT_IN = "built-in"
TEAM = "team"
OVERRIDE = "team, replaces built-in"


@dataclass
class TemplateRow:
    key: str
    name: str
    sections: int
    minutes: int
    source: str  # built-in | team | team, replaces built-in
    series: str  # the series that start from it, by name

    def as_dict(self) -> dict[str, object]:
        return record_dict(self, ("key", "name", "sections", "minutes", "source", "series"))


def _source(session: Session, key: str) -> str:
    stored = session.get(AgendaTemplate, key) is not None
    if not stored:
        return BUILT_IN
    return OVERRIDE if key in TEMPLATES else TEAM


def _series_using(session: Session, key: str) -> list[str]:
    query = select(col(Series.name)).where(Series.template_key == key).order_by(col(Series.name))
    return list(session.exec(query))


def list_templates(db: Database) -> list[TemplateRow]:
    """Every template a meeting can start from: the built-in ones first, then the team's."""
    rows = []
    with db.read() as session:
        for key in template_keys(session):
            template = team_template(session, key) or TEMPLATES[key]
            rows.append(
                TemplateRow(
                    key,
                    template.name,
                    len(template.sections),
                    sum(s.minutes for s in template.sections),
                    _source(session, key),
                    ", ".join(_series_using(session, key)),
                )
            )
    return rows


def template_choices(db: Database) -> list[str]:
    """The keys a meeting can start from, as a form offers them: built-in first."""
    with db.read() as session:
        return template_keys(session)


def template_names(db: Database) -> dict[str, str]:
    """Each template's name with its key, as a list shows it: "Retro: 4Ls (4ls)"."""
    from meeting.catalog.templates import get_template

    names: dict[str, str] = {}
    with db.read() as session:
        for key in template_keys(session):
            try:
                names[key] = f"{one_line(get_template(key, session).name)} ({key})"
            except HuddleError:  # a team's file that no longer reads: its key, as before
                names[key] = key
    return names


def find_template(db: Database, key: str) -> tuple[Template, str]:
    """The template `key` as meetings would start from it, and where it comes from."""
    from meeting.catalog.templates import get_template

    with db.read() as session:
        return get_template(key, session), _source(session, key)


def template_text(db: Database, key: str) -> str:
    """The file to edit: the team's text as saved (comments kept), else the built-in
    one's file."""
    with db.read() as session:
        row = session.get(AgendaTemplate, key)
        if row is not None:
            return row.source
    if key in TEMPLATES:
        return library_text(key)
    find_template(db, key)  # raises: unknown, with the known keys
    raise AssertionError("unreachable")


def export_text(db: Database, key: str) -> str:
    """The template as a file `huddle templates add` takes back as it is."""
    template, _ = find_template(db, key)
    return template_toml(template)


def save_template(
    db: Database,
    text: str,
    *,
    source: str,
    clock: Clock,
    key: str | None = None,
    replace: bool = False,
    keep_key: str | None = None,
) -> tuple[Template, bool]:
    """Check `text` and save it (all or nothing); (the template, whether it replaced one).
    `key`: the key when the file gives none; `keep_key`: the key it must have (an edit)."""
    template = parse_template(text, source=source, key=key)
    if keep_key is not None and template.key != keep_key:
        raise HuddleError(
            f"{source}: the key changed from {keep_key!r} to {template.key!r}; an edit keeps "
            f"the key (to copy it: huddle templates export {keep_key} -o FILE, change the "
            "key there, then huddle templates add FILE)"
        )
    try:
        with db.write() as session:
            stored = session.get(AgendaTemplate, template.key)
            exists = stored is not None or template.key in TEMPLATES
            if exists and not replace:
                which = "built-in template" if stored is None else "template"
                raise HuddleError(
                    f"a {which} {template.key!r} exists already (--replace puts yours in "
                    f"its place, or change the key in {source})"
                )
            row = stored or AgendaTemplate(
                key=template.key, name="", source="", saved_at=clock.now()
            )
            row.name, row.source, row.saved_at = template.name, text, clock.now()
            session.add(row)
    except WriteConflict:  # added from another terminal in the same moment
        raise HuddleError(
            f"template {template.key!r} was saved from another terminal just now "
            f"(look: huddle templates show {template.key})"
        ) from None
    return template, exists


def remove_template(db: Database, key: str) -> str:
    """Remove the team's template `key`; what happened, in one line. A built-in one cannot
    go (removing the team's version brings it back), nor one a series starts from."""
    with db.write() as session:
        row = session.get(AgendaTemplate, key)
        if row is None:
            if key in TEMPLATES:
                raise HuddleError(
                    f"{key!r} is built in and cannot be removed (a series starts from another "
                    "with huddle meeting start --template KEY)"
                )
            raise HuddleError(
                f"unknown template {key!r} (choose one of: {', '.join(template_keys(session))})"
            )
        if key not in TEMPLATES:
            using = _series_using(session, key)
            planned = session.exec(
                select(col(PlannedMeeting.date), col(Series.name))
                .join(Series, col(Series.id) == PlannedMeeting.series_id)
                .where(PlannedMeeting.template_key == key)
                .order_by(col(PlannedMeeting.date))
            ).first()
            if using:
                raise HuddleError(
                    f"template {key!r} is the agenda of series {', '.join(map(repr, using))}, "
                    f"so it stays (change it instead: huddle templates edit {key})"
                )
            if planned is not None:
                day, name = planned
                raise HuddleError(
                    f"template {key!r} is the agenda of {name!r}'s meeting planned on {day} "
                    f"(cancel it first: huddle meeting cancel {day} --series {name!r})"
                )
        session.delete(row)
    if key in TEMPLATES:
        return f"Removed the team's {key}; the built-in {key} is back"
    return f"Removed template {key}"
