"""A reading session: the focused sentence, the cursor, and the learner's marks on its terms.

This is the reading screen without the screen, so its behaviour is tested without a terminal and
the UI only draws what it exposes. The session keeps its own state in memory and hands every
write to a ``writes`` sink: the reading screen's is the app's :class:`reader.store.writer.Writer`,
a thread, so a key never waits on the database; without one, writes go straight to the session's
connection (:class:`~reader.store.writer.DirectWrites`). Either way each change is saved as it
is made, so quitting at any moment loses nothing.

The session is the sentence in focus (:class:`~reader.learn.focus.Focus`: its units, the cursor
over them, the learner's marks on its terms) with the way through the text, and is made of four
parts along the seams of what it keeps:

- :class:`~reader.learn.place.Place`: the position in the text and how much of it was read;
- :class:`~reader.learn.entries.EntryCache`: the focused sentence's entries and glosses rows;
- :class:`~reader.learn.read_ahead.AheadSlot`: the next sentence read ahead by a worker;
- :class:`~reader.learn.marks.Marks`: statuses, own glosses, chosen senses, sentence marks and
  own translations, ahead of the database while the writer catches up.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable

import sqlite_utils

from reader.config import Config
from reader.learn.chapters import ChapterInfo
from reader.learn.entries import EntryCache
from reader.learn.focus import Focus
from reader.learn.phrases import PhraseIndex
from reader.learn.place import Place
from reader.learn.read_ahead import Ahead, AheadRequest, AheadSlot, fits
from reader.learn.texts import SentenceRow, get_text
from reader.learn.units import (
    OPEN_CLASS_POS,
    GlossRow,
    Unit,
    gloss_wanted,
    glossable,
    listed_row,
    unit_entry,
    units_of,
)
from reader.store.writer import DirectWrites, WriteSink

# Moved to reader.learn.units; importable from here as before.
__all__ = [
    "OPEN_CLASS_POS",
    "GlossRow",
    "ReadingSession",
    "Unit",
    "gloss_wanted",
    "glossable",
    "listed_row",
    "unit_entry",
    "units_of",
]


class _Nowhere:
    """The writes of a :meth:`ReadingSession.preview`: it only draws."""

    def submit(self, fn: object, *, label: str, key: Hashable | None = None, **_: object) -> None:
        pass


class ReadingSession(Focus):
    def __init__(
        self,
        db: sqlite_utils.Database,
        text_id: int,
        config: Config | None = None,
        phrases: PhraseIndex | None = None,
        writes: WriteSink | None = None,
    ):
        info = get_text(db, text_id, figures=False)
        super().__init__(db, info, config or Config(), phrases, writes or DirectWrites(db))
        self.place = Place(db, text_id, info.sentences)
        self.slot = AheadSlot()
        self.load(self.index)
        if self.count:
            self._save_position()

    def use_connection(self, db: sqlite_utils.Database) -> None:
        """Read through ``db`` from now on: a session loaded in a worker moves to the UI thread,
        whose connection it must use (sqlite3 connections belong to one thread)."""
        self.db = db
        if isinstance(self.writes, DirectWrites):
            self.writes = DirectWrites(db)

    # -- position and progress (reader.learn.place) --------------------------------------------

    @property
    def count(self) -> int:
        return self.place.count

    @property
    def index(self) -> int:
        return self.place.index

    @property
    def furthest(self) -> int:
        return self.place.furthest

    @property
    def read_total(self) -> int:
        return self.place.read_total

    def goto(self, index: int) -> bool:
        """Focus sentence ``index`` (clamped); returns whether the focus moved."""
        index = self.place.clamp(index)
        if index == self.index and self.sentence is not None:
            return False
        self.place.index = index
        ahead = self.slot.pop()
        if ahead is not None and fits(ahead, index, self.generation, self.text_id):
            self._take(ahead)
        else:
            self.load(index)
            self.slot.taken = None
        self._save_position()
        return True

    def _save_position(self) -> None:
        self.place.save(self.writes, self.sentence.id if self.sentence is not None else None)

    def move(self, delta: int) -> bool:
        return self.goto(self.index + delta)

    def context(self, before: int, after: int) -> tuple[list[SentenceRow], list[SentenceRow]]:
        """The sentences around the focus, for the dimmed lines above and below it."""
        return self.place.context(self.db, before, after)

    def mark_read(self) -> bool:
        """The focused sentence was read (shown long enough, or passed with the next key);
        returns whether it had not been read before."""
        if self.sentence is None:
            return False
        return self.place.mark_read(self.db, self.writes, self.sentence.id)

    def read_share(self) -> float:
        """Share of the text's sentences read so far, 0-1."""
        return self.place.read_share()

    @property
    def chapters(self) -> list[ChapterInfo]:
        """The text's chapters (empty for most articles), loaded with the session."""
        return self.place.chapters

    def chapter(self) -> ChapterInfo | None:
        return self.place.chapter()

    def chapter_step(self, delta: int) -> int | None:
        return self.place.chapter_step(delta)

    def word_count(self) -> int:
        return sum(1 for t in self.tokens if t.is_word)

    # -- reading ahead (reader.learn.read_ahead) ------------------------------------------------

    def ahead_request(self, around: int) -> AheadRequest | None:
        """What a worker needs to read the next sentence ahead (:func:`read_ahead`), or None
        when there is no next sentence, or it is already read or asked for."""
        index = self.index + 1
        if index >= self.count or self.slot.already(index, around, self.generation):
            return None
        self.slot.asked = AheadRequest(
            text_id=self.text_id,
            index=index,
            around=around,
            lang=self.info.lang,
            native_lang=self.config.native_lang,
            translation_lang=self.config.native_lang or "",
            text_sha256=self.marks.text_sha256(self.db),
            phrases=self.phrases if self.phrases_on else None,
            choices=dict(self.marks.choices),
            mine=dict(self.marks.mine),
            gloss_rarer_than=self.config.gloss_rarer_than,
            generation=self.generation,
        )
        return self.slot.asked

    def snapshot(self) -> ReadingSession:
        """A copy for a worker, taken on the UI thread: it shares nothing the session changes
        afterwards, so the worker reads it while the learner goes on (see :meth:`preview`)."""
        other = copy.copy(self)
        other.marks = self.marks.preview(dict(self.marks.mine), dict(self.marks.choices))
        other.place = self.place.preview(self.index)
        other.place.read_here = set(self.place.read_here)
        other.cache, other.slot = EntryCache(), AheadSlot()
        other.lookups_here = True  # the copy is for a worker
        other.tokens, other.units, other.states = list(self.tokens), list(self.units), {}
        other.states.update(self.states)
        return other

    def preview(self, ahead: Ahead, db: sqlite_utils.Database) -> ReadingSession:
        """The session as the key that moves to ``ahead``'s sentence will leave it, reading
        through ``db`` and writing nowhere: for a worker to draw that sentence's first frame
        ahead of the key. The learner's marks are those ``ahead`` was asked with."""
        other = copy.copy(self)
        other.db = db
        other.writes = _Nowhere()
        other.marks = self.marks.preview(dict(ahead.request.mine), dict(ahead.request.choices))
        other.place = self.place.preview(ahead.request.index)
        other.cache = EntryCache()
        other.slot = AheadSlot()
        other.lookups_here = True  # drawn on the worker, which looks up what it lacks
        other._take(ahead)
        return other

    def drawn_from(self, ahead: Ahead) -> bool:
        """Whether the focused sentence is still as :meth:`preview` of ``ahead`` left it: taken
        by the last move from that very read-ahead, with none of its terms marked since it was
        asked for (marks elsewhere, such as the last sentence's "all known", do not count)."""
        return self.selection is None and self.slot.drawn_from(
            ahead, self.generation, self.marks.mine
        )

    def keep_ahead(self, ahead: Ahead) -> bool:
        """Keep a worker's read-ahead for the move it was read for; False if of no use now."""
        if not fits(ahead, ahead.request.index, self.generation, self.text_id):
            return False
        self.slot.ahead = ahead
        return True

    def _take(self, ahead: Ahead) -> None:
        """Focus the sentence read ahead: as :meth:`_load` would, without the queries."""
        self.forget_glosses()
        self.sentence = ahead.sentence
        self.tokens = ahead.tokens
        self.selection = None
        self.units = ahead.units
        self.cursor = 0
        self.states = self.marks.over(dict(ahead.states))
        self.cache = EntryCache(ahead.entries)
        request = ahead.request
        self.place.around = (
            request.index, request.around, request.around, ahead.before, ahead.after
        )  # fmt: skip
        if self.sentence is not None:
            self.marks.sentences.setdefault(self.sentence.id, ahead.mark)
            self.marks.translations.setdefault(self.sentence.id, ahead.own_translation)
            if ahead.was_read:
                self.place.read_before.add(self.sentence.id)
        self.cursor = self.first_attention()
        self.cursor_placed = True
        self.slot.took(ahead, self.generation)

    # -- the sentence's mark and the learner's own translation ----------------------------------

    def sentence_mark(self) -> str | None:
        """understood, partly or not: how the learner judged the focused sentence, if they did."""
        if self.sentence is None:
            return None
        return self.marks.sentence_mark(self.db, self.sentence.id)

    def mark_sentence(self, mark: str) -> None:
        if self.sentence is not None:
            self.marks.mark_sentence(self.writes, self.sentence.id, mark, self.index + 1)

    def clear_sentence_mark(self) -> None:
        """Back to unmarked."""
        if self.sentence is not None:
            self.marks.mark_sentence(self.writes, self.sentence.id, None, self.index + 1)

    def own_translation(self) -> str | None:
        """The learner's translation of the focused sentence (see reader.learn.translations)."""
        if self.sentence is None:
            return None
        return self.marks.own_translation(self.db, self.sentence)

    def set_own_translation(self, text: str | None) -> None:
        """Save the learner's translation of the focused sentence (empty: remove it)."""
        if self.sentence is not None:
            self.marks.set_own_translation(
                self.writes, self.db, self.sentence, text, self.index + 1
            )
