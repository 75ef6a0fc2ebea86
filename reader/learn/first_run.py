"""The questions a new learner is asked once, when the reader first starts.

On a fresh data home every word, "the" included, is new, and the first page is all blue. The
first run offers the head start that ``sentences known --top N`` gives: mark the 1,000, 3,000 or
5,000 most frequent words known. Each question is asked once; the answer is kept in the
``first_run`` table, so a learner who said no is not asked again.
"""

from __future__ import annotations

import sqlite_utils

from reader.learn.status import KNOWN, set_statuses
from reader.store import transaction
from reader.store.migrations import now

HEAD_START = "head_start"
HEAD_START_SIZES = (1000, 3000, 5000)


def answered(db: sqlite_utils.Database, question: str) -> bool:
    row = db.execute("SELECT 1 FROM first_run WHERE question = ?", (question,)).fetchone()
    return row is not None


def record_answer(db: sqlite_utils.Database, question: str, answer: str) -> None:
    with transaction(db):
        db.conn.execute(
            "INSERT INTO first_run (question, answer, at) VALUES (?, ?, ?) "
            "ON CONFLICT (question) DO UPDATE SET answer = excluded.answer, at = excluded.at",
            (question, answer, now()),
        )


def wants_head_start(db: sqlite_utils.Database) -> bool:
    """Ask about a head start only on a fresh start: not asked before, and no word marked yet
    (a learner who ran ``sentences known --top N`` or marked words has made their start)."""
    if answered(db, HEAD_START):
        return False
    return db.execute("SELECT 1 FROM terms LIMIT 1").fetchone() is None


def give_head_start(db: sqlite_utils.Database, top: int, lang: str = "en") -> int:
    """Mark the ``top`` most frequent lemmas known (those not marked yet); records the answer.

    Returns how many were marked. ``top`` 0 records a "no thanks".
    """
    # lazy: the lexicon loads wordfreq's tables (~0.15 s)
    from reader.lexicon.frequency import top_lemmas

    count = 0
    if top > 0:
        have = {r[0] for r in db.execute("SELECT key FROM terms WHERE lang = ?", (lang,))}
        fresh = sorted(set(top_lemmas(top)) - have)
        count = set_statuses(db, fresh, KNOWN, lang) if fresh else 0
    record_answer(db, HEAD_START, str(top) if top > 0 else "no")
    return count
