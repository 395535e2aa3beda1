"""The key bar at the bottom of every screen."""

from __future__ import annotations

from typing import Any, NamedTuple

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
    of the home screen's first frame. Requests are merged into one rebuild, made as soon as
    the footer gets to it (not after the next refresh: the keys come up with the section or
    the rows they belong to, a frame sooner), and skipped when the keys are those shown.
    """

    _rebuild_waiting = False
    _shown: tuple[tuple[object, ...], ...] | None = None
    _palette_shown: KeySpec | None = None
    bindings_ready = False  # the screen has said its keys: Textual's own is private
    _after_the_frame = False  # the next change of keys waits for the frame under way

    def keys_after_the_frame(self) -> None:
        """The keys about to change may come a frame after what changes them: a value's
        line opening or closing shows at once, and its keys (new widths, so the whole
        screen laid out again, some 4-9 ms on a meeting) in the frame after."""
        self._after_the_frame = True

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self.bindings_ready = True
        if not screen.app.app_focus or self._rebuild_waiting:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_waiting = True
            if self._after_the_frame:
                self._after_the_frame = False
                self.call_after_refresh(self._rebuild)
            else:
                self.call_later(self._rebuild)

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
        """One key per action, in the order the screen lists them (see `wanted`)."""
        if not self.bindings_ready:
            return
        keys, palette = self.wanted()
        self.styles.grid_size_columns = len(keys)
        for spec in keys:
            yield new_key(spec)
        self._palette_shown = palette
        if palette is not None:
            yield new_key(palette)

    def wanted(self) -> tuple[list[KeySpec], KeySpec | None]:
        """The keys to show, and the command palette's. When the terminal is too narrow
        for all, the keys of the moment (a meeting section's own) stay first, then those
        the screen names in FOOTER_KEEP (end the meeting, go home) and help, and the others
        are dropped from the end."""
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
        keys = [
            KeySpec(
                shown[i][0].key,
                labels[i][0],
                shown[i][0].description,
                shown[i][0].action,
                not shown[i][1],
                shown[i][2],
            )
            for i in keys_that_fit(labels, keep, width)
        ]
        palette_key = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette_key:
            _node, binding, enabled, _tooltip = palette_key
            palette = KeySpec(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                not enabled,
                binding.tooltip or binding.description,
                "-command-palette",
            )
        return keys, palette

    async def _rebuild(self) -> None:
        self._rebuild_waiting = self._after_the_frame = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        first_time = self._shown is None
        self._shown = keys
        if first_time:
            await self.recompose()
        else:
            await self._change_in_place()

    async def _change_in_place(self) -> None:
        """A section's keys differ from the last one's in a few places: the key widgets
        already there take the new keys, and only the difference in number is mounted or
        removed. Making and styling a widget per key each time was most of the time a
        section switch took."""
        wanted, palette = self.wanted()
        present = [w for w in self.query_children(FooterKey) if not w.has_class(PALETTE)]
        palettes = [w for w in self.query_children(FooterKey) if w.has_class(PALETTE)]
        self.styles.grid_size_columns = len(wanted)
        for widget, spec in zip(present, wanted, strict=False):
            if widget.has_class("-disabled") == spec.disabled:
                take_key(widget, spec)
            else:  # a key turned on or off is made anew: Textual keeps that state privately
                await self.mount(new_key(spec), before=widget)
                await widget.remove()
        if len(present) > len(wanted):
            await self.remove_children(present[len(wanted) :])
        elif len(wanted) > len(present):
            more = [new_key(spec) for spec in wanted[len(present) :]]
            await self.mount_all(more, before=palettes[0] if palettes else None)
        if palette != self._palette_shown:
            await self.remove_children(palettes)
            if palette is not None:
                await self.mount(new_key(palette))
        self._palette_shown = palette


PALETTE = "-command-palette"


class KeySpec(NamedTuple):
    """One key as the footer shows it."""

    key: str
    key_display: str
    description: str
    action: str
    disabled: bool
    tooltip: str
    classes: str = ""


def new_key(spec: KeySpec) -> FooterKey:
    made = FooterKey(
        spec.key,
        spec.key_display,
        spec.description,
        spec.action,
        disabled=spec.disabled,
        tooltip=spec.tooltip,
        classes=spec.classes,
    )
    if not spec.classes:
        made.data_bind(compact=TextualFooter.compact)
    return made


def take_key(widget: FooterKey, spec: KeySpec) -> None:
    """Show `spec` on a key widget already mounted, as a new one would show it."""
    before = (widget.key_display, widget.description)
    widget.key = spec.key
    widget.key_display = spec.key_display
    widget.description = spec.description
    widget.action = spec.action
    widget.tooltip = spec.tooltip or None
    widget.refresh(layout=before != (spec.key_display, spec.description))


def named_key(
    namespace: str, keys: str, action: str, description: str, name: str, tooltip: str = ""
) -> Binding:
    """A screen's key, named `<namespace>.<name>` in the keymap (and kept by that id when a
    narrow footer drops keys)."""
    return Binding(keys, action, description, id=f"{namespace}.{name}", tooltip=tooltip)
