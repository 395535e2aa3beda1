"""The home screen's Core queries name columns of their own; they must match the schema."""

from __future__ import annotations

from sqlmodel import SQLModel

import storage.models  # noqa: F401  (the tables register themselves)
from meeting import home, meetings
from meeting.lookup import list_meetings, overview, running_meeting


def test_light_tables_match_the_schema() -> None:
    for light in home.LIGHT_TABLES:
        real = SQLModel.metadata.tables[light.name]
        for column in light.columns:
            assert column.name in real.c, f"{light.name}.{column.name}"
            declared = type(column.type).__name__
            if declared != "NullType":  # typed where results or parameters need converting
                assert isinstance(real.c[column.name].type, type(column.type)), (
                    f"{light.name}.{column.name}: {declared} vs {real.c[column.name].type!r}"
                )


def test_summary_counts_what_the_orm_counts(demo_db, clock) -> None:  # type: ignore[no-untyped-def]
    meetings.start_meeting(demo_db, clock=clock)
    summary = home.home_summary(demo_db, clock=clock)
    assert summary.overview == overview(demo_db, clock=clock)
    assert summary.running == running_meeting(demo_db)
    assert summary.recent[:5] == list_meetings(demo_db, limit=5)
    assert summary.overview.overdue_actions > 0 and summary.overview.meetings == 14
