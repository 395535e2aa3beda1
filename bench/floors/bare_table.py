"""Floor for cold start: a bare Textual app that imports what huddle imports and paints a
50-row table."""

import sqlmodel  # noqa: F401
import typer  # noqa: F401
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Date", "Series", "Status", "Facilitator")
        for n in range(50):
            table.add_row(f"row {n}", "Weekly sync", "ended", "Dana")


if __name__ == "__main__":
    Bare().run()
