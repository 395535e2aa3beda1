"""The minutes as an email: the recorded Markdown as text/plain, the same rendered as
text/html (markdown-it, raw HTML off, so anything typed in an entry stays text), and the
series' calendar as text/calendar; sent over SMTP with the settings from the environment
or the sender's own config. The password is read from the environment only, and no
message, error or listing ever shows it."""

from __future__ import annotations

import datetime as dt
import html
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from meeting.foundations.addresses import LOOPBACK, checked_email
from meeting.foundations.errors import HuddleError
from meeting.foundations.text import one_line

# What each setting is called in the environment; the config file's key is its lower case
# without HUDDLE_ (smtp_host). The password has no config key: it is never in a file.
SETTINGS = ("HOST", "PORT", "USER", "FROM", "STARTTLS")
PASSWORD = "HUDDLE_SMTP_PASSWORD"
TIMEOUT_S = 20


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str | None = None
    starttls: bool = True
    password: str | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        """The server as shown: host, port and who logs in; never the password."""
        who = f" as {self.user}" if self.user else ""
        return f"{self.host}:{self.port}{who}"


def smtp_settings(env: Mapping[str, str], config: Mapping[str, str]) -> SmtpSettings:
    """The settings, each from HUDDLE_SMTP_X or else the config's smtp_x; one line naming
    the missing or wrong one."""

    def value(name: str) -> str:
        return (env.get(f"HUDDLE_SMTP_{name}") or config.get(f"smtp_{name.lower()}", "")).strip()

    host = value("HOST")
    if not host:
        raise HuddleError(
            "no SMTP server to send through: set HUDDLE_SMTP_HOST or "
            "`huddle config set smtp_host HOST` (README: Sending the minutes)"
        )
    sender = value("FROM")
    if not sender:
        raise HuddleError(
            "no sender address: set HUDDLE_SMTP_FROM or `huddle config set smtp_from ADDRESS`"
        )
    starttls = (value("STARTTLS") or "on").lower()
    if starttls not in ("on", "off"):
        raise HuddleError(f"HUDDLE_SMTP_STARTTLS takes on or off, not {starttls!r}")
    port_text = value("PORT") or ("587" if starttls == "on" else "25")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise HuddleError(f"the SMTP port must be a number from 1 to 65535, not {port_text!r}")
    user = value("USER") or None
    password = env.get(PASSWORD) or None
    if user and not password:
        raise HuddleError(f"HUDDLE_SMTP_USER is set but {PASSWORD} is not: set it too")
    settings = SmtpSettings(
        host=host,
        port=int(port_text),
        sender=checked_email(sender),
        user=user,
        starttls=starttls == "on",
        password=password,
    )
    if password and not settings.starttls and settings.port != 465 and host not in LOOPBACK:
        raise HuddleError(
            "the password would go unencrypted: turn STARTTLS on, or use port 465 (TLS)"
        )
    return settings


def render_html(markdown: str, title: str) -> str:
    """The minutes as a page: CommonMark with tables, raw HTML off (shown as text)."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n<body>\n{body}</body></html>\n"
    )


def minutes_message(
    markdown: str,
    *,
    title: str,
    sender: str,
    to: list[str],
    now: dt.datetime,
    calendar: bytes | None = None,
    calendar_name: str = "meetings.ics",
) -> EmailMessage:
    """One message to every address: text and HTML alternatives, the calendar attached."""
    subject = one_line(title)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    message.set_content(markdown, subtype="plain", cte="quoted-printable")
    message.add_alternative(render_html(markdown, subject), subtype="html", cte="quoted-printable")
    if calendar is not None:
        message.add_attachment(
            calendar, maintype="text", subtype="calendar", filename=calendar_name
        )
    return message


def send_message(settings: SmtpSettings, message: EmailMessage, to: list[str]) -> list[str]:
    """Send, and return the addresses the server took. Any failure is one line: nothing
    was sent (or the server took none), so nothing is to be recorded."""
    where = settings.where
    try:
        if settings.port == 465:
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=TIMEOUT_S,
                context=ssl.create_default_context(),
            )
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_S)
        with server:
            if settings.starttls and settings.port != 465:
                server.starttls(context=ssl.create_default_context())
            if settings.user and settings.password:
                server.login(settings.user, settings.password)
            refused = server.send_message(message, from_addr=settings.sender, to_addrs=to)
    except smtplib.SMTPRecipientsRefused:
        raise HuddleError(
            f"{where} refused every recipient: nothing was sent (check the addresses)"
        ) from None
    except smtplib.SMTPResponseException as exc:
        error = exc.smtp_error
        said = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
        raise HuddleError(
            f"{where} answered {exc.smtp_code} {one_line(said, 120)}: nothing was sent "
            "(check the SMTP settings, then run huddle send again)"
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
        raise HuddleError(
            f"cannot reach the SMTP server {where}: {one_line(str(reason), 120)}; nothing was "
            "sent (check HUDDLE_SMTP_HOST and _PORT, then run huddle send again)"
        ) from None
    return [address for address in to if address not in refused]
