"""Kept free of SQLAlchemy so the CLI can catch it without paying for the import."""


class DatabaseError(Exception):
    """A database that huddle cannot or must not use; the message says why and what to do."""


class DatabaseBusy(DatabaseError):
    """Another connection held the write lock for longer than the busy timeout."""


class MigrationBroke(Exception):
    """A migration would leave the data inconsistent; its transaction is rolled back."""
