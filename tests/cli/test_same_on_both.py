"""The same data gives the same bytes on SQLite and on PostgreSQL: minutes, JSON, CSV and
tables, read and after the same changes."""

from __future__ import annotations

import pytest

from tests.cli.helpers import invoke
from tests.postgres import PostgresServer

READS = [
    ["export", "latest", "-o", "-"],
    ["meeting", "list", "--format", "json"],
    ["meeting", "show", "latest", "--format", "csv"],
    ["meeting", "planned", "--format", "json"],
    ["actions", "list", "--format", "json"],
    ["actions", "list", "--format", "csv"],
    ["actions", "list", "--overdue"],
    ["actions", "stats", "--format", "json"],
    ["actions", "show", "1", "--format", "json"],
    ["questions", "list", "--format", "csv"],
    ["questions", "stats", "--format", "json"],
    ["leads", "list", "--format", "json"],
    ["metrics", "list", "--format", "csv"],
    ["metrics", "show", "Leads", "--format", "json"],
    ["people", "list", "--format", "json"],
    ["people", "stats", "--format", "csv"],
    ["items", "list", "--format", "json"],
]
CHANGES = [
    ["meeting", "start", "--no-open", "--facilitator", "Dana"],
    ["actions", "add", "Call Acme back", "--owner", "Sam", "--due", "fri"],
    ["actions", "done", "38", "--by", "Priya"],
    ["questions", "ask", "Why quiet?", "--lead", "Nora Walsh", "--assignee", "Sam"],
    ["metrics", "record", "Leads", "512"],
    ["items", "add", "broken", "No phone numbers", "--team", "marketing", "--by", "Sam"],
    ["items", "vote", "{entry}", "--by", "Sam"],  # the entry just added: the others ended
    ["people", "merge", "Riley", "Jordan"],
    ["meeting", "end"],
]


def outputs(db: str) -> list[tuple[int, str]]:
    return [(r.exit_code, r.stdout) for r in (invoke(db, *args) for args in READS)]


@pytest.mark.timeout(300)
def test_sqlite_and_postgresql_give_the_same_bytes(
    db_file: str, postgres: PostgresServer, postgres_demo: str
) -> None:
    server = postgres.fresh(postgres_demo)
    before = outputs(db_file)
    assert all(code == 0 for code, _ in before), before
    assert outputs(server) == before
    entry = ""
    for change in CHANGES:
        args = [arg.format(entry=entry) for arg in change]
        on_file, on_server = invoke(db_file, *args), invoke(server, *args)
        if args[:2] == ["items", "add"]:
            entry = on_file.stdout.split()[2]  # "Added entry 41 to meeting 14"
        assert (on_server.exit_code, on_server.stdout) == (on_file.exit_code, on_file.stdout)
        assert on_file.exit_code == 0, (args, on_file.output)
    assert outputs(server) == outputs(db_file)
    assert invoke(server, "export", "latest", "-o", "-").stdout.count("No phone numbers") == 1
