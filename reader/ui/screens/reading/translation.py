"""The line under the sentence: the learner's own translation (key ``t``), else the machine's.

Under the focused sentence the reader shows the learner's own translation of it when they wrote
one, else a machine translation into their language (``native_lang``), labelled as such. The
words the sentence glosses, and the word under the cursor, are translated too: once cached, the
translation is one of their glosses, after dictionaries into the learner's language
(:mod:`reader.learn.native`).

Machine translation runs in workers with their own connections (the cache is read and written
there), each with the engine's timeout: a key never waits on a service. A sentence is
translated once, then read from the cache. Going offline is said once; reading goes on.

The line is a widget that owns that work: its workers post to it, it redraws itself, and it
posts :class:`TranslationLine.WordsTranslated` up to the screen when the glosses have more to
show.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static

from reader.errors import describe
from reader.learn.session import ReadingSession
from reader.learn.status import normalize_key
from reader.ui.base import cancelled, sentences_app, worker_db
from reader.ui.guard import saves
from reader.ui.messages import TranslationReady
from reader.ui.screens.prompt import PromptScreen

WORD_DELAY_S = 0.35  # the cursor passing over a word does not send it to the service
LABEL_STYLE = "dim italic"


class TranslationLine(Static):
    """Shows the focused sentence's translation, and asks for the machine's."""

    class WordsTranslated(Message):
        """A word's translation came into the cache: its gloss can show it now."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.session: ReadingSession | None = None  # the screen's, once loaded
        self._sentence_mt: dict[int, str] = {}  # sentence index -> machine translation
        self._words_asked: set[str] = set()  # term keys sent to be translated this visit

    # -- what is shown ------------------------------------------------------------------------

    def machine_translation_on(self) -> bool:
        config = sentences_app(self).config
        return bool(config.native_lang) and config.translate_engine != "none"

    def show(self) -> None:
        """The learner's translation, else the machine's, else nothing (hidden)."""
        session = self.session
        if session is None:
            return
        own = session.own_translation()
        if own:
            self.update(Text.assemble(("your translation  ", LABEL_STYLE), (own, "bold")))
            self.display = True
            return
        machine = self._sentence_mt.get(session.index)
        if machine:
            engine = sentences_app(self).config.translate_engine
            self.update(
                Text.assemble((f"machine translation ({engine})  ", LABEL_STYLE), (machine, ""))
            )
            self.display = True
            return
        if self.display:  # hidden already, as on most sentences: nothing to lay out again
            self.update("")
            self.display = False

    # -- asking for translations --------------------------------------------------------------

    def request(self) -> None:
        """After a move: translate the sentence, and the words it glosses, if not done yet."""
        session = self.session
        if session is None or session.sentence is None or not self.machine_translation_on():
            return
        if session.own_translation() is None and session.index not in self._sentence_mt:
            self.translate_sentence(session.index, session.sentence.text, session.info.lang)
        keys = [normalize_key(u.key) for u in session.units if session.wants_gloss(u)]
        keys = [k for k in dict.fromkeys(keys) if k not in self._words_asked]
        if keys:
            self._words_asked.update(keys)
            self.translate_words(keys, session.info.lang)

    def request_word(self) -> None:
        """After a cursor move: the word under it too (after a pause, so passing over is free)."""
        session = self.session
        unit = session.current_unit if session is not None else None
        if session is None or unit is None or not self.machine_translation_on():
            return
        key = normalize_key(unit.key)
        if key not in self._words_asked:
            self._words_asked.add(key)
            self.translate_cursor_word(key, session.info.lang)

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
                self._words_asked.difference_update(keys)  # a later sentence asks again
                return
            self._translate_in_worker("word", None, key, source)

    @work(thread=True, exclusive=True, group="translate-cursor", exit_on_error=False)
    def translate_cursor_word(self, key: str, source: str) -> None:
        import time

        from textual.worker import get_current_worker

        time.sleep(WORD_DELAY_S)
        if get_current_worker().is_cancelled:
            self._words_asked.discard(key)
            return
        self._translate_in_worker("word", None, key, source)

    def _translate_in_worker(self, kind: str, index: int | None, text: str, source: str) -> None:
        # lazy: translation loads requests (~0.07 s)
        from reader.translate import TranslationError, translate

        app = sentences_app(self)
        config = app.config
        try:
            with worker_db(app.db_path) as db:
                result = translate(db, text, config.native_lang, source=source, config=config)
        except TranslationError as exc:
            self.post_message(TranslationReady(kind, index, text, None, str(exc), exc.network))
            return
        except Exception as exc:  # a bug or a damaged cache must not take the reader down
            self.post_message(TranslationReady(kind, index, text, None, describe(exc), False))
            return
        if not cancelled():
            self.post_message(TranslationReady(kind, index, text, result.translation, "", False))

    def on_translation_ready(self, message: TranslationReady) -> None:
        message.stop()
        if message.translation is None:
            self._tell_once(message.error, message.network)
            return
        if message.kind == "sentence" and message.index is not None:
            self._sentence_mt[message.index] = message.translation
            self.show()
        elif message.kind == "word":
            self.post_message(self.WordsTranslated())

    def _tell_once(self, error: str, network: bool) -> None:
        """Offline (or refused) is said once per run, then the reader goes on without it."""
        app = sentences_app(self)
        if app.translation_told:
            return
        app.translation_told = True
        what = "Machine translation is unavailable" if network else "No machine translation"
        self.notify(f"{what}: {error}. Reading goes on.", timeout=6, markup=False)

    # -- the learner's own translation --------------------------------------------------------

    def ask_own(self) -> None:
        """Key ``t``: the learner writes their own translation, the machine's as a hint."""
        session = self.session
        if session is None or session.sentence is None:
            return
        current = session.own_translation() or ""
        hint = self._sentence_mt.get(session.index, "")
        self.app.push_screen(
            PromptScreen(
                f"Your translation of sentence {session.index + 1}",
                current,
                hint or "the sentence in your own words…",
            ),
            self.save_translation,
        )

    @saves
    def save_translation(self, value: str | None) -> None:
        if value is None or self.session is None:
            return
        self.session.set_own_translation(value)
        self.show()
