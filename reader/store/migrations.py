"""Numbered schema migrations, recorded in the database itself.

Each migration is a SQL script applied once, in order, inside one transaction together with the row
that records it, so a database is always at exactly one known version. Add a migration by appending
to :data:`MIGRATIONS`; never edit one that has shipped.

The schema is the learner's open, documented data: see ``docs/schema.md``.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import sqlite_utils

CORE = """
CREATE TABLE texts (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'en',
    source TEXT,                      -- path or '-' for stdin
    sha256 TEXT NOT NULL,             -- of the normalized content; re-importing finds the text
    content TEXT NOT NULL,            -- the normalized text that all offsets point into
    sentence_count INTEGER NOT NULL DEFAULT 0,
    word_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_read_at TEXT
);
CREATE UNIQUE INDEX texts_lang_sha ON texts(lang, sha256);

CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,             -- 0-based position in the text
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,           -- character offsets into texts.content
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (text_id, idx)
);

CREATE TABLE tokens (
    id INTEGER PRIMARY KEY,
    text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,             -- 0-based position in the sentence
    start INTEGER NOT NULL,           -- character offsets into texts.content
    "end" INTEGER NOT NULL,
    surface TEXT NOT NULL,
    lemma TEXT NOT NULL,
    pos TEXT NOT NULL,                -- Universal Dependencies UPOS
    is_word INTEGER NOT NULL,
    term_key TEXT                     -- terms.key this token counts towards; NULL for non-words
);
CREATE INDEX tokens_sentence ON tokens(sentence_id, idx);
CREATE INDEX tokens_term ON tokens(term_key);

-- Status: 0 new, 1-4 learning, 99 known, 98 ignored (the LWT / Lute convention).
CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL DEFAULT 'en',
    key TEXT NOT NULL,                -- lowercased lemma, or lemmas joined by spaces for phrases
    status INTEGER NOT NULL DEFAULT 0,
    gloss TEXT,                       -- the learner's own gloss, shown first
    pos TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (lang, key)
);

CREATE TABLE term_history (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,
    old_status INTEGER,
    new_status INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX term_history_term ON term_history(term_id);

CREATE TABLE positions (
    text_id INTEGER PRIMARY KEY REFERENCES texts(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    furthest_idx INTEGER NOT NULL,    -- for progress: the furthest sentence reached
    updated_at TEXT NOT NULL
);

CREATE TABLE sentence_marks (
    sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
    mark TEXT NOT NULL CHECK (mark IN ('understood', 'partly', 'not')),
    at TEXT NOT NULL
);

-- What the learner did while reading: 'read' a sentence, 'lookup' a word, ...
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    text_id INTEGER REFERENCES texts(id) ON DELETE SET NULL,
    sentence_id INTEGER REFERENCES sentences(id) ON DELETE SET NULL,
    term_key TEXT,
    detail TEXT
);
CREATE INDEX events_kind_at ON events(kind, at);
"""

LEXICON = """
-- Gloss sources: WordNet compiled once, and the learner's imported dictionaries.
CREATE TABLE lex_sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,               -- wordnet, tsv, csv, stardict, freedict
    lang TEXT NOT NULL DEFAULT 'en',
    enabled INTEGER NOT NULL DEFAULT 1,
    priority INTEGER NOT NULL DEFAULT 100,  -- lower shows first
    entry_count INTEGER NOT NULL DEFAULT 0,
    origin TEXT,                      -- where it was read from
    imported_at TEXT NOT NULL
);

CREATE TABLE lex_entries (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES lex_sources(id) ON DELETE CASCADE,
    headword TEXT NOT NULL,           -- lowercased lemma or phrase ("take over")
    pos TEXT,                         -- UPOS where the source says (NOUN, VERB, ADJ, ADV)
    rank INTEGER NOT NULL DEFAULT 0,  -- sense order within the headword, most frequent first
    gloss TEXT NOT NULL,
    example TEXT,
    synonyms TEXT
);
CREATE INDEX lex_entries_headword ON lex_entries(headword, source_id, pos, rank);
CREATE INDEX lex_entries_source ON lex_entries(source_id);
"""

AUDIO = """
CREATE TABLE audio (
    key TEXT PRIMARY KEY,             -- sha256 of engine, voice, lang and text
    engine TEXT NOT NULL,
    voice TEXT NOT NULL,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    path TEXT NOT NULL,               -- relative to the audio directory it was written in
    bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("core", CORE),
    ("lexicon", LEXICON),
    ("audio", AUDIO),
]


def now() -> str:
    """UTC timestamps in ISO 8601, so they sort and compare as text."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_version(db: sqlite_utils.Database) -> int:
    if not db["_migrations"].exists():
        return 0
    row = db.execute("SELECT MAX(number) FROM _migrations").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the schema up to date; returns the number of migrations applied."""
    conn = db.conn
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations "
        "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    conn.commit()
    version = current_version(db)
    if version > len(MIGRATIONS):
        raise sqlite3.DatabaseError(
            f"database schema version {version} is newer than this program's {len(MIGRATIONS)}"
        )
    applied = 0
    for number, (name, script) in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                (number, name, now()),
            )
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
        applied += 1
    return applied


def _statements(script: str) -> list[str]:
    """Split a script on ';' so it runs inside our transaction (executescript would commit)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
