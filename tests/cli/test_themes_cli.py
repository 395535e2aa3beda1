"""`huddle items group` and `huddle items ungroup`: a retro's entries under a theme from the
command line, and `huddle items list` showing each entry's theme."""

from __future__ import annotations

import json

from tests.cli.helpers import invoke


def listed(db: str) -> dict[int, dict[str, object]]:
    shown = json.loads(invoke(db, "items", "list", "--format", "json").output)
    return {int(row["id"]): row for row in shown}


def added(db: str, text: str) -> int:
    said = invoke(db, "items", "add", "broken", text, "--by", "Sam")
    assert said.exit_code == 0, said.output
    return int(said.output.split()[2])


def test_entries_grouped_listed_under_their_theme_and_ungrouped(db: str) -> None:
    assert invoke(db, "meeting", "start", "--no-open").exit_code == 0
    slow, late = added(db, "Leads arrive slowly"), added(db, "Leads come in late")
    assert invoke(db, "items", "vote", str(late), "--by", "Maya").exit_code == 0

    grouped = invoke(db, "items", "group", str(slow), str(late), "--title", "Lead hand-over")

    assert grouped.exit_code == 0, grouped.output
    assert "Grouped 2 entries under 'Lead hand-over'; 1 vote moved to it." in grouped.output
    theme = int(grouped.output.rsplit("entry ", 1)[1].rstrip(".\n"))
    rows = listed(db)
    assert (rows[theme]["text"], rows[theme]["is_theme"], rows[theme]["votes"]) == (
        "Lead hand-over",
        True,
        1,
    )
    assert (rows[slow]["theme_id"], rows[late]["theme_id"]) == (theme, theme)
    checked = invoke(db, "db", "check")  # a key into its own table: an entry's theme
    assert checked.exit_code == 0 and ": ok" in checked.output, checked.output
    refused = invoke(db, "items", "vote", str(slow), "--by", "Maya")
    assert refused.exit_code == 1
    assert f"its votes are the theme's (use entry {theme})" in refused.output

    out = invoke(db, "items", "ungroup", str(slow))
    assert out.exit_code == 0 and "its votes stay with the theme" in out.output
    dissolved = invoke(db, "items", "ungroup", str(theme))
    assert dissolved.output == (
        "Dissolved 'Lead hand-over': 1 entry stands alone; 1 vote given back.\n"
    )
    assert theme not in listed(db)
    assert {row["theme_id"] for row in listed(db).values()} == {None}


def test_grouping_one_entry_is_refused_in_one_line(db: str) -> None:
    assert invoke(db, "meeting", "start", "--no-open").exit_code == 0
    only = added(db, "Leads arrive slowly")
    refused = invoke(db, "items", "group", str(only))
    assert refused.exit_code == 1
    assert refused.output.strip().splitlines() == [
        "huddle: choose two entries or more to group under a theme"
    ]
