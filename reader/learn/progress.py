"""Where the learner is in each text, and the log of what they did while reading.

The position is saved on every move (the reading screen hands it to the writer, which keeps only
the last of quick moves), so quitting at any moment, or a crash, resumes at the same sentence.
"""

from __future__ import annotations

import sqlite_utils

from reader.learn import events
from reader.store import table, transaction
from reader.store.migrations import now

MARKS = ("understood", "partly", "not")


def get_position(db: sqlite_utils.Database, text_id: int) -> int:
    row = db.execute("SELECT sentence_idx FROM positions WHERE text_id = ?", (text_id,)).fetchone()
    return int(row[0]) if row else 0


def get_furthest(db: sqlite_utils.Database, text_id: int) -> int | None:
    """The furthest sentence reached in the text, or None if it was never opened."""
    row = db.execute("SELECT furthest_idx FROM positions WHERE text_id = ?", (text_id,)).fetchone()
    return int(row[0]) if row else None


def set_position(db: sqlite_utils.Database, text_id: int, sentence_idx: int) -> None:
    """Save the position, advance the furthest point reached, and log the sentence as read."""
    stamp = now()
    with transaction(db):
        save_position(db, text_id, sentence_idx, sentence_idx, stamp)
        sentence = db.execute(
            "SELECT id FROM sentences WHERE text_id = ? AND idx = ?", (text_id, sentence_idx)
        ).fetchone()
        log_read(db, text_id, sentence[0] if sentence else None, stamp)


def save_position(
    db: sqlite_utils.Database, text_id: int, sentence_idx: int, furthest_idx: int, at: str
) -> None:
    """Where reading resumes, and the furthest sentence reached (which never goes back).

    The reading screen saves only the last of quick moves, so it passes ``furthest_idx`` from
    memory rather than relying on the moves in between having been saved.
    """
    with transaction(db):
        db.conn.execute(
            "INSERT INTO positions (text_id, sentence_idx, furthest_idx, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (text_id) DO UPDATE SET "
            "sentence_idx = excluded.sentence_idx, "
            "furthest_idx = MAX(furthest_idx, excluded.furthest_idx), "
            "updated_at = excluded.updated_at",
            (text_id, sentence_idx, furthest_idx, at),
        )
        db.conn.execute("UPDATE texts SET last_read_at = ? WHERE id = ?", (at, text_id))


def log_read(
    db: sqlite_utils.Database, text_id: int, sentence_id: int | None, at: str | None = None
) -> None:
    """A sentence was shown: one ``read`` event, stamped when it was shown."""
    with transaction(db):
        table(db, "events").insert(
            {"at": at or now(), "kind": "read", "text_id": text_id, "sentence_id": sentence_id}
        )


def progress(db: sqlite_utils.Database, text_id: int) -> float:
    """Share of the text read, 0-1: the sentences actually read (see
    :mod:`reader.learn.reading_log`) over the sentence count. The furthest sentence reached is
    where the learner went, which a jump to the end would make "100%"."""
    row = db.execute(
        "SELECT (SELECT COUNT(*) FROM sentences_read WHERE text_id = ?), sentence_count "
        "FROM texts WHERE id = ?",
        (text_id, text_id),
    ).fetchone()
    if not row or not row[1]:
        return 0.0
    return min(1.0, int(row[0]) / int(row[1]))


def log_lookup(
    db: sqlite_utils.Database,
    term_key: str,
    text_id: int | None,
    sentence_id: int | None,
    at: str | None = None,
) -> None:
    with transaction(db):
        table(db, "events").insert(
            {
                "at": at or now(),
                "kind": "lookup",
                "text_id": text_id,
                "sentence_id": sentence_id,
                "term_key": term_key,
            }
        )


def mark_sentence(
    db: sqlite_utils.Database, sentence_id: int, mark: str, at: str | None = None
) -> None:
    check_mark(mark)
    with transaction(db):
        db.conn.execute(
            "INSERT INTO sentence_marks (sentence_id, mark, at) VALUES (?, ?, ?) "
            "ON CONFLICT (sentence_id) DO UPDATE SET mark = excluded.mark, at = excluded.at",
            (sentence_id, mark, at or now()),
        )
        events.sentence_marked(db, sentence_id, mark)  # "not", "partly": a listening card


def check_mark(mark: str) -> None:
    if mark not in MARKS:
        raise ValueError(f"unknown mark {mark!r}: use one of {', '.join(MARKS)}")


def clear_mark(db: sqlite_utils.Database, sentence_id: int) -> None:
    """Back to unmarked: the learner has not judged the sentence."""
    with transaction(db):
        db.conn.execute("DELETE FROM sentence_marks WHERE sentence_id = ?", (sentence_id,))


def get_mark(db: sqlite_utils.Database, sentence_id: int) -> str | None:
    row = db.execute(
        "SELECT mark FROM sentence_marks WHERE sentence_id = ?", (sentence_id,)
    ).fetchone()
    return str(row[0]) if row else None
