"""The floor's month scorecards for `export --all`: plain sqlite3 reads, one pass over each
kind of row, and string building of the same Markdown table huddle writes for a meeting
that closes its month."""

import datetime as dt
import statistics
from collections import defaultdict
from itertools import pairwise

from meeting.foundations.dates import add_cadence
from meeting.reports.markdown import cell

SIDES = ("marketing", "sales", "leadership")
QUALIFIED = ("working", "converted", "won")
MARK = {True: "✓", False: "✗", None: ""}


def stored(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def month_end(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def months_ending(day: dt.date) -> list[str]:
    first = day.replace(day=1)
    before = (first - dt.timedelta(days=1)).replace(day=1)
    earliest = (before - dt.timedelta(days=1)).replace(day=1)
    return [month(earliest), month(before), month(first)]


def shown(value, unit: str, finer: bool = False) -> str:
    if value is None:
        return "–"
    extra = 1 if finer else 0
    if unit == "%":
        return f"{value:.{extra}f}%"
    if unit == "d":
        return f"{value:.{1 + extra}f}d"
    if unit == "h":
        return f"{value:.{1 + extra}f}h"
    return f"{value:g}"


def close_call(figure) -> bool:
    """The latest value and the target differ but read alike: both a digit finer."""
    _, _, unit, values, target, _ = figure
    latest = values[-1]
    if latest is None or target is None or latest == target:
        return False
    return shown(latest, unit) == shown(target, unit)


def share(part: int, whole: int):
    return part / whole * 100 if whole else None


def scorecards(q, meetings: list, today: dt.date) -> dict[int, list[str]]:
    """Section lines of the scorecard for each meeting whose minutes close its month."""
    # meetings: (id, date, series, facilitator, status, series_id, template_key,
    # started_at, cadence), in (date, id) order
    last_in_month: dict[tuple[int, str], tuple[str, int]] = {}
    for row in meetings:
        key = (row[5], row[1][:7])
        last_in_month[key] = max(last_in_month.get(key, (row[1], row[0])), (row[1], row[0]))
    planned = defaultdict(list)
    for series_id, day in q("SELECT series_id, date FROM plannedmeeting"):
        planned[series_id].append(dt.date.fromisoformat(day))
    closing = []
    for meeting_id, day, _, _, _, series_id, template, started, cadence in meetings:
        if started is None:
            continue
        date = dt.date.fromisoformat(day)
        end = month_end(date)
        if template != "alignment" and cadence != "monthly":
            later = last_in_month[(series_id, day[:7])] > (day, meeting_id)
            if today <= end:
                later = later or any(date < p <= end for p in planned[series_id])
            if later or (add_cadence(date, cadence) <= end and today <= end):
                continue
        closing.append((meeting_id, date, series_id))
    if not closing:
        return {}

    held = {row[0]: (row[5], month(dt.date.fromisoformat(row[1]))) for row in meetings if row[7]}
    meetings_in = defaultdict(int)
    for series_id, label in held.values():
        meetings_in[(series_id, label)] += 1
    slas = [
        (stored(at), hours, days)
        for at, hours, days in q(
            "SELECT v.changed_at, v.follow_up_hours, v.answer_days FROM agreementversion v"
            " JOIN agreement a ON a.id = v.agreement_id WHERE a.name = 'follow-up-sla'"
            " ORDER BY v.changed_at, v.id"
        )
    ]

    def sla_then(moment: dt.datetime, hours: bool = False):
        agreed = [(h, d) for at, h, d in slas if at <= moment]
        return agreed[-1][0 if hours else 1] if agreed else None

    stages = defaultdict(list)
    for row in q(
        "SELECT series_id, id, name, team, target FROM metric"
        " WHERE funnel = 1 AND retired_at IS NULL ORDER BY position"
    ):
        stages[row[0]].append(row[1:])
    funnel = defaultdict(float)  # (series, month, metric) -> total
    funnel_seen = set()
    for meeting_id, metric_id, value in q("SELECT meeting_id, metric_id, value FROM metricvalue"):
        if meeting_id in held:
            series_id, label = held[meeting_id]
            funnel[(series_id, label, metric_id)] += value
            funnel_seen.add((series_id, label, metric_id))

    now = dt.datetime.combine(today + dt.timedelta(days=1), dt.time()).astimezone(dt.UTC)
    touched = defaultdict(lambda: [0, 0])  # month handed over -> [kept, due]
    hours_to_touch = defaultdict(list)
    for handed, first in q(
        "SELECT handed_over_at, first_touch_at FROM lead WHERE handed_over_at IS NOT NULL"
    ):
        handed, first = stored(handed), stored(first) if first else None
        label = month(handed.astimezone().date())
        agreed = sla_then(handed, hours=True)
        if agreed is not None:
            deadline = handed + dt.timedelta(hours=agreed)
            if first is not None and first <= deadline:
                touched[label][0] += 1
                touched[label][1] += 1
            elif first is not None or deadline < now:
                touched[label][1] += 1
        if first is not None:
            hours_to_touch[label].append((first - handed).total_seconds() / 3600)
    in_time = {}  # (series, month, team) -> [kept, due]
    days = defaultdict(list)  # (series, month, team, name) -> days to answer
    nurtured, came_back = defaultdict(int), defaultdict(int)
    questions = [
        (series_id, stored(created), stored(answered) if answered else None, outcome, lead, n, t)
        for series_id, created, answered, outcome, lead, n, t in q(
            "SELECT q.series_id, q.created_at, q.answered_at, q.outcome, q.lead_id, p.name,"
            " p.team FROM leadquestion q JOIN person p ON p.id = q.assignee_id"
            " WHERE q.deleted_at IS NULL"
        )
    ]
    qualified = {}
    for series_id, _, answered, outcome, lead, _, _ in questions:
        if outcome in QUALIFIED and answered is not None:
            known = qualified.get((series_id, lead))
            qualified[(series_id, lead)] = max(answered, known) if known else answered
    for series_id, created, answered, outcome, lead, name, team in questions:
        label = month(created.astimezone().date())
        counts = in_time.setdefault((series_id, label, team), [0, 0])
        agreed = sla_then(created)
        if agreed is not None:
            deadline = created + dt.timedelta(days=agreed)
            if answered is not None and answered <= deadline:
                counts[0] += 1
                counts[1] += 1
            elif answered is not None or deadline < now:
                counts[1] += 1
        if answered is not None:
            took = (answered - created).total_seconds() / 86400
            days[(series_id, label, team, "")].append(took)
            days[(series_id, label, team, name)].append(took)
            if outcome == "nurture":
                sent = (series_id, month(answered.astimezone().date()))
                nurtured[sent] += 1
                back = qualified.get((series_id, lead))
                came_back[sent] += back is not None and back > answered
    on_time = {}  # (series, month, team) -> [on time, due]
    for series_id, due, status, closed, team in q(
        "SELECT a.series_id, a.due, a.status, a.closed_at, p.team FROM actionitem a"
        " JOIN person p ON p.id = a.owner_id WHERE a.deleted_at IS NULL AND a.due IS NOT NULL"
    ):
        counts = on_time.setdefault((series_id, due[:7], team), [0, 0])
        kept = status == "done" and closed is not None
        counts[0] += kept and stored(closed).astimezone().date().isoformat() <= due
        counts[1] += 1
    entries = defaultdict(int)  # (series, month, team, key) -> count
    for meeting_id, key, team, count in q(
        "SELECT s.meeting_id, s.key, i.team, count(*) FROM item i"
        " JOIN section s ON s.id = i.section_id"
        " WHERE i.deleted_at IS NULL AND s.key IN ('working', 'broken')"
        " GROUP BY s.meeting_id, s.key, i.team"
    ):
        if meeting_id in held:
            series_id, label = held[meeting_id]
            entries[(series_id, label, team, key)] += count
    present = defaultdict(lambda: defaultdict(int))  # (series, month, team) -> name -> times
    for meeting_id, name, team in q(
        "SELECT a.meeting_id, p.name, p.team FROM attendance a JOIN person p ON p.id = a.person_id"
    ):
        if meeting_id in held:
            series_id, label = held[meeting_id]
            present[(series_id, label, team)][name] += 1
    teams_of = defaultdict(set)  # (series, month) -> teams with rows, per kind
    for kind, found in (("in_time", in_time), ("on_time", on_time), ("present", present)):
        for series_id, label, team in found:
            teams_of[(kind, series_id, label)].add(team)
    people_of = defaultdict(set)
    for series_id, label, team, name in days:
        people_of[(series_id, label)].add((team, name))
    entry_keys = defaultdict(set)
    for series_id, label, team, key in entries:
        entry_keys[(series_id, label)].add((team, key))

    if q("SELECT count(*) FROM leadstage").fetchone()[0]:
        raise SystemExit("the floor's waterfall counts no days in stage: generate no stage dates")
    sections, waterfalls = {}, {}
    for meeting_id, date, series_id in closing:
        labels = months_ending(date)
        end = dt.datetime.combine(month_end(date) + dt.timedelta(days=1), dt.time())
        sla_now = sla_then(end.astimezone(dt.UTC))
        sla_hours = sla_then(end.astimezone(dt.UTC), hours=True)
        figures = []  # (team, label, unit, values, target, better)
        for earlier, later in pairwise(stages[series_id]):
            values = []
            for label in labels:
                base = funnel.get((series_id, label, earlier[0]))
                seen = (series_id, label, later[0]) in funnel_seen
                reached = funnel[(series_id, label, later[0])] if seen else None
                values.append(reached / base * 100 if base and reached is not None else None)
            target = later[3] / earlier[3] * 100 if earlier[3] and later[3] is not None else None
            figures.append((later[2], f"{earlier[1]} → {later[1]}", "%", values, target, "higher"))
        if len(stages[series_id]) > 1:
            key = [(series_id, labels[-1], stage[0]) for stage in stages[series_id]]
            totals = {k[2]: funnel[k] for k in key if k in funnel_seen}
            waterfalls[meeting_id] = waterfall(stages[series_id], figures, labels[-1], totals)

        within = [share(*touched[lb]) if lb in touched else None for lb in labels]
        if any(v is not None for v in within):
            label = "leads touched within SLA"
            figures.append(("sales", label, "%", within, 80.0, "higher"))
        medians = [
            round(statistics.median(hours_to_touch[lb]), 1) if hours_to_touch.get(lb) else None
            for lb in labels
        ]
        if any(v is not None for v in medians):
            label = "median hours to first touch"
            figures.append(("sales", label, "h", medians, sla_hours, "lower"))

        def teams(kind: str, series_id: int = series_id, labels: list = labels) -> list[str]:
            return sorted(set().union(*(teams_of[(kind, series_id, lb)] for lb in labels)))

        for team in teams("in_time"):
            values = [
                share(*in_time[(series_id, lb, team)]) if (series_id, lb, team) in in_time else None
                for lb in labels
            ]
            if any(v is not None for v in values):
                label = "questions answered within SLA"
                figures.append((team, label, "%", values, 80.0, "higher"))
        people = sorted(p for lb in labels for p in people_of[(series_id, lb)] if p[1])
        for team, name in [(t, "") for t in teams("in_time")] + sorted(set(people)):
            values = []
            for lb in labels:
                took = days.get((series_id, lb, team, name))
                values.append(round(statistics.median(took), 1) if took else None)
            if any(v is not None for v in values):
                label = f"median days to answer{f' ({name})' if name else ''}"
                figures.append((team, label, "d", values, sla_now, "lower"))
        for team in teams("on_time"):
            values = [
                share(*on_time[(series_id, lb, team)]) if (series_id, lb, team) in on_time else None
                for lb in labels
            ]
            figures.append((team, "actions done on time", "%", values, 80.0, "higher"))
        said = {
            "working": "what's working, about the team",
            "broken": "what's broken, about the team",
        }
        for team, key in sorted(set().union(*(entry_keys[(series_id, lb)] for lb in labels))):
            values = [float(entries.get((series_id, lb, team, key), 0)) for lb in labels]
            better = "higher" if key == "working" else "lower"
            figures.append((team, said[key], "", values, None, better))
        if any(nurtured.get((series_id, lb)) for lb in labels):
            sent = [float(nurtured.get((series_id, lb), 0)) for lb in labels]
            back = [float(came_back.get((series_id, lb), 0)) for lb in labels]
            figures.append(("sales", "leads sent back to nurture", "", sent, None, "lower"))
            figures.append(("marketing", "of those, back as qualified", "", back, None, "higher"))
        for team in teams("present"):
            listed = set().union(*(present[(series_id, lb, team)] for lb in labels))
            values = [
                share(
                    sum(present[(series_id, lb, team)].values()),
                    meetings_in[(series_id, lb)] * len(listed),
                )
                for lb in labels
            ]
            figures.append((team, "attendance", "%", values, 80.0, "higher"))
        sections[meeting_id] = table(figures, labels)
    return sections, waterfalls


def waterfall(stages: list, rates: list, label: str, totals: dict) -> list[str]:
    """The month's waterfall table: each stage's total, the month's rate on to the next
    against its target (the scorecard's), and no days in stage (no stage dates here)."""
    legend = (
        f"Each funnel stage in {label}\\: its total, the share that reached the next stage "
        "(✓ or ✗\\: its target) and the median days leads spent in it, of those that reached "
        "the next stage in the month (– where no lead has both dates)."
    )
    header = "| Stage | Total | To next | Target | Days in stage |"
    lines = [legend, "", header, "|---|--:|--:|--:|--:|"]
    for index, (metric_id, name, _, _) in enumerate(stages):
        total = totals.get(metric_id)
        cells = [f"{total:g}" if total is not None else "–", "", "", ""]
        if index < len(rates):
            rate, target = rates[index][3][-1], rates[index][4]
            mark = "" if rate is None or target is None else (" ✓" if rate >= target else " ✗")
            close = rate is not None and target is not None and rate != target
            digits = 1 if close and f"{rate:.0f}" == f"{target:.0f}" else 0
            cells[1] = "–" if rate is None else f"{rate:.{digits}f}%{mark}"
            cells[2] = "" if target is None else f"{target:.{digits}f}%"
            cells[3] = "–"
        lines.append(f"| {cell(name)} | " + " | ".join(cell(c) for c in cells) + " |")
    return lines


def table(figures: list, labels: list[str]) -> list[str]:
    def met(figure):
        _, _, _, values, target, better = figure
        if target is None or values[-1] is None:
            return None
        return values[-1] >= target if better == "higher" else values[-1] <= target

    rows = {}
    for figure in figures:
        rows.setdefault(figure[1], {})[figure[0]] = figure
    ordered = sorted(rows.items(), key=lambda r: not any(met(f) is False for f in r[1].values()))
    teams = sorted(
        {f[0] for f in figures},
        key=lambda t: (SIDES.index(t) if t in SIDES else len(SIDES), t),
    )
    lines = [
        f"Each team's figures for {' → '.join(labels)}; ✓ or ✗: its target in {labels[-1]}. "
        "Rows with a miss first.",
        "",
        "| Figure | Target | " + " | ".join(cell(t) for t in teams) + " |",
        "|---|--:|" + "|".join("--:" for _ in teams) + "|",
    ]
    for label, by_team in ordered:
        targets = [shown(f[4], f[2], close_call(f)) for f in by_team.values() if f[4] is not None]
        sides = []
        for team in teams:
            f = by_team.get(team)
            finer = bool(f) and close_call(f)
            values = (
                " → ".join(shown(v, f[2], finer and v in (f[3][-1], f[4])) for v in f[3])
                if f
                else ""
            )
            sides.append(f"{values} {MARK[met(f)]}".rstrip() if f else "")
        row = [cell(label), " / ".join(dict.fromkeys(targets)), *sides]
        lines.append("| " + " | ".join(row) + " |")
    return lines
