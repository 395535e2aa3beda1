"""What's working, what's broken and other free-text sections: one entry per thing said,
about a team, optionally backed by a metric."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from meeting.agenda.terminals import GONE_AFTER
from meeting.entries.viewer import NOBODY, Viewer
from meeting.foundations.number_format import format_value
from meeting.foundations.statuses import ActionStatus
from meeting.foundations.text import one_line, visible
from screens.cells import cell
from screens.confirmations import edit_over
from screens.deferred import deferred
from screens.form_fields import Field, FormValues
from screens.sections import themes
from screens.sections.actions import action_form
from screens.sections.base import TEXT, Row, SectionHost, SectionKind, SectionRows, Undo

if TYPE_CHECKING:
    from meeting.catalog import metric_catalog
    from meeting.entries import items, votes, writing
    from meeting.entries import themes as entry_themes
    from meeting.entries.items import ItemRow
    from meeting.foundations.clock import Clock
    from meeting.foundations.views import MeetingView, SectionView
    from meeting.numbers import metrics
    from meeting.numbers.metrics import NumberRow
    from storage.db import Database
else:
    metric_catalog = deferred("meeting.catalog.metric_catalog")
    items = deferred("meeting.entries.items")
    votes = deferred("meeting.entries.votes")
    writing = deferred("meeting.entries.writing")
    entry_themes = deferred("meeting.entries.themes")
    metrics = deferred("meeting.numbers.metrics")


ACTION_STATUS: dict[str, str] = {
    ActionStatus.OPEN: "→ open",
    ActionStatus.DONE: "✓ done",
    ActionStatus.DROPPED: "✗ dropped",
}


class Items(SectionKind):
    name = "items"
    keys = frozenset(
        {"add", "add_with_details", "edit", "delete", "vote", "unvote", "sort", "to_action"}
        | {"mark_to_group", "group", "ungroup"}  # themes: screens/sections/themes.py
        | {"writing_phase", "anonymous", "reveal", "done_writing"}  # meeting/entries/writing.py
    )
    # While written alone: reveal (the facilitator's) and done writing come first.
    main_keys = (
        "meeting.reveal",
        "meeting.done_writing",
        "meeting.add",
        "meeting.vote",
        "meeting.to_action",
    )
    bindings = (
        Binding(
            "v",
            "section('vote')",
            "Vote",
            id="meeting.vote",
            tooltip="Give the highlighted entry a vote from someone",
        ),
        Binding(
            "V",
            "section('unvote')",
            "Unvote",
            id="meeting.unvote",
            tooltip="Take back someone's vote on the highlighted entry",
        ),
        Binding(
            "s",
            "section('sort')",
            "Sort",
            id="meeting.sort",
            tooltip="Sort by votes, most first, or back to the order said",
        ),
        Binding(
            "T",
            "section('to_action')",
            "→ Action",
            id="meeting.to_action",
            tooltip="Turn the highlighted entry into an action item",
        ),
        *themes.BINDINGS,  # space G U
        # Writing alone: the meeting's keys for the section itself, no row needed (its
        # writing part answers them); W and N are set once, if at all: not in the footer.
        Binding(
            "O",
            "section('reveal')",
            "Reveal",
            id="meeting.reveal",
            tooltip="Show what was written alone to everyone",
        ),
        Binding(
            "D",
            "section('done_writing')",
            "Done writing",
            id="meeting.done_writing",
            tooltip="Say you are done writing (again: still writing)",
        ),
        Binding(
            "W",
            "section('writing_phase')",
            "Write alone",
            show=False,
            id="meeting.writing",
            tooltip="Everyone writes alone here until the reveal (before anyone writes)",
        ),
        Binding(
            "N",
            "section('anonymous')",
            "Anonymous",
            show=False,
            id="meeting.anonymous",
            tooltip="Keep no author for this section's entries (before anyone writes)",
        ),
    )

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        return self.rows_seen(db, meeting, section, NOBODY)

    def rows_for(
        self,
        db: Database,
        meeting: MeetingView,
        section: SectionView,
        clock: Clock,
        viewer: Viewer,
    ) -> SectionRows:
        shown = self.rows_seen(db, meeting, section, viewer)
        if section.writing:  # theirs alone: say how many the others wrote, and who is done
            done = writing.progress(db, section.id, alive_since=clock.now() - GONE_AFTER)
            shown.note = (
                f"Writing alone: {done.counts_said()}. Only you see yours until the "
                f"facilitator reveals them.\nDone writing: {done.ready_said()}"
            )
            shown.empty = "Write alone: a adds an entry that only you see until the reveal."
        return shown

    def rows_seen(
        self, db: Database, meeting: MeetingView, section: SectionView, viewer: Viewer
    ) -> SectionRows:
        entries = items.items(db, section.id, viewer=viewer)
        backed_by = any(i.metric_id for i in entries)
        by_metric = {n.metric_id: n for n in metrics.numbers(db, meeting.id)} if backed_by else {}
        rows = []
        for top, members in entry_themes.in_themes(entries):
            if top.is_theme:
                voters = votes.voters_of(db, top.id) if top.votes else []
                action = Text(ACTION_STATUS.get(top.action_status or "", ""))
                rows.append(themes.theme_row(top, members, voters, action))
                rows += [themes.under(self._row(db, m, by_metric), top.id) for m in members]
            else:
                rows.append(self._row(db, top, by_metric))
        note = "Anonymous: no author is kept for these entries." if section.anonymous else ""
        if any(i.votes for i in entries):
            left = " · ".join(
                f"{visible(b.person)} {b.used}/{b.allowed}" for b in votes.budgets(db, section.id)
            )
            note = f"Votes used: {left} ({votes.VOTES_PER_SECTION} each). s sorts by votes."
        return SectionRows(
            ["About", "Entry", "By", "Votes", "Action", "Backed by"],
            rows,
            "Nothing yet. Press a to add what people say.",
            note=note,
            flexible=("Entry", "By"),
            optional=("By", "Action"),
            mark_column=1,  # before the entry's text (space marks it to group)
        )

    def _row(self, db: Database, i: ItemRow, by_metric: dict[int, NumberRow]) -> Row:
        """One entry's row: its text, who said it, votes, action and the metric behind it."""
        backed = by_metric.get(i.metric_id) if i.metric_id else None
        claim = Text("")
        detail = visible(i.text) + (f"\n— {visible(i.author)}" if i.author else "")
        if backed is not None:
            value = format_value(backed.value, backed.unit)
            claim = Text(f"{backed.name} {value} ")
            claim.append(backed.trend[-6:], style="cyan")
            detail += (
                f"\nBacked by {visible(backed.name)}: {value}"
                f" (last meeting {format_value(backed.previous, backed.unit)})"
                f" {backed.trend}"
            )
        if i.votes:
            detail += f"\n{i.votes_said()}: " + ", ".join(
                visible(name) for name in votes.voters_of(db, i.id)
            )
        if i.action_id is not None:
            detail += f"\nAction #{i.action_id}, {i.action_status}"
        tally = Text(str(i.votes) if i.votes else "", style="bold")
        action = Text(ACTION_STATUS.get(i.action_status or "", ""))
        return Row(
            str(i.id),
            [
                cell(i.team, TEXT),
                cell(i.text, TEXT),
                cell(i.author or "", TEXT),
                tally,
                action,
                claim,
            ],
            detail,
            rank=i.votes,
        )

    def vote(self, host: SectionHost, key: int) -> None:
        """A vote from a chosen person; the form offers the last voter, so a run of votes
        from one person is `v` enter each."""
        self._voter_form(host, key, take_back=False)

    def unvote(self, host: SectionHost, key: int) -> None:
        self._voter_form(host, key, take_back=True)

    def _voter_form(self, host: SectionHost, key: int, *, take_back: bool) -> None:
        db, clock = host.db, host.clock
        if host.section.writing:  # a vote would show the entry to the room
            host.warn(
                f"{host.section.title} is still being written alone: votes come after the reveal."
            )
            return
        key = themes.votes_go_to(host, key)  # an entry in a theme: the theme's votes
        said: list[str] = []

        def save(form: FormValues) -> None:
            name = form["voter"]
            if take_back:
                budget = votes.unvote(db, key, by=name)
            else:
                budget = votes.vote(db, key, by=name, clock=clock)
            host.last_voter = budget.person
            said.append(budget.said())

        def then() -> None:
            host.select_key(key)
            host.say(said[-1])

        entry = next(
            (i.text for i in items.items(db, host.section.id, viewer=host.viewer) if i.id == key),
            "",
        )
        short = one_line(entry, 50)
        title = f"Take back a vote on: {short}" if take_back else f"A vote for: {short}"
        field = Field("voter", "From", kind="person", value=host.last_voter or host.me or "")
        host.open_form(title, [field], save, then)

    def sort(self, host: SectionHost, key: int) -> None:
        """Most votes first, with the cursor on the top entry: `s` then `T` makes the team's
        first choice an action."""
        section_id = host.section.id
        host.ranked ^= {section_id}
        host.show_section()
        host.say("Sorted by votes." if section_id in host.ranked else "In the order said.")

    def to_action(self, host: SectionHost, key: int) -> None:
        """The highlighted entry becomes an action, linked to it both ways."""
        shown = items.items(host.db, host.section.id, viewer=host.viewer)
        entry = next((i for i in shown if i.id == key), None)
        if entry is None:
            return
        if host.section.writing:
            host.warn(
                f"{host.section.title} is still being written alone: actions come after the reveal."
            )
            return
        if entry.action_id is not None:
            host.warn(f"This entry is action #{entry.action_id} already ({entry.action_status}).")
            return
        form = action_form(
            host.db, host.clock, host.meeting, None, from_item=(key, entry.text), by=host.me
        )
        host.show_form(form, lambda: host.select_key(key))

    def mark_to_group(self, host: SectionHost, key: int) -> None:
        themes.mark(host, key)

    def group(self, host: SectionHost, key: int) -> None:
        themes.group(host, key)

    def ungroup(self, host: SectionHost, key: int) -> None:
        themes.ungroup(host, key)

    def add(self, host: SectionHost) -> None:
        """The add line under the table: fastest while people talk."""
        team = host.last_item_team.get(host.section.key, "marketing")
        host.open_quick_add(host.teams(), team)

    def add_with_details(self, host: SectionHost) -> None:
        self.form(host, None)

    def edit(self, host: SectionHost, key: int) -> None:
        self.form(host, key)

    def form(self, host: SectionHost, item_id: int | None) -> None:
        db, clock, section = host.db, host.clock, host.section
        shown = items.items(db, section.id, viewer=host.viewer) if item_id is not None else []
        current = next((i for i in shown if i.id == item_id), None)
        if current is not None and current.is_theme:
            themes.rename(host, current)
            return
        metric_ids = {m.name: m.id for m in metric_catalog.list_metrics(db, host.meeting.series_id)}
        current_metric = next(
            (name for name, mid in metric_ids.items() if current and mid == current.metric_id), ""
        )
        default_team = host.last_item_team.get(section.key, "marketing")
        fields = [
            Field(
                "text",
                section.title,
                value=current.text if current else "",
                placeholder="what was said",
            ),
            Field(
                "team",
                "About team",
                kind="choice",
                choices=host.teams(),
                value=current.team if current else default_team,
            ),
            Field(
                "metric",
                "Backed by metric (optional)",
                kind="choice",
                choices=list(metric_ids),
                value=current_metric,
                placeholder="no metric",
            ),
        ]
        if current is None:
            fields.append(
                Field(
                    "author",
                    "Said by (optional)",
                    kind="person",
                    value=host.me or "",
                    default_team="sales",
                )
            )

        seen = {"text": current.text if current else ""}  # as this editor saw it

        def save(form: FormValues) -> None:
            metric_id = metric_ids.get(form["metric"])
            if current is None:
                written = items.add_item(
                    db,
                    section.id,
                    form["text"],
                    team=form["team"] or default_team,
                    author=form["author"],
                    metric_id=metric_id,
                    clock=clock,
                )
                host.viewer.wrote.add(written)  # its writer sees it, whoever it is said by
                host.last_item_team[section.key] = form["team"] or default_team
            else:
                with edit_over(seen):
                    items.update_item(
                        db,
                        current.id,
                        text=form["text"],
                        team=form["team"],
                        metric_id=metric_id,
                        was=seen["text"],
                        viewer=host.viewer,
                    )

        host.open_form(("Add to " if current is None else "Edit: ") + section.title, fields, save)

    def delete(self, host: SectionHost, key: int) -> Undo:
        db, viewer = host.db, host.viewer
        items.delete_item(db, key, clock=host.clock, viewer=viewer)
        return Undo(
            "delete",
            lambda: items.restore_item(db, key, viewer=viewer),
            "Deleted. Press u to undo.",
        )
