"""The learner's texts: the library's figures and a text's sentences and tokens for reading.

Everything here is an indexed query, so the reader can open a 30,000-sentence book without
loading it: only the sentences on screen are read.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from reader.learn.status import IGNORED, KNOWN, NEW
from reader.store import transaction
from reader.store.tokens import delete_tokens, sentence_tokens


@dataclass(frozen=True, slots=True)
class TextInfo:
    id: int
    title: str
    lang: str
    source: str | None
    sentences: int
    words: int
    position: int
    progress: float
    unknown_share: float
    last_read_at: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "sentences": self.sentences,
            "words": self.words,
            "progress": round(self.progress, 4),
            "unknown_share": round(self.unknown_share, 4),
            "position": self.position,
            "last_read_at": self.last_read_at,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class SentenceRow:
    id: int
    idx: int
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class TokenRow:
    idx: int
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    is_word: bool
    term_key: str | None


class TextNotFound(LookupError):
    """No text with that id."""


def list_texts(
    db: sqlite_utils.Database, text_id: int | None = None, *, figures: bool = True
) -> list[TextInfo]:
    """Every text (or one) with progress and the share of its running words still unknown.

    The unknown share is computed over all the words of the text, not a sample: new words (no
    status yet), leaving out names and the learner's ignored terms. That reads every token of the
    text, so a screen that will not show it passes ``figures=False`` (``unknown_share`` is then 0).
    """
    where = "WHERE t.id = ?" if text_id is not None else ""
    params: list[object] = [text_id] if text_id is not None else []
    rows = db.execute(
        f"""
        SELECT t.id, t.title, t.lang, t.source, t.sentence_count, t.word_count,
               COALESCE(p.sentence_idx, 0),
               (SELECT COUNT(*) FROM sentences_read r WHERE r.text_id = t.id), t.last_read_at
        FROM texts t LEFT JOIN positions p ON p.text_id = t.id {where}
        ORDER BY COALESCE(t.last_read_at, t.created_at) DESC, t.id DESC
        """,
        params,
    ).fetchall()
    result = []
    for tid, title, lang, source, n_sent, n_words, pos, read, last in rows:
        # sentences actually read (see reader.learn.reading_log), not the furthest jump
        progress = min(1.0, read / n_sent) if n_sent else 0.0
        result.append(
            TextInfo(
                int(tid),
                title,
                lang,
                source,
                int(n_sent),
                int(n_words),
                int(pos),
                progress,
                unknown_share(db, int(tid), lang) if figures else 0.0,
                last,
            )  # fmt: skip
        )
    return result


def unknown_share(db: sqlite_utils.Database, text_id: int, lang: str = "en") -> float:
    """From the text's occurrence index (one row per lemma, with the running words it stands
    for, names left out): a few thousand rows for a novel, not its half a million tokens."""
    row = db.execute(
        f"""
        SELECT
          SUM(CASE WHEN COALESCE(tm.status, {NEW}) = {NEW} THEN o.words ELSE 0 END),
          SUM(CASE WHEN COALESCE(tm.status, {NEW}) != {IGNORED} THEN o.words ELSE 0 END)
        FROM occurrences o JOIN lemmas l ON l.id = o.lemma_id
        LEFT JOIN terms tm ON tm.lang = ? AND tm.key = l.key
        WHERE o.text_id = ?
        """,
        [lang, text_id],
    ).fetchone()
    unknown, counted = (row[0] or 0), (row[1] or 0)
    return unknown / counted if counted else 0.0


def get_text(db: sqlite_utils.Database, text_id: int, *, figures: bool = True) -> TextInfo:
    found = list_texts(db, text_id, figures=figures)
    if not found:
        raise TextNotFound(f"no text with id {text_id}")
    return found[0]


def remove_text(db: sqlite_utils.Database, text_id: int) -> str:
    """Delete a text with its sentences, tokens, position and marks; returns its title.

    What the learner knows stays: terms, their statuses and history are per word, not per
    text, and the event log keeps its rows (their text becomes NULL).
    """

    title = get_text(db, text_id, figures=False).title
    conn = db.conn
    with transaction(db):
        # The foreign keys would do all this by themselves (ON DELETE CASCADE / SET NULL), but
        # row by row from each sentence; done by text, in bulk, through the indexes of
        # migration 0004, it takes half the time, and the write lock is held that much less.
        conn.execute(
            "UPDATE events SET text_id = NULL, sentence_id = NULL WHERE text_id = ?", (text_id,)
        )
        conn.execute(
            "UPDATE events SET sentence_id = NULL WHERE sentence_id IN "
            "(SELECT id FROM sentences WHERE text_id = ?)",
            (text_id,),
        )
        delete_tokens(conn, text_id)
        conn.execute("DELETE FROM sentences WHERE text_id = ?", (text_id,))
        conn.execute("DELETE FROM texts WHERE id = ?", (text_id,))
    return title


def sentence_at(db: sqlite_utils.Database, text_id: int, idx: int) -> SentenceRow | None:
    row = db.execute(
        'SELECT id, idx, text, start, "end", paragraph FROM sentences '
        "WHERE text_id = ? AND idx = ?",
        (text_id, idx),
    ).fetchone()
    return SentenceRow(*row) if row else None


def sentences_between(
    db: sqlite_utils.Database, text_id: int, first: int, last: int
) -> list[SentenceRow]:
    rows = db.execute(
        'SELECT id, idx, text, start, "end", paragraph FROM sentences '
        "WHERE text_id = ? AND idx BETWEEN ? AND ? ORDER BY idx",
        (text_id, first, last),
    ).fetchall()
    return [SentenceRow(*r) for r in rows]


def tokens_of(db: sqlite_utils.Database, sentence_id: int) -> list[TokenRow]:
    """A sentence's tokens, decoded from its row of :mod:`reader.store.tokens`."""
    return [TokenRow(*r) for r in sentence_tokens(db.conn, sentence_id)]


def find_sentence(db: sqlite_utils.Database, text_id: int, query: str, after: int) -> int | None:
    """The index of the next sentence after ``after`` holding ``query`` (any case; a line
    break in the text counts as a space), going on from the start when none follows."""
    needle = " ".join(query.lower().split())
    if not needle:
        return None
    sql = (
        "SELECT idx FROM sentences WHERE text_id = ? AND idx {} ? "
        "AND instr(lower(replace(text, char(10), ' ')), ?) > 0 ORDER BY idx LIMIT 1"
    )
    for op, bound in ((">", after), ("<=", after)):
        row = db.execute(sql.format(op), (text_id, bound, needle)).fetchone()
        if row is not None:
            return int(row[0])
    return None


def text_ids(db: sqlite_utils.Database) -> list[int]:
    return [int(r[0]) for r in db.execute("SELECT id FROM texts ORDER BY id").fetchall()]


__all__ = ["KNOWN", "SentenceRow", "TextInfo", "TextNotFound", "TokenRow", "list_texts"]
