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
