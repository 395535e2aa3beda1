"""Floor for `huddle export --all`: plain sqlite3 and string building of the same Markdown,
one file per meeting."""

import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

from meeting.minutes import cell, escape, list_item


def main(db_path: str, out: str) -> None:
    conn = sqlite3.connect(db_path)
    q = conn.execute
    names = dict(q("SELECT id, name FROM person"))
    teams = dict(q("SELECT id, team FROM person"))
    meetings = q(
        "SELECT m.id, m.date, s.name, m.facilitator_id, m.status, m.series_id FROM meeting m"
        " JOIN series s ON s.id = m.series_id ORDER BY m.series_id, m.date, m.id"
    ).fetchall()
    attendees = defaultdict(list)
    for meeting_id, person_id in q("SELECT meeting_id, person_id FROM attendance"):
        attendees[meeting_id].append((teams[person_id], names[person_id]))
    metrics = defaultdict(list)
    for mid, series_id, name, _unit in q(
        "SELECT id, series_id, name, unit FROM metric WHERE retired_at IS NULL"
        " ORDER BY position, id"
    ):
        metrics[series_id].append((mid, name))
    values = {(m, k): v for m, k, v in q("SELECT meeting_id, metric_id, value FROM metricvalue")}
    items = defaultdict(list)
    for meeting_id, key, text, team, author in q(
        "SELECT s.meeting_id, s.key, i.text, i.team, i.author_id FROM item i"
        " JOIN section s ON s.id = i.section_id WHERE i.deleted_at IS NULL ORDER BY i.id"
    ):
        items[(meeting_id, key)].append((text, team, author))
    actions = defaultdict(list)
    for meeting_id, text, owner, due, status in q(
        "SELECT meeting_id, text, owner_id, due, status FROM actionitem"
        " WHERE deleted_at IS NULL ORDER BY id"
    ):
        actions[meeting_id].append((text, owner, due, status))
    questions = defaultdict(list)
    for meeting_id, text, lead, asker, assignee, status, answer, outcome in q(
        "SELECT q.meeting_id, q.text, l.name, q.asked_by_id, q.assignee_id, q.status,"
        " q.answer, q.outcome FROM leadquestion q JOIN lead l ON l.id = q.lead_id"
    ):
        questions[meeting_id].append((text, lead, asker, assignee, status, answer, outcome))
    previous: dict[tuple[int, int], float] = {}
    for meeting_id, day, series, facilitator, status, series_id in meetings:
        lines = [
            f"# {escape(series)} — {day}",
            "",
            f"- **Facilitator:** {escape(names.get(facilitator) or 'not recorded')}",
        ]
        lines.append(
            "- **Attendees:** "
            + "; ".join(f"{escape(t)}: {escape(n)}" for t, n in sorted(attendees[meeting_id]))
        )
        lines += [
            f"- **Status:** {status}",
            "",
            "## Numbers",
            "",
            "| Metric | Value | Target | Change since last meeting | Target hit |",
            "|---|--:|--:|--:|---|",
        ]
        for mid, name in metrics[series_id]:
            value = values.get((meeting_id, mid))
            last = previous.get((series_id, mid))
            change = "" if value is None or last is None else f"{value - last:+,.0f}"
            lines.append(f"| {cell(name)} | {value} | | {escape(change)} | |")
            if value is not None:
                previous[(series_id, mid)] = value
        for key, title in (("working", "What's working"), ("broken", "What's broken")):
            lines += ["", f"## {escape(title)}", ""]
            lines += [
                f"- **{escape(team)}**: {list_item(text)} — {escape(names.get(a) or '')}"
                for text, team, a in items[(meeting_id, key)]
            ] or ["Nothing was recorded."]
        lines += ["", "## Lead questions", ""]
        lines += [
            f"- **{escape(lead)}**: {list_item(text)} — asked by "
            f"{escape(names.get(asker) or 'someone')} of {escape(names[assignee])}"
            for text, lead, asker, assignee, *_ in questions[meeting_id]
        ] or ["No lead questions."]
        lines += [
            "",
            "## New action items",
            "",
            "| Action | Owner | Due | Status |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {cell(text)} | {cell(names[owner])} | {due or ''} | {status} |"
            for text, owner, due, status in actions[meeting_id]
        ]
        slug = re.sub(r"[^a-z0-9]+", "-", series.lower()).strip("-")
        Path(out, f"{day}-{slug}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
