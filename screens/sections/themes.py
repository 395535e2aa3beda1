"""Themes in an entry section (meeting/entries/themes.py): space marks entries, G groups
the marked ones and the highlighted one under a title, U takes an entry out of its theme
or dissolves a theme; e renames a theme. A theme's row shows its title, votes and how
many entries it holds, its entries indented under it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from meeting.foundations.text import one_line, visible
from screens.cells import cell
from screens.deferred import deferred
from screens.form_fields import Field, FormValues
from screens.sections.base import TEXT, Row, SectionHost

if TYPE_CHECKING:
    from meeting.entries import items, themes
    from meeting.entries.items import ItemRow
else:
    items = deferred("meeting.entries.items")
    themes = deferred("meeting.entries.themes")

BINDINGS = (
    Binding(
        "space",
        "section('mark_to_group')",
        "Mark",
        id="meeting.mark",
        tooltip="Mark the highlighted entry to group it with others (again: unmark)",
    ),
    Binding(
        "G",
        "section('group')",
        "Group",
        id="meeting.group",
        tooltip="Group the marked entries and the highlighted one under a theme",
    ),
    Binding(
        "U",
        "section('ungroup')",
        "Ungroup",
        id="meeting.ungroup",
        tooltip="Take the entry out of its theme, or dissolve the highlighted theme",
    ),
)
UNDER = "  └ "  # an entry grouped under the theme above it


def entries_said(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def theme_row(theme: ItemRow, members: list[ItemRow], voters: list[str], action: Text) -> Row:
    """A theme: its title, how many entries it holds, its votes and its action."""
    said = entries_said(len(members))
    title = Text.assemble(cell(theme.text, TEXT, style="bold"), (f" ({said})", "dim"))
    detail = f"Theme: {visible(theme.text)}\n{said}; U dissolves it, e renames it"
    if theme.votes:
        detail += f"\n{theme.votes_said()}: " + ", ".join(visible(name) for name in voters)
    if theme.action_id is not None:
        detail += f"\nAction #{theme.action_id}, {theme.action_status}"
    tally = Text(str(theme.votes) if theme.votes else "", style="bold")
    return Row(
        str(theme.id),
        [Text("theme", style="dim"), title, Text(""), tally, action, Text("")],
        detail,
        rank=theme.votes,
    )


def under(row: Row, theme_id: int) -> Row:
    """An entry's row, indented under its theme: its votes are the theme's."""
    row.cells[1] = Text(UNDER) + row.cells[1]
    row.detail += "\nIn a theme: its votes go to the theme; U takes it out"
    row.under = str(theme_id)
    return row


def _shown(host: SectionHost) -> dict[int, ItemRow]:
    return {row.id: row for row in items.items(host.db, host.section.id, viewer=host.viewer)}


def _refused(host: SectionHost) -> bool:
    if host.section.writing:  # a theme would show the entries to the room
        host.warn(
            f"{host.section.title} is still being written alone: themes come after the reveal."
        )
        return True
    return False


def mark(host: SectionHost, key: int) -> None:
    """Mark (or unmark) the highlighted entry for G, and go to the next one."""
    if _refused(host):
        return
    host.marked ^= {key}
    host.show_section(keep_cursor=True)
    host.cursor_down()


def group(host: SectionHost, key: int) -> None:
    """The marked entries and the highlighted one under a theme whose title is asked;
    where one of them is a theme, the others join it."""
    if _refused(host):
        return
    shown = _shown(host)
    chosen = sorted(k for k in {*host.marked, key} if k in shown)
    if len(chosen) < 2:
        host.warn("Mark the entries that go together with space first; G groups them.")
        return
    theme = next((shown[k] for k in chosen if shown[k].is_theme), None)
    title = theme.text if theme is not None else shown[chosen[0]].text
    grouped: list[themes.Grouped] = []

    def save(form: FormValues) -> None:
        grouped.append(themes.group(host.db, chosen, title=form["title"], clock=host.clock))

    def then() -> None:
        host.marked.clear()
        host.show_section(keep_cursor=True)
        host.select_key(grouped[-1].theme_id)
        host.say(grouped[-1].said())

    field = Field("title", "Theme", value=title, placeholder="what these entries say together")
    joining = len(chosen) - (theme is not None)
    joined = f"Join {one_line(theme.text, 40)}" if theme else "Group into a theme"
    host.open_form(f"{joined}: {entries_said(joining)}", [field], save, then)


def ungroup(host: SectionHost, key: int) -> None:
    """Take the highlighted entry out of its theme, or dissolve the highlighted theme."""
    if _refused(host):
        return
    said = themes.ungroup(host.db, key, clock=host.clock)
    host.show_section(keep_cursor=True)
    host.select_key(key)
    host.say(said)


def rename(host: SectionHost, theme: ItemRow) -> None:
    """e on a theme: its title only (it has no team, metric or author of its own)."""
    field = Field("title", "Theme", value=theme.text)

    def save(form: FormValues) -> None:
        items.update_item(host.db, theme.id, text=form["title"], team=theme.team)

    host.open_form("Rename the theme", [field], save)


def votes_go_to(host: SectionHost, key: int) -> int:
    """The entry a vote on the highlighted row goes to: its theme, when it is in one."""
    return themes.theme_of(host.db, key)
