"""Floor for moving between sections: a bare Textual app that, on `n`, swaps a title and a
table's rows and shows the next section's own key in its footer."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

SECTIONS = 60


class BareSwitch(App[None]):
    BINDINGS = [
        Binding("n", "next", "Next"),
        *[Binding(f"f{n % 12 + 1}", f"own({n})", f"key{n}") for n in range(1, SECTIONS + 1)],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.section = 1

    def compose(self) -> ComposeResult:
        yield Static("", id="title")
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("About", "Entry", "By")
        self.show()

    def show(self) -> None:
        self.query_one("#title", Static).update(f"Section {self.section} ")
        table = self.query_one(DataTable)
        table.clear()
        for n in range(6):
            table.add_row("marketing", f"entry {n} of section {self.section}", "Dana")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "own":
            return parameters[0] == self.section
        return True

    def action_next(self) -> None:
        self.section += 1
        self.show()

    def action_own(self, n: int) -> None:
        pass


if __name__ == "__main__":
    BareSwitch().run()
