"""The summary screen emails the minutes when someone chose whom to (`huddle config set
send_minutes attendees`): it says who will get them before anything goes, `s` asks, enter
says no, y sends through a real SMTP server, and the send is recorded."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from meeting.agenda import meetings
from meeting.agenda.attendance import mark_present
from meeting.entries.people_changes import add_person, set_email
from meeting.foundations.clock import FixedClock
from screens.summary import SummaryScreen
from storage.db import Database
from tests.cli.sending_servers import Mailbox, smtp_server
from tests.tui.helpers import screen_as, wait_for_screen
from tui.app import HuddleApp


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Mailbox]:
    config = tmp_path / "config.toml"
    config.write_text('send_minutes = "attendees"\n', encoding="utf-8")
    monkeypatch.setenv("HUDDLE_CONFIG", str(config))
    with smtp_server() as (box, port):
        for key, value in (("HOST", "127.0.0.1"), ("PORT", str(port)), ("STARTTLS", "off")):
            monkeypatch.setenv(f"HUDDLE_SMTP_{key}", value)
        monkeypatch.setenv("HUDDLE_SMTP_FROM", "huddle@example.com")
        yield box


def head(app: HuddleApp) -> str:
    return str(screen_as(app, SummaryScreen).query_one("#summary-head").render())


async def test_s_emails_the_minutes_to_the_attendees_after_y(
    db: Database, clock: FixedClock, smtp: Mailbox
) -> None:
    for name, team in (("Dana", "marketing"), ("Sam", "sales"), ("Lee", "sales")):
        add_person(db, name, team)
    set_email(db, "Dana", "dana@example.com")
    set_email(db, "Sam", "sam@example.com")
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    for name in ("Dana", "Sam", "Lee"):
        mark_present(db, meeting_id, name)
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("ctrl+e", "y")
        await wait_for_screen(pilot, "SummaryScreen")
        assert "s emails them to Dana, Sam (not Lee: no address)" in head(app)
        await pilot.press("s")
        await wait_for_screen(pilot, "ConfirmScreen")
        assert app.screen.question == "Email the minutes to Dana, Sam?"  # type: ignore[attr-defined]  # app.screen is typed as Screen
        await pilot.press("enter")  # no
        await wait_for_screen(pilot, "SummaryScreen")
        await pilot.pause(0.2)
        assert smtp.envelopes == []
        await pilot.press("s")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await wait_for_screen(pilot, "SummaryScreen")
        for _ in range(100):
            if smtp.envelopes and app._notifications:
                break
            await pilot.pause(0.05)
        assert "Minutes sent to 2 of 2." in [str(n.message) for n in app._notifications]
        assert screen_as(app, SummaryScreen).check_action("send", ()) is False  # sent
    (envelope,) = smtp.envelopes
    assert sorted(envelope.rcpt_tos) == ["dana@example.com", "sam@example.com"]
    content = envelope.content
    assert isinstance(content, bytes)
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert str(message["Subject"]).startswith("Minutes: Weekly sync")
    with db.connect() as conn:
        sent = conn.execute(text("SELECT channel, recipient FROM sent ORDER BY recipient")).all()
    assert [tuple(row) for row in sent] == [
        ("email", "dana@example.com"),
        ("email", "sam@example.com"),
    ]


async def test_without_a_server_it_says_so_and_offers_no_key(
    db: Database, clock: FixedClock, smtp: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUDDLE_SMTP_HOST")
    add_person(db, "Dana", "marketing")
    set_email(db, "Dana", "dana@example.com")
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    mark_present(db, meeting_id, "Dana")
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("ctrl+e", "y")
        await wait_for_screen(pilot, "SummaryScreen")
        assert "Minutes by email to Dana: not set up yet" in head(app)
        assert screen_as(app, SummaryScreen).check_action("send", ()) is False


async def test_s_posts_the_summary_to_the_series_chat_once(
    db: Database, clock: FixedClock, smtp: Mailbox
) -> None:
    """With the series' webhook set, s (then y) also posts the summary; once posted, the
    line says so and s offers it no more."""
    from meeting.agenda.series import set_chat_webhook
    from tests.cli.sending_servers import webhook_server

    add_person(db, "Dana", "marketing")
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    with webhook_server() as (hook, port):
        set_chat_webhook(db, "Weekly sync", f"http://127.0.0.1:{port}/services/T0/B0/secret")
        app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            await pilot.press("ctrl+e", "y")
            await wait_for_screen(pilot, "SummaryScreen")
            assert "Chat: s posts the summary to Weekly sync's Slack channel." in head(app)
            await pilot.press("s")
            await wait_for_screen(pilot, "ConfirmScreen")
            await pilot.press("y")
            await wait_for_screen(pilot, "SummaryScreen")
            for _ in range(100):
                if hook.posts and app._notifications:
                    break
                await pilot.pause(0.05)
            said = [str(n.message) for n in app._notifications]
            assert "Summary posted to Weekly sync's Slack channel." in said
            assert screen_as(app, SummaryScreen).check_action("send", ()) is False
        ((path, body),) = hook.posts
        assert path == "/services/T0/B0/secret" and body["text"].startswith("*Weekly sync")
        again = HuddleApp(db, clock=clock)
        async with again.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "HomeScreen")
            again.push_screen(SummaryScreen(db, clock, meeting_id))
            await wait_for_screen(pilot, "SummaryScreen")
            await pilot.pause()
            assert "the summary is in Weekly sync's Slack channel" in head(again)
