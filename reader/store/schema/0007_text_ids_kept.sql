-- foreign_keys: off
-- Text ids are never reused: a script that held text 2 must not find another text under 2 after
-- a removal. SQLite gives a rowid table the next id after the largest one left, so removing the
-- last text handed its id to the next import; AUTOINCREMENT remembers the highest id ever used
-- (in sqlite_sequence). The table is rebuilt to change its id column; the runner turns foreign
-- keys off around this file (first line), so dropping the old table cascades to nothing.
CREATE TABLE texts_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO texts_new (id, title, lang, source, sha256, content, sentence_count, word_count,
                       created_at, last_read_at)
SELECT id, title, lang, source, sha256, content, sentence_count, word_count, created_at,
       last_read_at
FROM texts;
DROP TABLE texts;
ALTER TABLE texts_new RENAME TO texts;
CREATE UNIQUE INDEX texts_lang_sha ON texts(lang, sha256);
