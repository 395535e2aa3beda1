"""Leads: add and edit by hand, search, and marketing's nurture list."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from meeting.clock import Clock
from meeting.leads import LeadRow, list_leads, save_lead
from meeting.people import roster
from meeting.text import counted
from screens.cells import cell
from screens.forms import EntryForm, Field, FormValues
from screens.widgets.fit import TableFit
from screens.widgets.footer import Footer
from storage.db import Database

COLUMNS = ("Name", "Company", "Email", "Owner", "Status", "Source", "CRM id")


class LeadsScreen(Screen[None]):
    PALETTE_NAMESPACE = "leads"
    BINDINGS = [
        Binding("a", "add", "Add lead", id="leads.add"),
        Binding("e", "edit", "Edit", id="leads.edit", tooltip="Edit the highlighted lead"),
        Binding(
            "n",
            "toggle_nurture",
            "Nurture list",
            id="leads.nurture",
            tooltip="Show only leads sent back to marketing to nurture, or all",
        ),
        Binding("slash", "search", "Search", id="leads.search"),
        Binding("escape", "close", "Back", id="leads.back"),
    ]

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.nurture_only = False
        self.asked: tuple[str | None, str | None] = (None, None)  # the search, the status
        self.rows: list[LeadRow] = []
        self.fit = TableFit(
            list(COLUMNS),
            flexible=("Name", "Company", "Email", "Owner", "Source"),
            optional=("CRM id", "Source", "Owner"),
        )

    def compose(self) -> ComposeResult:
        yield Static("Leads", id="topbar", markup=False)
        yield Input(placeholder="search name or company (enter)", id="lead-search", compact=True)
        yield Static("", id="leads-state", markup=False)
        yield DataTable(id="leads", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#leads", DataTable).focus()
        self.load()

    def load(self) -> None:
        """What the search box and the nurture switch ask for, read here on the UI thread."""
        search = self.query_one("#lead-search", Input).value.strip() or None
        self.asked = (search, "nurture" if self.nurture_only else None)
        self.fetch(*self.asked)

    @work(thread=True, exclusive=True, group="leads")
    def fetch(self, search: str | None, status: str | None) -> None:
        rows = list_leads(self.db, status=status, search=search)
        self.app.call_from_thread(self.show, (search, status), rows)

    def show(self, asked: tuple[str | None, str | None], rows: list[LeadRow]) -> None:
        if not self.is_attached:
            return  # closed while the rows were on their way
        if asked != self.asked:
            return  # a thread worker cannot be stopped: "ab" may land after "abc"
        self.rows = rows
        scope = "marketing's nurture list" if self.nurture_only else "all leads"
        self.query_one("#leads-state", Static).update(
            f"Showing {scope} · {counted(len(rows), 'lead')}"
        )
        table = self.query_one("#leads", DataTable)
        cursor = table.cursor_row
        cells = [
            [
                cell(lead.name, 24),
                cell(lead.company, 24),
                cell(lead.email, 28),
                cell(lead.owner or "", 14),
                Text(lead.status, style="yellow" if lead.status == "nurture" else ""),
                cell(lead.source, 16),
                cell(lead.crm_id or "", 12),
            ]
            for lead in rows
        ]
        # Fitted to the terminal, with widths given: whole on the first frame, at any size.
        width = max(self.app.size.width - 4, 20)
        for lead, line in zip(rows, self.fit.start(table, cells, width), strict=True):
            table.add_row(*line, key=str(lead.id))
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def on_resize(self) -> None:
        if self.rows:
            self.show(self.asked, self.rows)  # the columns chosen again for the new width

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.set_focus(self.query_one("#leads", DataTable))
        self.load()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_search(self) -> None:
        self.set_focus(self.query_one("#lead-search", Input))  # now: keys queued behind / follow

    def action_toggle_nurture(self) -> None:
        self.nurture_only = not self.nurture_only
        self.load()

    def action_add(self) -> None:
        self.lead_form(None)

    def action_edit(self) -> None:
        table = self.query_one("#leads", DataTable)
        if self.rows:
            self.lead_form(self.rows[min(table.cursor_row, len(self.rows) - 1)])

    def lead_form(self, lead: LeadRow | None) -> None:
        known = roster(self.db)
        people, teams = known.teams_of, known.teams
        fields = [
            Field("name", "Name", value=lead.name if lead else "", placeholder="e.g. Jane Cooper"),
            Field("company", "Company", value=lead.company if lead else ""),
            Field("email", "Email", value=lead.email if lead else ""),
            Field(
                "owner",
                "Owner in sales",
                kind="person",
                value=(lead.owner or "") if lead else "",
                default_team="sales",
            ),
            Field(
                "status",
                "Status",
                value=lead.status if lead else "open",
                placeholder="open, working, nurture, …",
            ),
            Field(
                "source",
                "Source",
                value=lead.source if lead else "",
                placeholder="webinar, paid search, …",
            ),
            Field("crm_id", "CRM record id (optional)", value=(lead.crm_id or "") if lead else ""),
        ]

        def save(form: FormValues) -> None:
            save_lead(self.db, lead.id if lead else None, clock=self.clock, **form.values)

        form = EntryForm(
            "New lead" if lead is None else f"Lead: {lead.name}",
            fields,
            save,
            people=people,
            teams=teams,
        )
        self.app.push_screen(form, self.reload_if_saved)

    def action_close(self) -> None:
        self.dismiss(None)

    def reload_if_saved(self, saved: bool | None) -> None:
        if saved:
            self.load()
