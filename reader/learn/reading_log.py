"""Which sentences the learner actually read, apart from where they are in a text.

The position is where reading resumes, and a jump (End, a search, "go to 80%") moves it anywhere.
Progress counts only sentences that were read: shown long enough to read them, or passed with the
next-sentence key (or heard through in listen mode). So peeking at the last page does not make
a book "100% read", and going back over a page does not count it twice.
"""

from __future__ import annotations

import sqlite_utils

from reader.store import transaction
from reader.store.migrations import now

SECONDS_PER_WORD = 0.2
"""A slow reader's pace (300 words a minute is fluent; a learner reads at half that or less)."""
MIN_SECONDS = 1.0
MAX_SECONDS = 6.0


def seconds_to_read(words: int) -> float:
    """How long a sentence must be in focus to count as read without the next-sentence key."""
    return max(MIN_SECONDS, min(MAX_SECONDS, words * SECONDS_PER_WORD))


def mark_read(
    db: sqlite_utils.Database, text_id: int, sentence_id: int, stamp: str | None = None
) -> bool:
    """Record the sentence as read (once); returns whether it was new."""
    with transaction(db):
        cursor = db.conn.execute(
            "INSERT OR IGNORE INTO sentences_read (sentence_id, text_id, at) VALUES (?, ?, ?)",
            (sentence_id, text_id, stamp or now()),
        )
    return bool(cursor.rowcount > 0)


def read_count(db: sqlite_utils.Database, text_id: int) -> int:
    row = db.execute("SELECT COUNT(*) FROM sentences_read WHERE text_id = ?", (text_id,)).fetchone()
    return int(row[0])


def is_read(db: sqlite_utils.Database, sentence_id: int) -> bool:
    row = db.execute(
        "SELECT 1 FROM sentences_read WHERE sentence_id = ?", (sentence_id,)
    ).fetchone()
    return row is not None
