"""The translation cache: a sentence or word is sent to a service once, then read from SQLite.

Keyed by engine, both languages and the SHA-256 of the text, like the audio cache is keyed by
what was synthesized; the text itself is kept too, so the table can be read (and exported) as is.
"""

from __future__ import annotations

import hashlib

import sqlite_utils

from reader.store.db import transaction
from reader.store.migrations import now


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cached(
    db: sqlite_utils.Database, engine: str, source: str, target: str, text: str
) -> str | None:
    row = db.conn.execute(
        "SELECT translation FROM translations WHERE engine = ? AND source_lang = ? "
        "AND target_lang = ? AND text_sha256 = ?",
        (engine, source, target, text_key(text)),
    ).fetchone()
    return str(row[0]) if row else None


def any_cached(db: sqlite_utils.Database, source: str, target: str, text: str) -> str | None:
    """A translation by any engine: offline, an old translation beats none."""
    row = db.conn.execute(
        "SELECT translation FROM translations WHERE source_lang = ? AND target_lang = ? "
        "AND text_sha256 = ? ORDER BY created_at DESC LIMIT 1",
        (source, target, text_key(text)),
    ).fetchone()
    return str(row[0]) if row else None


def store(
    db: sqlite_utils.Database,
    engine: str,
    source: str,
    target: str,
    text: str,
    translation: str,
) -> None:
    with transaction(db):
        db.conn.execute(
            "INSERT INTO translations (engine, source_lang, target_lang, text_sha256, text, "
            "translation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (engine, source_lang, target_lang, text_sha256) "
            "DO UPDATE SET translation = excluded.translation, created_at = excluded.created_at",
            (engine, source, target, text_key(text), text, translation, now()),
        )
