"""A refused write (busy, full disk, read-only file) is said on screen, never a crash."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from meeting.errors import HuddleError, MeetingClosed
from storage.errors import DatabaseError

F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """Run a screen's handler; show our errors as a notification and keep everything."""

    @functools.wraps(method)
    def wrapper(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[no-untyped-def]
        try:
            return method(self, *args, **kwargs)
        except MeetingClosed as exc:  # ended in another terminal a moment ago
            self.notify(exc.on_screen(), severity="error", markup=False, timeout=10)
            return None
        except (HuddleError, DatabaseError) as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return None

    return wrapper  # type: ignore[return-value]
