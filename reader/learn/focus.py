"""The sentence in focus: its words, the cursor over them, and the learner's marks on them.

The core of a :class:`reader.learn.session.ReadingSession`, which adds the way through the text
(the position, reading ahead, the sentences' own marks). What the learner sets here is kept in
:class:`~reader.learn.marks.Marks` and written through the ``writes`` sink; the entries the
glosses panel shows are kept in :class:`~reader.learn.entries.EntryCache`.

The cursor moves over *units* (:mod:`reader.learn.units`): single words, and multi-word terms
matched as one unit ("shoring up", "took it over"). Turning phrases off steps through the single
words instead.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import sqlite_utils

from reader.config import Config
from reader.learn import progress
from reader.learn.choice import Choice
from reader.learn.entries import EntriesRequest, EntryCache, FoundEntries
from reader.learn.events import Met
from reader.learn.glossing import GlossEntry
from reader.learn.marks import Marks
from reader.learn.phrases import PhraseIndex
from reader.learn.status import IGNORED, KNOWN, NEW, TermState, get_terms, normalize_key
from reader.learn.text_senses import evidence_for
from reader.learn.texts import SentenceRow, TextInfo, TokenRow, sentence_at, tokens_of
from reader.learn.units import (
    OPEN_CLASS_POS,
    GlossRow,
    Unit,
    gloss_wanted,
    unit_entry,
    units_of,
)
from reader.lexicon.lookup import Gloss
from reader.store.migrations import now
from reader.store.writer import WriteSink


class Focus:
    def __init__(
        self,
        db: sqlite_utils.Database,
        info: TextInfo,
        config: Config,
        phrases: PhraseIndex | None,
        writes: WriteSink,
    ) -> None:
        self.db = db
        self.writes = writes
        self.config = config
        self.info = info
        self.text_id = info.id
        self.phrases = phrases
        self.phrases_on = True
        self.marks = Marks(info.id, info.lang, config)
        self.cache = EntryCache()
        # Counts the changes that make entries stale (a move, a gloss, a chosen sense, other
        # multi-word terms...): a sentence read ahead before one is of no use.
        self.generation = 0
        self.sentence: SentenceRow | None = None
        self.tokens: list[TokenRow] = []
        self.units: list[Unit] = []
        self.states: dict[str, TermState] = {}
        self.cursor = 0  # index into units
        self.selection: int | None = None  # unit index where a span selection started
        # Where an entry not worked out yet is looked up: here (the command line, a worker's
        # preview), or, on the reading screen (False), by a worker the screen asks
        # (:meth:`entries_request`), the rows showing it pending until :meth:`take_entries`.
        self.lookups_here = True
        self.cursor_placed = False  # the cursor is where the sentence put it, not the learner

    # -- the cursor over the units --------------------------------------------------------------

    def move_cursor(self, delta: int) -> None:
        if self.units:
            self.cursor_placed = False
            self.cursor = max(0, min(self.cursor + delta, len(self.units) - 1))
            unit = self.current_unit
            if unit is not None and self.sentence is not None and self.selection is None:
                key, text_id, sentence_id = unit.key, self.text_id, self.sentence.id
                stamp = now()
                self.writes.submit(
                    lambda db: progress.log_lookup(db, key, text_id, sentence_id, stamp),
                    label=f"lookup of “{key}”",
                )

    @property
    def current_unit(self) -> Unit | None:
        if not self.units:
            return None
        return self.units[min(self.cursor, len(self.units) - 1)]

    @property
    def current_token(self) -> TokenRow | None:
        unit = self.current_unit
        return self.tokens[unit.token_idxs[0]] if unit is not None else None

    def unit_of_token(self) -> dict[int, Unit]:
        return {i: unit for unit in self.units for i in unit.token_idxs}

    def set_phrases(self, phrases: PhraseIndex | None) -> None:
        self.phrases = phrases
        self._build_units()

    def toggle_phrases(self) -> bool:
        self.phrases_on = not self.phrases_on
        self._build_units()
        return self.phrases_on

    # -- statuses, glosses and senses (reader.learn.marks) --------------------------------------

    def state_of_key(self, key: str) -> TermState:
        return self.marks.mine.get(key) or self.states.get(key, TermState(key))

    def state_of(self, token: TokenRow) -> TermState:
        return self.state_of_key(token.term_key or "")

    def set_current_status(self, status: int) -> TermState | None:
        unit = self.current_unit
        if unit is None:
            return None
        self.cursor_placed = False  # the learner acted on this word: the cursor stays
        key = normalize_key(unit.key)
        met = self.met(unit.token_idxs)
        old = self.state_of_key(key)
        state = self.marks.set_status(
            self.writes, key, status, old.gloss, pos=unit.pos, met=met, gloss_pos=old.gloss_pos
        )
        self._refresh_states()
        return state

    def met(self, token_idxs: tuple[int, ...] | list[int]) -> Met | None:
        """Where the tokens are: the sentence a new review card of their term keeps."""
        if self.sentence is None or not token_idxs:
            return None
        first, last = self.tokens[min(token_idxs)], self.tokens[max(token_idxs)]
        return Met(self.sentence.id, first.start, last.end)

    def mark_rest_known(self) -> int:
        """Every word and multi-word term of the sentence still new becomes known (Lute's
        "mark rest as known"); names and numbers are not terms to know."""
        keys = {
            t.term_key
            for t in self.tokens
            if t.is_word and t.term_key and self.state_of(t).status == NEW
        }
        keys |= {
            u.key for u in self.units if u.is_phrase and self.state_of_key(u.key).status == NEW
        }
        if not keys:
            return 0
        chosen = sorted({normalize_key(k) for k in keys if k})
        states = [replace(self.state_of_key(key), status=KNOWN) for key in chosen]
        self.marks.set_statuses(self.writes, states)
        self._refresh_states()
        return len(chosen)

    def set_current_gloss(self, gloss: str | None) -> TermState | None:
        unit = self.current_unit
        if unit is None:
            return None
        self.cursor_placed = False  # the learner acted on this word: the cursor stays
        key = normalize_key(unit.key)
        state = self.marks.set_gloss(
            self.writes,
            key,
            gloss,
            self.state_of_key(key).status,
            None if unit.is_phrase else unit.pos,
        )
        self.forget_glosses()
        self._refresh_states()
        return state

    def choose_current_sense(self, sense: Gloss | None) -> Choice | None:
        """Make ``sense`` the learner's meaning of the term under the cursor (None: undo the
        choice). It replaces their own gloss; the write goes to the writer."""
        unit = self.current_unit
        if unit is None:
            return None
        self.cursor_placed = False
        key = normalize_key(unit.key)
        state = self.state_of_key(key)
        pos = None if unit.is_phrase else unit.pos
        choice = self.marks.choose(self.writes, key, sense, state.status, pos, state)
        self.forget_glosses()
        if choice is not None:
            self._refresh_states()
        return choice

    def chosen_gloss(self, unit: Unit) -> str | None:
        """The text of the sense the learner chose for ``unit``'s term, if they chose one."""
        choice = self.marks.chosen(self.db, normalize_key(unit.key))
        return choice.gloss if choice else None

    # -- the words that need attention ----------------------------------------------------------

    def attention_keys(self) -> set[str]:
        """The terms that need attention: those the glosses panel lists (new or being learned,
        and a word to learn: not a name, a number, or a closed-class word with no gloss)."""
        return {row.unit.key for row in self.gloss_rows()}

    def needs_attention(self, unit: Unit) -> bool:
        return unit.key in self.attention_keys()

    def first_attention(self) -> int:
        """Where the cursor starts: the first unit that needs attention and has a word the
        learner does not know yet; else the first that needs attention; else the first.

        A glossed term may be made of known words only ("at the same time", "for now" after a
        head start), or be a closed-class word that a bilingual dictionary translates ("the":
        "der, die, das"): both stay in the panel and Tab stops on them, but starting there put
        the cursor on words the learner reads without help."""
        keys = self.attention_keys()
        wanted = [n for n, unit in enumerate(self.units) if unit.key in keys]
        fresh = (n for n in wanted if self._has_unknown_word(self.units[n]))
        return next(fresh, wanted[0] if wanted else 0)

    def _has_unknown_word(self, unit: Unit) -> bool:
        """A word of an open class, or a phrase with such a word not known ("at the same time"
        is known words around a "the" that may never have been marked)."""
        if not unit.is_phrase:
            return unit.pos in OPEN_CLASS_POS
        words = [self.tokens[i] for i in unit.token_idxs if self.tokens[i].is_word]
        content = [t for t in words if t.pos in OPEN_CLASS_POS] or words
        return any(self.state_of(token).status not in (KNOWN, IGNORED) for token in content)

    def move_to_attention(self, delta: int) -> bool:
        """Move the cursor to the next (``delta`` 1) or previous (-1) unit needing attention;
        returns whether there was one."""
        keys = self.attention_keys()
        number = self.cursor + delta
        while 0 <= number < len(self.units):
            if self.units[number].key in keys:
                self.move_cursor(number - self.cursor)
                return True
            number += delta
        return False

    # -- making a term of a span ----------------------------------------------------------------

    def start_selection(self) -> None:
        self.selection = self.cursor
        self.cursor_placed = False

    def cancel_selection(self) -> None:
        self.selection = None

    def selected_tokens(self) -> list[int]:
        """Token indexes from the selection's start to the cursor, inclusive."""
        if self.selection is None or not self.units:
            return []
        first, last = sorted((self.selection, self.cursor))
        start = self.units[first].token_idxs[0]
        end = max(self.units[last].token_idxs)
        return list(range(start, end + 1))

    def selected_key(self) -> str | None:
        """The term key of the selected span: its words' lemmas, lowercased."""
        words = [self.tokens[i] for i in self.selected_tokens() if self.tokens[i].is_word]
        if len(words) < 2:
            return None
        return normalize_key(" ".join(t.lemma for t in words))

    def make_term_of_selection(self, gloss: str | None, status: int = 1) -> TermState | None:
        """The selected span becomes a term of its own, tracked and matched like any phrase."""
        key = self.selected_key()
        met = self.met(self.selected_tokens())
        self.selection = None
        if key is None:
            return None
        old = self.state_of_key(key).gloss
        state = self.marks.new_term(self.writes, key, status, gloss, met, old)
        if self.phrases is None:
            self.phrases = PhraseIndex([])
        self.phrases = self.phrases.with_phrase(key)  # a new index: a worker may be reading it
        self._build_units()
        for number, unit in enumerate(self.units):
            if unit.key == key:
                self.cursor = number
        self.cursor_placed = False
        self._refresh_states()
        return state

    # -- glosses (reader.learn.entries) ---------------------------------------------------------

    def wants_gloss(self, unit: Unit) -> bool:
        """See :func:`gloss_wanted`."""
        return gloss_wanted(
            self.tokens, unit, self.state_of_key(unit.key), self.config.gloss_rarer_than
        )

    def gloss_rows(self) -> list[GlossRow]:
        """The glosses panel's rows: each term of the sentence that :meth:`wants_gloss`, once.

        Kept until the sentence or the learner's marks change (see :meth:`forget_glosses`): the
        panel, the cursor's start and the scrolling all ask for them on every move. Without
        :attr:`lookups_here`, a row whose entry is not here yet is pending."""
        if self.lookups_here:
            return self.cache.rows(self.units, self.wants_gloss, self.entry_for_unit)
        return self.cache.rows(self.units, self.wants_gloss, self.known_entry, self._pending)

    def entry_for_unit(self, unit: Unit) -> GlossEntry:
        """``unit``'s entry in the focused sentence, as the learner left it (looked up here if
        it is not known yet: never on the reading screen's thread, see :meth:`known_entry`)."""
        entry = self.cache.entry(unit, self._look_up)
        return self.marks.entry_as_left(entry, normalize_key(unit.key))

    def known_entry(self, unit: Unit) -> GlossEntry | None:
        """``unit``'s entry as the learner left it, if it is known; else None, and without
        :attr:`lookups_here` the miss is noted for :meth:`entries_request`."""
        if self.lookups_here:
            return self.entry_for_unit(unit)
        entry = self.cache.known(unit)
        return self.marks.entry_as_left(entry, normalize_key(unit.key)) if entry else None

    def _pending(self, unit: Unit) -> GlossEntry:
        """What a row shows before its entry comes: the term in its status colour, and the
        learner's own gloss if they wrote one."""
        key = normalize_key(unit.key)
        entry = GlossEntry(key, None if unit.is_phrase else unit.pos,
                           status=self.state_of_key(unit.key).status)  # fmt: skip
        return self.marks.entry_as_left(entry, key)

    def entries_request(self) -> EntriesRequest | None:
        """The entries missed since the last request, for a worker to look up (None: none)."""
        units = self.cache.to_ask()
        if not units:
            return None
        return EntriesRequest(
            epoch=self.cache.epoch,
            units=tuple(units),
            tokens=tuple(self.tokens),
            lang=self.info.lang,
            native_lang=self.config.native_lang,
            choices=MappingProxyType(dict(self.marks.choices)),
            evidence=evidence_for(self.db, self.text_id),
        )

    def take_entries(self, found: FoundEntries) -> bool:
        """A worker's entries; False if they came too late (the sentence or what its entries
        are made of changed since they were asked for). The cursor the sentence placed moves
        to the first word needing attention, now that the rows are known."""
        if not self.cache.fill(found):
            return False
        if self.cursor_placed:
            self.cursor = self.first_attention()
        return True

    def _look_up(self, unit: Unit) -> GlossEntry:
        return unit_entry(
            self.db, self.tokens, unit, self.info.lang, self.config.native_lang,
            self.marks.choices, evidence_for(self.db, self.text_id),
        )  # fmt: skip

    def forget_glosses(self) -> None:
        """Work the entries out again: what they are made of changed (a move, a gloss, a
        chosen sense, a translation that came into the cache, the lexicon, the settings).
        A sentence read ahead before the change is of no use any more."""
        self.cache.forget()
        self.generation += 1

    # -- internals ------------------------------------------------------------------------------

    def load(self, index: int) -> None:
        """Focus sentence ``index``, read from the database."""
        self.forget_glosses()
        self.sentence = sentence_at(self.db, self.text_id, index)
        self.tokens = tokens_of(self.db, self.sentence.id) if self.sentence else []
        self.cursor = 0
        self.selection = None
        self.units = []
        self._build_units()
        self.cursor = self.first_attention()
        self.cursor_placed = True

    def _build_units(self) -> None:
        current = self.current_token if self.units else None
        units = units_of(self.tokens, self.phrases if self.phrases_on else None)
        self.units = units
        self.generation += 1  # cut with other multi-word terms: a read-ahead is stale
        if current is not None:
            position = self.tokens.index(current)
            for number, unit in enumerate(units):
                if position in unit.token_idxs:
                    self.cursor = number
                    break
        self.cursor = min(self.cursor, max(0, len(units) - 1))
        self._refresh_states()

    def _refresh_states(self) -> None:
        keys = [t.term_key for t in self.tokens if t.term_key] + [u.key for u in self.units]
        self.states = self.marks.over(get_terms(self.db, keys, self.info.lang))
        self.cache.restate()  # the entries stay: statuses and own glosses are laid over them
