"""A reading session: the focused sentence, the cursor, and the learner's marks on its terms.

This is the reading screen without the screen, so its behaviour is tested without a terminal and
the UI only draws what it exposes. The session keeps its own state in memory (the position, the
statuses and glosses the learner set, the marks) and hands every write to a ``writes`` sink: the
reading screen's is the app's :class:`reader.store.writer.Writer`, a thread, so a key never waits
on the database; without one, writes go straight to the session's connection
(:class:`~reader.store.writer.DirectWrites`). Either way each change is saved as it is made, so
quitting at any moment loses nothing.

The cursor moves over *units*: single words, and multi-word terms matched as one unit ("shoring
up", "took it over"). Turning phrases off steps through the single words instead.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace

import sqlite_utils

from reader.config import Config
from reader.learn import progress, translations
from reader.learn.cards import Met
from reader.learn.choice import Choice, choose_sense, clear_choice, get_choice
from reader.learn.glossing import NAME_POS, UNGLOSSED_POS, GlossEntry, gloss_entry
from reader.learn.phrases import PhraseIndex
from reader.learn.read_ahead import Ahead, AheadRequest
from reader.learn.status import (
    KNOWN,
    NEW,
    TermState,
    get_terms,
    needs_gloss,
    normalize_key,
    set_gloss,
    set_status,
    set_statuses,
)
from reader.learn.texts import SentenceRow, TextInfo, TokenRow, get_text, sentence_at, tokens_of
from reader.lexicon.frequency import rank_threshold
from reader.lexicon.lookup import LEARNER_SOURCE, Gloss
from reader.lexicon.senses import SenseContext
from reader.store.migrations import now
from reader.store.writer import DirectWrites, WriteSink

OPEN_CLASS_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "INTJ"})


@dataclass(frozen=True, slots=True)
class Unit:
    """What the cursor stops on: one word, or a multi-word term."""

    key: str
    token_idxs: tuple[int, ...]
    pos: str
    is_phrase: bool
    surface: str


@dataclass(frozen=True)
class GlossRow:
    """One line of the glosses panel."""

    unit: Unit
    entry: GlossEntry

    @property
    def token_idx(self) -> int:
        return self.unit.token_idxs[0]


def units_of(tokens: Sequence[TokenRow], phrases: PhraseIndex | None) -> list[Unit]:
    """Where the cursor stops in a sentence: the multi-word terms ``phrases`` finds, and the
    words outside them. The reading screen and ``analyze --glosses`` both cut sentences so."""
    matches = phrases.match(tokens) if phrases is not None else []
    starts = {m.token_idxs[0]: m for m in matches}
    covered = {i for m in matches for i in m.token_idxs}
    units: list[Unit] = []
    for i, token in enumerate(tokens):
        match = starts.get(i)
        if match is not None:
            head = tokens[match.token_idxs[0]]
            surface = " ".join(tokens[j].text for j in match.token_idxs)
            units.append(Unit(match.key, match.token_idxs, head.pos, True, surface))
        elif i not in covered and token.is_word and token.term_key:
            units.append(Unit(token.term_key, (i,), token.pos, False, token.text))
    return units


def gloss_wanted(
    tokens: Sequence[TokenRow], unit: Unit, state: TermState, rarer_than: int = 0
) -> bool:
    """New and learning terms, leaving out names, numbers and punctuation; and, if the learner
    set a frequency threshold (``rarer_than``), only words rarer than it."""
    if not glossable(tokens, unit) or not needs_gloss(state.status):
        return False
    return not (
        rarer_than
        and state.status == NEW
        and not unit.is_phrase
        and rank_threshold(unit.key, rarer_than)
    )


def listed_row(unit: Unit, entry: GlossEntry) -> bool:
    """Whether a unit that wants a gloss gets a row: a closed-class word ("the", "of") only
    when some source has a sense for it."""
    return unit.is_phrase or unit.pos in OPEN_CLASS_POS or bool(entry.senses)


def glossable(tokens: Sequence[TokenRow], unit: Unit) -> bool:
    """Names, numbers and punctuation are never glossed as common words, whatever the status."""
    if all(tokens[i].pos in NAME_POS for i in unit.token_idxs):
        return False
    return unit.is_phrase or unit.pos not in UNGLOSSED_POS


def unit_entry(
    db: sqlite_utils.Database,
    tokens: Sequence[TokenRow],
    unit: Unit,
    lang: str = "en",
    native_lang: str | None = None,
    pending: Mapping[str, Choice | None] | None = None,
) -> GlossEntry:
    """The word's entry for ``unit`` read in the sentence ``tokens``: its senses ranked by that
    sentence; a phrase is looked up whole, with no part of speech."""
    return gloss_entry(
        db,
        unit.key,
        pos=unit.pos if not unit.is_phrase else None,
        lang=lang,
        context=SenseContext.of_tokens(tokens, unit.token_idxs),
        native_lang=native_lang,
        pending=pending,
    )


class _Nowhere:
    """The writes of a :meth:`ReadingSession.preview`: it only draws."""

    def submit(self, fn: object, *, label: str, key: Hashable | None = None, **_: object) -> None:
        pass


class ReadingSession:
    def __init__(
        self,
        db: sqlite_utils.Database,
        text_id: int,
        config: Config | None = None,
        phrases: PhraseIndex | None = None,
        writes: WriteSink | None = None,
    ):
        self.db = db
        self.writes: WriteSink = writes or DirectWrites(db)
        self.config = config or Config()
        self.phrases = phrases
        self.phrases_on = True
        self.info: TextInfo = get_text(db, text_id, figures=False)
        self.text_id = text_id
        self.count = self.info.sentences
        self.index = min(progress.get_position(db, text_id), max(0, self.count - 1))
        self.furthest = max(progress.get_furthest(db, text_id) or 0, self.index)
        # What this session changed, ahead of the database while the writer catches up.
        self._mine: dict[str, TermState] = {}
        self._marks: dict[int, str | None] = {}  # None: unmarked again
        self._translations: dict[int, str | None] = {}
        self._sha256: str | None = None
        # sentences read: counted once, those read in this session kept ahead of the writer
        from reader.learn.reading_log import read_count

        self.read_total = read_count(db, text_id)
        self._read_here: set[int] = set()
        self._choices: dict[str, Choice | None] = {}  # senses chosen (None: undone), by key
        # The focused sentence's entries and glosses rows, worked out once per change of the
        # learner's marks (a move, a status, a gloss, a chosen sense) rather than per redraw.
        self._entries: dict[Unit, GlossEntry] = {}
        self._rows: list[GlossRow] | None = None
        # The next sentence read ahead by a worker (reader.learn.read_ahead), taken by goto()
        # if nothing that makes entries changed since it was asked for (_generation counts).
        self._generation = 0
        self._ahead: Ahead | None = None
        self._asked: AheadRequest | None = None
        self._context: tuple[int, int, int, list[SentenceRow], list[SentenceRow]] | None = None
        self._read_before: set[int] = set()  # sentences the database had as read already
        self._taken: Ahead | None = None  # the read-ahead the last move took
        self._taken_generation = 0
        self.sentence: SentenceRow | None = None
        self.tokens: list[TokenRow] = []
        self.units: list[Unit] = []
        self.states: dict[str, TermState] = {}
        self.cursor = 0  # index into units
        self.selection: int | None = None  # unit index where a span selection started
        self._load()
        if self.count:
            self._save_position()

    def use_connection(self, db: sqlite_utils.Database) -> None:
        """Read through ``db`` from now on: a session loaded in a worker moves to the UI thread,
        whose connection it must use (sqlite3 connections belong to one thread)."""
        self.db = db
        if isinstance(self.writes, DirectWrites):
            self.writes = DirectWrites(db)

    # -- navigation ---------------------------------------------------------------------------

    def goto(self, index: int) -> bool:
        """Focus sentence ``index`` (clamped); returns whether the focus moved."""
        index = max(0, min(index, self.count - 1))
        if index == self.index and self.sentence is not None:
            return False
        self.index = index
        ahead, self._ahead = self._ahead, None
        if ahead is not None and self._fits(ahead):
            self._take(ahead)
        else:
            self._load()
            self._taken = None
        self._save_position()
        return True

    def _save_position(self) -> None:
        """Log the sentence as read, and save the position: of quick moves only the last lands."""
        stamp = now()
        text_id, index = self.text_id, self.index
        self.furthest = max(self.furthest, index)
        furthest = self.furthest
        sentence_id = self.sentence.id if self.sentence is not None else None
        self.writes.submit(
            lambda db: progress.log_read(db, text_id, sentence_id, stamp),
            label=f"sentence {index + 1} read",
        )
        self.writes.submit(
            lambda db: progress.save_position(db, text_id, index, furthest, stamp),
            label="your place in the text",
            key=("position", text_id),
        )

    def move(self, delta: int) -> bool:
        return self.goto(self.index + delta)

    def context(self, before: int, after: int) -> tuple[list[SentenceRow], list[SentenceRow]]:
        """The sentences around the focus, for the dimmed lines above and below it."""
        from reader.learn.texts import sentences_between

        known = self._context
        if known is not None and known[:3] == (self.index, before, after):
            return known[3], known[4]
        rows = sentences_between(self.db, self.text_id, self.index - before, self.index + after)
        above, below = (
            [r for r in rows if r.idx < self.index],
            [r for r in rows if r.idx > self.index],
        )
        self._context = (self.index, before, after, above, below)
        return above, below

    # -- reading ahead ------------------------------------------------------------------------

    def ahead_request(self, around: int) -> AheadRequest | None:
        """What a worker needs to read the next sentence ahead (:func:`read_ahead`), or None
        when there is no next sentence, or it is already read or asked for."""
        index = self.index + 1
        if index >= self.count:
            return None
        for known in (self._ahead.request if self._ahead else None, self._asked):
            if (
                known is not None
                and known.index == index
                and known.generation == self._generation
                and known.around == around
            ):
                return None
        self._asked = AheadRequest(
            text_id=self.text_id,
            index=index,
            around=around,
            lang=self.info.lang,
            native_lang=self.config.native_lang,
            translation_lang=self.config.native_lang or "",
            text_sha256=self._text_sha256(),
            phrases=self.phrases if self.phrases_on else None,
            choices=dict(self._choices),
            mine=dict(self._mine),
            gloss_rarer_than=self.config.gloss_rarer_than,
            generation=self._generation,
        )
        return self._asked

    def preview(self, ahead: Ahead, db: sqlite_utils.Database) -> ReadingSession:
        """The session as the key that moves to ``ahead``'s sentence will leave it, reading
        through ``db`` and writing nowhere: for a worker to draw that sentence's first frame
        ahead of the key. The learner's marks are those ``ahead`` was asked with."""
        other = copy.copy(self)
        other.db = db
        other.writes = _Nowhere()
        other._mine = dict(ahead.request.mine)
        other._choices = dict(ahead.request.choices)
        other._marks = dict(self._marks)
        other._translations = dict(self._translations)
        other._read_before = set(self._read_before)
        other._ahead = other._asked = None
        other.index = ahead.request.index
        other._take(ahead)
        return other

    def drawn_from(self, ahead: Ahead) -> bool:
        """Whether the focused sentence is still as :meth:`preview` of ``ahead`` left it: taken
        by the last move from that very read-ahead, with none of its terms marked since it was
        asked for (marks elsewhere, such as the last sentence's "all known", do not count)."""
        if (
            self._taken is not ahead
            or self.selection is not None
            or self._generation != self._taken_generation
        ):
            return False
        now, then = self._mine, ahead.request.mine
        return all(now.get(key) == then.get(key) for key in ahead.states)

    def keep_ahead(self, ahead: Ahead) -> bool:
        """Keep a worker's read-ahead for the move it was read for; False if of no use now."""
        if not self._fits(ahead, index=ahead.request.index):
            return False
        self._ahead = ahead
        return True

    def _fits(self, ahead: Ahead, index: int | None = None) -> bool:
        request = ahead.request
        return (
            request.index == (self.index if index is None else index)
            and request.generation == self._generation
            and request.text_id == self.text_id
        )

    def _take(self, ahead: Ahead) -> None:
        """Focus the sentence read ahead: as :meth:`_load` would, without the queries."""
        self.forget_glosses()
        self.sentence = ahead.sentence
        self.tokens = ahead.tokens
        self.selection = None
        self.units = ahead.units
        self.cursor = 0
        states = dict(ahead.states)
        for key in states.keys() & self._mine.keys():
            states[key] = self._mine[key]
        self.states = states
        self._entries = dict(ahead.entries)
        request = ahead.request
        self._context = (request.index, request.around, request.around, ahead.before, ahead.after)
        if self.sentence is not None:
            self._marks.setdefault(self.sentence.id, ahead.mark)
            self._translations.setdefault(self.sentence.id, ahead.own_translation)
            if ahead.was_read:
                self._read_before.add(self.sentence.id)
        self.cursor = self.first_attention()
        self._taken, self._taken_generation = ahead, self._generation

    def move_cursor(self, delta: int) -> None:
        if self.units:
            self.cursor = max(0, min(self.cursor + delta, len(self.units) - 1))
            unit = self.current_unit
            if unit is not None and self.sentence is not None and self.selection is None:
                key, text_id, sentence_id, stamp = unit.key, self.text_id, self.sentence.id, now()
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

    # -- statuses -----------------------------------------------------------------------------

    def state_of_key(self, key: str) -> TermState:
        return self._mine.get(key) or self.states.get(key, TermState(key))

    def state_of(self, token: TokenRow) -> TermState:
        return self.state_of_key(token.term_key or "")

    def set_current_status(self, status: int) -> TermState | None:
        unit = self.current_unit
        if unit is None:
            return None
        key, lang, pos = normalize_key(unit.key), self.info.lang, unit.pos
        met = self.met(unit.token_idxs)
        self.writes.submit(
            lambda db: set_status(db, key, status, lang, pos=pos, source="reading", met=met),
            label=f"status of “{key}”",
        )
        state = TermState(key, status, self.state_of_key(key).gloss)
        self._mine[key] = state
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
        lang, chosen = self.info.lang, sorted({normalize_key(k) for k in keys if k})
        self.writes.submit(
            lambda db: set_statuses(db, chosen, KNOWN, lang, source="reading"),
            label=f"{len(chosen)} words marked known",
        )
        for key in chosen:
            self._mine[key] = TermState(key, KNOWN, self.state_of_key(key).gloss)
        self._refresh_states()
        return len(chosen)

    def set_current_gloss(self, gloss: str | None) -> TermState | None:
        unit = self.current_unit
        if unit is None:
            return None
        key, lang = normalize_key(unit.key), self.info.lang
        self.writes.submit(lambda db: set_gloss(db, key, gloss, lang), label=f"gloss of “{key}”")
        self._choices[key] = None  # the learner's own words replace a chosen sense
        self.forget_glosses()
        clean = gloss.strip() if gloss and gloss.strip() else None
        state = TermState(key, self.state_of_key(key).status, clean)
        self._mine[key] = state
        self._refresh_states()
        return state

    def choose_current_sense(self, sense: Gloss | None) -> Choice | None:
        """Make ``sense`` the learner's meaning of the term under the cursor (None: undo the
        choice). It replaces their own gloss; the write goes to the writer."""
        unit = self.current_unit
        if unit is None:
            return None
        key, lang = normalize_key(unit.key), self.info.lang
        if sense is None:
            self.writes.submit(lambda db: clear_choice(db, key, lang), label=f"meaning of “{key}”")
            self._choices[key] = None
            self.forget_glosses()
            return None
        self.writes.submit(
            lambda db: choose_sense(db, key, sense, lang), label=f"meaning of “{key}”"
        )
        choice = Choice(key, sense.gloss, sense.source, sense.sense_key)
        self._choices[key] = choice
        self.forget_glosses()
        self._mine[key] = TermState(key, self.state_of_key(key).status, None)
        self._refresh_states()
        return choice

    def chosen_gloss(self, unit: Unit) -> str | None:
        """The text of the sense the learner chose for ``unit``'s term, if they chose one."""
        key = normalize_key(unit.key)
        if key in self._choices:
            choice = self._choices[key]
        else:
            choice = get_choice(self.db, key, self.info.lang)
        return choice.gloss if choice else None

    def mark_sentence(self, mark: str) -> None:
        if self.sentence is not None:
            progress.check_mark(mark)
            sentence_id, stamp = self.sentence.id, now()
            self.writes.submit(
                lambda db: progress.mark_sentence(db, sentence_id, mark, stamp),
                label=f"mark of sentence {self.index + 1}",
            )
            self._marks[sentence_id] = mark

    def clear_sentence_mark(self) -> None:
        """Back to unmarked."""
        if self.sentence is not None:
            sentence_id = self.sentence.id
            self.writes.submit(
                lambda db: progress.clear_mark(db, sentence_id),
                label=f"mark of sentence {self.index + 1}",
            )
            self._marks[sentence_id] = None

    def mark_read(self) -> bool:
        """The focused sentence was read (shown long enough, or passed with the next key);
        returns whether it had not been read before."""
        from reader.learn import reading_log

        sentence = self.sentence
        if sentence is None or sentence.id in self._read_here:
            return False
        self._read_here.add(sentence.id)
        if sentence.id in self._read_before or reading_log.is_read(self.db, sentence.id):
            return False
        self.read_total += 1
        text_id, sentence_id, stamp = self.text_id, sentence.id, now()
        self.writes.submit(
            lambda db: reading_log.mark_read(db, text_id, sentence_id, stamp),
            label=f"sentence {self.index + 1} read",
        )
        return True

    def read_share(self) -> float:
        """Share of the text's sentences read so far, 0-1."""
        return min(1.0, self.read_total / self.count) if self.count else 0.0

    def word_count(self) -> int:
        return sum(1 for t in self.tokens if t.is_word)

    # -- the words that need attention ------------------------------------------------------

    def attention_keys(self) -> set[str]:
        """The terms that need attention: those the glosses panel lists (new or being learned,
        and a word to learn: not a name, a number, or a closed-class word with no gloss)."""
        return {row.unit.key for row in self.gloss_rows()}

    def needs_attention(self, unit: Unit) -> bool:
        return unit.key in self.attention_keys()

    def first_attention(self) -> int:
        """Where the cursor starts: the first unit that needs attention, else the first."""
        keys = self.attention_keys()
        for number, unit in enumerate(self.units):
            if unit.key in keys:
                return number
        return 0

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

    def sentence_mark(self) -> str | None:
        """understood, partly or not: how the learner judged the focused sentence, if they did."""
        if self.sentence is None:
            return None
        if self.sentence.id not in self._marks:  # read once per sentence, then kept
            self._marks[self.sentence.id] = progress.get_mark(self.db, self.sentence.id)
        return self._marks[self.sentence.id]

    # -- the learner's own translation of the sentence --------------------------------------

    def own_translation(self) -> str | None:
        """The learner's translation of the focused sentence (see reader.learn.translations)."""
        sentence = self.sentence
        if sentence is None:
            return None
        if sentence.id in self._translations:
            return self._translations[sentence.id]
        sha = self._text_sha256()
        lang = self.config.native_lang
        return translations.get_translation(self.db, sha, sentence.start, sentence.end, lang)

    def set_own_translation(self, text: str | None) -> None:
        """Save the learner's translation of the focused sentence (empty: remove it)."""
        sentence = self.sentence
        if sentence is None:
            return
        sha, lang = self._text_sha256(), self.config.native_lang
        start, end = sentence.start, sentence.end
        clean = " ".join((text or "").split()) or None
        self.writes.submit(
            lambda db: translations.set_translation(db, sha, start, end, clean, lang),
            label=f"your translation of sentence {self.index + 1}",
        )
        self._translations[sentence.id] = clean

    def _text_sha256(self) -> str:
        if self._sha256 is None:
            self._sha256 = translations.text_sha256(self.db, self.text_id) or ""
        return self._sha256

    # -- making a term of a span ------------------------------------------------------------

    def start_selection(self) -> None:
        self.selection = self.cursor

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
        lang = self.info.lang

        def write(db: sqlite_utils.Database) -> None:
            set_status(db, key, status, lang, source="reading", met=met)
            if gloss:
                set_gloss(db, key, gloss, lang)

        self.writes.submit(write, label=f"new term “{key}”")
        clean = gloss.strip() if gloss and gloss.strip() else None
        state = TermState(key, status, clean or self.state_of_key(key).gloss)
        self._mine[key] = state
        if self.phrases is None:
            self.phrases = PhraseIndex([])
        self.phrases.add(key)
        self._build_units()
        for number, unit in enumerate(self.units):
            if unit.key == key:
                self.cursor = number
        self._refresh_states()
        return state

    # -- glosses ------------------------------------------------------------------------------

    def wants_gloss(self, unit: Unit) -> bool:
        """See :func:`gloss_wanted`."""
        return gloss_wanted(
            self.tokens, unit, self.state_of_key(unit.key), self.config.gloss_rarer_than
        )

    def gloss_rows(self) -> list[GlossRow]:
        """The glosses panel's rows: each term of the sentence that :meth:`wants_gloss`, once.

        Kept until the sentence or the learner's marks change (see :meth:`forget_glosses`): the
        panel, the cursor's start and the scrolling all ask for them on every move."""
        if self._rows is None:
            self._rows = self._gloss_rows()
        return self._rows

    def _gloss_rows(self) -> list[GlossRow]:
        rows: list[GlossRow] = []
        seen: set[str] = set()
        for unit in self.units:
            if unit.key in seen or not self.wants_gloss(unit):
                continue
            entry = self.entry_for_unit(unit)
            if not listed_row(unit, entry):
                continue
            seen.add(unit.key)
            rows.append(GlossRow(unit, entry))
        return rows

    def entry_for_unit(self, unit: Unit) -> GlossEntry:
        """``unit``'s entry in the focused sentence, as the learner left it."""
        entry = self._entries.get(unit)
        if entry is None:
            entry = unit_entry(
                self.db, self.tokens, unit, self.info.lang, self.config.native_lang, self._choices
            )
            self._entries[unit] = entry
        return self._with_mine(entry, normalize_key(unit.key))

    def forget_glosses(self) -> None:
        """Work the entries out again: what they are made of changed (a move, a gloss, a
        chosen sense, a translation that came into the cache, the lexicon, the settings).
        A sentence read ahead before the change is of no use any more."""
        self._entries = {}
        self._rows = None
        self._stale_ahead()

    def _stale_ahead(self) -> None:
        self._generation += 1
        self._ahead = None

    def entry_for(self, token: TokenRow) -> GlossEntry:
        word = token.term_key or token.text
        entry = gloss_entry(
            self.db,
            word,
            pos=token.pos,
            lang=self.info.lang,
            context=SenseContext.of_tokens(self.tokens, (self.tokens.index(token),)),
            native_lang=self.config.native_lang,
        )
        return self._with_mine(entry, normalize_key(word))

    def _with_mine(self, entry: GlossEntry, key: str) -> GlossEntry:
        """The entry as the learner just left it, even before the writer has saved it."""
        state = self._mine.get(key)
        if state is None:
            return entry
        if entry.lemma != key:  # the lexicon sent a glossless form to another lemma
            if not state.gloss:
                return entry
            entry = replace(entry, lemma=key, senses=[])
        senses = [s for s in entry.senses if s.source != LEARNER_SOURCE]
        if state.gloss:
            senses.insert(0, Gloss(LEARNER_SOURCE, LEARNER_SOURCE, state.key, entry.pos, 0,
                                   state.gloss))  # fmt: skip
        return replace(entry, status=state.status, learner_gloss=state.gloss, senses=senses)

    def context_of(self, unit: Unit) -> SenseContext:
        """The focused sentence, glossing ``unit``: its senses are ranked by this sentence."""
        return SenseContext.of_tokens(self.tokens, unit.token_idxs)

    # -- internals ----------------------------------------------------------------------------

    def _load(self) -> None:
        self.forget_glosses()
        self.sentence = sentence_at(self.db, self.text_id, self.index)
        self.tokens = tokens_of(self.db, self.sentence.id) if self.sentence else []
        self.cursor = 0
        self.selection = None
        self.units = []
        self._build_units()
        self.cursor = self.first_attention()

    def _build_units(self) -> None:
        current = self.current_token if self.units else None
        units = units_of(self.tokens, self.phrases if self.phrases_on else None)
        self.units = units
        self._stale_ahead()  # cut with other multi-word terms
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
        states = get_terms(self.db, keys, self.info.lang)
        for key in states.keys() & self._mine.keys():
            states[key] = self._mine[key]
        self.states = states
        self._rows = None  # the entries stay: statuses and own glosses are laid over them
