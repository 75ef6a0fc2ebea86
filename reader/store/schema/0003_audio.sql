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
