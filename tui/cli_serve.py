"""`huddle serve`: the meeting for everyone in the room, in their browsers."""

from __future__ import annotations

import os
import secrets
from typing import Annotated

import typer

from meeting.foundations.errors import HuddleError
from tui.cli_common import database
from tui.output import say


def serve(
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. Anything but 127.0.0.1/localhost needs the link's "
            "access code."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            metavar="URL",
            help="The address browsers use, when it is not http://HOST:PORT (behind a "
            "reverse proxy: https://huddle.example.com).",
            show_default=False,
        ),
    ] = None,
    max_sessions: Annotated[
        int, typer.Option("--max-sessions", min=1, help="Browser tabs open at once, at most.")
    ] = 30,
) -> None:
    """Serve huddle to browsers, one huddle per tab on this database.

    Prints the link to share. On any address but this machine's own, the link carries an
    access code (random at each start; set HUDDLE_SERVE_TOKEN to keep one). Ctrl+C stops.
    """
    from tui.serve import TOKEN_ENV, HuddleServer
    from tui.serve_net import needs_token, served_url

    if public_url is not None and not public_url.lower().startswith(("http://", "https://")):
        raise HuddleError(
            f"--public-url {public_url!r} is not a web address; give it as "
            "https://host[:port] or http://host[:port]"
        )
    shown_url = public_url or served_url(host, port)
    token = None
    if needs_token(host, shown_url):
        token = os.environ.get(TOKEN_ENV, "").strip() or secrets.token_urlsafe(24)
        if len(token) < 16:
            raise HuddleError(
                f"{TOKEN_ENV} is too short to keep the meeting private; use 16 characters "
                "or more (or unset it for a random one)"
            )
        if not all(c.isascii() and (c.isalnum() or c in "-_.~") for c in token):
            raise HuddleError(
                f"{TOKEN_ENV} may hold only letters, digits and - _ . ~ (it goes into the "
                "link as it is); choose another, or unset it for a random one"
            )
    with database() as db:
        url = db.url
    server = HuddleServer(
        database_url=url,
        host=host,
        port=port,
        public_url=public_url,
        token=token,
        max_sessions=max_sessions,
    )

    def ready(link: str) -> None:
        say(f"Serving huddle on {link}")
        if token is None:
            say("Open it in a browser on this machine. Ctrl+C stops.")
        else:
            say("Share this link with the room: it holds the access code. Ctrl+C stops.")

    server.said_ready = ready
    try:
        server.serve()
    except OSError as exc:
        raise HuddleError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc} (is another server "
            "using it? try --port)"
        ) from None
