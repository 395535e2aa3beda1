"""`huddle send --chat`: the summary reaches a local webhook as Slack's and Teams'
documented JSON, typed text stays inert, long text is cut at a line, failures record
nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from meeting.reports.chat import CUT_NOTE, slack_payload, teams_payload
from tests.cli.helpers import invoke
from tests.cli.sending_servers import Hook, free_port, webhook_server

HOSTILE = "<!channel> <https://evil.example|click> & [x](https://evil.example) **loud**"


@pytest.fixture
def hook() -> Iterator[tuple[Hook, int]]:
    with webhook_server() as served:
        yield served


def ok(db: str, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def sent(db: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT channel, recipient FROM sent").fetchall()


def hostile_meeting(db: str) -> None:
    ok(db, "meeting", "start", "--no-open")
    ok(db, "actions", "add", HOSTILE, "--owner", "Sam", "--due", "2026-12-31")
    ok(db, "meeting", "end")


def test_slack_gets_text_with_hits_misses_actions_and_questions(
    db_file: str, hook: tuple[Hook, int]
) -> None:
    server, port = hook
    hostile_meeting(db_file)
    url = f"http://127.0.0.1:{port}/services/T000/B000/secret"
    ok(db_file, "series", "webhook", "Weekly sync", url)
    out = ok(db_file, "send", "latest", "--chat")
    assert "to Weekly sync's Slack channel" in out and "secret" not in out
    [(path, body)] = server.posts
    assert path == "/services/T000/B000/secret"
    assert set(body) == {"text", "mrkdwn"}
    text = body["text"]
    assert text.startswith("*Weekly sync: minutes of ")
    assert "on target" in text and "New actions: 1" in text and "Open lead questions" in text
    assert "(Sam, due 2026-12-31)" in text
    # Slack's escaping: no mention, no link from what was typed.
    assert "<!channel>" not in text and "<https://" not in text
    assert "&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; [x]" in text
    assert [row[0] for row in sent(db_file)] == ["chat"]
    assert url not in str(sent(db_file))  # the URL itself is not kept twice
    again = invoke(db_file, "send", "latest", "--chat")
    assert again.exit_code == 1 and "--again" in again.output and len(server.posts) == 1
    ok(db_file, "send", "latest", "--chat", "--again")
    assert len(server.posts) == 2


def test_teams_gets_an_adaptive_card(db_file: str, hook: tuple[Hook, int]) -> None:
    server, port = hook
    hostile_meeting(db_file)
    url = f"http://127.0.0.1:{port}/workflows/abc/triggers/manual/paths/invoke"
    ok(db_file, "series", "webhook", "Weekly sync", url)
    ok(db_file, "send", "latest", "--chat")
    [(_, body)] = server.posts
    assert body["type"] == "message"
    [attachment] = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"]
    blocks = card["body"]
    assert all(b["type"] == "TextBlock" and b["wrap"] is True for b in blocks)
    text = "\n\n".join(b["text"] for b in blocks)
    assert text.startswith("**Weekly sync: minutes of ")
    assert "\\[x\\]\\(https://evil\\.example\\)" in text and "\\*\\*loud\\*\\*" in text


def test_a_refusing_or_absent_webhook_is_one_line_and_records_nothing(
    db_file: str, hook: tuple[Hook, int]
) -> None:
    server, port = hook
    server.status = 400
    ok(db_file, "series", "webhook", "Weekly sync", f"http://127.0.0.1:{port}/services/x")
    failed = invoke(db_file, "send", "latest", "--chat")
    assert failed.exit_code == 1
    assert "Slack answered 400 invalid_payload: nothing was posted" in failed.output
    assert len(failed.output.strip().splitlines()) == 1 and sent(db_file) == []
    ok(db_file, "series", "webhook", "Weekly sync", f"http://127.0.0.1:{free_port()}/services/x")
    failed = invoke(db_file, "send", "latest", "--chat")
    assert failed.exit_code == 1 and "cannot reach Slack's webhook" in failed.output
    assert "Traceback" not in failed.output and sent(db_file) == []
    server.status = 200
    ok(db_file, "series", "webhook", "Weekly sync", f"http://127.0.0.1:{port}/services/x")
    ok(db_file, "send", "latest", "--chat")  # run again: it goes
    assert len(sent(db_file)) == 1


def test_no_webhook_says_how_to_set_one(db_file: str) -> None:
    result = invoke(db_file, "send", "latest", "--chat")
    assert result.exit_code == 1 and "huddle series webhook" in result.output


def test_long_text_is_cut_at_a_line_with_a_note() -> None:
    lines = [f"• action number {n} with several words in it" for n in range(400)]
    text = str(slack_payload(lines, limit=500)["text"])
    assert len(text) <= 500 and text.endswith("\n" + CUT_NOTE)
    assert all(line in lines for line in text.splitlines()[:-1])
    one = str(slack_payload(["word " * 300], limit=100)["text"])
    assert len(one) <= 100 and one.endswith(CUT_NOTE)
    assert one.split("\n")[0].strip().split(" ") == ["word"] * len(one.split("\n")[0].split())
    card: Any = teams_payload(["é" * 50] * 100, limit=400)
    body = card["attachments"][0]["content"]["body"]
    assert len(body[0]["text"].encode()) <= 400 and body[0]["text"].endswith(CUT_NOTE)


def test_the_open_questions_are_those_open_when_the_meeting_ended(
    db_file: str, hook: tuple[Hook, int]
) -> None:
    """An answer given after the meeting belongs to the next one: the summary posted later
    still lists the question as open then, as the minutes and the summary screen do."""
    server, port = hook
    ok(db_file, "meeting", "start", "--no-open")
    ok(db_file, "meeting", "end")
    listed = json.loads(ok(db_file, "questions", "list", "--open", "--format", "json"))
    first = listed[0]
    ok(db_file, "questions", "answer", str(first["id"]), "Booked a demo", "--outcome", "working")
    ok(
        db_file,
        "series",
        "webhook",
        "Weekly sync",
        f"http://127.0.0.1:{port}/services/T000/B000/secret",
    )
    ok(db_file, "send", "latest", "--chat")
    [(_, body)] = server.posts
    assert f"Open lead questions: {len(listed)}" in body["text"]
    assert first["text"] in body["text"]
