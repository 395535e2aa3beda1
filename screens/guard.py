"""A refused write (busy, full disk, read-only file) or a server that cannot be reached is
said on screen in one line, never a crash; what was typed is kept."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from meeting.foundations.errors import HuddleError, MeetingClosed
from storage.errors import DatabaseError

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

F = TypeVar("F", bound=Callable[..., Any])
# What a key, a screen's opening or a read refused says in one line, here or in tui.app.
REFUSED = (HuddleError, DatabaseError)
SERVER_RETRY_SECONDS = 2.0  # between tries to read or save while the server is away


def tell(node: Widget | App[Any], exc: BaseException) -> None:
    """The one way a refusal is said: one notification line, nothing else changed."""
    text = exc.on_screen() if isinstance(exc, MeetingClosed) else str(exc)
    node.notify(" ".join(text.split()), severity="error", markup=False, timeout=10)


def guarded(method: F) -> F:
    """Run a screen's handler; show our errors as a notification and keep everything."""

    @functools.wraps(method)
    def wrapper(self: Widget | App[Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except REFUSED as exc:  # a meeting ended in another terminal a moment ago, too
            tell(self, exc)
            return None

    return cast(F, wrapper)  # called as `method` is; returns None when refused
