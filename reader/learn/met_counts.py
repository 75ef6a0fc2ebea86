"""How often the word under the reader's cursor is met in the whole library, for its entry.

Lute's learners asked how often a word was met (lute-v3 #598): the entry says "met in 37
sentences of 3 texts", and f lists them (:mod:`reader.learn.concordance`). A word's count comes
from the occurrence index's posting lists, counted without decoding them (a few milliseconds),
a phrase's from its counted occurrences (:mod:`reader.learn.study_phrases`), so it needs no
text read. It still takes the database, which the UI thread never waits on: :class:`MetCounts`
is read there and only says what it has; a key it has not counted yet is handed to
``schedule`` (the reader starts a worker that calls :meth:`MetCounts.count`), while a worker
thread drawing the next sentence ahead counts at once on a connection of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reader.store.tokens import sentences_by_text


@dataclass(frozen=True, slots=True)
class Met:
    count: int  # sentences holding the word; times the phrase was found, for a phrase
    texts: int
    phrase: bool

    def line(self) -> str:
        """The entry's line: what f will show."""
        if not self.count:
            return "f: not met in any text of your library yet"
        texts = "1 text" if self.texts == 1 else f"{self.texts:,} texts"
        if self.phrase:
            times = "once" if self.count == 1 else f"{self.count:,} times"
            return f"f: met {times} in {texts}"
        sentences = "1 sentence" if self.count == 1 else f"{self.count:,} sentences"
        return f"f: met in {sentences} of {texts}"


PENDING = "f: every sentence of your library with it"
"""The entry's line until the count is in (the same height, so nothing moves when it comes)."""


def met(db: sqlite_utils.Database, key: str, lang: str = "en") -> Met:
    """How often term ``key`` is met in the library's texts of ``lang``."""
    if " " in key:
        row = db.execute(
            "SELECT COALESCE(SUM(p.count), 0), COUNT(*) FROM text_phrases p "
            "JOIN texts t ON t.id = p.text_id WHERE p.key = ? AND t.lang = ?",
            (key, lang),
        ).fetchone()
        return Met(int(row[0]), int(row[1]), True)
    by_text = sentences_by_text(db.conn, key, lang=lang)
    return Met(sum(by_text.values()), len(by_text), False)


def texts_mark(db: sqlite_utils.Database) -> tuple[int, int]:
    """Changes when a text is added or removed: counts taken under another mark are stale."""
    row = db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM texts").fetchone()
    return int(row[0]), int(row[1])


class MetCounts:
    """Counts by term key, kept for the running reader (see the module docstring)."""

    def __init__(
        self, db_path: Path, lang: str, ui_thread: int, schedule: Callable[[str], object]
    ) -> None:
        self.db_path = db_path
        self.lang = lang
        self.ui_thread = ui_thread
        self.schedule = schedule
        self._counts: dict[str, Met] = {}
        self._asked: set[str] = set()
        self._mark: tuple[int, int] | None = None
        self._lock = threading.Lock()
        self._local = threading.local()

    def get(self, key: str) -> Met | None:
        """The count if there is one; on the UI thread, None and the key is scheduled (once);
        on another thread, counted now."""
        with self._lock:
            found = self._counts.get(key)
            if found is not None:
                return found
            if threading.get_ident() == self.ui_thread:
                if key in self._asked:
                    return None
                self._asked.add(key)
                ask = True
            else:
                ask = False
        if ask:
            self.schedule(key)
            return None
        db = getattr(self._local, "db", None)
        if db is None:
            # lazy: opening the database runs the store's checks; only reading-ahead threads
            from reader.store import open_db

            db = self._local.db = open_db(self.db_path, migrate_schema=False)
        return self.count(db, key)

    def count(self, db: sqlite_utils.Database, key: str) -> Met:
        """Count ``key`` on ``db`` (a worker's connection) and keep it. When a text was added
        or removed since the last count, the counts kept are dropped first."""
        mark = texts_mark(db)
        found = met(db, key, self.lang)
        with self._lock:
            if mark != self._mark:
                self._counts.clear()
                self._asked.clear()
                self._mark = mark
            self._counts[key] = found
            self._asked.discard(key)
        return found
