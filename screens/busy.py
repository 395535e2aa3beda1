"""Waiting out a busy database: another huddle holds the write lock for a moment. The add
line and the forms keep what was typed, try again every half second, and speak up once
the wait has lasted long enough to notice."""

from __future__ import annotations

import time

RETRY_SECONDS = 0.5  # between tries while the database is busy
PATIENCE = 10.0  # seconds of waiting before saying so again (the add line) or asking (forms)


class BusyWait:
    """How long one write has waited for a busy database."""

    def __init__(self) -> None:
        self.since: float | None = None

    @property
    def waiting(self) -> bool:
        return self.since is not None

    def waited(self) -> float:
        """Seconds waited so far; the first call starts the wait."""
        now = time.monotonic()
        if self.since is None:
            self.since = now
        return now - self.since

    def out_of_patience(self) -> bool:
        return self.waited() >= PATIENCE

    def start_again(self) -> None:
        self.since = time.monotonic()

    def done(self) -> None:
        self.since = None
