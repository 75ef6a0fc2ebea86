"""Compact token storage (migration 0017): the encoding round-trips, and a database made by the
previous schema, with a whole article in one-row-per-token form, migrates in one step to the
same tokens, the same unknown share and the same first sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from _paths import SEED
from hypothesis import given
from hypothesis import strategies as st
from test_migrations import raw_db

from reader.learn.status import IGNORED, KNOWN, set_status
from reader.learn.texts import tokens_of, unknown_share
from reader.store import open_db
from reader.store.migrations import backup_path, migrate
from reader.store.tokens import (
    UPOS,
    DamagedTokens,
    decode_sentence,
    decode_varints,
    encode_sentence,
    encode_varints,
    sentence_ids,
    sentences_with,
)
from reader.text.load import load_path
from reader.text.pipeline import analyze_sentences, term_key

BEFORE = 16  # the last schema with one row per token


@given(st.lists(st.integers(min_value=0, max_value=2**40)))
def test_varints_round_trip(values: list[int]) -> None:
    assert decode_varints(encode_varints(values)) == values


@given(
    st.lists(
        st.tuples(
            st.integers(-3, 40), st.integers(0, 300), st.integers(0, 3), st.sampled_from(UPOS)
        ),
        max_size=30,
    ),
    st.booleans(),
)
def test_a_sentence_round_trips(spec: list[tuple[int, int, int, str]], word: bool) -> None:
    lemmas = ["a", "B", ",", "long"]
    ids = {lemma: i + 1 for i, lemma in enumerate(lemmas)}
    tokens = []
    at = 100
    for gap, length, lemma, pos in spec:
        start = max(0, at + gap)
        tokens.append(("x", start, start + length, lemmas[lemma], pos, word))
        at = start + length
    decoded = decode_sentence(encode_sentence(tokens, 100, ids), 100)
    assert decoded == [(t[1], t[2], ids[t[3]], UPOS.index(t[4]), word) for t in tokens]


def test_a_cut_blob_is_damaged_not_misread() -> None:
    blob = encode_sentence([("cat", 0, 3, "cat", "NOUN", True)], 0, {"cat": 300})
    with pytest.raises(DamagedTokens):
        decode_sentence(blob[:-2], 0)


def _old_import(db: sqlite_utils.Database) -> int:
    """The seed stored as the importer of schema 16 did: a row per token."""
    loaded = load_path(SEED)
    sentences = analyze_sentences(loaded.content, workers=1)
    conn = db.conn
    with conn:
        conn.execute(
            "INSERT INTO texts (id, title, lang, source, sha256, content, sentence_count, "
            "word_count, created_at) VALUES (1, ?, 'en', NULL, 'x', ?, ?, ?, '2026-01-01')",
            (loaded.title, loaded.content, len(sentences),
             sum(1 for s in sentences for t in s.tokens if t[5])),
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO sentences (id, text_id, idx, paragraph, start, "end", text) '
            "VALUES (?, 1, ?, ?, ?, ?, ?)",
            [(10 + i, i, s.paragraph, s.start, s.end, s.text) for i, s in enumerate(sentences)],
        )
        conn.executemany(
            'INSERT INTO tokens (text_id, sentence_id, idx, start, "end", surface, lemma, pos, '
            "is_word, term_key) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(10 + i, j, t[1], t[2], t[0], t[3], t[4], t[5], term_key(t))
             for i, s in enumerate(sentences) for j, t in enumerate(s.tokens)],
        )  # fmt: skip
    return len(sentences)


OLD_SHARE = """
SELECT SUM(CASE WHEN COALESCE(tm.status, 0) = 0 THEN 1 ELSE 0 END) * 1.0 /
       SUM(CASE WHEN COALESCE(tm.status, 0) != 98 THEN 1 ELSE 0 END)
FROM tokens k LEFT JOIN terms tm ON tm.lang = 'en' AND tm.key = k.term_key
WHERE k.text_id = 1 AND k.is_word = 1 AND k.pos != 'PROPN'
"""


def test_a_database_of_the_previous_schema_migrates_in_one_step(tmp_path: Path) -> None:
    path = tmp_path / "reader.db"
    old = raw_db(path)
    migrate(old, upto=BEFORE)
    count = _old_import(old)
    old.close()
    db = open_db(path)
    set_status(db, "coalition", KNOWN)
    set_status(db, "the", IGNORED)
    db.close()
    # The statuses above were set on the new schema; set them on a copy of the old one too.
    old = raw_db(tmp_path / "old.db")
    migrate(old, upto=BEFORE)
    _old_import(old)
    with old.conn:
        old.conn.executemany(
            "INSERT INTO terms (lang, key, status, created_at, updated_at) "
            "VALUES ('en', ?, ?, '', '')",
            [("coalition", KNOWN), ("the", IGNORED)],
        )
    expected = {
        sid: old.execute(
            'SELECT idx, surface, start, "end", lemma, pos, is_word, term_key FROM tokens '
            "WHERE sentence_id = ? ORDER BY idx",
            (sid,),
        ).fetchall()
        for sid in range(10, 10 + count)
    }
    china = [
        r[0]
        for r in old.execute(
            "SELECT DISTINCT sentence_id FROM tokens WHERE term_key = 'china' ORDER BY 1"
        )
    ]
    share = old.execute(OLD_SHARE).fetchone()[0]

    db = open_db(path)
    assert backup_path(path, BEFORE + 1).exists()
    assert not db["tokens"].exists()
    for sid, rows in expected.items():
        got = [(t.idx, t.text, t.start, t.end, t.lemma, t.pos, int(t.is_word), t.term_key)
               for t in tokens_of(db, sid)]  # fmt: skip
        assert got == [tuple(r) for r in rows], sid
    assert sentence_ids(db.conn, sentences_with(db.conn, "china")) == china
    assert unknown_share(db, 1) == pytest.approx(share)
    assert 0 < share < 1
