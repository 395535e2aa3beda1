"""One modal form for every entry: enter saves, escape cancels, a bad value keeps the text.

The form calls `save(values)` itself. If the domain refuses the values, the message shows
under the field it is about, that field takes the cursor, and everything typed stays where
it was.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from meeting.foundations.errors import ChangedMeanwhile, HuddleError, MeetingClosed
from meeting.foundations.names import close_matches
from meeting.foundations.text import visible
from screens.busy import RETRY_SECONDS, BusyWait
from screens.confirmations import ChangedScreen, ConfirmScreen
from screens.form_fields import AskFirst, Field, FormValues, field_in_error
from screens.widgets.choice import Choice
from screens.widgets.person_field import PersonField
from screens.widgets.text_input import TextInput
from storage.errors import DatabaseBusy, DatabaseError

MORE_BELOW = "↓ more fields below: tab moves on, or scroll"
MORE_ABOVE = "↑ more fields above: shift+tab moves back, or scroll"
DENSE_BELOW = 30  # a terminal shorter than this many lines gets the fields closer together


class EntryForm(ModalScreen[bool]):
    """A small form over the meeting. Dismisses with True once saved."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("enter,ctrl+s", "submit", "Save", id="form.save"),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        save: Callable[[FormValues], None],
        *,
        people: dict[str, str] | None = None,
        teams: list[str] | None = None,
        hint: str = "enter saves · tab next field · space opens a list · escape cancels",
    ) -> None:
        super().__init__(classes="entry-form")
        self.form_title = title
        self.fields = fields
        self.save = save
        self.people = people or {}
        self.busy = BusyWait()  # a busy database makes the save wait and retry
        self.retry_timer: Timer | None = None
        self.confirmed: set[str] = set()  # new names the facilitator said yes to
        self.agreed: set[str] = set()  # other questions the facilitator said yes to
        self.teams = teams or ["sales", "marketing", "leadership"]
        if any(spec.kind == "long" for spec in fields) and hint.startswith("enter saves"):
            hint = "ctrl+s saves · enter: new line · tab: next field · escape cancels"
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(Text(visible(self.form_title)), id="form-title")
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    yield Label(Text(spec.label), classes="form-label")
                    yield self._widget_for(spec)
                    if self._known(spec) is not None:
                        yield Static("", id=f"hint-{spec.key}", classes="field-hint", markup=False)
                    yield Static("", id=f"error-{spec.key}", classes="field-error", markup=False)
            more = Static(MORE_BELOW, id="form-more", markup=False)
            more.display = False  # shown only when fields are out of sight
            yield more
            yield Static("", id="form-error", markup=False)
            yield Static(self.hint, id="form-hint", markup=False)

    def _widget_for(self, spec: Field) -> Widget:
        widget_id = f"field-{spec.key}"
        if spec.kind == "person":
            return PersonField(
                self.people,
                list(self.teams),
                value=spec.value,
                default_team=spec.default_team,
                placeholder=spec.placeholder or "name (→ accepts a suggestion)",
                id=widget_id,
            )
        if spec.kind == "choice":
            return Choice(
                [(Text(spec.choice_labels.get(choice, choice)), choice) for choice in spec.choices],
                value=spec.value if spec.value in spec.choices else Select.NULL,
                allow_blank=spec.value not in spec.choices,
                prompt=spec.placeholder or "choose",
                id=widget_id,
                compact=True,
            )
        if spec.kind == "long":
            from textual.widgets import TextArea  # only forms with a long text need it

            area = TextArea(spec.value, id=widget_id, classes="long-field", soft_wrap=True)
            area.show_line_numbers = False
            return area
        suggester = (
            SuggestFromList(spec.suggestions, case_sensitive=False) if spec.suggestions else None
        )
        return TextInput(
            spec.value,
            placeholder=spec.placeholder,
            suggester=suggester,
            id=widget_id,
            compact=True,
        )

    def _known(self, spec: Field) -> list[str] | None:
        return list(self.people) if spec.kind == "person" else spec.known

    def _noun(self, spec: Field) -> str:
        return "person" if spec.kind == "person" else spec.noun or "entry"

    def new_value(self, spec: Field, value: str) -> bool:
        """Whether `value` would add a new person or lead (nothing typed adds nothing)."""
        known = self._known(spec)
        typed = value.strip().lower()
        return known is not None and bool(typed) and typed not in {k.lower() for k in known}

    def on_input_changed(self, event: Input.Changed) -> None:
        """Under a name field: whether the name is new, and the known names close to it."""
        spec = self._field_of(event.input)
        if spec is None or self._known(spec) is None:
            return
        hint = ""
        if self.new_value(spec, event.value):
            hint = f"new {self._noun(spec)}{close_matches(self._known(spec) or [], event.value)}"
        self.query_one(f"#hint-{spec.key}", Static).update(hint)

    def _field_of(self, widget: Widget) -> Field | None:
        for node in widget.ancestors_with_self:
            if node.id and node.id.startswith("field-"):
                return next((f for f in self.fields if f"field-{f.key}" == node.id), None)
        return None

    def on_mount(self) -> None:
        self.fit_fields()
        self.focus_field(self.fields[0].key)

    def on_resize(self) -> None:
        self.fit_fields()

    def fit_fields(self) -> None:
        """The fields scroll within the box on a short terminal, so the focused one, the
        error and the hint stay on screen; there, the labels lose their blank line above,
        and a line under the fields says when more are below."""
        around = 10  # the box's border and padding, the title, more below, error and hint
        fields = self.query_one("#form-fields")
        fields.styles.max_height = max(4, int(self.app.size.height * 0.9) - around)
        self.set_class(self.app.size.height < DENSE_BELOW, "-dense")
        self.watch(fields, "scroll_y", self.show_more_below, init=False)
        self.call_after_refresh(self.show_more_below)

    def show_more_below(self) -> None:
        """Say so when fields are hidden below: the scrollbar alone is easy to miss, and
        without colour it does not show at all."""
        fields = self.query_one("#form-fields", VerticalScroll)
        more = self.query_one("#form-more", Static)
        more.display = fields.max_scroll_y > 0
        if more.display:
            more.update(MORE_BELOW if fields.scroll_y < fields.max_scroll_y else MORE_ABOVE)

    def values(self) -> FormValues:
        values: dict[str, str] = {}
        teams: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.key}")
            if isinstance(widget, PersonField):
                values[spec.key] = widget.name_value
                teams[spec.key] = widget.team_value
            elif isinstance(widget, Select):
                values[spec.key] = widget.value if isinstance(widget.value, str) else ""
            elif spec.kind == "long":
                from textual.widgets import TextArea

                assert isinstance(widget, TextArea)
                values[spec.key] = widget.text
            else:
                assert isinstance(widget, Input)
                values[spec.key] = widget.value
        return FormValues(values, teams, self.agreed)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        if self.retry_timer is not None:
            self.retry_timer.stop()
            self.retry_timer = None
        values = self.values()
        if self.confirm_new_values(values):
            return
        try:
            self.save(values)
        except DatabaseBusy:
            self.wait_and_retry()
            return
        except ChangedMeanwhile as exc:
            self.busy.done()
            self.choose_between(exc)
            return
        except AskFirst as ask:
            self.busy.done()
            self.ask(ask)
            return
        except MeetingClosed as exc:  # ended in another terminal while this form was open
            self.busy.done()
            self.query_one("#form-error", Static).update(exc.on_screen())
            self.app.bell()
            return
        except (HuddleError, DatabaseError) as exc:
            self.busy.done()
            self.refuse(exc, values)
            return
        self.dismiss(True)

    def refuse(self, error: Exception, values: FormValues) -> None:
        """Say why under the field it is about and put the cursor there, so the fix is
        typed where it belongs; a refusal about no one field shows under the form."""
        self.clear_errors()
        key = field_in_error(error, self.fields, values)
        if key is None:
            self.query_one("#form-error", Static).update(str(error))
        else:
            shown = self.query_one(f"#error-{key}", Static)
            shown.update(str(error))
            shown.display = True
            self.focus_field(key)
            self.call_after_refresh(shown.scroll_visible)
        self.app.bell()

    def clear_errors(self) -> None:
        self.query_one("#form-error", Static).update("")
        for shown in self.query(".field-error").results(Static):
            shown.update("")
            shown.display = False

    def focus_field(self, key: str) -> None:
        """The cursor to a field, after what is typed in it (not selected, so the next
        key does not replace it), unless the field is one to be `retyped`."""
        widget = self.query_one(f"#field-{key}")
        typed = (
            widget if isinstance(widget, TextInput) else next(iter(widget.query(TextInput)), None)
        )
        if typed is not None and not next(f for f in self.fields if f.key == key).retyped:
            typed.focus_keeping_text()
        else:
            widget.focus()

    def confirm_new_values(self, values: FormValues) -> bool:
        """Ask before a name nobody knows becomes a new person or lead: a typo must not
        add one silently. Returns whether a question is open (the save waits for it)."""
        for spec in self.fields:
            typed = values[spec.key].strip()
            if not self.new_value(spec, typed) or typed.lower() in self.confirmed:
                continue
            noun = self._noun(spec)
            team = values.teams.get(spec.key)
            adding = f"{typed} ({team})" if team else typed
            near = close_matches(self._known(spec) or [], typed)
            detail = (
                f"{typed!r} is not a known {noun}{near}.\n"
                f"y adds {adding} as a new {noun}; n or enter goes back to fix the name."
            )

            def answered(yes: bool | None, spec: Field = spec, typed: str = typed) -> None:
                if yes:
                    self.confirmed.add(typed.lower())
                    self.action_submit()
                else:
                    self.focus_field(spec.key)

            self.app.push_screen(ConfirmScreen(f"Add a new {noun}?", detail), answered)
            return True
        return False

    def ask(self, ask: AskFirst) -> None:
        """y saves with what was asked about; anything else goes back to its field."""
        self.clear_errors()

        def answered(yes: bool | None) -> None:
            if yes:
                self.agreed.add(ask.token)
                self.action_submit()
            else:
                self.focus_field(ask.key)

        self.app.push_screen(ConfirmScreen(ask.question, ask.detail), answered)

    def choose_between(self, conflict: ChangedMeanwhile) -> None:
        """Someone saved another text while this form was open: show both, and let the
        person here choose; escape goes back to editing, nothing decided."""

        def chosen(choice: str | None) -> None:
            if choice == "mine" and conflict.accept_theirs_as_seen is not None:
                conflict.accept_theirs_as_seen()
                self.action_submit()
            elif choice == "theirs":
                self.dismiss(False)

        self.app.push_screen(ChangedScreen(conflict.theirs, conflict.mine), chosen)

    def wait_and_retry(self) -> None:
        """Another huddle holds the database: say so, keep the text, try again shortly."""
        waited = self.busy.waited()
        error = self.query_one("#form-error", Static)
        if self.busy.out_of_patience():
            self.busy.done()
            error.update(
                f"The database is still busy after {waited:.0f} s (another huddle is "
                "writing). Your text is kept: press enter to try again."
            )
            self.app.bell()
            return
        error.update(f"Waiting for the database: another huddle is writing… ({waited:.0f} s)")
        self.retry_timer = self.set_timer(RETRY_SECONDS, self.action_submit)

    def action_cancel(self) -> None:
        self.dismiss(False)
