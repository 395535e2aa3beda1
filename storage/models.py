"""SQLModel tables. Schema changes go through Alembic migrations in `storage/migrations`.

Rows are soft-deleted (`deleted_at`) where the TUI offers undo, so an undo survives a restart
and history is never rewritten.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, Table, UniqueConstraint
from sqlmodel import Field, SQLModel


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    team: str = Field(default="sales", index=True)
    email: str | None = None  # where `huddle send` mails the minutes


class Series(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    cadence: str = Field(default="weekly")
    template_key: str = Field(default="sync")
    created_at: dt.datetime
    chat_webhook: str | None = None  # a Slack or Teams incoming webhook for its summaries


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id", index=True)
    date: dt.date = Field(index=True)
    template_key: str
    facilitator_id: int | None = Field(default=None, foreign_key="person.id")
    status: str = Field(default="running", index=True)  # running | ended
    current_position: int = 0
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None

    # One running meeting per series, even when two terminals start one at the same moment:
    # unique among the rows WHERE status = 'running', a partial index the migration (0003)
    # makes on SQLite and PostgreSQL alike. Named here without its WHERE, which is given per
    # dialect (postgresql_where=...): SQLAlchemy would then import its PostgreSQL dialect and
    # every driver it knows to check the argument, about 0.1 s, on every start on SQLite.
    __table_args__ = (Index("ux_meeting_one_running_per_series", "series_id", unique=True),)


class PlannedMeeting(SQLModel, table=True):
    """A meeting put in the calendar before it is held. Kept apart from Meeting, so every
    list, count and export of meetings stays one of meetings that happened; starting a
    meeting on (or after) its date uses the plan up."""

    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id")
    date: dt.date
    template_key: str
    created_at: dt.datetime

    __table_args__ = (UniqueConstraint("series_id", "date", name="uq_plannedmeeting_day"),)


class Presence(SQLModel, table=True):
    """Who has a meeting open right now, in which terminal and section: shown in the other
    terminals' agenda, and what `f` follows. A row lives while its app runs."""

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    terminal: str = Field(primary_key=True)  # one per running app
    who: str
    position: int
    opened_at: dt.datetime
    seen_at: dt.datetime
    person_id: int | None = Field(default=None, foreign_key="person.id")  # when it knows


class Attendance(SQLModel, table=True):
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True)


class Section(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int
    kind: str  # review | numbers | items | leads | actions
    key: str  # working, broken, start, stop, ... unique within the meeting
    title: str
    timebox_seconds: int
    elapsed_seconds: float = 0.0
    running_since: dt.datetime | None = None
    # Copied from the template when the meeting starts, so editing the template later
    # never changes this meeting: the prompt under the title, whether everyone writes
    # alone first, whether entries keep no author.
    hint: str = ""
    writing: bool = False
    anonymous: bool = False
    # open | writing (each person's entries theirs alone) | revealed | revealed-at-end
    phase: str = "open"


class WritingDone(SQLModel, table=True):
    """Someone said they are done writing in a section's writing phase (the ready check).
    No time is kept: in an anonymous section it could be matched to an entry's."""

    section_id: int = Field(foreign_key="section.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True)


class Item(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    section_id: int = Field(foreign_key="section.id", index=True)
    text: str
    team: str
    author_id: int | None = Field(default=None, foreign_key="person.id")
    metric_id: int | None = Field(default=None, foreign_key="metric.id")
    votes: int = 0  # how many Vote rows it has, kept in the same write
    action_id: int | None = Field(default=None, foreign_key="actionitem.id")
    created_at: dt.datetime
    deleted_at: dt.datetime | None = None
    # A theme is an entry whose text is its title; the entries grouped under it point at it.
    theme_id: int | None = Field(default=None, foreign_key="item.id")
    is_theme: bool = False


class Vote(SQLModel, table=True):
    """One dot from one person on one entry; a person may put several on one entry, up to
    their budget for the section."""

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    created_at: dt.datetime


class PendingItem(SQLModel, table=True):
    """An entry written before its meeting (each side prepares what works and what is
    broken); it joins the series' next meeting when that starts."""

    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id", index=True)
    section_key: str  # working, broken, or a retro column's key
    text: str
    team: str
    author_id: int | None = Field(default=None, foreign_key="person.id")
    metric_id: int | None = Field(default=None, foreign_key="metric.id")
    created_at: dt.datetime


class Metric(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id", index=True)
    name: str
    team: str
    unit: str = "count"  # count | currency | percent
    direction: str = "higher"  # higher | lower is better
    target: float | None = None
    position: int = 0
    funnel: bool = False  # a stage of the funnel; rates are computed between stages
    retired_at: dt.datetime | None = None


class MetricTarget(SQLModel, table=True):
    """A metric's target from a day on: written when a target changes (with the one it had
    before, from 2000-01-01), so a meeting or a period is judged against the target of its
    own day. A metric whose target never changed has no rows: `Metric.target` is its own."""

    metric_id: int = Field(foreign_key="metric.id", primary_key=True)
    effective_from: dt.date = Field(primary_key=True)
    target: float | None = None


class MetricValue(SQLModel, table=True):
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    metric_id: int = Field(foreign_key="metric.id", primary_key=True)
    value: float
    recorded_at: dt.datetime


class Lead(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    company: str = ""
    email: str = ""
    crm_id: str | None = Field(default=None, index=True)
    owner_id: int | None = Field(default=None, foreign_key="person.id")
    status: str = ""
    source: str = ""
    updated_at: dt.datetime
    # From the CRM: when marketing handed the lead to sales, and sales' first touch. The
    # follow-up SLA's hours are measured between the two.
    handed_over_at: dt.datetime | None = None
    first_touch_at: dt.datetime | None = None


class LeadStage(SQLModel, table=True):
    """When a lead reached a stage of the funnel, from the CRM export: the waterfall's
    days in each stage are measured between them. `stage` is the stage as the export named
    it, made comparable (lower case, singular: `mql`, `closed won`); `created` is the first
    stage of any funnel. One row per lead and stage."""

    lead_id: int = Field(foreign_key="lead.id", primary_key=True)
    stage: str = Field(primary_key=True)
    reached_at: dt.datetime


class LeadDecision(SQLModel, table=True):
    """Sales' answer to a lead marketing handed over: accepted, or rejected with a reason
    from the agreed list. Every decision is kept, not only the last, so a lead rejected,
    nurtured, handed over again and then accepted (recycled) shows the whole way it went."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    decision: str  # accepted | rejected
    reason: str | None = None  # a line of the rejection-reasons agreement, as it stood then
    source: str = ""  # the lead's source then: a recycled lead may come back by another
    handed_over_at: dt.datetime | None = None  # the hand-over it answers, when known
    decided_at: dt.datetime = Field(index=True)
    decided_by_id: int | None = Field(default=None, foreign_key="person.id")


class LeadQuestion(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    text: str
    asked_by_id: int | None = Field(default=None, foreign_key="person.id")
    assignee_id: int = Field(foreign_key="person.id", index=True)
    due: dt.date | None = None
    status: str = Field(default="open", index=True)  # open | answered | withdrawn
    answer: str | None = None
    outcome: str | None = None
    answered_at: dt.datetime | None = None
    answered_meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    answered_by_id: int | None = Field(default=None, foreign_key="person.id")  # when known
    created_at: dt.datetime
    deleted_at: dt.datetime | None = None


class QuestionCarry(SQLModel, table=True):
    """An open question brought into a later meeting's leads section."""

    question_id: int = Field(foreign_key="leadquestion.id", primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, index=True)


class ActionItem(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    series_id: int = Field(foreign_key="series.id", index=True)
    text: str
    owner_id: int = Field(foreign_key="person.id", index=True)
    due: dt.date | None = Field(default=None, index=True)
    status: str = Field(default="open", index=True)  # open | done | dropped
    created_at: dt.datetime
    closed_at: dt.datetime | None = None
    deleted_at: dt.datetime | None = None

    # History's figures per owner read this index alone, never the rows (0.2 s less at
    # 100,000 items): done items by owner with their times, the counts from the rest.
    __table_args__ = (
        Index(
            "ix_actionitem_figures",
            "status",
            "owner_id",
            "closed_at",
            "created_at",
            "due",
            "deleted_at",
        ),
    )


class ActionEvent(SQLModel, table=True):
    """One change to an action item; the item's whole history is its events in order."""

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="actionitem.id", index=True)
    at: dt.datetime
    kind: str  # created | status | owner | due | text | comment | carried | reviewed | deleted
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    old: str | None = None
    new: str | None = None
    by_id: int | None = Field(default=None, foreign_key="person.id")  # who, when known


class MinutesRecord(SQLModel, table=True):
    """An ended meeting's minutes as they were when it ended: the record that was sent
    stays what it was, whatever changes afterwards. Reopening the meeting clears it."""

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    markdown: str
    written_at: dt.datetime
    summary: str | None = None  # the end-of-meeting summary's figures, as JSON


class Sent(SQLModel, table=True):
    """Minutes that went out: to one address, or to the series' chat webhook (kept as its
    service and a digest, never the URL itself), so a send is not repeated by accident."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    channel: str  # email | chat
    recipient: str  # an address; for chat "slack:" or "teams:" and the URL's digest
    sent_at: dt.datetime
    by_id: int | None = Field(default=None, foreign_key="person.id")  # who, when known


class HeadsUp(SQLModel, table=True):
    """What one team must know from the other: a campaign (with its dates), new content, an
    objection or a lost-deal reason heard. One with an end date comes back in every meeting
    until it ends."""

    id: int | None = Field(default=None, primary_key=True)
    team: str  # the team it comes from
    kind: str = "other"  # campaign | content | objection | lost-reason | other
    text: str
    starts_on: dt.date | None = None
    ends_on: dt.date | None = Field(default=None, index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    author_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: dt.datetime
    deleted_at: dt.datetime | None = None


class Setting(SQLModel, table=True):
    """A setting of the whole database, which every terminal on it follows (the team's time
    zone): a name and its text."""

    key: str = Field(primary_key=True)
    value: str


class Browser(SQLModel, table=True):
    """A browser that said who sits at it (`huddle serve` names each one with a cookie):
    asked once, then every tab it opens is that person. The browser's id is kept as a
    digest, so the table does not hold what a browser sends to be taken for someone."""

    key: str = Field(primary_key=True)  # sha256 of the browser's id, in hex
    person_id: int = Field(foreign_key="person.id")
    chosen_at: dt.datetime


class AgendaTemplate(SQLModel, table=True):
    """A team's own agenda template (or its version of a built-in one, by the same key):
    the TOML text as it was saved, comments included, which is read each time it is
    used."""

    key: str = Field(primary_key=True)
    name: str
    source: str
    saved_at: dt.datetime


class ContentRevision(SQLModel, table=True):
    """One row counting the writes that change what a screen shows: every write but a
    terminal saying where it is (`Database.write`). Another terminal that sees the database
    change re-reads its meeting only when this moved, so a heartbeat costs no re-read."""

    id: int = Field(primary_key=True)  # always 1
    revision: int


def table_of(model: type[SQLModel]) -> Table:
    """The Core table behind a model, for bulk inserts and reads that skip the ORM."""
    table = model.__table__  # type: ignore[attr-defined]  # SQLModel does not type its table
    assert isinstance(table, Table)
    return table


def stored_id(value: int | None) -> int:
    """The id of a row read back from the database, which always has one (the models
    allow None only for rows not inserted yet)."""
    if value is None:
        raise ValueError("a stored row without an id")
    return value


# The alignment tables (agreements and the pulse) live in their own file; imported here so
# every table is registered, and found, through this module.
from storage.models_alignment import (  # noqa: E402
    Agreement,
    AgreementVersion,
    PulseRated,
    PulseRating,
    PulseStatement,
    PulseStatementVersion,
)

__all__ = [
    "Agreement",
    "AgreementVersion",
    "PulseRated",
    "PulseRating",
    "PulseStatement",
    "PulseStatementVersion",
]
