"""A meeting's summary for a chat channel: the numbers with their hits and misses, the new
actions with owners and due dates, and the lead questions still open; posted to the
series' Slack or Teams incoming webhook.

Slack gets `{"text": ...}` in its mrkdwn, with &, < and > escaped as Slack asks, so no
entry can make a link, a mention or `<!channel>`. Teams gets an Adaptive Card in the
message envelope Teams' workflows take, its text with Markdown's marks escaped. Text over a
service's limit is cut at a line's end, with a note pointing to the minutes.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from meeting.agenda.meetings import get_meeting
from meeting.entries.questions import questions_for_meeting
from meeting.foundations.addresses import SERVICES, webhook_kind
from meeting.foundations.errors import HuddleError
from meeting.foundations.number_format import format_value
from meeting.foundations.statuses import QuestionStatus
from meeting.foundations.text import one_line
from meeting.numbers.metrics import numbers
from meeting.reports.summary import summarise
from storage.db import Database

# Slack keeps up to 40,000 characters of a message's text but advises 4,000 at most; Teams
# takes a message of 28 KB at most, envelope and card included.
SLACK_LIMIT = 4_000  # characters
TEAMS_LIMIT = 24_000  # bytes of text, leaving the card's JSON room under 28 KB
CUT_NOTE = "… cut: see the minutes"
TIMEOUT_S = 20


@dataclass
class Styled:
    """How one service writes bold text and makes typed text inert."""

    bold: Callable[[str], str]
    plain: Callable[[str], str]


def slack_plain(text: str) -> str:
    """Slack's escaping: &, < and > only (then no <!channel>, <@U…> or <url|link>)."""
    return one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def teams_plain(text: str) -> str:
    """Markdown's marks backslashed, so an entry cannot make a link or a heading."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~])", r"\\\1", one_line(text))


STYLES = {
    "slack": Styled(bold=lambda t: f"*{t}*", plain=slack_plain),
    "teams": Styled(bold=lambda t: f"**{t}**", plain=teams_plain),
}


def summary_lines(db: Database, meeting_id: int, kind: str) -> list[str]:
    """The summary as lines in the service's markup, every typed text made inert."""
    style = STYLES[kind]
    p = style.plain
    meeting = get_meeting(db, meeting_id)
    kept = summarise(db, meeting_id)
    lines = [style.bold(f"{p(meeting.series)}: minutes of {meeting.date}"), ""]
    rows = [row for row in numbers(db, meeting_id) if row.value is not None]
    hits = sum(row.on_target is True for row in rows)
    misses = sum(row.on_target is False for row in rows)
    lines.append(style.bold(f"Numbers: {hits} on target, {misses} missed"))
    for row in rows:
        mark = {True: "✅ hit", False: "❌ missed", None: "•"}[row.on_target]
        target = "" if row.target is None else f" (target {format_value(row.target, row.unit)})"
        lines.append(f"{mark} {p(row.name)}: {format_value(row.value, row.unit)}{target}")
    if not rows:
        lines.append("none recorded")
    lines += ["", style.bold(f"New actions: {len(kept.new_actions)}")]
    for action in kept.new_actions:
        due = f", due {action.due}" if action.due else ""
        lines.append(f"• {p(action.text)} ({p(action.owner)}{due})")
    kept_open = kept.open_question_ids  # as they stood at the end, when it was kept
    open_questions = [
        q
        for q in questions_for_meeting(db, meeting_id)
        if (q.id in kept_open if kept_open is not None else q.status == QuestionStatus.OPEN)
    ]
    lines += ["", style.bold(f"Open lead questions: {len(open_questions)}")]
    for question in open_questions:
        due = f", due {question.due}" if question.due else ""
        lead = p(question.lead) + (f" ({p(question.company)})" if question.company else "")
        lines.append(f"• {lead}: {p(question.text)} ({p(question.assignee)}{due})")
    return lines


def cut(lines: list[str], fits: Callable[[str], bool]) -> str:
    """The lines joined, as many as fit with the note after them; a line too long alone is
    cut at a space, never inside a word."""
    whole = "\n".join(lines)
    if fits(whole):
        return whole
    kept: list[str] = []
    for line in lines:
        if not fits("\n".join([*kept, line, CUT_NOTE])):
            if not kept:  # even the first line is too long: keep its words that fit
                words: list[str] = []
                for word in line.split(" "):
                    if not fits(" ".join([*words, word]) + "\n" + CUT_NOTE):
                        break
                    words.append(word)
                kept.append(" ".join(words))
            break
        kept.append(line)
    return "\n".join([*kept, CUT_NOTE])


def slack_payload(lines: list[str], limit: int = SLACK_LIMIT) -> dict[str, object]:
    """Slack's incoming webhook message: text in mrkdwn."""
    return {"text": cut(lines, lambda text: len(text) <= limit), "mrkdwn": True}


def teams_payload(lines: list[str], limit: int = TEAMS_LIMIT) -> dict[str, object]:
    """An Adaptive Card in the message envelope a Teams workflow ("when a Teams webhook
    request is received") posts; one TextBlock per paragraph."""
    text = cut(lines, lambda t: len(t.encode("utf-8")) <= limit)
    blocks = [
        {"type": "TextBlock", "text": part, "wrap": True}
        for part in text.split("\n\n")
        if part.strip()
    ]
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": blocks,
                },
            }
        ],
    }


def chat_payload(db: Database, meeting_id: int, url: str) -> dict[str, object]:
    kind = webhook_kind(url)
    lines = summary_lines(db, meeting_id, kind)
    return slack_payload(lines) if kind == "slack" else teams_payload(lines)


def post(url: str, payload: dict[str, object]) -> None:
    """POST the JSON; anything but a 2xx answer is one line (the URL is never shown: it is
    the webhook's password)."""
    service = SERVICES[webhook_kind(url)]
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:
            answer.read()
    except urllib.error.HTTPError as exc:
        said = one_line(exc.read(200).decode("utf-8", "replace"), 80)
        raise HuddleError(
            f"{service} answered {exc.code} {said}: nothing was posted (check the series' "
            "webhook: huddle series webhook SERIES URL)"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise HuddleError(
            f"cannot reach {service}'s webhook: {one_line(str(reason), 100)}; nothing was "
            "posted (run huddle send --chat again)"
        ) from None
