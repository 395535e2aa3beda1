"""The lead hand-off review in the minutes: three tables, every typed word (a lead's name, a
reason from the agreed list, a source from the CRM) through `markdown.py`."""

from __future__ import annotations

from meeting.agenda.handoff_review import Group, HandOffReview
from meeting.foundations.clock import local
from meeting.reports.markdown import cell

TITLE = "Lead hand-off review"


def _table(header: list[str], align: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _groups(groups: list[Group], *, recycled: bool) -> list[str]:
    header = ["Sent back as" if recycled else "Reason", "Source", "Leads"]
    header += ["Came back qualified"] if recycled else []
    rows = []
    for g in groups:
        counts = [str(len(g.leads))] + ([str(g.qualified)] if recycled else [])
        rows.append([cell(g.reason), cell(g.source), *counts, cell(", ".join(g.leads))])
    align = ["---", "---", "--:", *(["--:"] if recycled else []), "---"]
    return _table([*header, "Which"], align, rows)


def hand_off_lines(review: HandOffReview | None) -> list[str]:
    if review is None:
        return ["This meeting has no start time: nothing is since it."]
    lines = [f"{review.since_words()}: {review.figures()}."]  # huddle's words, none typed
    if review.rejected:
        lines += ["", "### Rejected", "", *_groups(review.rejected, recycled=False)]
    if review.recycled:
        lines += ["", "### Recycled", "", *_groups(review.recycled, recycled=True)]
    if review.untouched:
        rows = [
            [
                cell(u.lead),
                cell(u.owner or ""),
                cell(u.source),
                f"{local(u.handed_over_at):%Y-%m-%d %H:%M}",
                f"{u.hours:g} h",
                f"{u.late_hours:,.0f} h",
            ]
            for u in review.untouched
        ]
        header = ["Lead", "Owner", "Source", "Handed over", "SLA", "Over by"]
        lines += ["", "### Past the SLA without a first touch", ""]
        lines += _table(header, ["---"] * 4 + ["--:", "--:"], rows)
    return lines
