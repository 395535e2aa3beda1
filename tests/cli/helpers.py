"""Running `huddle` in-process, the way each CLI test file does."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from tui.cli import app

runner = CliRunner()


def invoke(db: str, *args: str) -> Result:
    return runner.invoke(app, ["--db", db, *args])


def url_of(db: str) -> str:
    """A --db value as a database URL: a SQLite file's path, or the URL itself."""
    return db if "://" in db else f"sqlite:///{db}"


def contents(db: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in key order: "nothing changed" on any database."""
    from sqlalchemy import create_engine, select
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401  (the tables)

    engine = create_engine(url_of(db))
    try:
        with engine.connect() as conn:
            return {
                name: [
                    tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))
                ]
                for name, table in SQLModel.metadata.tables.items()
            }
    finally:
        engine.dispose()
