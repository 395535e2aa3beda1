"""A dropdown for forms, where enter saves the form from every field, this one included.

Textual's Select opens its list on enter as well as on space and the arrows; in a form
that made enter mean "save" in text fields and "open" here. Here the list opens with
space, ↓ or ↑, and enter inside an open list picks the highlighted choice.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Select


class Choice(Select[str], inherit_bindings=False):
    BINDINGS = [
        Binding("down,space,up", "show_overlay", "Show the choices", show=False),
    ]
