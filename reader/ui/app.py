"""The Textual app and :func:`make_app`, the one factory the CLI and the tests share."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils
from textual import work
from textual.app import App

from reader.config import Config, load_config
from reader.learn import text_senses
from reader.learn.met_counts import MetCounts
from reader.learn.native import warm_up as warm_native
from reader.learn.phrases import PhraseIndex
from reader.learn.stats import Stats, compute, history_mark
from reader.lexicon.frequency import zipf
from reader.lexicon.idioms import ensure_idioms
from reader.lexicon.readable import stem
from reader.lexicon.wordnet import is_compiled, is_declined
from reader.logs import LOGGER, debug_enabled, log_failure, setup_logging, where_logged
from reader.store import open_db
from reader.store.writer import Writer
from reader.text.load import Loaded, load_path
from reader.ui.base import AppScreen, worker_db
from reader.ui.catch_up import CatchUp
from reader.ui.debug_log import ScreenLogHandler
from reader.ui.first_run_flow import FirstRunFlow
from reader.ui.messages import (
    CatchingUp,
    DebugLog,
    FirstRunApplied,
    FirstRunNeeded,
    MetCounted,
    PhrasesReady,
    SensesReady,
    WriteFailed,
    WriteRecovered,
)
from reader.ui.pacing import settle_heap
from reader.ui.screens.first_run import STEPS
from reader.ui.screens.importing import ImportScreen
from reader.ui.screens.language import needs_asking
from reader.ui.screens.library import LibraryScreen
from reader.wording import counted

if TYPE_CHECKING:
    from reader.learn.phrases import PhraseIndex
    from reader.speech import Player
    from reader.ui.messages import FirstRunApplied, FirstRunNeeded


QUIT_QUIETLY_S = 0.15
"""How long quitting waits for the last writes before it says it is saving them."""
WRITE_SETTLE_S = 0.05
"""A key's writes wait this long, so they land after the frame the key draws (see Writer)."""


class SentencesApp(App[None]):
    CSS_PATH = "sentences.tcss"
    TITLE = "Sentences"

    def __init__(
        self,
        db_path: Path,
        target: int | Loaded | None = None,
        lang: str = "en",
        config: Config | None = None,
        review: tuple[str, ...] | None = None,
        ask_language: bool = False,
    ) -> None:
        super().__init__()
        self.ask_language = ask_language  # the first-run question (the CLI asks; tests choose)
        self.db_path = Path(db_path)
        self.target = target
        self.review = review  # open the review screen at once (``()``: every drill)
        self.lang = lang
        self.config = config or load_config()
        # The UI thread's own connection: quick indexed reads only. Every write from a screen
        # goes through the writer, a thread with its own connection, so keys never wait on it.
        self.db = open_db(self.db_path)
        self.writer = Writer(
            self.db_path,
            on_error=lambda error: self.post_message(WriteFailed(str(error), error.kept)),
            on_recovered=lambda label: self.post_message(WriteRecovered(label)),
            settle=WRITE_SETTLE_S,
        )
        self.unsaved: list[str] = []  # labels of writes still unsaved when the app closed
        setup_logging(self.db_path.parent)
        self._debug_handler = ScreenLogHandler(self) if debug_enabled() else None
        self.close_timeout = 5.0  # seconds the app waits at exit for the last writes
        self._quitting = False
        self.lexicon_ready = is_compiled(self.db) or is_declined(self.db)
        self.translation_told = False  # "machine translation unavailable" is said once a run
        self.phrases: PhraseIndex | None = None
        self.last_text_id: int | None = None  # the text last opened: the library's cursor
        self.player: Player | None = None
        self._player_lock = threading.Lock()
        # The background catch-up (reader.learn.after_import): its process, and what it is at.
        self.catching_up: CatchingUp | None = None
        # The stats screen's figures, counted ahead with the mark of the logs they came from
        # (reader.learn.stats.history_mark), so S shows them in its first frame.
        self.stats_counted: tuple[tuple[object, ...], Stats] | None = None
        # How often the library has the word under the cursor, for its entry.
        self.met_counts = MetCounts(self.db_path, lang, threading.get_ident(), self.count_met)
        self._catch_up = CatchUp(self.db_path, lang, self.post_message)
        self._senses_heard: Callable[[], None] = lambda: None  # see on_mount
        self.first_run = FirstRunFlow(self)

    def ensure_player(self) -> Player:
        """The audio player, opened on first use (from a worker: opening a device can be slow).

        Raises ``AudioUnavailable`` with a one-line message when there is no audio device.
        """
        with self._player_lock:
            if self.player is None:
                from reader.speech import Player  # lazy: miniaudio's C library (~0.08 s)

                player = Player()
                player.open()
                self.player = player
            return self.player

    def write(
        self, fn: Callable[[sqlite_utils.Database], Any], *, label: str, key: Hashable | None = None
    ) -> None:
        """Hand a write to the writer thread (see :mod:`reader.store.writer`); never blocks."""
        self.writer.submit(fn, label=label, key=key)

    def on_write_failed(self, message: WriteFailed) -> None:

        title = "Not saved yet" if message.kept else "Not saved"
        text = message.error if message.kept else message.error + where_logged()
        self.notify(text, title=title, severity="error", timeout=8, markup=False)

    def on_debug_log(self, message: DebugLog) -> None:
        self.notify(message.text, title="SENTENCES_DEBUG", severity="error", timeout=30,
                    markup=False)  # fmt: skip

    def on_write_recovered(self, message: WriteRecovered) -> None:
        self.notify(f"Saved now: {message.label}", timeout=3, markup=False)

    async def action_quit(self) -> None:
        """Quit once every write has landed; a second q quits at once (what is left is listed)."""
        if self._quitting or not self.writer.pending:
            self.exit()
            return
        self._quitting = True
        self.finish_writes()

    @work(thread=True, exclusive=True, group="quit", exit_on_error=False)
    def finish_writes(self) -> None:
        """The last moments' writes land at once; writes that take longer (another program
        holds the database) are said, and waited for."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        if not self.writer.flush(timeout=QUIT_QUIETLY_S):
            count = self.writer.pending
            self.call_from_thread(
                self.notify,
                f"Saving {counted(count, 'change')}… (q again to quit without them)",
                timeout=30,
            )
            while not self.writer.flush(timeout=0.5):
                if worker.is_cancelled:
                    return
        self.call_from_thread(self.exit)

    def on_unmount(self) -> None:
        if self._debug_handler is not None:
            logging.getLogger(LOGGER).removeHandler(self._debug_handler)
        given_up = self._quitting and self.writer.behind()  # q twice: not for a stuck writer
        self.unsaved = self.writer.close(timeout=0 if given_up else self.close_timeout)
        if self.player is not None:
            self.player.close()
        self._catch_up.stop()
        self._senses_heard()

    def on_mount(self) -> None:
        if self._debug_handler is not None:
            logging.getLogger(LOGGER).addHandler(self._debug_handler)
        self.writer.start()
        self.met_counts.ui_thread = threading.get_ident()  # the thread the app runs on
        self._senses_heard = text_senses.when_built(self._senses_built)

        self.push_screen(LibraryScreen())

        # The screen the command opens comes first (the seed, the review); the first-run
        # questions are asked over it, one after the other, and then it is simply there.
        self.open_target()
        for warning in self.config.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.warm_up()
        language = self.ask_language and needs_asking(self)
        self.first_run.check([step.name for step in STEPS if step.enabled(self)], language)

    def open_target(self) -> None:
        """The text the command line named, imported first if new."""
        if isinstance(self.target, Loaded):
            self.import_and_open(self.target)
        elif isinstance(self.target, int):
            self.open_text(self.target)
        if self.review is not None:
            self.open_review(self.review)

    def open_text(self, text_id: int) -> None:
        # lazy: the reading screen (numpy, the sense ranker: ~95 ms) is not on the library's
        # first frame
        from reader.ui.screens.reading import ReadingScreen

        self.push_screen(ReadingScreen(text_id))

    def open_review(self, drills: tuple[str, ...] = ()) -> None:
        """The review screen on the due cards (of ``drills`` only, when given)."""
        # lazy: the review screen (FSRS, ~27 ms) waits for the first review
        from reader.ui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(drills))

    def action_stats(self) -> None:
        """The stats screen (key S in the library and the reader)."""
        # lazy: the stats screen (plotext, ~37 ms) is off the first frame; warm_up loads it
        from reader.ui.screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def action_study(self) -> None:
        """The study list of the text being read (key L in the reader)."""
        text_id = getattr(self.screen, "text_id", None)
        if isinstance(text_id, int):
            self.open_study(text_id)

    def action_concordance(self) -> None:
        """Every sentence of the library holding the word under the reader's cursor (key f);
        Enter there goes to one, in this text or another."""
        # lazy: key f comes from the reading screen, loaded by then; the concordance (~6 ms)
        # is not on the first frame
        from reader.ui.screens.concordance import ConcordanceScreen
        from reader.ui.screens.reading import ReadingScreen

        reading = self.screen
        if not isinstance(reading, ReadingScreen) or reading.session is None:
            return
        unit = reading.session.current_unit
        if unit is None:
            return

        def chosen(place: tuple[int, int] | None) -> None:
            if place is None:
                return
            text_id, idx = place
            if text_id == reading.text_id:
                reading.go_to(idx)
                return
            self.show_library()
            self.push_screen(ReadingScreen(text_id, start=idx))

        self.push_screen(ConcordanceScreen(unit.key, reading.session.info.lang), chosen)

    def open_study(self, text_id: int) -> None:
        """A text's study list; the screen below redraws in the new colours if words were
        marked there."""
        # lazy: the study screen (~8 ms) is not on the first frame
        from reader.ui.screens.study import StudyScreen

        below = self.screen

        def closed(marked: bool | None) -> None:
            redraw = getattr(below, "statuses_changed", None)
            if marked and callable(redraw):
                redraw()
            if marked:
                self.catch_up()  # a phrase marked is one of the learner's terms: counts again

        self.push_screen(StudyScreen(text_id), closed)

    def import_and_open(self, loaded: Loaded) -> None:
        self.push_screen(ImportScreen(loaded, self.db_path, self.lang))

    @work(thread=True, exclusive=True, group="open-file", exit_on_error=False)
    def open_path(self, path: str) -> None:
        """Import (if new) and open a file chosen from the library.

        A worker: reading a book (or converting an EPUB) and looking its text up must not hold
        the keys.
        """
        # lazy: the text pipeline loads nltk, scipy and scikit-learn (~1 s)
        from reader.text.importer import find_text

        try:
            loaded = load_path(path)
            with worker_db(self.db_path) as db:
                existing = find_text(db, loaded.content, self.lang)
        except Exception as exc:
            message = log_failure(exc, "Cannot add that file")
            self.call_from_thread(
                self.notify, message, title="Cannot add that file", severity="error", markup=False
            )
            return
        if existing is not None:
            self.call_from_thread(self.open_text, existing)
        else:
            self.call_from_thread(self.import_and_open, loaded)

    def show_library(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()
        if not isinstance(self.screen, LibraryScreen):
            self.pop_screen()

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def warm_up(self) -> None:
        """Load the word-frequency tables and the sense model off the UI thread, before the first
        gloss needs them."""
        from reader.lexicon.senses.model import load_model  # lazy: numpy (~0.1 s)

        zipf("warm")
        warm_native(self.config.native_lang)  # the learner's language's word frequencies
        load_model()  # the sense ranker's arrays, before the first sentence is glossed
        stem("warming")  # NLTK's stemmer for circular definitions: ~0.2 s to import
        import reader.ui.screens.stats  # noqa: F401  (plotext, ~0.1 s: before the first S)

        if self.lexicon_ready:
            with worker_db(self.db_path) as db:
                ensure_idioms(db)  # a new release may ship more idioms
            self.load_phrases()
        self.count_stats()
        settle_heap()  # what was just loaded lives as long as the app: out of the collector's way

    def count_stats(self) -> None:
        """Count the stats screen's figures ahead (on a worker thread): S then shows them at
        once, and its own worker counts again only if the logs moved since."""
        try:
            with worker_db(self.db_path) as db:
                mark = history_mark(db)
                self.stats_counted = (mark, compute(db, estimate=False))
        except Exception as exc:  # the screen counts for itself then
            log_failure(exc, "count the stats ahead")

    def load_phrases(self) -> None:
        """Build the multi-word term index (on a worker thread, with its own connection)."""
        with worker_db(self.db_path) as db:
            phrases = PhraseIndex.from_db(db, self.lang)
        settle_heap()
        self.phrases = phrases
        self.post_message(PhrasesReady(phrases))

    # -- the first run (reader.ui.first_run_flow) and the catch-up (reader.ui.catch_up) --------

    def on_first_run_needed(self, message: FirstRunNeeded) -> None:
        self.first_run.needed(message)

    def on_first_run_applied(self, message: FirstRunApplied) -> None:
        self.first_run.applied(message)

    @work(thread=True, group="catch-up", exit_on_error=False)
    def catch_up(self) -> None:
        """Count what study lists need for texts not counted against today's phrases."""
        self._catch_up.run(lambda: self._quitting)

    def catching_up_now(self) -> bool:
        """Whether the background catch-up's process is running."""
        return self._catch_up.running()

    def on_catching_up(self, message: CatchingUp) -> None:
        self.catching_up = message if message.total else None
        for screen in self.screen_stack:
            shown = getattr(screen, "catching_up_changed", None)
            if callable(shown):
                shown()

    @work(thread=True, group="met", exit_on_error=False)
    def count_met(self, key: str) -> None:
        """Count how often the library has ``key`` for the word's entry (a few ms, off the UI
        thread), then have the entry redrawn."""
        try:
            with worker_db(self.db_path) as db:
                self.met_counts.count(db, key)
        except Exception as exc:  # the entry simply goes without its count
            log_failure(exc, f"count {key!r} in the library")
            return
        self.post_message(MetCounted(key))

    def on_met_counted(self, message: MetCounted) -> None:
        for screen in self.app_screens():
            screen.met_counted(message.key)

    def _senses_built(self, text_id: int) -> None:
        self.post_message(SensesReady(text_id))  # from the pass's thread: a message is safe

    def on_senses_ready(self, message: SensesReady) -> None:
        for screen in self.app_screens():
            screen.senses_ready(message.text_id)

    def on_phrases_ready(self, message: object) -> None:
        for screen in self.app_screens():
            screen.phrases_ready()
        self.catch_up()  # texts from before, or counted against another set of phrases

    def app_screens(self) -> list[AppScreen[Any]]:
        """The screens on the stack that take the app's news (:class:`AppScreen`'s hooks)."""
        return [screen for screen in self.screen_stack if isinstance(screen, AppScreen)]


def make_app(
    db_path: Path,
    target: int | Loaded | None = None,
    lang: str = "en",
    config: Config | None = None,
    review: tuple[str, ...] | None = None,
    ask_language: bool = False,
) -> SentencesApp:
    return SentencesApp(
        db_path, target=target, lang=lang, config=config, review=review, ask_language=ask_language
    )
