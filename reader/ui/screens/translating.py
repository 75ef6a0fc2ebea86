"""Translations in the reading screen: the learner's own (key ``t``) and machine translation.

Under the focused sentence the reader shows the learner's own translation of it when they wrote
one, else a machine translation into their language (``native_lang``), labelled as such. The
words the sentence glosses, and the word under the cursor, are translated too: once cached, the
translation is one of their glosses, after dictionaries into the learner's language
(:mod:`reader.learn.native`).

Machine translation runs in workers with their own connections (the cache is read and written
there), each with the engine's timeout: a key never waits on a service. A sentence is
translated once, then read from the cache. Going offline is said once; reading goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.screen import Screen
from textual.widgets import Static

from reader.learn.status import normalize_key
from reader.ui.messages import TranslationReady
from reader.ui.screens.prompt import PromptScreen

if TYPE_CHECKING:
    from reader.learn.session import ReadingSession
    from reader.ui.app import SentencesApp

WORD_DELAY_S = 0.35  # the cursor passing over a word does not send it to the service
LABEL_STYLE = "dim italic"


class TranslationMixin(Screen[None]):
    """Mixed into the reading screen, which provides ``session`` and ``sentences_app``."""

    session: ReadingSession | None
    _sentence_mt: dict[int, str] | None = None  # sentence index -> machine translation
    _words_asked: set[str] | None = None  # term keys sent to be translated this visit

    if TYPE_CHECKING:

        @property
        def sentences_app(self) -> SentencesApp: ...  # provided by the screen

    # -- what is shown ------------------------------------------------------------------------

    def machine_translation_on(self) -> bool:
        config = self.sentences_app.config
        return bool(config.native_lang) and config.translate_engine != "none"

    def refresh_translation(self) -> None:
        """The line under the sentence: the learner's translation, else the machine's."""
        session = self.session
        widget = self.query_one("#translation", Static)
        if session is None:
            return
        own = session.own_translation()
        if own:
            widget.update(Text.assemble(("your translation  ", LABEL_STYLE), (own, "bold")))
            widget.display = True
            return
        machine = (self._sentence_mt or {}).get(session.index)
        if machine:
            engine = self.sentences_app.config.translate_engine
            widget.update(
                Text.assemble((f"machine translation ({engine})  ", LABEL_STYLE), (machine, ""))
            )
            widget.display = True
            return
        if widget.display:  # hidden already, as on most sentences: nothing to lay out again
            widget.update("")
            widget.display = False

    # -- asking for translations --------------------------------------------------------------

    def request_translations(self) -> None:
        """After a move: translate the sentence, and the words it glosses, if not done yet."""
        session = self.session
        if session is None or session.sentence is None or not self.machine_translation_on():
            return
        if session.own_translation() is None and session.index not in (self._sentence_mt or {}):
            self.translate_sentence(session.index, session.sentence.text, session.info.lang)
        keys = [normalize_key(u.key) for u in session.units if session.wants_gloss(u)]
        keys = [k for k in dict.fromkeys(keys) if k not in self._asked()]
        if keys:
            self._asked().update(keys)
            self.translate_words(keys, session.info.lang)

    def request_word_translation(self) -> None:
        """After a cursor move: the word under it too (after a pause, so passing over is free)."""
        session = self.session
        unit = session.current_unit if session is not None else None
        if session is None or unit is None or not self.machine_translation_on():
            return
        key = normalize_key(unit.key)
        if key not in self._asked():
            self._asked().add(key)
            self.translate_cursor_word(key, session.info.lang)

    def _asked(self) -> set[str]:
        if self._words_asked is None:
            self._words_asked = set()
        return self._words_asked

    @work(thread=True, exclusive=True, group="translate-sentence", exit_on_error=False)
    def translate_sentence(self, index: int, text: str, source: str) -> None:
        self._translate_in_worker("sentence", index, text, source)

    @work(thread=True, exclusive=True, group="translate-words", exit_on_error=False)
    def translate_words(self, keys: list[str], source: str) -> None:
        """The sentence's glossed words, one by one; each shows in the glosses as it comes."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        for key in keys:
            if worker.is_cancelled:
                self._asked().difference_update(keys)  # a later sentence asks again
                return
            self._translate_in_worker("word", None, key, source)

    @work(thread=True, exclusive=True, group="translate-cursor", exit_on_error=False)
    def translate_cursor_word(self, key: str, source: str) -> None:
        import time

        from textual.worker import get_current_worker

        time.sleep(WORD_DELAY_S)
        if get_current_worker().is_cancelled:
            self._asked().discard(key)
            return
        self._translate_in_worker("word", None, key, source)

    def _translate_in_worker(self, kind: str, index: int | None, text: str, source: str) -> None:
        from reader.errors import describe
        from reader.store import open_db
        from reader.translate import TranslationError, translate

        app = self.sentences_app
        config = app.config
        try:
            db = open_db(app.db_path, migrate_schema=False)
            try:
                result = translate(db, text, config.native_lang, source=source, config=config)
            finally:
                db.close()
        except TranslationError as exc:
            self.post_message(TranslationReady(kind, index, text, None, str(exc), exc.network))
            return
        except Exception as exc:  # a bug or a damaged cache must not take the reader down
            self.post_message(TranslationReady(kind, index, text, None, describe(exc), False))
            return
        self.post_message(TranslationReady(kind, index, text, result.translation, "", False))

    def on_translation_ready(self, message: TranslationReady) -> None:
        if message.translation is None:
            self._tell_once(message.error, message.network)
            return
        if message.kind == "sentence" and message.index is not None:
            if self._sentence_mt is None:
                self._sentence_mt = {}
            self._sentence_mt[message.index] = message.translation
            self.refresh_translation()
        elif message.kind == "word" and self.session is not None:
            self.session.forget_glosses()  # the gloss comes from the cache (reader.learn.native)
            self.refresh_sentence()

    def _tell_once(self, error: str, network: bool) -> None:
        """Offline (or refused) is said once per run, then the reader goes on without it."""
        app = self.sentences_app
        if app.translation_told:
            return
        app.translation_told = True
        what = "Machine translation is unavailable" if network else "No machine translation"
        self.notify(f"{what}: {error}. Reading goes on.", timeout=6, markup=False)

    # -- the learner's own translation --------------------------------------------------------

    def action_translate(self) -> None:
        session = self.session
        if session is None or session.sentence is None:
            return
        current = session.own_translation() or ""
        hint = (self._sentence_mt or {}).get(session.index, "")
        self.app.push_screen(
            PromptScreen(
                f"Your translation of sentence {session.index + 1}",
                current,
                hint or "the sentence in your own words…",
            ),
            self.save_translation,
        )

    def save_translation(self, value: str | None) -> None:
        if value is None or self.session is None:
            return
        self.session.set_own_translation(value)
        self.refresh_translation()

    if TYPE_CHECKING:

        def refresh_sentence(self) -> None: ...  # provided by the screen
