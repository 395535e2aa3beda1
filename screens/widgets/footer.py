"""The key bar at the bottom of every screen."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

from screens.textual_patches import FooterKey

PALETTE_WIDTH = 13  # "▏^p palette", docked at the right
ALWAYS_SHOWN = ("app.help",)  # besides a screen's FOOTER_KEEP


def key_width(key_display: str, description: str) -> int:
    """Cells one key takes in the footer: ` key description `."""
    return len(key_display) + len(description) + (3 if description else 2)


def keys_that_fit(
    keys: list[tuple[str, str, str | None]], keep: tuple[str, ...], width: int
) -> list[int]:
    """Which of `keys` (display, description, binding id) to show in `width` cells: all if
    they fit, else the kept ones (those first in `keep` first, while they fit) and as many
    others as fit, shown in their order."""
    widths = [key_width(display, description) for display, description, _ in keys]
    if sum(widths) <= width:
        return list(range(len(keys)))
    room = width
    chosen: set[int] = set()
    for binding_id in keep:
        for i, (_, _, key_id) in enumerate(keys):
            if key_id == binding_id and i not in chosen and widths[i] <= room:
                chosen.add(i)
                room -= widths[i]
    for i, w in enumerate(widths):
        if i not in chosen and w <= room:
            chosen.add(i)
            room -= w
    return sorted(chosen)


class Footer(TextualFooter):
    """Textual's footer, rebuilt only when the keys it shows change.

    Focus moving, a screen coming back and a binding turning on or off each ask for new
    keys, several times in one refresh at start-up, and again on every focus change in a
    meeting; each rebuild makes and styles a widget per key, which costs more than the rest
    of the home screen's first frame. Requests are merged into one rebuild after the next
    refresh, and that rebuild is skipped when the keys are the ones already shown.
    """

    _rebuild_waiting = False
    _shown: tuple[tuple[object, ...], ...] | None = None
    bindings_ready = False  # the screen has said its keys: Textual's own is private

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self.bindings_ready = True
        if not screen.app.app_focus or self._rebuild_waiting:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_waiting = True
            self.call_after_refresh(self._rebuild)

    def _keys(self) -> tuple[tuple[object, ...], ...]:
        palette = self.app.COMMAND_PALETTE_BINDING
        return (
            (self.size.width,),
            *(
                (key, binding.action, binding.description, enabled, tooltip)
                for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == palette
            ),
        )

    def on_resize(self, event: events.Resize) -> None:
        """A narrower terminal may have room for fewer keys: choose again."""
        if self._shown is not None and self._shown[0] != (event.size.width,):
            self.bindings_changed(self.screen)

    def compose(self) -> ComposeResult:
        """One key per action, in the order the screen lists them. When the terminal is too
        narrow for all, the keys of the moment (a meeting section's own) stay first, then
        those the screen names in FOOTER_KEEP (end the meeting, go home) and help, and the
        others are dropped from the end."""
        if not self.bindings_ready:
            return
        active = self.screen.active_bindings
        seen: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding, enabled, tooltip)
        shown = list(seen.values())
        first = getattr(self.screen, "footer_keep", None)  # keys that depend on the moment
        keep = (
            *(first() if first else ()),
            *getattr(self.screen, "FOOTER_KEEP", ()),
            *ALWAYS_SHOWN,
        )
        width = (self.size.width or self.app.size.width) - PALETTE_WIDTH
        labels = [(self.app.get_key_display(b), b.description, b.id) for b, _, _ in shown]
        chosen = keys_that_fit(labels, keep, width)
        self.styles.grid_size_columns = len(chosen)
        for i in chosen:
            binding, enabled, tooltip = shown[i]
            yield FooterKey(
                binding.key,
                labels[i][0],
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=TextualFooter.compact)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette:
            _node, binding, enabled, tooltip = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    async def _rebuild(self) -> None:
        self._rebuild_waiting = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()


def named_key(
    namespace: str, keys: str, action: str, description: str, name: str, tooltip: str = ""
) -> Binding:
    """A screen's key, named `<namespace>.<name>` in the keymap (and kept by that id when a
    narrow footer drops keys)."""
    return Binding(keys, action, description, id=f"{namespace}.{name}", tooltip=tooltip)
