"""Migration 0017's Python step: the old one-row-per-token table, converted text by text into
the compact storage of :mod:`reader.store.tokens`.

It runs inside the migration's transaction (the runner took a copy of the database first), so
a failure leaves the old table as it was.
"""

from __future__ import annotations

import sqlite3

from reader.store.tokens import TokenTuple, store_tokens


def convert(conn: sqlite3.Connection) -> None:
    texts = [int(r[0]) for r in conn.execute("SELECT id FROM texts ORDER BY id")]
    for text_id in texts:
        sentences = conn.execute(
            "SELECT id, idx, start FROM sentences WHERE text_id = ? ORDER BY idx", (text_id,)
        ).fetchall()
        tokens: dict[int, list[TokenTuple]] = {int(r[0]): [] for r in sentences}
        rows = conn.execute(
            'SELECT sentence_id, surface, start, "end", lemma, pos, is_word FROM tokens '
            "WHERE sentence_id IN (SELECT id FROM sentences WHERE text_id = ?) "
            "ORDER BY sentence_id, idx",
            (text_id,),
        )
        for sid, surface, start, end, lemma, pos, is_word in rows:
            tokens[int(sid)].append((surface, int(start), int(end), lemma, pos, bool(is_word)))
        store_tokens(
            conn,
            text_id,
            [(int(sid), int(idx), int(start), tokens[int(sid)]) for sid, idx, start in sentences],
        )
