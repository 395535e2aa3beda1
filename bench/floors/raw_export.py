"""Floor for `huddle export --all`: plain sqlite3 and string building of the same Markdown,
one file per meeting. The runner checks that its files equal huddle's, byte for byte.

It borrows huddle's pure text helpers (escaping, number formatting, file names), so the
difference it measures is everything else: huddle's data layer, its row objects and its
rendering code.
"""

import datetime as dt
import sqlite3
import sys
from bisect import bisect_right
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from raw_scorecard import scorecards

from meeting.catalog.templates import get_template
from meeting.foundations.number_format import format_change, format_percent, format_value
from meeting.reports.file_names import file_names
from meeting.reports.markdown import cell, escape, list_item
from meeting.reports.minutes import MARK_WORDS

HIT = {True: "✓ hit", False: "✗ miss", None: ""}


def main(db_path: str, out: str) -> None:
    today = dt.date.today()
    conn = sqlite3.connect(db_path)
    q = conn.execute
    names, teams = {}, {}
    for person_id, name, team in q("SELECT id, name, team FROM person"):
        names[person_id], teams[person_id] = name, team
    meetings = q(
        "SELECT m.id, m.date, s.name, m.facilitator_id, m.status, m.series_id, m.template_key,"
        " m.started_at, s.cadence FROM meeting m JOIN series s ON s.id = m.series_id"
        " ORDER BY m.date, m.id"
    ).fetchall()
    starts = defaultdict(list)  # series -> [(started_at, meeting)], to place what happened between
    for row in meetings:
        if row[7] is not None:
            starts[row[5]].append((row[7], row[0]))
    for found in starts.values():
        found.sort()

    def next_meetings(series_id: int, at: str) -> list[int]:
        found = starts[series_id]
        index = bisect_right(found, (at, float("inf")))
        if index == len(found) or (index > 0 and found[index - 1][0] >= at):
            return []
        return [m for s, m in found[index:] if s == found[index][0]]

    made_on = {row[0]: row[1] for row in meetings}
    titles = defaultdict(dict)
    for meeting_id, key, title in q("SELECT meeting_id, key, title FROM section"):
        titles[meeting_id][key] = title
    attendees = defaultdict(list)
    for meeting_id, person_id in q("SELECT meeting_id, person_id FROM attendance"):
        attendees[meeting_id].append((teams[person_id], names[person_id]))
    metrics = defaultdict(list)
    for row in q(
        "SELECT id, series_id, name, unit, direction, target, funnel FROM metric"
        " WHERE retired_at IS NULL ORDER BY position, id"
    ):
        metrics[row[1]].append(row)
    values = {(m, k): v for m, k, v in q("SELECT meeting_id, metric_id, value FROM metricvalue")}
    items = defaultdict(list)
    for meeting_id, key, text, team, author, metric_id, votes, action_id, status in q(
        "SELECT s.meeting_id, s.key, i.text, i.team, i.author_id, i.metric_id, i.votes,"
        " a.id, a.status FROM item i JOIN section s ON s.id = i.section_id"
        " LEFT JOIN actionitem a ON a.id = i.action_id AND a.deleted_at IS NULL"
        " WHERE i.deleted_at IS NULL ORDER BY i.id"
    ):
        items[(meeting_id, key)].append((text, team, author, metric_id, votes, action_id, status))
    actions, new_actions = {}, defaultdict(list)
    for row in q(
        "SELECT id, meeting_id, text, owner_id, due, status FROM actionitem"
        " WHERE deleted_at IS NULL ORDER BY id"
    ):
        actions[row[0]] = row
        new_actions[row[1]].append(row)
    carried, marks = defaultdict(set), {}
    for action_id, meeting_id, kind, new in q(
        "SELECT action_id, meeting_id, kind, new FROM actionevent"
        " WHERE kind IN ('carried', 'reviewed') ORDER BY id"
    ):
        if kind == "carried":
            carried[meeting_id].add(action_id)
        else:
            marks[(meeting_id, action_id)] = new
    closed_since = defaultdict(dict)
    for action_id, at, series_id, closed_at, text, owner_id, status, by_id in q(
        "SELECT e.action_id, e.at, a.series_id, a.closed_at, a.text, a.owner_id, a.status,"
        " e.by_id FROM actionevent e JOIN actionitem a ON a.id = e.action_id"
        " WHERE e.kind = 'status' AND e.new IN ('done', 'dropped') AND e.meeting_id IS NULL"
        " AND a.status IN ('done', 'dropped') AND a.deleted_at IS NULL ORDER BY e.id"
    ):
        for meeting_id in next_meetings(series_id, at):
            closed_since[meeting_id][action_id] = (
                closed_at,
                action_id,
                text,
                owner_id,
                status,
                by_id,
            )
    question_rows, asked_in, times_carried = {}, defaultdict(set), defaultdict(int)
    answered_since = defaultdict(list)
    for row in q(
        "SELECT q.id, q.meeting_id, q.answered_meeting_id, q.created_at, q.text, l.name,"
        " q.asked_by_id, q.assignee_id, q.status, q.answer, q.outcome, q.due, q.series_id,"
        " q.answered_at FROM leadquestion q JOIN lead l ON l.id = q.lead_id"
        " WHERE q.deleted_at IS NULL"
    ):
        question_rows[row[0]] = row
        if row[8] == "answered" and row[2] is None and row[13] is not None:
            for meeting_id in next_meetings(row[12], row[13]):
                answered_since[meeting_id].append(row)
        for meeting_id in row[1:3]:
            if meeting_id is not None:
                asked_in[meeting_id].add(row[0])
    for question_id, meeting_id in q("SELECT question_id, meeting_id FROM questioncarry"):
        asked_in[meeting_id].add(question_id)
        times_carried[question_id] += 1

    last_day: dict[int, str] = {}  # series -> the day values were last seen
    last: dict[tuple[int, int], float] = {}  # (series, metric) -> value on an earlier day
    seen: dict[tuple[int, int], float] = {}  # (series, metric) -> latest value so far
    file_of = file_names((m[0], dt.date.fromisoformat(m[1]), m[2]) for m in meetings)
    closing, waterfalls = scorecards(q, meetings, today)
    for meeting_id, day, series, facilitator, status, series_id, template_key, *_ in meetings:
        if last_day.get(series_id) != day:
            for mid, *_ in metrics[series_id]:
                if (series_id, mid) in seen:
                    last[(series_id, mid)] = seen[(series_id, mid)]
            last_day[series_id] = day
        by_team = defaultdict(list)
        for team, name in sorted(attendees[meeting_id]):
            by_team[team].append(escape(name))
        who = "; ".join(f"{escape(t)}: {', '.join(n)}" for t, n in sorted(by_team.items()))
        away = defaultdict(list)
        if attendees[meeting_id]:
            here = {name for _, name in attendees[meeting_id]}
            for team, name in sorted((teams[p], n) for p, n in names.items() if n not in here):
                away[team].append(escape(name))
        gone = "; ".join(f"{escape(t)}: {', '.join(n)}" for t, n in sorted(away.items()))
        lines = [
            f"# {escape(series, newline='&#10;')} — {day}",
            "",
            f"- **Facilitator:** {escape(names.get(facilitator) or 'not recorded')}",
            f"- **Attendees:** {who or 'not recorded'}",
            *([f"- **Absent:** {gone}"] if gone else []),
            f"- **Status:** {status}",
            "",
        ]
        template = get_template(template_key)
        kinds = {s.kind for s in template.sections}
        item_keys = [s.key for s in template.sections if s.kind == "items"]
        numbers, backing = [], {}
        for mid, _, name, unit, direction, target, funnel in metrics[series_id]:
            value, before = values.get((meeting_id, mid)), last.get((series_id, mid))
            numbers.append((name, unit, direction, target, funnel, value, before))
            backing[mid] = (name, unit, value, before)
            if value is not None:
                seen[(series_id, mid)] = value
        body: list[tuple[str, list[str]]] = []
        if "numbers" in kinds:
            body.append(("Numbers", number_lines(numbers)))
        if meeting_id in closing:
            body.append((f"Scorecard, {day[:7]}", closing[meeting_id]))
        if meeting_id in waterfalls:
            body.append((f"Waterfall, {day[:7]}", waterfalls[meeting_id]))
        for key in ("working", "broken"):
            if key in item_keys:
                title = titles[meeting_id].get(key, key)
                body.append((title, item_lines(items[(meeting_id, key)], backing, names)))
        review = sorted(
            (actions[a] for a in carried[meeting_id] if a in actions),
            key=lambda a: (a[4] is None, a[4] or "", a[0]),
        )
        review_lines = (
            ["| Review | Action | Owner | Due | Made on |", "|---|---|---|---|---|"]
            + [
                f"| {MARK_WORDS.get(marks.get((meeting_id, a[0])), 'not reviewed')} "
                f"| {cell(a[2])} | {cell(names[a[3]])} | {a[4] or ''} | {made_on.get(a[1], '')} |"
                for a in review
            ]
            if review
            else ["No open action items came from earlier meetings."]
        )
        closed = sorted(closed_since[meeting_id].values())
        if closed:
            review_lines = [
                "Closed since the last meeting:",
                "",
                *(
                    f"- **{status}**: {list_item(text)} — {escape(names[owner_id])}, "
                    f"{local_day(closed_at)}"
                    + (f", by {escape(names[by_id])}" if by_id in names else "")
                    for closed_at, _, text, owner_id, status, by_id in closed
                ),
                "",
                *review_lines,
            ]
        body.append(("Review of previous actions", review_lines))
        if "leads" in kinds:
            found = sorted(
                (question_rows[i] for i in asked_in[meeting_id] if i in question_rows),
                key=lambda r: (r[3], r[0]),
            )
            since = sorted(answered_since[meeting_id], key=lambda r: (r[13], r[0]))
            shown = question_lines(found, names, times_carried, today, since)
            body.append(("Lead questions", shown))
        made = new_actions[meeting_id]
        made_lines = (
            ["| Action | Owner | Due | Status |", "|---|---|---|---|"]
            + [f"| {cell(a[2])} | {cell(names[a[3]])} | {a[4] or ''} | {a[5]} |" for a in made]
            if made
            else ["No new action items."]
        )
        body.append(("New action items", made_lines))
        for key in item_keys:
            if key not in ("working", "broken"):
                title = titles[meeting_id].get(key, key)
                body.append((title, item_lines(items[(meeting_id, key)], backing, names)))
        for title, section in body:
            lines += [f"## {escape(title)}", "", *section, ""]
        name = file_of[meeting_id]
        text = "\n".join(lines).rstrip("\n") + "\n"
        Path(out, name).write_text(text, encoding="utf-8")


def number_lines(numbers: list) -> list[str]:
    if not numbers:
        return ["No metrics in this series."]
    if all(n[5] is None for n in numbers):
        return ["No numbers were recorded in this meeting."]
    lines = [
        "| Metric | Value | Target | Change since last meeting | Target hit |",
        "|---|--:|--:|--:|---|",
    ]
    for name, unit, direction, target, _, value, before in numbers:
        change = ""
        if value is not None and before is not None:
            change = format_change(value - before, unit)
            if before:
                change += " " + format_percent((value - before) / abs(before) * 100)
        hit = None
        if value is not None and target is not None:
            hit = value >= target if direction == "higher" else value <= target
        shown_target = escape(format_value(target, unit)) if target is not None else ""
        lines.append(
            f"| {cell(name)} | {escape(format_value(value, unit))} | {shown_target} "
            f"| {escape(change)} | {HIT[hit]} |"
        )
    stages = [n for n in numbers if n[4]]
    rates = []
    for earlier, later in pairwise(stages):
        shown = (
            f"{later[5] / earlier[5] * 100:.0f}%" if earlier[5] and later[5] is not None else "n/a"
        )
        rates.append(escape(f"{earlier[0]} → {later[0]} {shown}"))
    if rates:
        lines += ["", f"Funnel conversion: {' · '.join(rates)}"]
    return lines


def item_lines(entries: list, backing: dict, names: dict) -> list[str]:
    lines = []
    for text, team, author, metric_id, votes, action_id, status in entries:
        line = f"- **{escape(team)}**: {list_item(text)}"
        if metric_id in backing:
            name, unit, value, before = backing[metric_id]
            line += (
                f" _(backed by {escape(name)}: {escape(format_value(value, unit))}, "
                f"last meeting {escape(format_value(before, unit))})_"
            )
        if names.get(author):
            line += f" — {escape(names[author])}"
        if votes:
            line += f" · **{votes} vote{'' if votes == 1 else 's'}**"
        if action_id is not None:
            line += f" · action #{action_id} ({status})"
        lines.append(line)
    return lines or ["Nothing was recorded."]


def local_day(stored: str) -> str:
    return dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC).astimezone().date().isoformat()


def question_lines(
    found: list, names: dict, times_carried: dict, today: dt.date, since: list
) -> list[str]:
    if not found and not since:
        return ["No lead questions."]
    groups = {"answered": [], "open": [], "withdrawn": []}
    for row in found:
        groups.setdefault(row[8], []).append(row)
    lines: list[str] = []
    for title, group in (
        ("Answered since the last meeting", since),
        ("Answered", groups["answered"]),
    ):
        if group:
            lines += [f"### {title}", ""]
            for row in group:
                asker, assignee = names.get(row[6]) or "someone", names[row[7]]
                lines.append(
                    f"- **{escape(row[5])}**: {list_item(row[4])} — asked by "
                    f"{escape(asker)} of {escape(assignee)}"
                )
                lines.append(f"  - **{escape(row[10] or '')}**: {list_item(row[9] or '', 4)}")
            lines.append("")
    if groups["open"]:
        lines += ["### Still open", ""]
        for row in groups["open"]:
            asked = dt.datetime.fromisoformat(row[3]).replace(tzinfo=dt.UTC)
            age = (today - asked.astimezone().date()).days
            due = row[11]
            flag = "⚠ overdue, " if due is not None and due < today.isoformat() else ""
            carried = times_carried[row[0]]
            lines.append(
                f"- **{escape(row[5])}**: {list_item(row[4])} — asked by "
                f"{escape(names.get(row[6]) or 'someone')} of {escape(names[row[7]])} "
                f"_({flag}open {age} days{f', carried {carried}×' if carried else ''}"
                f"{f', due {due}' if due else ''})_"
            )
        lines.append("")
    if groups["withdrawn"]:
        lines += ["### Withdrawn", ""]
        lines += [f"- **{escape(row[5])}**: {list_item(row[4])}" for row in groups["withdrawn"]]
        lines.append("")
    return lines[:-1] if lines and lines[-1] == "" else lines


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
