"""Command palette: everything the current screen can do, as `screen: action` entries."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# Focus movement is not something a person looks up; the system provider covers quitting.
NOT_COMMANDS = {"focus_next", "focus_previous", "quit", "app.quit", "command_palette"}


class ScreenCommands(Provider):
    """Lists the active bindings of the screen under the palette, so no action is missing."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        namespace = getattr(screen, "PALETTE_NAMESPACE", "huddle")
        found: dict[str, tuple[str, str, str]] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if (
                not binding.description
                or not active.enabled
                or binding.action in found
                or binding.action in NOT_COMMANDS
            ):
                continue
            if active.node is not screen and active.node is not self.app:
                continue
            owner = namespace if active.node is screen else "huddle"
            words = binding.tooltip or binding.description
            found[binding.action] = (
                f"{owner}: {words[0].lower()}{words[1:]}",
                binding.action,
                key,
            )
        return list(found.values())

    async def discover(self) -> Hits:
        for title, action, key in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, key in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(self._run, action), help=f"key: {key}"
                )

    async def _run(self, action: str) -> None:
        target = self.screen
        if action.startswith("app."):
            await self.app.run_action(action)
        else:
            await target.run_action(action)
