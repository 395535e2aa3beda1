"""The key bar at the bottom of every screen."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


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

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_waiting:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_waiting = True
            self.call_after_refresh(self._rebuild)

    def _keys(self) -> tuple[tuple[object, ...], ...]:
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.action, binding.description, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
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
