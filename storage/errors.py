"""Kept free of SQLAlchemy so the CLI can catch it without paying for the import."""


class DatabaseError(Exception):
    """A database that huddle cannot or must not use; the message says why and what to do."""


class DatabaseBusy(DatabaseError):
    """Another connection held the write lock for longer than the busy timeout."""


class WriteConflict(DatabaseError):
    """The write broke a rule of the database (one running meeting per series, one plan a
    day), usually because another terminal saved the same thing in the same moment."""


class NulText(DatabaseError):
    """Text holding a NUL character (\\x00): PostgreSQL cannot keep it, so neither database
    is given it, and a copy between them never fails on it."""


class MigrationBroke(Exception):
    """A migration would leave the data inconsistent; its transaction is rolled back."""


class ServerGone(DatabaseError):
    """The database server cannot be reached (stopped, restarting, the network down): waiting
    helps, so the TUI keeps what was typed and tries again by itself."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason  # the driver's own first line: "connection refused", say
