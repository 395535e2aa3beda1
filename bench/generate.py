"""Build a big huddle database for benchmarks: years of history in a few seconds.

    python bench/generate.py BIG.db [--meetings 5000] [--actions 100000] [--leads 2000]
    python bench/generate.py postgresql+psycopg://... [...]   # an empty server database

Rows go in through SQLAlchemy Core bulk inserts in one transaction, with ids assigned here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from meeting.catalog.metric_catalog import DEFAULT_METRICS  # noqa: E402
from meeting.catalog.templates import get_template  # noqa: E402
from storage.copy import holds_data  # noqa: E402
from storage.dialect import after_explicit_ids  # noqa: E402
from storage.models import (  # noqa: E402
    ActionEvent,
    ActionItem,
    Attendance,
    Item,
    Lead,
    LeadQuestion,
    Meeting,
    Metric,
    MetricValue,
    Person,
    QuestionCarry,
    Section,
    Series,
    table_of,
)
from storage.opening import open_database  # noqa: E402

FIRST = ["Sam", "Priya", "Jordan", "Maya", "Alex", "Riley", "Dana", "Chris", "Noor", "Lee"]
LAST = ["Ortiz", "Shah", "Kim", "Berg", "Novak", "Okafor", "Rossi", "Chen", "Haddad", "Walsh"]
VERBS = ["Call", "Fix", "Write", "Review", "Send", "Plan", "Route", "Draft", "Agree", "Build"]
THINGS = [
    "the webinar follow-up list",
    "lead scoring rules",
    "the pricing-page form",
    "demo reminders",
    "the MQL definition",
    "case studies from won deals",
    "the trade-show lead import",
    "lost-reason reporting",
    "the nurture sequence",
    "the top-50 account list",
]
SERIES_NAMES = ["Weekly sync", "EMEA sync", "Enterprise pipeline", "SMB funnel", "Partner sync"]
CHUNK = 20_000
TARGETS = {
    "Leads": 300.0,
    "MQLs": 250.0,
    "SQLs": 200.0,
    "Demos": 150.0,
    "Closed-won": 100.0,
    "Revenue": 250.0,
}


def bulk(session, table, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(table_of(table)), rows[start : start + CHUNK])


def generate(
    path: Path, *, meetings: int = 5000, actions: int = 100_000, leads: int = 2000, seed: int = 1
) -> dict:
    """Write the database at `path` (which must not exist); returns row counts."""
    if path.exists():
        raise SystemExit(f"{path} exists; the generator only writes a new file")
    return fill(f"sqlite:///{path}", meetings=meetings, actions=actions, leads=leads, seed=seed)


def fill(
    url: str, *, meetings: int = 5000, actions: int = 100_000, leads: int = 2000, seed: int = 1
) -> dict:
    """Write the same history into the database at `url`, a new SQLite file or an empty
    server database (the growth table is measured on both); returns row counts."""
    rng = random.Random(seed)
    db = open_database(url)
    if holds_data(db):
        db.dispose()
        raise SystemExit(f"{url} holds data; the generator only fills an empty database")
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    people = [
        {
            "id": i + 1,
            "name": f"{FIRST[i % 10]} {LAST[i // 10 % 10]}" + (f" {i // 100}" if i >= 100 else ""),
            "team": ("sales", "marketing", "leadership")[i % 3],
        }
        for i in range(120)
    ]
    people[0]["name"] = "Sam"  # the owner benchmarks filter on
    series = [
        {
            "id": i + 1,
            "name": name,
            "cadence": "weekly",
            "template_key": "sync",
            "created_at": now - dt.timedelta(days=7 * meetings),
        }
        for i, name in enumerate(SERIES_NAMES)
    ]
    metric_rows = []
    for s in series:
        for position, (name, team, unit, direction, funnel) in enumerate(DEFAULT_METRICS):
            metric_rows.append(
                {
                    "id": len(metric_rows) + 1,
                    "series_id": s["id"],
                    "name": name,
                    "team": team,
                    "unit": unit,
                    "direction": direction,
                    "target": TARGETS[name],
                    "position": position,
                    "funnel": funnel,
                    "retired_at": None,
                }
            )
    per_series = meetings // len(series)
    meeting_rows, section_rows, attendance, values = [], [], [], []
    template = get_template("sync")
    for s in series:
        for week in range(per_series):
            meeting_id = len(meeting_rows) + 1
            day = (now - dt.timedelta(days=7 * (per_series - week))).date()
            start = dt.datetime.combine(day, dt.time(15), tzinfo=dt.UTC)
            meeting_rows.append(
                {
                    "id": meeting_id,
                    "series_id": s["id"],
                    "date": day,
                    "template_key": "sync",
                    "facilitator_id": rng.randint(1, 120),
                    "status": "ended",
                    "current_position": 5,
                    "started_at": start,
                    "ended_at": start + dt.timedelta(minutes=50),
                }
            )
            for position, spec in enumerate(template.sections):
                section_rows.append(
                    {
                        "id": len(section_rows) + 1,
                        "meeting_id": meeting_id,
                        "position": position,
                        "kind": spec.kind,
                        "key": spec.key,
                        "title": spec.title,
                        "timebox_seconds": spec.minutes * 60,
                        "elapsed_seconds": float(spec.minutes * 60),
                        "running_since": None,
                    }
                )
            for person_id in rng.sample(range(1, 121), 6):
                attendance.append({"meeting_id": meeting_id, "person_id": person_id})
            first_metric = (s["id"] - 1) * len(DEFAULT_METRICS)
            for offset in range(len(DEFAULT_METRICS)):
                values.append(
                    {
                        "meeting_id": meeting_id,
                        "metric_id": first_metric + offset + 1,
                        "value": float(rng.randint(5, 500)),
                        "recorded_at": start,
                    }
                )

    def backing(meeting_id: int) -> int | None:
        """One entry in ten is backed by one of its series' numbers."""
        if rng.random() >= 0.1:
            return None
        series_id = meeting_rows[meeting_id - 1]["series_id"]
        return (series_id - 1) * len(DEFAULT_METRICS) + rng.randint(1, len(DEFAULT_METRICS))

    items = []
    for section in section_rows:
        if section["kind"] == "items":
            for _ in range(2):
                items.append(
                    {
                        "id": len(items) + 1,
                        "section_id": section["id"],
                        "text": f"{rng.choice(VERBS)} {rng.choice(THINGS)} works",
                        "team": rng.choice(("sales", "marketing")),
                        "author_id": rng.randint(1, 120),
                        "metric_id": backing(section["meeting_id"]),
                        "votes": 0,
                        "created_at": now,
                        "deleted_at": None,
                    }
                )
    # Each series' meetings in order, so an action can come back in the next ones.
    next_meeting = {
        a["id"]: b for a, b in itertools.pairwise(meeting_rows) if a["series_id"] == b["series_id"]
    }
    action_rows, events = [], []

    def event(action_id: int, at, kind: str, meeting_id, new=None) -> None:  # type: ignore[no-untyped-def]
        events.append(
            {
                "action_id": action_id,
                "at": at,
                "kind": kind,
                "meeting_id": meeting_id,
                "old": "open" if kind == "status" else None,
                "new": new,
            }
        )

    for action_id in range(1, actions + 1):
        meeting = meeting_rows[(action_id - 1) * len(meeting_rows) // actions]
        made = meeting["started_at"]
        due = meeting["date"] + dt.timedelta(days=rng.choice((3, 7, 7, 14)))
        event(action_id, made, "created", meeting["id"])
        # Half are closed by their owner before the next meeting; the rest come back to
        # its review, marked done, dropped or still open (and then come back again).
        status, closed = "open", None
        later = next_meeting.get(meeting["id"])
        if rng.random() < 0.5 and later is not None:
            status = "done" if rng.random() < 0.9 else "dropped"
            closed = made + dt.timedelta(days=rng.uniform(1, 6))
            event(action_id, closed, "status", None, status)
        while status == "open" and later is not None:
            event(action_id, later["started_at"], "carried", later["id"])
            roll = rng.random()
            mark = "done" if roll < 0.6 else ("dropped" if roll < 0.7 else "open")
            event(action_id, later["started_at"], "reviewed", later["id"], mark)
            if mark != "open":
                status, closed = mark, later["started_at"]
                event(action_id, closed, "status", later["id"], mark)
            later = next_meeting.get(later["id"])
        action_rows.append(
            {
                "id": action_id,
                "meeting_id": meeting["id"],
                "series_id": meeting["series_id"],
                "text": f"{rng.choice(VERBS)} {rng.choice(THINGS)}",
                "owner_id": rng.randint(1, 120),
                "due": due,
                "status": status,
                "created_at": made,
                "closed_at": closed,
                "deleted_at": None,
            }
        )
    lead_rows = [
        {
            "id": i + 1,
            "name": f"{FIRST[i % 10]} {LAST[i % 7]} {i}",
            "company": f"Co {i}",
            "email": "",
            "crm_id": str(10_000 + i),
            "owner_id": rng.randint(1, 120),
            "status": "nurture" if i % 10 == 3 else "open",
            "source": "bench",
            "updated_at": now,
        }
        for i in range(leads)
    ]
    questions, carries = [], []
    for index, meeting in enumerate(meeting_rows[:: max(len(meeting_rows) // 2000, 1)]):
        # Sales answers within a few meetings, and the question comes back to each of them
        # until then; those asked in the last weeks may still be open.
        waits, path = rng.choice((1, 1, 2, 3)), []
        later = next_meeting.get(meeting["id"])
        while later is not None and len(path) < waits:
            path.append(later)
            later = next_meeting.get(later["id"])
        answered = len(path) == waits
        answered_in = path[-1] if answered else None
        carries += [{"question_id": index + 1, "meeting_id": m["id"]} for m in path]
        questions.append(
            {
                "id": index + 1,
                "series_id": meeting["series_id"],
                "meeting_id": meeting["id"],
                "lead_id": rng.randint(1, min(leads, 2000)),
                "text": "What happened after the demo?",
                "asked_by_id": rng.randint(1, 120),
                "assignee_id": rng.randint(1, 120),
                "due": meeting["date"] + dt.timedelta(days=7),
                "status": "answered" if answered else "open",
                "answer": "Booked a call" if answered else None,
                "outcome": "working" if answered else None,
                "answered_at": answered_in["started_at"] if answered_in else None,
                "answered_meeting_id": answered_in["id"] if answered_in else None,
                "created_at": meeting["started_at"],
                "deleted_at": None,
            }
        )
    loaded = (
        (Person, people),
        (Series, series),
        (Metric, metric_rows),
        (Lead, lead_rows),
        (Meeting, meeting_rows),
        (Attendance, attendance),
        (Section, section_rows),
        (MetricValue, values),
        (Item, items),
        (LeadQuestion, questions),
        (QuestionCarry, carries),
        (ActionItem, action_rows),
        (ActionEvent, events),
    )
    with db.write() as session:
        for table, rows in loaded:
            if rows:
                bulk(session, table, rows)
        # PostgreSQL's id sequences are moved past the ids given here, as after a copy.
        after_explicit_ids(session.connection(), [table_of(table) for table, _ in loaded])
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # Settled as a server's autovacuum leaves a table it has caught up with: without
            # the visibility map, an index-only read (History's figures) visits every row too.
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    db.dispose()
    return {
        "meetings": len(meeting_rows),
        "actions": len(action_rows),
        "events": len(events),
        "items": len(items),
        "questions": len(questions),
        "question carries": len(carries),
        "leads": len(lead_rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="a new SQLite file, or an empty server database's URL")
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--leads", type=int, default=2000)
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = {"meetings": args.meetings, "actions": args.actions, "leads": args.leads}
    on_server = "://" in args.path
    counts = fill(args.path, **sizes) if on_server else generate(Path(args.path), **sizes)
    took = time.perf_counter() - started
    print(f"{args.path}: {counts} in {took:.1f}s")


if __name__ == "__main__":
    main()
