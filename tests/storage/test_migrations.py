"""Every older schema, full of data, upgrades to head with every row kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from storage.db import make_engine, open_database
from storage.migrate import alembic_config, head_revision, upgrade


def older_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in script.walk_revisions() if r.revision != head_revision()]


def demo_at(revision: str, demo_file: Path, path: Path) -> dict[str, int]:
    """A database at `revision` holding the demo: the schema made by that revision's
    migrations, and every demo row copied into the columns that revision has."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, revision)
    engine.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("ATTACH DATABASE ? AS demo", (str(demo_file),))
    tables = [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if name != "alembic_version"
    ]
    counts = {}
    conn.execute("BEGIN")
    conn.execute("PRAGMA defer_foreign_keys = ON")  # tables are filled in any order
    for table in tables:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        names = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM demo."{table}"')
        counts[table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE demo")
    conn.close()
    return counts


@pytest.mark.parametrize("revision", older_revisions())
def test_a_full_database_at_every_older_revision_upgrades(
    revision: str, demo_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "old.db"
    before = demo_at(revision, demo_file, path)
    assert before["metricvalue"] > 0 and before["actionevent"] > 0  # a full demo, not a few rows
    database = open_database(f"sqlite:///{path}")
    database.dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
    after = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in before}
    assert after == before
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (0,)  # a fresh connection's default
    conn.close()
    backups = sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name)
    assert backups == [f"old.db.{revision}.bak"]


def test_a_second_attempt_keeps_one_backup(demo_file: Path, tmp_path: Path) -> None:
    """An upgrade that fails and is tried again leaves one copy, not one per attempt."""
    from storage.errors import DatabaseError

    path = tmp_path / "old.db"
    demo_at(older_revisions()[-1], demo_file, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE _alembic_tmp_metric (id INTEGER)")  # in the rebuild's way
    conn.close()
    for _ in range(3):
        with pytest.raises(DatabaseError, match="the database is unchanged"):
            open_database(f"sqlite:///{path}")
    assert [p.name for p in tmp_path.iterdir() if ".bak" in p.name] == ["old.db.0001.bak"]
