"""storage/tables.py names columns for the reads that never load the ORM; storage/models.py
defines the tables. These tests hold the first to the second, so the two cannot drift."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Column, Table, TypeDecorator
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.sql.expression import TableClause
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (the tables register themselves)
from storage import tables

# Types whose values come back from the driver as they are: a clause may leave them out.
PASSED_THROUGH = ("Integer", "AutoString")

CLAUSES = [value for value in vars(tables).values() if isinstance(value, TableClause)]


def _pairs() -> list[tuple[TableClause, Column[object], Table]]:
    found = []
    for light in CLAUSES:
        real = SQLModel.metadata.tables[light.name]
        found += [(light, column, real) for column in light.columns]
    return found


def test_every_clause_is_checked() -> None:
    """A clause left out of ALL would go unchecked here."""
    assert set(CLAUSES) == set(tables.ALL)


@pytest.mark.parametrize(
    ("light", "column", "real"), _pairs(), ids=lambda v: getattr(v, "name", None)
)
def test_a_clause_column_is_the_model_column(
    light: TableClause, column: Column[object], real: Table
) -> None:
    """The column exists under the same name, and has the model's type wherever the type
    converts values (dates, times, flags): a time History reads is the same aware UTC time
    the ORM reads."""
    where = f"{light.name}.{column.name}"
    assert column.name in real.c, f"{where} is not a column of the model"
    declared, actual = column.type, real.c[column.name].type
    if type(declared).__name__ == "NullType":
        assert type(actual).__name__ in PASSED_THROUGH, (
            f"{where} is {type(actual).__name__} in the model: give the clause its type"
        )
        return
    # SQLModel's AutoString is String underneath, binding text as String does.
    actual_name = type(actual).__name__.replace("AutoString", "String")
    assert type(declared).__name__ == actual_name, where
    if isinstance(actual, TypeDecorator) and actual_name != "String":
        assert isinstance(declared, TypeDecorator), where
        aware = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        sqlite = sqlite_dialect()
        stored = actual.process_bind_param(aware, sqlite)
        assert declared.process_bind_param(aware, sqlite) == stored, where
        naive = aware.replace(tzinfo=None)
        assert declared.process_result_value(naive, sqlite) == (
            actual.process_result_value(naive, sqlite)
        ), where
