"""The screen's own actions in Textual's command palette (Ctrl+P), found by what they do."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.keys import KeyHelp, key_help


class ScreenKeys(Provider):
    """Every key of the screen the palette was opened on, as a command: "Next sentence (↓)"."""

    def _rows(self) -> list[KeyHelp]:
        return key_help(type(self.screen).BINDINGS)

    async def _run(self, action: str) -> None:
        await self.app.run_action(action, self.screen)

    async def discover(self) -> Hits:
        for row in self._rows():
            yield DiscoveryHit(f"{row.help} ({row.keys})", partial(self._run, row.action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for row in self._rows():
            title = f"{row.help} ({row.keys})"
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, row.action))
