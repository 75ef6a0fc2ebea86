"""A reading session: the focused sentence, the word cursor, and the learner's marks on its words.

This is the reading screen without the screen, so its behaviour is tested without a terminal and
the UI only draws what it exposes. Every change is written to the database at once, so quitting at
any moment loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from reader.config import Config
from reader.learn import progress
from reader.learn.glossing import NAME_POS, UNGLOSSED_POS, GlossEntry, gloss_entry
from reader.learn.status import (
    NEW,
    TermState,
    get_terms,
    needs_gloss,
    set_gloss,
    set_status,
    set_statuses,
)
from reader.learn.texts import SentenceRow, TextInfo, TokenRow, get_text, sentence_at, tokens_of
from reader.lexicon.frequency import rank_threshold

OPEN_CLASS_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "INTJ"})


@dataclass(frozen=True)
class GlossRow:
    """One line of the glosses panel."""

    token_idx: int
    surface: str
    entry: GlossEntry


class ReadingSession:
    def __init__(self, db: sqlite_utils.Database, text_id: int, config: Config | None = None):
        self.db = db
        self.config = config or Config()
        self.info: TextInfo = get_text(db, text_id)
        self.text_id = text_id
        self.count = self.info.sentences
        self.index = min(progress.get_position(db, text_id), max(0, self.count - 1))
        self.sentence: SentenceRow | None = None
        self.tokens: list[TokenRow] = []
        self.states: dict[str, TermState] = {}
        self.cursor = 0  # index into word_positions
        self._load()
        if self.count:
            progress.set_position(db, text_id, self.index)

    # -- navigation ---------------------------------------------------------------------------

    def goto(self, index: int) -> bool:
        """Focus sentence ``index`` (clamped); returns whether the focus moved."""
        index = max(0, min(index, self.count - 1))
        if index == self.index and self.sentence is not None:
            return False
        self.index = index
        self._load()
        progress.set_position(self.db, self.text_id, self.index)
        return True

    def move(self, delta: int) -> bool:
        return self.goto(self.index + delta)

    def context(self, before: int, after: int) -> tuple[list[SentenceRow], list[SentenceRow]]:
        """The sentences around the focus, for the dimmed lines above and below it."""
        from reader.learn.texts import sentences_between

        rows = sentences_between(self.db, self.text_id, self.index - before, self.index + after)
        return [r for r in rows if r.idx < self.index], [r for r in rows if r.idx > self.index]

    @property
    def word_positions(self) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.is_word]

    def move_cursor(self, delta: int) -> None:
        words = self.word_positions
        if words:
            self.cursor = max(0, min(self.cursor + delta, len(words) - 1))
            token = self.current_token
            if token is not None and token.term_key and self.sentence is not None:
                progress.log_lookup(self.db, token.term_key, self.text_id, self.sentence.id)

    @property
    def current_token(self) -> TokenRow | None:
        words = self.word_positions
        if not words:
            return None
        return self.tokens[words[min(self.cursor, len(words) - 1)]]

    # -- statuses -----------------------------------------------------------------------------

    def state_of(self, token: TokenRow) -> TermState:
        key = token.term_key or ""
        return self.states.get(key, TermState(key))

    def set_current_status(self, status: int) -> TermState | None:
        token = self.current_token
        if token is None or not token.term_key:
            return None
        state = set_status(self.db, token.term_key, status, self.info.lang, pos=token.pos)
        self._refresh_states()
        return state

    def mark_rest_known(self) -> int:
        """Every word of the sentence still new becomes known (Lute's "mark rest as known")."""
        from reader.learn.status import KNOWN

        keys = {
            t.term_key
            for t in self.tokens
            if t.is_word and t.term_key and self.state_of(t).status == NEW
        }
        count = set_statuses(self.db, keys, KNOWN, self.info.lang) if keys else 0
        self._refresh_states()
        return count

    def set_current_gloss(self, gloss: str | None) -> TermState | None:
        token = self.current_token
        if token is None or not token.term_key:
            return None
        state = set_gloss(self.db, token.term_key, gloss, self.info.lang)
        self._refresh_states()
        return state

    def mark_sentence(self, mark: str) -> None:
        if self.sentence is not None:
            progress.mark_sentence(self.db, self.sentence.id, mark)

    # -- glosses ------------------------------------------------------------------------------

    def wants_gloss(self, token: TokenRow) -> bool:
        """New and learning words, leaving out names, numbers and punctuation; closed-class words
        only when a source has something to say about them; and, if the learner set a frequency
        threshold, only words rarer than it."""
        if not token.is_word or not token.term_key or token.pos in NAME_POS | UNGLOSSED_POS:
            return False
        state = self.state_of(token)
        if not needs_gloss(state.status):
            return False
        threshold = self.config.gloss_rarer_than
        return not (threshold and state.status == NEW and rank_threshold(token.term_key, threshold))

    def gloss_rows(self) -> list[GlossRow]:
        rows: list[GlossRow] = []
        seen: set[str] = set()
        for i, token in enumerate(self.tokens):
            if not self.wants_gloss(token) or token.term_key in seen:
                continue
            entry = self.entry_for(token)
            if token.pos not in OPEN_CLASS_POS and not entry.senses:
                continue
            seen.add(token.term_key or "")
            rows.append(GlossRow(i, token.text, entry))
        return rows

    def entry_for(self, token: TokenRow) -> GlossEntry:
        return gloss_entry(
            self.db, token.term_key or token.text, pos=token.pos, lang=self.info.lang
        )

    # -- internals ----------------------------------------------------------------------------

    def _load(self) -> None:
        self.sentence = sentence_at(self.db, self.text_id, self.index)
        self.tokens = tokens_of(self.db, self.sentence.id) if self.sentence else []
        self.cursor = 0
        self._refresh_states()

    def _refresh_states(self) -> None:
        keys = [t.term_key for t in self.tokens if t.term_key]
        self.states = get_terms(self.db, keys, self.info.lang)
