"""Where the learner is in a text, and how much of it they have read.

One part of a :class:`reader.learn.session.ReadingSession`: the focused sentence's number, the
furthest one reached, the sentences read (counted once, those read in this session kept ahead
of the writer) and the dimmed sentences around the focus. It keeps no connection and no write
sink of its own: the session passes in the ones it uses at that moment, so a preview drawn on a
worker reads through the worker's connection and writes nowhere.
"""

from __future__ import annotations

import copy

import sqlite_utils

from reader.learn import progress, reading_log
from reader.learn.chapters import ChapterInfo, chapter_at, chapters_of
from reader.learn.texts import SentenceRow, sentences_between
from reader.store.migrations import now
from reader.store.writer import WriteSink


class Place:
    def __init__(self, db: sqlite_utils.Database, text_id: int, count: int) -> None:
        self.text_id = text_id
        self.count = count
        self.index = min(progress.get_position(db, text_id), max(0, count - 1))
        self.furthest = max(progress.get_furthest(db, text_id) or 0, self.index)
        self.read_total = reading_log.read_count(db, text_id)
        self.read_here: set[int] = set()  # sentences read in this session
        self.read_before: set[int] = set()  # sentences the database had as read already
        # the sentences around the focus: (index, before, after, above, below)
        self.around: tuple[int, int, int, list[SentenceRow], list[SentenceRow]] | None = None
        self.chapters: list[ChapterInfo] = chapters_of(db, text_id)  # a few hundred at most

    def preview(self, index: int) -> Place:
        """A copy at ``index`` for a preview: it may note sentences as read before, no more."""
        other = copy.copy(self)
        other.read_before = set(self.read_before)
        other.index = index
        return other

    def clamp(self, index: int) -> int:
        return max(0, min(index, self.count - 1))

    def save(self, writes: WriteSink, sentence_id: int | None) -> None:
        """Log the sentence as read, and save the position: of quick moves only the last lands."""
        stamp = now()
        text_id, index = self.text_id, self.index
        self.furthest = max(self.furthest, index)
        furthest = self.furthest
        writes.submit(
            lambda db: progress.log_read(db, text_id, sentence_id, stamp),
            label=f"sentence {index + 1} read",
        )
        writes.submit(
            lambda db: progress.save_position(db, text_id, index, furthest, stamp),
            label="your place in the text",
            key=("position", text_id),
        )

    def mark_read(self, db: sqlite_utils.Database, writes: WriteSink, sentence_id: int) -> bool:
        """The focused sentence was read; returns whether it had not been read before."""
        if sentence_id in self.read_here:
            return False
        self.read_here.add(sentence_id)
        if sentence_id in self.read_before or reading_log.is_read(db, sentence_id):
            return False
        self.read_total += 1
        text_id, stamp = self.text_id, now()
        writes.submit(
            lambda db: reading_log.mark_read(db, text_id, sentence_id, stamp),
            label=f"sentence {self.index + 1} read",
        )
        return True

    def chapter(self) -> ChapterInfo | None:
        """The chapter the focus is in (None in a text without chapters, or before the first)."""
        return chapter_at(self.chapters, self.index)

    def chapter_span(self, chapter: ChapterInfo) -> tuple[int, int]:
        """The first sentence of ``chapter`` and how many it has, for progress in it."""
        following = [c.first_sentence for c in self.chapters if c.idx > chapter.idx]
        end = following[0] if following else self.count
        return chapter.first_sentence, end - chapter.first_sentence

    def chapter_step(self, delta: int) -> int | None:
        """The first sentence of the next chapter (``delta`` 1), or of this one, then the one
        before (-1), as a book reader's "previous chapter" goes back to this chapter's start
        first; None when there is none that way."""
        starts = [c.first_sentence for c in self.chapters]
        if delta > 0:
            return next((s for s in starts if s > self.index), None)
        return next((s for s in reversed(starts) if s < self.index), None)

    def read_share(self) -> float:
        """Share of the text's sentences read so far, 0-1."""
        return min(1.0, self.read_total / self.count) if self.count else 0.0

    def context(
        self, db: sqlite_utils.Database, before: int, after: int
    ) -> tuple[list[SentenceRow], list[SentenceRow]]:
        """The sentences around the focus, for the dimmed lines above and below it."""
        known = self.around
        if known is not None and known[:3] == (self.index, before, after):
            return known[3], known[4]
        rows = sentences_between(db, self.text_id, self.index - before, self.index + after)
        above = [r for r in rows if r.idx < self.index]
        below = [r for r in rows if r.idx > self.index]
        self.around = (self.index, before, after, above, below)
        return above, below
