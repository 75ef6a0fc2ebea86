"""Removing a text: everything of the text goes, what the learner knows and did stays."""

from __future__ import annotations

import sqlite_utils

from reader.learn import progress
from reader.learn.status import KNOWN, get_term, set_status
from reader.learn.texts import remove_text
from reader.text.importer import import_text
from reader.text.load import Loaded


def test_removal_keeps_the_event_log_and_the_terms(db: sqlite_utils.Database, seed_id: int) -> None:
    other = import_text(db, Loaded("Other", "The dog barked. The cat ran.", None)).text_id
    for idx in (0, 1, 2):
        progress.set_position(db, seed_id, idx)
    progress.set_position(db, other, 1)
    sentence = db.execute("SELECT id FROM sentences WHERE text_id = ? AND idx = 1", (seed_id,))
    progress.mark_sentence(db, sentence.fetchone()[0], "partly")
    progress.log_lookup(db, "coalition", seed_id, None)
    set_status(db, "coalition", KNOWN)

    remove_text(db, seed_id)

    for table in ("sentences", "occurrences"):
        left = db.execute(f"SELECT COUNT(*) FROM {table} WHERE text_id = ?", (seed_id,))
        assert left.fetchone()[0] == 0, table
    assert (
        db.execute(
            "SELECT COUNT(*) FROM sentence_tokens k LEFT JOIN sentences s ON s.id = k.sentence_id "
            "WHERE s.id IS NULL"
        ).fetchone()[0]
        == 0
    )
    assert db.execute("SELECT COUNT(*) FROM sentence_marks").fetchone()[0] == 0
    assert db.execute("SELECT text_id FROM positions").fetchall() == [(other,)]
    events = db.execute("SELECT kind, text_id, sentence_id FROM events ORDER BY id").fetchall()
    assert len(events) == 5  # kept, no longer pointing at the removed text
    assert events[:3] == [("read", None, None)] * 3 and events[4][0] == "lookup"
    assert events[3][1] == other and events[3][2] is not None  # the other text's untouched
    assert get_term(db, "coalition").status == KNOWN
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT COUNT(*) FROM occurrences WHERE text_id = ?", (other,)).fetchone()[0]
