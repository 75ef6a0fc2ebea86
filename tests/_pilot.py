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


async def settle_glosses(app: SentencesApp, pilot: object, rounds: int = 40) -> None:
    """Wait until the screen is still: no worker running (the lexicon build, the entry lookups,
    the read-ahead), their messages handled, and on the reading screen no gloss row pending.

    The reading screen draws a sentence before a worker has looked up its glosses (issue 23),
    and a first run builds the lexicon while the first sentence shows: a snapshot taken at the
    first quiet moment could catch "(no gloss)" or a pending row."""
    for _ in range(rounds):
        await settle(app, pilot)
        session = getattr(app.screen, "session", None)
        rows = session.gloss_rows() if isinstance(app.screen, ReadingScreen) and session else []
        if not len(app.workers) and not any(row.pending for row in rows):
            await pilot.pause()  # type: ignore[attr-defined]
            return
    raise AssertionError("the screen never settled: a worker kept running, or a gloss pending")
