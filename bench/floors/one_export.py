"""Floor for exporting one ended meeting: SQLAlchemy Core reading the minutes recorded when
it ended, written to a file, as `huddle export ID -o FILE` does. Its arguments are parsed by
Typer, as every huddle command's are (Typer 0.29 checks them through pydantic)."""

import os

import typer
from sqlalchemy import create_engine, text


def main(db_path: str, meeting_id: int, out: str) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        markdown = conn.execute(
            text("SELECT markdown FROM minutesrecord WHERE meeting_id = :id"), {"id": meeting_id}
        ).scalar_one()
    with open(out, "w", encoding="utf-8") as file:
        file.write(markdown)
    os._exit(0)  # as huddle does: no interpreter teardown once the file is written


if __name__ == "__main__":
    typer.run(main)
