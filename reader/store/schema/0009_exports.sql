-- Every export the learner made: what went where, and when.
CREATE TABLE exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('anki', 'tsv', 'csv')),
    path TEXT NOT NULL,               -- the file written, as given (absolute)
    deck TEXT,                        -- the Anki deck named in the file
    statuses TEXT NOT NULL,           -- the statuses exported, comma-separated ("1,2,3,4")
    text_id INTEGER,                  -- --text: only that text's terms (no foreign key: a text
                                      --   removed later leaves its exports on record)
    since_last INTEGER NOT NULL DEFAULT 0,  -- 1: only terms changed since the previous one
    terms INTEGER NOT NULL,           -- terms exported
    notes INTEGER NOT NULL,           -- notes (rows) written
    media INTEGER NOT NULL,           -- audio files packed or copied
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL
);
CREATE INDEX exports_kind ON exports(kind, started_at);

-- What the latest export of each kind said about each term: a hash of the note's fields, so
-- `--since-last` exports exactly the terms whose notes would read differently (a new status is
-- not a change to the card; a new gloss, sentence or translation is).
CREATE TABLE export_notes (
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    term_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,        -- SHA-256 of the term's note and cloze fields
    export_id INTEGER NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
    PRIMARY KEY (kind, lang, term_key)
);
CREATE INDEX export_notes_export ON export_notes(export_id);
