"""Home's form that starts a meeting (or resumes the series' running one)."""

from __future__ import annotations

from meeting.agenda import home, meetings
from meeting.agenda.lookup import running_meeting
from meeting.agenda.series import DEFAULT_SERIES, list_series
from meeting.catalog.template_store import template_choices, template_names
from meeting.entries.people import roster
from meeting.foundations.clock import Clock
from meeting.foundations.dates import CADENCES, parse_date
from meeting.foundations.errors import HuddleError
from screens.form_fields import Field, FormValues
from screens.forms import EntryForm
from storage.db import Database


def start_form(
    db: Database,
    clock: Clock,
    data: home.HomeSummary | None,
    series: str | None,
    started: list[tuple[int, bool]],
    me: str | None = None,
) -> EntryForm:
    """The form; once it saves, `started` holds (the meeting's id, whether it was created
    now). Someone who said who they are (`me`) facilitates by default: the meeting they
    start is theirs to run."""
    series_name = series or (data.default_series if data else None) or DEFAULT_SERIES
    fields = [
        Field(
            "series",
            "Series (a new name starts a new series)",
            value=series_name,
            suggestions=[name for name, _, _ in data.series] if data else [],
            retyped=True,  # a default to keep with enter or replace by typing, not to add to
        ),
        Field(
            "facilitator",
            "Facilitator",
            kind="person",
            value=me or ((data.last_facilitator or "") if data else ""),
            default_team="marketing",
        ),
        Field(
            "template",
            "Agenda",
            kind="choice",
            choices=template_choices(db),
            choice_labels=template_names(db),
            value=series_template(db, series_name),
        ),
        Field(
            "cadence",
            "Cadence (for a new series)",
            kind="choice",
            choices=list(CADENCES),
            value="weekly",
        ),
        Field(
            "date",
            "Date (today, fri, +1d, 2026-12-01)",
            value=clock.today().isoformat(),
            retyped=True,
        ),
    ]

    def save(form: FormValues) -> None:
        name = form["series"].strip()
        if not name:
            raise HuddleError("the series name is empty (type one, e.g. Weekly sync)")
        try:  # a meeting of it started elsewhere (since home was drawn, say): joined
            running = running_meeting(db, series=name)  # whatever agenda or date is asked
        except HuddleError:  # no such series yet
            running = None
        if running is not None:
            started.append((running.id, False))
            return
        known = [known for known, _, _ in data.series] if data else []
        if known and name.lower() not in {k.lower() for k in known}:
            # A name typed into the series field by mistake must not start a series.
            form.ask_first(
                f"series {name.lower()}",
                "series",
                "Start a new series?",
                f"{name!r} is not a series yet (there is {', '.join(known)}).\n"
                "y starts it; n or enter goes back to the name.",
            )
        started.append(
            meetings.start_meeting(
                db,
                clock=clock,
                series=form["series"],
                template=form["template"] or None,
                facilitator=form["facilitator"] or None,
                facilitator_team=form.teams["facilitator"],
                create_series_if_missing=True,
                cadence=form["cadence"] or "weekly",
                on=parse_date(form["date"], clock.today()) if form["date"].strip() else None,
            )
        )

    known = roster(db)
    return EntryForm(
        "Start a meeting",
        fields,
        save,
        people=known.teams_of,
        teams=known.teams,
        hint="enter starts · tab next field · space opens a list · escape cancels",
    )


def series_template(db: Database, name: str) -> str:
    for series in list_series(db):
        if series.name.lower() == name.lower():
            return series.template_key
    return "sync"
