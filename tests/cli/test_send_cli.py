"""`huddle send --to`: the minutes reach a real SMTP server as text, HTML and the series'
calendar; a send is recorded and not repeated; the password is never shown."""

from __future__ import annotations

import email
import email.policy
import sqlite3
from collections.abc import Iterator
from email.message import EmailMessage

import icalendar
import pytest

from tests.cli.helpers import invoke
from tests.cli.sending_servers import Mailbox, free_port, smtp_server

HOSTILE_NAME = "Eve <img src=x onerror=alert(1)>"
HOSTILE_TEXT = "<script>alert(1)</script> & <b>bold</b> [x](javascript:alert(1))"
SECRET = "pa55-w0rd-never-shown"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Mailbox, int]]:
    with smtp_server() as (box, port):
        monkeypatch.setenv("HUDDLE_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("HUDDLE_SMTP_PORT", str(port))
        monkeypatch.setenv("HUDDLE_SMTP_FROM", "huddle@example.com")
        monkeypatch.setenv("HUDDLE_SMTP_STARTTLS", "off")
        monkeypatch.setenv("HUDDLE_SMTP_USER", "minutes")
        monkeypatch.setenv("HUDDLE_SMTP_PASSWORD", SECRET)
        yield box, port


def ok(db: str, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    return result.output


def sent_rows(db: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT meeting_id, channel, recipient FROM sent").fetchall()


def received(box: Mailbox, index: int = -1) -> EmailMessage:
    content = box.envelopes[index].content
    assert isinstance(content, bytes)
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def hostile_meeting(db: str) -> None:
    """A meeting whose owner's name and action are HTML, ended so its minutes are kept."""
    ok(db, "people", "add", HOSTILE_NAME, "--team", "sales")
    ok(db, "people", "email", HOSTILE_NAME, "eve@example.com")
    ok(db, "meeting", "start", "--no-open")
    ok(db, "actions", "add", HOSTILE_TEXT, "--owner", HOSTILE_NAME)
    ok(db, "meeting", "end")


def test_the_minutes_arrive_as_text_html_and_calendar(
    db_file: str, smtp: tuple[Mailbox, int]
) -> None:
    box, _ = smtp
    hostile_meeting(db_file)
    ok(db_file, "people", "email", "Sam", "sam@example.com")
    out = ok(db_file, "send", "latest", "--to", "Sam", "--to", "eve@example.com,x@example.org")
    assert "Sent to 3 of 3" in out
    [envelope] = box.envelopes
    assert envelope.rcpt_tos == ["sam@example.com", "eve@example.com", "x@example.org"]
    assert box.logins == [("minutes", SECRET)]
    message = received(box)
    assert message["From"] == "huddle@example.com"
    assert message["Subject"].startswith("Minutes: Weekly sync, ")
    assert message["Message-ID"] and message["Date"]
    assert message.get_content_type() == "multipart/mixed"
    text = message.get_body(("plain",))
    page = message.get_body(("html",))
    assert text is not None and page is not None
    recorded = ok(db_file, "export", "latest")
    assert text.get_content().replace("\r\n", "\n") == recorded  # the minutes as kept
    html = page.get_content()
    # Everything typed is text in the page: no element, no link made by an entry.
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "href" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "Eve &lt;img src=x onerror=alert(1)&gt;" in html
    [attached] = list(message.iter_attachments())
    assert attached.get_content_type() == "text/calendar"
    assert attached.get_filename() == "weekly-sync.ics"
    calendar = icalendar.Calendar.from_ical(attached.get_content())
    events = list(calendar.walk("VEVENT"))
    assert events and any(e.get("rrule") for e in events)
    assert sorted(str(r[2]) for r in sent_rows(db_file)) == sorted(envelope.rcpt_tos)


def test_a_send_is_not_repeated_unless_again(db_file: str, smtp: tuple[Mailbox, int]) -> None:
    box, _ = smtp
    ok(db_file, "people", "email", "Sam", "sam@example.com")
    ok(db_file, "send", "latest", "--to", "Sam")
    again = invoke(db_file, "send", "latest", "--to", "sam@example.com")
    assert again.exit_code == 1
    assert "has the minutes already" in again.output and "--again" in again.output
    out = ok(db_file, "send", "latest", "--to", "Sam", "--to", "new@example.com")
    assert "not sam@example.com: sent on" in out
    assert box.envelopes[-1].rcpt_tos == ["new@example.com"]
    ok(db_file, "send", "latest", "--to", "Sam", "--again")
    assert len(box.envelopes) == 3 and len(sent_rows(db_file)) == 3


def test_attendees_without_an_address_are_named_in_the_dry_run(
    db_file: str, smtp: tuple[Mailbox, int]
) -> None:
    box, port = smtp
    ok(db_file, "people", "email", "Sam", "sam@example.com")
    out = ok(db_file, "send", "latest", "--to", "attendees", "--dry-run")
    assert "to Sam <sam@example.com>" in out
    assert "no email address (huddle people email" in out
    assert f"through 127.0.0.1:{port} as minutes, from huddle@example.com" in out
    assert box.envelopes == [] and sent_rows(db_file) == []


def test_an_unreachable_server_is_one_line_and_records_nothing(
    db_file: str, smtp: tuple[Mailbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    box, port = smtp
    monkeypatch.setenv("HUDDLE_SMTP_PORT", str(free_port()))  # nobody listens there
    failed = invoke(db_file, "send", "latest", "--to", "ana@example.com")
    assert failed.exit_code == 1
    [line] = [x for x in failed.output.splitlines() if x.startswith("huddle:")]
    assert "cannot reach the SMTP server 127.0.0.1" in line and "run huddle send again" in line
    assert SECRET not in failed.output and "Traceback" not in failed.output
    assert sent_rows(db_file) == []
    monkeypatch.setenv("HUDDLE_SMTP_PORT", str(port))
    ok(db_file, "send", "latest", "--to", "ana@example.com")  # run again: it goes
    assert len(box.envelopes) == 1 and len(sent_rows(db_file)) == 1


def test_settings_missing_or_unsafe_are_one_line(
    db_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUDDLE_SMTP_HOST", raising=False)
    result = invoke(db_file, "send", "latest", "--to", "ana@example.com")
    assert result.exit_code == 1 and "HUDDLE_SMTP_HOST" in result.output
    monkeypatch.setenv("HUDDLE_SMTP_HOST", "mail.example.com")
    monkeypatch.setenv("HUDDLE_SMTP_FROM", "huddle@example.com")
    monkeypatch.setenv("HUDDLE_SMTP_USER", "me")
    monkeypatch.setenv("HUDDLE_SMTP_PASSWORD", SECRET)
    monkeypatch.setenv("HUDDLE_SMTP_STARTTLS", "off")
    result = invoke(db_file, "send", "latest", "--to", "ana@example.com")
    assert result.exit_code == 1 and "unencrypted" in result.output
    assert SECRET not in result.output and sent_rows(db_file) == []


def test_a_running_meeting_is_not_sent(db_file: str, smtp: tuple[Mailbox, int]) -> None:
    ok(db_file, "meeting", "start", "--no-open")
    result = invoke(db_file, "send", "latest", "--to", "ana@example.com")
    assert result.exit_code == 1 and "still running" in result.output
    assert smtp[0].envelopes == []


def test_people_email_sets_checks_and_clears(db_file: str) -> None:
    assert "Sam's email address is sam@example.com" in ok(
        db_file, "people", "email", "sam", " sam@example.com "
    )
    bad = invoke(db_file, "people", "email", "Sam", "sam@@example")
    assert bad.exit_code == 1 and "not an email address" in bad.output
    assert len(bad.output.strip().splitlines()) == 1
    assert "(was sam@example.com)" in ok(db_file, "people", "email", "Sam", "none")
    missing = invoke(db_file, "send", "latest", "--to", "Sam", "--dry-run")
    assert missing.exit_code == 1 and "Sam has no email address" in missing.output
