"""Posting an ended meeting's summary to its series' chat, as `huddle send --chat` and the
summary screen do it: where it would go (never the URL itself, which is the webhook's
password), whether it went there before, then the post and its record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meeting.foundations.addresses import SERVICES, webhook_label
from meeting.foundations.clock import Clock
from meeting.reports.chat import chat_payload, post
from meeting.reports.sending import record_sent, sent_before, series_webhook
from storage.db import Database


@dataclass
class ChatPlan:
    meeting_id: int
    url: str
    series: str
    label: str  # the service and a digest of the URL: what is recorded and shown
    posted_at: dt.datetime | None  # when it was posted there before, if it was

    @property
    def service(self) -> str:
        return SERVICES[self.label.partition(":")[0]]


def plan_chat(db: Database, meeting_id: int) -> ChatPlan:
    """The series' webhook for the meeting (one line when it has none)."""
    url, series = series_webhook(db, meeting_id)
    label = webhook_label(url)
    before = sent_before(db, meeting_id, "chat").get(label.lower())
    return ChatPlan(meeting_id, url, series, label, before)


def payload_of(db: Database, plan: ChatPlan) -> dict[str, object]:
    return chat_payload(db, plan.meeting_id, plan.url)


def post_summary(db: Database, plan: ChatPlan, *, by: str | None, clock: Clock) -> None:
    """Post, then record it (a refused post records nothing)."""
    post(plan.url, payload_of(db, plan))
    record_sent(db, plan.meeting_id, "chat", [plan.label], by=by, clock=clock)
