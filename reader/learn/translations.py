"""The learner's own translations of sentences, keyed by content like cards.

A translation belongs to a sentence of a text's content (``texts.sha256`` and the sentence's
offsets), not to database ids, so it survives the text being removed and imported again, and
review and export find it from a card's sentence alone. ``lang`` is the language the
translation is written in: the learner's ``native_lang`` (``und``, undetermined, when not set).
"""

from __future__ import annotations

import sqlite_utils

from reader.store import transaction
from reader.store.migrations import now

UNDETERMINED = "und"


def text_sha256(db: sqlite_utils.Database, text_id: int) -> str | None:
    row = db.conn.execute("SELECT sha256 FROM texts WHERE id = ?", (text_id,)).fetchone()
    return str(row[0]) if row and row[0] else None


def get_translation(
    db: sqlite_utils.Database, sha256: str, start: int, end: int, lang: str = ""
) -> str | None:
    """The learner's translation of a sentence: in ``lang`` if there is one, else the latest."""
    row = db.conn.execute(
        "SELECT translation FROM learner_translations WHERE text_sha256 = ? AND start = ? "
        'AND "end" = ? ORDER BY lang = ? DESC, updated_at DESC LIMIT 1',
        (sha256, start, end, lang or UNDETERMINED),
    ).fetchone()
    return str(row[0]) if row else None


def set_translation(
    db: sqlite_utils.Database,
    sha256: str,
    start: int,
    end: int,
    translation: str | None,
    lang: str = "",
) -> None:
    """Save (or, when empty, delete) the learner's translation of a sentence, in one write."""
    lang = lang or UNDETERMINED
    text = " ".join((translation or "").split())
    with transaction(db):
        if not text:
            db.conn.execute(
                "DELETE FROM learner_translations WHERE lang = ? AND text_sha256 = ? "
                'AND start = ? AND "end" = ?',
                (lang, sha256, start, end),
            )
            return
        db.conn.execute(
            'INSERT INTO learner_translations (lang, text_sha256, start, "end", translation, '
            'updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (lang, text_sha256, start, "end") '
            "DO UPDATE SET translation = excluded.translation, updated_at = excluded.updated_at",
            (lang, sha256, start, end, text, now()),
        )
