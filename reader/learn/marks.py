"""What the learner set while reading, kept ahead of the database while the writer catches up.

One part of a :class:`reader.learn.session.ReadingSession`: the statuses and own glosses of
terms, the senses chosen, how each sentence was judged (understood, partly, not) and the
learner's own translations. Each change is handed to the write sink the session passes in and
kept here at once, so the screen shows it before the writer has saved it.
"""

from __future__ import annotations

from dataclasses import replace

import sqlite_utils

from reader.config import Config
from reader.learn import progress, translations
from reader.learn.choice import Choice, choose_sense, clear_choice, get_choice
from reader.learn.events import Met
from reader.learn.glossing import GlossEntry
from reader.learn.status import TermState, same_pos, set_gloss, set_status, set_statuses
from reader.learn.texts import SentenceRow
from reader.lexicon.lookup import LEARNER_SOURCE, Gloss
from reader.store.migrations import now
from reader.store.writer import WriteSink


class Marks:
    def __init__(self, text_id: int, lang: str, config: Config) -> None:
        self.text_id = text_id
        self.lang = lang
        self.config = config  # the learner's language may change while the text is open
        self.mine: dict[str, TermState] = {}  # statuses and own glosses, by key
        self.choices: dict[str, Choice | None] = {}  # senses chosen (None: undone), by key
        self.sentences: dict[int, str | None] = {}  # sentence marks (None: unmarked again)
        self.translations: dict[int, str | None] = {}  # own translations, by sentence id
        self._sha256: str | None = None

    def preview(self, mine: dict[str, TermState], choices: dict[str, Choice | None]) -> Marks:
        """A copy with the terms' marks a read-ahead was asked with, for a preview."""
        other = Marks(self.text_id, self.lang, self.config)
        other.mine, other.choices = dict(mine), dict(choices)
        other.sentences = dict(self.sentences)
        other.translations = dict(self.translations)
        other._sha256 = self._sha256
        return other

    # -- terms --------------------------------------------------------------------------------

    def over(self, states: dict[str, TermState]) -> dict[str, TermState]:
        """``states`` (read from the database) with the learner's newer ones laid over them."""
        for key in states.keys() & self.mine.keys():
            states[key] = self.mine[key]
        return states

    def set_status(
        self,
        writes: WriteSink,
        key: str,
        status: int,
        gloss: str | None,
        pos: str | None = None,
        met: Met | None = None,
        gloss_pos: str | None = None,
    ) -> TermState:
        lang = self.lang
        writes.submit(
            lambda db: set_status(db, key, status, lang, pos=pos, source="reading", met=met),
            label=f"status of “{key}”",
        )
        state = self.mine[key] = TermState(key, status, gloss, gloss_pos)
        return state

    def set_statuses(self, writes: WriteSink, states: list[TermState]) -> None:
        """Several terms to one status at once (all the same status: "all known")."""
        if not states:
            return
        lang, status, keys = self.lang, states[0].status, [s.key for s in states]
        writes.submit(
            lambda db: set_statuses(db, keys, status, lang, source="reading"),
            label=f"{len(keys)} words marked known",
        )
        for state in states:
            self.mine[state.key] = state

    def set_gloss(
        self, writes: WriteSink, key: str, gloss: str | None, status: int, pos: str | None = None
    ) -> TermState:
        """The learner's own gloss of ``key`` read as ``pos``: it replaces a sense chosen for
        that part of speech, not one chosen for another."""
        lang = self.lang
        writes.submit(lambda db: set_gloss(db, key, gloss, lang, pos), label=f"gloss of “{key}”")
        chosen = self.choices.get(key)
        if chosen is None or same_pos(chosen.pos, pos):
            self.choices[key] = None  # the learner's own words replace a chosen sense
        clean = gloss.strip() if gloss and gloss.strip() else None
        state = self.mine[key] = TermState(key, status, clean, pos if clean else None)
        return state

    def choose(
        self,
        writes: WriteSink,
        key: str,
        sense: Gloss | None,
        status: int,
        pos: str | None = None,
        state: TermState | None = None,
    ) -> Choice | None:
        """``sense`` becomes the learner's meaning of ``key`` read as ``pos`` (None: the choice
        is undone); their own gloss of another part of speech (in ``state``) stays."""
        lang = self.lang
        writes.submit(
            (lambda db: clear_choice(db, key, lang))
            if sense is None
            else (lambda db: choose_sense(db, key, sense, lang, pos)),
            label=f"meaning of “{key}”",
        )
        if sense is None:
            self.choices[key] = None
            return None
        choice = Choice(key, sense.gloss, sense.source, sense.sense_key, pos or sense.pos)
        self.choices[key] = choice
        if state is not None and state.gloss and not same_pos(state.gloss_pos, choice.pos):
            self.mine[key] = TermState(key, status, state.gloss, state.gloss_pos)
        else:
            self.mine[key] = TermState(key, status, None)
        return choice

    def new_term(
        self, writes: WriteSink, key: str, status: int, gloss: str | None, met: Met | None,
        old_gloss: str | None,
    ) -> TermState:  # fmt: skip
        """A span the learner made a term of its own."""
        lang = self.lang

        def write(db: sqlite_utils.Database) -> None:
            set_status(db, key, status, lang, source="reading", met=met)
            if gloss:
                set_gloss(db, key, gloss, lang)

        writes.submit(write, label=f"new term “{key}”")
        clean = gloss.strip() if gloss and gloss.strip() else None
        state = self.mine[key] = TermState(key, status, clean or old_gloss)
        return state

    def chosen(self, db: sqlite_utils.Database, key: str) -> Choice | None:
        if key in self.choices:
            return self.choices[key]
        return get_choice(db, key, self.lang)

    def entry_as_left(self, entry: GlossEntry, key: str) -> GlossEntry:
        """The entry as the learner just left it, even before the writer has saved it."""
        state = self.mine.get(key)
        if state is None:
            return entry
        if entry.lemma != key:  # the lexicon sent a glossless form to another lemma
            if not state.gloss:
                return entry
            entry = replace(entry, lemma=key, senses=[])
        senses = [s for s in entry.senses if s.source != LEARNER_SOURCE]
        mine = state.gloss_for(entry.pos)  # the verb's gloss is not shown for the noun
        if mine:
            senses.insert(0, Gloss(LEARNER_SOURCE, LEARNER_SOURCE, state.key, entry.pos, 0,
                                   mine))  # fmt: skip
        return replace(entry, status=state.status, learner_gloss=mine, senses=senses)

    # -- sentences ----------------------------------------------------------------------------

    def sentence_mark(self, db: sqlite_utils.Database, sentence_id: int) -> str | None:
        if sentence_id not in self.sentences:  # read once per sentence, then kept
            self.sentences[sentence_id] = progress.get_mark(db, sentence_id)
        return self.sentences[sentence_id]

    def mark_sentence(
        self, writes: WriteSink, sentence_id: int, mark: str | None, number: int
    ) -> None:
        """Judge the sentence (None: unmarked again); ``number`` names it for the learner."""
        if mark is None:
            writes.submit(
                lambda db: progress.clear_mark(db, sentence_id),
                label=f"mark of sentence {number}",
            )
        else:
            progress.check_mark(mark)
            stamp = now()
            writes.submit(
                lambda db: progress.mark_sentence(db, sentence_id, mark, stamp),
                label=f"mark of sentence {number}",
            )
        self.sentences[sentence_id] = mark

    def own_translation(self, db: sqlite_utils.Database, sentence: SentenceRow) -> str | None:
        if sentence.id in self.translations:
            return self.translations[sentence.id]
        sha = self.text_sha256(db)
        return translations.get_translation(
            db, sha, sentence.start, sentence.end, self.config.native_lang
        )

    def set_own_translation(
        self, writes: WriteSink, db: sqlite_utils.Database, sentence: SentenceRow,
        text: str | None, number: int,
    ) -> None:  # fmt: skip
        sha, lang = self.text_sha256(db), self.config.native_lang
        start, end = sentence.start, sentence.end
        clean = " ".join((text or "").split()) or None
        writes.submit(
            lambda db: translations.set_translation(db, sha, start, end, clean, lang),
            label=f"your translation of sentence {number}",
        )
        self.translations[sentence.id] = clean

    def text_sha256(self, db: sqlite_utils.Database) -> str:
        if self._sha256 is None:
            self._sha256 = translations.text_sha256(db, self.text_id) or ""
        return self._sha256
