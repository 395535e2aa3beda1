"""`huddle series webhook`: a series' chat webhook, checked when it is saved and never
echoed (the URL is the webhook's password)."""

from __future__ import annotations

import sqlite3

from tests.cli.helpers import invoke

SLACK = "https://hooks.slack.com/services/T000/B000/secretpart"
TEAMS = "https://prod-1.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke"


def webhook(db: str) -> str | None:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT chat_webhook FROM series").fetchone()[0]


def test_a_webhook_is_told_by_its_url_and_not_echoed(db_file: str) -> None:
    result = invoke(db_file, "series", "webhook", "weekly sync", SLACK)
    assert result.exit_code == 0, result.output
    assert "posts its summaries to Slack" in result.output and "secretpart" not in result.output
    assert webhook(db_file) == SLACK
    result = invoke(db_file, "series", "webhook", "Weekly sync", TEAMS)
    assert "to Teams" in result.output and webhook(db_file) == TEAMS
    result = invoke(db_file, "series", "webhook", "Weekly sync", "none")
    assert "posts to no chat now" in result.output and webhook(db_file) is None


def test_a_url_that_is_no_webhook_is_one_line(db_file: str) -> None:
    for bad in ("http://hooks.slack.com/services/x", "https://example.com/x", "not a url"):
        result = invoke(db_file, "series", "webhook", "Weekly sync", bad)
        assert result.exit_code == 1
        assert "not a Slack or Teams incoming webhook URL" in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert webhook(db_file) is None
    result = invoke(db_file, "series", "webhook", "Nope", SLACK)
    assert result.exit_code == 1 and "series" in result.output
