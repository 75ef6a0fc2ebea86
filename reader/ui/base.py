"""What every screen and every part of a screen reaches the app through, typed.

A screen, or a widget that owns its work (a worker and the messages it posts), needs the app's
settings, its database path and its writer: :class:`reader.ui.app.SentencesApp`, not Textual's
plain ``App``. One property, here, in place of a copy in each screen.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

import sqlite_utils
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from reader.store import open_db

if TYPE_CHECKING:
    from reader.ui.app import SentencesApp

ResultType = TypeVar("ResultType")


def sentences_app(node: DOMNode) -> SentencesApp:
    """The running app, as the Sentences app it is (the only app that shows these screens;
    the app imports the screens, so they name it for the type checker only)."""
    return cast("SentencesApp", node.app)


class AppScreen(Screen[ResultType]):
    """A screen of the Sentences app.

    The app tells every screen on its stack what changed under it through the hooks below (a
    screen that shows none of it keeps the default, which does nothing), so the app need not
    know which screens care.
    """

    @property
    def sentences_app(self) -> SentencesApp:
        return sentences_app(self)

    def statuses_changed(self) -> None:
        """Words' statuses changed elsewhere (a first-run answer): redraw what shows them."""

    def refresh_all(self) -> None:
        """Redraw everything shown (the learner's own language was chosen)."""

    def phrases_ready(self) -> None:
        """The multi-word term index (``app.phrases``) is built: use it."""

    def senses_ready(self, text_id: int) -> None:
        """Text ``text_id``'s words can now be ranked with the whole text's say: rank what
        shows them again."""

    def met_counted(self, key: str) -> None:
        """How often the library has term ``key`` is counted (``app.met_counts``): redraw
        the word's entry if it shows that term."""


class AppWidget(Widget):
    """A part of a screen with work of its own, and nothing to draw: its workers run and its
    messages land here, and what the screen must know is posted up to it."""

    DEFAULT_CSS = """
    AppWidget {
        display: none;
    }
    """

    @property
    def sentences_app(self) -> SentencesApp:
        return sentences_app(self)


@contextmanager
def worker_db(path: Path | str) -> Iterator[sqlite_utils.Database]:
    """A worker's own connection to the learner's database, closed however the work ends.

    The one way a UI worker reaches the database (sqlite3 connections belong to the thread that
    opened them, so a worker cannot borrow the UI thread's). The app migrated the schema when it
    started, so a worker never does. Writes from a screen go through the app's writer instead
    (:mod:`reader.store.writer`); the exceptions are listed in docs/storage.md.
    """
    db = open_db(path, migrate_schema=False)
    try:
        yield db
    finally:
        db.close()


def cancelled() -> bool:
    """Whether the worker this runs in was cancelled (an exclusive worker replaced by a newer
    one, its screen closed): a worker checks it before it posts its answer, which would be
    stale, and between the steps of long work."""
    return get_current_worker().is_cancelled


class WorkerCancelled(threading.Event):
    """A worker's cancellation (an exclusive worker replaced by a newer one, the screen closed),
    as the ``threading.Event`` that long loops below the UI check between steps."""

    def __init__(self, worker: Worker[object]) -> None:
        super().__init__()
        self._worker = worker

    def is_set(self) -> bool:
        return self._worker.is_cancelled or super().is_set()
