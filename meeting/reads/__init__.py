"""Read models for screens and commands that only look: History, timelines, leads by page,
finding a meeting by what people type and an ended meeting's recorded minutes.

The rule for reading: what a screen or command only shows (the home screen's first frame,
History, Leads, an ended meeting's export) is read here with SQLAlchemy Core over the
clauses in `storage.tables`, so a session that only looks never loads SQLModel, pydantic
and the table classes (start-up and memory). Writes, and reads that lead to a write, use
the ORM over `storage.models` in the packages below. lint-imports keeps this package from
importing `sqlmodel`, `pydantic` or `storage.models`; a read that needs the ORM belongs
with the code that writes what it reads.
"""
