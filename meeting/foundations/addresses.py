"""Where minutes can go: an email address as people type it, and a chat webhook's URL with
the service it belongs to. Checked when they are saved, so a send never finds a bad one."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from meeting.foundations.errors import HuddleError

# One mailbox, no display name: what an SMTP server takes in RCPT TO. Not every address
# RFC 5322 allows (quoted local parts), but every one people use at work.
ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def checked_email(text: str) -> str:
    """The address as kept (no spaces around it), or one line naming what is wrong."""
    address = text.strip()
    if not ADDRESS.fullmatch(address) or ".." in address or len(address) > 254:
        shown = address.encode("ascii", "backslashreplace").decode("ascii")
        raise HuddleError(
            f"{shown!r} is not an email address (write it as name@example.com, or none to clear)"
        )
    return address


SERVICES = {"slack": "Slack", "teams": "Teams"}  # a webhook's kind, as people name it


def webhook_kind(url: str) -> str:
    """`slack` or `teams`, told by the URL: Slack's incoming webhooks are on hooks.slack.com
    (/services/...), Teams' on *.webhook.office.com (/webhookb2/...) or a Power Automate
    workflow (/workflows/...). Plain http is taken for this machine only (a test server)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        host, parts = "", urlsplit("")
    secure = parts.scheme == "https" or (parts.scheme == "http" and host in LOOPBACK)
    path = parts.path
    if secure and host:
        if host == "hooks.slack.com" or (host in LOOPBACK and path.startswith("/services/")):
            return "slack"
        teams_host = host.endswith((".webhook.office.com", ".logic.azure.com")) or host.endswith(
            ".powerplatform.com"
        )
        if teams_host or (host in LOOPBACK and ("/workflows/" in path or "/webhookb2/" in path)):
            return "teams"
    raise HuddleError(
        "not a Slack or Teams incoming webhook URL (https://hooks.slack.com/services/..., "
        "a Teams workflow's https://... URL, or none to clear); see the README's "
        "'Sending the minutes'"
    )


def webhook_label(url: str) -> str:
    """What a send records and shows for a webhook: its service and a digest of the URL,
    never the URL (it is the webhook's only password)."""
    digest = hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:12]
    return f"{webhook_kind(url)}:{digest}"
