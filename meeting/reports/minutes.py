"""Minutes of a meeting as Markdown: a pure function from the meeting's data to a string.
Everything a person typed goes through `markdown.py`, so it renders exactly as typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from meeting.agenda.between import answered_since_last, closed_since_last
from meeting.agenda.handoff_review import HandOffReview, hand_off_review
from meeting.agenda.meetings import get_meeting
from meeting.entries.action_rows import ActionRow
from meeting.entries.actions import actions_made_in, review_rows
from meeting.entries.agreements import VersionRow, changed_in_meeting
from meeting.entries.headsups import HeadsUpRow, shown_in
from meeting.entries.items import ItemRow, items
from meeting.entries.question_rows import QuestionRow
from meeting.entries.questions import questions_for_meeting
from meeting.entries.themes import in_themes
from meeting.entries.writing import written_alone
from meeting.foundations.clock import Clock, local_day
from meeting.foundations.number_format import format_change, format_percent, format_value
from meeting.foundations.statuses import ActionStatus, QuestionStatus, SectionKind, SectionPhase
from meeting.foundations.text import counted
from meeting.foundations.views import MeetingView
from meeting.numbers.card import Scorecard
from meeting.numbers.metrics import NumberRow, Rate, funnel_rates, numbers
from meeting.numbers.scorecard import closing_scorecard
from meeting.numbers.waterfall import Waterfall, closing_waterfall
from meeting.reads.recorded import recorded_minutes
from meeting.reports.closing_minutes import scorecard_lines, waterfall_lines
from meeting.reports.handoff_minutes import TITLE, hand_off_lines
from meeting.reports.markdown import cell, escape, list_item
from meeting.reports.pulse_minutes import PulseCounts, pulse_counts, pulse_lines
from meeting.reports.summary import summarise_now
from storage.db import Database

HIT_WORDS = {True: "✓ hit", False: "✗ miss", None: ""}
MARK_WORDS: dict[str | None, str] = {
    ActionStatus.DONE: "✓ done",
    ActionStatus.OPEN: "… still open",
    ActionStatus.DROPPED: "✗ dropped",
    None: "not reviewed",
}


@lru_cache(maxsize=8192)  # counts repeat from meeting to meeting
def _figure(value: float | None, unit: str) -> str:
    return escape(format_value(value, unit))


@dataclass
class MinutesData:
    meeting: MeetingView
    numbers: list[NumberRow]
    rates: list[Rate]
    sections: dict[str, list[ItemRow]]  # item sections by key, in template order
    metric_names: dict[int, NumberRow]
    review: list[ActionRow]
    questions: list[QuestionRow]
    new_actions: list[ActionRow]
    today: dt.date
    titles: dict[str, str] = field(default_factory=dict)
    closed_since: list[ActionRow] = field(default_factory=list)  # between meetings
    answered_since: list[QuestionRow] = field(default_factory=list)  # between meetings
    # Agreements changed in the meeting: name, the version before it (None: first written
    # there) and the last version made in it.
    agreements_changed: list[tuple[str, VersionRow | None, VersionRow]] = field(
        default_factory=list
    )
    headsups: list[HeadsUpRow] = field(default_factory=list)  # what the meeting showed
    scorecard: Scorecard | None = None  # the month's, in a meeting that closes its month
    waterfall: Waterfall | None = None  # the month's funnel, beside that scorecard
    hidden: dict[str, int] = field(default_factory=dict)  # by key: entries written alone
    hand_off: HandOffReview | None = None  # in a meeting with a hand-off review section
    pulse: PulseCounts | None = None  # in a meeting with a pulse section: counts, no score


def collect(db: Database, meeting_id: int, *, today: dt.date) -> MinutesData:
    meeting = get_meeting(db, meeting_id)
    number_rows = numbers(db, meeting_id)
    sections = {s.key: items(db, s.id) for s in meeting.sections if s.kind == SectionKind.ITEMS}
    hidden = {s.key: written_alone(db, s.id) for s in meeting.sections if s.writing}
    return MinutesData(
        meeting=meeting,
        numbers=number_rows,
        rates=funnel_rates(number_rows),
        sections=sections,
        metric_names={n.metric_id: n for n in number_rows},
        review=review_rows(db, meeting_id),
        questions=questions_for_meeting(db, meeting_id),
        new_actions=actions_made_in(db, meeting_id),
        today=today,
        titles={s.key: s.title for s in meeting.sections},
        closed_since=closed_since_last(db, meeting_id),
        answered_since=answered_since_last(db, meeting_id),
        agreements_changed=changed_in_meeting(db, meeting_id),
        headsups=shown_in(db, meeting),
        scorecard=closing_scorecard(db, meeting, today=today),
        waterfall=closing_waterfall(db, meeting, today=today),
        hidden=hidden,
        hand_off=hand_off_review(db, meeting_id) if has_hand_off(meeting) else None,
        pulse=pulse_counts(db, meeting),
    )


def has_hand_off(meeting: MeetingView) -> bool:
    return any(s.kind == SectionKind.HAND_OFF for s in meeting.sections)


def _table(header: list[str], align: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _numbers(data: MinutesData) -> list[str]:
    if not data.numbers:
        return ["No metrics in this series."]
    if all(n.value is None for n in data.numbers):
        return ["No numbers were recorded in this meeting."]
    lines = [
        "| Metric | Value | Target | Change since last meeting | Target hit |",
        "|---|--:|--:|--:|---|",
    ]
    for n in data.numbers:
        difference, percent = n.change, n.change_percent
        if difference is None:
            change = ""
        elif percent is None:
            change = escape(format_change(difference, n.unit))
        else:
            change = escape(f"{format_change(difference, n.unit)} {format_percent(percent)}")
        target = _figure(n.target, n.unit) if n.target is not None else ""
        lines.append(
            f"| {cell(n.name)} | {_figure(n.value, n.unit)} | {target} | {change} "
            f"| {HIT_WORDS[n.on_target]} |"
        )
    if data.rates:
        rates = " · ".join(escape(rate.label()) for rate in data.rates)
        lines += ["", f"Funnel conversion: {rates}"]
    return lines


def _written_alone(data: MinutesData, key: str, *, has_entries: bool) -> list[str]:
    """What the minutes say above a section written alone or anonymous (and its entries)."""
    section = next((s for s in data.meeting.sections if s.key == key), None)
    if section is None:
        return []
    said = []
    if section.writing:
        count = data.hidden.get(key, 0)
        said.append(
            f"_Being written alone: {count} {'entry' if count == 1 else 'entries'}, "
            "shown here once the facilitator reveals them._"
        )
    elif section.phase == SectionPhase.REVEALED_AT_END and has_entries:
        said.append(
            "_Written alone; the meeting ended before it was revealed, so the entries "
            "are shown as they stood when it ended._"
        )
    if section.anonymous:
        said.append("_Anonymous: no author was recorded for these entries._")
    return [*said, ""] if said else []


def _items(data: MinutesData, key: str) -> list[str]:
    entries = data.sections.get(key, [])
    preface = _written_alone(data, key, has_entries=bool(entries))
    if not entries:
        return [*preface, "Nothing was recorded."] if not data.hidden.get(key) else preface[:-1]
    lines = preface
    for top, grouped in in_themes(entries):  # a theme, then its entries nested under it
        if top.is_theme:
            said = f"{len(grouped)} {'entry' if len(grouped) == 1 else 'entries'}"
            line = f"- Theme: **{list_item(top.text)}** _({said})_"
            lines.append(line + item_marks(top.votes, top.action_id, top.action_status))
        else:
            grouped = [top]
        for item in grouped:
            lines.append(_item_line(data, item, "  " if top.is_theme else ""))
    return lines


def _item_line(data: MinutesData, item: ItemRow, indent: str) -> str:
    line = f"{indent}- **{escape(item.team)}**: {list_item(item.text, len(indent) + 2)}"
    backed = data.metric_names.get(item.metric_id) if item.metric_id else None
    if backed is not None:
        line += (
            f" _(backed by {escape(backed.name)}: "
            f"{escape(format_value(backed.value, backed.unit))}, last meeting "
            f"{escape(format_value(backed.previous, backed.unit))})_"
        )
    if item.author:
        line += f" — {escape(item.author)}"
    return line + item_marks(item.votes, item.action_id, item.action_status)


def item_marks(votes: int, action_id: int | None, action_status: str | None) -> str:
    """What the team did with an entry: its votes, and the action it became."""
    marks = f" · **{votes} vote{'' if votes == 1 else 's'}**" if votes else ""
    if action_id is not None:
        marks += f" · action #{action_id} ({action_status})"
    return marks


def _closed_since(data: MinutesData) -> list[str]:
    """Done or dropped between meetings: told first, in a list above the review."""
    if not data.closed_since:
        return []
    lines = ["Closed since the last meeting:", ""]
    for a in data.closed_since:
        when = f", {local_day(a.closed_at):%Y-%m-%d}" if a.closed_at else ""
        when += f", by {escape(a.closed_by)}" if a.closed_by else ""
        lines.append(f"- **{a.status}**: {list_item(a.text)} — {escape(a.owner)}{when}")
    return [*lines, ""]


def _review(data: MinutesData) -> list[str]:
    if not data.review:
        return [*_closed_since(data), "No open action items came from earlier meetings."]
    rows = [
        [
            MARK_WORDS.get(a.reviewed, "not reviewed"),
            cell(a.text),
            cell(a.owner),
            a.due.isoformat() if a.due else "",
            a.made_on.isoformat() if a.made_on else "",
        ]
        for a in data.review
    ]
    table = _table(["Review", "Action", "Owner", "Due", "Made on"], ["---"] * 5, rows)
    return [*_closed_since(data), *table]


def _questions(data: MinutesData) -> list[str]:
    if not data.questions and not data.answered_since:
        return ["No lead questions."]
    answered = [q for q in data.questions if q.status == QuestionStatus.ANSWERED]
    still_open = [q for q in data.questions if q.status == QuestionStatus.OPEN]
    withdrawn = [q for q in data.questions if q.status == QuestionStatus.WITHDRAWN]
    lines: list[str] = []
    for title, group in (
        ("Answered since the last meeting", data.answered_since),
        ("Answered", answered),
    ):
        if group:
            lines += [f"### {title}", "", *_answered_lines(group), ""]
    if still_open:
        lines += ["### Still open", ""]
        for q in still_open:
            age = q.age_days(data.today)
            flag = "⚠ overdue, " if q.is_overdue(data.today) else ""
            due = f", due {q.due}" if q.due else ""
            carried = f", carried {q.carried}×" if q.carried else ""
            lines.append(
                f"- **{escape(q.lead)}**: {list_item(q.text)} — asked by "
                f"{escape(q.asker)} of {escape(q.assignee)} "
                f"_({flag}open {counted(age, 'day')}{carried}{due})_"
            )
        lines.append("")
    if withdrawn:
        lines += ["### Withdrawn", ""]
        lines += [f"- **{escape(q.lead)}**: {list_item(q.text)}" for q in withdrawn]
        lines.append("")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _answered_lines(answered: list[QuestionRow]) -> list[str]:
    lines = []
    for q in answered:
        by = f", answered by {escape(q.answered_by)}" if q.answered_by else ""
        lines.append(
            f"- **{escape(q.lead)}**: {list_item(q.text)} — asked by "
            f"{escape(q.asker)} of {escape(q.assignee)}{by}"
        )
        lines.append(f"  - **{escape(q.outcome or '')}**: {list_item(q.answer or '', 4)}")
    return lines


def _new_actions(data: MinutesData) -> list[str]:
    if not data.new_actions:
        return ["No new action items."]
    rows = [[cell(a.text), cell(a.owner), str(a.due or ""), a.status] for a in data.new_actions]
    return _table(["Action", "Owner", "Due", "Status"], ["---"] * 4, rows)


def _agreements(data: MinutesData) -> list[str]:
    lines = []
    for name, before, after in data.agreements_changed:
        who = f" by {escape(after.changed_by)}" if after.changed_by else ""
        why = f": {list_item(after.why)}" if after.why else ""
        lines.append(f"- **{escape(name)}**, version {after.number}{who}{why}")
        was = list_item(before.text, 4) if before else "_(not written before)_"
        lines.append(f"  - **Before:** {was}")
        lines.append(f"  - **After:** {list_item(after.text, 4)}")
        for version, label in ((before, "before"), (after, "after")):
            numbers = version.numbers(", ") if version else ""
            if numbers and (version is after or numbers != after.numbers(", ")):
                lines.append(f"  - SLA {label}: {numbers}")
    return lines


def _headsups(data: MinutesData) -> list[str]:
    if not data.headsups:
        return ["No heads-ups."]
    lines = []
    for h in data.headsups:
        dates = f", {h.dates()}" if h.dates() else ""
        lines.append(f"- **{escape(h.kind)}** from {escape(h.team)}{dates}: {list_item(h.text)}")
    return lines


def by_team(people: list[tuple[str, str]]) -> str:
    """'marketing: Ana, Priya; sales: Sam' from (name, team) pairs."""
    teams: dict[str, list[str]] = {}
    for name, team in sorted(people, key=lambda p: (p[1], p[0])):
        teams.setdefault(team, []).append(name)
    return "; ".join(
        f"{escape(team)}: {', '.join(escape(n) for n in names)}"
        for team, names in sorted(teams.items())
    )


def render(data: MinutesData) -> str:
    meeting = data.meeting
    lines = [f"# {escape(meeting.series, newline='&#10;')} — {meeting.date.isoformat()}", ""]
    lines.append(f"- **Facilitator:** {escape(meeting.facilitator or 'not recorded')}")
    lines.append(f"- **Attendees:** {by_team(meeting.attendees) or 'not recorded'}")
    if meeting.absent:
        lines.append(f"- **Absent:** {by_team(meeting.absent)}")
    lines.append(f"- **Status:** {meeting.status}")
    lines.append("")

    # The sections the meeting was started with, not its template as it reads today: a
    # template edited later never changes a meeting's minutes.
    kinds = {s.kind for s in meeting.sections}
    item_keys = [s.key for s in meeting.sections if s.kind == SectionKind.ITEMS]
    ordered: list[tuple[str, list[str]]] = []
    if SectionKind.NUMBERS in kinds:
        ordered.append(("Numbers", _numbers(data)))
    if data.scorecard is not None:
        ordered.append((f"Scorecard, {data.scorecard.labels[-1]}", scorecard_lines(data.scorecard)))
    if data.waterfall is not None:
        ordered.append((f"Waterfall, {data.waterfall.labels[-1]}", waterfall_lines(data.waterfall)))
    if data.agreements_changed:
        ordered.append(("Agreements changed", _agreements(data)))
    if SectionKind.HEADS_UP in kinds:
        ordered.append(("Heads-ups", _headsups(data)))
    for key in ("working", "broken"):
        if key in item_keys:
            ordered.append((data.titles.get(key, key), _items(data, key)))
    ordered.append(("Review of previous actions", _review(data)))
    if SectionKind.LEADS in kinds:
        ordered.append(("Lead questions", _questions(data)))
    if SectionKind.HAND_OFF in kinds:
        ordered.append((TITLE, hand_off_lines(data.hand_off)))
    if data.pulse is not None:
        ordered.append(("Alignment pulse", pulse_lines(data.pulse)))
    ordered.append(("New action items", _new_actions(data)))
    for key in item_keys:
        if key not in ("working", "broken"):
            ordered.append((data.titles.get(key, key), _items(data, key)))

    for title, body in ordered:
        lines += [f"## {escape(title)}", "", *body, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def minutes_markdown(db: Database, meeting_id: int, *, today: dt.date) -> str:
    """The minutes as recorded at the end, or as they stand for a meeting still running."""
    recorded = recorded_minutes(db, [meeting_id])
    if meeting_id in recorded:
        return recorded[meeting_id]
    return render(collect(db, meeting_id, today=today))


def record_minutes(db: Database, meeting_id: int, *, clock: Clock) -> None:
    """Keep the minutes (and the summary) of a meeting that has just ended, so what was
    sent stays true: a question answered or an action closed later belongs to the next
    meeting."""
    from storage.models import MinutesRecord

    text = render(collect(db, meeting_id, today=clock.today()))
    summary = summarise_now(db, meeting_id).to_json()
    with db.write() as session:
        session.merge(
            MinutesRecord(
                meeting_id=meeting_id, markdown=text, written_at=clock.now(), summary=summary
            )
        )
