"""`huddle serve`: the TUI for browsers, one `huddle` process per tab (textual-serve), all
on one database, so everyone in the room takes part without installing anything.

What textual-serve leaves to the app that serves it, and this module adds:
- an access token for any address but loopback (a link with `?token=`, a cookie after),
  compared in constant time; the link is the only secret, and the database's password
  never reaches a command line or the page (the tabs get the URL in their environment);
- the WebSocket's Origin checked against the served address, so another site open in the
  same browser cannot drive a session (cross-site WebSocket hijacking);
- a cap on sessions running at once, said on the page rather than as a dead socket;
- a browser id (a cookie) handed to the tab's process, which remembers who sits there;
- a page of our own that says when the connection is lost and reconnects by itself.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import secrets
import shlex
import signal
import sys
from asyncio.subprocess import Process
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tui.serve_net import (
    allowed_origins,
    end_with_parent,
    listen,
    origin_of,
    served_url,
)

log = logging.getLogger("huddle.serve")

PAGE = Path(__file__).with_name("serve_page")
ACCESS_COOKIE = "huddle_access"
BROWSER_COOKIE = "huddle_browser"
TOKEN_ENV = "HUDDLE_SERVE_TOKEN"
ENDED_CLEANLY = 1000  # the person quit huddle in the tab
GOING_AWAY = 1001  # the server is stopping: the page says so and reconnects when it is back
PROCESS_GONE = 4000  # the tab's huddle process ended without quitting (killed, crashed)
A_YEAR = 365 * 24 * 3600
SAFE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "frame-ancestors 'none'",  # no other site frames the meeting
}


def child_command() -> str:
    """The command each tab runs: the bare TUI on $HUDDLE_DB, with this Python. textual-serve
    runs it through a shell; `exec` makes huddle the shell's own process, so the server
    sees it end when it ends (a crash, a kill), and stopping the tab stops huddle."""
    return "exec " + shlex.join([sys.executable, "-c", "from tui.launch import main; main()"])


class Session(AppService):
    """One tab's huddle process, told the database and the browser in its environment."""

    def __init__(self, *args: Any, extra: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra = extra
        self.quit = False

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """textual-serve's, but the process ends with the server: a server that is killed
        or crashes closes its input, and nothing else would end huddle in the tab."""
        self._process = process = await asyncio.create_subprocess_shell(
            self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            preexec_fn=end_with_parent,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.extra}

    async def on_meta(self, data: bytes) -> None:
        if json.loads(data).get("type") == "exit":
            self.quit = True
        await super().on_meta(data)

    async def run(self) -> None:
        """When the process ends without quitting, the tab is told so: it says the
        session was lost and starts a new one, instead of a screen that no longer moves."""
        await super().run()
        if not self.quit:
            await self.remote_close()


class HuddleServer(Server):
    """textual-serve's server with huddle's access rules."""

    def __init__(
        self,
        *,
        database_url: str,
        host: str,
        port: int,
        public_url: str | None,
        token: str | None,
        max_sessions: int,
    ) -> None:
        super().__init__(
            child_command(),
            host=host,
            port=port,
            title="huddle",
            public_url=(public_url or served_url(host, port)).rstrip("/"),
            statics_path=Path(sys.modules[Server.__module__].__file__ or "").parent / "static",
            templates_path=PAGE,
        )
        self.database_url = database_url
        self.token = token
        self.max_sessions = max_sessions
        self.sessions = 0
        self.origins = allowed_origins(self.public_url, host, port)
        self.sockets: set[web.WebSocketResponse] = set()
        self.said_ready: Callable[[str], None] = print

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve` on a socket bound first, so that "Serving huddle on …"
        is said once a browser can connect, and a port in use (an OSError here) is said
        instead of it rather than after it."""
        listening = listen(self.host, self.port)
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for stop in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(stop, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=listening,
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
        )

    @property
    def link(self) -> str:
        """What to share with the room."""
        return f"{self.public_url}/?token={self.token}" if self.token else f"{self.public_url}/"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/alive", self.handle_alive)
        return app

    async def on_startup(self, app: web.Application) -> None:
        self.said_ready(self.link)

    async def on_shutdown(self, app: web.Application) -> None:
        """Stopping closes every tab's socket, so their sessions end (and their huddle
        processes quit) at once: aiohttp would wait for them for a minute."""
        await asyncio.gather(
            *(socket.close(code=GOING_AWAY) for socket in list(self.sockets)),
            return_exceptions=True,
        )

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    # ------------------------------------------------------------------ access

    def admitted(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        given = request.cookies.get(ACCESS_COOKIE, "")
        return hmac.compare_digest(given.encode(), self.token.encode())

    def origin_allowed(self, request: web.Request) -> bool:
        """The socket comes from huddle's page: the served address, or, where the access
        code is needed, the address the page was reached by (the Host the browser asked
        for), whatever name or address of this machine the room used. A page of another
        site cannot be at that address, save by rebinding its name to it, and then it
        lacks the code's cookie, which the browser keeps for the real address."""
        origin = origin_of(request.headers.get("Origin", ""))
        if origin in self.origins:
            return True
        scheme = origin.partition(":")[0]
        here = origin_of(f"{scheme}://{request.host}")
        return self.token is not None and origin != "" and origin == here

    def refused(self, status: int, title: str, text: str) -> web.Response:
        page = (PAGE / "refused.html").read_text(encoding="utf-8")
        body = page.replace("{{ title }}", title).replace("{{ text }}", text)
        return web.Response(
            status=status, text=body, content_type="text/html", headers=SAFE_HEADERS
        )

    def set_cookies(self, request: web.Request, response: web.StreamResponse) -> None:
        secure = self.public_url.startswith("https:")
        if self.token is not None:
            response.set_cookie(
                ACCESS_COOKIE,
                self.token,
                httponly=True,
                samesite="Strict",
                secure=secure,
                max_age=A_YEAR,
            )
        if not valid_browser(request.cookies.get(BROWSER_COOKIE, "")):
            response.set_cookie(
                BROWSER_COOKIE,
                secrets.token_urlsafe(18),
                httponly=True,
                samesite="Strict",
                secure=secure,
                max_age=A_YEAR,
            )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        given = request.query.get("token")
        if given is not None:
            if self.token is not None and not hmac.compare_digest(
                given.encode(), self.token.encode()
            ):
                return self.refused(403, "Wrong link", WRONG_TOKEN)
            # The token leaves the address bar (and the history) for a cookie. "./", not
            # "/": behind a proxy under a path, the page is at that path.
            response = web.HTTPSeeOther("./", headers=SAFE_HEADERS)
            self.set_cookies(request, response)
            return response
        if not self.admitted(request):
            return self.refused(403, "This link needs its access code", NO_TOKEN)
        if self.sessions >= self.max_sessions:
            return self.refused(503, "The meeting is full", self.full())
        if not valid_browser(request.cookies.get(BROWSER_COOKIE, "")):
            response = web.HTTPSeeOther("./", headers=SAFE_HEADERS)
            self.set_cookies(request, response)
            return response
        page = await self.render_page(request)
        page.headers.update(SAFE_HEADERS)
        return page

    async def render_page(self, request: web.Request) -> web.StreamResponse:
        import aiohttp_jinja2

        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "application": {"name": "huddle"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def full(self) -> str:
        return (
            f"All {self.max_sessions} places are taken. Close huddle in another tab, or ask "
            "whoever runs huddle serve to raise --max-sessions."
        )

    async def handle_alive(self, request: web.Request) -> web.Response:
        """What a page that lost its connection asks before it reconnects."""
        status = 204 if self.admitted(request) else 403
        return web.Response(status=status, headers=SAFE_HEADERS)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        if not self.admitted(request):
            return self.refused(403, "This link needs its access code", NO_TOKEN)
        return await super().handle_download(request)

    # ------------------------------------------------------------------ sessions

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.origin_allowed(request):
            given = request.headers.get("Origin", "")
            log.warning("refused a session from origin %r", given or "(none)")
            raise web.HTTPForbidden(text="huddle: this page's origin may not open a session")
        if not self.admitted(request):
            raise web.HTTPForbidden(text="huddle: the access code is missing or wrong")
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text=f"huddle: {self.full()}")
        browser = request.cookies.get(BROWSER_COOKIE, "")
        extra = {"HUDDLE_DB": self.database_url}
        if valid_browser(browser):
            extra["HUDDLE_BROWSER"] = browser
        self.sessions += 1
        try:
            return await self.run_session(request, extra)
        finally:
            self.sessions -= 1

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """What the tab's page sends: its keys, its size, pings. Anything else (a script
        talking to the socket) is ignored, where textual-serve's loop ended the session
        with a traceback in the server's output."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = data.get("width"), data.get("height")
                if isinstance(width, int) and isinstance(height, int) and width > 0 < height:
                    await app_service.set_terminal_size(*within_reason(width, height))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def run_session(
        self, request: web.Request, extra: dict[str, str]
    ) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = within_reason(
            to_int(request.query.get("width", "80"), 80),
            to_int(request.query.get("height", "24"), 24),
        )
        session: Session | None = None

        async def close() -> None:
            quit_cleanly = session is not None and session.quit
            await websocket.close(code=ENDED_CLEANLY if quit_cleanly else PROCESS_GONE)

        self.sockets.add(websocket)
        try:
            await websocket.prepare(request)
            session = Session(
                self.command,
                extra=extra,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await session.start(width, height)
            try:
                await self._process_messages(websocket, session)
            finally:
                await session.stop()
        except asyncio.CancelledError:
            await websocket.close(code=GOING_AWAY)
        except Exception:
            log.exception("a session failed")
        finally:
            self.sockets.discard(websocket)
            if session is not None:
                await session.stop()
        return websocket


LARGEST = (500, 200)  # columns and rows: more than any screen shows, far less than 5000x5000


def within_reason(width: int, height: int) -> tuple[int, int]:
    """A tab's terminal size as huddle draws it: a page may ask for 5000x5000, which would
    keep a core busy and its huddle at hundreds of MiB for nothing anyone can read."""
    return max(1, min(width, LARGEST[0])), max(1, min(height, LARGEST[1]))


def valid_browser(value: str) -> bool:
    """A browser id as huddle makes them; anything else is made anew."""
    return 16 <= len(value) <= 64 and all(c.isalnum() or c in "-_" for c in value)


WRONG_TOKEN = (
    "The access code in this link is not the one huddle serve gave out (it changes each "
    "time the server starts, unless HUDDLE_SERVE_TOKEN sets it). Ask for the link again."
)
NO_TOKEN = (
    "huddle is served to the network, so it needs the link with its access code "
    "(…/?token=…). Ask whoever runs huddle serve for it."
)
