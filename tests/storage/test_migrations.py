"""Every older schema, full of data, upgrades to head with every row kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from meeting.foundations.clock import FixedClock
from storage.db import make_engine
from storage.migrate import alembic_config, head_revision, upgrade
from storage.opening import open_database


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
        # OR REPLACE: rows a migration writes itself (the time zone setting) are the demo's
        conn.execute(
            f'INSERT OR REPLACE INTO "{table}" ({names}) SELECT {names} FROM demo."{table}"'
        )
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


def test_two_running_meetings_of_a_series_become_one(tmp_path: Path) -> None:
    """Before 0003 two terminals could both start a meeting; the upgrade keeps the later
    one running, ends the other, and from then on the database refuses a second."""
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO series (id, name, cadence, template_key, created_at) "
            "VALUES (1, 'Weekly sync', 'weekly', 'sync', '2026-11-01 10:00:00')"
        )
        for day in ("2026-11-23", "2026-11-23", "2026-11-24"):
            conn.exec_driver_sql(
                "INSERT INTO meeting (series_id, date, template_key, status, current_position,"
                f" started_at) VALUES (1, '{day}', 'sync', 'running', 0, '{day} 10:00:00')"
            )
    engine.dispose()
    open_database(f"sqlite:///{path}").dispose()
    raw = sqlite3.connect(path)
    rows = raw.execute("SELECT id, status, ended_at FROM meeting ORDER BY id").fetchall()
    assert rows == [
        (1, "ended", "2026-11-23 10:00:00"),
        (2, "ended", "2026-11-23 10:00:00"),
        (3, "running", None),
    ]
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute(
            "INSERT INTO meeting (series_id, date, template_key, status, current_position) "
            "VALUES (1, '2026-11-25', 'sync', 'running', 0)"
        )


def test_an_upgraded_database_takes_the_zone_of_the_machine_that_upgrades_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its dates stay as that terminal showed them; `huddle db timezone` changes it."""
    from storage.settings import team_zone_name

    path = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0012")
    engine.dispose()
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    db = open_database(f"sqlite:///{path}")
    assert team_zone_name(db) == "Asia/Kolkata"
    db.dispose()


@pytest.mark.parametrize("value", ["", "Nowhere/Land", "../../etc/passwd", ":UTC+3"])
def test_a_machine_zone_that_is_no_iana_name_is_read_elsewhere(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    from storage.settings import machine_zone, zone_of

    monkeypatch.setenv("TZ", value)
    assert zone_of(machine_zone()) is not None
    monkeypatch.setenv("TZ", ":Europe/Berlin")
    assert machine_zone() == "Europe/Berlin"


def test_0014_adds_who_answered_and_which_browser_is_whom(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A 0013 database keeps its answers (nobody recorded as answering them) and takes the
    browsers' choices from then on."""
    from meeting.entries.identity import chosen_by, me_named, remember_browser

    path = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0013")
    with engine.begin() as begun:
        for sql in (
            "INSERT INTO person (id, name, team) VALUES (1, 'Dana', 'marketing')",
            "INSERT INTO series (id, name, cadence, template_key, created_at) "
            "VALUES (1, 'Weekly sync', 'weekly', 'sync', '2026-11-01 10:00:00')",
            "INSERT INTO lead (id, name, company, email, status, source, updated_at) "
            "VALUES (1, 'Jane', '', '', '', '', '2026-11-01 10:00:00')",
            "INSERT INTO leadquestion (id, series_id, lead_id, text, assignee_id, status, "
            "answer, outcome, created_at) VALUES (1, 1, 1, 'Demo?', 1, 'answered', 'Yes', "
            "'working', '2026-11-01 10:00:00')",
        ):
            begun.exec_driver_sql(sql)
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    try:
        remember_browser(db, "b" * 32, me_named(db, "dana"), clock=clock)
        assert chosen_by(db, "b" * 32) == me_named(db, "Dana")
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT answer, answered_by_id FROM leadquestion").fetchall() == [
        ("Yes", None)
    ]
    columns = [row[1] for row in conn.execute("PRAGMA table_info(presence)")]
    assert "person_id" in columns
    conn.close()


def test_0015_keeps_the_prompts_meetings_were_shown_and_makes_room_for_templates(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A 0014 database's meetings keep the prompt their template gave each section (it is
    now kept with the section), and takes the team's own templates from then on."""
    from meeting.catalog.template_store import save_template, template_choices

    path = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0014")
    with engine.begin() as begun:
        for sql in (
            "INSERT INTO series (id, name, cadence, template_key, created_at) "
            "VALUES (1, 'Weekly sync', 'weekly', 'sync', '2026-11-01 10:00:00')",
            "INSERT INTO meeting (id, series_id, date, template_key, status, current_position)"
            " VALUES (1, 1, '2026-11-16', 'sync', 'ended', 0)",
            "INSERT INTO meeting (id, series_id, date, template_key, status, current_position)"
            " VALUES (2, 1, '2026-11-17', '4ls', 'ended', 0)",
            "INSERT INTO section (meeting_id, position, kind, key, title, timebox_seconds, "
            "elapsed_seconds) VALUES (1, 0, 'items', 'broken', 'What''s broken', 600, 0), "
            "(2, 0, 'items', 'broken', 'Broken', 600, 0), "
            "(2, 1, 'items', 'liked', 'Liked', 600, 0)",
        ):
            begun.exec_driver_sql(sql)
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    try:
        save_template(
            db,
            'name = "Ours"\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = 5\n',
            source="ours.toml",
            key="ours",
            clock=clock,
        )
        assert "ours" in template_choices(db)
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT meeting_id, key, hint, writing, anonymous FROM section ORDER BY id"
    ).fetchall()
    assert rows == [
        (1, "broken", "what gets in the way", 0, 0),
        (2, "broken", "", 0, 0),  # a 4ls meeting has no such prompt
        (2, "liked", "", 0, 0),  # and 4ls had none: the meeting showed none
    ]
    conn.close()


def test_0017_keeps_every_section_open_and_named(tmp_path: Path) -> None:
    """A 0016 database's sections are as they were: seen by everyone as written, with
    their authors; and the ready check starts empty."""
    path = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0016")
    with engine.begin() as begun:
        for sql in (
            "INSERT INTO series (id, name, cadence, template_key, created_at) "
            "VALUES (1, 'Weekly sync', 'weekly', 'sync', '2026-11-01 10:00:00')",
            "INSERT INTO meeting (id, series_id, date, template_key, status, current_position) "
            "VALUES (1, 1, '2026-11-02', 'sync', 'ended', 0)",
            "INSERT INTO section (id, meeting_id, position, kind, key, title, timebox_seconds, "
            "elapsed_seconds) VALUES (1, 1, 3, 'items', 'broken', 'What''s broken', 600, 0)",
        ):
            begun.exec_driver_sql(sql)
    engine.dispose()
    open_database(f"sqlite:///{path}").dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT phase, anonymous FROM section").fetchall() == [("open", 0)]
    assert conn.execute("SELECT count(*) FROM writingdone").fetchone() == (0,)
    conn.close()


def test_0018_leaves_addresses_and_webhooks_unset(tmp_path: Path) -> None:
    """A 0017 database's people have no email address and its series no chat webhook:
    nothing is sent anywhere until someone says where; and nothing was sent yet."""
    path = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0017")
    with engine.begin() as begun:
        for sql in (
            "INSERT INTO person (id, name, team) VALUES (1, 'Sam', 'sales')",
            "INSERT INTO series (id, name, cadence, template_key, created_at) "
            "VALUES (1, 'Weekly sync', 'weekly', 'sync', '2026-11-01 10:00:00')",
        ):
            begun.exec_driver_sql(sql)
    engine.dispose()
    open_database(f"sqlite:///{path}").dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name, email FROM person").fetchall() == [("Sam", None)]
    assert conn.execute("SELECT chat_webhook FROM series").fetchall() == [(None,)]
    assert conn.execute("SELECT count(*) FROM sent").fetchone() == (0,)
    conn.close()


def test_0020_keeps_every_entry_a_lone_entry(tmp_path: Path) -> None:
    """A 0019 database's entries are as they were: none is a theme, none in one."""
    path = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0019")
    with engine.begin() as begun:
        for sql in (
            "INSERT INTO series (id, name, cadence, template_key, created_at) "
            "VALUES (1, 'Weekly sync', 'weekly', 'sync', '2026-11-01 10:00:00')",
            "INSERT INTO meeting (id, series_id, date, template_key, status, current_position) "
            "VALUES (1, 1, '2026-11-02', 'sync', 'ended', 0)",
            "INSERT INTO section (id, meeting_id, position, kind, key, title, timebox_seconds, "
            "elapsed_seconds) VALUES (1, 1, 3, 'items', 'broken', 'What''s broken', 600, 0)",
            "INSERT INTO item (id, section_id, text, team, votes, created_at) "
            "VALUES (1, 1, 'Leads come in late', 'sales', 2, '2026-11-02 10:00:00')",
        ):
            begun.exec_driver_sql(sql)
    engine.dispose()
    open_database(f"sqlite:///{path}").dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT text, votes, theme_id, is_theme FROM item").fetchall() == [
        ("Leads come in late", 2, None, 0)
    ]
    conn.close()


def test_0022_keeps_every_lead_and_knows_no_stage_dates_yet(tmp_path: Path) -> None:
    """A 0021 database's leads are as they were, their hand-over too; no lead has a stage
    date until an import brings them."""
    path = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0021")
    with engine.begin() as begun:
        begun.exec_driver_sql(
            "INSERT INTO lead (id, name, company, email, status, source, updated_at, "
            "handed_over_at) VALUES (1, 'Ada', 'Engines', '', 'open', 'web', "
            "'2026-11-01 10:00:00', '2026-11-02 09:00:00')"
        )
    engine.dispose()
    open_database(f"sqlite:///{path}").dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name, handed_over_at FROM lead").fetchall() == [
        ("Ada", "2026-11-02 09:00:00")
    ]
    assert conn.execute("SELECT count(*) FROM leadstage").fetchone() == (0,)
    conn.close()


def test_0023_keeps_every_target_and_has_no_changes_yet(tmp_path: Path) -> None:
    """A 0022 database's metrics keep their targets; none has a change of target until one
    is made, so every meeting is judged against the target it shows today."""
    path = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0022")
    with engine.begin() as begun:
        begun.exec_driver_sql(
            "INSERT INTO series (id, name, cadence, template_key, created_at) "
            "VALUES (1, 'Sync', 'weekly', 'sync', '2026-11-01 10:00:00')"
        )
        begun.exec_driver_sql(
            "INSERT INTO metric (id, series_id, name, team, unit, direction, target, position, "
            "funnel) VALUES (1, 1, 'Leads', 'marketing', 'count', 'higher', 420, 0, 1)"
        )
    engine.dispose()
    open_database(f"sqlite:///{path}").dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name, target FROM metric").fetchall() == [("Leads", 420.0)]
    assert conn.execute("SELECT count(*) FROM metrictarget").fetchone() == (0,)
    conn.close()
