"""Helpers for pilot tests of the reading screen."""

from __future__ import annotations

from reader.ui.app import SentencesApp
from reader.ui.screens.reading import ReadingScreen

SIZE = (120, 40)


async def settle(app: SentencesApp, pilot: object) -> None:
    """Wait for workers (lexicon, phrases, import, audio) and the messages they post."""
    from contextlib import suppress

    from textual.worker import WorkerCancelled

    for _ in range(3):
        with suppress(WorkerCancelled):  # an exclusive worker replaced by a newer one
            await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]


def reading(app: SentencesApp) -> ReadingScreen:
    assert isinstance(app.screen, ReadingScreen)
    return app.screen
