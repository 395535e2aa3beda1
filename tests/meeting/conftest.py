"""Every domain test runs on a SQLite file and on a real PostgreSQL server."""

from tests.both import db, demo_db  # noqa: F401
